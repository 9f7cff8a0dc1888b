"""The biên bản phúc khảo (``exporters/exam/remark_minutes.py``), read back with pdftotext and pdfinfo.

It lists each change with learner, component, before, after, reason, author and time, each changed learner's
total before and after, and the three signature blocks; it is in the app's embedded fonts, tagged vi-VN, and
written again from the same record it is the same file.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from lecturer_app.exam.grading import GradingOptions, Response
from lecturer_app.exam.remarks import Remark
from tests.exam import exam_bank_data


@pytest.fixture
def appeal(store, tmp_path):
    """An exam of 8 MC (6 points) and one essay (4 points); two learners, one essay re-marked twice."""
    from lecturer_app.exam.manifest import read_manifest

    report = exam_bank_data.build_small_exam(store, tmp_path / "de")
    key = report.versions[0].key
    binh = Response("Trần Văn Bình", "01", "101", list(key), {1: 3.75})
    anh = Response("Lê Thị Ánh", "02", "101", [*key[:7], ""], {1: 3.0})
    remarks = [
        Remark("01", "Trần Văn Bình", "TL1", "2,5", "3,5", "Cộng sót ý 2 của câu tự luận", "Nguyễn Thị Hoa",
               "2026-12-05T09:30:00+07:00"),
        Remark("01", "Trần Văn Bình", "TL1", "3,5", "3,75", "Hội đồng chấm lại ý 3", "Phạm Văn Đức",
               "2026-12-06T14:05:00+07:00"),
    ]
    return read_manifest(tmp_path / "de"), [binh, anh], remarks


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_each_change_is_listed_with_learner_component_before_after_reason_author_and_time(appeal, tmp_path):
    from lecturer_app.exporters.exam.remark_minutes import write_remark_minutes

    manifest, responses, remarks = appeal
    text = _text(write_remark_minutes(remarks, responses, manifest, tmp_path / "bien_ban.pdf"))
    assert "BIÊN BẢN PHÚC KHẢO BÀI THI" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("1 01 Trần Văn Bình TL1 2,5 3,5 Thay đổi Cộng sót ý 2 của câu tự luận Nguyễn Thị Hoa,")
               for line in lines), text
    assert any(line.startswith("2 01 Trần Văn Bình TL1 3,5 3,75 Thay đổi Hội đồng chấm lại ý 3 Phạm Văn Đức,")
               for line in lines), text
    assert "05/12/2026 09:30" in text and "06/12/2026 14:05" in text
    assert "Ngày 06 tháng 12 năm 2026" in text  # dated by the last change


def test_the_changed_learner_total_before_and_after_and_the_signatures(appeal, tmp_path):
    from lecturer_app.exporters.exam.remark_minutes import write_remark_minutes

    manifest, responses, remarks = appeal
    text = _text(write_remark_minutes(remarks, responses, manifest, tmp_path / "bien_ban.pdf"))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # 6 MC points + 2,5 → 8,5 before; + 3,75 → 9,75 after; the learner not changed is not listed.
    assert "1 01 Trần Văn Bình 8,5 9,75 Giỏi" in lines, text
    assert "Lê Thị Ánh" not in text
    for signer in ("NGƯỜI CHẤM PHÚC KHẢO", "THƯ KÝ HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG"):
        assert signer in text
    assert text.count("(Ký, ghi rõ họ tên)") == 3
    assert "Trang 1/1" in text


def test_the_minutes_are_vietnamese_with_embedded_fonts_and_the_same_file_each_time(appeal, tmp_path):
    from lecturer_app.exporters.exam.remark_minutes import write_remark_minutes

    manifest, responses, remarks = appeal
    first = write_remark_minutes(remarks, responses, manifest, tmp_path / "a.pdf", options=GradingOptions())
    again = write_remark_minutes(remarks, responses, manifest, tmp_path / "b.pdf", options=GradingOptions())
    assert first.read_bytes() == again.read_bytes()
    assert b"/Lang (vi-VN)" in first.read_bytes()
    fonts = subprocess.run(["pdffonts", str(first)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("Liberation" in row[0] for row in rows)
    assert all(row[-5] == "yes" for row in rows)  # emb


def test_many_changes_run_onto_further_pages_without_losing_a_row(appeal, tmp_path):
    from lecturer_app.exporters.exam.remark_minutes import write_remark_minutes

    manifest, responses, remarks = appeal
    many = [Remark("01", "Trần Văn Bình", "TL1", f"{n},0", f"{n},5", f"Lý do số {n}", "Nguyễn Thị Hoa",
                   "2026-12-05T09:30:00+07:00") for n in range(40)]
    text = _text(write_remark_minutes(many, responses, manifest, tmp_path / "dai.pdf"))
    assert all(f"Lý do số {n}" in text for n in range(40))
    pages = text.split("\f")[:-1]
    assert len(pages) > 1 and re.search(rf"Trang 1/{len(pages)}", text)
    # Every page of changes starts its table with the header row again.
    for page in pages[:-1]:
        assert "Người chấm, thời điểm" in page


def test_in_an_english_ui_the_minutes_still_name_the_parts_and_the_rule_in_vietnamese(appeal, tmp_path):
    """A Vietnamese document whatever the screen's language: "TL1", "Câu 6", "Cách tính: Điểm viết…"."""
    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path
    from lecturer_app.exporters.exam.remark_minutes import write_remark_minutes

    manifest, responses, remarks = appeal
    answer = Remark("02", "Lê Thị Ánh", "Câu 6", "A", "B", "Máy đọc nhầm ô tô", "Nguyễn Thị Hoa",
                    "2026-12-06T15:00:00+07:00")
    i18n.setup("en", resource_path("translations"))
    try:
        text = _text(write_remark_minutes([*remarks, answer], responses, manifest, tmp_path / "bien_ban.pdf"))
    finally:
        i18n.setup("vi", None)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("1 01 Trần Văn Bình TL1 2,5 3,5") for line in lines), text
    assert any(line.startswith("3 02 Lê Thị Ánh Câu 6 A B Thay đổi Máy đọc nhầm ô tô") for line in lines), text
    assert "Cách tính: Điểm viết" in text and "Essay" not in text and "Question" not in text
