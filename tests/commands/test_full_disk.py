"""Nothing half-written on a full disk or a kill (issue #12, point 20).

Every writer goes through ``core.safe_write``: a full disk leaves nothing
under the user's name and one clear message, never a traceback; an exam
build that is killed leaves no folder that looks like an exam.

The full disk is made without root: the command runs in a child process
whose file size limit (RLIMIT_FSIZE) drops to a few kilobytes the moment it
first opens a file in the output folder, so writing there fails with EFBIG
as it would with ENOSPC, while the database stays writable.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecturer_app.exporters.questions import EXPORT_FORMATS

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE and process groups are POSIX")

FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails with EFBIG instead of killing
limit, folder = int(sys.argv[1]), sys.argv[2]

def fill_disk(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].startswith(folder):
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

sys.addaudithook(fill_disk)
from lecturer_app.cli import main
sys.exit(main(sys.argv[3:]))
"""
ROOT = Path(__file__).resolve().parents[2]


def _command(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "lecturer_app", "--data-dir", str(data_dir), *args]


def _on_full_disk(data_dir: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    folder.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-c", FULL_DISK, "4096", str(folder), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _assert_refused_cleanly(done: subprocess.CompletedProcess, folder: Path) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "tệp vượt quá cỡ lớn nhất ổ đĩa cho phép" in done.stderr  # EFBIG: the size limit stands in for a full disk
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == []  # no truncated file, no temporary leftover


def _topic_with_questions(data_dir: Path) -> str:
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data_dir)
    bank = LessonBank(workspace.store)
    try:
        return next(t.code for t in bank.topics()
                    if sum(q.type == "single_choice" for q in bank.questions(t.id)) >= 5)
    finally:
        workspace.close()


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_a_question_export_on_a_full_disk_leaves_no_file_and_says_why(data_dir, tmp_path, fmt):
    folder = tmp_path / "out"
    done = _on_full_disk(data_dir, folder, "questions", "export", "--format", fmt, str(folder / f"ngan_hang.{fmt}"))
    _assert_refused_cleanly(done, folder)


@pytest.mark.parametrize("fmt", ["pptx", "docx", "pdf"])
def test_a_lesson_export_on_a_full_disk_leaves_no_file_and_says_why(data_dir, tmp_path, fmt):
    folder = tmp_path / "out"
    done = _on_full_disk(data_dir, folder, "lesson", "export", "NTD-01", "--format", fmt, "-o",
                         str(folder / f"bai.{fmt}"))
    _assert_refused_cleanly(done, folder)


@pytest.mark.parametrize("command", [["handout", "NTD-01", "-o", "{out}/phieu.pdf"],
                                     ["exam", "thu-hoach", "--prompt", "Liên hệ bản thân", "-o", "{out}/th.docx"],
                                     ["exam", "thu-hoach", "--prompt", "Liên hệ bản thân", "-o", "{out}/th.pdf"]])
def test_a_handout_or_thu_hoach_on_a_full_disk_leaves_no_file_and_says_why(data_dir, tmp_path, command):
    folder = tmp_path / "out"
    done = _on_full_disk(data_dir, folder, *[part.format(out=folder) for part in command])
    _assert_refused_cleanly(done, folder)


def test_an_exam_build_on_a_full_disk_leaves_no_folder_and_says_why(data_dir, tmp_path):
    folder = tmp_path / "out"
    done = _on_full_disk(data_dir, folder, "exam", "build", "--topics", _topic_with_questions(data_dir), "--mc", "5",
                         "--versions", "2", "-o", str(folder / "de"))
    _assert_refused_cleanly(done, folder)


def test_a_killed_exam_build_leaves_no_folder_that_looks_like_an_exam(data_dir, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    build = subprocess.Popen(_command(data_dir, "exam", "build", "--topics", _topic_with_questions(data_dir), "--mc",
                                      "5", "--versions", "8", "-o", str(folder / "de")),
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any(p.is_file() for p in folder.rglob("*")) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert build.poll() is None, "the build ended before it could be killed"
    finally:
        os.killpg(build.pid, signal.SIGKILL)  # the build and the helper it forked
        build.wait()
    assert not (folder / "de").exists()
    assert not list(folder.rglob("exam.json"))
