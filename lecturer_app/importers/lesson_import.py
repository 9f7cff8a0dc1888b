"""Import a lecturer's file into a topic: .pptx → slide deck, .docx → written plan.

One call is one transaction: either the whole deck/plan (and the original
file kept as an attachment) is stored, or nothing is.  A topic that already
has a deck/plan keeps its records: each is saved with the imported content as
a new revision (history keeps the old one), and records left over are
tombstoned, which history can restore; the result says how many.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.errors import InputFileError, Problem
from lecturer_app.core.model import (
    Attachment,
    PlanSection,
    Slide,
    SlideDeck,
    Topic,
    WrittenPlan,
)
from lecturer_app.core.plans.outline import section_kind
from lecturer_app.core.positions import spread
from lecturer_app.core.store import summaries
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.workspace import Workspace
from lecturer_app.i18n import _
from lecturer_app.importers.round_trip import (
    keep_unchanged_bodies,
    keep_unprinted,
    same_sections,
    same_slides,
    without_print_only,
)

MAX_FILE_BYTES = 200 * 1024 * 1024
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class LessonImportResult:
    """What an import stored, converted and skipped (the CLI's ``--json`` report)."""

    kind: str
    topic_code: str
    file: str
    replaced: bool = False
    items: int = 0
    removed: int = 0
    pictures: int = 0
    tables: int = 0
    attachment_id: str = ""
    converted: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)   # not imported at all
    as_text: list[Problem] = field(default_factory=list)   # imported as text only (a chart's numbers, SmartArt)
    split: list[Problem] = field(default_factory=list)     # tables put on a slide of their own
    slides: list[dict[str, Any]] = field(default_factory=list)
    unchanged: bool = False   # the file holds what the topic already has: nothing was written

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "topic": self.topic_code, "file": self.file, "replaced": self.replaced,
                "unchanged": self.unchanged,
                "items": self.items, "removed": self.removed, "pictures": self.pictures, "tables": self.tables,
                "attachment_id": self.attachment_id, "converted": self.converted,
                "skipped": [p.to_json() for p in self.skipped], "as_text": [p.to_json() for p in self.as_text],
                "split": [p.to_json() for p in self.split], "slides": self.slides}


def import_lesson(workspace: Workspace, topic_code: str, path: Path) -> LessonImportResult:
    """Import *path* (.pptx or .docx) into the topic *topic_code*.

    Raises:
        InputFileError: unsupported, too large or unreadable file.
        RecordNotFound: no topic with that code.
    """
    path = Path(path)
    topic = LessonBank(workspace.store).require_topic(topic_code)
    suffix = path.suffix.lower()
    if suffix in (".ppt", ".doc"):
        raise InputFileError(path, "", _("tệp {suffix} kiểu cũ: hãy mở bằng PowerPoint, Word hoặc LibreOffice và "
                                         "lưu thành {new} rồi nhập lại").format(suffix=suffix, new=suffix + "x"))
    if suffix not in (".pptx", ".docx"):
        raise InputFileError(path, "", _("chỉ nhập được tệp .pptx (giáo án điện tử) hoặc .docx (giáo án viết)"))
    if not path.is_file():
        raise InputFileError(path, "", _("không tìm thấy tệp"))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputFileError(path, "", _("tệp quá lớn (tối đa {mb} MB)").format(mb=MAX_FILE_BYTES >> 20))
    if suffix == ".pptx":
        return _import_deck(workspace, topic, path)
    return _import_plan(workspace, topic, path)


def _attachment(workspace: Workspace, owner_id: str, path: Path, role: str, mime: str) -> Attachment:
    sha256, size = workspace.blobs.put_file(path)
    existing = [a for a in LessonBank(workspace.store).attachments(owner_id) if a.sha256 == sha256 and a.role == role]
    if existing:
        return existing[0]
    return Attachment(owner_id=owner_id, sha256=sha256, size=size, mime=mime or "application/octet-stream",
                      filename=path.name, role=role)


def _import_deck(workspace: Workspace, topic: Topic, path: Path) -> LessonImportResult:
    from lecturer_app.importers.pptx_import import read_pptx

    imported = read_pptx(path, workspace.blobs)
    store, bank = workspace.store, LessonBank(workspace.store)
    summary = summaries.IMPORT_DECK.format(name=path.name)
    result = LessonImportResult("deck", topic.code, str(path))
    with store.transaction():
        deck = bank.deck(topic.id)
        result.replaced = deck is not None
        old = bank.slides(deck.id) if deck is not None else []
        keep_unprinted(imported.slides, old)
        if deck is not None and deck.title == imported.title and same_slides(imported.slides, old):
            result.unchanged = True  # our own export coming back: no revision, no attachment, no sync change
            return _deck_report(result, imported)
        deck = deck or SlideDeck(topic_id=topic.id)
        deck.title = imported.title
        store.save(deck, summary=summary)
        original = _attachment(workspace, deck.id, path, "original_pptx", PPTX_MIME)
        store.save(original, summary=summary)
        if original.id not in deck.source_attachment_ids:
            deck.source_attachment_ids.append(original.id)
            store.save(deck, summary=summary)
        result.removed = _replace_slides(store, deck, topic, imported.slides, old, summary)
    result.attachment_id = original.id
    return _deck_report(result, imported)


