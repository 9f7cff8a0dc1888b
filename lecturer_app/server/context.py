"""A server data folder: its configuration, authority, repository and blobs.

``DIR/server.json`` (name, database URL or none for SQLite), ``DIR/authority/``
(the province authority: key 0600 and public part, sync/trust.py),
``DIR/blobs/`` (content-addressed, ``uploads/`` for uploads in progress) and,
for SQLite, ``DIR/server.sqlite3``.  The server id and epoch are in the
database, so a restored backup gets a new epoch and clients reconcile.
"""

from __future__ import annotations

import secrets
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.core.json_reading import read_json_file
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.i18n import _
from lecturer_app.server.accounts import add_user
from lecturer_app.server.repository import Repository, open_repository
from lecturer_app.server.verifier import Verifier
from lecturer_app.sync.trust import Authority, init_authority, load_authority, write_json

CONFIG = "server.json"
PROTOCOL = {"min": 1, "max": 1}


@dataclass
class ServerContext:
    data_dir: Path
    repo: Repository
    authority: Authority
    blobs: BlobStore
    name: str
    shipped: list[set[str]] = field(default_factory=list)  # the shipped bank's ids, loaded once
    # One lock per snapshot scope (server/snapshots.py): two new devices at once wait for one build.
    snapshot_locks: dict[str, threading.Lock] = field(default_factory=dict)
    # Pushed signatures are checked here; ``server run`` gives it a checker child (server/verifier.py).
    verifier: Verifier = field(default_factory=Verifier)
    database: str | None = None  # the PostgreSQL URL, None for the folder's SQLite file (a helper process opens it)

    @property
    def uploads_dir(self) -> Path:
        return self.blobs.root / "uploads"

    def meta(self) -> dict[str, str]:
        with self.repo.transaction() as tx:
            return {k: v for k, v in tx.rows("SELECT key, value FROM meta")}

    def shipped_ids(self) -> set[str]:
        if not self.shipped:
            from lecturer_app.core.bank.shipped_import import shipped_revisions
            from lecturer_app.core.resources import bank_path

            self.shipped.append({rev.rev_id for rev in shipped_revisions(bank_path())[1]})
        return self.shipped[0]


def ensure_identity(repo: Repository, new_epoch: bool = False) -> None:
    """Give the database a server id and an epoch (a new epoch after a restore)."""
    with repo.transaction(write=True) as tx:
        tx.run("INSERT INTO meta VALUES ('server_id', ?) ON CONFLICT (key) DO NOTHING", [str(uuid.uuid4())])
        if new_epoch:
            tx.run("DELETE FROM meta WHERE key = 'epoch'")
        tx.run("INSERT INTO meta VALUES ('epoch', ?) ON CONFLICT (key) DO NOTHING", [secrets.token_hex(8)])


def init_server(data_dir: Path, name: str, admin: str, password: str | None,
                database: str | None = None, authority_dir: Path | None = None) -> tuple[ServerContext, str]:
    """Create a server folder; returns it and the admin password (generated when none is given)."""
    data_dir = Path(data_dir)
    if (data_dir / CONFIG).exists():
        raise UserFacingError(_("Thư mục {dir} đã là thư mục máy chủ; không ghi đè.").format(dir=data_dir))
    data_dir.mkdir(parents=True, exist_ok=True)
    if authority_dir is not None:
        load_authority(authority_dir)  # refuses a folder without a key
    else:
        init_authority(data_dir / "authority", name)
    write_json(data_dir / CONFIG, {"kind": "server", "name": name, "database": database,
                                   "authority": str(authority_dir or data_dir / "authority")})
    ctx = open_server(data_dir, database)
    password = password or secrets.token_urlsafe(12)
    add_user(ctx.repo, admin, "quan_tri", password)
    return ctx, password


def read_config(data_dir: Path) -> dict[str, Any]:
    path = Path(data_dir) / CONFIG
    if not path.is_file():
        raise UserFacingError(_("{dir} không phải thư mục máy chủ (chạy 'server init' trước).").format(dir=data_dir))
    config = read_json_file(path)  # an edited file: NaN, nesting or a huge number is said, naming the file
    return checked_config(path, config)


def checked_config(path: Path, config: Any, where: str = "") -> dict[str, Any]:
    """*config* (read from *path*, *where* in it: a backup's member) when it has the shape ``server init``
    writes; an InputFileError naming it."""
    texts = ("name", "database", "authority")
    if not isinstance(config, dict) or any(not isinstance(config.get(key), (str, type(None))) for key in texts):
        raise InputFileError(path, where, _("không phải tệp cấu hình máy chủ (cần các mục name, database, authority "
                                         "là chuỗi)"))
    return config


def open_server(data_dir: Path, database: str | None = None) -> ServerContext:
    data_dir = Path(data_dir)
    config = read_config(data_dir)
    database = database or config.get("database")
    repo = open_repository(data_dir, database)
    ensure_identity(repo)
    authority = load_authority(Path(config.get("authority") or data_dir / "authority"))
    blobs = BlobStore(data_dir / "blobs")
    return ServerContext(data_dir, repo, authority, blobs, str(config.get("name", "")), database=database)
