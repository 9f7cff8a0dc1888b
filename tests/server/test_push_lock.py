"""Signatures are checked before the write lock is taken (issue #14: the first step to several server processes).

While one pushed batch is being verified, another batch can be verified and
stored: the write lock (SQLite's one writer, PostgreSQL's table lock) is held
only to check scopes and presence and to insert.
"""

from __future__ import annotations

import threading

from lecturer_app.server import revs
from lecturer_app.server.accounts import get_user
from lecturer_app.sync import revision_trust
from support.signed_pushes import signed_topics


def _signed_items(make_peer, server, count: int) -> list[dict]:
    _peer, items, certificate = signed_topics(make_peer, server, count)
    return [{**item, "certificate": certificate} for item in items]


def _push(server, item: dict) -> list[str]:
    with server.context.repo.transaction() as tx:
        user = get_user(tx, "lan")
    body = {"items": [{"rev": item["rev"], "sig": item["sig"]}], "certificates": [item["certificate"]]}
    return [answer["status"] for answer in revs.push(server.context, user, body)]


def test_a_batch_is_stored_while_another_is_still_being_verified(server, make_peer, monkeypatch):
    first, second = _signed_items(make_peer, server, 2)
    verifying, second_stored = threading.Event(), threading.Event()
    real = revision_trust.signature_valid
    seen: dict[str, object] = {}

    def slow_for_the_first(public_key: str, rev_id: str, signature: str) -> bool:
        if rev_id == first["rev"]["rev_id"]:
            verifying.set()
            seen["second stored meanwhile"] = second_stored.wait(timeout=20)
        return real(public_key, rev_id, signature)

    monkeypatch.setattr(revision_trust, "signature_valid", slow_for_the_first)

    def push_first() -> None:
        seen["first"] = _push(server, first)

    worker = threading.Thread(target=push_first)
    worker.start()
    assert verifying.wait(timeout=20)
    seen["second"] = _push(server, second)
    second_stored.set()
    worker.join(timeout=60)
    assert seen == {"second stored meanwhile": True, "first": ["ok"], "second": ["ok"]}
    assert _push(server, first) == ["exists"]  # answers are unchanged: idempotent, per item
