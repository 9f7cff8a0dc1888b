"""A slide table is a real PowerPoint table in the export, and comes back as the same table on import."""

from __future__ import annotations

from lecturer_app.core.model import Slide, SlideTable
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.exporters.pptx_writer import write_pptx
from lecturer_app.formats.slide_layout import layout_deck, load_theme
from lecturer_app.importers.pptx_import import read_pptx

STEPS = SlideTable([["Bước", "Nội dung", "Thời gian"], ["1. Ổn định lớp", "Điểm danh", "5 phút"],
                    ["", "", ""], ["2. Giảng bài mới", "Hoàn cảnh ra đời của Đảng", "195 phút"]],
                   merges=[[1, 2, 2, 1]])


def _write(tmp_path, slides, theme="trang_trong"):
    chosen = load_theme(theme)
    path = tmp_path / "bang.pptx"
    write_pptx(layout_deck(slides, chosen), path, theme=chosen, images=lambda sha: None)
    return path


def test_the_export_holds_a_real_table_with_its_header_merges_and_empty_rows(tmp_path):
    from pptx import Presentation

    path = _write(tmp_path, [Slide(layout="table", title="Tiến trình", table=STEPS)])
    shape, = [s for s in Presentation(str(path)).slides[0].shapes if s.has_table]
    table = shape.table
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Bước", "Nội dung", "Thời gian"], ["1. Ổn định lớp", "Điểm danh", "5 phút"], ["", "", ""],
        ["2. Giảng bài mới", "Hoàn cảnh ra đời của Đảng", "195 phút"]]
    assert table.first_row
    origin = table.cell(1, 2)
    assert origin.is_merge_origin and origin.span_height == 2 and table.cell(2, 2).is_spanned


def test_an_exported_table_reads_back_as_the_same_table_even_across_continued_pages(tmp_path):
    rows = [["Năm", "Sự kiện"]] + [[str(1930 + n), "Một sự kiện lịch sử quan trọng của Đảng " * 2] for n in range(30)]
    slides = [Slide(layout="table", title="Tiến trình", table=STEPS),
              Slide(layout="table", title="Niên biểu", table=SlideTable(rows))]
    path = _write(tmp_path, slides, "tuong_phan_cao")
    deck = read_pptx(path, BlobStore(tmp_path / "blobs"))
    first, second = deck.slides
    assert first.layout == "table" and first.table == STEPS
    assert second.table.rows == [[" ".join(c.split()) for c in row] for row in rows]
    assert deck.skipped == 0
