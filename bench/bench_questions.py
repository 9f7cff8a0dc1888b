"""Question-bank benchmarks: XLSX import, duplicate scan, Moodle XML export.

    .venv/bin/python bench/bench_questions.py          # every row
    .venv/bin/python bench/bench_questions.py import   # only the whole-process XLSX import against calamine

Prints Markdown table rows: measurement | result | target | peer | ratio.
The data is synthetic (``generate`` below): Vietnamese-like stems built from
a fixed vocabulary, four options, all six types, and 2 % near duplicates
(a word added or changed) so the duplicate scan has real work to find.
Peers, measured in the same run: python-calamine's raw read of the same
workbook as a whole process, taking turns with a whole `questions import`
process (median per-round ratio, min–max); openpyxl reading the same
workbook's cells (the floor any XLSX importer pays), and all-pairs rapidfuzz comparison of
2,000 questions extrapolated to the whole bank (what a quadratic scan costs).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lecturer_app.core.model import Option, Question, RubricItem  # noqa: E402
from lecturer_app.core.questions.quality import check_questions, comparable_text  # noqa: E402
from lecturer_app.core.store.db import open_database  # noqa: E402
from lecturer_app.core.store.record_store import Store  # noqa: E402

WORDS = ("Đảng Cộng sản Việt Nam chi bộ đảng viên nghị quyết Đại hội Trung ương chuyển đổi số công tác tư tưởng "
         "lý luận nhân dân cách mạng độc lập dân tộc chủ nghĩa xã hội Hồ Chí Minh kỷ luật tổ chức sinh hoạt "
         "phát triển kinh tế văn hóa giáo dục an ninh quốc phòng đối ngoại hội nhập quốc tế pháp luật Nhà nước "
         "chính quyền địa phương cán bộ lãnh đạo quản lý kiểm tra giám sát phê bình tự phê bình đoàn kết").split()
LEVELS = ("Nhận biết", "Thông hiểu", "Vận dụng", "Vận dụng cao")


def row(name: str, value: str, target: str, peer: str = "–", ratio: str = "–") -> None:
    print(f"| {name} | {value} | {target} | {peer} | {ratio} |", flush=True)


def generate(count: int, seed: int = 2024, near_share: float = 0.02) -> list[Question]:
    """*count* synthetic questions; a *near_share* of them are near copies of earlier ones."""
    rng = random.Random(seed)
    questions: list[Question] = []
    for n in range(count):
        if questions and rng.random() < near_share:
            source = rng.choice(questions)
            words = source.stem.split()
            words.insert(rng.randrange(len(words)), rng.choice(WORDS))
            stem = " ".join(words)
            questions.append(Question(type=source.type, stem=stem, level=source.level,
                                      options=[Option(o.text, o.correct) for o in source.options],
                                      answers=list(source.answers), rubric=list(source.rubric)))
            continue
        stem = f"Câu {n}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 22))) + "?"
        questions.append(_typed(rng, n, stem))
    return questions


def _typed(rng: random.Random, n: int, stem: str) -> Question:
    kind = rng.choices(("single_choice", "multiple_choice", "true_false_4", "short_answer", "essay", "oral"),
                       (70, 8, 8, 6, 6, 2))[0]
    level = rng.choice(LEVELS)
    options = [Option(" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))) + f" ({n}.{k})")
               for k in range(4)]
    if kind == "single_choice":
        options[rng.randrange(4)].correct = True
    elif kind in ("multiple_choice", "true_false_4"):
        for option in rng.sample(options, 2):
            option.correct = True
    else:
        options = []
    question = Question(type=kind, stem=stem, level=level, options=options, points=0.25)
    if kind == "short_answer":
        question.answers = [rng.choice(WORDS)]
    if kind == "essay":
        question.rubric = [RubricItem("Nêu được ý thứ nhất", 0.5), RubricItem("Phân tích ý thứ hai", 0.5)]
        question.points = 1.0
    if kind == "oral":
        question.guide = "Trình bày được các ý chính."
    return question


def bench_xlsx_import(folder: Path) -> None:
    from openpyxl import load_workbook

    from lecturer_app.exporters.questions.xlsx_writer import export
    from lecturer_app.importers.questions import read_questions
    from lecturer_app.importers.questions.commit import commit_import, plan_import

    path = folder / "bank.xlsx"
    export(generate(10_000, near_share=0.0), path)
    store = Store(open_database(None), author="bench")
    started = time.perf_counter()
    result = read_questions(path)
    read = time.perf_counter() - started
    plan = plan_import(result, store)
    planned = time.perf_counter() - started - read
    saved = commit_import(plan, store, None)
    took = time.perf_counter() - started
    started = time.perf_counter()
    book = load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for sheet in book.worksheets for values in sheet.iter_rows(values_only=True) for _ in values)
    book.close()
    peer = time.perf_counter() - started
    assert len(saved) == 10_000 and cells > 0, (len(saved), result.problems[:3])
    row("Import 10,000 questions from XLSX (read, check, dedupe, save)", f"{took:.2f} s", "≤ 5 s",
        f"openpyxl cell read only {peer:.2f} s", f"{took / peer:.1f}×")
    row("… of which: read + check / plan + dedupe / Store.save × 10,000",
        f"{read:.2f} / {planned:.2f} / {took - read - planned:.2f} s", "–")


IMPORT_ROUNDS = 5
# The peer: python-calamine reading every sheet of the same workbook into Python values, a process of its own.
CALAMINE_READ = ("import sys\nfrom python_calamine import CalamineWorkbook\n"
                 "book = CalamineWorkbook.from_path(sys.argv[1])\n"
                 "sheets = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]\n"
                 "cells = sum(len(row) for rows in sheets for row in rows)\n"
                 "assert cells > 0")


def bench_xlsx_import_process(folder: Path) -> None:
    """`lecturer-app questions import` of 10,000 questions as a whole process, in turns with calamine's raw read."""
    import compileall
    import os
    import shutil
    import subprocess

    from bench import whole_process
    from bench.paired import paired_range
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.exporters.questions.xlsx_writer import export

    path = folder / "import.xlsx"
    export(generate(10_000, near_share=0.0), path)
    empty = folder / "empty"
    open_workspace(empty).close()  # past the first start: the shipped bank is in, as on a lecturer's machine
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    # Timed as an installed app ships it, byte-compiled: with PYTHONDONTWRITEBYTECODE set, a stale .pyc
    # would have each run compile that module again (as bench_exam.py does).
    compileall.compile_dir(root / "lecturer_app", quiet=1)
    ours: list[float] = []
    peer: list[float] = []
    cpu: dict[str, list[float]] = {"ours": [], "peer": []}  # user + system seconds: what a busy machine cannot inflate
    for number in range(IMPORT_ROUNDS):
        data = folder / f"data{number}"
        shutil.copytree(empty, data)
        sides = [(ours, cpu["ours"], [sys.executable, "-m", "lecturer_app", "--data-dir", str(data), "questions",
                                      "import", str(path)]),
                 (peer, cpu["peer"], [sys.executable, "-c", CALAMINE_READ, str(path)])]
        for times, seconds, command in sides if number % 2 == 0 else reversed(sides):
            measured = whole_process.run(command, env=env, stdout=subprocess.DEVNULL)
            assert measured.exit == 0, command
            times.append(measured.seconds)
            seconds.append(measured.cpu)
        shutil.rmtree(data)
    row("Import 10,000 questions from XLSX, whole process (`questions import`; median of "
        f"{IMPORT_ROUNDS} paired rounds)", f"{statistics.median(ours):.2f} s ({min(ours):.2f}–{max(ours):.2f})",
        "≤ 4× peer", f"python-calamine raw read, whole process {statistics.median(peer):.2f} s",
        paired_range(ours, peer))
    row("… CPU seconds (user + system) of the same processes", f"{statistics.median(cpu['ours']):.2f} s "
        f"({min(cpu['ours']):.2f}–{max(cpu['ours']):.2f})", "–",
        f"{statistics.median(cpu['peer']):.2f} s", paired_range(cpu["ours"], cpu["peer"]))


