"""The work the document actions run on a worker thread (no widgets here).

Each function opens its own store through ``AppContext.worker_store()`` (the
GUI thread's connection is never used off the GUI thread) and calls the same
core entry points as the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lecturer_app.core.workspace import Workspace
from lecturer_app.i18n import _

EXPORT_FORMATS = ("pptx", "docx", "pdf", "handout")
Report = Callable[..., None]


@dataclass(frozen=True)
class ExportRequest:
    """What the user chose in the export dialog."""

    topic_code: str
    fmt: str
    path: Path
    theme: str = ""


@contextmanager
def worker_workspace(context: Any) -> Iterator[Workspace]:
    """A ``Workspace`` over a worker-thread store of the same data folder."""
    with context.worker_store() as store:
        ws = context.workspace
        yield Workspace(ws.data_dir, store.db, store, ws.blobs, context.settings)


def run_export(context: Any, request: ExportRequest, report: Report) -> dict[str, Any]:
    """Write the file of *request*; returns the JSON-style result (path, pages, warnings…)."""
    report(0, 0, request.path.name)  # one step: the dialog shows a busy bar
    with worker_workspace(context) as workspace:
        if request.fmt == "handout":
            result = _handout(workspace, request)
        else:
            from lecturer_app.exporters.lesson_export import export_lesson

            result = export_lesson(workspace, request.topic_code, request.fmt, request.path,
                                   theme=request.theme).to_json()
    # No report after the write: one would raise on a Hủy pressed meanwhile, and a file already written would
    # end as "cancelled", with no notice, although it is there.
    return result


def _handout(workspace: Workspace, request: ExportRequest) -> dict[str, Any]:
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.exporters.handout_pdf import collect_materials, write_handout

    bank = LessonBank(workspace.store)
    handout = collect_materials(bank, bank.require_topic(request.topic_code))
    request.path.parent.mkdir(parents=True, exist_ok=True)
    pages = write_handout(handout, request.path)
    warnings = [handout.note()] if handout.plan_heading else []
    if not handout.materials:  # a page with nothing to scan: the notice must not read as a plain success
        warnings.append(_("Phiếu chưa có tài liệu nào để quét. Hãy thêm đường dẫn (trang chiếu «Mã QR / tài liệu» "
                          "hoặc mục Tài liệu của giáo án viết) hoặc đính kèm tệp ở thẻ «Tệp đính kèm»."))
    return {"path": str(request.path), "format": "handout", "topic": request.topic_code, "pages": pages,
            "theme": "", "warnings": warnings}


def run_import(context: Any, topic_code: str, path: Path, report: Report) -> dict[str, Any]:
    """Import *path* into the topic in one transaction; returns the import report as JSON."""
    from lecturer_app.importers.lesson_import import import_lesson

    report(0, 0, path.name)
    with worker_workspace(context) as workspace:
        result = import_lesson(workspace, topic_code, path).to_json()
    # Committed: a Hủy pressed meanwhile must not hide it (the open editors reload from the result).
    return result


def has_existing(context: Any, topic_id: str, suffix: str) -> bool:
    """True when importing a file with *suffix* would replace the topic's deck or plan."""
    bank = context.bank
    return (bank.deck(topic_id) if suffix == ".pptx" else bank.plan(topic_id)) is not None
