"""Crash safety (issue #13 item 9): a real SIGKILL at random points of import and export.

After each kill, ``check`` passes and the state is all or nothing: the
target's digest is either the one before the import or the one after a
clean import; an export leaves either no bundle or a complete one.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecturer_app.core.model import Attachment, Topic

ROOT = Path(__file__).resolve().parents[2]
IMPORT_KILLS = 20
EXPORT_KILLS = 10
pytestmark = pytest.mark.slow  # runs the app in a subprocess 30 times


def _spawn(folder: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "lecturer_app", "--data-dir", str(folder), *args],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _timed(folder: Path, *args: str) -> float:
    start = time.monotonic()
    assert _spawn(folder, *args).wait() == 0
    return time.monotonic() - start


def _kill_after(process: subprocess.Popen, delay: float) -> None:
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()


@pytest.fixture
def source(make_peer):
    """A peer with enough to bundle that import and export take a while."""
    peer = make_peer("A")
    with peer.workspace() as workspace:
        topics = [Topic(code=f"CR-{n:04d}", title=f"Chuyên đề thử {n}", periods=n % 9) for n in range(1500)]
        workspace.store.save_many(topics)
        for n in range(12):
            sha = workspace.blobs.put_bytes(bytes([n]) * (300 << 10))
            workspace.store.save(Attachment(owner_id=topics[n].id, sha256=sha, size=300 << 10, filename=f"t{n}.bin"))
    return peer


def test_sigkill_during_import_leaves_all_or_nothing(source, make_peer, tmp_path, peer_at):
    bundle = tmp_path / "a.lbb"
    source.ok("bundle", "export", "-o", str(bundle))
    pristine = make_peer("B")
    before = pristine.digest()
    clean = make_peer("B-clean")
    took = _timed(clean.folder, "bundle", "import", str(bundle), "--trust-new")
    after = clean.digest()
    assert before != after
    rng = random.Random(1313)
    outcomes = set()
    for trial in range(IMPORT_KILLS):
        target = tmp_path / f"kill-{trial}"
        shutil.copytree(pristine.folder, target)
        _kill_after(_spawn(target, "bundle", "import", str(bundle), "--trust-new"), rng.uniform(0.1, took))
        peer = peer_at(target)
        assert peer.ok("check").startswith("Dữ liệu toàn vẹn")
        state = peer.digest()
        assert state in (before, after)
        outcomes.add(state == after)
        if trial % 5 == 0:
            peer.ok("bundle", "import", str(bundle), "--trust-new")  # and a later import completes it
            assert peer.digest() == after
    assert outcomes  # the kills landed somewhere (both outcomes are usual)


def test_sigkill_during_export_leaves_no_bundle_or_a_whole_one(source, tmp_path):
    took = _timed(source.folder, "bundle", "export", "-o", str(tmp_path / "clean.lbb"))
    rng = random.Random(1314)
    for trial in range(EXPORT_KILLS):
        out = tmp_path / f"e{trial}.lbb"
        _kill_after(_spawn(source.folder, "bundle", "export", "-o", str(out)), rng.uniform(0.1, took))
        if out.exists():
            assert source.json("bundle", "verify", str(out))["ok"]
        assert source.ok("check").startswith("Dữ liệu toàn vẹn")
