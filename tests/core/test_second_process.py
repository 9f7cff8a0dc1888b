"""The one forked second process: when one is wanted, and a child that answers, fails or is killed leaves nothing behind."""

from __future__ import annotations

import os
import sys
import time

import pytest

from lecturer_app.core import second_core, second_process
from lecturer_app.core.second_core import spare_core
from lecturer_app.core.second_process import Child
from support.waiting import wait_for

# These tests fork even when the test process runs other threads: each child only echoes pickles.
forking_only = pytest.mark.skipif(not (sys.platform.startswith("linux") and hasattr(os, "fork")), reason="no fork here")


def loadavg(*running: int):
    """A /proc/loadavg reader whose run-queue field takes the values *running* in turn."""
    values = iter(running)
    return lambda: f"14.90 12.10 9.30 {next(values)}/412 31337\n"


@pytest.mark.parametrize(("running", "cores", "spare"), [
    ((1, 1, 1, 1, 1), 2, True),      # only this process runs now, whatever the last minute's load says
    ((2, 2, 2, 2, 2), 2, False),     # one other thread holds the second core
    ((1, 3, 1, 2, 1), 2, True),      # one busy instant among quiet ones does not decide
    ((3, 2, 3, 1, 3), 2, False),
    ((3, 3, 3, 3, 3), 4, True),
    ((4, 4, 4, 4, 4), 4, False),
])
def test_a_core_is_spare_when_what_runs_now_leaves_one_free(monkeypatch, running, cores, spare):
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    monkeypatch.setattr(second_core, "SAMPLE_GAP_S", 0)
    assert spare_core(loadavg(*running)) is spare


@pytest.mark.parametrize(("running", "spare"), [((1, 1, 1), True), ((1, 3, 1), True), ((3, 1, 2), False)])
def test_samples_a_caller_took_around_its_own_work_decide_without_more(monkeypatch, running, spare):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(second_core, "SAMPLE_GAP_S", 60)  # a wait here would show
    samples = second_core.RunQueue(loadavg(*running))
    samples.sample()
    samples.sample()
    assert spare_core(samples=samples) is spare


def test_samples_the_kernel_would_not_give_fall_back_on_the_last_minutes_load(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.7, 1.0, 1.0))
    samples = second_core.RunQueue(loadavg(1, "?"))
    samples.sample()
    samples.sample()
    assert spare_core(samples=samples) is False


def test_one_core_is_never_spare(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert spare_core(loadavg(1, 1, 1, 1, 1)) is False


@pytest.mark.parametrize(("load", "spare"), [(0.9, True), (1.0, True), (1.3, False)])
def test_without_a_run_queue_the_last_minutes_load_decides(monkeypatch, load, spare):
    def no_proc() -> str:
        raise OSError("no /proc here")

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert spare_core(no_proc) is spare


def test_no_load_average_at_all_means_busy(monkeypatch):
    def unavailable() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", unavailable)
    assert spare_core(lambda: "") is False


def test_no_child_is_started_when_no_core_is_free(monkeypatch):
    monkeypatch.setattr(second_process, "spare_core", lambda: False)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked on a busy machine"))
    assert second_process.start(lambda: 42) is None


@forking_only
def test_a_child_answers_each_message_until_the_parent_stops_sending(no_child_left):
    def echo_doubled(channel):
        while True:
            try:
                channel.send(channel.receive() * 2)
            except EOFError:
                return

    child = Child.fork(echo_doubled)
    answers = []
    for message in [1, "ă", [3]]:
        child.send(message)
        answers.append(child.receive())
    assert answers == [2, "ăă", [3, 3]]
    assert child.wait() is True


@forking_only
def test_a_child_that_raises_reports_failure(no_child_left):
    child = Child.fork(lambda channel: 1 / 0)
    with pytest.raises(EOFError):
        child.receive()
    assert child.wait() is False


@forking_only
def test_a_killed_child_is_reaped_and_killing_twice_is_harmless(no_child_left):
    child = Child.fork(lambda channel: channel.receive())  # waits for a message that never comes
    child.kill()
    child.kill()
    assert child.wait() is False


@forking_only
def test_a_forked_value_arrives_whole_or_not_at_all(monkeypatch, no_child_left):
    monkeypatch.setattr(second_process, "spare_core", lambda: True)
    monkeypatch.setattr(second_process, "can_fork_safely", lambda: True)
    big = [f"câu hỏi {n}" for n in range(200_000)]  # several pipe buffers' worth
    forked = second_process.start(lambda: big)
    assert forked is not None and forked.result() == big
    failing = second_process.start(lambda: 1 / 0)
    assert failing is not None and failing.result() is None


@forking_only
def test_an_answer_is_seen_waiting_only_once_the_child_has_sent_it(no_child_left):
    def answer_when_told(channel):
        channel.send(channel.receive())

    child = Child.fork(answer_when_told)
    assert child.answer_waiting() is False  # the child waits for its message: nothing to read yet
    child.send("đây")
    deadline = time.monotonic() + 10
    while not child.answer_waiting() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert child.answer_waiting() is True
    assert child.receive() == "đây"
    assert child.wait() is True


@forking_only
def test_a_shared_queue_gives_each_number_to_one_process_only(no_child_left):
    queue = second_process.SharedQueue(200)
    child = Child.fork(lambda channel: channel.send([n for taken in iter(queue.take, None) for n in taken]))
    mine = [n for taken in iter(queue.take, None) for n in taken]
    theirs = child.receive()
    assert child.wait()
    queue.close()
    assert sorted(mine + theirs) == list(range(200))   # every number, none twice
    assert mine == sorted(mine) and theirs == sorted(theirs)   # each process takes them in order


def test_a_shared_queue_longer_than_a_pipe_write_hands_out_runs():
    count = second_process.SharedQueue.TICKETS * 2 + 3
    queue = second_process.SharedQueue(count)
    runs = list(iter(queue.take, None))
    queue.close()
    assert [n for run in runs for n in run] == list(range(count))
    assert len(runs) <= second_process.SharedQueue.TICKETS and len(runs[0]) == 3


def test_an_empty_shared_queue_has_nothing_to_take():
    queue = second_process.SharedQueue(0)
    assert queue.take() is None
    queue.close()


@forking_only
def test_a_child_given_a_larger_pipe_sends_a_long_answer_before_the_parent_reads(tmp_path, no_child_left):
    """A child working ahead (an import's bodies) is not stopped at its first answer above 64 KB."""
    done = tmp_path / "sent"
    answer = "câu hỏi " * 60_000  # ≈ 0.5 MB pickled: beyond the default buffer, within Linux's 1 MB limit

    def send_then_say_so(channel):
        channel.send(answer)
        done.write_text("đã gửi", encoding="utf-8")

    child = Child.fork(send_then_say_so, answers_bytes=1 << 20)
    wait_for(done.exists, timeout=30)  # sent whole while nothing here has read a byte
    assert child.receive() == answer
    assert child.wait() is True
