"""``server backup -o FILE`` and ``server restore FILE DIR``: one tar, the same on both engines.

The tar holds ``server.json``, the authority folder, every table as JSON
lines (so a SQLite backup restores into PostgreSQL and back) and the blobs.
A restore gets a NEW epoch: clients see it, drop their cursors and
reconcile both ways, re-uploading whatever the backup missed (sync.md §3.6).
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.core.json_reading import parse_json
from lecturer_app.i18n import _
from lecturer_app.server.context import CONFIG, ServerContext, checked_config, ensure_identity
from lecturer_app.server.repository import open_repository
from lecturer_app.sync.trust import write_json

TABLES = ("meta", "revisions", "blob_refs", "users", "devices", "revoked_serials", "sessions", "session_devices",
          "acks")


def backup(ctx: ServerContext, output: Path) -> int:
    """Write the backup; returns how many revisions it holds."""
    output = Path(output)
    temp = output.with_name(f".{output.name}.tmp")
    count = 0
    with tarfile.open(temp, "w") as tar:
        tar.add(ctx.data_dir / CONFIG, arcname=CONFIG)
        tar.add(ctx.authority.folder, arcname="authority")
        with ctx.repo.transaction() as tx:  # one snapshot of every table
            for table in TABLES:
                rows = tx.rows(f"SELECT * FROM {table}")
                count = len(rows) if table == "revisions" else count
                _add_bytes(tar, f"tables/{table}.jsonl",
                           "".join(json.dumps(list(r), ensure_ascii=False) + "\n" for r in rows).encode("utf-8"))
        for path in sorted(ctx.blobs.root.glob("??/*")):
            tar.add(path, arcname=f"blobs/{path.parent.name}/{path.name}")
    temp.replace(output)
    return count


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _member_text(source: Path, tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    data = tar.extractfile(member).read()  # type: ignore[union-attr]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(source, member.name, _("tệp không phải UTF-8")) from exc


def _rows(source: Path, member: str, text: str) -> list[list[Any]]:
    """The rows of the table *member* of the backup *source*, each a JSON array of column values."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        row = parse_json(line, source, f"{member}:{number}")
        if not isinstance(row, list):
            raise InputFileError(source, f"{member}:{number}", _("không phải tệp sao lưu máy chủ"))
        rows.append(row)
    return rows


def restore(source: Path, data_dir: Path, database: str | None = None) -> None:
    data_dir, source = Path(data_dir), Path(source)
    if (data_dir / CONFIG).exists():
        raise UserFacingError(_("Thư mục {dir} đã là thư mục máy chủ; không ghi đè.").format(dir=data_dir))
    with tarfile.open(source) as tar:
        # The backup's JSON is read as any file handed in (NaN, nesting, a huge number is said, naming it), and
        # all of it before anything is written: a backup refused leaves the folder as it was, to restore into.
        texts = {m.name: _member_text(source, tar, m) for m in tar.getmembers()
                 if m.name == CONFIG or m.name.startswith("tables/")}
        if CONFIG not in texts:
            raise InputFileError(source, CONFIG, _("không tìm thấy tệp"))
        config = checked_config(source, parse_json(texts[CONFIG], source, CONFIG), CONFIG)
        rows = {table: _rows(source, f"tables/{table}.jsonl", texts.get(f"tables/{table}.jsonl", ""))
                for table in TABLES}
        data_dir.mkdir(parents=True, exist_ok=True)
        tar.extractall(data_dir, members=[m for m in tar.getmembers() if not m.name.startswith("tables/")],
                       filter="data")
    write_json(data_dir / CONFIG, {**config, "database": database, "authority": str(data_dir / "authority")})
    repo = open_repository(data_dir, database)
    with repo.transaction(write=True) as tx:
        for table in TABLES:
            for row in rows[table]:
                tx.run(f"INSERT INTO {table} VALUES ({','.join('?' * len(row))})", row)
        if repo.engine == "postgresql":
            tx.run("SELECT setval(pg_get_serial_sequence('revisions', 'seq'), "
                   "COALESCE((SELECT MAX(seq) FROM revisions), 0) + 1, false)")
    ensure_identity(repo, new_epoch=True)
    repo.close()
