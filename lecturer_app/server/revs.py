"""Revisions in and out of the server (sync.md §3.6): push batches, missing ids, the change feed.

A pushed batch is answered per item: ``ok`` (stored), ``exists`` (already
here), ``forbidden`` (outside the caller's scopes) or ``invalid`` (a hash
that does not match, a newer format, a missing or forged signature, an
untrusted or out-of-scope signer, a malformed merge).  Judging reuses the
bundle importer's ``RevisionJudge``, so a revision the server takes is one
a USB import would take.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lecturer_app.core.store.canonical import canonical_json, sha256_hex
from lecturer_app.core.store.revisions import FORMAT, Revision
from lecturer_app.core.store.scopes import BANK, CONFIDENTIAL_TYPES, is_confidential, scope_of, write_scope_of
from lecturer_app.server.accounts import User
from lecturer_app.server.context import ServerContext
from lecturer_app.server.repository import Tx
from lecturer_app.sync.blob_refs import hashes_in
from lecturer_app.sync.revision_trust import RevisionJudge, invalid_signature
from lecturer_app.sync.signature_checks import Check
from lecturer_app.sync.trust import document_signed_by, grants

MAX_BATCH = 2000
PAGE = 1000


class BadRequest(ValueError):
    """The request body is not what the endpoint takes (answered 400/413)."""


def scope_filter(scopes: list[str]) -> tuple[str, list[str]]:
    """SQL condition on ``scope`` for the partitions *scopes* grant (``exam:*`` is a prefix)."""
    exact = [s for s in scopes if not s.endswith("*")]
    prefixes = [s[:-1] + "%" for s in scopes if s.endswith("*")]
    parts = ([f"scope IN ({','.join('?' * len(exact))})"] if exact else []) + ["scope LIKE ?"] * len(prefixes)
    return "(" + (" OR ".join(parts) or "0 = 1") + ")", [*exact, *prefixes]


def _signers(ctx: ServerContext, tx: Tx, certificates: list[Any],
             wanted: set[str]) -> tuple[dict[str, tuple[str, list[str]]], list[dict[str, Any]]]:
    """Devices among *wanted* whose signatures count, and the offline-certified ones to remember.

    A device counts when it is enrolled and not revoked, or certified by this authority in the request
    (``ca sign``, relayed from a USB-only device); only the batch's signers are looked at, so the cost of a push
    does not grow with the number of enrolled devices.
    """
    revoked = {row[0] for row in tx.rows("SELECT serial FROM revoked_serials")}
    names = sorted(wanted)
    rows = tx.rows(f"SELECT certificate FROM devices WHERE revoked = 0 AND fingerprint IN "
                   f"({','.join('?' * len(names))})", names) if names else []
    enrolled = [json.loads(row[0]) for row in rows]
    found: dict[str, tuple[str, list[str]]] = {}
    offline: list[dict[str, Any]] = []
    for cert in enrolled + [c for c in certificates if isinstance(c, dict)]:
        if (cert.get("issuer") == ctx.authority.key.fingerprint and str(cert.get("serial")) not in revoked
                and document_signed_by(cert, ctx.authority.key.public_b64)):
            found[str(cert.get("subject"))] = (str(cert.get("public_key")), list(cert.get("scopes", [])))
            if cert not in enrolled:  # certified offline (ca sign): kept so pulling clients can check it too
                offline.append(cert)
    return found, offline


def _remember_offline(tx: Tx, offline: list[dict[str, Any]]) -> None:
    for cert in offline:
        tx.run("INSERT INTO devices VALUES (?, '', ?, ?, 0, ?) ON CONFLICT (fingerprint) DO NOTHING",
               [cert.get("subject"), cert.get("serial"), json.dumps(cert), cert.get("not_before", "")])


def storable(value: Any) -> bool:
    """False when some text in *value* cannot be stored: PostgreSQL refuses U+0000, neither engine a lone surrogate.

    One pass of the C JSON encoder answers for the common case (no NUL escape in its output: then only a lone
    surrogate can be wrong, and UTF-8 encoding finds it); walking a batch of question bodies in Python took
    longer than verifying their signatures.
    """
    text = json.dumps(value, ensure_ascii=False)
    if "\\u0000" not in text:  # a NUL, or a literal backslash-u0000 in some text: walk to tell them apart
        return _utf8(text)
    return _storable(value)


# The only ways a JSON text decodes to U+0000 or a lone surrogate: a \u0000 or a \uD800–\uDFFF escape (raw
# control characters are refused by the decoder, and valid UTF-8 holds no surrogate).
_RISKY_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


def plain_text(text: str) -> bool:
    """True when the JSON *text* (valid UTF-8) has no escape that could decode to unstorable text.

    A regular-expression search of the received text; :func:`storable` encoded the decoded body again, which
    cost a fifth of a push.  False (an emoji sent as an escaped pair, a literal backslash before ``u0000``)
    only means: ask :func:`storable`.
    """
    return _RISKY_ESCAPE.search(text) is None


def _storable(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" not in value and (value.isascii() or _utf8(value))
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(item) for item in value)
    return True


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "rev_id": str, "record_id": str, "type": str, "parents": list, "generation": int, "body": dict,
    "deleted": bool, "author": str, "device": str, "hlc": str, "summary": str, "origin_replica": str,
    "origin_seq": int, "v": int}


def _wrongly_typed(data: dict[str, Any]) -> str:
    """The first field of a wire revision whose JSON type is wrong ('' when none): ids are hashed and looked up."""
    for name, kind in _FIELD_TYPES.items():
        if name in data and not isinstance(data[name], kind):
            return name
    parents = data.get("parents", [])
    return "parents" if not all(isinstance(p, str) for p in parents) else ""


def _parse(item: Any, text_checked: bool) -> tuple[Revision, dict[str, Any] | None]:
    if not isinstance(item, dict) or not isinstance(item.get("rev"), dict):
        raise BadRequest("each item is {rev, sig}")
    if not text_checked and not storable(item):  # a bundle's lines do not pass through the API's read_json
        raise BadRequest("text with U+0000 or a lone surrogate")
    wrong = _wrongly_typed(item["rev"])
    if wrong:
        raise BadRequest(f"malformed revision: {wrong}")
    try:
        rev = Revision.from_json(item["rev"])
    except (KeyError, TypeError, ValueError) as exc:
        raise BadRequest(f"malformed revision: {exc}") from exc
    sig = item.get("sig")
    return rev, sig if isinstance(sig, dict) else None


Parsed = list[tuple[Revision, dict[str, Any] | None]]
_HASH = "hash"


@dataclass(frozen=True)
class _Judged:
    rev: Revision
    sig: dict[str, Any] | None
    verdict: str | None  # _HASH, the judge's reason for refusing it, or None
    data: str  # the JSON kept in ``revisions.data`` ('' when the hash did not match)


def push(ctx: ServerContext, user: User, body: Any, *, text_checked: bool = False) -> list[dict[str, str]]:
    """Judge and store a batch; one answer per item, in order (:func:`push_batch` without the feed positions)."""
    return push_batch(ctx, user, body, text_checked=text_checked)[0]


def push_batch(ctx: ServerContext, user: User, body: Any, *,
               text_checked: bool = False) -> tuple[list[dict[str, str]], list[int]]:
    """Judge and store a batch: one answer per item, in order, and ``[before, after]``, the feed's last seq
    before and after this batch's rows (every row in between is one of them: writers take turns).

    Hashes, certificates and signatures are checked first, in a read transaction: the write lock (one writer
    on SQLite, a table lock on PostgreSQL) is held only to check scopes and presence and to insert, so several
    server processes on one database verify in parallel.  *text_checked*: the caller has already checked
    the whole body with :func:`storable` (the API's ``read_json``), so items are not walked again.
    """
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise BadRequest("body is {items: [...], certificates: [...]}")
    if len(body["items"]) > MAX_BATCH:
        raise BadRequest(f"at most {MAX_BATCH} revisions per batch")
    parsed = [_parse(item, text_checked) for item in body["items"]]
    given = body.get("certificates")
    certificates: list[Any] = given if isinstance(given, list) else []
    with ctx.repo.transaction() as tx:
        judged, offline = _verdicts(ctx, tx, parsed, certificates)
    with ctx.repo.transaction(write=True) as tx:
        tx.lock_revisions()
        _remember_offline(tx, offline)
        before = _top(tx)
        answers = _store_all(tx, user, judged)
        return answers, [before, _top(tx) if any(a["status"] == "ok" for a in answers) else before]


def _top(tx: Tx) -> int:
    row = tx.one("SELECT COALESCE(MAX(seq), 0) FROM revisions")
    return int(row[0]) if row else 0


def _verdicts(ctx: ServerContext, tx: Tx, parsed: Parsed,
              certificates: list[Any]) -> tuple[list[_Judged], list[dict[str, Any]]]:
    """Each item judged; revisions held already are not judged (their signature was checked when stored).

    The signatures go to ``ctx.verifier`` together, after the rest of the judging: with a checker child
    (``server run``) it verifies a share on the second core while this process verifies the rest.
    """
    held = _held(tx, [rev.rev_id for rev, _sig in parsed])
    wanted = {str(sig.get("signer")) for rev, sig in parsed if sig and rev.rev_id not in held}
    signers, offline = _signers(ctx, tx, certificates, wanted)
    in_batch = {rev.rev_id: rev for rev, _sig in parsed}
    checks: list[Check] = []
    positions: list[int] = []

    def defer(public_key: str, rev: Revision, signature: str) -> None:
        checks.append((public_key, rev.rev_id, signature))
        positions.append(len(verdicts))

    judge = RevisionJudge(signers, lambda rid: in_batch.get(rid) or load(tx, rid), ctx.shipped_ids, defer=defer)
    verdicts: list[str | None] = []
    datas: list[str] = []
    for rev, sig in parsed:
        data = stored_json(rev)
        datas.append(data)
        verdicts.append(_HASH if not data else None if rev.rev_id in held else judge.reason(rev, sig))
    for failed in ctx.verifier.invalid(checks):
        verdicts[positions[failed]] = invalid_signature()
    judged = [_Judged(rev, sig, verdict, data)
              for (rev, sig), verdict, data in zip(parsed, verdicts, datas, strict=True)]
    return judged, offline


def stored_json(rev: Revision) -> str:
    """The JSON the server keeps for *rev* (canonical, ``rev_id`` included), or '' when its id is not its hash.

    The canonical text hashed for the id is kept with the id spliced in, rather than encoded a second time:
    keys are sorted, so ``rev_id`` goes before the last top-level ``"summary":`` (only string and integer
    values follow it, whose quotes are escaped).
    """
    if rev.format > FORMAT:
        return ""
    try:
        text = canonical_json(rev.hashed_content())
        if sha256_hex(text.encode("utf-8")) != rev.rev_id:
            return ""
    except (ValueError, UnicodeEncodeError):  # NaN or Infinity (no canonical form), a lone surrogate
        return ""
    at = text.rfind('"summary":')
    return f'{text[:at]}"rev_id":"{rev.rev_id}",{text[at:]}'


def _held(tx: Tx, rev_ids: list[str]) -> set[str]:
    held: set[str] = set()
    for start in range(0, len(rev_ids), 500):
        part = rev_ids[start:start + 500]
        held.update(row[0] for row in tx.rows(
            f"SELECT rev_id FROM revisions WHERE rev_id IN ({','.join('?' * len(part))})", part))
    return held


_INSERT = ("INSERT INTO revisions (rev_id, record_id, scope, origin, data, signer, signature, pushed_by, owner) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _store_all(tx: Tx, user: User, judged: list[_Judged]) -> list[dict[str, str]]:
    """The answers, in order; the accepted revisions inserted together (one statement, many rows).

    Presence is read again under the write lock (another push may have stored some since the judging), and a
    revision given twice in the batch is ``exists`` the second time.  A file whose exam comes earlier in
    the batch takes the exam's partition as if the exam had been stored first.
    """
    held = _held(tx, [item.rev.rev_id for item in judged if item.verdict != _HASH])
    batch_scopes: dict[str, str] = {}
    rows: list[list[Any]] = []
    answers: list[dict[str, str]] = []
    for item in judged:
        answer, scope = _answer(tx, user, item, held, batch_scopes)
        if answer is None:
            held.add(item.rev.rev_id)
            batch_scopes.setdefault(item.rev.record_id, scope)
            rows.append(_row(user, item, scope))
            answer = {"status": "ok"}
        answers.append({"rev_id": item.rev.rev_id, **answer})
    tx.run_many(_INSERT, rows)
    for row, item in zip(rows, [i for i, a in zip(judged, answers, strict=True) if a["status"] == "ok"],
                         strict=True):
        _after_insert(tx, item, row[2])
    return answers


def _answer(tx: Tx, user: User, item: _Judged, held: set[str],
            batch_scopes: dict[str, str]) -> tuple[dict[str, str] | None, str]:
    """The answer for one judged revision (in the historic order: hash, scope, presence, judge) and its partition.

    The answer is None when the revision is to be stored.
    """
    rev = item.rev
    if item.verdict == _HASH:
        return {"status": "invalid", "reason": "hash"}, ""
    scope = scope_of(rev.type, rev.record_id, rev.body, lambda owner: _record_scope(tx, owner, batch_scopes))
    if not grants(user.scopes, scope) or not grants(user.scopes, write_scope_of(rev.type, rev.record_id, rev.body)):
        return {"status": "forbidden"}, scope
    if rev.rev_id in held:
        return {"status": "exists"}, scope
    if item.verdict is not None:
        return {"status": "invalid", "reason": item.verdict}, scope
    return None, scope


def _row(user: User, item: _Judged, scope: str) -> list[Any]:
    rev, sig = item.rev, item.sig
    signer, signature = (sig.get("signer"), sig.get("signature")) if sig else (None, None)
    owner = str(rev.body.get("owner_id") or "") if rev.type == "attachment" else None
    return [rev.rev_id, rev.record_id, scope, rev.origin_replica, item.data, signer, signature, user.name, owner]


def _after_insert(tx: Tx, item: _Judged, scope: str) -> None:
    rev = item.rev
    if is_confidential(scope) and rev.type in CONFIDENTIAL_TYPES:
        # Files that arrived before their exam take its partition now (as core/store/revisions.py does).
        tx.run("UPDATE revisions SET scope = ? WHERE owner = ?", [scope, rev.record_id])
    for sha in sorted(hashes_in(rev.body) if '"sha256"' in item.data else ()):
        tx.run("INSERT INTO blob_refs VALUES (?, ?) ON CONFLICT (sha256, record_id) DO NOTHING", [sha, rev.record_id])


def _record_scope(tx: Tx, record_id: str, batch_scopes: dict[str, str]) -> str:
    row = tx.one("SELECT scope FROM revisions WHERE record_id = ? LIMIT 1", [record_id])
    return str(row[0]) if row else batch_scopes.get(record_id, BANK)


def load(tx: Tx, rev_id: str) -> Revision | None:
    row = tx.one("SELECT data FROM revisions WHERE rev_id = ?", [rev_id])
    return Revision.from_json(json.loads(row[0])) if row else None


def missing(ctx: ServerContext, user: User, body: Any) -> list[str]:
    """Which of the ids the server lacks; ids held only outside the caller's scopes count as lacking."""
    if not isinstance(body, dict) or not isinstance(body.get("rev_ids"), list) or len(body["rev_ids"]) > 10 * PAGE:
        raise BadRequest("body is {rev_ids: [...]} (at most 10000)")
    wanted = [str(r) for r in body["rev_ids"]]
    held: set[str] = set()
    with ctx.repo.transaction() as tx:
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            # The scope is judged here, not in SQL: with it in the WHERE clause SQLite walked the partition's
            # index (every bank revision: 0.18 s for 100 ids on a 50,000-question bank) instead of rev_id's.
            rows = tx.rows(f"SELECT rev_id, scope FROM revisions WHERE rev_id IN ({','.join('?' * len(part))})",
                           part)
            held.update(rev_id for rev_id, scope in rows if grants(user.scopes, scope))
    return [rev_id for rev_id in wanted if rev_id not in held]


# Revisions signed by a revoked device stay in the log (an administrator can still read them) but are no
# longer served: every client holding the revocation list refuses them, from the server as from a USB bundle
# (RevisionJudge), so serving them would only send bytes to be thrown away — or, to a client that has not
# yet fetched the list, content the province has stopped trusting.
NOT_REVOKED = "(signer IS NULL OR signer NOT IN (SELECT fingerprint FROM devices WHERE revoked = 1))"


def changes(ctx: ServerContext, user: User, since: int, limit: int = PAGE) -> dict[str, Any]:
    """One page of the feed in the caller's read scope, with the certificates of its signers."""
    return json.loads(changes_json(ctx, user, since, limit))


def changes_json(ctx: ServerContext, user: User, since: int, limit: int = PAGE, **extra: Any) -> str:
    """:func:`changes` as the JSON text served (with *extra* fields such as the epoch).

    Each revision's stored JSON is spliced in as it is: decoding and encoding again a page of 1,000 took
    most of the time the server spent on a 50,000-revision pull.
    """
    condition, params = scope_filter(user.scopes)
    with ctx.repo.transaction() as tx:
        rows = tx.rows(f"SELECT seq, data, signer, signature FROM revisions WHERE seq > ? AND {condition} "
                       f"AND {NOT_REVOKED} ORDER BY seq LIMIT ?", [since, *params, limit + 1])
        page = rows[:limit]
        signers = sorted({row[2] for row in page if row[2]})
        devices = {fp: json.loads(cert) for fp, cert in _certificates(tx, signers)}
    items = ",".join(f'{{"rev":{data},"sig":{_sig_json(signer, sig)}}}' for _seq, data, signer, sig in page)
    tail = json.dumps({"devices": devices, "next": page[-1][0] if page else since, "more": len(rows) > limit,
                       **extra}, ensure_ascii=False)
    return f'{{"items":[{items}],{tail[1:]}'


def _sig_json(signer: str | None, signature: str | None) -> str:
    return json.dumps({"signer": signer, "signature": signature}) if signer else "null"


def _certificates(tx: Tx, fingerprints: list[str]) -> list[tuple[str, str]]:
    if not fingerprints:
        return []
    marks = ",".join("?" * len(fingerprints))
    rows = tx.rows(f"SELECT fingerprint, certificate FROM devices WHERE fingerprint IN ({marks})", fingerprints)
    return [(row[0], row[1]) for row in rows]
