"""Fixtures for the exam screens' tests."""

from __future__ import annotations

import pytest

from tests.exam import exam_bank_data


@pytest.fixture
def exam_and_answers(store, tmp_path):
    """An exam of 8 MC (6 points) and one essay of 4 points; two learners, neither essay marked yet."""
    from openpyxl import Workbook

    report = exam_bank_data.build_small_exam(store, tmp_path / "de")
    key = report.versions[0].key
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1", "Vấn đáp"])
    sheet.append(["Trần Văn Bình", "01", "101", *key, "", ""])
    sheet.append(["Lê Thị Ánh", "02", "101", *key[:7], "", "", ""])  # one answer left blank
    workbook.save(tmp_path / "bai_lam.xlsx")
    return tmp_path / "de", tmp_path / "bai_lam.xlsx"
