"""A page of the server's ``changes`` feed judged and applied here (sync.md §3.6, §3.9; http_client.py pulls).

Each page is judged like a bundle import — the revision's id against its body, a trusted signer whose
certificate the page carries (page_signers.py), the signer's scope — and what passes is applied in one
local transaction.  Refused revisions go to the report's ``rejected`` (and their certificates, once each,
to ``refused_certificates``); the caller moves the pull cursor past them.  Kept apart from the HTTP
exchange so the rules of taking a revision can grow without the client's module growing with them.
"""

from __future__ import annotations

from typing import Any

from lecturer_app.core.store.record_store import verified_body_json
from lecturer_app.core.store.revisions import Revision
from lecturer_app.i18n import _
from lecturer_app.sync.device import Device
from lecturer_app.sync.import_judging import rejection
from lecturer_app.sync.page_signers import PageSigners
from lecturer_app.sync.revision_trust import RevisionJudge
from lecturer_app.sync.signing import store_signatures


def apply_page(device: Device, page: dict[str, Any], report: dict[str, Any]) -> tuple[int, int]:
    """Judge and apply one page in one transaction; the local last seq before it and through its revisions."""
    store = device.store
    items = [(Revision.from_json(item["rev"]), item.get("sig")) for item in page["items"]]
    in_page = {rev.rev_id: rev for rev, _sig in items}
    signers = PageSigners(device.trust, page.get("devices", {}))  # a bad certificate refuses only its signer's
    judge = RevisionJudge(signers.trusted, lambda rid: in_page.get(rid) or store.log.get(rid), shipped_ids,
                          refused=signers.refused)
    held = store.log.known(list(in_page))  # one query a page (our own pushes come back in the feed)
    accepted: list[tuple[Revision, str, dict[str, Any] | None]] = []
    refused_sigs: list[dict[str, Any] | None] = []
    for rev, sig in items:
        if rev.rev_id in held:
            continue
        try:
            body_json = verified_body_json(rev)  # hashed once, here; the store takes the checked pair
        except ValueError:
            mismatch = _("mã phiên bản không khớp nội dung")  # as a bundle import says it (import_judging.py)
            report["rejected"].append({**rejection(rev, mismatch, sig), "status": "invalid"})
            continue
        reason = judge.reason(rev, sig)
        if reason is None:
            accepted.append((rev, body_json, sig))
        else:
            report["rejected"].append({**rejection(rev, reason, sig), "status": "invalid"})
            refused_sigs.append(sig)
    signers.tell(report["refused_certificates"], refused_sigs)
    with store.transaction():
        before = last_seq(store)
        added, _changes = store.apply_verified([(rev, body_json) for rev, body_json, _sig in accepted])
        store_signatures(store, [(rev.rev_id, sig["signer"], sig["signature"]) for rev, _b, sig in accepted if sig])
        through = pulled_through(store, before, {rev.rev_id for rev, _b, _sig in accepted})
    report["pulled"] += len(added)
    return before, through


def pulled_through(store: Any, before: int, pulled: set[str]) -> int:
    """The last local seq after *before* up to which every revision came from the server (not a local merge)."""
    through = before
    for seq, rev_id in store.db.execute("SELECT seq, rev_id FROM revisions WHERE seq > ? ORDER BY seq", [before]):
        if rev_id not in pulled:
            break
        through = seq
    return int(through)


def last_seq(store: Any) -> int:
    return int(store.db.execute("SELECT COALESCE(MAX(seq), 0) FROM revisions").fetchone()[0])


def shipped_ids() -> set[str]:
    from lecturer_app.core.bank.shipped_import import shipped_revisions
    from lecturer_app.core.resources import bank_path

    return {rev.rev_id for rev in shipped_revisions(bank_path())[1]}
