"""Three small paths before and after a change, in turns: a bulk save's rows, a history compare, the deleted list.

    .venv/bin/python bench/paired_small_reads.py BASE_CHECKOUT [ROUNDS]

Each round runs, for the other checkout and then this one (each its own
process, ``PYTHONPATH`` set to the checkout; the order alternates), and
prints the wall and CPU seconds of:

* ``rows``: 50,000 ``FirstRevisions.row`` (an import's ``revisions`` rows);
* ``compare``: 200 ``revision_change`` of two plan-section revisions of a
  sample topic whose header changed between them (the Lịch sử compare), in a
  workspace holding the shipped sample bank;
* ``deleted``: 100 ``deleted_records(store, "question")`` over 3,000
  generated questions of which 64 are deleted (five deleted, brought back
  and deleted again, one of them edited meanwhile), as ``questions deleted``
  reads them.

The data are made once by the base checkout, in a temporary folder.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paired import paired_range  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TIMED = """
import sys, time
{setup}
started, cpu = time.perf_counter(), time.process_time()
for _ in range({repeat}):
    {call}
print(time.perf_counter() - started, time.process_time() - cpu)
"""
CASES = {
    "rows": ("from lecturer_app.core.store.revisions import FirstRevisions\n"
             "m = FirstRevisions(type='question', author='Nguyễn Văn A', device='d', summary='Nhập', "
             "origin_replica='d')\n"
             "body = '{\"stem\":\"Đảng Cộng sản Việt Nam ra đời năm nào?\",\"type\":\"essay\"}'",
             5, "[m.row('019aec3c-d100-728b-af01-42718b36a5e1', '2026-12-05T10:55:00.000Z-0000', n, body) "
                "for n in range(10_000)]"),
    "compare": ("from pathlib import Path\n"
                "from lecturer_app.core.workspace import open_workspace\n"
                "from lecturer_app.core.bank.history import topic_history\n"
                "from lecturer_app.core.bank.revision_change import revision_change\n"
                "ws = open_workspace(Path(sys.argv[1]))\n"
                "topic_id = sys.argv[2]\n"
                "sections = [e for e in topic_history(ws.store, topic_id) if e.summary in ('một', 'hai')]\n"
                "revision_change(ws.store, topic_id, sections)",
                200, "revision_change(ws.store, topic_id, sections)"),
    "deleted": ("from pathlib import Path\n"
                "from lecturer_app.core.workspace import open_workspace\n"
                "from lecturer_app.core.bank.history import deleted_records\n"
                "ws = open_workspace(Path(sys.argv[1]))\n"
                "deleted_records(ws.store, 'question')",
                100, "deleted_records(ws.store, 'question')"),
}
MAKE_COMPARE = """
import sys
from pathlib import Path
from lecturer_app.core.model import PlanSection, WrittenPlan
from lecturer_app.core.workspace import open_workspace
ws = open_workspace(Path(sys.argv[1]))
plan = ws.store.select(WrittenPlan)[0]
section = next(s for s in ws.store.select(PlanSection) if s.plan_id == plan.id)
section.body += "\\nSửa một."
ws.store.save(section, summary="một")
plan.header = {**plan.header, "ten_bai": "Tên bài mới"}
ws.store.save(plan, summary="tên bài")
section.body += "\\nSửa hai."
ws.store.save(section, summary="hai")
print(plan.topic_id)
"""
MAKE_DELETED = """
import sys
from pathlib import Path
sys.path.insert(0, "bench")
from bench_questions import generate
from lecturer_app.core.bank.history import undelete
from lecturer_app.core.model import Question
from lecturer_app.core.questions.query import delete_questions
from lecturer_app.core.workspace import open_workspace
ws = open_workspace(Path(sys.argv[1]))
made = generate(3000, near_share=0.0)
ws.store.save_many(made, summary="Nhập")
ids = [q.id for q in made]
delete_questions(ws.store, ids[:40], summary="Xoá câu hỏi")
undelete(ws.store, ids[:10], summary="Hoàn tác")
first = ws.store.require(Question, ids[0])
first.stem += " (sửa)"
ws.store.save(first)
delete_questions(ws.store, ids[:5] + ids[100:300:7], summary="Xoá câu hỏi")
"""


def _python(checkout: Path, code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    return subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=checkout, capture_output=True,
                          text=True, check=True).stdout


def main() -> None:
    base, rounds = Path(sys.argv[1]).resolve(), int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        sample, questions = Path(tmp) / "sample", Path(tmp) / "questions"
        topic_id = _python(base, MAKE_COMPARE, str(sample)).split()[-1]
        _python(base, MAKE_DELETED, str(questions))
        arguments = {"rows": [], "compare": [str(sample), topic_id], "deleted": [str(questions)]}
        for case, (setup, repeat, call) in CASES.items():
            code = TIMED.format(setup=setup, repeat=repeat, call=call)
            times: dict[str, list[tuple[float, float]]] = {"base": [], "this": []}
            for number in range(rounds):
                for name in (("base", "this") if number % 2 == 0 else ("this", "base")):
                    wall, cpu = _python(base if name == "base" else ROOT, code, *arguments[case]).split()
                    times[name].append((float(wall), float(cpu)))
            for name, pairs in times.items():
                print(f"{case} {name}: wall median {statistics.median(w for w, _ in pairs):.3f} s "
                      f"({min(w for w, _ in pairs):.3f}–{max(w for w, _ in pairs):.3f}), "
                      f"CPU median {statistics.median(c for _, c in pairs):.3f} s")
            ratio = paired_range([w for w, _ in times["this"]], [w for w, _ in times["base"]])
            print(f"{case} this / base, wall: {ratio}")


if __name__ == "__main__":
    main()
