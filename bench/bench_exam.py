"""Exam benchmarks: 24 versions × 40 MC + 2 essays with papers, answer sheet and keys.

    .venv/bin/python bench/bench_exam.py

Prints Markdown table rows: measurement | result | target | peer | ratio.
Peer, measured in the same run when installed: auto-multiple-choice
(`auto-multiple-choice prepare --mode s`, Debian package) making 24 shuffled
copies and the solution of the same 40 questions from AMC-TXT.  AMC's plain
filter needs XeLaTeX and Linux Libertine for Unicode; with pdflatex (what the
minimal install has) the peer's text is the accent-folded form of the same
questions, which only makes the peer's job easier.

Five rounds; in each, every variant of ours runs once and AMC once, and a
ratio is the median of the per-round ratios (each pair saw the same machine
load), with their min–max.  The first four rows time the build with the
libraries already loaded (except in the first round), as in the running app
when the lecturer presses the button, which is what AMC's GUI waits for when
it runs ``prepare``.  The last two rows time a fresh CLI process end to end
(interpreter start and imports included), with the default outputs (PDF and
DOCX papers: issue #16's goal, ours ÷ AMC ≤ 0.1) and with ``--no-docx``, and
give its peak RSS (``bench/whole_process.py``).  The app's modules are
byte-compiled first, as an installed app's are (this machine's shells set
PYTHONDONTWRITEBYTECODE, and compiling 60 modules from source would be timed
otherwise).  A forked helper writes half the versions where that is safe and
a core is free (CLI on Linux at a load average ≤ cores − 1,
``exporters/exam/version_files.py``); the one-process row is what Windows and
a busy machine get.  AMC's LaTeX run uses one core.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import whole_process  # noqa: E402
from bench.paired import paired_range  # noqa: E402
from lecturer_app.core.model import Option, Question, RubricItem, Topic  # noqa: E402
from lecturer_app.core.store.db import open_database  # noqa: E402
from lecturer_app.core.store.record_store import Store  # noqa: E402
from lecturer_app.core.text.normalize import fold  # noqa: E402
from lecturer_app.exam.blueprint import quick_blueprint  # noqa: E402
from lecturer_app.exam.draw import DrawOptions  # noqa: E402
from lecturer_app.exam.paper_settings import PaperSettings  # noqa: E402
from lecturer_app.exam.pool import load_pool  # noqa: E402
from lecturer_app.exporters.exam.build import BuildRequest, build_exam  # noqa: E402

VERSIONS = 24
MC = 40
ESSAYS = 2


def row(name: str, value: str, target: str, peer: str = "–", ratio: str = "–") -> None:
    print(f"| {name} | {value} | {target} | {peer} | {ratio} |", flush=True)


def make_store(store: Store | None = None) -> tuple[Store, list[Question]]:
    """The benchmark's topic and questions, in *store* (a new in-memory one by default)."""
    store = store or Store(open_database(None), author="bench")
    topic = Topic(code="BENCH-01", title="Chuyên đề đo hiệu năng")
    store.save(topic)
    questions = []
    for n in range(MC):
        options = [Option(f"Phương án {k + 1} của câu {n + 1}: nội dung về Đảng và Nhà nước", correct=(k == n % 4))
                   for k in range(4)]
        questions.append(Question(type="single_choice", stem=f"Câu hỏi số {n + 1} về lịch sử Đảng Cộng sản Việt Nam "
                                  "và các kỳ Đại hội?", options=options, topic_ids=[topic.id], level="Nhận biết",
                                  status="approved"))
    for n in range(ESSAYS):
        questions.append(Question(type="essay", stem=f"Phân tích ý nghĩa của sự kiện số {n + 1}.",
                                  rubric=[RubricItem("Bối cảnh", 1.0), RubricItem("Ý nghĩa", 1.0)],
                                  topic_ids=[topic.id], level="Vận dụng", status="approved"))
    with store.transaction():
        for question in questions:
            store.save(question)
    return store, questions


def ours(store: Store, folder: Path, docx: bool, seed: int, parallel: bool = True, helper=None) -> float:
    """One complete build (every file written, the Exam record saved), timed.

    *parallel* False builds in one process, as the GUI (a worker thread) and
    Windows (no fork) always do; True lets the CLI on Linux fork a helper.
    """
    pool = load_pool(store)
    blueprint = quick_blueprint(pool, ["BENCH-01"], MC, ESSAYS)
    request = BuildRequest(blueprint, DrawOptions(versions=VERSIONS, seed=seed), PaperSettings(), folder, docx=docx,
                           parallel=parallel, helper=helper)
    start = time.perf_counter()
    build_exam(store, pool, request)
    return time.perf_counter() - start


def amc_text(questions: list[Question]) -> str:
    lines = ["PaperSize: A4", "Lang: EN", "Title: Exam", "Code: 8", "LaTeXEngine: pdflatex", "xltxtra: 0",
             "Font: 0", "ShuffleQuestions: 1", ""]
    for question in questions:
        if question.type != "single_choice":
            continue
        lines.append("* " + fold(question.stem))
        lines += [("+ " if o.correct else "- ") + fold(o.text) for o in question.options]
        lines.append("")
    return "\n".join(lines)


