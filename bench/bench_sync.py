"""Sync benchmarks (issue #13 item 10): USB bundle export and import of a large bank.

    .venv/bin/python bench/bench_sync.py

A synthetic bank (``synthetic_bank.fill``: 125 topics + 50,000 questions +
5,000 slides) plus attachments of random bytes, exported to a bundle and
imported into a fresh installation; then 1,000 changed questions sent
incrementally (``--want``).  Export and import each run in a child process
so their peak RSS is their own; growth is measured against a child that only
opens the workspace and the device.  Peers in the same run, doing what a
plain copy of the same data would: ``cp`` of the bundle file then ``sync``
of the copy (the export makes its bundle durable before naming it; ``cp``
alone is printed too) for export; for import, a raw SQLite ``executemany``
of the very rows the import left in every table (revisions, parents, heads,
records, read tables, full-text index, signatures) into a copy of the
receiver's database as it was before, then the same new blob bytes written
and fsynced (the executemany of the revision rows alone is printed too).  The attachment total defaults to 256 MB
(``BENCH_SYNC_ATTACH_MB``; the issue asks 1 GB, scaled down for a shared
2-core machine: the RSS target does not depend on it).  ``BENCH_SYNC_SOURCE=DIR``
keeps the generated source installation in DIR and reuses it on the next run.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import whole_process  # noqa: E402
from lecturer_app.core.workspace import DB_NAME  # noqa: E402

QUESTIONS = int(os.environ.get("BENCH_SYNC_QUESTIONS", "50000"))
SLIDES = int(os.environ.get("BENCH_SYNC_SLIDES", "5000"))
ATTACH_MB = int(os.environ.get("BENCH_SYNC_ATTACH_MB", "256"))
ATTACH_FILE_MB = 8
CHANGED = 1000


def row(name: str, value: str, target: str, peer: str = "–", ratio: str = "–") -> None:
    print(f"| {name} | {value} | {target} | {peer} | {ratio} |", flush=True)


# Child-process steps ----------------------------------------------------------


def _open(folder: str):
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.sync.device import open_device

    workspace = open_workspace(Path(folder))
    return workspace, open_device(workspace.data_dir, workspace.store)


def step(name: str, args: list[str]) -> None:
    """Run one step in this (child) process and print its time and peak RSS as JSON."""
    import lecturer_app.sync.bundle_export as bundle_export
    import lecturer_app.sync.bundle_import as bundle_import
    from lecturer_app.sync.want import read_want

    workspace, device = _open(args[0])
    start = time.perf_counter()
    if name == "export":
        want = read_want(Path(args[2])) if len(args) > 2 else None
        bundle_export.export_bundle(device, workspace.blobs, Path(args[1]), want=want)
    elif name == "import":
        report = bundle_import.import_bundle(device, workspace.blobs, Path(args[1]), trust_new=True)
        assert not report.rejected, report.rejected[:3]
    seconds = time.perf_counter() - start
    workspace.close()
    print(json.dumps({"seconds": seconds, "rss_mb": whole_process.own_peak_mb()}))


def child(name: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--step", name, *args], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# The run ----------------------------------------------------------------------


def _source(folder: Path) -> None:
    from bench.synthetic_bank import fill
    from lecturer_app.core.model import Attachment

    workspace, _device = _open(str(folder))
    fill(workspace, QUESTIONS, SLIDES)
    topics = workspace.store.db.execute("SELECT id FROM records WHERE type = 'topic' ORDER BY id").fetchall()
    with workspace.store.transaction():
        for index in range(max(1, ATTACH_MB // ATTACH_FILE_MB)):
            sha = workspace.blobs.put_bytes(os.urandom(ATTACH_FILE_MB * 1024 * 1024))
            workspace.store.save(Attachment(owner_id=topics[index % len(topics)][0], sha256=sha,
                                            size=ATTACH_FILE_MB * 1024 * 1024, filename=f"tai-lieu-{index}.pdf"))
    workspace.close()


def _sign(folder: Path) -> None:
    """Sign every own revision before timing (the key was made before the bank was written)."""
    from lecturer_app.sync.signing import sign_own_revisions

    workspace, device = _open(str(folder))
    sign_own_revisions(workspace.store, device.key)
    workspace.close()


def _rev_ids(folder: Path) -> set[str]:
    with sqlite3.connect(folder / DB_NAME) as db:
        return {r[0] for r in db.execute("SELECT rev_id FROM revisions")}


def _raw_insert(source: Path, skip: set[str], into: Path) -> tuple[float, int]:
    """Seconds to executemany the revision rows new to the receiver into a bare table of the same schema."""
    with sqlite3.connect(source / DB_NAME) as db:
        schema = db.execute("SELECT sql FROM sqlite_master WHERE name = 'revisions'").fetchone()[0]
        rows = [r for r in db.execute("SELECT * FROM revisions") if r[0] not in skip]
    target = sqlite3.connect(into)
    target.execute(schema)
    marks = ",".join("?" * len(rows[0]))
    start = time.perf_counter()
    with target:
        target.executemany(f"INSERT INTO revisions VALUES ({marks})", rows)
    seconds = time.perf_counter() - start
    target.close()
    return seconds, len(rows)


def _cp(path: Path, durable: bool) -> float:
    """Seconds to ``cp`` the bundle; *durable*: then ``sync`` the copy, as the export makes its bundle durable."""
    copy = str(path) + ".copy"
    start = time.perf_counter()
    subprocess.run(["cp", str(path), copy], check=True)
    if durable:
        subprocess.run(["sync", copy], check=True)
    seconds = time.perf_counter() - start
    Path(copy).unlink()
    return seconds


def _tables(db: sqlite3.Connection) -> list[tuple[str, bool]]:
    """(table, is full-text) for every table an import writes to; FTS5's own shadow tables are left to FTS5."""
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    tables = [(name, (sql or "").upper().startswith("CREATE VIRTUAL")) for name, sql in rows]
    virtual = [name for name, fts in tables if fts]
    return [(name, fts) for name, fts in tables if not any(name.startswith(v + "_") for v in virtual)]


