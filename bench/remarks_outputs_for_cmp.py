"""Outputs the phúc khảo work must leave unchanged, written by whichever checkout is on PYTHONPATH, for ``cmp``.

    cd /work/main  && PYTHONPATH=/work/main:/work/wt13-G python bench/remarks_outputs_for_cmp.py /tmp/g13cmp/base
    cd /work/wt13-G && PYTHONPATH=/work/wt13-G python bench/remarks_outputs_for_cmp.py /tmp/g13cmp/mine
    cmp /tmp/g13cmp/base/bang_diem.xlsx /tmp/g13cmp/mine/bang_diem.xlsx   # and saved.xlsx, quiz.xlsx (unzipped)

The first run builds the exam (2 versions, 6 MC, one essay) and the answer file in /tmp/g13cmp.

Session 15 (kept appeals) adds what a record of changes alone gives, from fixed changes (fixed times):
remarked.xlsx (the answers file with its «Phúc khảo» sheet), bang_diem_pk.xlsx and grade_pk.json (`exam grade`
on it). The biên bản (bien_ban_pk.pdf) is written too, for a text diff only: its layout changed on purpose.
"""

import io
import json
import sys
from pathlib import Path

from lecturer_app.cli import main
from lecturer_app.core.workspace import open_workspace
from lecturer_app.exam.manifest import read_manifest
from lecturer_app.exporters.exam.responses_xlsx import write_responses
from lecturer_app.importers.exam_answers import read_answer_file
from tests.exam import exam_bank_data

ROOT = Path("/tmp/g13cmp")


def prepare(data: Path) -> None:
    from openpyxl import Workbook

    workspace = open_workspace(data)
    exam_bank_data.make_exam_bank(workspace.store)
    workspace.close()
    out = io.StringIO()
    assert main(["--data-dir", str(data), "exam", "build", "--topics", ",".join(exam_bank_data.TOPIC_CODES), "--mc",
                 "6", "--essay", "1", "--versions", "2", "--seed", "5", "--no-docx", "-o", str(ROOT / "de"),
                 "--json"], out=out) == 0
    keys = {v["code"]: v["key"] for v in json.loads(out.getvalue())["versions"]}
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, 7), "TL1", "Vấn đáp"])
    sheet.append(["Trần Văn Bình", "01", "101", *keys["101"], "2,5", "7"])
    sheet.append(["Lê Thị Ánh", "02", "102", *keys["102"][:5], "", "3", ""])
    workbook.save(ROOT / "bai_lam.xlsx")


def write_outputs(out_dir: Path) -> None:
    data = ROOT / "data"
    if not data.exists():
        prepare(data)
    out_dir.mkdir(parents=True, exist_ok=True)
    assert main(["--data-dir", str(data), "exam", "grade", "--exam", str(ROOT / "de"), "--answers",
                 str(ROOT / "bai_lam.xlsx"), "-o", str(out_dir / "bang_diem.xlsx")], out=io.StringIO()) in (0, 1)
    manifest = read_manifest(ROOT / "de")
    answers = read_answer_file(ROOT / "bai_lam.xlsx", manifest)
    write_responses(answers.responses, 6, out_dir / "saved.xlsx", essays=1, oral=True, oral_weight=0.5)
    write_responses(answers.responses, 6, out_dir / "quiz.xlsx")
    write_changes(data, answers, out_dir)


def write_changes(data: Path, answers, out_dir: Path) -> None:
    """A record of changes alone (as every file before kept appeals), and `exam grade --minutes` on it."""
    from lecturer_app.exam.remarks import Remark

    binh = answers.responses[0]
    changes = [Remark(binh.sbd, binh.name, "TL1", "2,0", "2,5", "Cộng sót ý 2", "Nguyễn Thị Hoa",
                      "2026-12-05T09:30:00+07:00"),
               Remark(binh.sbd, binh.name, "Vấn đáp", "6,5", "7,0", "Hội đồng chấm lại", "Phạm Văn Đức",
                      "2026-12-06T14:05:00+07:00")]
    remarked = write_responses(answers.responses, 6, out_dir / "remarked.xlsx", essays=1, oral=True,
                               oral_weight=0.5, remarks=changes)
    out = io.StringIO()
    assert main(["--data-dir", str(data), "exam", "grade", "--exam", str(ROOT / "de"), "--answers", str(remarked),
                 "-o", str(out_dir / "bang_diem_pk.xlsx"), "--minutes", str(out_dir / "bien_ban_pk.pdf"), "--json"],
                out=out) in (0, 1)
    (out_dir / "grade_pk.json").write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    write_outputs(Path(sys.argv[1]))
