"""Two first starts at once on an empty data folder: both work, and the shipped bank is imported once.

A lecturer double-clicks the app twice, or a script runs two commands while
the window opens for the first time.  Before: both processes ran the schema
migrations side by side ("database is locked", "table … already exists")
and both imported the bank (the second import overwrote the first one's
record of what it added).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lecturer_app.core.bank.shipped_import import shipped_revisions
from lecturer_app.core.resources import bank_path
from lecturer_app.core.workspace import DB_NAME

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 3  # before the fix every round failed in one of the two ways above


def start_cli(data: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "lecturer_app", "--data-dir", str(data), "topics", "list",
                             "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env=env)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_first_starts_at_once_both_succeed_and_import_the_bank_once(tmp_path, round_):
    data = tmp_path / "Dữ liệu mới"
    starts = [start_cli(data), start_cli(data)]
    answers = [start.communicate(timeout=240) for start in starts]
    for start, (_out, err) in zip(starts, answers):
        assert start.returncode == 0, err
    listed = [json.loads(out) for out, _err in answers]
    assert listed[0] == listed[1] and len(listed[0]) > 0
    _bank, revisions = shipped_revisions(bank_path())
    with sqlite3.connect(data / DB_NAME) as db:
        imports = db.execute("SELECT records FROM bank_imports").fetchall()
        stored = db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0]
        replicas = db.execute("SELECT COUNT(*) FROM meta WHERE key = 'replica_id'").fetchone()[0]
    # One import, which added every record of the bank (a second import would have recorded 0 added).
    assert imports == [(len(revisions),)]
    assert stored == len(revisions) and replicas == 1
