"""Judging a bundle's revisions in one streaming pass, each batch handed on once its signatures are judged.

Every line is decoded once: its id is checked against its content
(``verified_body_json``: the body is encoded once, for the id and for the
log and read tables), the revision is judged (revision_trust.py) and, if
accepted, kept with its body's JSON until the signatures of its batch have
verdicts (``SignatureChecks.settled``).  Then the batch is handed on — to
``Store.apply_prepared_batches``, inside the import's one transaction, or
to nothing in a dry run — while the forked checker, when there is one,
checks the next batch's signatures.  At most ``HELD`` batches wait for
their verdicts, so memory does not grow with the bundle.  Automerge
revisions (few) are judged at the end, when every parent the bundle brings
has been seen; their parents that are not stored here are read from the
bundle once more (``refetch``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lecturer_app.core.store.conflicts import record_title
from lecturer_app.core.store.merge import AUTOMERGE
from lecturer_app.core.store.record_store import Store, verified_body_json
from lecturer_app.core.store.revisions import FORMAT, Revision
from lecturer_app.i18n import _
from lecturer_app.sync.revision_trust import RevisionJudge, invalid_signature
from lecturer_app.sync.signature_checks import SignatureChecks
from lecturer_app.sync.signing import store_signatures

HELD = 2  # batches judged but for their signatures, before this process waits for the verdicts
Parsed = tuple[Revision, dict[str, Any] | None]
Taken = tuple[Revision, str, dict[str, Any] | None]  # a revision, its body's canonical JSON, its signature
Tag = tuple[str, str, str]  # rev id, record id, type: what a failed signature is reported with


@dataclass
class Verdict:
    """What the pass decided, kept small: the ids taken (not the revisions), their records, conflicts before."""

    accepted: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)
    conflicted_before: set[str] = field(default_factory=set)
    sealed_blobs: dict[str, str] = field(default_factory=dict)
    rejected: list[dict[str, str]] = field(default_factory=list)
    malformed: list[dict[str, str]] = field(default_factory=list)
    known: int = 0


# A refused revision's title is reported this long at most (a question's stem can run to pages).
TITLE_CHARS = 80


def rejection(rev: Revision, reason: str, sig: Any = None) -> dict[str, str]:
    """A refused revision as reports list it: which record (its type, id and title, for the lecturer to know it
    by), who signed it (the signer's fingerprint, "" when unsigned) and why."""
    signer = sig.get("signer") if isinstance(sig, dict) else None
    return {"rev_id": rev.rev_id, "record_id": rev.record_id, "type": rev.type, "reason": reason,
            "title": record_title(rev.body)[:TITLE_CHARS], "signer": signer if isinstance(signer, str) else ""}


def checked_body_json(rev: Revision) -> tuple[str | None, str | None]:
    """(the body's canonical JSON, None) when the revision can be taken as it stands, else (None, the reason)."""
    if rev.format > FORMAT:
        return None, _("phiên bản do ứng dụng mới hơn tạo; hãy cập nhật ứng dụng")
    try:
        return verified_body_json(rev), None
    except ValueError:
        return None, _("mã phiên bản không khớp nội dung")


class Judging:
    """One bundle's pass: revisions seen, batches waiting for their signatures, automerges kept for the end."""

    def __init__(self, store: Store, signers: dict[str, tuple[str, list[str]]], checks: SignatureChecks[Tag],
                 shipped_ids: Callable[[], set[str]], *, writing: bool) -> None:
        self.store = store
        self.writing = writing  # whether the batches handed on are stored (then signatures are kept with them)
        self.verdict = Verdict()
        self.seen: set[str] = set()
        self.merges: dict[str, Taken] = {}
        self.parents: dict[str, Revision] = {}
        self.checks = checks
        self.judge = RevisionJudge(signers, self.lookup, shipped_ids, defer=self.defer)
        self._taking: list[Taken] = []
        self._noted: set[str] = set()  # records whose conflict state before the import is known

    def defer(self, public_key: str, rev: Revision, signature: str) -> None:
        """Accepted unless its signature fails: checked in batches, maybe on the other core (signature_checks)."""
        self.checks.add(public_key, rev.rev_id, signature, (rev.rev_id, rev.record_id, rev.type))

    def lookup(self, rev_id: str) -> Revision | None:
        held = self.merges.get(rev_id)
        return held[0] if held else self.parents.get(rev_id) or self.store.log.get(rev_id)

    def take(self, batch: list[Parsed]) -> list[Taken]:
        """Judge a batch of lines; the accepted revisions (their signatures not judged yet)."""
        known = self.store.log.known([rev.rev_id for rev, _sig in batch])
        self._taking = []
        for rev, sig in batch:
            body_json, reason = checked_body_json(rev)
            if body_json is None:
                self.verdict.malformed.append(rejection(rev, reason or "", sig))
            elif rev.rev_id not in self.seen:
                self.seen.add(rev.rev_id)
                if rev.rev_id in known:
                    self.verdict.known += 1
                elif rev.origin_replica == AUTOMERGE:
                    self.merges[rev.rev_id] = (rev, body_json, sig)
                else:
                    self.settle(rev, body_json, sig)
        return self._taking

    def settle(self, rev: Revision, body_json: str, sig: dict[str, Any] | None) -> None:
        if (reason := self.judge.reason(rev, sig)) is not None:
            self.verdict.rejected.append(rejection(rev, reason, sig))
        else:
            self.verdict.accepted.add(rev.rev_id)
            self.verdict.records.add(rev.record_id)
            self._taking.append((rev, body_json, sig))

    def settle_merges(self) -> list[Taken]:
        """Judge the automerges kept for the end; the accepted ones."""
        self._taking = []
        for rev, body_json, sig in self.merges.values():
            self.settle(rev, body_json, sig)
        return self._taking

    def release(self, taken: list[Taken], failed: Iterable[Tag]) -> list[tuple[Revision, str]]:
        """*taken* without the revisions whose signatures *failed*; their signatures stored when writing."""
        bad = set()
        signed = {rev.rev_id: (rev, sig) for rev, _json, sig in taken}  # a batch's failures are of the batch
        for rev_id, _record_id, _rtype in failed:
            bad.add(rev_id)
            self.verdict.accepted.discard(rev_id)
            rev, sig = signed[rev_id]
            self.verdict.rejected.append(rejection(rev, invalid_signature(), sig))
        kept = [item for item in taken if item[0].rev_id not in bad]
        if self.writing:
            self._note_conflicts({rev.record_id for rev, _json, _sig in kept} - self._noted)
            store_signatures(self.store, [(rev.rev_id, sig["signer"], sig["signature"])
                                          for rev, _json, sig in kept if sig])
        return [(rev, body_json) for rev, body_json, _sig in kept]

    def _note_conflicts(self, record_ids: set[str]) -> None:
        """Remember which of these records were in conflict before this import wrote to them."""
        self._noted |= record_ids
        self.verdict.conflicted_before |= conflicted(self.store, sorted(record_ids))


def judged_batches(state: Judging, batches: Iterable[list[Parsed]],
                   refetch: Callable[[], Iterable[list[Parsed]]]) -> Iterator[list[tuple[Revision, str]]]:
    """The accepted revisions of *batches*, with their bodies' JSON, each batch once its signatures are judged."""
    checks = state.checks
    held: deque[tuple[list[Taken], int]] = deque()
    for batch in batches:
        held.append((state.take(batch), checks.added))
        while held and (failed := checks.settled(held[0][1], wait=len(held) > HELD)) is not None:
            yield state.release(held.popleft()[0], failed)
    while held:
        taken, upto = held.popleft()
        yield state.release(taken, checks.verdicts(upto))
    checks.finish()
    if state.merges:
        yield _judged_merges(state, refetch)


def _judged_merges(state: Judging, refetch: Callable[[], Iterable[list[Parsed]]]) -> list[tuple[Revision, str]]:
    """Automerges last: their parents are stored by now, held, or read from the bundle again."""
    wanted = {p for rev, _json, _sig in state.merges.values() for p in rev.parents} - set(state.merges)
    wanted -= state.store.log.known(sorted(wanted))
    wanted &= state.seen
    if wanted:
        for batch in refetch():
            for rev, _sig in batch:
                if rev.rev_id in wanted and checked_body_json(rev)[0] is not None:
                    state.parents[rev.rev_id] = rev
    return state.release(state.settle_merges(), [])


def conflicted(store: Store, record_ids: list[str]) -> set[str]:
    """Which of *record_ids* are in conflict now."""
    found: set[str] = set()
    for start in range(0, len(record_ids), 500):
        part = record_ids[start:start + 500]
        rows = store.db.execute(f"SELECT id FROM records WHERE conflict = 1 AND id IN ({','.join('?' * len(part))})",
                                part)
        found.update(row[0] for row in rows)
    return found
