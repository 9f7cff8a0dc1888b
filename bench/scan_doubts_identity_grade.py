"""`exam grade` (and write_responses) on the inputs of scan_doubts_identity_inputs.py with a frozen clock, so two
checkouts' score sheets compare with cmp (session 15, helper A).

    cd CHECKOUT && PYTHONPATH=$PWD .venv/bin/python bench/scan_doubts_identity_grade.py OUT/in OUT/NAME

The clock is frozen only where the files carry it (openpyxl's and the app's document times, the zip entries'
times); everything else is the real run.  Each grading leaves NAME/<file>.xlsx and NAME/<file>.out (exit code,
stdout, stderr); write_responses leaves NAME/again_<file>.xlsx.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import types
from pathlib import Path

import openpyxl.packaging.core as core
import openpyxl.writer.excel as excel

import lecturer_app.exporters.office_properties as office_properties
from lecturer_app.exam.manifest import read_manifest
from lecturer_app.exporters.exam.responses_xlsx import write_responses
from lecturer_app.importers.exam_answers import read_answer_file
from tests.support.cli_runs import run_in as run

FIXED = 1796000000.0
GRADED = (("typed.xlsx", "de_a"), ("typed.csv", "de_a"), ("typed_ghichu.xlsx", "de_a"), ("scan_clean.xlsx", "de_b"))
WRITTEN_AGAIN = (("typed.xlsx", "de_a", 40, 1), ("typed_ghichu.xlsx", "de_a", 40, 1),
                 ("scan_clean.xlsx", "de_b", 20, 0))


class _Frozen(dt.datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return dt.datetime.fromtimestamp(FIXED, tz)


def freeze_clock() -> None:
    local = time.localtime
    time.time = lambda: FIXED
    time.localtime = lambda _seconds=None: local(FIXED)  # the zip entries of the sheets openpyxl writes to files
    core.datetime = excel.datetime = types.SimpleNamespace(datetime=_Frozen, timezone=dt.timezone)  # type: ignore
    office_properties.datetime = _Frozen  # type: ignore[misc]  # stamp_time(): the score sheet's own "now"


def grade(root: Path, out: Path) -> None:
    data = next(root.glob("data*"))
    for answers, exam in GRADED:
        for extra in ([], ["--json"]):
            tag = answers.replace(".", "_") + ("_json" if extra else "")
            code, stdout, stderr = run(data, "exam", "grade", "--exam", str(root / exam), "--answers",
                                       str(root / answers), "-o", str(out / f"{tag}.xlsx"), *extra)
            text = f"exit {code}\n--stdout\n{stdout}--stderr\n{stderr}".replace(str(out), "OUT")
            (out / f"{tag}.out").write_text(text, encoding="utf-8")


def write_again(root: Path, out: Path) -> None:
    """«Lưu bài làm và điểm…» and `exam remark` write the answers again: unchanged without doubts."""
    for answers, exam, count, essays in WRITTEN_AGAIN:
        read = read_answer_file(root / answers, read_manifest(root / exam))
        write_responses(read.responses, count, out / f"again_{Path(answers).stem}.xlsx", essays=essays, oral=True,
                        oral_weight=0.5)


if __name__ == "__main__":
    freeze_clock()
    target = Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    grade(Path(sys.argv[1]), target)
    write_again(Path(sys.argv[1]), target)