def amc(questions: list[Question], folder: Path) -> float | None:
    if shutil.which("auto-multiple-choice") is None:
        return None
    source = folder / "exam.txt"
    source.write_text(amc_text(questions), encoding="utf-8")
    (folder / "data").mkdir()
    command = ["auto-multiple-choice", "prepare", "--mode", "s", "--with", "pdflatex", "--filter", "plain",
               "--filtered-source", str(folder / "src.tex"), "--prefix", f"{folder}/", "--data", str(folder / "data"),
               "--n-copies", str(VERSIONS), "--out-sujet", str(folder / "sujet.pdf"),
               "--out-corrige", str(folder / "corrige.pdf"), "--out-calage", str(folder / "calage.xy"), str(source)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    return elapsed if done.returncode == 0 and (folder / "sujet.pdf").is_file() else None


ROOT = Path(__file__).resolve().parents[1]


def cli(data: Path, folder: Path, seed: int, docx: bool = False) -> whole_process.Measured:
    """A fresh ``lecturer-app exam build`` process, end to end (start, imports, build, exit), with its peak RSS."""
    command = [*_console_script(), "--data-dir", str(data), "exam", "build", "--topics", "BENCH-01",
               "--mc", str(MC), "--essay", str(ESSAYS), "--versions", str(VERSIONS), "--seed", str(seed),
               "-o", str(folder), *([] if docx else ["--no-docx"])]
    measured = whole_process.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
    if measured.exit != 0:
        raise RuntimeError(f"{command} failed")
    return measured


def _console_script() -> list[str]:
    """How a user starts the CLI: the ``lecturer-app`` script pip installs beside the interpreter (no runpy, which
    ``python -m`` adds), or ``python -m lecturer_app`` where there is none.  Either imports this checkout
    (PYTHONPATH comes before the installed package)."""
    script = Path(sys.executable).with_name("lecturer-app")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "lecturer_app"]


RUNS = 5  # rounds; in each, every variant of ours runs once and AMC once


def _paired(ours: list[float], peer: list[float | None]) -> str:
    """The median of the per-round ratios AMC ÷ ours, with min–max (each pair saw the same machine load)."""
    if not all(peer):
        return "–"
    return paired_range(peer, ours, "× faster")


def main() -> None:
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.exporters.exam.version_helper import VersionHelper

    store, questions = make_store()
    helper = VersionHelper()  # as the GUI's exam workspace starts one when it opens
    helper.start()
    if not helper.wait_ready(60):
        raise SystemExit("the exam helper process did not start")
    variants = (("pdf", False, True, None), ("docx", True, True, None), ("one process", False, False, None),
                ("gui", False, True, helper), ("gui docx", True, True, helper))
    runs: dict[str, list[float]] = {name: [] for name, *_rest in variants} | {"cli": [], "cli docx": []}
    peaks: dict[str, list[float]] = {"cli": [], "cli docx": []}
    compileall.compile_dir(ROOT / "lecturer_app", quiet=1)
    peers: list[float | None] = []
    seeds = iter(range(1, 1000))
    with tempfile.TemporaryDirectory() as data_folder:
        data = Path(data_folder) / "data"
        workspace = open_workspace(data, import_shipped_bank=False)
        make_store(workspace.store)
        workspace.close()
        for _ in range(RUNS):
            for name, docx, parallel, with_helper in variants:
                with tempfile.TemporaryDirectory() as folder:
                    # A new seed each time: a different exam, so no run reuses the layouts of an earlier one.
                    runs[name].append(ours(store, Path(folder) / "de", docx, next(seeds), parallel, with_helper))
            for name, docx in (("cli docx", True), ("cli", False)):
                with tempfile.TemporaryDirectory() as folder:
                    measured = cli(data, Path(folder) / "de", next(seeds), docx)
                    runs[name].append(measured.seconds)
                    peaks[name].append(measured.peak_mb)
            with tempfile.TemporaryDirectory() as folder:
                peers.append(amc(questions, Path(folder)))
    helper.stop()
    peer_text = (f"{statistics.median(peers):.2f} s (AMC, 24 copies + solution, median of {RUNS})" if all(peers)
                 else "AMC not installed or failed")
    median = {name: statistics.median(times) for name, times in runs.items()}
    row(f"Exam build, libraries loaded: {VERSIONS} versions × {MC} MC + {ESSAYS} essays, PDF papers, answer sheet, "
        f"keys, XLSX (median of {RUNS}; as the CLI builds on Linux: a forked helper writes half the versions when "
        "a core is free)",
        f"{median['pdf']:.2f} s", "≤ 3 s", peer_text, _paired(runs["pdf"], peers))
    row(f"Same as the GUI builds it (any system): this process and a helper process started when the exam "
        f"workspace opened (median of {RUNS})", f"{median['gui']:.2f} s", "≤ 3 s", peer_text,
        _paired(runs["gui"], peers))
    row(f"Same in one process only (median of {RUNS})", f"{median['one process']:.2f} s",
        "≤ 3 s", peer_text, _paired(runs["one process"], peers))
    row(f"Same, plus a DOCX copy of every paper, as the CLI / as the GUI builds it (median of {RUNS})",
        f"{median['docx']:.2f} s / {median['gui docx']:.2f} s", "≤ 3 s", peer_text,
        f"{_paired(runs['docx'], peers)} / {_paired(runs['gui docx'], peers)}")
    for name, label, target in (("cli docx", "`lecturer-app exam build` (default outputs: PDF and DOCX papers)",
                                 "≤ 0.1× AMC"), ("cli", "`lecturer-app exam build --no-docx`", "–")):
        ratio = paired_range(runs[name], peers, "× AMC") if all(peers) else "–"  # type: ignore[arg-type]
        row(f"{label} as a fresh process, end to end (median of {RUNS}; peak RSS {max(peaks[name]):.0f} MB)",
            f"{median[name]:.2f} s", target, peer_text, f"{ratio} ({_paired(runs[name], peers)})")


if __name__ == "__main__":
    main()
