"""Grading: answers from the template and from Google Forms, scores from each learner's own key."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from exam_bank_data import TOPIC_CODES, make_exam_bank

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.exam.blueprint import quick_blueprint
from lecturer_app.exam.draw import DrawOptions
from lecturer_app.exam.grading import GradingOptions, parse_thresholds, score_all
from lecturer_app.exam.item_analysis import analyse_items
from lecturer_app.exam.manifest import read_manifest
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exam.pool import load_pool
from lecturer_app.exporters.exam.build import BuildRequest, build_exam
from lecturer_app.exporters.exam.score_sheet import write_score_sheet
from lecturer_app.importers.exam_answers import read_responses

NAMES = ["Trần Văn Bình", "Lê Thị Ánh", "Nguyễn Văn An", "Đỗ Thị An", "Bùi Đức Ân", "Hoàng Văn Đức",
         "Phạm Minh Dũng", "Giàng A Dơ", "Vũ Thị Yến", "Ngô Quang Ước"]


@pytest.fixture(scope="module")
def exam_dir(tmp_path_factory):
    from lecturer_app.core.store.db import open_database
    from lecturer_app.core.store.record_store import Store

    db = open_database(None)
    store = Store(db)
    make_exam_bank(store)
    pool = load_pool(store)
    blueprint = quick_blueprint(pool, list(TOPIC_CODES), mc=12, essay=1)
    folder = tmp_path_factory.mktemp("grading") / "de"
    build_exam(store, pool, BuildRequest(blueprint, DrawOptions(versions=3, seed=9), PaperSettings(), folder,
                                         docx=False))
    db.close()
    return folder


def _answers(manifest, seed: int = 3) -> list[dict]:
    """Learners with random letters (some blank) and essay scores, as a class would hand them in."""
    rng = random.Random(seed)
    learners = []
    for index, name in enumerate(NAMES):
        code = sorted(manifest.versions)[index % len(manifest.versions)]
        count = len(manifest.versions[code].items)
        letters = [rng.choice("ABCD") if rng.random() > 0.1 else "" for _ in range(count)]
        if index == 0:
            letters = [item.key for item in manifest.versions[code].items]
        learners.append({"name": name, "sbd": f"{index + 1:03d}", "code": code, "letters": letters,
                         "essay": round(rng.uniform(0, 4) * 4) / 4})
    return learners


def learner_rows(sheet) -> list[tuple]:
    """The header and the learners' rows of the bảng điểm (the rule of the totals follows a blank row)."""
    rows = list(sheet.iter_rows(values_only=True))
    return rows[:rows.index(next(r for r in rows if not any(r)))] if any(not any(r) for r in rows) else rows


def _expected(learner: dict, manifest) -> float:
    """The keys applied by hand, independently of the grading code."""
    items = manifest.versions[learner["code"]].items
    objective = sum(item.points for item, letter in zip(items, learner["letters"]) if letter == item.key)
    return round((objective + learner["essay"]) * 10 / manifest.total_points, 2)


def _write_template(path: Path, learners: list[dict], count: int) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, count + 1), "TL1"])
    for learner in learners:
        sheet.append([learner["name"], learner["sbd"], int(learner["code"]), *learner["letters"],
                      str(learner["essay"]).replace(".", ",")])
    workbook.save(path)
    return path


def test_scores_equal_the_keys_applied_by_hand(exam_dir, tmp_path):
    manifest = read_manifest(exam_dir)
    learners = _answers(manifest)
    path = _write_template(tmp_path / "bai_lam.xlsx", learners, 12)
    scores = score_all(read_responses(path, manifest), manifest)
    assert {s.response.sbd: s.total for s in scores} == {l["sbd"]: _expected(l, manifest) for l in learners}
    full = next(s for s in scores if s.response.sbd == "001")
    assert all(full.correct)


