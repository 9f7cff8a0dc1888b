"""Slide tables: stored with the slide, written and read as text in the editor, laid out as a real table."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Slide, SlideTable
from lecturer_app.core.slides.tables import format_table, parse_table
from lecturer_app.formats.slide_layout import (
    BODY_BOTTOM,
    TableFrame,
    layout_slide,
    load_theme,
)

STEPS = SlideTable([["Bước", "Nội dung", "Thời gian"], ["1. Ổn định lớp", "Điểm danh | nội quy", "5 phút"],
                    ["", "", ""], ["2. Giảng bài mới", "Hoàn cảnh ra đời của Đảng", "195 phút"]],
                   merges=[[1, 2, 2, 1]])


def test_a_slide_keeps_its_table_through_the_store_and_a_slide_without_one_keeps_its_old_body():
    slide = Slide(title="Tiến trình", layout="table", table=STEPS)
    again = Slide.from_body("id", slide.to_body())
    assert again.table == STEPS
    assert "table" not in Slide(title="Không bảng").to_body()


def test_the_editor_text_round_trips_and_keeps_merges_while_the_grid_keeps_its_shape():
    text = format_table(STEPS)
    assert text.splitlines()[1] == "1. Ổn định lớp | Điểm danh \\| nội quy | 5 phút"
    assert parse_table(text, STEPS) == STEPS
    grown = parse_table(text + "3. Củng cố | Tóm tắt | 10 phút\n", STEPS)
    assert len(grown.rows) == 5 and grown.merges == []
    assert parse_table("  \n", STEPS) is None


@pytest.fixture(params=["trang_trong", "sang", "tuong_phan_cao"])
def theme(request):
    return load_theme(request.param)


def _tables(pages):
    return [f for page in pages for f in page.frames if isinstance(f, TableFrame)]


def test_a_table_slide_is_laid_out_as_a_table_with_empty_rows_and_merges_kept(theme):
    page, = layout_slide(Slide(layout="table", title="Tiến trình", table=STEPS), theme)
    table, = _tables([page])
    assert len(table.row_heights) == 4 and len(table.column_widths) == 3
    merged, = [c for c in table.cells if (c.row, c.column) == (1, 2)]
    assert merged.rows == 2 and merged.box.h == pytest.approx(sum(table.row_heights[1:3]))
    assert not any((c.row, c.column) == (2, 2) for c in table.cells)
    assert all(c.header == (c.row == 0) for c in table.cells)
    assert table.box.bottom <= BODY_BOTTOM


def test_a_long_table_continues_with_its_header_and_never_shrinks_below_the_minimum(theme):
    rows = [["Năm", "Sự kiện"]] + [[str(1930 + n), "Một sự kiện lịch sử quan trọng của Đảng " * 2] for n in range(30)]
    pages = layout_slide(Slide(layout="table", title="Niên biểu", table=SlideTable(rows)), theme)
    tables = _tables(pages)
    assert len(pages) > 1 and all(p.continued for p in pages[1:])
    assert all(t.source_rows[0] == 0 for t in tables)
    assert sorted({r for t in tables for r in t.source_rows[1:]}) == list(range(1, 31))
    sizes = {line.size for t in tables for c in t.cells for line in c.text.lines}
    assert min(sizes) >= max(16, theme.size("level_min"))
    assert all(t.box.bottom <= BODY_BOTTOM + 0.01 for t in tables)


def test_every_column_holds_its_widest_word(theme):
    from lecturer_app.formats.text_measure import text_width

    page, = layout_slide(Slide(layout="table", title="Tiến trình", table=STEPS), theme)
    table, = _tables([page])
    for cell in table.cells:
        for line in cell.text.lines:
            assert line.width <= cell.box.w
        words = [w for line in cell.text.lines for w in line.text.split()]
        assert all(text_width(w, line.size, bold=cell.header) <= cell.text.box.w + 0.5 for w in words)


def test_the_words_of_a_slide_table_are_found_by_search(store, db):
    from lecturer_app.core.store.search import search

    store.save(Slide(title="Tiến trình", layout="table", table=SlideTable([["Bước", "Nội dung"],
                                                                           ["1", "Điểm danh học viên"]])))
    assert [hit.title for hit in search(db, "điểm danh")] == ["Tiến trình"]


def test_a_bank_folder_may_give_a_slide_a_table(mini_bank, store):
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.bank.shipped_import import import_bank

    slides = mini_bank / "topics" / "AB-01" / "slides.toml"
    slides.write_text(slides.read_text(encoding="utf-8") + '[[slides]]\nlayout = "table"\ntitle = "Niên biểu"\n'
                      'table = [["Năm", "Sự kiện"], [1930, "Thành lập Đảng"]]\n', encoding="utf-8")
    import_bank(store, mini_bank)
    bank = LessonBank(store)
    deck = bank.deck(bank.require_topic("AB-01").id)
    table_slide = bank.slides(deck.id)[-1]
    assert table_slide.layout == "table" and table_slide.table.rows == [["Năm", "Sự kiện"], ["1930", "Thành lập Đảng"]]
    assert all(s.table is None for s in bank.slides(deck.id)[:-1])
