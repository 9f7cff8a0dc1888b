"""Vietnamese sort order without ICU (domain.md §4.4).

CLDR orders the Vietnamese alphabet a < ă < â < b < c < d < đ < e < ê < … <
o < ô < ơ < … < u < ư < …; tones are a secondary difference ranked ngang <
huyền < hỏi < ngã < sắc < nặng, and case a tertiary one (lower case first).
``collation_key`` turns a string into a tuple that Python compares in that
order; ``name_sort_key`` sorts class lists by tên (the last word), then họ đệm.

PyICU would give the same order but needs the ICU C library and a compiler on
every user's machine, which a pure-Python key of forty lines avoids.
"""

from __future__ import annotations

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET, start=1)}

# Combining tone marks in their secondary order (ngang = no mark = 0).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SPACE_RANK = 0
_OTHER_BASE = 1000

Key = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _split_char(char: str) -> tuple[str, int]:
    """(letter without tone, tone rank) of one lower-case character."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = 0
    kept = []
    for mark in decomposed:
        if mark in _TONES:
            tone = _TONES[mark]
        else:
            kept.append(mark)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _primary(letter: str) -> int:
    if letter.isspace():
        return _SPACE_RANK
    rank = _LETTER_RANK.get(letter)
    if rank is not None:
        return rank + 100
    if letter.isdigit():
        return 10 + int(letter) if letter in "0123456789" else _OTHER_BASE
    return _OTHER_BASE + ord(letter[0])


def collation_key(text: str) -> Key:
    """A sort key giving Vietnamese dictionary order for *text*."""
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for char in unicodedata.normalize("NFC", text.strip()):
        lower = char.lower()
        letter, tone = _split_char(lower)
        for part in letter or lower:
            primary.append(_primary(part))
        secondary.append(tone)
        tertiary.append(0 if char == lower else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def split_name(full_name: str) -> tuple[str, str]:
    """(họ đệm, tên): the last word is the given name (tên)."""
    words = unicodedata.normalize("NFC", full_name).split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def name_sort_key(full_name: str) -> tuple[Key, Key, Key]:
    """Class-list order: by tên, then họ đệm, then the whole name."""
    ho_dem, ten = split_name(full_name)
    return collation_key(ten), collation_key(ho_dem), collation_key(full_name)
