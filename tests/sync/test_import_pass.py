"""An import reads each revision line once: judged, then inserted batch by batch once its signatures are judged.

Batches wait for their signatures' verdicts (import_judging.py), possibly checked by a forked
process while the next batch is read; a dry run judges the same way and writes nothing.
"""

from __future__ import annotations

import os
import sys
import threading

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.sync import bundle_import, signature_checks
from support.attachments import save_filled_attachments

FORKS = sys.platform.startswith("linux") and hasattr(os, "fork")


def _bundle_with_two_swapped_signatures(a, tmp_path) -> tuple[object, list[str], set[str]]:
    """A's bundle of 9 topics in which two revisions carry each other's (valid, but other) signatures."""
    a.ok("device", "show")
    with a.workspace() as workspace:
        saved = [workspace.store.save(Topic(code=f"LÔ-{n}", title=f"Chủ đề lô {n}")) for n in range(9)]
    a.ok("bundle", "export", "-o", str(tmp_path / "signed.lbb"))
    one, two = saved[2].rev_id, saved[7].rev_id
    with a.workspace() as workspace:
        db = workspace.store.db
        sigs = dict(db.execute("SELECT rev_id, signature FROM revision_signatures WHERE rev_id IN (?, ?)", [one, two]))
        with workspace.store.transaction():
            db.execute("UPDATE revision_signatures SET signature = ? WHERE rev_id = ?", [sigs[two], one])
            db.execute("UPDATE revision_signatures SET signature = ? WHERE rev_id = ?", [sigs[one], two])
    path = tmp_path / "swapped.lbb"
    a.ok("bundle", "export", "-o", str(path))
    return path, [rev.rev_id for rev in saved], {one, two}


@pytest.mark.parametrize("forked", [False, pytest.param(True, marks=pytest.mark.skipif(not FORKS, reason="no fork"))],
                         ids=["here", "forked"])
def test_small_batches_each_wait_for_their_signatures_and_a_dry_run_reports_what_the_import_does(
        make_peer, tmp_path, monkeypatch, no_child_left, forked):
    a, b = make_peer("A"), make_peer("B")
    path, saved, swapped = _bundle_with_two_swapped_signatures(a, tmp_path)
    monkeypatch.setattr(signature_checks, "parallel_possible", lambda: forked)
    monkeypatch.setattr(bundle_import, "BATCH", 2)  # lines read two at a time: many batches wait for verdicts
    monkeypatch.setattr(signature_checks, "BATCH", 3)  # signature batches that straddle line batches
    before = b.digest()
    dry = b.json("bundle", "import", str(path), "--trust-new", "--dry-run")
    assert b.digest() == before
    done = b.json("bundle", "import", str(path), "--trust-new")
    for key in ("revisions_new", "revisions_known", "rejected", "conflicts_new"):
        assert dry[key] == done[key], key
    assert sorted((r["rev_id"], r["reason"]) for r in done["rejected"]) == sorted(
        (rev_id, "chữ ký không hợp lệ") for rev_id in swapped)
    with b.workspace() as workspace:
        held = workspace.store.log.known(saved)
        stored = {row[0] for row in workspace.store.db.execute("SELECT rev_id FROM revision_signatures")}
    assert held == set(saved) - swapped
    assert held <= stored and not swapped & stored  # a rejected revision's signature is not kept either


def test_a_revision_whose_id_does_not_match_its_content_is_rejected_and_the_rest_taken(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    a.ok("device", "show")
    with a.workspace() as workspace:
        saved = [workspace.store.save(Topic(code=f"ID-{n}", title=f"Chủ đề mã {n}")) for n in range(3)]
        with workspace.store.transaction():  # the stored body no longer the one the id was made from
            workspace.store.db.execute("UPDATE revisions SET body = replace(body, 'mã 1', 'mã 9') WHERE rev_id = ?",
                                       [saved[1].rev_id])
    path = tmp_path / "a.lbb"
    a.ok("bundle", "export", "-o", str(path))
    done = b.json("bundle", "import", str(path), "--trust-new")
    assert [(r["rev_id"], r["reason"]) for r in done["rejected"]] == [(saved[1].rev_id, "mã phiên bản không khớp nội dung")]
    with b.workspace() as workspace:
        assert workspace.store.log.known([rev.rev_id for rev in saved]) == {saved[0].rev_id, saved[2].rev_id}


@pytest.mark.skipif(not FORKS, reason="no fork")
def test_no_thread_of_the_blob_checks_is_alive_when_the_signature_checker_may_fork(make_peer, tmp_path, monkeypatch):
    """The verifier's threads (stored blobs, their fsyncs) end with it: a process with a second thread never forks."""
    a, b = make_peer("A"), make_peer("B")
    a.ok("device", "show")
    with a.workspace() as workspace:
        save_filled_attachments(workspace, 4, 200_000, name="tệp {n}.pdf")
    path = tmp_path / "blobs.lbb"
    a.ok("bundle", "export", "-o", str(path))
    asked: list[set[threading.Thread]] = []  # the threads alive when the checker asks whether it may fork
    monkeypatch.setattr(signature_checks, "parallel_possible",
                        lambda: asked.append(set(threading.enumerate())) or False)
    before = set(threading.enumerate())  # threads of this test process that are not the import's
    done = b.json("bundle", "import", str(path), "--trust-new")
    assert done["blobs_new"] == 4
    assert len(asked) == 1 and asked[0] <= before, [t.name for t in asked[0] - before]
