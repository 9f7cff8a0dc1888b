"""The quality panel after each change to a 3,000-question bank, before and after it followed the bank, in turns.

    .venv/bin/python bench/paired_quality_follows.py BASE_CHECKOUT [ROUNDS]

Each round runs, for the other checkout and then this one (each its own
process, ``PYTHONPATH`` set to the checkout, on its own copy of the bank; the
order alternates), the main window on a bank of 3,044 generated questions
(``synthetic_bank.py --questions 3000``) plus one pair of near duplicates,
with the «Ngân hàng câu hỏi» tab open on «Kiểm tra chất lượng», and these
steps, each until the check after it has answered:

* «Kiểm tra lại»; delete one of the pair; «Hoàn tác»; edit another question
  in the editor and save; the workspace told of an import of 20 questions
  (written beforehand by a store of their own, as the import dialog's worker
  does); the kept question edited by another store (another window, the CLI)
  then «Gộp» asked on the pair.

Before, the panel did not follow the bank: after each step the script presses
«Kiểm tra lại» (``panel.run()``), as the lecturer had to, and the last step
is the outside edit alone (asking «Gộp» would merge the outdated pair).
After, it checks by itself (the script presses nothing) and refuses the «Gộp».

Every turn of the event loop is timed on the GUI thread (as ``bench_gui.py``
does: wall time, the thread's CPU time, and the time it could not run although
a core was free, i.e. wall less CPU less Linux's run-queue wait: the GIL held
by a worker); a run prints the longest of each with its step, how many turns
took over 50 ms, the whole run's wall time and the process's CPU seconds
(all threads).  The bank is made once by this checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paired import paired_range  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEEP = "Đảng Cộng sản Việt Nam ra đời vào năm nào?"
DROP = "Đảng Cộng sản Việt Nam được ra đời vào năm nào?"
PAIR = f"""
import sys
from pathlib import Path
from lecturer_app.core.workspace import open_workspace
from lecturer_app.core.model import Option, Question
ws = open_workspace(Path(sys.argv[1]))
for stem in ({KEEP!r}, {DROP!r}):
    ws.store.save(Question(type="single_choice", stem=stem, level="Nhận biết", options=[Option("1930", True),
                                                                                         Option("1945")]))
ws.close()
"""
# The main window opened on a generated bank, the «Ngân hàng câu hỏi» tab shown on «Kiểm tra chất lượng»: the
# start of both quality-panel runs (this one and paired_quality_after_save.py).
OPEN_PANEL = """\
app = create_application()
window = show_main_window(open_workspace(data))
while not window.startup_done:
    app.processEvents()
QThreadPool.globalInstance().waitForDone()
tab = next(window.tabs.widget(i) for i in range(window.tabs.count())
           if window.tabs.tabText(i) == "Ngân hàng câu hỏi")
window.tabs.setCurrentWidget(tab)
while tab.built_widget() is None or tab.built_widget().model.total == 0:
    app.processEvents()
QThreadPool.globalInstance().waitForDone()
app.processEvents()
ws = tab.built_widget()
panel = ws.quality
ws.side.setCurrentWidget(panel)
"""
# Counts the quality checks started and finished on the window's runner (both runs wait on them).
COUNT_CHECKS = """\
checks = {"started": 0, "finished": 0}

def started(operation):
    if operation.title == "Đang kiểm tra chất lượng":
        checks["started"] += 1
        operation.finished.connect(lambda: checks.__setitem__("finished", checks["finished"] + 1))

window.operations.started.connect(started)
"""
RUN = r"""
import json, os, sys, threading, time
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QThreadPool
from lecturer_app.core.store.db import open_database
from lecturer_app.core.model import Option, Question
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.workspace import open_workspace
from lecturer_app.ui.app import create_application, show_main_window

data = Path(sys.argv[1])
KEEP, DROP = sys.argv[2], sys.argv[3]
""" + OPEN_PANEL + r"""panel.threshold_spin.setValue(85)
follows = hasattr(panel, "recheck_soon")
""" + COUNT_CHECKS + r"""turns = []  # (wall, cpu, blocked with a core free, step)

SCHEDSTAT = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat")

