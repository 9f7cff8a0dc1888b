"""The common result of reading a question file: items, problems and images.

Nothing here writes: a result is a preview.  Each problem names the file and
the place in it (line, row or paragraph) and says why, in Vietnamese.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.errors import Problem
from lecturer_app.core.model import ImageRef, Question
from lecturer_app.core.questions.referring import pin_referring_options
from lecturer_app.core.questions.rules import problems as rule_problems
from lecturer_app.core.text.normalize import nfc, scrub_xml_illegal
from lecturer_app.formats.pictures import oversized


@dataclass
class ParsedItem:
    """One question read from a file.

    Attributes:
        question: the question, without id or topics yet.
        where: file name and place, e.g. "de.docx, đoạn 12".
        category: a category path ("$course$/CĐ03/Nhận biết", "Chương 1"),
            mapped to topics, level or tags when committed.
    """

    question: Question
    where: str
    category: str = ""
    file: str = ""
    location: str = ""  # the place without the file name, e.g. "đoạn 12"
    # ``core.questions.dedupe.dedupe_key`` of the question, set when the import is planned (its stem, options
    # and answers are not changed between the preview and the commit).
    dedupe_key: str = ""

    def to_json(self) -> dict[str, object]:
        q = self.question
        return {"type": q.type, "stem": q.stem,
                "options": [{"text": o.text, "correct": o.correct} for o in q.options],
                "level": q.level, "where": self.where}


@dataclass
class ImportResult:
    """What one file holds, as far as it could be read."""

    path: Path
    format: str
    items: list[ParsedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blobs: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # Items that ARE imported, with something the lecturer should check (say, a missing picture);
    # kept apart from ``problems`` so no "Bỏ qua" row ever describes an imported question.
    warnings: list[Problem] = field(default_factory=list)
    cleaned: tuple[int, str] = (0, "")  # control characters removed, and the first place

    def place(self, where: str) -> str:
        """*where* prefixed with the file name."""
        return f"{self.path.name}, {where}" if where else self.path.name

    def problem(self, where: str, reason: str) -> None:
        self.problems.append(Problem(self.path.name, where, reason))

    def warning(self, where: str, reason: str) -> None:
        """The item at *where* is imported, but *reason* needs the lecturer's eye."""
        self.warnings.append(Problem(self.path.name, where, reason))

    def unexpected(self, where: str, error: Exception) -> None:
        """Record an item that broke the reader: the rest of the file still imports."""
        from lecturer_app.i18n import _

        self.problem(where, _("không đọc được mục này ({error})").format(error=f"{type(error).__name__}: {error}"))

    def add_parsed(self, where: str, parse: Callable[[], Question], category: str = "") -> bool:
        """Parse one item and keep it; a ValueError is the item's problem, anything else is
        recorded as unexpected — one broken item never fails the file.  True when kept."""
        try:
            question = parse()
        except ValueError as exc:
            self.problem(where, str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - reported per item, never fatal
            self.unexpected(where, exc)
            return False
        return self.add(question, where, category)

    def add(self, question: Question, where: str, category: str = "", *, xml_safe: bool = False) -> bool:
        """Keep *question* if it is well-formed, else record why not; True when kept.

        *xml_safe* says every text of *question* was cut from text already rid of the characters XML
        cannot hold (the spreadsheet reader cleans each cell and counts them), so the walk that removes
        them here is skipped: it was a tenth of an XLSX import (issue #16).
        """
        removed = 0 if xml_safe else scrub_xml_illegal(question)
        if removed:
            self.note_cleaned(where, removed)
        question.stem = question.stem.strip()
        reasons = rule_problems(question)
        if reasons:
            self.problem(where, "; ".join(reasons))
            return False
        _nfc_question(question)
        pin_referring_options(question)  # "Tất cả các đáp án trên" keeps its place when shuffled
        name = self.path.name  # what place() prefixes, read once (a property worked out on each call)
        self.items.append(ParsedItem(question, f"{name}, {where}" if where else name, nfc(category), name, where))
        return True

    def note_cleaned(self, where: str, count: int = 1) -> None:
        """One note for the file, updated as found: control characters XML cannot hold were removed."""
        from lecturer_app.i18n import ngettext

        def note(n: int, place: str) -> str:
            return ngettext("đã bỏ {n} ký tự điều khiển không hợp lệ (NUL, VT…), đầu tiên ở {where}", n).format(
                n=n, where=place)

        if self.cleaned[0]:
            self.notes.remove(note(*self.cleaned))
            self.cleaned = (self.cleaned[0] + count, self.cleaned[1])
        else:
            self.cleaned = (count, self.place(where))
        self.notes.append(note(*self.cleaned))

    def add_image(self, data: bytes, filename: str, alt: str = "") -> ImageRef | None:
        """Hold image bytes until commit; returns the reference to put in a question.

        None, with a warning, for a picture too large to decode (``formats.pictures``): the
        question is imported without it.
        """
        too_big = oversized(data)
        if too_big:
            self.warning("", f"{nfc(filename)}: {too_big}")
            return None
        digest = hashlib.sha256(data).hexdigest()
        self.blobs[digest] = data
        return ImageRef(sha256=digest, filename=nfc(filename), alt=nfc(alt))


def _nfc_question(question: Question) -> None:
    """NFC every text of *question* in place (cheaper than a body round trip; runs per imported item)."""
    question.stem, question.guide, question.feedback = nfc(question.stem), nfc(question.guide), nfc(question.feedback)
    question.level, question.source, question.name = nfc(question.level), nfc(question.source), nfc(question.name)
    question.answers = [nfc(a) for a in question.answers]
    question.tags = [nfc(t) for t in question.tags]
    for option in question.options:
        option.text = nfc(option.text)
    for item in question.rubric:
        item.text = nfc(item.text)
