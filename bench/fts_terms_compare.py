"""Whether two databases' question full-text tables hold the same: every term, the rows of each, a prefix query.

    .venv/bin/python bench/fts_terms_compare.py A.sqlite3 B.sqlite3

The tables' pages (``question_words_*_data``) differ whenever the rows were
written in other segments (batches, merges), so a dump cannot compare them;
this reads what they hold through ``fts5vocab`` and a query per term.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lecturer_app.core.store.question_rows import INDEX_TABLES  # noqa: E402


def held(path: str, table: str) -> tuple[list[tuple[str, int]], dict[str, list[int]], list[int]]:
    """(term, rows holding it) of *table*, each term's rows, and the rows of the prefix query ``ng*``."""
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, '{table}', 'row')")
    terms = conn.execute("SELECT term, doc FROM temp.vocab ORDER BY term").fetchall()
    rows = {term: [row for (row,) in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid",
                                                   ['"' + term.replace('"', '""') + '"'])]
            for term, _count in terms}
    prefix = [row for (row,) in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH 'ng*' ORDER BY rowid")]
    conn.close()
    return terms, rows, prefix


def main() -> None:
    for table in INDEX_TABLES.values():
        a, b = held(sys.argv[1], table), held(sys.argv[2], table)
        print(f"{table}: {len(a[0])} / {len(b[0])} terms; terms {'equal' if a[0] == b[0] else 'DIFFER'}, "
              f"rows of every term {'equal' if a[1] == b[1] else 'DIFFER'}, "
              f"prefix query {'equal' if a[2] == b[2] else 'DIFFERS'}")


if __name__ == "__main__":
    main()
