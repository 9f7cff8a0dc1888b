"""``POST /v1/bundles``: a USB bundle (``.lbb``) handed to the server, checked like a USB import.

The body is kept in the uploads folder, then ``sync/bundle_verify.open_bundle``
checks it exactly as ``bundle import`` does (member names, manifest and
whole-file signatures, every member's size and hash) before anything is
written; the producer must hold a certificate of this server's authority
that is not revoked.  Its revisions then go through the same per-item judge
as ``POST /v1/revs`` (hash, signature, signer's and caller's scopes), and
each blob whose bytes hash to its name is kept.  Sealed exam parts are
addressed to one device and are not opened here.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.json_reading import parse_json
from lecturer_app.server import revs
from lecturer_app.server.accounts import User
from lecturer_app.server.context import ServerContext
from lecturer_app.sync.bundle_verify import OpenBundle, open_bundle
from lecturer_app.sync.trust import document_signed_by

MAX_BUNDLE = 2 << 30


class UntrustedProducer(ValueError):
    """The bundle's producer has no valid certificate from this server's authority."""


def take_bundle(ctx: ServerContext, user: User, path: Path) -> dict[str, Any]:
    """Verify the bundle at *path*, then store what the caller may write; a per-status count."""
    with open_bundle(path) as bundle:
        certificates = _certificates(ctx, bundle)
        items = [item for member in sorted(m["name"] for m in bundle.members("revs/"))
                 for item in _lines(bundle, member)]
        blobs_new = sum(_keep_blob(ctx, bundle, m["name"]) for m in bundle.members("blobs/"))
    counts: Counter[str] = Counter()
    for start in range(0, len(items), revs.MAX_BATCH):
        answers = revs.push(ctx, user, {"items": items[start:start + revs.MAX_BATCH], "certificates": certificates})
        counts.update(answer["status"] for answer in answers)
    return {"bundle_id": bundle.manifest.get("bundle_id"), "blobs_new": blobs_new,
            **{status: counts.get(status, 0) for status in ("ok", "exists", "forbidden", "invalid")}}


def _certificates(ctx: ServerContext, bundle: OpenBundle) -> list[dict[str, Any]]:
    with ctx.repo.transaction() as tx:
        revoked = {row[0] for row in tx.rows("SELECT serial FROM revoked_serials")}
    producer = bundle.producer
    cert = producer.get("certificate") or {}
    if (cert.get("subject") != producer.get("fingerprint") or str(cert.get("serial")) in revoked
            or not document_signed_by(cert, ctx.authority.key.public_b64)):
        raise UntrustedProducer("the bundle's producer holds no valid certificate of this server's authority")
    entries = [producer, *bundle.manifest.get("devices", {}).values()]
    return [e["certificate"] for e in entries if isinstance(e, dict) and isinstance(e.get("certificate"), dict)]


def _lines(bundle: OpenBundle, member: str) -> list[dict[str, Any]]:
    """The revision lines of *member*, each read by the app's bounded reader: the producer's signature says who
    sent them, not that they are harmless (NaN, nesting past Python's limit, numbers of thousands of digits)."""
    data = b"".join(bundle.chunks(member))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise revs.BadRequest(f"{member}: malformed line") from exc
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                lines.append(parse_json(line, member))
            except InputFileError as exc:
                raise revs.BadRequest(f"{member} line {number}: malformed JSON: {exc.reason}") from exc
    return lines


def _keep_blob(ctx: ServerContext, bundle: OpenBundle, member: str) -> int:
    sha = member[len("blobs/"):]
    if ctx.blobs.has(sha):
        return 0
    final = ctx.blobs.path(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".incoming-", dir=final.parent)
    try:
        hasher = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            for chunk in bundle.chunks(member):
                hasher.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if hasher.hexdigest() != sha:
            return 0
        os.replace(temp, final)
        return 1
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
