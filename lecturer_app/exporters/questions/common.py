"""What every question exporter shares: the context and the report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from lecturer_app.core.model import Program, Question, Topic
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import XmlSafe, scrub_xml_illegal
from lecturer_app.formats.question_template import LETTERS

TRUE_TEXT = "Đúng"
FALSE_TEXT = "Sai"


@dataclass
class ExportContext:
    """Facts about the bank an export needs beyond the questions themselves.

    Attributes:
        topic_codes: topic id → topic code.
        topic_programs: topic id → code of the topic's home program.
        blobs: where images are read from (None: images are left out and reported).
        option_columns: the most options of any question exported, if known in advance.
    """

    topic_codes: dict[str, str] = field(default_factory=dict)
    topic_programs: dict[str, str] = field(default_factory=dict)
    blobs: BlobStore | None = None
    # The most options any exported question has, when the caller knows it
    # (SQL): lets the XLSX writer stream instead of reading every question first.
    option_columns: int | None = None

    def image_bytes(self, sha256: str) -> bytes | None:
        if self.blobs is None or not self.blobs.has(sha256):
            return None
        return self.blobs.read_bytes(sha256)

    def category(self, question: Question) -> str:
        """Moodle-style category path: program / topic code (empty without topic)."""
        return self.category_of(question.topic_ids)

    def category_of(self, topic_ids: list[str]) -> str:
        """:meth:`category` of a question with these topics."""
        if not topic_ids:
            return ""
        topic_id = topic_ids[0]
        parts = [self.topic_programs.get(topic_id, ""), self.topic_codes.get(topic_id, "")]
        return "/".join(p for p in parts if p)


def writable(questions: Iterable[Question]) -> Iterator[Question]:
    """*questions*, one at a time, with the characters XML cannot hold removed, in place.

    Text imported before the import boundary removed them may still hold a
    NUL or a vertical tab; one would make the DOCX, XLSX and Moodle XML
    writers fail half-way and the QTI package malformed.
    """
    if isinstance(questions, XmlSafe):  # checked as they were read (LessonBank.iter_questions(xml_safe=True))
        yield from questions
        return
    for question in questions:
        scrub_xml_illegal(question)
        yield question


def context_from_store(store: Store, blobs: BlobStore | None = None) -> ExportContext:
    programs = {p.id: p.code for p in store.select(Program)}
    context = ExportContext(blobs=blobs)
    for topic in store.select(Topic):
        context.topic_codes[topic.id] = topic.code
        if topic.memberships:
            context.topic_programs[topic.id] = programs.get(topic.memberships[0].program_id, "")
    return context


@dataclass
class ExportReport:
    """How many questions were written, and why the others (or parts) were not."""

    written: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def skip(self, question: Question, reason: str) -> None:
        self.skipped.append((label(question), reason))

    def to_json(self) -> dict[str, object]:
        return {"exported": self.written,
                "skipped": [{"question": q, "reason": r} for q, r in self.skipped]}


def label(question: Question) -> str:
    """A short way to name a question in a report: its id and the start of its stem."""
    return label_of(question.id, question.stem)


def label_of(question_id: str, stem: str) -> str:
    """:func:`label` of the question with this id and stem."""
    stem = " ".join(stem.split())
    return f"{question_id[:13]} \u00ab{stem[:50]}\u00bb"


def letter(index: int) -> str:
    return LETTERS[index]


def is_true_false_pair(question: Question) -> bool:
    """A single-choice Đúng/Sai question (GIFT {T}, Moodle truefalse)."""
    return (question.type == "single_choice" and len(question.options) == 2
            and [o.text for o in question.options] == [TRUE_TEXT, FALSE_TEXT])


class BlockWriter:
    """Text blocks written as they come, separated by a blank line (what ``"\\n\\n".join`` gave)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first = True

    def add(self, block: str) -> None:
        if not self.first:
            self.out.write("\n\n")
        self.out.write(block)
        self.first = False
