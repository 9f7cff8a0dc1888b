"""Revision signatures are checked in batches, on a forked second core when one is free, with the same verdicts."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from lecturer_app.core import second_process
from lecturer_app.core.model import Topic
from lecturer_app.sync import signature_checks
from lecturer_app.sync.keys import DeviceKey, b64
from lecturer_app.sync.signature_checks import SignatureChecks

# The tests fork even when this process runs other threads (a library's idle pool in the test run): the child only
# reads pickles and verifies signatures.  The app forks only when can_fork_safely() says so.
FORKS = sys.platform.startswith("linux") and hasattr(os, "fork")
forking_only = pytest.mark.skipif(not FORKS, reason="no fork here")


def _checks() -> tuple[list[tuple[str, str, str, str]], set[str]]:
    """(key, rev id, signature, tag) — good ones, a signature of another id, a foreign key, garbage — and the bad tags."""
    key, other = DeviceKey.generate(), DeviceKey.generate()
    items, bad = [], set()
    for n in range(23):
        rev_id = f"{n:064x}"
        signature = b64(key.sign(rev_id.encode("ascii")))
        if n % 7 == 3:
            signature, tag = b64(key.sign(b"another id")), f"swapped-{n}"
        elif n % 7 == 5:
            signature, tag = b64(other.sign(rev_id.encode("ascii"))), f"foreign-{n}"
        elif n == 20:
            signature, tag = "không phải base64", f"garbage-{n}"
        else:
            tag = f"good-{n}"
        items.append((key.public_b64, rev_id, signature, tag))
        if not tag.startswith("good"):
            bad.add(tag)
    return items, bad


def _failures(parallel: bool, kill_after: int | None = None) -> tuple[list[str], bool]:
    items, _bad = _checks()
    failed: list[str] = []
    with SignatureChecks(failed.append, parallel=parallel, batch=4) as checks:
        forked = checks.forked
        for n, (key, rev_id, signature, tag) in enumerate(items):
            if n == kill_after and checks._child is not None:
                os.kill(checks._child.pid, signal.SIGKILL)
            checks.add(key, rev_id, signature, tag)
        checks.finish()
    return failed, forked


def test_every_bad_signature_is_reported_once_when_checked_here():
    failed, forked = _failures(parallel=False)
    assert not forked
    assert sorted(failed) == sorted(_checks()[1])


@forking_only
def test_the_forked_checker_reports_exactly_what_checking_here_reports(no_child_left):
    failed, forked = _failures(parallel=True)
    assert forked
    assert sorted(failed) == sorted(_checks()[1]) and len(failed) == len(set(failed))


@forking_only
@pytest.mark.parametrize("kill_after", [0, 5, 13, 22])
def test_a_checker_that_dies_midway_leaves_every_signature_checked_here(no_child_left, kill_after):
    failed, forked = _failures(parallel=True, kill_after=kill_after)
    assert forked
    assert sorted(failed) == sorted(_checks()[1]) and len(failed) == len(set(failed))


def test_a_busy_machine_checks_in_this_process(monkeypatch):
    monkeypatch.setattr(second_process, "spare_core", lambda: False)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked on a busy machine"))
    with SignatureChecks(lambda tag: None) as checks:
        assert not checks.forked


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "here"])
def test_an_import_rejects_revisions_whose_signatures_do_not_verify_and_takes_the_rest(
        make_peer, tmp_path, monkeypatch, no_child_left, forked):
    if forked and not FORKS:
        pytest.skip("no fork here")
    a, b = make_peer("A"), make_peer("B")
    a.ok("device", "show")  # makes A's key, so what A saves next is signed at export
    with a.workspace() as workspace:
        saved = [workspace.store.save(Topic(code=f"CK-{n}", title=f"Chủ đề {n}")) for n in range(5)]
    a.ok("bundle", "export", "-o", str(tmp_path / "signed.lbb"))
    with a.workspace() as workspace:  # two revisions swap their (valid, but other) signatures
        db = workspace.store.db
        one, two = saved[1].rev_id, saved[3].rev_id
        sigs = dict(db.execute("SELECT rev_id, signature FROM revision_signatures WHERE rev_id IN (?, ?)", [one, two]))
        with workspace.store.transaction():
            db.execute("UPDATE revision_signatures SET signature = ? WHERE rev_id = ?", [sigs[two], one])
            db.execute("UPDATE revision_signatures SET signature = ? WHERE rev_id = ?", [sigs[one], two])
    a.ok("bundle", "export", "-o", str(tmp_path / "swapped.lbb"))
    monkeypatch.setattr(signature_checks, "parallel_possible", lambda: forked)
    monkeypatch.setattr(signature_checks, "BATCH", 2)  # several batches, so several round trips to the child
    started = []
    real_start = signature_checks._start_child
    monkeypatch.setattr(signature_checks, "_start_child", lambda: started.append(1) or real_start())
    result = b.json("bundle", "import", str(tmp_path / "swapped.lbb"), "--trust-new")
    assert bool(started) is forked
    assert sorted((r["rev_id"], r["reason"]) for r in result["rejected"]) == sorted(
        [(one, "chữ ký không hợp lệ"), (two, "chữ ký không hợp lệ")])
    assert result["revisions_new"] == 3
    with b.workspace() as workspace:
        held = workspace.store.log.known([rev.rev_id for rev in saved])
    assert held == {rev.rev_id for rev in saved} - {one, two}


@forking_only
def test_when_the_checker_is_behind_this_process_checks_the_next_batches_itself(monkeypatch, no_child_left):
    monkeypatch.setattr(second_process.Child, "answer_waiting", lambda child: False)  # the child never keeps up
    items, bad = _checks()
    failed: list[str] = []
    with SignatureChecks(failed.append, parallel=True, batch=4) as checks:
        for key, rev_id, signature, tag in items:
            checks.add(key, rev_id, signature, tag)
        checks.finish()
    in_flight = signature_checks.IN_FLIGHT * 4
    assert checks.where() == f"forked+here ({in_flight}+{len(items) - in_flight})"
    assert failed == [tag for *_check, tag in items if tag in bad]  # in the order added, wherever checked


@pytest.mark.parametrize("parallel", [False, pytest.param(True, marks=forking_only)], ids=["here", "forked"])
def test_failures_are_reported_in_the_order_the_signatures_were_added(parallel, no_child_left):
    items, bad = _checks()
    failed: list[str] = []
    with SignatureChecks(failed.append, parallel=parallel, batch=3) as checks:
        for key, rev_id, signature, tag in items:
            checks.add(key, rev_id, signature, tag)
        checks.finish()
    assert failed == [tag for *_check, tag in items if tag in bad]
    # Forked, how many the child answered depends on timing: some batches may have been checked here.
    assert checks.where().startswith("forked") if parallel else checks.where() == "here"


@pytest.mark.parametrize("parallel", [False, pytest.param(True, marks=forking_only)], ids=["here", "forked"])
def test_the_failures_among_the_first_checks_are_handed_out_once_when_those_are_judged(parallel, no_child_left):
    items, bad = _checks()
    reported: list[str] = []
    with SignatureChecks(reported.append, parallel=parallel, batch=4) as checks:
        for key, rev_id, signature, tag in items[:10]:
            checks.add(key, rev_id, signature, tag)
        first = checks.settled(6, wait=True)
        assert first == [tag for *_check, tag in items[:6] if tag in bad]
        assert checks.settled(6) == []  # handed out once
        for key, rev_id, signature, tag in items[10:]:
            checks.add(key, rev_id, signature, tag)
        checks.finish()
    assert reported == [tag for *_check, tag in items[6:] if tag in bad]


def test_checks_not_sent_yet_are_not_settled_unless_waited_for():
    items, bad = _checks()
    with SignatureChecks(parallel=False, batch=100) as checks:  # nothing reaches a batch of 100: all pending
        for key, rev_id, signature, tag in items:
            checks.add(key, rev_id, signature, tag)
        assert checks.settled(1) is None
        assert checks.settled(len(items), wait=True) == [tag for *_check, tag in items if tag in bad]
        assert checks.settled(0) == []
