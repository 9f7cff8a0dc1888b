"""`lecturer-app questions …` run as a user would, on a data folder of their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli_runs import run

WORD_KEYED_TEXT = """Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?
A. 1925   B. 1930   C. 1945   D. 1954
Đáp án: B
Câu 2: Thủ đô của Việt Nam?
A. Huế    B. Hà Nội
Câu 3: Chọn các ý đúng
A. x
B. y
Đáp án: A, B
"""


def run_json(*argv: str, status: int = 0):
    code, out, err = run(*argv, "--json")
    assert code == status, err
    return json.loads(out)


@pytest.fixture
def data_dir(mini_data_dir) -> Path:
    """A data folder holding the small test bank (so the shipped one is not imported)."""
    return mini_data_dir


@pytest.fixture
def text_file(tmp_path) -> Path:
    path = tmp_path / "de.txt"
    path.write_text(WORD_KEYED_TEXT, encoding="utf-8")
    return path


def test_dry_run_reports_in_the_documented_json_and_writes_nothing(data_dir, text_file):
    before = run_json("--data-dir", str(data_dir), "questions", "list")
    # Câu 2 has no key: it is skipped, so the import exits 1 (docs/cli.md).
    report = run_json("--data-dir", str(data_dir), "questions", "import", str(text_file), "--dry-run", status=1)
    assert set(report) == {"imported", "skipped", "questions"}
    assert report["imported"] == len(report["questions"]) == 2
    assert report["skipped"] == [{"file": "de.txt", "where": "dòng 4 (Câu 2)",
                                  "reason": "không xác định được đáp án đúng (không có dấu hiệu đánh dấu nào)"}]
    first = report["questions"][0]
    assert set(first) == {"type", "stem", "options", "level", "where"}
    assert first["options"][1] == {"text": "1930", "correct": True}
    assert run_json("--data-dir", str(data_dir), "questions", "list") == before


def test_import_to_a_topic_then_list_export_and_reimport_skips_everything(data_dir, text_file, tmp_path):
    report = run_json("--data-dir", str(data_dir), "questions", "import", str(text_file), "--topic", "AB-02",
                      status=1)
    assert report["imported"] == 2
    listed = run_json("--data-dir", str(data_dir), "questions", "list", "--topic", "AB-02")
    assert [q["topic_code"] for q in listed] == ["AB-02", "AB-02"]
    assert {"id", "type", "stem", "options", "topic_code", "level", "points"} <= set(listed[0])
    again = run_json("--data-dir", str(data_dir), "questions", "import", str(text_file), status=1)
    assert again["imported"] == 0 and sum("đã có trong ngân hàng" in s["reason"] for s in again["skipped"]) == 2
    out = tmp_path / "ab02.xml"
    code, text, err = run("--data-dir", str(data_dir), "questions", "export", str(out), "--format", "moodlexml",
                          "--topic", "AB-02")
    assert code == 0 and "2" in text and out.read_text(encoding="utf-8").count('type="multichoice"') == 2


def test_export_by_level_and_aiken_reports_what_it_skips(data_dir, tmp_path):
    code, _out, err = run("--data-dir", str(data_dir), "questions", "export", str(tmp_path / "nb.gift"),
                          "--format", "gift", "--level", "NB")
    assert code == 0, err
    assert "1930" in (tmp_path / "nb.gift").read_text(encoding="utf-8")
    code, _out, _err = run("--data-dir", str(data_dir), "questions", "export", str(tmp_path / "th.gift"),
                           "--format", "gift", "--level", "Thông hiểu")
    assert "1930" not in (tmp_path / "th.gift").read_text(encoding="utf-8")


def test_check_lists_findings_as_json(data_dir, text_file):
    run("--data-dir", str(data_dir), "questions", "import", str(text_file))
    report = run_json("--data-dir", str(data_dir), "questions", "check")
    codes = {f["code"] for f in report["findings"]}
    assert "missing_topic" in codes and "missing_level" in codes
    assert report["questions"] == 3


def test_a_broken_file_fails_with_its_name_and_no_traceback(data_dir, tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    code, _out, err = run("--data-dir", str(data_dir), "questions", "import", str(bad))
    assert code == 1 and "hong.xlsx" in err and "Traceback" not in err


def test_template_is_written_and_imports(data_dir, tmp_path):
    code, _out, _err = run("--data-dir", str(data_dir), "questions", "template", str(tmp_path / "mau.xlsx"))
    assert code == 0
    report = run_json("--data-dir", str(data_dir), "questions", "import", str(tmp_path / "mau.xlsx"), "--dry-run")
    assert report["imported"] == 3


def test_every_real_text_format_imports_through_the_cli(data_dir, real_data):
    for path in [real_data / "aiken" / "moodle_aiken_errors.txt", real_data / "gift" / "moodle_questions.gift.txt",
                 real_data / "moodlexml" / "amc2moodle_QCM.xml", real_data / "xlsx" / "mau_de_thi.xlsx"]:
        report = run_json("--data-dir", str(data_dir), "questions", "import", str(path), "--dry-run",
                          status=1 if path.suffix != ".xlsx" else 0)
        assert report["imported"] > 0 and all(s["file"] == path.name for s in report["skipped"]), path
    aiken = run_json("--data-dir", str(data_dir), "questions", "import",
                     str(real_data / "aiken" / "moodle_aiken_errors.txt"), "--dry-run", status=1)
    assert aiken["imported"] == 2 and len(aiken["skipped"]) == 3


def test_an_import_that_skipped_items_exits_1_and_one_that_only_met_known_questions_exits_0(data_dir, tmp_path):
    good = tmp_path / "tot.txt"
    good.write_text("Câu 1: Đảng ra đời năm nào?\nA. 1925\nB. 1930\nĐáp án: B\n", encoding="utf-8")
    bad = tmp_path / "thieu.txt"
    bad.write_text("Câu 1: Thủ đô?\nA. Huế\nB. Hà Nội\n", encoding="utf-8")
    assert run("--data-dir", str(data_dir), "questions", "import", str(bad))[0] == 1
    assert run("--data-dir", str(data_dir), "questions", "import", str(good))[0] == 0
    assert run("--data-dir", str(data_dir), "questions", "import", str(good))[0] == 0  # already there: not an error


def test_a_file_where_nothing_is_recognised_says_so_and_exits_non_zero_whatever_its_size(data_dir, tmp_path):
    for name, size in (("nho.txt", 1), ("lon.txt", 2000)):
        path = tmp_path / name
        path.write_text("Biên bản họp chi bộ, không có câu hỏi nào.\n" * size, encoding="utf-8")
        code, _out, err = run("--data-dir", str(data_dir), "questions", "import", str(path))
        assert code != 0 and "0 câu hỏi — không nhận ra định dạng" in err and name in err


def _delete_first_question(data_dir: Path) -> dict:
    """Delete one question of the bank as the GUI's «Xóa câu chọn» does; returns its `questions list` entry."""
    from lecturer_app.core.questions.query import delete_questions
    from lecturer_app.core.workspace import open_workspace

    entry = run_json("--data-dir", str(data_dir), "questions", "list")[0]
    ws = open_workspace(data_dir, import_shipped_bank=False)
    try:
        assert delete_questions(ws.store, [entry["id"]], summary="Xóa câu hỏi") == 1
    finally:
        ws.close()
    return entry


