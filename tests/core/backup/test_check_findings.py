"""Each kind of finding of ``check`` gets its own Vietnamese explanation (made by damaging real data)."""

from __future__ import annotations

import pytest

from lecturer_app.core.backup.findings import explain
from lecturer_app.core.store.integrity import check_workspace


def findings(ws) -> list:
    return [explain(problem) for problem in check_workspace(ws.store, ws.blobs).problems]


def test_a_deleted_attachment_is_explained(full_workspace):
    next(full_workspace.blobs.root.glob("*/*")).unlink()

    [finding] = findings(full_workspace)

    assert finding.title == "Thiếu một tệp đính kèm" and "Lấy lại từ bản sao lưu" in finding.advice


def test_a_damaged_attachment_is_explained(full_workspace):
    next(full_workspace.blobs.root.glob("*/*")).write_bytes(b"damaged")

    [finding] = findings(full_workspace)

    assert finding.title == "Một tệp đính kèm bị hỏng"


def test_an_edited_revision_is_explained(full_workspace):
    triggers = [r[0] for r in full_workspace.db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]
    for name in triggers:
        full_workspace.db.execute(f"DROP TRIGGER {name}")
    full_workspace.db.execute("UPDATE revisions SET body = replace(body, 'Đảng', 'Dang') WHERE rowid = "
                              "(SELECT rowid FROM revisions WHERE body LIKE '%Đảng%' LIMIT 1)")

    titles = {f.title for f in findings(full_workspace)}

    assert "Một phiên bản cũ bị thay đổi" in titles


def test_a_read_table_out_of_step_with_history_is_explained(full_workspace):
    full_workspace.db.execute("UPDATE topics SET body = json_set(body, '$.title', 'Sửa ngoài ứng dụng')")

    titles = {f.title for f in findings(full_workspace)}

    assert titles == {"Bảng tra cứu không khớp lịch sử phiên bản"}


@pytest.mark.parametrize("problem", ["SQLite: *** in database main ***", "SQLite: khóa ngoại hỏng ở bảng x (rowid 1)"])
def test_sqlite_damage_is_explained(problem):
    assert explain(problem).title == "Tệp cơ sở dữ liệu bị hỏng"


def test_an_unknown_finding_still_gets_the_way_out():
    finding = explain("điều chưa từng thấy")

    assert finding.problem == "điều chưa từng thấy" and finding.advice


def test_check_reports_its_progress_by_stage(full_workspace):
    seen = []

    check_workspace(full_workspace.store, full_workspace.blobs, progress=lambda d, t, text: seen.append((d, t)))

    assert seen == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5)]  # the file, search index, versions, tables, files
