"""The list of scanned pages shows each entry whole («SBD … · mã đề … · 1 chỗ cần xem»), wrapped in its column
at the review screen's default split on a 1366-pixel screen, in Vietnamese and in English, never cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle

from tests.ui.exam.test_scan_review_ui import scanned  # noqa: F401 (the fixture)


@pytest.fixture(params=("vi", "en"))
def language(request):
    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path

    i18n.setup(request.param, resource_path("translations"))
    yield request.param
    i18n.setup("vi", None)


def test_every_page_entry_is_shown_whole_without_scrolling_sideways(qtbot, scanned, language):  # noqa: F811
    from lecturer_app.ui.exam.scan_review import ScanReviewWidget

    exam, folder, _keys = scanned
    review = ScanReviewWidget()
    qtbot.addWidget(review)
    review.resize(1366, 650)
    review.show()
    qtbot.waitExposed(review)
    review.scan(exam, folder)
    for _round in range(5):  # the list lays its items out on the event loop, as on screen
        QApplication.processEvents()
    pages = review.pages
    assert pages.count() == 3
    width = pages.viewport().width()
    # The item delegate's text margin: the focus frame's margin plus one pixel, on each side.
    text_width = width - 2 * (pages.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    for row in range(pages.count()):
        item = pages.item(row)
        rect = pages.visualItemRect(item)
        needed = QFontMetrics(pages.font()).boundingRect(QRect(0, 0, text_width, 10_000),
                                                          int(Qt.TextFlag.TextWordWrap), item.text())
        assert rect.width() <= width and rect.height() >= needed.height(), item.text()
    assert pages.horizontalScrollBar().maximum() == 0
