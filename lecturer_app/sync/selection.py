"""What goes into a bundle: which revisions, which blobs, which sealed (sync.md §3.7–3.8).

A revision goes when its record's partition is in the chosen scopes and the
receiver's want file (if any) does not say it has it.  Confidential
partitions (``exam:*``) are chosen only for a recipient whose certificate
grants them, and are then sealed; blobs that only such records reference
are sealed with them and never sent in the clear.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.scopes import BANK, is_confidential
from lecturer_app.i18n import _
from lecturer_app.sync.blob_refs import hashes_in, referenced_blobs
from lecturer_app.sync.signing import needs_signature
from lecturer_app.sync.trust import TrustError, grants
from lecturer_app.sync.want import Want

BATCH = 2000


@dataclass
class Selection:
    plain_scopes: list[str]
    sealed_scopes: list[str]
    want: Want | None = None
    plain_blobs: set[str] = field(default_factory=set)
    sealed_blobs: set[str] = field(default_factory=set)
    signers: set[str] = field(default_factory=set)
    covered: dict[str, list[int]] = field(default_factory=dict)
    unsigned: int = 0


def make_selection(store: Store, scopes: list[str] | None, recipient: dict[str, Any] | None,
                   want: Want | None) -> Selection:
    """Plain scopes as asked (default: the bank); sealed ones only those the recipient holds."""
    asked = scopes or [BANK]
    if recipient is None and any(s.startswith("exam") for s in asked):
        raise TrustError(_("Đề thi chỉ được gửi cho một người nhận có chứng chỉ hội đồng thi: thêm --for CERT.json."))
    plain = [s for s in asked if not is_confidential(s) and not s.startswith("exam")]
    sealed: list[str] = []
    if recipient is not None:
        held = [s for s in recipient.get("scopes", []) if s.startswith("exam")]
        wanted = [s for s in asked if s.startswith("exam")]
        sealed = [s for s in wanted if s in held or grants(held, s)] if wanted else held
    return Selection(plain, sealed, want)


_HEAD = ("'rev_id', r.rev_id, 'record_id', r.record_id, 'type', r.type, 'parents', json(r.parents), "
         "'generation', r.generation, 'deleted', json(CASE WHEN r.deleted THEN 'true' ELSE 'false' END), "
         "'author', r.author, 'device', r.device, 'hlc', r.hlc, 'summary', r.summary")
# A bundle line built by SQLite from the stored row: ``Revision.to_json()`` (the origin fields and ``v`` from
# format 1 on) with the stored body — already canonical JSON — spliced in as text, never decoded and encoded
# again, and the author's signature.  The head object ends in a string or a number, so ``rtrim`` removes
# exactly its closing brace.  The line comes back as text, not as its bytes: decoding it is what finds a
# revision whose stored text is no longer UTF-8 (tests/commands/test_damaged_data.py), worth its cost.  Bodies
# naming a blob are found by their bytes ``"sha256"`` (X'…'): ``instr`` on text counts characters as it goes.
_LINES = (
    "SELECT r.seq, r.rev_id, c.scope, s.signer, r.origin_replica, r.origin_seq, "
    "CASE WHEN instr(CAST(r.body AS BLOB), X'2273686132353622') > 0 THEN r.body END, "
    "'{\"rev\":' || rtrim(CASE WHEN r.format >= 1 THEN json_object(" + _HEAD + ", 'v', r.format, "
    "'origin_replica', r.origin_replica, 'origin_seq', r.origin_seq) ELSE json_object(" + _HEAD + ") END, '}') "
    "|| ',\"body\":' || r.body || '},\"sig\":' || CASE WHEN s.signer IS NULL THEN 'null' "
    "ELSE json_object('signer', s.signer, 'signature', s.signature) END || '}' "
    "FROM revisions r JOIN records c ON c.id = r.record_id LEFT JOIN revision_signatures s ON s.rev_id = r.rev_id "
    "WHERE r.seq > ? ORDER BY r.seq LIMIT ?")


def _rows(store: Store) -> Iterator[tuple[Any, ...]]:
    last = 0
    while True:
        rows = store.db.execute(_LINES, [last, BATCH]).fetchall()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]


class _Filter:
    """Whether a revision goes in the plain or the sealed part: one rule for its line and for the blobs ahead."""

    def __init__(self, selection: Selection, sealed: bool) -> None:
        self.selection, self.sealed = selection, sealed
        self.scopes = selection.sealed_scopes if sealed else selection.plain_scopes
        self.chosen: dict[str, bool] = {}  # per scope: a bank has a handful of scopes and 50,000 revisions

    def keeps(self, scope: str, origin_replica: str, origin_seq: int, rev_id: str, signer: str | None) -> bool | None:
        """True: it goes; False: not chosen (scope, or the receiver has it); None: it lacks its author's signature."""
        if scope not in self.chosen:
            self.chosen[scope] = grants(self.scopes, scope) and (self.sealed or not is_confidential(scope))
        if not self.chosen[scope]:
            return False
        if self.selection.want is not None and self.selection.want.has(origin_replica, origin_seq, rev_id):
            return False
        if needs_signature(origin_replica) and signer is None:
            return None  # made elsewhere and received unsigned: cannot be vouched for
        return True


