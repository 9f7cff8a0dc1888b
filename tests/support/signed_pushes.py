"""Revisions a logged-in peer has made and signed, as a push sends them: for the server's push tests."""

from __future__ import annotations

from typing import Any

from lecturer_app.core.model import Topic
from lecturer_app.sync.signing import sign_own_revisions, signature_of


def signed_topics(make_peer, server, count: int) -> tuple[Any, list[dict], dict]:
    """Peer "A", logged in as the new lecturer "lan", with *count* new topics signed:
    (peer, [{rev, sig}] in the order saved, the device's certificate)."""
    password = server.add_user("lan", "giang_vien")
    peer = make_peer("A")
    peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with peer.device() as (workspace, device):
        saved = [workspace.store.save(Topic(code=f"K-{n}", title=f"Chuyên đề {n}")) for n in range(count)]
        sign_own_revisions(workspace.store, device.key)
        items = [{"rev": rev.to_json(), "sig": dict(zip(("signer", "signature"),
                                                         signature_of(workspace.store, rev.rev_id), strict=True))}
                 for rev in saved]
        certificate = device.trust.certificate()
    return peer, items, certificate
