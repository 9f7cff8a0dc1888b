"""The quality panel's first check against the whole-bank check it replaced: whole-process CPU and peak RSS.

    .venv/bin/python bench/paired_first_check.py BASE_CHECKOUT DATA_DIR [--rounds R]
    .venv/bin/python bench/paired_first_check.py --make DATA_DIR --questions N

``--make`` writes a bank of N generated questions (``synthetic_bank.py``, no
slides) plus 300 questions made to be found: exact and near copies of
others, missing and unknown levels, no topic, no correct option.

Each round runs three processes on DATA_DIR, in an order that turns each
round: ``full``, the whole-bank check the panel ran before session 14
(``questions_and_seq`` then ``quality.check_questions``, this checkout, whose
``check_questions`` is base's); ``base``, ``CheckedBank().update`` of
BASE_CHECKOUT; ``this``, ``CheckedBank().update`` of this checkout.  Each
opens the workspace, checks once and prints the SHA-256 of its findings as
JSON with the ids and stems of the questions they name; a run whose digest
differs from the others' stops the benchmark.  CPU is the whole process's
(user + system, from ``wait4``), peak RSS its ``ru_maxrss`` (``whole_process``).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paired import paired_range  # noqa: E402
from whole_process import Measured, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHECK = r"""
import hashlib, json, sys
from pathlib import Path
from lecturer_app.core.workspace import open_workspace

mode, data = sys.argv[1], Path(sys.argv[2])
workspace = open_workspace(data)
store = workspace.store
if mode == "full":
    from lecturer_app.core.questions.quality import check_questions
    from lecturer_app.core.questions.query import questions_and_seq

    questions, _seq = questions_and_seq(store)
    findings = check_questions(questions)
    ids = {qid for finding in findings for qid in finding.question_ids}
    named = {q.id: q.stem for q in questions if q.id in ids}
    count = len(questions)
else:
    from lecturer_app.core.questions.checked_bank import CheckedBank

    checked = CheckedBank().update(store)
    findings, count = checked.findings, checked.count
    named = {qid: q.stem for qid, q in checked.questions.items()}
text = json.dumps({"count": count, "findings": [f.to_json() for f in findings], "named": dict(sorted(named.items()))},
                  ensure_ascii=False)
print(count, len(findings), hashlib.sha256(text.encode()).hexdigest())
"""


def make(data: Path, questions: int) -> None:
    """synthetic_bank.py's N questions, then 300 made to be found (seeded: the same bank every time)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic_bank.py"), str(data), "--questions",
                    str(questions), "--slides", "0"], env=env, check=True)
    from lecturer_app.core.model import Option, Question
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data)
    rng = random.Random(14)
    some = rng.sample(workspace.store.select(Question, order_by="rowid"), 300)
    made = []
    for number, model in enumerate(some):
        words = model.stem.split()
        if number % 3 == 1:  # a near copy: one word of the stem changed
            words[rng.randrange(len(words))] = "khác"
        options = [Option(o.text, o.correct and number % 10 != 9) for o in model.options]
        made.append(Question(type=model.type, stem=" ".join(words), options=options, points=model.points,
                             level=("", "Sáng tạo", model.level, model.level)[number % 4],
                             topic_ids=[] if number % 7 == 0 else list(model.topic_ids)))
    workspace.store.save_many(made)
    print(workspace.store.counts())
    workspace.close()


def measure(tree: Path, mode: str, data: Path) -> tuple[Measured, str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    # cwd: a `-c` child puts its working folder first on sys.path, where this checkout's package would win.
    output = data.parent / f"first-check-{os.getpid()}.out"
    with output.open("w") as out:
        measured = run([sys.executable, "-c", CHECK, mode, str(data)], env=env, cwd=data.parent, stdout=out)
    if measured.exit:
        raise SystemExit(f"{tree} {mode}: exit {measured.exit}")
    return measured, output.read_text().strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base", type=Path, nargs="?")
    parser.add_argument("data", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--make", action="store_true")
    parser.add_argument("--questions", type=int, default=10_000)
    args = parser.parse_args()
    if args.make:
        make(args.data, args.questions)
        return
    data, trees = args.data.resolve(), {"full": ROOT, "base": args.base.resolve(), "this": ROOT}
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    results: dict[str, list[Measured]] = {name: [] for name in trees}
    answers: set[str] = set()
    names = list(trees)
    for number in range(args.rounds):
        for name in names[number % 3:] + names[:number % 3]:
            measured, answer = measure(trees[name], "full" if name == "full" else "first", data)
            results[name].append(measured)
            answers.add(answer)
            print(f"{name}: cpu {measured.cpu:.2f} s, wall {measured.seconds:.2f} s, peak {measured.peak_mb:.0f} MB, "
                  f"answer {answer}", flush=True)
            if len(answers) > 1:
                raise SystemExit(f"different answers: {answers}")
    for key, unit in (("cpu", "s"), ("seconds", "s"), ("peak_mb", "MB")):
        figures = {name: [getattr(m, key) for m in runs] for name, runs in results.items()}
        print(f"{key}: " + "; ".join(f"{name} median {statistics.median(v):.2f} {unit} (min {min(v):.2f}, max "
                                     f"{max(v):.2f})" for name, v in figures.items())
              + f"; this/full {paired_range(figures['this'], figures['full'])}; this/base "
                f"{paired_range(figures['this'], figures['base'])}")
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
