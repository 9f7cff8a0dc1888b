"""Hybrid logical clock stamps: text that sorts like time and reads back exactly."""

from __future__ import annotations

from lecturer_app.core.store.hlc import (
    MAX_AHEAD_MS,
    MAX_COUNTER,
    HybridClock,
    format_stamp,
    parse_stamp,
    stamp_from_iso,
)


def test_a_stamp_reads_back_to_its_milliseconds_and_counter():
    for ms, counter in ((0, 0), (1_764_156_000_000, 7), (1_764_156_000_999, 12), (1_764_156_001_000, 0)):
        assert parse_stamp(format_stamp(ms, counter)) == (ms, counter)


def test_stamps_look_like_dates_and_sort_as_text():
    assert format_stamp(1_764_156_000_123, 3) == "2025-11-26T11:20:00.123Z-0003"
    assert stamp_from_iso("2024-06-01T00:00:00Z") < stamp_from_iso("2024-06-01T00:00:00.001Z")


def test_the_clock_never_goes_back_behind_its_last_stamp():
    clock = HybridClock(format_stamp(2_000_000, 5), wall_ms=lambda: 1_000_000)
    assert parse_stamp(clock.now()) == (2_000_000, 6)


def test_each_stamp_is_its_milliseconds_and_counter_formatted_whether_the_wall_moves_or_a_stamp_is_observed():
    """The clock keeps the date part of its last stamp (a bulk save stamps thousands within a few ms):
    every stamp is still format_stamp of the clock's own milliseconds and counter."""
    # Each now() and each observe() (its reach: hlc.MAX_AHEAD_MS) reads the wall once.
    walls = iter([1_764_156_000_000, 1_764_156_000_000, 1_764_156_000_001, 1_764_156_000_001,
                  1_764_156_000_001, 1_764_156_000_001, 1_764_156_000_002, 1_764_156_000_002, 1_764_156_000_002])
    clock = HybridClock(wall_ms=lambda: next(walls))
    stamps = [clock.now(), clock.now(), clock.now()]
    clock.observe(format_stamp(1_764_156_000_001, 9))
    stamps += [clock.now(), clock.now(), clock.now()]
    clock.observe(format_stamp(1_764_156_005_000, 2))
    stamps.append(clock.now())
    assert [parse_stamp(s) for s in stamps] == [
        (1_764_156_000_000, 0), (1_764_156_000_000, 1), (1_764_156_000_001, 0),
        (1_764_156_000_001, 10), (1_764_156_000_001, 11), (1_764_156_000_002, 0), (1_764_156_005_000, 3)]
    assert all(s == format_stamp(*parse_stamp(s)) for s in stamps)


YEAR_MS = 365 * 24 * 3600 * 1000
NOW_MS = 1_764_156_000_000


def test_a_stamp_from_a_clock_years_ahead_does_not_carry_this_clock_and_own_stamps_still_rise():
    clock = HybridClock(wall_ms=lambda: NOW_MS)
    before = clock.now()
    assert clock.observe(format_stamp(NOW_MS + 10 * YEAR_MS, 3)) is False
    after = [clock.now() for _ in range(3)]
    assert [parse_stamp(s) for s in after] == [(NOW_MS, 1), (NOW_MS, 2), (NOW_MS, 3)]
    assert sorted([before, *after]) == [before, *after]


def test_a_stamp_a_few_minutes_ahead_carries_the_clock_as_a_hybrid_clock_does():
    clock = HybridClock(wall_ms=lambda: NOW_MS)
    ahead = NOW_MS + MAX_AHEAD_MS
    assert clock.observe(format_stamp(ahead, 4)) is True
    assert parse_stamp(clock.now()) == (ahead, 5)
    assert clock.observe(format_stamp(ahead + 1, 0)) is False  # one millisecond past the bound


def test_past_the_counters_four_digits_the_milliseconds_move_on_so_stamps_keep_sorting_as_text():
    clock = HybridClock(format_stamp(NOW_MS + YEAR_MS, MAX_COUNTER - 1), wall_ms=lambda: NOW_MS)
    stamps = [clock.now() for _ in range(3)]
    assert [parse_stamp(s) for s in stamps] == [(NOW_MS + YEAR_MS, MAX_COUNTER), (NOW_MS + YEAR_MS + 1, 0),
                                                (NOW_MS + YEAR_MS + 1, 1)]
    assert sorted(stamps) == stamps