def test_the_score_sheet_is_in_vietnamese_name_order(exam_dir, tmp_path):
    from openpyxl import load_workbook

    from lecturer_app.core.text.collation import name_sort_key

    manifest = read_manifest(exam_dir)
    path = _write_template(tmp_path / "bai_lam.xlsx", _answers(manifest), 12)
    scores = score_all(read_responses(path, manifest), manifest)
    out = write_score_sheet(scores, manifest, tmp_path / "bang_diem.xlsx")
    rows = learner_rows(load_workbook(out)["Bảng điểm"])
    names = [row[1] for row in rows[1:]]
    assert names[:3] == ["Đỗ Thị An", "Nguyễn Văn An", "Lê Thị Ánh"]
    assert names == sorted(NAMES, key=name_sort_key)
    header = rows[0]
    total = {row[1]: row[header.index("Tổng điểm")] for row in rows[1:]}
    written = {row[1]: row[header.index("Bằng số")] for row in rows[1:]}
    for name in names:
        plain = f"{total[name]:.2f}".rstrip("0")
        assert written[name] == (plain + "0" if plain.endswith(".") else plain).replace(".", ",")
    assert "Phân tích câu hỏi" in load_workbook(out).sheetnames


def test_google_forms_csv_is_read_by_option_text(exam_dir, tmp_path):
    manifest = read_manifest(exam_dir)
    learners = _answers(manifest, seed=8)
    path = tmp_path / "forms.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Dấu thời gian", "Địa chỉ email", "Điểm", "Họ và tên", "Số báo danh", "Lớp", "Mã đề",
                         *[f"Câu {n}: nội dung" for n in range(1, 13)]])
        for learner in learners:
            items = manifest.versions[learner["code"]].items
            texts = [item.options["ABCD".index(letter)] if letter else "" for item, letter in
                     zip(items, learner["letters"])]
            writer.writerow(["2025/03/05 8:00:00 AM GMT+7", "hv@example.org", "0 / 10", learner["name"],
                             learner["sbd"], "Lớp A", learner["code"], *texts])
    scores = score_all(read_responses(path, manifest), manifest)
    for learner, score in zip(learners, scores):
        items = manifest.versions[learner["code"]].items
        objective = sum(i.points for i, letter in zip(items, learner["letters"]) if letter == i.key)
        assert score.total == round(objective * 10 / manifest.total_points, 2)


def test_grades_follow_configurable_thresholds(exam_dir, tmp_path):
    manifest = read_manifest(exam_dir)
    path = _write_template(tmp_path / "bai_lam.xlsx", _answers(manifest), 12)
    responses = read_responses(path, manifest)
    options = GradingOptions(parse_thresholds("Đạt=5"), "Không đạt")
    for score in score_all(responses, manifest, options):
        assert score.grade == ("Đạt" if score.total >= 5 else "Không đạt")
    with pytest.raises(UserFacingError):
        parse_thresholds("Giỏi=tám")


def test_an_unknown_version_code_names_the_row(exam_dir, tmp_path):
    manifest = read_manifest(exam_dir)
    learners = _answers(manifest)
    learners[4]["code"] = "999"
    path = _write_template(tmp_path / "bai_lam.xlsx", learners, 12)
    with pytest.raises(InputFileError, match="dòng 6"):
        read_responses(path, manifest)


def test_a_file_without_the_header_is_refused(exam_dir, tmp_path):
    path = tmp_path / "rac.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="Mã đề"):
        read_responses(path, read_manifest(exam_dir))


def test_item_analysis_counts_choices_per_original_option(exam_dir, tmp_path):
    manifest = read_manifest(exam_dir)
    learners = _answers(manifest)
    path = _write_template(tmp_path / "bai_lam.xlsx", learners, 12)
    scores = score_all(read_responses(path, manifest), manifest)
    stats = analyse_items(scores, manifest)
    assert len(stats) == 12
    for item in stats:
        answered_blank = sum(
            1 for l in learners
            for info, letter in zip(manifest.versions[l["code"]].items, l["letters"])
            if info.id == item.question_id and not letter)
        assert item.blank == answered_blank
        assert sum(item.option_counts) + item.blank == len(learners)
        right = sum(1 for l in learners for info, letter in zip(manifest.versions[l["code"]].items, l["letters"])
                    if info.id == item.question_id and letter == info.key)
        assert item.difficulty == pytest.approx(right / len(learners))
        assert -1.0 <= item.discrimination <= 1.0


