"""The scan review, a tab beside the topic tree, leaves the tree its share on a 1280×720 screen.

Its five buttons in one row made the tab wider than a 1280-pixel window leaves it beside a 480-pixel
tree in English, and the splitter squeezed the tree to 340 pixels, its titles on five lines.
"""

from __future__ import annotations

import pytest

TREE = 480  # pixels: what the window's splitter gives the topic tree at first


@pytest.mark.parametrize("width", (1280, 1366))
def test_the_scan_review_is_no_wider_than_the_window_leaves_beside_the_tree(qtbot, language, width):
    from lecturer_app.ui.exam.scan_review import ScanReviewWidget

    review = ScanReviewWidget()
    qtbot.addWidget(review)
    # The tab's frame and the splitter's handle take a few pixels more: 20 is room for them.
    assert review.minimumSizeHint().width() <= width - TREE - 20
