"""Outputs the phúc khảo work must leave unchanged, written by whichever checkout is on PYTHONPATH, for ``cmp``.

    cd /work/main  && PYTHONPATH=/work/main:/work/wt13-G python bench/remarks_outputs_for_cmp.py /tmp/g13cmp/base
    cd /work/wt13-G && PYTHONPATH=/work/wt13-G python bench/remarks_outputs_for_cmp.py /tmp/g13cmp/mine
    cmp /tmp/g13cmp/base/bang_diem.xlsx /tmp/g13cmp/mine/bang_diem.xlsx   # and saved.xlsx, quiz.xlsx (unzipped)

The first run builds the exam (2 versions, 6 MC, one essay) and the answer file in /tmp/g13cmp.
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


if __name__ == "__main__":
    write_outputs(Path(sys.argv[1]))
