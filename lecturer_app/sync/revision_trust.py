"""Whether one revision from a bundle may enter this replica (sync.md §3.2, §3.8, §4.8).

- Every revision must have the shape of one (core/store/revision_shape.py): a
  trusted device with a bug, or a stolen key, signs whatever it is given.

- Shipped-bank revisions (origin ``bank:<id>``) are trusted by their bank's
  content: accepted when this app's own shipped bank contains that exact id.
- Automerge revisions carry no signature; they are accepted when they are a
  well-formed merge of parents this replica will hold, and every field of
  their body is one of the parents' values (a merge cannot invent content).
- Every other revision must be signed by its author's device, that device
  trusted (a certificate from a trusted authority, not revoked, or accepted
  on purpose with --trust-new), and its scopes must grant the record's partition
  (for an official marking: the ``official`` scope of a province editor).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lecturer_app.core.store.merge import AUTOMERGE, MERGE_SUMMARY
from lecturer_app.core.store.revision_shape import revision_problem
from lecturer_app.core.store.revisions import Revision
from lecturer_app.core.store.scopes import write_scope_of
from lecturer_app.i18n import _
from lecturer_app.sync.signing import BANK_ORIGIN, signature_valid
from lecturer_app.sync.trust import grants

_ABSENT = object()
Defer = Callable[[str, Revision, str], None]


def invalid_signature() -> str:
    """The reason given for a signature that does not verify (bundle import reports it for deferred checks too)."""
    return _("chữ ký không hợp lệ")


class RevisionJudge:
    """Judges revisions of one bundle; ``reason(rev, sig)`` is None when the revision is accepted."""

    def __init__(self, signers: dict[str, tuple[str, list[str]]], lookup: Callable[[str], Revision | None],
                 shipped_ids: Callable[[], set[str]], defer: Defer | None = None,
                 refused: dict[str, str] | None = None) -> None:
        self.signers = signers  # fingerprint → (public key, scopes) of trusted devices in the bundle
        # Signers whose certificate came but cannot be used → the reason their revisions are refused, naming it
        # (a page of changes: page_signers.py); any other signer not trusted is "signed by nobody trusted".
        self.refused = refused or {}
        self.lookup = lookup  # a revision by id, from the bundle or this replica
        self.shipped_ids = shipped_ids
        # When given, a signature is handed to *defer* (public key, revision, signature) instead of being
        # verified now: ``reason`` then answers for everything else, and the caller must reject the revision
        # if the deferred check fails (bundle import: signature_checks.py, on a second core when free).
        self.defer = defer

    def reason(self, rev: Revision, sig: dict[str, Any] | None) -> str | None:
        # A signature says who wrote a revision, not that it is well formed (core/store/revision_shape.py).
        if (problem := revision_problem(rev)) is not None:
            return problem
        if rev.origin_replica.startswith(BANK_ORIGIN):
            return None if rev.rev_id in self.shipped_ids() else _(
                "phiên bản của ngân hàng đề '{bank}' không có trong ngân hàng ứng dụng mang theo").format(
                    bank=rev.origin_replica[len(BANK_ORIGIN):])
        if rev.origin_replica == AUTOMERGE:
            return self._merge_reason(rev)
        return self._signed_reason(rev, sig)

    def _signed_reason(self, rev: Revision, sig: dict[str, Any] | None) -> str | None:
        if not sig or sig.get("signer") not in self.signers:
            signer = str(sig.get("signer")) if sig else ""
            return self.refused.get(signer) or _("không có chữ ký của thiết bị được tin cậy")
        public_key, scopes = self.signers[sig["signer"]]
        signature = str(sig.get("signature", ""))
        partition = write_scope_of(rev.type, rev.record_id, rev.body)
        if not grants(scopes, partition):  # a bad signature is still the reason given first
            if not signature_valid(public_key, rev.rev_id, signature):
                return invalid_signature()
            return _("thiết bị {fp} không có quyền ghi phân vùng {scope}").format(fp=sig["signer"], scope=partition)
        if self.defer is not None:
            self.defer(public_key, rev, signature)
        elif not signature_valid(public_key, rev.rev_id, signature):
            return invalid_signature()
        return None

    def _merge_reason(self, rev: Revision) -> str | None:
        parents = [self.lookup(p) for p in rev.parents]
        well_formed = (
            len(parents) >= 2 and all(p is not None for p in parents) and rev.author == AUTOMERGE
            and rev.device == AUTOMERGE and rev.summary == MERGE_SUMMARY and not rev.deleted)
        if not well_formed:
            return _("bản gộp tự động không hợp lệ (thiếu phiên bản cha hoặc sai dạng)")
        known = [p for p in parents if p is not None]
        if (any(p.type != rev.type or p.record_id != rev.record_id for p in known)
                or rev.hlc != max(p.hlc for p in known) or rev.generation != 1 + max(p.generation for p in known)):
            return _("bản gộp tự động không khớp các phiên bản cha")
        for key in set(rev.body).union(*(p.body for p in known)):
            value = rev.body.get(key, _ABSENT)
            if all(p.body.get(key, _ABSENT) != value for p in known):
                return _("bản gộp tự động có nội dung không từ phiên bản cha nào")
        return None
