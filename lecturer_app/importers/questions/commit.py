"""Deciding what a read file adds to the bank, and writing it in one transaction.

:func:`plan_import` is the preview (used by ``--dry-run`` and the GUI import
dialog): it maps categories to topics, level or tags, and drops questions the
bank already has or that repeat an earlier item of the same file.
:func:`commit_import` writes the planned questions and their images.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lecturer_app.core.errors import Problem
from lecturer_app.core.model import DEFAULT_LEVELS, Question, Topic
from lecturer_app.core.questions.dedupe import bank_keys, dedupe_key
from lecturer_app.core.questions.levels import match_level
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import fold
from lecturer_app.i18n import _
from lecturer_app.importers.questions.report import ImportResult, ParsedItem

# Category segments that carry no meaning of their own (Moodle's context roots).
_NOISE_SEGMENTS = {"$course$", "$system$", "$module$", "$coursecategory$", "top", "mac dinh", "default"}


@dataclass
class ImportPlan:
    """What a commit would write, and everything that is left out, with reasons."""

    result: ImportResult
    new: list[ParsedItem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)

    def to_json(self, imported: int | None = None) -> dict[str, object]:
        return {"imported": len(self.new) if imported is None else imported,
                # Parts left out of an imported question (a picture not found) are listed too (docs/cli.md).
                "skipped": [p.to_json() for p in (*self.result.warnings, *self.skipped)],
                "questions": [item.to_json() for item in self.new]}


def plan_import(result: ImportResult, store: Store, *, topic_ids: Sequence[str] = (),
                levels: Sequence[str] = DEFAULT_LEVELS) -> ImportPlan:
    """Preview the import of *result*: nothing is written."""
    plan = ImportPlan(result, skipped=list(result.problems))
    known = bank_keys(store)
    seen: dict[str, str] = {}
    topics = _topic_lookup(store)
    for item in result.items:
        _apply_category(item, topics, levels)
        if topic_ids:
            item.question.topic_ids = list(topic_ids)
        key = dedupe_key(item.question)
        if key in known:
            plan.skipped.append(_already_in_bank(item, known[key]))
        elif key in seen:
            plan.skipped.append(Problem(item.file, item.location, _("trùng với câu ở {where}").format(where=seen[key])))
        else:
            seen[key] = item.where
            plan.new.append(item)
    return plan


def commit_import(plan: ImportPlan, store: Store, blobs: BlobStore | None, *, source: str = "") -> list[Question]:
    """Write the planned questions (and the images they use) in one transaction.

    The bank is checked again for each question inside the write transaction,
    which holds the write lock from its start: two imports of the same file
    at once (two windows, a window and the CLI) add each question once; what
    the other import added meanwhile is moved to ``plan.skipped``.
    """
    summary = _("Nhập từ {name}").format(name=plan.result.path.name)
    with store.transaction(immediate=True):
        _drop_known(plan, store)
        saved = [item.question for item in plan.new]
        for question in saved:
            if not question.source:
                question.source = source or plan.result.path.name
        if blobs is not None:
            for digest in {ref.sha256 for question in saved for ref in _images(question)}:
                blobs.put_bytes(plan.result.blobs[digest])
        store.save_many(saved, summary=summary)
    return saved


def _drop_known(plan: ImportPlan, store: Store) -> None:
    """Move to the skipped list the planned questions the bank holds by now."""
    known = bank_keys(store)
    kept = []
    for item in plan.new:
        existing = known.get(dedupe_key(item.question))
        if existing:
            plan.skipped.append(_already_in_bank(item, existing))
        else:
            kept.append(item)
    plan.new = kept


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


def _apply_category(item: ParsedItem, topics: dict[str, str], levels: Sequence[str]) -> None:
    """Category segments become a topic (code or title), the level, or tags."""
    question = item.question
    for segment in (s.strip() for s in item.category.split("/")):
        key = " ".join(fold(segment).split())
        if not key or key in _NOISE_SEGMENTS or key.startswith("default for"):
            continue
        level = match_level(segment, levels)
        if level and not question.level:
            question.level = level
        elif key in topics:
            if topics[key] not in question.topic_ids:
                question.topic_ids.append(topics[key])
        elif segment not in question.tags:
            question.tags.append(segment)


def _already_in_bank(item: ParsedItem, question_id: str) -> Problem:
    # The whole id: a UUIDv7's first characters are its timestamp, shared by questions imported together.
    return Problem(item.file, item.location, _("đã có trong ngân hàng (câu {id})").format(id=question_id))
