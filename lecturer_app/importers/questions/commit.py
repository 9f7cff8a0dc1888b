"""Deciding what a read file adds to the bank, and writing it in batches.

:func:`plan_import` is the preview (used by ``--dry-run`` and the GUI import
dialog): it maps categories to topics, level or tags, and drops questions the
bank already has or that repeat an earlier item of the same file.
:func:`commit_import` writes the planned questions and their images, in
batches of whole questions (one transaction each) so that a long import does
not lock other writers out.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field

from lecturer_app.core.errors import Problem, UserFacingError, error_reason
from lecturer_app.core.model import DEFAULT_LEVELS, Question, Topic
from lecturer_app.core.questions.dedupe import BankKeys, dedupe_key, dedupe_keys
from lecturer_app.core.questions.levels import match_level
from lecturer_app.core.second_core import RunQueue
from lecturer_app.core.store import question_rows, summaries
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.bulk import gc_paused
from lecturer_app.core.store.db import BATCH_SECONDS, PAUSE_SECONDS
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import fold
from lecturer_app.i18n import _
from lecturer_app.importers.questions.bodies_ahead import Bodies, BodiesAhead
from lecturer_app.importers.questions.report import ImportResult, ParsedItem

# The page cache while an import writes (core.store.db.Database.larger_cache): a batch of 10,000 questions
# changes about 30 MB of pages; 32 MB took a tenth off its SQL, more gave nothing measurable.
IMPORT_CACHE_MB = 32
Body = tuple[str, question_rows.Prepared]
# Category segments that carry no meaning of their own (Moodle's context roots).
_NOISE_SEGMENTS = {"$course$", "$system$", "$module$", "$coursecategory$", "top", "mac dinh", "default"}


@dataclass
class ImportPlan:
    """What a commit would write, and everything that is left out, with reasons."""

    result: ImportResult
    new: list[ParsedItem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    # The bank's dedupe keys as the plan read them: the commit catches up with what changed since instead of
    # reading and folding every question of the bank a second time (issue #16: twice the bank per import).
    known: BankKeys = field(default_factory=BankKeys)

    def to_json(self, imported: int | None = None) -> dict[str, object]:
        return {"imported": len(self.new) if imported is None else imported,
                # Parts left out of an imported question (a picture not found) are listed too (docs/cli.md).
                "skipped": [p.to_json() for p in (*self.result.warnings, *self.skipped)],
                "questions": [item.to_json() for item in self.new]}


def plan_import(result: ImportResult, store: Store, *, topic_ids: Sequence[str] = (),
                levels: Sequence[str] = DEFAULT_LEVELS) -> ImportPlan:
    """Preview the import of *result*: nothing is written."""
    with gc_paused():  # every question keyed, the bank's keys read: no cycles among them (core/store/bulk.py)
        return _plan(result, store, topic_ids, levels)


def _plan(result: ImportResult, store: Store, topic_ids: Sequence[str], levels: Sequence[str]) -> ImportPlan:
    samples = RunQueue()  # sampled along the plan's first steps: whether a second process may key half the items
    plan = ImportPlan(result, skipped=list(result.problems))
    known = plan.known
    known.refresh(store)
    samples.sample()
    topics = _topic_lookup(store)
    categories: dict[str, list[tuple[str, str, str | None]]] = {}
    for item in result.items:
        _apply_category(item, topics, levels, categories)
        if topic_ids:
            item.question.topic_ids = list(topic_ids)
    samples.sample()
    # Categories change no text a key is made of: every item is keyed after them, maybe half in a child.
    keys = dedupe_keys([item.question for item in result.items], samples)
    seen: dict[str, str] = {}
    for item, key in zip(result.items, keys, strict=True):
        item.dedupe_key = key
        if existing := known.get(key):
            plan.skipped.append(_already_in_bank(item, existing))
        elif key in seen:
            plan.skipped.append(Problem(item.file, item.location, _("trùng với câu ở {where}").format(where=seen[key])))
        else:
            seen[key] = item.where
            plan.new.append(item)
    return plan


def commit_import(plan: ImportPlan, store: Store, blobs: BlobStore | None, *, source: str = "") -> list[Question]:
    """Write the planned questions (and the images they use) in batches of whole questions.

    Each batch is one transaction of about :data:`BATCH_SECONDS`, followed by a short pause, so a
    long import does not lock other writers (the GUI saving a plan, a ``topics`` command) out: they
    wait briefly on the busy timeout and get in between two batches.  Each batch checks the bank
    again for its questions after taking the write lock: two imports of the same file at once
    (two windows, a window and the CLI) add each question once; what the other import added
    meanwhile is moved to ``plan.skipped``.  ``plan.new`` ends as the questions written.

    Interrupted (killed, the disk full, another writer holding the lock past the busy timeout),
    the import leaves whole batches of whole questions, each with its images, and nothing of the
    batch it was writing; importing the file again adds the rest (the others are reported as
    already in the bank).  An error after some batches is raised as :class:`ImportInterrupted`,
    which says how many questions were written.
    """
    pending, plan.new = plan.new, []
    source = source or plan.result.path.name
    # The bodies, made beside the writer by a second process when a core is free (importers/questions/bodies_ahead.py).
    ahead = BodiesAhead([item.question for item in pending], source, _BatchWriter.CHUNK)
    summary = summaries.IMPORT_QUESTIONS.format(name=plan.result.path.name)
    writer = _BatchWriter(plan, store, blobs, summary, source, ahead)
    # The cyclic GC paused: bodies, revisions and rows by the ten thousand and no cycles (core/store/bulk.py);
    # its full collections walking them all were a tenth of an import.
    with store.db.announce(_("Nhập câu hỏi từ {name}").format(name=plan.result.path.name)) as still_running, \
            gc_paused(), store.db.larger_cache(IMPORT_CACHE_MB), closing(ahead):
        position = 0
        while position < len(pending):
            if position:
                time.sleep(PAUSE_SECONDS)
            try:
                position = writer.write_batch(pending, position, still_running)
            except (UserFacingError, sqlite3.Error, OSError) as exc:
                if not plan.new:
                    raise
                raise ImportInterrupted(len(plan.new), len(pending), exc) from exc
    return [item.question for item in plan.new]


class ImportInterrupted(UserFacingError):
    """An import stopped after writing some of its questions (whole questions, whole batches)."""

    def __init__(self, written: int, planned: int, cause: Exception) -> None:
        super().__init__(_("Nhập câu hỏi bị dừng giữa chừng: đã ghi {written}/{planned} câu (mỗi câu ghi trọn "
                           "vẹn). Nhập lại tệp để thêm các câu còn lại. Lý do: {cause}").format(
            written=written, planned=planned, cause=error_reason(cause)))
        self.written = written
        self.planned = planned


class _BatchWriter:
    """Writes one batch of planned questions per call, each in its own transaction."""

    # Questions are saved this many at a time inside a batch, so the batch's clock is checked often (a few
    # hundredths of a second).  Not fewer: each chunk's first statements make the full-text tables write what
    # they hold as a new segment, which they merge again later; 25 at a time made 400 segments a table at
    # 10,000 questions and a third of the import's time in SQLite (issue #16).
    CHUNK = 500

    def __init__(self, plan: ImportPlan, store: Store, blobs: BlobStore | None, summary: str, source: str,
                 ahead: BodiesAhead) -> None:
        self.plan, self.store, self.blobs = plan, store, blobs
        self.summary, self.source, self.ahead = summary, source, ahead
        self.known = plan.known

    def write_batch(self, pending: list[ParsedItem], position: int, still_running: Callable[[], None]) -> int:
        """Write from *position* for about BATCH_SECONDS; return the position after the batch."""
        written: list[ParsedItem] = []
        # The batch's full-text rows, written last: one new segment a table per batch, not one per chunk.
        index_later = question_rows.IndexLater()
        with self.store.transaction(immediate=True):
            still_running()
            self.known.refresh(self.store)
            started = time.monotonic()
            while True:  # at least one chunk per batch, whatever the clock says
                bodies = self.ahead.get(position)
                chunk = self._new_only(pending[position:position + self.CHUNK], bodies)
                position = min(position + self.CHUNK, len(pending))
                self._save(chunk, index_later)
                # Known from here on without reading the questions back (nor folding them again).
                self.known.add_written(self.store, [(item.question.id, key) for item, key, _body in chunk])
                written += [item for item, _key, _body in chunk]
                if position == len(pending) or time.monotonic() - started >= BATCH_SECONDS:
                    break
            index_later.write(self.store.db)
        self.plan.new += written  # only once the batch is committed
        return position

    def _new_only(self, items: list[ParsedItem], bodies: Bodies) -> list[tuple[ParsedItem, str, Body]]:
        """The items the bank does not hold yet, each with its dedupe key and body; the others go to the skipped
        list."""
        kept = []
        for item, body in zip(items, bodies, strict=True):
            key = item.dedupe_key or dedupe_key(item.question)  # folded once, when planned
            existing = self.known.get(key)
            if existing:
                self.plan.skipped.append(_already_in_bank(item, existing))
            else:
                kept.append((item, key, body))
        return kept

    def _save(self, chunk: list[tuple[ParsedItem, str, Body]], index_later: question_rows.IndexLater) -> None:
        questions = [item.question for item, _key, _body in chunk]
        for question in questions:
            question.source = question.source or self.source  # as the body was made (bodies_ahead.make_bodies)
        if self.blobs is not None:
            # Images first: a committed question never lacks one (a rolled-back batch leaves unused files, which
            # ``check`` lists).
            for digest in {ref.sha256 for question in questions for ref in _images(question)}:
                self.blobs.put_bytes(self.plan.result.blobs[digest])
        # Inside write_batch's transaction, which a failure rolls back whole.
        self.store.save_prepared(questions, [body for _item, _key, body in chunk], summary=self.summary,
                                 question_index=index_later)


def _images(question: Question):
    yield from question.images
    for option in question.options:
        if option.image is not None:
            yield option.image


def _topic_lookup(store: Store) -> dict[str, str]:
    """Folded topic code and folded title → topic id."""
    lookup: dict[str, str] = {}
    for topic in store.select(Topic):
        lookup.setdefault(fold(topic.code), topic.id)
        lookup.setdefault(" ".join(fold(topic.title).split()), topic.id)
    return lookup


def _apply_category(item: ParsedItem, topics: dict[str, str], levels: Sequence[str],
                    categories: dict[str, list[tuple[str, str, str | None]]]) -> None:
    """Category segments become a topic (code or title), the level, or tags.

    *categories* keeps each category's segments as read (a file has few categories, often none: folding
    each question's empty category was a twentieth of the plan, issue #16).
    """
    question = item.question
    segments = categories.get(item.category)
    if segments is None:
        segments = categories[item.category] = _category_segments(item.category, levels)
    for segment, key, level in segments:
        if level and not question.level:
            question.level = level
        elif key in topics:
            if topics[key] not in question.topic_ids:
                question.topic_ids.append(topics[key])
        elif segment not in question.tags:
            question.tags.append(segment)


def _category_segments(category: str, levels: Sequence[str]) -> list[tuple[str, str, str | None]]:
    """The segments of *category* that say something: (segment, its folded key, the level it names or None)."""
    segments = []
    for segment in (s.strip() for s in category.split("/")):
        key = " ".join(fold(segment).split())
        if not key or key in _NOISE_SEGMENTS or key.startswith("default for"):
            continue
        segments.append((segment, key, match_level(segment, levels)))
    return segments


def _already_in_bank(item: ParsedItem, question_id: str) -> Problem:
    # The whole id: a UUIDv7's first characters are its timestamp, shared by questions imported together.
    return Problem(item.file, item.location, _("đã có trong ngân hàng (câu {id})").format(id=question_id))
