"""The exam and answers file the `exam remark` tests start from, and the command run on them.

An exam of 6 MC (6 points) and 1 essay (4 points), one version, built by the CLI on the exam test bank; its
answers and marks as «Lưu bài làm và điểm…» saves them: Bình's essay 2,5, An's 3 (An's question 6 wrong); oral
weight 0.
"""

from __future__ import annotations

from pathlib import Path

from tests.exam import exam_bank_data
from tests.support.cli_runs import run_in as run

Built = tuple[Path, Path, str]  # data folder, exam folder, the version's key


def built_exam(tmp_path_factory) -> Built:
    data_dir, out, versions = exam_bank_data.cli_built_exam(tmp_path_factory, versions=1)
    return data_dir, out, versions[0]["key"]


def saved_answers(built: Built, tmp_path: Path) -> Path:
    from lecturer_app.exam.grading import Response
    from lecturer_app.exporters.exam.responses_xlsx import write_responses

    _data, _out, key = built
    wrong = "A" if key[5] != "A" else "B"
    responses = [Response("Trần Văn Bình", "01", "101", list(key), {1: 2.5}),
                 Response("Nguyễn Văn An", "02", "101", [*key[:5], wrong], {1: 3.0})]
    return write_responses(responses, 6, tmp_path / "bai_lam_da_cham.xlsx", essays=1, oral=True, oral_weight=0.0)


def remark(built: Built, path: Path, *args: str) -> tuple[int, str, str]:
    """`lecturer-app exam remark --exam … --answers PATH ARGS…`: (exit code, stdout, stderr)."""
    data_dir, out, _key = built
    return run(data_dir, "exam", "remark", "--exam", str(out), "--answers", str(path), *args)
