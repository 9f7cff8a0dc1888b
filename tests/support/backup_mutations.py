"""Damage to a backup folder that keeps it consistent: what a buggy copy, or someone editing it, could leave.

The plain mutations damage one file of a backup, and the manifest's hash of
the database catches any change to that file.  These change what the
database *says* with SQLite itself (a revision's body of the wrong shape, a
head that is gone, a newer schema…), then (``matching_manifest``) write the
new file's sha256 and size into the manifest, so restore has to judge the
content, as a bundle re-signed by its peer makes the import do
(``bundle_content_mutations``).
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import tempfile
from pathlib import Path

from tests.support.input_mutations import mutate

# What a statement does to one database; ``{row}`` is a random revision's rowid.
_CHANGES = (
    ("a revision's body a list", "UPDATE revisions SET body = '[]' WHERE rowid = {row}"),
    ("a revision's body not JSON", "UPDATE revisions SET body = '{{' WHERE rowid = {row}"),
    ("a topic's title a list", "UPDATE revisions SET body = json_set(body, '$.title', json('[1]')) "
                               "WHERE rowid = (SELECT min(rowid) FROM revisions WHERE type = 'topic')"),
    ("a head revision deleted", "DELETE FROM revisions WHERE rev_id = (SELECT head_rev FROM records "
                                "LIMIT 1 OFFSET {row} % 50)"),
    ("a head pointing nowhere", "UPDATE records SET head_rev = '{missing}' WHERE id = (SELECT id FROM records LIMIT 1 OFFSET {row} % 50)"),
    ("a generation past SQLite's integers as text", "UPDATE revisions SET generation = '1e999' WHERE rowid = {row}"),
    ("the schema made newer", "PRAGMA user_version = 9999"),
    ("the migrations table emptied", "DELETE FROM _sqlite_migrations"),
    ("the question rows table dropped", "DROP TABLE question_rows"),
    ("the search index emptied", "DELETE FROM search_index"),
    ("the replica id removed", "DELETE FROM meta WHERE key = 'replica_id'"),
    ("a record's type unknown", "UPDATE records SET type = 'x' WHERE id = (SELECT id FROM records LIMIT 1 OFFSET {row} % 50)"),
    ("a revision's hlc a number", "UPDATE revisions SET hlc = 1.5 WHERE rowid = {row}"),
)


def database_content(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    """*data* (a backup's SQLite file) with one or two of the changes above made by SQLite."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.sqlite3"
        path.write_bytes(data)
        connection = sqlite3.connect(path)
        done = []
        try:
            rows = connection.execute("SELECT count(*) FROM revisions").fetchone()[0] or 1
            for what, statement in rng.sample(_CHANGES, rng.choice((1, 1, 2))):
                connection.execute(statement.format(row=rng.randrange(1, rows + 1), missing="f" * 64))
                done.append(what)
            connection.commit()
            connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            connection.close()
        return path.read_bytes(), "; ".join(done)


def database_any(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    """Half the time the content changed by SQLite, else the bytes damaged."""
    if rng.random() < 0.5:
        return database_content(rng, data, name)
    return mutate(rng, data, name)


def matching_manifest(database: Path) -> None:
    """Write *database*'s new sha256 and size into its backup's manifest, as a consistent backup would have."""
    manifest = database.parent / "manifest.json"
    info = json.loads(manifest.read_text(encoding="utf-8"))
    data = database.read_bytes()
    info.update(db_sha256=hashlib.sha256(data).hexdigest(), db_size=len(data))
    manifest.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
