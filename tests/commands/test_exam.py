"""`lecturer-app exam build|oral|grade|thu-hoach`, run as a new user would, checked with real readers."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from tests.exam import exam_bank_data
from tests.support.cli_runs import run_in as run


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A data folder with the shipped bank (imported on first run) plus the exam test bank."""
    return exam_bank_data.data_folder(tmp_path_factory)


def _sample_topics(data_dir: Path) -> tuple[list[str], int, dict[str, str]]:
    """Shipped sample topics with single-choice questions, how many there are, and stems by id."""
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data_dir)
    bank = LessonBank(workspace.store)
    codes, count, stems = [], 0, {}
    for topic in bank.topics():
        if topic.code in exam_bank_data.TOPIC_CODES:
            continue
        mc = [q for q in bank.questions(topic.id) if q.type == "single_choice"]
        if mc:
            codes.append(topic.code)
            count += len(mc)
            stems.update({q.id: q.stem for q in mc})
    workspace.close()
    return codes, count, stems


def _pages(pdf: str) -> list[str]:
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample_build(data_dir, tmp_path_factory):
    codes, available, stems = _sample_topics(data_dir)
    if not codes:
        pytest.skip("the shipped bank has no sample questions yet")
    out = tmp_path_factory.mktemp("build") / "de"
    mc = min(available, 30)
    code, stdout, err = run(data_dir, "exam", "build", "--topics", ",".join(codes), "--mc", str(mc),
                            "--versions", "4", "--seed", "42", "-o", str(out), "--json")
    assert code == 0, err
    return json.loads(stdout), stdout, out, stems, codes, mc


def test_four_versions_from_the_shipped_sample_topics_show_their_code_on_every_page(sample_build):
    result = sample_build[0]
    assert [v["code"] for v in result["versions"]] == ["101", "102", "103", "104"]
    for version in result["versions"]:
        pages = _pages(version["paper"])
        for number, page in enumerate(pages, start=1):
            assert f"Mã đề {version['code']} – Trang {number}/{len(pages)}" in page


def test_pdftotext_shows_the_questions_in_the_json_order(sample_build):
    result, _, _, stems, _, mc = sample_build
    for version in result["versions"]:
        assert len(version["questions"]) == len(version["key"]) == mc
        text = _flat("".join(_pages(version["paper"])))
        positions = [text.index(_flat(stems[qid])) for qid in version["questions"]]
        assert positions == sorted(positions)


def test_the_xlsx_key_has_four_rows_that_match_the_json(sample_build):
    from openpyxl import load_workbook

    result, _, out = sample_build[:3]
    assert str(out / "dap_an.xlsx") in result["files"]
    rows = list(load_workbook(out / "dap_an.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 5
    assert {str(r[0]): list(r[1:]) for r in rows[1:]} == {v["code"]: v["key"] for v in result["versions"]}


def test_the_same_seed_gives_byte_identical_json(sample_build, data_dir):
    _, first_stdout, out, _, codes, mc = sample_build
    code, again, err = run(data_dir, "exam", "build", "--topics", ",".join(codes), "--mc", str(mc), "--versions", "4",
                           "--seed", "42", "-o", str(out), "--json")
    assert code == 0, err
    assert again.encode() == first_stdout.encode()
    code, other, _ = run(data_dir, "exam", "build", "--topics", ",".join(codes), "--mc", str(mc), "--versions", "4",
                         "--seed", "43", "-o", str(out.parent / "other"), "--json")
    assert json.loads(other)["versions"][0]["questions"] != json.loads(first_stdout)["versions"][0]["questions"]


def test_grading_a_sheet_gives_the_keys_applied_by_hand_in_vietnamese_name_order(sample_build, data_dir, tmp_path):
    from openpyxl import Workbook, load_workbook

    result, _, out, _, _, mc = sample_build
    names = ["Trần Văn Bình", "Lê Thị Ánh", "Nguyễn Văn An", "Đỗ Thị An", "Hoàng Văn Đức", "Phạm Minh Dũng"]
    rng = random.Random(7)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, mc + 1)])
    expected = {}
    for index, name in enumerate(names):
        version = result["versions"][index % 4]
        letters = [rng.choice(["A", "B", "C", "D", ""]) for _ in range(mc)]
        sheet.append([name, f"SBD{index:02d}", version["code"], *letters])
        right = sum(1 for letter, key in zip(letters, version["key"]) if letter == key)
        expected[name] = round(right * 10 / mc, 2)
    workbook.save(tmp_path / "bai_lam.xlsx")
    code, stdout, err = run(data_dir, "exam", "grade", "--exam", str(out), "--answers", str(tmp_path / "bai_lam.xlsx"),
                            "-o", str(tmp_path / "diem.xlsx"), "--json")
    assert code == 0, err
    learners = json.loads(stdout)["learners"]
    assert {l["name"]: l["score"] for l in learners} == pytest.approx(expected)
    order = ["Đỗ Thị An", "Nguyễn Văn An", "Lê Thị Ánh", "Trần Văn Bình", "Phạm Minh Dũng", "Hoàng Văn Đức"]
    assert [l["name"] for l in learners] == order
    rows = list(load_workbook(tmp_path / "diem.xlsx")["Bảng điểm"].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:len(order) + 1]] == order
    assert rows[len(order) + 1] == (None,) * len(rows[0])  # then the rule of the totals