def _rows_added(before: Path, after: Path) -> dict[str, list[tuple]]:
    """Per table, the rows the import left that were not there before (FTS rows with their rowid)."""
    added: dict[str, list[tuple]] = {}
    with sqlite3.connect(before) as old, sqlite3.connect(after) as new:
        for table, fts in _tables(new):
            select = f"SELECT {'rowid, ' if fts else ''}* FROM {table}"
            known = set(old.execute(select))
            added[table] = [row for row in new.execute(select) if row not in known]
    return added


def _peer_import(before: Path, after: Path, blobs: list[Path], into: Path) -> tuple[float, int]:
    """The same work as a plain copy of what the import brought: its rows into a copy of the receiver's
    database before the import (same schema, indexes, pragmas; one transaction of executemany per table),
    then the same blob bytes written to files and fsynced.  Returns (seconds, rows)."""
    added = _rows_added(before, after)
    shutil.copy(before, into)
    target = sqlite3.connect(into)
    target.execute("PRAGMA journal_mode = WAL")
    target.execute("PRAGMA synchronous = NORMAL")
    fts = {table for table, is_fts in _tables(target) if is_fts}
    start = time.perf_counter()
    with target:
        for table, rows in added.items():
            if rows:  # full-text rows keep their rowid; other tables replace a row of the same key (records)
                verb, names = ("INSERT", _fts_columns(target, table)) if table in fts else ("INSERT OR REPLACE", "")
                target.executemany(f"{verb} INTO {table}{names} VALUES ({','.join('?' * len(rows[0]))})", rows)
    folder = into.with_suffix(".blobs")
    folder.mkdir()
    for number, blob in enumerate(blobs):
        with open(blob, "rb") as src, open(folder / str(number), "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
    seconds = time.perf_counter() - start
    target.close()
    shutil.rmtree(folder)
    return seconds, sum(len(rows) for rows in added.values())


def _fts_columns(db: sqlite3.Connection, table: str) -> str:
    names = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
    return "(rowid, " + ", ".join(names) + ")"


def _new_blobs(receiver: Path, known: set[str]) -> list[Path]:
    return [p for p in sorted((receiver / "blobs").glob("*/*")) if p.name not in known and not p.name.startswith(".")]


def _change(folder: Path) -> None:
    from lecturer_app.core.model import Question

    workspace, _device = _open(str(folder))
    store = workspace.store
    ids = [r[0] for r in store.db.execute("SELECT id FROM records WHERE type = 'question' LIMIT ?", (CHANGED,))]
    with store.transaction():
        for record_id in ids:
            question = store.require(Question, record_id)
            question.stem += " (sửa)"
            store.save(question)
    workspace.close()


def _want(folder: Path, path: Path) -> None:
    from lecturer_app.sync.trust import write_json
    from lecturer_app.sync.want import make_want

    workspace, _device = _open(str(folder))
    write_json(path, make_want(workspace.store, workspace.blobs))
    workspace.close()


def _kept_source(base: Path) -> Path:
    """The source installation: made in *base*, or kept in ``BENCH_SYNC_SOURCE`` (copied, so runs repeat)."""
    kept = os.environ.get("BENCH_SYNC_SOURCE")
    if not kept:
        _source(base / "nguon")
    else:
        if not (Path(kept) / DB_NAME).is_file():
            _source(Path(kept))
        shutil.copytree(kept, base / "nguon")
    _sign(base / "nguon")
    return base / "nguon"


def run(base: Path) -> None:
    receiver, bundle = base / "nhan", base / "day-du.lbb"
    source = _kept_source(base)
    _open(str(receiver))[0].close()
    baseline = child("open", str(receiver))["rss_mb"]
    export = child("export", str(source), str(bundle))
    size_mb = bundle.stat().st_size / 2**20
    # Median of three rounds each: a copy on a shared machine varies more than the export does.
    cp = statistics.median(_cp(bundle, durable=False) for _round in range(3))
    cp_sync = statistics.median(_cp(bundle, durable=True) for _round in range(3))
    known = _rev_ids(receiver)
    known_blobs = {p.name for p in (receiver / "blobs").glob("*/*")}
    shutil.copy(receiver / DB_NAME, base / "before.db")  # the receiver's rows before the import (WAL checkpointed)
    imported = child("import", str(receiver), str(bundle))
    raw, count = _raw_insert(source, known, base / "raw.db")
    peer, rows = _peer_import(base / "before.db", receiver / DB_NAME, _new_blobs(receiver, known_blobs),
                              base / "peer.db")
    what = f"{QUESTIONS:,} questions + {SLIDES:,} slides + {ATTACH_MB} MB attachments"
    row(f"Full export ({what}; bundle {size_mb:.0f} MB)", f"{export['seconds']:.1f} s", "≤ 2× cp",
        f"cp + sync {cp_sync:.2f} s (cp alone {cp:.2f} s)", f"{export['seconds'] / cp_sync:.1f}× "
        f"({export['seconds'] / cp:.1f}× cp alone)")
    row(f"Full import ({count:,} new revisions)", f"{imported['seconds']:.1f} s", "≤ 3× executemany",
        f"same {rows:,} rows + blob bytes {peer:.2f} s (revision rows alone {raw:.2f} s)",
        f"{imported['seconds'] / peer:.1f}× ({imported['seconds'] / raw:.1f}× revision rows alone)")
    growth = f"{export['rss_mb'] - baseline:.0f} / {imported['rss_mb'] - baseline:.0f} MB"
    row("Peak RSS growth: export / import", growth, "≤ 150 MB", f"open only {baseline:.0f} MB")
    _change(source)
    _want(receiver, base / "want.json")
    small = base / "thay-doi.lbb"
    inc_export = child("export", str(source), str(small), str(base / "want.json"))
    inc_import = child("import", str(receiver), str(small))
    row(f"Incremental: {CHANGED:,} changed questions, export / import (--want; bundle "
        f"{small.stat().st_size / 2**20:.1f} MB)", f"{inc_export['seconds']:.2f} / {inc_import['seconds']:.2f} s", "–")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--step":
        step(sys.argv[2], sys.argv[3:])
        return
    base = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        run(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
