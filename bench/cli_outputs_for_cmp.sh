#!/bin/bash
# usage: bench/cli_outputs_for_cmp.sh CHECKOUT OUT — the CLI outputs of CHECKOUT (Vietnamese; B2LANG="--lang en"
# for English) on a fresh data folder in OUT: stdout/stderr/exit code per command, an exam built and graded, the
# score sheet's and answer key's cell values.  Run each checkout with the same OUT (move it away in between), then
# cmp the files: exam.json differs in exam_id (random), ma_tran.xlsx in its creation time.

REPO=$1; OUT=$2; shift 2
PY=${PY:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}
rm -rf $OUT; mkdir -p $OUT
D=$OUT/data
cd $REPO
run() { name=$1; shift; PYTHONPATH=$REPO $PY -m lecturer_app --data-dir $D $B2LANG "$@" > $OUT/$name.out 2> $OUT/$name.err; echo $? > $OUT/$name.rc; }
run stats stats --json
run search search "chuyen doi so"
run topics topics list
run questions questions list
run build exam build --topics NTD-01,DP-10 --mc 10 --essay 1 --versions 2 --seed 7 --no-docx -o $OUT/de
PYTHONPATH=$REPO $PY - "$OUT" <<'PY'
import sys, json
from pathlib import Path
from openpyxl import Workbook
out = Path(sys.argv[1])
exam = json.loads((out / "de" / "exam.json").read_text())
wb = Workbook(); ws = wb.active
versions = exam["versions"]
n = len(versions[0]["items"]) if "items" in versions[0] else 10
ws.append(["Họ và tên", "SBD", "Mã đề", *range(1, 11), "TL1", "Vấn đáp"])
ws.append(["Trần Văn Bình", "000231", versions[0]["code"], *(["A"] * 10), "1,5", "8"])
ws.append(["Lê Thị Ánh", "000232", versions[1]["code"], *(["B"] * 10), "", ""])
ws.append(["Đỗ Thị An", "000233", versions[0]["code"], *(["C"] * 10), "0,75", "6,5"])
wb.save(out / "bai_lam.xlsx")
PY
run grade exam grade --exam $OUT/de --answers $OUT/bai_lam.xlsx -o $OUT/diem.xlsx --oral-weight 0.25
run grade_json exam grade --exam $OUT/de --answers $OUT/bai_lam.xlsx -o $OUT/diem2.xlsx --oral-weight 0.25 --json
run check check
# a missing attachment: the check's Vietnamese finding
PYTHONPATH=$REPO $PY - "$D" <<'PY'
import sys
from pathlib import Path
from lecturer_app.core.workspace import open_workspace
from lecturer_app.core.bank.attachments import add_attachment
from lecturer_app.core.bank.queries import LessonBank
ws = open_workspace(Path(sys.argv[1]))
src = Path(sys.argv[1]).parent / "anh.png"; src.write_bytes(b"\x89PNG picture b2")
add_attachment(ws.store, ws.blobs, LessonBank(ws.store).topics()[0].id, src)
sha = __import__("hashlib").sha256(src.read_bytes()).hexdigest()
ws.close()
for p in (Path(sys.argv[1]) / "blobs").rglob("*"):
    if p.is_file() and sha in str(p): p.unlink()
PY
run check_missing check
# xlsx cell values of the score sheet
PYTHONPATH=$REPO $PY - "$OUT" <<'PY'
import sys
from pathlib import Path
from openpyxl import load_workbook
out = Path(sys.argv[1])
for name in ("diem.xlsx", "de/dap_an.xlsx"):
    wb = load_workbook(out / name)
    with open(out / (name.replace("/", "_") + ".cells"), "w") as f:
        for ws in wb:
            f.write(f"## {ws.title}\n")
            for row in ws.iter_rows(values_only=True):
                f.write(repr(row) + "\n")
PY
