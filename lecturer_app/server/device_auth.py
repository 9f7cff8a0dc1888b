"""An enrolled device opens a session with its key, no password (background sync past the 8-hour session).

``GET /v1/device-login/challenge`` hands out a challenge signed by the
province authority (a random nonce, this server's id, an expiry by the
server's clock only); the device signs ``{kind: device_login, challenge,
fingerprint}`` with its key and posts it to ``/v1/device-login``.  The
server checks, in order: its own challenge, not expired, not answered
before (``answered_challenges``, so a captured answer cannot be replayed);
the device enrolled here with a certificate of this authority that is
neither revoked nor expired; its user enabled; the device's signature.
The session is tied to the device (``session_devices``): revoking the
device ends it.  Nothing is kept per challenge until it is answered, so
several server processes share the work and an unanswered flood stores
nothing.
"""

from __future__ import annotations

import json
import secrets
import time
from datetime import timedelta
from typing import Any

from lecturer_app.server.accounts import User, get_user, open_session
from lecturer_app.server.context import ServerContext
from lecturer_app.server.repository import Tx
from lecturer_app.sync.trust import document_signed_by, iso, now_utc, parse_iso, sign_document

CHALLENGE_SECONDS = 120


class DeviceLoginRefused(Exception):
    """*code*: ``bad_challenge``, ``unknown_device``, ``bad_signature`` (401); ``device_revoked``,
    ``user_disabled`` (403) — the client turns the 403s into a message for the user."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def challenge(ctx: ServerContext) -> dict[str, Any]:
    server_id = ctx.meta()["server_id"]
    return sign_document(ctx.authority.key, {
        "kind": "device_challenge", "nonce": secrets.token_hex(16), "server_id": server_id,
        "expires": iso(now_utc() + timedelta(seconds=CHALLENGE_SECONDS))})


def device_login(ctx: ServerContext, answer: Any) -> tuple[str, int, User]:
    """A session for the device that signed *answer*; DeviceLoginRefused otherwise."""
    if not isinstance(answer, dict) or not isinstance(answer.get("challenge"), dict) \
            or answer.get("kind") != "device_login" or not isinstance(answer.get("fingerprint"), str):
        raise DeviceLoginRefused(400, "malformed", "body is {kind: device_login, challenge, fingerprint, signature}")
    nonce = _own_challenge(ctx, answer["challenge"])
    moment = int(time.time())
    with ctx.repo.transaction(write=True) as tx:
        user = _enrolled_user(ctx, tx, answer)
        if not tx.run("INSERT INTO answered_challenges VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING",
                      [nonce, moment + 2 * CHALLENGE_SECONDS]):
            raise DeviceLoginRefused(401, "bad_challenge", "this challenge was answered already")
        tx.run("DELETE FROM answered_challenges WHERE expires < ?", [moment])
        token, expires = open_session(tx, user.name, moment, answer["fingerprint"])
    return token, expires, user


def _own_challenge(ctx: ServerContext, doc: dict[str, Any]) -> str:
    """The nonce of a challenge this server issued and that has not expired."""
    try:
        expired = parse_iso(str(doc.get("expires"))) < now_utc()
    except ValueError:
        expired = True
    if (doc.get("kind") != "device_challenge" or doc.get("server_id") != ctx.meta()["server_id"]
            or not document_signed_by(doc, ctx.authority.key.public_b64) or expired):
        raise DeviceLoginRefused(401, "bad_challenge", "not a live challenge of this server; ask for a new one")
    return str(doc["nonce"])


def _enrolled_user(ctx: ServerContext, tx: Tx, answer: dict[str, Any]) -> User:
    row = tx.one("SELECT user_name, certificate, revoked FROM devices WHERE fingerprint = ?", [answer["fingerprint"]])
    if row is None or not row[0]:
        raise DeviceLoginRefused(401, "unknown_device", "this device is not enrolled here; log in with a password")
    cert = json.loads(row[1])
    if not _certificate_valid(ctx, cert) or not document_signed_by(answer, str(cert.get("public_key"))):
        raise DeviceLoginRefused(401, "bad_signature", "the answer is not signed by the enrolled device's key")
    user = get_user(tx, row[0])
    if user is None or user.disabled:  # disabling an account revokes its devices too: this says more
        raise DeviceLoginRefused(403, "user_disabled", "the device's account is disabled")
    serial_revoked = tx.one("SELECT 1 FROM revoked_serials WHERE serial = ?", [str(cert.get("serial"))])
    if row[2] or serial_revoked:
        raise DeviceLoginRefused(403, "device_revoked", "this device has been revoked")
    return user


def _certificate_valid(ctx: ServerContext, cert: dict[str, Any]) -> bool:
    try:
        current = parse_iso(str(cert.get("not_before"))) <= now_utc() < parse_iso(str(cert.get("not_after")))
    except ValueError:
        return False
    return current and cert.get("issuer") == ctx.authority.key.fingerprint \
        and document_signed_by(cert, ctx.authority.key.public_b64)
