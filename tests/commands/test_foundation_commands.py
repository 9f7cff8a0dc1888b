"""The foundation CLI, run as a user would, on the shipped bank."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from lecturer_app.cli import main
from tests.support.cli_runs import run


def run_json(*argv: str):
    code, out, err = run(*argv)
    assert code == 0, err
    return json.loads(out)


def test_topics_list_gives_125_topics_with_unique_codes(shipped_data):
    topics = run_json("--data-dir", str(shipped_data), "topics", "list", "--json")
    assert len(topics) == 125
    assert len({t["code"] for t in topics}) == 125
    assert {"id", "code", "title", "program", "periods", "sections", "slides", "questions"} <= set(topics[0])


def test_at_least_three_sample_topics_ship_complete_content(shipped_data):
    topics = run_json("--data-dir", str(shipped_data), "topics", "list", "--json")
    complete = [t for t in topics if t["sample"] and t["sections"] >= 8 and t["slides"] >= 10 and t["questions"] >= 10]
    assert len(complete) >= 3


def test_topics_list_filters_by_program(shipped_data):
    topics = run_json("--data-dir", str(shipped_data), "topics", "list", "--json")
    program = topics[0]["program"]
    some = run_json("--data-dir", str(shipped_data), "topics", "list", "--program", program, "--json")
    assert some and len(some) < 125
    assert {t["code"] for t in topics if t["program"] == program} <= {t["code"] for t in some}


def test_unknown_program_is_a_clear_error(shipped_data):
    code, _, err = run("--data-dir", str(shipped_data), "topics", "list", "--program", "KHONG-CO")
    assert code == 1 and "KHONG-CO" in err and "Traceback" not in err


def test_search_without_accents_finds_dang_and_nghi_quyet(shipped_data):
    hits = run_json("--data-dir", str(shipped_data), "search", "dang", "--json")
    assert any(h["kind"] == "topic" and "Đảng" in h["title"] for h in hits)
    assert {"kind", "topic_code", "title", "snippet"} <= set(hits[0])
    hits = run_json("--data-dir", str(shipped_data), "search", "nghi quyet", "--json")
    assert any("Nghị quyết" in h["title"] for h in hits)


def test_edit_history_restore_and_check(data_dir):
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data_dir)
    topic = LessonBank(workspace.store).topics()[0]
    original = topic.title
    topic.title = original + " (sửa)"
    workspace.store.save(topic, summary="Sửa tên")
    workspace.close()

    history = run_json("--data-dir", str(data_dir), "history", topic.id, "--json")
    assert [h["body"]["title"] for h in history] == [original, original + " (sửa)"]
    assert [h["head"] for h in history] == [False, True]

    code, out, err = run("--data-dir", str(data_dir), "restore", topic.id, history[0]["rev_id"][:12])
    assert code == 0, err
    history = run_json("--data-dir", str(data_dir), "history", topic.code, "--json")
    assert len(history) == 3 and history[-1]["body"]["title"] == original
    assert history[-1]["parents"] == [history[1]["rev_id"]]
    assert run_json("--data-dir", str(data_dir), "check", "--json")["ok"]


def test_check_finds_a_corrupted_blob(data_dir):
    from lecturer_app.core.model import Attachment
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data_dir)
    sha = workspace.blobs.put_bytes("Tài liệu".encode())
    workspace.store.save(Attachment(owner_id="x", sha256=sha, size=10, filename="tài liệu.txt"))
    workspace.close()
    assert run_json("--data-dir", str(data_dir), "check", "--json")["ok"]
    blob = data_dir / "blobs" / sha[:2] / sha
    blob.write_bytes(b"hong")
    code, out, _ = run("--data-dir", str(data_dir), "check", "--json")
    assert code == 1 and any(sha in p for p in json.loads(out)["problems"])


def test_stats_counts_every_kind(shipped_data):
    stats = run_json("--data-dir", str(shipped_data), "stats", "--json")
    assert stats["records"]["topic"] == 125 and stats["records"]["written_plan"] == 125
    assert stats["revisions"] >= sum(stats["records"].values())


def _write_catalog_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_catalog_import_from_csv_creates_updates_and_reports_bad_rows(data_dir, tmp_path):
    source = tmp_path / "danh_muc.csv"
    _write_catalog_csv(source, [
        ["Mã", "Tên chuyên đề", "Chương trình", "Phần", "Số tiết"],
        ["TINH-01", "Lịch sử Đảng bộ tỉnh", "Chuyên đề của tỉnh", "Phần I", "4"],
        ["NTD-01", "Khái quát lịch sử Đảng Cộng sản Việt Nam (cập nhật)", "NTD", "", "6"],
        ["", "Thiếu mã", "NTD", "", "3"],
        ["TINH-02", "Số tiết sai", "NTD", "", "bốn"],
    ])
    code, out, _ = run("--data-dir", str(data_dir), "catalog", "import", str(source), "--dry-run", "--json")
    dry = json.loads(out)
    assert code == 1  # rows were skipped
    assert dry["created"] == ["TINH-01"] and dry["updated"] == ["NTD-01"]
    assert [s["where"] for s in dry["skipped"]] == ["dòng 4", "dòng 5"]
    assert len(run_json("--data-dir", str(data_dir), "topics", "list", "--json")) == 125

    code, out, _ = run("--data-dir", str(data_dir), "catalog", "import", str(source), "--json")
    assert code == 1 and json.loads(out)["created"] == ["TINH-01"]
    topics = {t["code"]: t for t in run_json("--data-dir", str(data_dir), "topics", "list", "--json")}
    assert len(topics) == 126 and topics["NTD-01"]["periods"] == 6
    assert topics["TINH-01"]["title"] == "Lịch sử Đảng bộ tỉnh"
    history = run_json("--data-dir", str(data_dir), "history", "NTD-01", "--json")
    assert len(history) == 2


def test_catalog_import_from_xlsx(data_dir, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC CHUYÊN ĐỀ NĂM 2025"])
    sheet.append(["STT", "Ma chuyen de", "Ten chuyen de", "Chuong trinh", "So tiet"])
    sheet.append([1, "X-01", "Chuyển đổi số ở cơ sở", "Bồi dưỡng nhận thức về Đảng", 5])
    path = tmp_path / "danh_muc.xlsx"
    book.save(path)
    report = run_json("--data-dir", str(data_dir), "catalog", "import", str(path), "--json")
    assert report["created"] == ["X-01"] and report["programs_created"] == []


def test_a_broken_file_names_the_file_without_a_traceback(data_dir, tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a zip")
    code, _, err = run("--data-dir", str(data_dir), "catalog", "import", str(broken))
    assert code == 1 and "hong.xlsx" in err and "Traceback" not in err
    code, _, err = run("--data-dir", str(data_dir), "--debug", "catalog", "import", str(broken))
    assert code == 1 and "Traceback" in err


def test_unknown_record_in_history_is_a_clear_error(shipped_data):
    code, _, err = run("--data-dir", str(shipped_data), "history", "khong-ton-tai")
    assert code == 1 and "khong-ton-tai" in err


def test_english_messages_on_request(shipped_data):
    code, _, err = run("--data-dir", str(shipped_data), "--lang", "en", "history", "nope")
    assert code == 1 and err.startswith("Error: Not found: nope")


def test_data_folder_comes_from_the_environment(tmp_path):
    env_dir = tmp_path / "from-env"
    proc = subprocess.run([sys.executable, "-m", "lecturer_app", "stats", "--json"], capture_output=True,
                          text=True, env={"LECTURER_APP_DATA": str(env_dir), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert (env_dir / "lecturer_app.sqlite3").is_file()


def test_version_and_usage_errors(capsys):
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("lecturer-app ")
    assert main(["topics", "khong-co-lenh"]) == 2
