"""Export a topic's lesson: slide deck → PPTX, written plan → DOCX or PDF.

The one entry the CLI (``lecturer-app lesson export``) and the GUI call.  It
gathers the records from the workspace, picks the organisation from the
settings, and hands core objects to the format writers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Organization, Topic
from lecturer_app.core.workspace import Workspace
from lecturer_app.i18n import _

FORMATS = ("pptx", "docx", "pdf")


@dataclass
class ExportResult:
    """What an export wrote, for the CLI's JSON and the GUI's message."""

    path: Path
    format: str
    topic_code: str
    pages: int = 0
    theme: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "format": self.format, "topic": self.topic_code, "pages": self.pages,
                "theme": self.theme, "warnings": list(self.warnings)}


def deck_footer(topic: Topic, organization: Organization | None) -> str:
    return " · ".join(part for part in ((organization.name if organization else ""), topic.title) if part)


def export_lesson(workspace: Workspace, topic_code: str, fmt: str, path: Path, *, theme: str = "") -> ExportResult:
    """Write the lesson of *topic_code* as *fmt* (pptx, docx or pdf) to *path*.

    Raises:
        UserFacingError: unknown format, or the topic has no deck/plan.
        RecordNotFound: no topic with that code.
    """
    if fmt not in FORMATS:
        raise UserFacingError(_("Định dạng không hỗ trợ: {fmt} (dùng pptx, docx hoặc pdf)").format(fmt=fmt))
    bank = LessonBank(workspace.store)
    topic = bank.require_topic(topic_code)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pptx":
        return _export_deck(workspace, bank, topic, path, theme)
    return _export_plan(workspace, bank, topic, path, fmt)


def _export_deck(workspace: Workspace, bank: LessonBank, topic: Topic, path: Path, theme_name: str) -> ExportResult:
    from lecturer_app.exporters.pptx_writer import write_pptx
    from lecturer_app.formats.slide_layout import layout_deck, load_theme, theme_names

    deck = bank.deck(topic.id)
    slides = bank.slides(deck.id) if deck else []
    if deck is None or not slides:
        raise UserFacingError(_("Chuyên đề {code} chưa có giáo án điện tử.").format(code=topic.code))
    notes: list[str] = []
    if not theme_name and deck.theme and deck.theme not in theme_names():
        # A deck made on a machine with another theme still exports, in the default theme.
        notes.append(_("Không có mẫu trình chiếu '{name}', dùng mẫu mặc định").format(name=deck.theme))
    theme = load_theme(theme_name or (deck.theme if not notes else ""))
    pages = layout_deck(slides, theme, footer=deck_footer(topic, workspace.organization()))
    report = write_pptx(pages, path, theme=theme, images=workspace.blobs.read_or_none,
                        title=deck.title or topic.title, author=workspace.settings.author_name)
    warnings = notes + [_("Thiếu hình: {name}").format(name=name) for name in report.missing_images]
    return ExportResult(path, "pptx", topic.code, len(pages), theme.name, warnings)


def _export_plan(workspace: Workspace, bank: LessonBank, topic: Topic, path: Path, fmt: str) -> ExportResult:
    from lecturer_app.exporters.plan_document import plan_document

    document = plan_document(bank, topic, workspace.organization())
    images = workspace.blobs.read_or_none
    if fmt == "docx":
        from lecturer_app.exporters.plan_docx import write_plan_docx

        warnings = write_plan_docx(document, path, images=images)
        return ExportResult(path, "docx", topic.code, warnings=warnings)
    from lecturer_app.exporters.plan_pdf import write_plan_pdf

    notes: list[str] = []
    pages = write_plan_pdf(document, path, images=images, warnings=notes)
    return ExportResult(path, "pdf", topic.code, pages, warnings=notes)
