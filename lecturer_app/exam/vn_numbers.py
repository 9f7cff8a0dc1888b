"""Numbers the Vietnamese way: decimal comma and scores in words ("8,5 – Tám phẩy năm")."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


@lru_cache(maxsize=4096)
def decimal_comma(value: float, places: int = 2, *, keep: int = 1) -> str:
    """``0.25`` → "0,25", ``4`` → "4,0", ``8.5`` → "8,5".

    Trailing zeros beyond *keep* decimals are dropped, so points read as
    teachers write them.
    """
    # Half up, as a teacher rounds (7,125 → 7,13); Python's round() goes half to even (7,12).
    exact = Decimal(repr(value + 0.0)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{exact:.{places}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    frac = frac.ljust(keep, "0")
    return f"{whole},{frac}" if frac else whole


def _integer_words(number: int) -> str:
    if number < 10:
        return _DIGITS[number]
    if number == 10:
        return "mười"
    tens, unit = divmod(number, 10)
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 5:
        return f"{head} lăm"
    if unit == 1 and tens > 1:
        return f"{head} mốt"
    return f"{head} {_DIGITS[unit]}"


def score_in_words(value: float) -> str:
    """A score up to 100 with two decimals in words: 8.25 → "Tám phẩy hai mươi lăm"."""
    text = decimal_comma(value, 2, keep=0)
    whole, _, frac = text.partition(",")
    words = _integer_words(int(whole))
    if frac:
        frac_words = _DIGITS[int(frac)] if len(frac) == 1 else (
            "không " + _DIGITS[int(frac[1])] if frac[0] == "0" else _integer_words(int(frac)))
        words += f" phẩy {frac_words}"
    return words[:1].upper() + words[1:]


def parse_decimal(text: str) -> float | None:
    """"8,5" or "8.5" → 8.5; blank → None; raises ValueError on other text."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    number = float(cleaned.replace(",", "."))
    # float() takes "nan" and "inf" (and 1e400 overflows to inf): none of them is a mark, and a NaN
    # total would slip past every range check (nan > 10 is False).
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {text!r}")
    return number