def bench_duplicate_scan() -> None:
    from rapidfuzz import fuzz

    questions = generate(50_000)
    for index, question in enumerate(questions):
        question.id = f"q{index}"
    started = time.perf_counter()
    findings = check_questions(questions)
    took = time.perf_counter() - started
    near = sum(1 for f in findings if f.code == "near_duplicate")
    sample = [comparable_text(q) for q in questions[:2000]]
    started = time.perf_counter()
    for i, text in enumerate(sample):
        for other in sample[i + 1:]:
            fuzz.ratio(text, other, score_cutoff=90)
    pairs_time = time.perf_counter() - started
    full = pairs_time * (50_000 / 2000) ** 2
    row(f"Quality check + duplicate scan over 50,000 questions ({near} near pairs found)", f"{took:.2f} s",
        "≤ 10 s", f"all-pairs rapidfuzz ≈ {full:.0f} s (extrapolated)", f"{full / took:.0f}× faster")


def bench_moodle_export(folder: Path) -> None:
    from lecturer_app.exporters.questions.moodlexml_writer import export

    questions = generate(10_000, near_share=0.0)
    started = time.perf_counter()
    report = export(questions, folder / "bank.xml")
    took = time.perf_counter() - started
    assert report.written == 10_000
    size = (folder / "bank.xml").stat().st_size / 2**20
    row(f"Export 10,000 questions to Moodle XML ({size:.1f} MB)", f"{took:.2f} s", "≤ 3 s")


def main() -> None:
    print("| Measurement | Result | Target | Peer | Ratio |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_xlsx_import_process(folder)
        if sys.argv[1:] == ["import"]:  # `bench_questions.py import`: the whole-process import against calamine only
            return
        bench_xlsx_import(folder)
        bench_duplicate_scan()
        bench_moodle_export(folder)


if __name__ == "__main__":
    main()
