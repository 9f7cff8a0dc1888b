"""Acceptance of issue #18, as a new user would: build, print, fill 30 sheets, scan, `exam scan`, `exam grade`."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sheet_maker import degrade, fill_sheet, render

from lecturer_app.exam.manifest import read_manifest
from tests.exam import exam_bank_data
from tests.support.cli_runs import run_in as run

DOUBTFUL = {0: (7, "faint"), 3: (12, "cross"), 5: (20, "double"), 8: (33, "partial"), 13: (40, "x")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A data folder with the exam test bank and an exam of 40 questions × 4 versions built in it."""
    data = exam_bank_data.data_folder(tmp_path_factory)
    out = tmp_path_factory.mktemp("exam") / "de"
    code, _, err = run(data, "exam", "build", "--topics", "LS-01,LS-02,LS-03", "--mc", "40", "--versions", "4",
                       "--seed", "7", "-o", str(out), "--no-docx")
    assert code == 0, err
    return data, out


def _learners(manifest) -> list[dict]:
    """30 learners: SBD, mã đề, answers (some blank), and on five sheets one doubtful mark."""
    rng = np.random.default_rng(18)
    codes = sorted(manifest.versions)
    learners = []
    for index in range(30):
        code = codes[index % 4]
        answers = ["" if rng.random() < 0.08 else "ABCD"[int(rng.integers(4))] for _ in range(40)]
        learners.append({"sbd": f"{2026000 + index:06d}"[-6:], "code": code, "answers": answers,
                         "doubt": DOUBTFUL.get(index)})
    return learners


def _fill(base: np.ndarray, learner: dict, rng: np.random.Generator) -> np.ndarray:
    odd = {}
    if learner["doubt"]:
        question, how = learner["doubt"]
        answer = learner["answers"][question - 1]
        other = next(letter for letter in "DCBA" if letter not in answer)
        odd[question] = [(other, "pencil" if how == "double" else how)]
        if how == "double" and not answer:
            odd[question].append(("A" if other != "A" else "B", "pencil"))
    image = fill_sheet(base.copy(), 200, rng, learner["sbd"], learner["code"], learner["answers"], 40, odd=odd)
    return degrade(image, rng, ("rotate", "noise"))


def _scan_pdf(sheet_pdf: Path, learners: list[dict], path: Path) -> Path:
    base = render(sheet_pdf, 200)
    rng = np.random.default_rng(5)
    pages = [Image.fromarray(_fill(base, learner, rng)) for learner in learners]
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=200, quality=75)
    return path


def _hand_score(learner: dict, manifest) -> float:
    items = manifest.versions[learner["code"]].items
    doubtful = learner["doubt"][0] if learner["doubt"] else 0
    right = sum(1 for n, (answer, item) in enumerate(zip(learner["answers"], items), start=1)
                if answer == item.key and n != doubtful)
    return right * 0.25


@pytest.mark.slow
def test_scan_reads_every_sheet_flags_exactly_the_doubtful_marks_and_grade_gives_the_hand_scores(built, tmp_path):
    data, exam = built
    manifest = read_manifest(exam)
    learners = _learners(manifest)
    scan = _scan_pdf(exam / "phieu_tra_loi.pdf", learners, tmp_path / "scan.pdf")
    answers = tmp_path / "bai_lam.xlsx"

    code, stdout, err = run(data, "exam", "scan", "--exam", str(exam), "--sheets", str(scan), "-o", str(answers),
                            "--json")

    report = json.loads(stdout)
    assert code == 1, "doubts remain, so the exit code says so"
    assert report["bad_pages"] == []
    assert [(s["page"], s["sbd"], s["code"]) for s in report["sheets"]] == [
        (i + 1, learner["sbd"], learner["code"]) for i, learner in enumerate(learners)]
    flagged = {(s["page"] - 1, d["question"]) for s in report["sheets"] for d in s["doubts"]}
    assert flagged == {(index, question) for index, (question, _how) in DOUBTFUL.items()}
    for sheet, learner in zip(report["sheets"], learners):
        want = list(learner["answers"])
        if learner["doubt"]:
            want[learner["doubt"][0] - 1] = "?"
        assert sheet["answers"] == want

    scores = tmp_path / "diem.xlsx"
    code, stdout, err = run(data, "exam", "grade", "--exam", str(exam), "--answers", str(answers), "-o", str(scores),
                            "--json")
    graded = {row["sbd"]: row["score"] for row in json.loads(stdout)["learners"]}
    assert graded == {learner["sbd"]: pytest.approx(_hand_score(learner, manifest)) for learner in learners}


