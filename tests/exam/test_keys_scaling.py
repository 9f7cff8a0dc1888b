"""Marking-guide points scaled to a question's points add up exactly, in quarter points."""

from __future__ import annotations

import pytest

from lecturer_app.exporters.exam.keys import scaled_points


@pytest.mark.parametrize("total, parts", [
    (4.0, [0.5, 0.75, 0.5, 0.5, 0.75]),
    (3.0, [1.0, 1.0, 1.0]),
    (2.0, [1.0, 1.0, 1.0]),
    (1.5, [2.0, 1.0]),
    (10.0, [1.0] * 7),
])
def test_the_scaled_points_add_up_to_the_question_and_are_quarter_points(total, parts):
    shares = scaled_points(total, parts)
    assert sum(shares) == pytest.approx(total, abs=1e-9)
    assert all(abs(share / 0.25 - round(share / 0.25)) < 1e-9 for share in shares)


def test_a_rubric_already_matching_the_question_keeps_its_points():
    assert scaled_points(3.0, [0.5, 1.0, 1.5]) == [0.5, 1.0, 1.5]


def test_bigger_rubric_items_keep_the_bigger_share():
    shares = scaled_points(4.0, [0.5, 0.75, 0.5, 0.5, 0.75])
    assert shares[1] >= shares[0] and shares[4] >= shares[3]


def test_points_that_are_not_quarters_are_split_in_hundredths():
    shares = scaled_points(1.1, [1.0, 1.0, 1.0])
    assert sum(shares) == pytest.approx(1.1) and sorted(shares) == [0.36, 0.37, 0.37]


def test_a_rubric_without_weights_is_split_evenly():
    assert scaled_points(2.0, [0.0, 0.0]) == [1.0, 1.0]


@pytest.mark.parametrize("total, parts, expected", [
    (0.5, [1.0, 1.0, 1.0], [0.17, 0.17, 0.16]),
    (6.0, [1.0] * 30, [0.2] * 30),
    (1.0, [3.0, 0.1], [0.97, 0.03]),
])
def test_no_weighed_item_is_left_worth_nothing_by_quarter_points(total, parts, expected):
    """Quarters would give some ý 0 points (0,25 + 0,25 + 0): hundredths are used instead."""
    shares = scaled_points(total, parts)
    assert shares == expected and sum(shares) == pytest.approx(total, abs=1e-9)


def test_an_item_the_rubric_weighs_at_zero_stays_at_zero_in_quarters():
    assert scaled_points(1.0, [1.0, 0.0, 1.0]) == [0.5, 0.0, 0.5]