def test_a_folder_without_exam_json_is_refused_by_name(tmp_path):
    with pytest.raises(InputFileError, match="exam.json"):
        read_manifest(tmp_path)
    (tmp_path / "exam.json").write_text("{ hỏng", encoding="utf-8")
    with pytest.raises(InputFileError, match="exam.json"):
        read_manifest(tmp_path)


def test_multiple_answer_letters_from_forms_are_combined():
    from lecturer_app.exam.manifest import ItemInfo
    from lecturer_app.importers.exam_answers import normalise_answer

    item = ItemInfo("q", "multiple_choice", 1.0, "AC", ["1930", "1945", "1954", "1975"])
    assert normalise_answer("1954, 1930", item) == "AC"
    assert normalise_answer("c;a", item) == "AC"
    single = ItemInfo("s", "single_choice", 1.0, "B", ["Đại hội VI", "Đại hội VII"])
    assert normalise_answer("đại hội vii", single) == "B"
    assert normalise_answer("b.", single) == "B"
    assert normalise_answer("", single) == ""


def test_an_oral_score_is_weighted_into_the_final_score(exam_dir, tmp_path):
    from openpyxl import Workbook

    manifest = read_manifest(exam_dir)
    code = sorted(manifest.versions)[0]
    keys = [item.key for item in manifest.versions[code].items]
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 13), "TL1", "Vấn đáp"])
    workbook.active.append(["Lò Văn Páo", "01", code, *keys, "4", "7,0"])
    workbook.save(tmp_path / "bai_lam.xlsx")
    responses = read_responses(tmp_path / "bai_lam.xlsx", manifest)
    default, heavy = (score_all(responses, manifest, GradingOptions(oral_weight=w))[0] for w in (0.5, 0.25))
    assert default.total == pytest.approx(8.5) and default.oral == 7.0
    assert heavy.total == pytest.approx(9.25)
    assert default.grade == "Giỏi"


def test_decomposed_names_are_normalised_and_sorted_like_precomposed_ones(exam_dir, tmp_path):
    import unicodedata

    manifest = read_manifest(exam_dir)
    learners = _answers(manifest)
    for learner in learners:
        learner["name"] = unicodedata.normalize("NFD", learner["name"])
    path = _write_template(tmp_path / "bai_lam.xlsx", learners, 12)
    scores = score_all(read_responses(path, manifest), manifest)
    from lecturer_app.core.text.collation import name_sort_key
    from lecturer_app.exporters.exam.score_sheet import sorted_scores

    names = [s.response.name for s in sorted_scores(scores)]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert names == sorted(NAMES, key=name_sort_key)


@pytest.mark.slow
def test_libreoffice_opens_the_score_sheet_and_the_key(exam_dir, tmp_path):
    import os
    import subprocess

    manifest = read_manifest(exam_dir)
    path = _write_template(tmp_path / "bai_lam.xlsx", _answers(manifest), 12)
    scores = score_all(read_responses(path, manifest), manifest)
    sheet = write_score_sheet(scores, manifest, tmp_path / "bang_diem.xlsx")
    profile = f"file:///tmp/lo-exam-grade-{os.getpid()}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path / "out"), str(sheet), str(exam_dir / "dap_an.xlsx")],
                   capture_output=True, text=True, timeout=180, check=True)
    text = subprocess.run(["pdftotext", str(tmp_path / "out" / "bang_diem.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Đỗ Thị An" in text and "Xếp loại" in text
    key = subprocess.run(["pdftotext", str(tmp_path / "out" / "dap_an.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert all(code in key for code in manifest.versions)
