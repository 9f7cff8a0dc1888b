"""Issue #15 items 11 and 18: every table of an imported slide stays a real table, and the import report
names each thing by what happened to it ("Bỏ qua" only for what was not imported at all)."""

from __future__ import annotations

import io

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import SlideTable
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.importers.lesson_import import import_lesson
from lecturer_app.importers.pptx_import import read_pptx

CHUONG = [["Chương", "Nội dung"], ["I", "Sự ra đời của Đảng"], ["II", "Đảng lãnh đạo cách mạng"]]
MOC = [["Năm", "Sự kiện", "Ý nghĩa"], ["1930", "Thành lập Đảng", "Bước ngoặt"], ["", "", ""],
       ["1945", "Cách mạng Tháng Tám", "Giành chính quyền"]]


def _add_table(slide, rows: list[list[str]], top: int) -> None:
    from pptx.util import Emu

    shape = slide.shapes.add_table(len(rows), len(rows[0]), Emu(457200), Emu(top), Emu(8000000), Emu(1200000))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            shape.table.cell(r, c).text = text


def _deck(path, *, picture: bool = False, chart: bool = False):
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Hai bảng"
    _add_table(slide, CHUONG, 1600000)
    _add_table(slide, MOC, 3200000)
    if picture:
        from PIL import Image

        data = io.BytesIO()
        Image.new("RGB", (60, 40), (200, 30, 30)).save(data, format="PNG")
        slide.shapes.add_picture(data, Emu(100), Emu(100))
    if chart:
        other = prs.slides.add_slide(prs.slide_layouts[5])
        other.shapes.title.text = "Số đảng viên"
        data = CategoryChartData()
        data.categories = ["2020", "2021"]
        data.add_series("Đảng viên", (10, 12))
        other.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(457200), Emu(1600000), Emu(6000000),
                               Emu(3000000), data)
    prs.save(str(path))
    return path


@pytest.fixture
def blobs(tmp_path):
    return BlobStore(tmp_path / "blobs")


def test_two_tables_on_one_slide_both_stay_real_tables(tmp_path, blobs):
    deck = read_pptx(_deck(tmp_path / "hai_bang.pptx"), blobs)
    first, second = deck.slides
    assert (first.title, first.layout, first.table) == ("Hai bảng", "table", SlideTable(CHUONG))
    assert (second.title, second.layout, second.table) == ("Hai bảng (bảng 2)", "table", SlideTable(MOC))
    report, = deck.reports
    assert report.tables == 2 and report.skipped == [] and report.as_text == []
    assert report.split == ["bảng 2 của trang đặt sang trang chiếu mới «Hai bảng (bảng 2)»"]


def test_tables_beside_a_picture_get_slides_of_their_own(tmp_path, blobs):
    deck = read_pptx(_deck(tmp_path / "hinh.pptx", picture=True), blobs)
    pictured, one, two = deck.slides
    assert pictured.layout == "image" and len(pictured.images) == 1 and pictured.table is None
    assert not any("|" in bullet.text for bullet in pictured.bullets)   # no table flattened into text
    assert [(s.title, s.table) for s in (one, two)] == [("Hai bảng (bảng 1)", SlideTable(CHUONG)),
                                                        ("Hai bảng (bảng 2)", SlideTable(MOC))]
    assert len(deck.reports[0].split) == 2


def test_a_chart_kept_as_text_is_never_listed_under_bo_qua(workspace, tmp_path):
    from lecturer_app.ui.documents.results import import_summary

    result = import_lesson(workspace, "AB-02", _deck(tmp_path / "bieu_do.pptx", chart=True))
    summary = import_summary(result.to_json())
    assert [p.reason for p in result.as_text] == ["biểu đồ: chỉ giữ số liệu dạng chữ (biểu đồ 2)"]
    assert result.skipped == []
    assert "Giữ dạng chữ: trang 2: biểu đồ: chỉ giữ số liệu dạng chữ" in summary
    assert "Tách trang: trang 1: bảng 2" in summary
    assert not [line for line in summary.splitlines() if line.startswith("Bỏ qua")]
    bank = LessonBank(workspace.store)
    slides = bank.slides(bank.deck(bank.require_topic("AB-02").id).id)
    assert [s.title for s in slides] == ["Hai bảng", "Hai bảng (bảng 2)", "Số đảng viên"]


def test_the_cli_says_trang_chieu_and_keeps_the_rows_apart(workspace, tmp_path, capsys):
    from lecturer_app.cli import main

    path = _deck(tmp_path / "bieu_do.pptx", chart=True)
    assert main(["--data-dir", str(workspace.data_dir), "lesson", "import", "AB-02", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 trang chiếu" in out and "Giữ dạng chữ:" in out and "Tách trang:" in out and "Bỏ qua" not in out


def test_the_split_deck_exports_and_comes_back_unchanged(workspace, tmp_path):
    from lecturer_app.exporters.lesson_export import export_lesson

    import_lesson(workspace, "AB-02", _deck(tmp_path / "hai_bang.pptx"))
    exported = export_lesson(workspace, "AB-02", "pptx", tmp_path / "ra.pptx").path
    again = import_lesson(workspace, "AB-02", exported)
    assert again.unchanged and again.items == 2 and again.split == []
