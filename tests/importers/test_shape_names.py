"""Issue #15 item 11: no English shape names ("Chart Placeholder 2") in an import report."""

from __future__ import annotations

import pytest

from lecturer_app.importers.shape_names import shape_label


@pytest.mark.parametrize(("name", "label"), [
    ("Chart Placeholder 2", " (ô biểu đồ 2)"),
    ("Picture 5", " (hình 5)"),
    ("TextBox 3", " (hộp chữ 3)"),
    ("Straight Connector 7", " (đường thẳng 7)"),
    ("Group 12", " (nhóm hình 12)"),
    ("Title 1", " (tiêu đề 1)"),
    ("Sơ đồ tổ chức", " (Sơ đồ tổ chức)"),   # the author's own name is kept
    ("Logo trường", " (Logo trường)"),
    ("", ""),
    (None, ""),
])
def test_powerpoints_default_names_are_said_in_vietnamese_and_own_names_kept(name, label):
    assert shape_label(name) == label
