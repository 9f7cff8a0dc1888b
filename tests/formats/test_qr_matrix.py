"""The answer sheet's QR code made without segno has segno's modules, and reads back."""

from __future__ import annotations

import random

import pytest
import segno

from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.formats.qr_matrix import qr_matrix


def _segno(text: str, level: str = "m") -> list[list[int]]:
    return [list(row) for row in segno.make(text, error=level, micro=False).matrix]


def test_the_answer_sheet_payload_gives_segnos_modules():
    for pages, questions in ((1, 40), (3, 120), (12, 999)):
        payload = L.qr_payload(L.SheetCode("0190b2a4-1234-7abc-8def-0123456789ab", 1, pages, questions, 4))
        assert qr_matrix(payload, "M") == _segno(payload)


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_every_version_up_to_ten_matches_segno(level):
    rng = random.Random(level)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-|/ĐÁÔạ"
    for length in range(1, 200, 7):
        text = "|" + "".join(rng.choice(alphabet) for _ in range(length - 1))
        mine = qr_matrix(text, level)
        if mine is not None:
            assert mine == _segno(text, level.lower()), (level, length)


def test_text_too_long_for_version_ten_is_left_to_segno():
    assert qr_matrix("|" + "x" * 400, "M") is None
