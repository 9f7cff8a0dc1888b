"""A killed app loses at most the last ~2 s of typing: a real process, SIGKILL, restart."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecturer_app.ui.topic.autosave import AUTOSAVE_MS

TYPED = "Đoạn gõ trước khi máy bị tắt đột ngột: Đảng, Nhà nước, nhân dân."


def _read_line(proc: subprocess.Popen, prefix: str, deadline: float) -> str:
    """The next stdout line starting with *prefix*, or fail at *deadline* (never hangs)."""
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith(prefix):
            return line.strip()
    proc.kill()
    pytest.fail(f"the app did not print {prefix!r}; stderr:\n{proc.stderr.read()}")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_text_typed_survives_kill_9_of_the_app(tmp_path: Path, mini_data_dir: Path):
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace

    data = mini_data_dir

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    driver = Path(__file__).with_name("keyboard_driver.py")
    spec = json.dumps({"topic": "AB-01", "text": TYPED})
    proc = subprocess.Popen([sys.executable, str(driver), str(data), spec], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        deadline = time.monotonic() + 60
        _read_line(proc, "TYPED", deadline)
        saved = _read_line(proc, "AUTOSAVED", deadline)
        assert int(saved.split()[1]) <= AUTOSAVE_MS + 500  # saved within ~2 s of the last keystroke
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        proc.stdout.close()
        proc.stderr.close()

    again = open_workspace(data, import_shipped_bank=False)
    try:
        bank = LessonBank(again.store)
        plan = bank.plan(bank.require_topic("AB-01").id)
        assert TYPED in bank.sections(plan.id)[0].body
    finally:
        again.close()
