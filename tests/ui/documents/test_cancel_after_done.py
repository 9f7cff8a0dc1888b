"""«Hủy» pressed while an export writes its file, or while an import writes the topic: the work cannot stop
half-way, so what it did is reported (the notice, the editors reloaded) instead of vanishing as "cancelled"
with the file written or the topic changed behind the lecturer's back."""

from __future__ import annotations

import pytest

from lecturer_app.ui.documents import work
from lecturer_app.ui.operations import OperationCancelled


def _cancelled_after_start():
    """A progress report whose Hủy was pressed just after the work began (every later report raises)."""
    calls = []

    def report(done: int, total: int, text: str = "") -> None:
        calls.append(done)
        if len(calls) > 1:
            raise OperationCancelled()

    return report


@pytest.mark.parametrize("fmt", ["pptx", "docx", "pdf", "handout"])
def test_an_export_cancelled_while_writing_reports_the_file_it_wrote(context, topic, tmp_path, fmt):
    target = tmp_path / f"bai.{'pdf' if fmt == 'handout' else fmt}"
    request = work.ExportRequest(topic.code, fmt, target)
    result = work.run_export(context, request, _cancelled_after_start())
    assert target.is_file() and result["path"] == str(target)


def test_an_import_cancelled_while_writing_reports_what_it_imported(context, topic, tmp_path):
    from lecturer_app.core.model import Bullet, Slide
    from lecturer_app.exporters.pptx_writer import write_pptx
    from lecturer_app.formats.slide_layout import layout_deck, load_theme

    source = tmp_path / "moi.pptx"
    theme = load_theme("sang")
    write_pptx(layout_deck([Slide(title="Trang mới", bullets=[Bullet("Nội dung")])], theme), source, theme=theme,
               images=lambda s: None)
    result = work.run_import(context, topic.code, source, _cancelled_after_start())
    assert result["items"] == 1
    assert [s.title for s in context.bank.slides(context.bank.deck(topic.id).id)] == ["Trang mới"]