def test_an_oral_set_of_twenty_cards_from_forty_questions_repeats_no_question(data_dir, tmp_path):
    code, stdout, err = run(data_dir, "exam", "oral", "--topics", ",".join(exam_bank_data.TOPIC_CODES),
                            "--cards", "20", "-o", str(tmp_path / "phieu.pdf"), "--json")
    assert code == 0, err
    cards = json.loads(stdout)["cards"]
    used = [qid for card in cards for qid in card["questions"]]
    assert len(cards) == 20 and len(used) == 40 and len(set(used)) == 40
    assert len(_pages(str(tmp_path / "phieu.pdf"))) == 10
    assert (tmp_path / "phieu_huong_dan.pdf").is_file()


def test_a_blueprint_file_builds_a_mixed_paper(data_dir, tmp_path):
    from lecturer_app.core.model import Blueprint, BlueprintCell
    from lecturer_app.exporters.exam.blueprint_xlsx import write_blueprint_xlsx

    blueprint = Blueprint(cells=[BlueprintCell("LS-01", "Nhận biết", "single_choice", 4, 2.0),
                                 BlueprintCell("LS-02", "", "single_choice", 8, 4.0),
                                 BlueprintCell("LS-03", "Vận dụng", "essay", 2, 4.0)])
    write_blueprint_xlsx(blueprint, None, tmp_path / "ma_tran.xlsx")
    code, stdout, err = run(data_dir, "exam", "build", "--blueprint", str(tmp_path / "ma_tran.xlsx"), "--versions",
                            "2", "--seed", "1", "--codes", "random", "-o", str(tmp_path / "de"), "--json")
    assert code == 0, err
    version = json.loads(stdout)["versions"][0]
    assert len(version["key"]) == 12 and len(version["questions"]) == 14
    text = _flat("".join(_pages(version["paper"])))
    assert "Phần I. Trắc nghiệm" in text and "Phần II. Tự luận" in text


def test_an_unfillable_request_is_refused_with_the_reason(data_dir, tmp_path):
    code, _, err = run(data_dir, "exam", "build", "--topics", "LS-01", "--mc", "500", "--versions", "2",
                       "--seed", "1", "-o", str(tmp_path / "de"))
    assert code == 1
    assert "LS-01" in err and "500" in err
    assert not (tmp_path / "de").exists()
    code, _, err = run(data_dir, "exam", "build", "--topics", "KHONG-CO", "--mc", "5", "-o", str(tmp_path / "x"))
    assert code == 1 and "KHONG-CO" in err


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_thu_hoach_template_is_written(data_dir, tmp_path, suffix):
    target = tmp_path / f"thu_hoach{suffix}"
    code, _, err = run(data_dir, "exam", "thu-hoach", "--prompt", "Liên hệ bản thân về học tập Nghị quyết",
                       "-o", str(target))
    assert code == 0, err
    assert target.stat().st_size > 1000
    if suffix == ".pdf":
        text = _flat("".join(_pages(str(target))))
        assert "BÀI THU HOẠCH" in text and "Chi bộ/Đơn vị" in text and "Xếp loại" in text
        fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
        assert all(" yes yes " in row for row in fonts.splitlines()[2:]), fonts


def test_a_blueprint_template_is_written_and_checked_against_the_bank(data_dir, tmp_path):
    from openpyxl import load_workbook

    template = tmp_path / "mau.xlsx"
    code, _, err = run(data_dir, "exam", "blueprint", "--topics", "LS-01,LS-02", "-o", str(template))
    assert code == 0, err
    workbook = load_workbook(template)
    rows = list(workbook["Ma trận"].iter_rows(values_only=True))
    assert len(rows) == 1 + 2 * 5
    sheet = workbook["Ma trận"]
    sheet.cell(row=2, column=5, value=4)
    sheet.cell(row=2, column=6, value=4)
    sheet.cell(row=3, column=5, value=50)
    sheet.cell(row=3, column=6, value=6)
    workbook.save(template)
    code, stdout, _ = run(data_dir, "exam", "blueprint", "--check", str(template), "--json")
    assert code == 1
    result = json.loads(stdout)
    assert result["ok"] is False
    assert [c["fillable"] for c in result["cells"][:2]] == [True, False]
    assert any("50" in p for p in result["problems"])


def test_built_exams_are_listed_newest_first_as_confidential(data_dir, tmp_path):
    for seed in ("1", "2"):
        code, _, err = run(data_dir, "exam", "build", "--topics", "LS-03", "--mc", "5", "--versions", "2",
                           "--seed", seed, "--title", f"Đề số {seed}", "--no-docx", "-o", str(tmp_path / seed))
        assert code == 0, err
    code, stdout, _ = run(data_dir, "exam", "list", "--json")
    exams = json.loads(stdout)
    mine = [e for e in exams if e["folder"].startswith(str(tmp_path))]
    assert [e["title"] for e in mine] == ["Đề số 2", "Đề số 1"]
    assert all(e["confidential"] and not e["shared"] and e["codes"] == ["101", "102"] for e in mine)
