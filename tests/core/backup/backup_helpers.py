"""Helpers for the backup tests."""

from __future__ import annotations

from lecturer_app.core.store.materialize import TABLES


def content_of(db) -> dict[str, list[str]]:
    """Every table's rows (id and body), to compare a data folder before and after."""
    return {table: [f"{row[0]}:{row[1]}" for row in db.execute(f"SELECT id, body FROM {table} ORDER BY id")]
            for table in sorted(set(TABLES.values()))}