def _deck_report(result: LessonImportResult, imported) -> LessonImportResult:
    result.items = len(imported.slides)
    result.pictures = sum(r.pictures for r in imported.reports)
    result.tables = sum(r.tables for r in imported.reports)
    result.converted = [c.to_json() for c in imported.converter.conversions]
    name = Path(result.file).name
    result.skipped = [Problem(name, "", p) for p in imported.problems] + [
        Problem(name, _("trang {n}").format(n=r.number), s) for r in imported.reports for s in r.skipped]
    result.as_text = [Problem(name, _("trang {n}").format(n=r.number), s) for r in imported.reports for s in r.as_text]
    result.split = [Problem(name, _("trang {n}").format(n=r.number), s) for r in imported.reports for s in r.split]
    result.slides = [r.to_json() for r in imported.reports]
    return result


def _replace_slides(store: Store, deck: SlideDeck, topic: Topic, slides: list[Slide], old: list[Slide],
                    summary: str) -> int:
    """Save *slides* over the *old* records in order; tombstone the rest. Returns how many were removed."""
    positions = [o.position for o in old] if len(old) == len(slides) else spread(len(slides))
    for slide, position, previous in zip(slides, positions, old + [None] * len(slides)):
        slide.id = previous.id if previous is not None else ""
        slide.deck_id, slide.topic_id, slide.position = deck.id, topic.id, position
        store.save(slide, summary=summary)
    for leftover in old[len(slides):]:
        store.delete(leftover.id, summary=summary)
    return max(0, len(old) - len(slides))


def _import_plan(workspace: Workspace, topic: Topic, path: Path) -> LessonImportResult:
    from lecturer_app.importers.docx_plan_import import read_docx_plan

    imported = read_docx_plan(path, workspace.blobs)
    if not imported.sections:
        raise InputFileError(path, "", _("không tìm thấy nội dung giáo án trong tệp"))
    store, bank = workspace.store, LessonBank(workspace.store)
    summary = summaries.IMPORT_PLAN.format(name=path.name)
    result = LessonImportResult("plan", topic.code, str(path))
    sections = without_print_only(imported.sections)
    with store.transaction():
        plan = bank.plan(topic.id)
        result.replaced = plan is not None
        old_sections = bank.sections(plan.id) if plan is not None else []
        sections = keep_unchanged_bodies(sections, old_sections)
        if plan is not None and _merged_header(plan.header, imported.header, topic.title) == plan.header \
                and same_sections(sections, old_sections):
            result.unchanged = True  # our own export coming back: no revision, no attachment, no sync change
            return _plan_report(result, imported, sections)
        plan = plan or WrittenPlan(topic_id=topic.id)
        plan.header = _merged_header(plan.header, imported.header, topic.title)
        store.save(plan, summary=summary)
        original = _attachment(workspace, plan.id, path, "original_docx", DOCX_MIME)
        store.save(original, summary=summary)
        for sha256, filename in imported.images:
            size = workspace.blobs.path(sha256).stat().st_size
            store.save(_image_attachment(bank, plan.id, sha256, filename, size), summary=summary)
        result.removed = _replace_sections(store, plan, topic, sections, old_sections, summary)
    result.attachment_id = original.id
    return _plan_report(result, imported, sections)


def _plan_report(result: LessonImportResult, imported, sections: list[tuple[str, str]]) -> LessonImportResult:
    result.items = len(sections)
    result.pictures, result.tables = len(imported.images), imported.tables
    result.converted = [c.to_json() for c in imported.converter.conversions]
    result.skipped = [Problem(Path(result.file).name, "", s) for s in imported.skipped]
    return result


def _merged_header(old: dict[str, str], new: dict[str, str], topic_title: str = "") -> dict[str, str]:
    """Imported fields win, except a title that only differs in case (the printed title is upper-case).

    A plan without its own title prints the topic's, in capitals: that one is not a new title either.
    """
    merged = dict(old)
    for key, value in new.items():
        if key == "ten_bai" and (old.get(key) or topic_title).upper() == value.upper():
            continue
        merged[key] = value
    return merged


def _image_attachment(bank: LessonBank, owner_id: str, sha256: str, filename: str, size: int) -> Attachment:
    for existing in bank.attachments(owner_id):
        if existing.sha256 == sha256 and existing.role == "image":
            return existing
    mime = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return Attachment(owner_id=owner_id, sha256=sha256, size=size, mime=mime, filename=filename, role="image")


def _replace_sections(store: Store, plan: WrittenPlan, topic: Topic, sections: list[tuple[str, str]],
                      old: list[PlanSection], summary: str) -> int:
    # Same number of sections: each keeps its place (a changed position would be an edit of its own).
    positions = [o.position for o in old] if len(old) == len(sections) else spread(len(sections))
    for (heading, body), position, previous in zip(sections, positions, old + [None] * len(sections)):
        record = previous or PlanSection(plan_id=plan.id, topic_id=topic.id)
        if record.heading != heading or not record.kind:
            record.kind = section_kind(heading)
        record.position, record.heading, record.body = position, heading, body
        store.save(record, summary=summary)
    for leftover in old[len(sections):]:
        store.delete(leftover.id, summary=summary)
    return max(0, len(old) - len(sections))
