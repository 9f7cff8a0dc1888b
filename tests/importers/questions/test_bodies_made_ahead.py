"""An import's bodies made by a forked child store exactly what they store when made in one process.

Issue #16: the commit's bodies (canonical JSON, read-row parts, index texts)
are made by a second process while the first writes SQLite.  Whether the
child ran, failed half-way, was killed, or never started (a busy machine,
Windows, the GUI's worker thread), the bank holds the same rows, byte for
byte, with the clock and the ids fixed; and a failed import leaves no child
behind and nothing written.
"""

from __future__ import annotations

import itertools
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from lecturer_app.core import second_process
from lecturer_app.core.model import Option, Question, Topic
from lecturer_app.core.questions import dedupe
from lecturer_app.core.store import record_store
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.hlc import HybridClock
from lecturer_app.core.store.record_store import Store
from lecturer_app.importers.questions import bodies_ahead, read_questions
from lecturer_app.importers.questions import commit as commit_module
from lecturer_app.importers.questions.commit import commit_import, plan_import

QUESTIONS = 130
CHUNK = 20  # seven chunks: the first made here, the others by the child
PARENT = os.getpid()


def question_file(tmp_path: Path) -> Path:
    """Questions with topics, levels, tags, a repeat and Vietnamese text (folded and exact index texts differ)."""
    lines = []
    for n in range(QUESTIONS):
        lines += [f"$CATEGORY: $course$/AB-01/{'Nhận biết' if n % 3 else 'Vận dụng'}/Chủ đề {n % 4}", "",
                  f"::q{n}:: Đảng Cộng sản Việt Nam ra đời năm nào? (câu {n % 125}) {{=Năm {1930 + n % 125} ~Năm 1945 "
                  f"~Tất cả các đáp án trên}}", ""]
    path = tmp_path / "ngân hàng.gift"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def small_chunks(monkeypatch) -> None:
    """Chunks of 20 bodies, and the plan's keys made in two halves from 10 questions on (both forks happen)."""
    monkeypatch.setattr(commit_module._BatchWriter, "CHUNK", CHUNK)
    monkeypatch.setattr(dedupe, "SPLIT_KEYS", 10)


def fork_allowed(monkeypatch, allowed: bool) -> None:
    """Whether a core counts as free.  The test process may run a helper thread (a CLI process does not):
    the child never touches it, so forking is allowed here wherever the system can fork."""
    if allowed and not hasattr(os, "fork"):
        pytest.skip("no fork here")
    monkeypatch.setattr(second_process, "second_core_free", lambda samples=None: allowed)


def import_into_new_store(tmp_path: Path, monkeypatch, name: str) -> tuple[str, list[Question]]:
    """A fresh store (fixed clock, ids counted from 1), the file imported into it: its dump, and what was written."""
    path = tmp_path / f"{name}.sqlite3"
    counter = itertools.count(1)
    monkeypatch.setattr(record_store, "uuid7", lambda: f"0190a000-0000-7000-8000-{next(counter):012x}")
    store = Store(open_database(path), author="Nguyễn Văn A", clock=HybridClock(wall_ms=lambda: 1_764_900_000_000))
    store.save(Topic(code="AB-01", title="Lịch sử Đảng"))
    plan = plan_import(read_questions(question_file(tmp_path)), store)
    written = commit_import(plan, store, None)
    # Every table but the migrations' (which says when each ran).
    dump = "\n".join(line for line in store.db.conn.iterdump() if not line.startswith('INSERT INTO "_sqlite_migrations"'))
    store.db.close()
    return dump, written


@pytest.fixture
def one_process_dump(tmp_path, monkeypatch, small_chunks) -> str:
    fork_allowed(monkeypatch, False)
    dump, written = import_into_new_store(tmp_path, monkeypatch, "one-process")
    assert len(written) == QUESTIONS - 5  # five stems repeat one of the first 125: skipped
    fork_allowed(monkeypatch, True)
    return dump


class Spied(bodies_ahead.BodiesAhead):
    """A BodiesAhead that keeps its child's process id, to look for the process afterwards."""

    child_pid: int | None = None

    def _start_child(self) -> None:
        super()._start_child()
        self.child_pid = self._child.pid if self._child is not None else None


def spied_children(monkeypatch) -> list[Spied]:
    """Every BodiesAhead the commit makes that started a child, to ask afterwards how the child fared."""
    made: list[Spied] = []

    class Keeping(Spied):
        def _start_child(self) -> None:
            super()._start_child()
            made.append(self)

    monkeypatch.setattr(commit_module, "BodiesAhead", Keeping)
    return made


def failing_in_the_child(monkeypatch, fail: Callable[[], None], after_chunks: int) -> None:
    """make_bodies, which in the child runs *fail* once it has made *after_chunks* chunks."""
    made = itertools.count()
    real = bodies_ahead.make_bodies

    def make(questions, source):
        if os.getpid() != PARENT and next(made) >= after_chunks:
            fail()
        return real(questions, source)

    monkeypatch.setattr(bodies_ahead, "make_bodies", make)


def test_bodies_made_by_a_child_store_what_one_process_stores(tmp_path, monkeypatch, one_process_dump):
    children = spied_children(monkeypatch)
    dump, written = import_into_new_store(tmp_path, monkeypatch, "child")
    assert len(children) == 1 and not children[0].child_failed  # the child made chunks 2 to 7
    assert dump == one_process_dump
    assert [q.source for q in written] == ["ngân hàng.gift"] * len(written)  # given here too, not only in the child


@pytest.mark.parametrize("fail", [lambda: os.kill(os.getpid(), signal.SIGKILL), lambda: 1 / 0],
                         ids=["killed", "raising"])
def test_a_child_failing_half_way_leaves_the_rest_to_this_process(tmp_path, monkeypatch, one_process_dump, fail):
    children = spied_children(monkeypatch)
    failing_in_the_child(monkeypatch, fail, after_chunks=2)
    dump, _written = import_into_new_store(tmp_path, monkeypatch, "child-failing")
    assert children[0].child_failed
    assert dump == one_process_dump


def test_bodies_made_ahead_are_the_bodies_made_here(monkeypatch):
    fork_allowed(monkeypatch, True)
    questions = [Question(stem=f"Câu {n} về Đảng", options=[Option("Đúng", True), Option("Sai")], topic_ids=["t"])
                 for n in range(95)]
    ahead = bodies_ahead.BodiesAhead(questions, "tệp.xlsx", 10)
    try:
        made = [body for position in range(0, 95, 10) for body in ahead.get(position)]
    finally:
        ahead.close()
    assert made == bodies_ahead.make_bodies(questions, "tệp.xlsx")


def test_an_import_failing_writes_nothing_and_leaves_no_child(tmp_path, monkeypatch, small_chunks):
    fork_allowed(monkeypatch, True)
    children = spied_children(monkeypatch)
    saves = itertools.count()
    real_save = Store.save_prepared

    def save_then_fail(self, *args, **kwargs):
        if next(saves) == 3:
            raise OSError("đĩa đầy")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Store, "save_prepared", save_then_fail)
    store = Store(open_database(tmp_path / "failing.sqlite3"), author="Nguyễn Văn A")
    plan = plan_import(read_questions(question_file(tmp_path)), store)
    with pytest.raises(OSError, match="đĩa đầy"):
        commit_import(plan, store, None)
    assert store.counts().get("question", 0) == 0  # the batch's transaction rolled back whole
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(children[0].child_pid, os.WNOHANG)
    store.db.close()

