"""Two imports of the same file into one data folder at once add each question once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lecturer_app.core.model import Question

QUESTIONS = 1500


def big_bank(path: Path) -> Path:
    path.write_text("".join(f"Câu {n}: Câu hỏi số {n} về lịch sử Đảng?\nA. Năm {n}\nB. Năm {n + 1}\nĐáp án: B\n"
                            for n in range(1, QUESTIONS + 1)), encoding="utf-8")
    return path


def test_two_processes_importing_the_same_file_add_each_question_once(tmp_path, mini_bank):
    from lecturer_app.core.bank.shipped_import import import_bank
    from lecturer_app.core.workspace import open_workspace

    data = tmp_path / "data"
    workspace = open_workspace(data, import_shipped_bank=False)
    import_bank(workspace.store, mini_bank)  # a data folder past its first start
    before = len(workspace.store.select(Question))
    workspace.close()
    source = big_bank(tmp_path / "ngan_hang.txt")
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, "-m", "lecturer_app", "--debug", "--data-dir", str(data), "questions", "import", str(source)]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outcomes = [run.communicate(timeout=300) + (run.returncode,) for run in runs]
    assert [code for _out, _err, code in outcomes] == [0, 0], outcomes
    workspace = open_workspace(data, import_shipped_bank=False)
    try:
        assert len(workspace.store.select(Question)) == before + QUESTIONS
    finally:
        workspace.close()