def test_scan_names_the_pages_it_cannot_read_and_its_output_is_the_answer_template(built, tmp_path):
    import cv2

    from lecturer_app.importers.exam_answers import read_answer_file

    data, exam = built
    manifest = read_manifest(exam)
    code = sorted(manifest.versions)[1]
    key = [item.key for item in manifest.versions[code].items]
    folder = tmp_path / "anh"
    folder.mkdir()
    rng = np.random.default_rng(2)
    sheet = fill_sheet(render(exam / "phieu_tra_loi.pdf", 200), 200, rng, "004711", code, key, 40)
    cv2.imwrite(str(folder / "1.jpg"), degrade(sheet, rng, ("flip", "rotate")))
    cv2.imwrite(str(folder / "2.png"), np.full((1200, 900), 250, np.uint8))
    answers = tmp_path / "bai_lam.xlsx"

    status, stdout, err = run(data, "exam", "scan", "--exam", str(exam), "--sheets", str(folder), "-o", str(answers))

    assert status == 1
    assert err.splitlines() == ["Không đọc được 2.png: trang trắng", "1.jpg: trang bị lật ngược, đã xoay lại để đọc"]
    assert "Đã đọc 1/2 trang, 0 chỗ cần xem lại, 1 trang không đọc được" in stdout
    read = read_answer_file(answers, manifest)
    assert [(r.sbd, r.code, r.answers) for r in read.responses] == [("004711", code, key)]
    assert read.warnings == [] and read.rejected == []


def test_scan_reads_several_files_given_together_in_the_order_given(built, tmp_path):
    import cv2

    data, exam = built
    manifest = read_manifest(exam)
    codes = sorted(manifest.versions)
    rng = np.random.default_rng(5)
    files = []
    for number, (sbd, code) in enumerate((("004801", codes[0]), ("004802", codes[1])), start=1):
        key = [item.key for item in manifest.versions[code].items]
        batch = tmp_path / f"lo_{number}"   # one scanner batch per folder
        batch.mkdir()
        files.append(batch / "scan.jpg")
        cv2.imwrite(str(files[-1]), fill_sheet(render(exam / "phieu_tra_loi.pdf", 200), 200, rng, sbd, code, key, 40))
    answers = tmp_path / "bai_lam.xlsx"

    status, stdout, err = run(data, "exam", "scan", "--exam", str(exam), "--sheets", *map(str, files[::-1]),
                              "-o", str(answers), "--json")

    assert status == 0, err
    assert [sheet["sbd"] for sheet in json.loads(stdout)["sheets"]] == ["004802", "004801"]


def test_scan_names_a_pdf_page_whose_jpeg_is_damaged_in_the_answer_file_and_its_exit_code(built, tmp_path):
    # A scanner's PDF of two sheets whose second JPEG lost a band near its top (a marker in its data): pdftoppm
    # draws that band gray, no bubble is in it, and the page was read as if whole (exit 0, no note).
    import io

    from openpyxl import load_workbook
    from sheet_maker import with_image_stream_damaged

    data, exam = built
    code = sorted(read_manifest(exam).versions)[0]
    rng = np.random.default_rng(3)
    base = render(exam / "phieu_tra_loi.pdf", 150)
    pages = [Image.fromarray(fill_sheet(base.copy(), 150, rng, sbd, code, ["A"] * 40, 40)) for sbd in ("004901", "004902")]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=150, quality=85, restart_marker_rows=1)

    def marker_near_the_top(jpeg: bytes) -> bytes:
        place = jpeg.index(b"\xff\xda") + 20 + (len(jpeg) - jpeg.index(b"\xff\xda")) * 15 // 100
        return jpeg[:place] + b"\xff\x12" + jpeg[place + 2:]

    scan = tmp_path / "lô quét.pdf"
    scan.write_bytes(with_image_stream_damaged(out.getvalue(), marker_near_the_top, image=1))
    answers = tmp_path / "bai_lam.xlsx"

    status, stdout, err = run(data, "exam", "scan", "--exam", str(exam), "--sheets", str(scan), "-o", str(answers),
                              "--json")

    assert status == 1, "a doubt remains, so the exit code says so"
    report = json.loads(stdout)
    assert [(s["sbd"], [d["field"] for d in s["doubts"]]) for s in report["sheets"]] == [
        ("004901", []), ("004902", ["sheet"])]
    rows = list(load_workbook(answers)["Bài làm"].iter_rows(values_only=True))
    notes, pages_read = rows[0].index("Ghi chú"), rows[0].index("Trang")
    assert [(row[1], row[notes], row[pages_read]) for row in rows[1:]] == [
        ("004901", None, "lô quét.pdf, trang 1"),
        ("004902", "ảnh quét trong trang PDF này bị hỏng một phần (dữ liệu JPEG lỗi hoặc bị cắt ngắn), có chỗ có thể "
                   "xám hoặc mất: kiểm tra lại từng câu của trang này, hoặc quét lại trang", "lô quét.pdf, trang 2")]
