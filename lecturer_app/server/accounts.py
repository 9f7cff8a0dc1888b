"""Accounts, sessions and devices (issue #14 item 3).

Passwords are argon2id hashes; a login is refused for a while after
``MAX_FAILURES`` failures in ``FAILURE_WINDOW`` seconds (counted in the
database, so every server process sees them).  Session tokens are random,
stored only as their sha256, and expire.  Disabling a user revokes every
certificate of their devices and ends their sessions.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lecturer_app.core.errors import UserFacingError
from lecturer_app.i18n import _
from lecturer_app.server.repository import Repository, Tx
from lecturer_app.sync.trust import iso, now_utc

ROLES = ("quan_tri", "bien_tap_tinh", "giang_vien", "hoi_dong_thi")
# What each role's devices may read and write (core/store/scopes.py partitions).
# Province editors also hold ``official``: only they may mark a topic chính thức.
ROLE_SCOPES = {"quan_tri": ["bank"], "bien_tap_tinh": ["bank", "official"], "giang_vien": ["bank"],
               "hoi_dong_thi": ["bank", "exam:*"]}
SESSION_SECONDS = 8 * 3600
MAX_FAILURES = 5
FAILURE_WINDOW = 300

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


class AccountError(UserFacingError):
    """A user name, role or password the server cannot take."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled: bool

    @property
    def scopes(self) -> list[str]:
        return list(ROLE_SCOPES[self.role])


def add_user(repo: Repository, name: str, role: str, password: str) -> User:
    if role not in ROLES:
        raise AccountError(_("Vai trò không hợp lệ: {role} (chọn một trong {roles})").format(
            role=role, roles=", ".join(ROLES)))
    if not name or len(password) < 8:
        raise AccountError(_("Cần tên người dùng và mật khẩu dài ít nhất 8 ký tự."))
    with repo.transaction(write=True) as tx:
        if tx.one("SELECT 1 FROM users WHERE name = ?", [name]):
            raise AccountError(_("Người dùng {name} đã có.").format(name=name))
        tx.run("INSERT INTO users VALUES (?, ?, ?, 0, ?)", [name, role, _hasher.hash(password), iso(now_utc())])
    return User(name, role, False)


def get_user(tx: Tx, name: str) -> User | None:
    row = tx.one("SELECT name, role, disabled FROM users WHERE name = ?", [name])
    return User(row[0], row[1], bool(row[2])) if row else None


def list_users(repo: Repository) -> list[dict[str, object]]:
    with repo.transaction() as tx:
        rows = tx.rows("SELECT u.name, u.role, u.disabled, (SELECT COUNT(*) FROM devices d "
                       "WHERE d.user_name = u.name AND d.revoked = 0) FROM users u ORDER BY u.name")
    return [{"name": n, "role": r, "disabled": bool(d), "devices": int(c)} for n, r, d, c in rows]


def disable_user(repo: Repository, name: str) -> list[str]:
    """Disable *name*, end their sessions, revoke their devices; returns the revoked serials."""
    with repo.transaction(write=True) as tx:
        if not tx.run("UPDATE users SET disabled = 1 WHERE name = ?", [name]):
            raise AccountError(_("Không có người dùng {name}.").format(name=name))
        tx.run("DELETE FROM sessions WHERE user_name = ?", [name])
        serials = [row[0] for row in tx.rows("SELECT serial FROM devices WHERE user_name = ? AND revoked = 0",
                                             [name])]
        revoke_serials(tx, serials)
    return serials


def revoke_serials(tx: Tx, serials: list[str]) -> None:
    for serial in serials:
        tx.run("UPDATE devices SET revoked = 1 WHERE serial = ?", [serial])
        tx.run("INSERT INTO revoked_serials VALUES (?, ?) ON CONFLICT (serial) DO NOTHING", [serial, iso(now_utc())])


class LoginRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def login(repo: Repository, name: str, password: str, now: float | None = None) -> tuple[str, int]:
    """A new session token and its expiry (unix seconds); LoginRefused (401 or 429) otherwise."""
    moment = int(now if now is not None else time.time())
    with repo.transaction(write=True) as tx:
        failures = tx.one("SELECT COUNT(*) FROM login_failures WHERE user_name = ? AND at > ?",
                          [name, moment - FAILURE_WINDOW])
        if failures and failures[0] >= MAX_FAILURES:
            raise LoginRefused(429, _("Đăng nhập sai quá nhiều lần; hãy thử lại sau ít phút."))
        row = tx.one("SELECT password, disabled FROM users WHERE name = ?", [name])
    if row is None or row[1] or not _password_ok(row[0], password):
        with repo.transaction(write=True) as tx:
            tx.run("INSERT INTO login_failures VALUES (?, ?)", [name, moment])
        raise LoginRefused(401, _("Sai tên người dùng hoặc mật khẩu, hoặc tài khoản đã bị khóa."))
    with repo.transaction(write=True) as tx:
        tx.run("DELETE FROM login_failures WHERE user_name = ?", [name])
        return open_session(tx, name, moment)


def open_session(tx: Tx, name: str, moment: int, fingerprint: str = "") -> tuple[str, int]:
    """A new session of *name* (opened by the device *fingerprint*'s key, or by a password): token, expiry."""
    token = secrets.token_urlsafe(32)
    expires = moment + SESSION_SECONDS
    tx.run("DELETE FROM sessions WHERE expires < ?", [moment])
    tx.run("DELETE FROM session_devices WHERE token_hash NOT IN (SELECT token_hash FROM sessions)")
    tx.run("INSERT INTO sessions VALUES (?, ?, ?)", [_token_hash(token), name, expires])
    if fingerprint:
        tx.run("INSERT INTO session_devices VALUES (?, ?)", [_token_hash(token), fingerprint])
    return token, expires


def _password_ok(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def session_user(tx: Tx, token: str, now: float | None = None) -> User | None:
    """The enabled user a live session token belongs to, or None."""
    # A session a device opened with its key ends when that device is revoked.
    row = tx.one("SELECT s.user_name FROM sessions s LEFT JOIN session_devices sd ON sd.token_hash = s.token_hash "
                 "LEFT JOIN devices d ON d.fingerprint = sd.fingerprint WHERE s.token_hash = ? AND s.expires > ? "
                 "AND (sd.fingerprint IS NULL OR d.revoked = 0)",
                 [_token_hash(token), int(now if now is not None else time.time())])
    user = get_user(tx, row[0]) if row else None
    return user if user is not None and not user.disabled else None


def disable_device(repo: Repository, fingerprint: str) -> str:
    """Revoke one device's certificate; returns its serial."""
    with repo.transaction(write=True) as tx:
        row = tx.one("SELECT serial FROM devices WHERE fingerprint = ?", [fingerprint])
        if row is None:
            raise AccountError(_("Không có thiết bị {fp}.").format(fp=fingerprint))
        revoke_serials(tx, [row[0]])
    return str(row[0])
