"""read_answer_file of a saved answers-and-marks file (1,000 learners); base and branch interleaved."""
import os
import subprocess
import sys
from pathlib import Path

ONE = r'''
import resource, sys, time
from pathlib import Path
from lecturer_app.exam.manifest import read_manifest
from lecturer_app.importers.exam_answers import read_answer_file
m = read_manifest(Path(sys.argv[1]))
t0 = time.perf_counter(); c0 = time.process_time()
for _ in range(5):
    a = read_answer_file(Path(sys.argv[2]), m)
print(round((time.perf_counter() - t0) / 5, 4), round((time.process_time() - c0) / 5, 4), len(a.responses),
      len(getattr(a, "remarks", [])))
'''

def prepare():
    sys.path.insert(0, "/work/wt13-G")
    from lecturer_app.core.store.db import open_database
    from lecturer_app.core.store.record_store import Store
    from lecturer_app.exam.grading import Response
    from lecturer_app.exam.remarks import Remark
    from lecturer_app.exporters.exam.responses_xlsx import write_responses
    from tests.exam import exam_bank_data
    d = Path("/tmp/g13bench")
    rep = exam_bank_data.build_small_exam(Store(open_database(None), author="x"), d / "de")
    key = rep.versions[0].key
    rs = [Response(f"Học viên {n}", f"{n:04d}", "101", list(key), {1: 2.5}, 7.0) for n in range(1000)]
    write_responses(rs, 8, d / "plain.xlsx", essays=1, oral=True, oral_weight=0.5)
    changes = [Remark(f"{n:04d}", f"Học viên {n}", "TL1", "2,0", "2,5", "Cộng sót ý 2", "Nguyễn Thị Hoa",
                      "2026-12-05T09:30:00+07:00") for n in range(1000)]
    write_responses(rs, 8, d / "record.xlsx", essays=1, oral=True, oral_weight=0.5, remarks=changes)

def run(tree, answers):
    out = subprocess.run(["/work/main/.venv/bin/python", "-c", ONE, "/tmp/g13bench/de", answers],
                         env={**os.environ, "PYTHONPATH": tree}, capture_output=True, text=True, check=True).stdout
    return out.split()

if __name__ == "__main__":
    if not Path("/tmp/g13bench/plain.xlsx").exists():
        prepare()
    rows = {"base": [], "new": [], "new+record": []}
    for _ in range(5):
        for name, tree, f in (("base", "/work/main", "plain.xlsx"), ("new", "/work/wt13-G", "plain.xlsx"),
                              ("new+record", "/work/wt13-G", "record.xlsx")):
            wall, cpu, n, r = run(tree, "/tmp/g13bench/" + f)
            rows[name].append((float(wall), float(cpu)))
            print(name, "wall s", wall, "cpu s", cpu, "learners", n, "changes", r)
    import statistics
    for name in ("new", "new+record"):
        ratios = [a[1] / b[1] for a, b in zip(rows[name], rows["base"])]
        print(f"{name}/base CPU ratio median {statistics.median(ratios):.3f} "
              f"(min {min(ratios):.3f}, max {max(ratios):.3f})")
