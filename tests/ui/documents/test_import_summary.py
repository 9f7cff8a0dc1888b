"""The import and export notices count slides as slides, and an import says when a file changed nothing (issue #15 items 11, 12)."""

from __future__ import annotations

from lecturer_app.ui.documents.results import import_summary


def _result(**changes):
    result = {"kind": "deck", "topic": "NTD-01", "items": 9, "replaced": False, "removed": 0,
              "converted": [], "skipped": [], "unchanged": False}
    result.update(changes)
    return result


def test_a_deck_import_counts_trang_chieu_and_a_plan_import_counts_muc():
    assert "9 trang chiếu" in import_summary(_result())
    assert "9 mục" in import_summary(_result(kind="plan"))


def test_a_file_that_changes_nothing_says_so():
    text = import_summary(_result(kind="plan", replaced=True, unchanged=True))
    assert "không có gì thay đổi" in text and "Nội dung cũ" not in text


def test_an_exported_deck_counts_trang_chieu_and_a_plan_counts_pages():
    from lecturer_app.ui.documents.results import export_summary

    deck = {"path": "/tmp/NTD-01_giao-an-dien-tu.pptx", "format": "pptx", "pages": 18, "warnings": []}
    assert "Số trang chiếu: 18" in export_summary(deck)
    assert "Số trang: 11" in export_summary({**deck, "format": "pdf", "pages": 11})
