"""A backup taken while another process writes is consistent, and a killed one is never mistaken for a backup."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecturer_app.core.backup.create import create_backup
from lecturer_app.core.backup.manifest import PARTIAL_PREFIX, list_backups
from lecturer_app.core.backup.verify import verify_backup

ROOT = Path(__file__).resolve().parents[3]

# Writes topics with a new attachment each, as fast as it can, until the stop file appears.
WRITER = """
import sys, itertools
from pathlib import Path
from lecturer_app.core.model import Attachment, Topic
from lecturer_app.core.workspace import open_workspace
ws = open_workspace(Path(sys.argv[1]), import_shipped_bank=False)
stop = Path(sys.argv[2])
for n in itertools.count():
    with ws.store.transaction():
        topic = Topic(code=f"W-{n}", title=f"Chuyên đề ghi đồng thời {n}")
        ws.store.save(topic)
        digest = ws.blobs.put_bytes(f"tệp {n}".encode() * 2000)
        ws.store.save(Attachment(owner_id=topic.id, sha256=digest, filename=f"{n}.txt"))
    if n == 0:
        print("writing", flush=True)
    if stop.exists():
        break
ws.close()
"""

# Backs up, printing "copying" at the first blob and then waiting to be killed.
SLOW_BACKUP = """
import sys, time
from pathlib import Path
from lecturer_app.core.backup.create import create_backup
def stall(done, total, text):
    print("copying", flush=True)
    time.sleep(60)
create_backup(Path(sys.argv[1]), Path(sys.argv[2]), progress=stall)
"""

BACKUP = """
import sys
from pathlib import Path
from lecturer_app.core.backup.create import create_backup
create_backup(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _python(code: str, *args: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE, text=True,
                            env=env)


@pytest.fixture
def writer(full_workspace, tmp_path):
    """Another process writing into the data folder for the whole test."""
    stop = tmp_path / "stop"
    process = _python(WRITER, full_workspace.data_dir, stop)
    assert process.stdout.readline().strip() == "writing"
    yield process
    stop.touch()
    process.wait(timeout=30)
    process.stdout.close()
    assert process.returncode == 0


def test_backups_taken_during_writes_in_another_process_are_consistent(full_workspace, writer):
    root = full_workspace.data_dir / "backups"
    infos = [create_backup(full_workspace.data_dir, root) for _ in range(4)]

    assert len({info.records for info in infos}) > 1, "the writer should have written between the backups"
    for info in infos:
        report = verify_backup(root / info.id)
        assert report.ok, report.problems


def test_a_backup_killed_while_copying_is_not_listed_and_the_next_one_is_whole(full_workspace, writer):
    root = full_workspace.data_dir / "backups"
    process = _python(SLOW_BACKUP, full_workspace.data_dir, root)
    assert process.stdout.readline().strip() == "copying"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()

    assert list_backups(root) == []
    assert len(list(root.glob(PARTIAL_PREFIX + "*"))) == 1

    info = create_backup(full_workspace.data_dir, root)

    assert [b.id for b in list_backups(root)] == [info.id]
    assert verify_backup(root / info.id).ok


def test_backups_killed_at_any_moment_never_leave_a_damaged_backup_listed(full_workspace, writer):
    root = full_workspace.data_dir / "backups"
    for delay in (0.02, 0.08, 0.15, 0.3, 0.6):
        process = _python(BACKUP, full_workspace.data_dir, root)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
    for info in list_backups(root):
        assert verify_backup(root / info.id).ok, info.id


def test_an_old_unfinished_backup_folder_is_removed_by_the_next_backup(full_workspace):
    root = full_workspace.data_dir / "backups"
    stale = root / f"{PARTIAL_PREFIX}2026-01-01_080000_auto"
    stale.mkdir(parents=True)
    long_ago = time.time() - 7 * 3600
    os.utime(stale, (long_ago, long_ago))
    fresh = root / f"{PARTIAL_PREFIX}2026-01-02_080000_auto"
    fresh.mkdir()  # may belong to a backup running in another process right now

    create_backup(full_workspace.data_dir, root)

    assert not stale.exists() and fresh.exists()