def selected_lines(store: Store, selection: Selection, sealed: bool) -> Iterator[bytes]:
    """The bundle lines (``{"rev": …, "sig": …}``, encoded) of the plain or the sealed part."""
    keep = _Filter(selection, sealed).keeps
    for _seq, rev_id, scope, signer, origin_replica, origin_seq, blob_body, line in _rows(store):
        kept = keep(scope, origin_replica, origin_seq, rev_id, signer)
        if not kept:
            if kept is None:
                selection.unsigned += 1
            continue
        if blob_body is not None:  # only attachments and pictures refer to blobs: parse just those bodies
            (selection.sealed_blobs if sealed else selection.plain_blobs).update(hashes_in(json.loads(blob_body)))
        if signer:
            selection.signers.add(signer)
        if not sealed:
            selection.covered.setdefault(origin_replica, []).append(origin_seq)
        yield (line + "\n").encode("utf-8")


_BLOB_ROWS = ("SELECT c.scope LIKE ?, c.scope, r.origin_replica, r.origin_seq, r.rev_id, s.signer, r.body "
              "FROM revisions r JOIN records c ON c.id = r.record_id "
              "LEFT JOIN revision_signatures s ON s.rev_id = r.rev_id WHERE r.body LIKE '%sha256%'")


def plain_blobs_ahead(store: Store, selection: Selection) -> set[str]:
    """The blobs the plain part will send, known before its lines are read (the export writes them first).

    The same rule as ``selected_lines`` then ``finish_blobs``, read in one pass from the few bodies that name
    a blob; the export still sends, after the lines, any blob they name that this missed (a revision written
    meanwhile).
    """
    keep = _Filter(selection, sealed=False).keeps
    found: set[str] = set()
    bank_refs: set[str] = set()  # as referenced_blobs(store, BANK)
    for in_bank, scope, origin_replica, origin_seq, rev_id, signer, body in store.db.execute(_BLOB_ROWS, [BANK]):
        kept = keep(scope, origin_replica, origin_seq, rev_id, signer)
        if not (in_bank or kept):
            continue
        hashes = hashes_in(json.loads(body))
        if in_bank:
            bank_refs |= hashes
        if kept:
            found |= hashes
    if selection.want is not None:
        found |= selection.want.missing_blobs
    return found & bank_refs


def finish_blobs(store: Store, selection: Selection) -> None:
    """Blobs only confidential records reference leave sealed or not at all; add what the receiver lacks."""
    bank_refs = referenced_blobs(store, BANK)
    if selection.want is not None:
        selection.plain_blobs |= selection.want.missing_blobs & bank_refs
    selection.plain_blobs &= bank_refs
    selection.sealed_blobs -= selection.plain_blobs


def line_bytes(line: dict[str, Any]) -> bytes:
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def covers(selection: Selection) -> dict[str, list[list[int]]]:
    """The version vector the plain part covers: origin replica → ranges of origin_seq."""
    result: dict[str, list[list[int]]] = {}
    for origin, seqs in sorted(selection.covered.items()):
        spans: list[list[int]] = []
        for seq in sorted(set(seqs)):
            if spans and seq == spans[-1][1] + 1:
                spans[-1][1] = seq
            else:
                spans.append([seq, seq])
        result[origin] = spans
    return result
