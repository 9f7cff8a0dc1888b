"""Pushed signatures are checked in a share with a checker child that ``server run`` forks: the same verdicts."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from lecturer_app.server.verifier import Verifier
from lecturer_app.sync.keys import DeviceKey, b64
from lecturer_app.sync.signature_checks import start_checker

FORKS = sys.platform.startswith("linux") and hasattr(os, "fork")
forking_only = pytest.mark.skipif(not FORKS, reason="no fork here")


def _checks() -> tuple[list[tuple[str, str, str]], set[int]]:
    """(key, rev id, signature) — good ones, a signature of another id, another device's, garbage — and the bad."""
    key, other = DeviceKey.generate(), DeviceKey.generate()
    checks, bad = [], set()
    for n in range(40):
        rev_id = f"{n:064x}"
        signature = b64(key.sign(rev_id.encode("ascii")))
        if n % 9 == 2:
            signature = b64(key.sign(b"another id"))
        elif n % 9 == 7:
            signature = b64(other.sign(rev_id.encode("ascii")))
        elif n in (0, 39):
            signature = "không phải base64"
        else:
            checks.append((key.public_b64, rev_id, signature))
            continue
        checks.append((key.public_b64, rev_id, signature))
        bad.add(n)
    return checks, bad


def test_without_a_child_every_bad_signature_is_found_here():
    checks, bad = _checks()
    verifier = Verifier()
    assert not verifier.forked
    assert verifier.invalid(checks) == bad


@forking_only
def test_with_a_child_the_bad_signatures_of_both_shares_are_found():
    checks, bad = _checks()
    verifier = Verifier(start_checker())
    try:
        assert verifier.forked
        assert verifier.invalid(checks) == bad
        assert verifier.invalid(checks[:1]) == {0}  # one check is not worth a message to the child
        assert verifier.invalid(checks[30:]) == {n - 30 for n in bad if n >= 30}
        assert verifier.forked
    finally:
        verifier.close()
    assert not verifier.forked


@forking_only
def test_a_child_that_died_is_dropped_and_its_share_checked_here():
    checks, bad = _checks()
    child = start_checker()
    assert child is not None
    verifier = Verifier(child)
    os.kill(child.pid, signal.SIGKILL)
    assert verifier.invalid(checks) == bad
    assert not verifier.forked
    assert verifier.invalid(checks) == bad  # and from then on everything is checked here


@forking_only
def test_a_push_that_waited_for_a_child_given_up_meanwhile_checks_here():
    import threading

    checks, bad = _checks()
    verifier = Verifier(start_checker())
    seen: dict[str, object] = {}
    verifier._lock.acquire()  # the batch before holds the child ...
    worker = threading.Thread(target=lambda: seen.update(answer=verifier.invalid(checks)))
    worker.start()
    worker.join(timeout=0.3)
    verifier._give_up()  # ... and gives it up (it died under that batch)
    verifier._lock.release()
    worker.join(timeout=30)
    assert seen["answer"] == bad and not verifier.forked


@forking_only
def test_a_push_arriving_while_the_child_is_busy_waits_for_it(monkeypatch):
    import threading

    from lecturer_app.server import verifier as module

    checks, bad = _checks()
    verifier = Verifier(start_checker())
    seen: dict[str, object] = {}
    try:
        verifier._lock.acquire()  # another push holds the child
        worker = threading.Thread(target=lambda: seen.update(answer=verifier.invalid(checks)))
        worker.start()
        worker.join(timeout=0.5)
        assert worker.is_alive() and "answer" not in seen  # waiting, not checking everything itself
        verifier._lock.release()
        worker.join(timeout=30)
        assert seen["answer"] == bad and verifier.forked
        monkeypatch.setattr(module, "WAIT_S", 0.1)
        verifier._lock.acquire()  # a child held past the wait: checked here after all
        try:
            assert verifier.invalid(checks) == bad
        finally:
            verifier._lock.release()
    finally:
        verifier.close()


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as listing:
            found += [int(child) for child in listing.read().split()]
    return found


@forking_only
def test_server_run_checks_pushed_signatures_with_its_child_and_finds_the_forged_ones(server, make_peer):
    from lecturer_app.core.model import Topic
    from lecturer_app.sync.signing import sign_own_revisions, signature_of
    from support.server_process import spawn_server

    password = server.add_user("lan", "giang_vien")
    peer = make_peer("A")
    peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with peer.device() as (workspace, device):
        saved = [workspace.store.save(Topic(code=f"K-{n}", title=f"Chuyên đề {n}")) for n in range(12)]
        sign_own_revisions(workspace.store, device.key)
        signed = [(rev, signature_of(workspace.store, rev.rev_id)) for rev in saved]
        certificate = device.trust.certificate()
    forged = {1, 8, 11}  # in both the child's share and this process's
    items = [{"rev": rev.to_json(), "sig": {"signer": sig[0], "signature": signed[(n + 1) % 12][1][1]
                                            if n in forged else sig[1]}} for n, (rev, sig) in enumerate(signed)]
    process = spawn_server(server)
    try:
        assert len(_children(process.pid)) == 1  # the checker, forked before uvicorn's threads
        http = server.login("lan")
        answers = http.post("/v1/revs", json={"items": items, "certificates": [certificate]}).json()["results"]
        assert {n for n, a in enumerate(answers) if a["status"] == "invalid"} == forged
        assert {a["status"] for n, a in enumerate(answers) if n not in forged} == {"ok"}
    finally:
        process.terminate()
        process.wait(timeout=30)
