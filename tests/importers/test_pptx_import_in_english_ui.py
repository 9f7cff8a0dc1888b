"""A deck imported while the app speaks English stays a Vietnamese deck: what the import writes into the slides
(a split table's slide title, a chart's title line) is the deck's text, not the interface's."""

from __future__ import annotations

import pytest

from lecturer_app import i18n
from lecturer_app.core.resources import resource_path
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.importers.pptx_import import read_pptx
from tests.importers.test_pptx_several_tables import CHUONG, MOC, _add_table


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


def _deck(path):
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Hai bảng"
    _add_table(slide, CHUONG, 1600000)
    _add_table(slide, MOC, 3200000)
    other = prs.slides.add_slide(prs.slide_layouts[5])
    other.shapes.title.text = "Số đảng viên"
    data = CategoryChartData()
    data.categories = ["2020", "2021"]
    data.add_series("Đảng viên", (10, 12))
    chart = other.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(457200), Emu(1600000), Emu(6000000),
                                   Emu(3000000), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Đảng viên mới"
    prs.save(str(path))
    return path


def test_the_slides_an_english_import_writes_read_in_vietnamese(english, tmp_path):
    deck = read_pptx(_deck(tmp_path / "hai_bang.pptx"), BlobStore(tmp_path / "blobs"))
    assert [slide.title for slide in deck.slides] == ["Hai bảng", "Hai bảng (bảng 2)", "Số đảng viên"]
    assert deck.slides[2].bullets[0].text == "Biểu đồ: Đảng viên mới"
    # The report is for the lecturer, in the interface's language.
    assert deck.reports[0].split == ["table 2 of the slide moved to a new slide “Hai bảng (bảng 2)”"]
