#!/bin/bash
# usage: W=WORKDIR bench/written_files_for_cmp.sh CHECKOUT OUT ["--lang en"] — the files and messages of exam build,
# exam scan, exam grade (scanned answers; a messy answer file), exam remark and grade --minutes of CHECKOUT, the
# clock fixed (bench/fixed_clock_run.py), on a fresh data folder at $W/data.  Needs, made once from the base:
#   $W/exam_for_scans (an `exam build --topics NTD-01,DP-10 --mc 10 --essay 1 --versions 2 --seed 7` folder),
#   $W/scans, $W/messy.xlsx and $W/saved.xlsx (bench/scan_corpus_for_cmp.py $W/exam_for_scans $W),
#   made from the base checkout.
# Run each checkout with the same OUT (move it away in between), then cmp: an Office file member by member, its
# write times aside (docProps/core.xml; the «Phúc khảo» sheet's time of the change).
REPO=$1; OUT=$2; LANGARG=$3
BENCH=$(cd "$(dirname "$0")" && pwd)
PY=${PY:-$BENCH/../.venv/bin/python}
D=$W/data
rm -rf $OUT $D; mkdir -p $OUT
cd $REPO
run() { name=$1; shift; PYTHONPATH=$REPO $PY $BENCH/fixed_clock_run.py --data-dir $D $LANGARG "$@" > $OUT/$name.out 2> $OUT/$name.err; echo $? > $OUT/$name.rc; }
run build exam build --topics NTD-01,DP-10 --mc 10 --essay 1 --versions 2 --seed 7 -o $W/de
mv $W/de $OUT/de
# The scans are made once (from the base's exam) and reused: the same exam folder for every checkout.
SCANS=$W/scans; EXAM=$W/exam_for_scans
run scan exam scan --exam $EXAM --sheets $SCANS -o $OUT/bai_lam_quet.xlsx
run scan_json exam scan --exam $EXAM --sheets $SCANS -o $OUT/bai_lam_quet2.xlsx --json
run grade exam grade --exam $EXAM --answers $OUT/bai_lam_quet.xlsx -o $OUT/diem.xlsx
run grade_json exam grade --exam $EXAM --answers $OUT/bai_lam_quet.xlsx -o $OUT/diem2.xlsx --json
cp $W/messy.xlsx $OUT/messy.xlsx
run grade_messy exam grade --exam $EXAM --answers $OUT/messy.xlsx -o $OUT/diem_messy.xlsx
cp $W/saved.xlsx $OUT/saved.xlsx
run remark exam remark --exam $EXAM --answers $OUT/saved.xlsx --sbd 01 --component TL1 --mark 3,5 --reason "Cộng sót ý 2" --author "Nguyễn Thị Hoa"
run minutes exam grade --exam $EXAM --answers $OUT/saved.xlsx -o $OUT/diem_pk.xlsx --minutes $OUT/bien_ban.pdf
