"""A «Phiếu tài liệu» of a topic with no link, no attached document and no plan prints a page with nothing
to scan: the notice after the export says so, and what to add, instead of a plain "Đã lưu"."""

from __future__ import annotations

from lecturer_app.ui.documents import work
from lecturer_app.ui.documents.results import export_summary


def _report(done: int, total: int, text: str = "") -> None:
    pass


def test_an_empty_handout_is_said_to_be_empty(context, tmp_path):
    target = tmp_path / "phieu.pdf"
    result = work.run_export(context, work.ExportRequest("AB-02", "handout", target), _report)
    assert target.is_file()
    summary = export_summary(result)
    assert "chưa có tài liệu nào" in summary and "Tệp đính kèm" in summary


def test_a_handout_with_documents_has_no_such_warning(context, topic, tmp_path):
    from lecturer_app.core.bank.attachments import add_attachment

    document = tmp_path / "Văn kiện.pdf"
    document.write_bytes(b"%PDF-1.4\n")
    add_attachment(context.store, context.workspace.blobs, topic.id, document)
    result = work.run_export(context, work.ExportRequest(topic.code, "handout", tmp_path / "phieu.pdf"), _report)
    assert "chưa có tài liệu nào" not in export_summary(result)