def queued():  # seconds the GUI thread has waited for a core (Linux's run-queue wait)
    try:
        return int(SCHEDSTAT.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0

def timed(label, action):
    wall, cpu, waited = time.perf_counter(), time.thread_time(), queued()
    action()
    app.processEvents()
    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    # Wall time less CPU time less the wait for a core: the time it could not run with a core free (the GIL).
    turns.append((wall, cpu, max(0.0, wall - cpu - (queued() - waited)), label))

def step(label, action, press=True):
    before = checks["started"]
    timed(label, action)
    if press and not follows:
        timed(label + " + Kiểm tra lại", panel.run)
    deadline = time.monotonic() + 120
    while not (checks["started"] > before and checks["finished"] == checks["started"]):
        timed(label + " (turns until checked)", lambda: None)
        if time.monotonic() > deadline:
            raise TimeoutError(label)
        time.sleep(0.002)
    QThreadPool.globalInstance().waitForDone()
    timed(label + " (answer shown)", lambda: None)

def stem_id(stem):
    return ws.store.db.execute("SELECT id FROM questions WHERE json_extract(body, '$.stem') = ?", [stem]).fetchone()[0]

def pair_row():
    ids = {keep_id, drop_id}
    return next((r for r in range(panel.model.rowCount()) if set(panel.model.finding(r).question_ids) == ids), None)

keep_id, drop_id = stem_id(KEEP), stem_id(DROP)
started_all, cpu_all = time.perf_counter(), time.process_time()
step("Kiểm tra lại", panel.run, press=False)
assert pair_row() is not None
step("delete one of the pair", lambda: ws.delete([drop_id]))
step("Hoàn tác", ws.undo_delete)
assert pair_row() is not None
other = ws.store.db.execute("SELECT id FROM questions WHERE id NOT IN (?, ?) LIMIT 1", [keep_id, drop_id]).fetchone()[0]

def edit():
    ws.select(other)
    ws.editor.stem_edit.setPlainText("Câu hỏi đã sửa trong lúc đo?")
    assert ws.editor.save() is not None

step("edit and save", edit)
db = open_database(data / "lecturer_app.sqlite3")
elsewhere = Store(db)
made = [Question(type="single_choice", stem=f"Câu nhập thêm số {n}?", options=[Option("a", True), Option("b")])
        for n in range(20)]
elsewhere.save_many(made)
step("import told", lambda: ws.imported([q.id for q in made]))
ws.notice.close()
kept = elsewhere.require(Question, keep_id)
kept.stem = "Thủ đô của Việt Nam là thành phố nào?"
elsewhere.save(kept)
db.close()

def ask_gop():
    panel.select_row(pair_row())
    assert panel.merge_current() is None  # refused: the kept question changed since the check

step("outside edit, then Gộp", ask_gop if follows else (lambda: None))
assert pair_row() is None
wall_all, cpu_total = time.perf_counter() - started_all, time.process_time() - cpu_all
import lecturer_app
longest, busiest = max(turns), max(turns, key=lambda t: t[1])
blocked = max(turns, key=lambda t: t[2])
print(json.dumps({"tree": str(Path(lecturer_app.__file__).parents[1]), "longest_ms": longest[0] * 1000,
                  "longest_step": longest[3], "most_cpu_ms": busiest[1] * 1000, "most_cpu_step": busiest[3],
                  "most_blocked_ms": blocked[2] * 1000, "most_blocked_step": blocked[3],
                  "turns_over_50ms": sum(t[0] > 0.05 for t in turns), "turns": len(turns),
                  "wall_s": wall_all, "cpu_s": cpu_total}))
window.close()
"""


def run(tree: Path, bank: Path, work: Path) -> dict:
    copy = work / f"run-{tree.name}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(bank, copy)
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    # cwd: a `-c` child puts its working folder first on sys.path, where this checkout's package would win.
    done = subprocess.run([sys.executable, "-c", RUN, str(copy), KEEP, DROP], env=env, capture_output=True,
                          text=True, cwd=work)
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    base = Path(sys.argv[1]).resolve()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bank = work / "bank"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic_bank.py"), str(bank), "--questions", "3000",
                        "--slides", "0"], env=env, check=True, capture_output=True)
        subprocess.run([sys.executable, "-c", PAIR, str(bank)], env=env, check=True, cwd=work)
        results: dict[str, list[dict]] = {"base": [], "this": []}
        for number in range(rounds):
            order = [("base", base), ("this", ROOT)] if number % 2 == 0 else [("this", ROOT), ("base", base)]
            for name, tree in order:
                results[name].append(run(tree, bank, work))
                print(name, json.dumps(results[name][-1], ensure_ascii=False), flush=True)
    for key in ("longest_ms", "most_cpu_ms", "most_blocked_ms", "turns_over_50ms", "wall_s", "cpu_s"):
        before, after = ([r[key] for r in results[name]] for name in ("base", "this"))
        print(f"{key}: base median {statistics.median(before):.1f} (min {min(before):.1f}, max {max(before):.1f}); "
              f"this median {statistics.median(after):.1f} (min {min(after):.1f}, max {max(after):.1f}); "
              + (f"this/base {paired_range(after, before)}" if all(before) else "no ratio (a zero)"))
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
