"""The question list's filters on a big bank: the plan SQLite takes, the time, and the ids (for ``cmp``).

Usage: PYTHONPATH=TREE .venv/bin/python bench/question_list_plans.py BANK.sqlite3 OUT

*BANK.sqlite3* is a COPY of a big data folder's database (only read; a tree of a newer schema than the
file's migrates it).  For a few filters (a rare type, the common type, a status, a topic with each, type and
status) in creation order and sorted by type, prints the best of two ``query_ids`` wall times, how many ids,
and the plan; writes every id list to *OUT*, one filter a line, so two trees' answers can be compared.
"""

from __future__ import annotations

import sys
import time

from lecturer_app.core.questions.query import QuestionFilter, QuestionOrder, query_ids
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store

try:
    from lecturer_app.core.questions.query import ids_sql
except ImportError:  # the base, before ids_sql: the statement its query_ids ran
    from lecturer_app.core.questions.query import _where

    def ids_sql(flt: QuestionFilter, order: QuestionOrder) -> tuple[str, list[object]]:
        where, params = _where(flt)
        sql = "SELECT q.id FROM questions q" + (" WHERE " + " AND ".join(where) if where else "")
        return sql + " ORDER BY " + order.sql(), params


def main() -> None:
    store = Store(open_database(sys.argv[1]))
    topic = store.db.execute("SELECT topic_id FROM question_topic_rows LIMIT 1").fetchone()[0]
    cases = {"type oral": QuestionFilter(type="oral"), "type single": QuestionFilter(type="single_choice"),
             "status approved": QuestionFilter(status="approved"),
             "topic+single": QuestionFilter(topic_id=topic, type="single_choice"),
             "topic+oral": QuestionFilter(topic_id=topic, type="oral"),
             "topic+draft": QuestionFilter(topic_id=topic, status="draft"),
             "type+status": QuestionFilter(type="single_choice", status="approved")}
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for name, flt in cases.items():
            for order in (QuestionOrder(), QuestionOrder(0)):
                sql, params = ids_sql(flt, order)
                plan = " | ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql, params))
                times = []
                for _ in range(2):
                    start = time.perf_counter()
                    ids = query_ids(store, flt, order)
                    times.append((time.perf_counter() - start) * 1000)
                print(f"{name:16} column={order.column:2} {min(times):7.1f} ms ids={len(ids):6} {plan}", flush=True)
                out.write(f"{name} {order.column} " + ",".join(ids) + "\n")
    print(f"process_cpu_s={time.process_time():.2f}")


if __name__ == "__main__":
    main()
