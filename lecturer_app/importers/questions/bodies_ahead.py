"""An import's question bodies encoded ahead of the writer, by a forked second process when a core is free.

Of an XLSX import's commit, half the CPU was making each question's body,
its canonical JSON and its index texts (``question_rows.prepare_question``),
the other half SQLite writing them (issue #16).  The two need not wait for
each other: the bodies depend on the planned questions only, never on what
is written.  So the commit asks :class:`BodiesAhead` for each chunk's
bodies in turn; the first chunk is made here (the run queue is sampled
while it is, ``core.second_core``), then, when forking is safe and a core
is free, a forked child makes every later chunk, in order, and sends each
through a pipe while this process writes the previous one.

The child only computes: it never touches the database or the files.  The
ids, stamps and counters are still given here, in order, so what is stored
is the same whether the bodies came from the child or not (without a fork
— on Windows, in the GUI's worker thread, on a busy machine — everything is
made here).  When the child fails (killed, out of memory, a broken pipe),
the chunks it did not deliver are made here: the import goes on in one
process and stores the same; nothing it sent is used unless whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from lecturer_app.core import second_process
from lecturer_app.core.model import Question
from lecturer_app.core.second_core import SAMPLES, RunQueue
from lecturer_app.core.store import question_rows

Bodies = list[tuple[str, question_rows.Prepared]]
# What the child may send ahead of the writer: a chunk of 500 bodies pickles to about 0.5 MB, and with the
# pipe's default 64 KB the child waited at each chunk until the writer asked for it.
ANSWERS_BYTES = 4 << 20


def make_bodies(questions: Sequence[Question], source: str) -> Bodies:
    """Each question's canonical body JSON and read-row parts (``question_rows.prepare_question``)."""
    return [question_rows.prepare_question(question, source) for question in questions]


class BodiesAhead:
    """The bodies of *questions*, chunk after chunk of *chunk*, made by a child when one is worth forking."""

    def __init__(self, questions: Sequence[Question], source: str, chunk: int) -> None:
        self.questions, self.source, self.chunk = questions, source, chunk
        self._child: second_process.Child | None = None
        self._child_next = 0  # the position of the chunk the child sends next
        self.child_failed = False  # the child left before sending all it should (what the tests ask)

    def get(self, position: int) -> Bodies:
        """The bodies of ``questions[position:position + chunk]``; *position* goes up a chunk per call."""
        part = self.questions[position:position + self.chunk]
        if self._child is not None and position == self._child_next:
            received = self._receive(len(part))
            if received is not None:
                self._child_next += self.chunk
                return received
        if position == 0:
            return self._first(part)
        return make_bodies(part, self.source)

    def close(self) -> None:
        """Stop the child, if any, and reap it (the import ended, was cancelled or failed)."""
        if self._child is not None:
            self._child.kill()
            self._child = None

    def _first(self, part: Sequence[Question]) -> Bodies:
        """The first chunk, made here, the run queue sampled along it; then the child starts on the rest."""
        samples = RunQueue()
        step = max(1, len(part) // SAMPLES)
        bodies: Bodies = []
        for start in range(0, len(part), step):
            bodies += make_bodies(part[start:start + step], self.source)
            if len(samples) < SAMPLES:
                samples.sample()
        if len(self.questions) > self.chunk and second_process.second_core_free(samples):
            self._start_child()
        return bodies

    def _start_child(self) -> None:
        questions, source, chunk = self.questions, self.source, self.chunk

        def main(channel: second_process.Channel) -> None:
            for start in range(chunk, len(questions), chunk):
                channel.send(make_bodies(questions[start:start + chunk], source))

        try:
            self._child = second_process.Child.fork(main, answers_bytes=ANSWERS_BYTES)
        except OSError:  # the system refused a process: everything is made here
            return
        self._child_next = self.chunk

    def _receive(self, count: int) -> Bodies | None:
        """The child's next chunk, or None (the child stopped and is reaped) when it cannot give it whole."""
        import pickle

        assert self._child is not None
        try:
            bodies = self._child.receive()
        except (EOFError, OSError, pickle.UnpicklingError):
            bodies = None
        if not isinstance(bodies, list) or len(bodies) != count:
            self.child_failed = True
            self.close()
            return None
        return bodies

