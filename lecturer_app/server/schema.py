"""Server schema migrations, one list per engine (SQLite, PostgreSQL).

The server keeps only what replication needs (sync.md §3.6): the revision
log in arrival order, signatures, which blobs each partition references,
accounts, devices, sessions, uploads in progress and acknowledgements.
No materialized tables, no search: those are the clients' projections.
"""

from __future__ import annotations

# Column types that differ between the engines.
_TYPES = {
    "sqlite": {"serial": "INTEGER PRIMARY KEY AUTOINCREMENT", "bigint": "INTEGER", "blob": "BLOB"},
    "postgresql": {"serial": "BIGSERIAL PRIMARY KEY", "bigint": "BIGINT", "blob": "BYTEA"},
}

_M001 = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE revisions (seq {serial}, rev_id TEXT NOT NULL UNIQUE, record_id TEXT NOT NULL,
       scope TEXT NOT NULL, origin TEXT NOT NULL, data TEXT NOT NULL, signer TEXT, signature TEXT,
       pushed_by TEXT NOT NULL, owner TEXT)""",
    "CREATE INDEX revisions_scope_seq ON revisions (scope, seq)",
    "CREATE INDEX revisions_record ON revisions (record_id)",
    "CREATE INDEX revisions_owner ON revisions (owner)",
    # Which records reference a blob; the blob is readable through those records' partitions.
    "CREATE TABLE blob_refs (sha256 TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (sha256, record_id))",
    """CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password TEXT NOT NULL,
       disabled INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL)""",
    """CREATE TABLE devices (fingerprint TEXT PRIMARY KEY, user_name TEXT NOT NULL, serial TEXT NOT NULL,
       certificate TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0, enrolled TEXT NOT NULL)""",
    "CREATE TABLE revoked_serials (serial TEXT PRIMARY KEY, revoked TEXT NOT NULL)",
    "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, expires {bigint} NOT NULL)",
    "CREATE TABLE login_failures (user_name TEXT NOT NULL, at {bigint} NOT NULL)",
    "CREATE INDEX login_failures_user ON login_failures (user_name, at)",
    """CREATE TABLE uploads (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, length {bigint} NOT NULL,
       user_name TEXT NOT NULL, created {bigint} NOT NULL)""",
    """CREATE TABLE acks (fingerprint TEXT PRIMARY KEY, cursor {bigint} NOT NULL, vector TEXT NOT NULL,
       at TEXT NOT NULL)""",
]

# Devices re-authenticate with their key (server/device_auth.py): which sessions a device opened, so revoking the
# device ends them, and the challenges already answered, so a signed answer cannot be replayed.
_M002 = [
    "CREATE TABLE session_devices (token_hash TEXT PRIMARY KEY, fingerprint TEXT NOT NULL)",
    "CREATE TABLE answered_challenges (nonce TEXT PRIMARY KEY, expires {bigint} NOT NULL)",
]

MIGRATIONS: list[tuple[str, list[str]]] = [("m001_initial", _M001), ("m002_device_sessions", _M002)]


def statements(engine: str, migration: list[str]) -> list[str]:
    return [sql.format(**_TYPES[engine]) for sql in migration]