def test_a_deleted_question_is_listed_as_deleted_and_restore_brings_it_back_as_it_was(data_dir):
    entry = _delete_first_question(data_dir)
    assert entry["id"] not in {q["id"] for q in run_json("--data-dir", str(data_dir), "questions", "list")}
    [deleted] = run_json("--data-dir", str(data_dir), "questions", "deleted")
    assert set(deleted) == {"id", "deleted_at", "author", "stem"}
    assert (deleted["id"], deleted["stem"]) == (entry["id"], entry["stem"])
    code, out, err = run("--data-dir", str(data_dir), "questions", "restore", entry["id"])
    assert (code, out, err) == (0, "Đã đưa 1 câu hỏi trở lại.\n", "")
    assert entry in run_json("--data-dir", str(data_dir), "questions", "list")
    assert run_json("--data-dir", str(data_dir), "questions", "deleted") == []
    history = run_json("--data-dir", str(data_dir), "history", entry["id"])
    assert [(r["summary"], r["deleted"]) for r in history][-2:] == [("Xóa câu hỏi", True),
                                                                   ("Hoàn tác xóa câu hỏi", False)]


def test_restoring_a_question_that_is_not_deleted_changes_nothing_and_says_so(data_dir):
    entry = run_json("--data-dir", str(data_dir), "questions", "list")[0]
    report = run_json("--data-dir", str(data_dir), "questions", "restore", entry["id"])
    assert report == {"restored": [], "not_deleted": [entry["id"]]}
    assert len(run_json("--data-dir", str(data_dir), "history", entry["id"])) == 1


def test_restoring_an_unknown_id_fails_with_the_id_and_restores_nothing(data_dir):
    entry = _delete_first_question(data_dir)
    code, out, err = run("--data-dir", str(data_dir), "questions", "restore", entry["id"], "khong-co-ma-nay")
    assert code != 0 and "khong-co-ma-nay" in err and "Traceback" not in err
    assert [d["id"] for d in run_json("--data-dir", str(data_dir), "questions", "deleted")] == [entry["id"]]
