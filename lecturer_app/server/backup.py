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
from lecturer_app.core.json_reading import parse_json, read_json_file
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


def _rows(source: Path, table: str, data: bytes) -> list[list[Any]]:
    """The rows of *table* in the backup *source*, each a JSON array of column values."""
    member = f"tables/{table}.jsonl"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(source, member, _("tệp không phải UTF-8")) from exc
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        row = parse_json(line, source, f"{member}:{number}")
        if not isinstance(row, list):
            raise InputFileError(source, f"{member}:{number}", _("không phải tệp sao lưu máy chủ"))
        rows.append(row)
    return rows


def restore(source: Path, data_dir: Path, database: str | None = None) -> None:
    data_dir = Path(data_dir)
    if (data_dir / CONFIG).exists():
        raise UserFacingError(_("Thư mục {dir} đã là thư mục máy chủ; không ghi đè.").format(dir=data_dir))
    data_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source) as tar:
        tar.extractall(data_dir, members=[m for m in tar.getmembers() if not m.name.startswith("tables/")],
                       filter="data")
        tables = {m.name[7:-6]: tar.extractfile(m).read() for m in tar.getmembers()  # type: ignore[union-attr]
                  if m.name.startswith("tables/")}
    # The backup's files are read as any file handed in: NaN, nesting or a huge number is said, naming it.
    config = checked_config(data_dir / CONFIG, read_json_file(data_dir / CONFIG))
    rows = {table: _rows(Path(source), table, tables.get(table, b"")) for table in TABLES}
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
