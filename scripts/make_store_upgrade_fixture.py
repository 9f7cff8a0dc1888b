"""Writes tests/core/data/store_m011.sql: a small data folder's database as schema 11 wrote it, as SQL text.

    PYTHONPATH=<a checkout at schema 11> .venv/bin/python scripts/make_store_upgrade_fixture.py OUT.sql

Run it with the code of the schema to preserve (the fixture in the repository was made by commit
70d94fd, schema 11, before migration 012 changed how questions are stored): the upgrade test
(tests/core/test_store_upgrade.py) loads it and opens it with the current code, which migrates it.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from lecturer_app.core.model import Bullet, Option, Question, Slide, SlideDeck, Topic
from lecturer_app.core.store.db import SCHEMA_VERSION, open_database
from lecturer_app.core.store.record_store import Store


def fill(store: Store) -> None:
    topic = Topic(code="XD-01", title="Xây dựng Đảng về tổ chức")
    store.save(topic)
    edited = Question(stem="Nguyên tắc tập trung dân chủ là gì?", topic_ids=[topic.id], level="Nhận biết",
                      options=[Option("Nguyên tắc tổ chức cơ bản", True), Option("Một khẩu hiệu")])
    store.save(edited)
    edited.stem = "Nguyên tắc tổ chức cơ bản của Đảng là gì?"
    store.save(edited, summary="Sửa câu hỏi")
    gone = Question(stem="Câu hỏi về đoàn thanh niên sẽ bị xóa?", topic_ids=[topic.id])
    store.save(gone)
    store.delete(gone.id)
    store.save_many([Question(stem=f"Câu {n}: chi bộ sinh hoạt định kỳ mấy lần?", topic_ids=[topic.id],
                              options=[Option("Mỗi tháng một lần", True), Option(f"Mỗi năm {n} lần")])
                     for n in range(10)])
    deck = SlideDeck(topic_id=topic.id, title=topic.title)
    store.save(deck)
    store.save(Slide(deck_id=deck.id, topic_id=topic.id, position="a0", title="Kiểm tra, giám sát",
                     bullets=[Bullet("Công tác kiểm tra của chi bộ")]))


def main() -> None:
    out = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "lecturer_app.sqlite3")
        fill(Store(db, author="Người soạn"))
        db.close()
        conn = sqlite3.connect(Path(folder) / "lecturer_app.sqlite3")
        lines = [f"-- A data folder's database at schema {SCHEMA_VERSION}: scripts/make_store_upgrade_fixture.py",
                 f"PRAGMA user_version = {SCHEMA_VERSION};", *dump(conn)]
        conn.close()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def dump(conn: sqlite3.Connection) -> list[str]:
    """The schema, then every row; full-text tables by their rows (iterdump writes their shadow tables,
    which a script cannot load back)."""
    schema = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                          "AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    virtual = [name for _type, name, sql in schema if sql.startswith("CREATE VIRTUAL")]
    own = [(kind, name, sql) for kind, name, sql in schema if not any(name.startswith(v + "_") for v in virtual)]
    lines = [sql + ";" for _kind, _name, sql in own]
    for kind, name, _sql in own:
        if kind != "table":
            continue
        columns = ["rowid"] * (name in virtual) + [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')]
        quoted = " || ',' || ".join(f"quote({column})" for column in columns)
        for (values,) in conn.execute(f'SELECT {quoted} FROM "{name}" ORDER BY rowid'):
            lines.append(f'INSERT INTO "{name}" ({", ".join(columns)}) VALUES ({values});')
    return lines


if __name__ == "__main__":
    main()
