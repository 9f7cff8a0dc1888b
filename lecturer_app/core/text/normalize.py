"""Vietnamese text at the boundaries: NFC normalisation and one folding function.

Every string that enters the store passes through :func:`nfc`, which also
drops the control characters XML 1.0 cannot hold (:func:`xml_safe`): one such
character (a NUL, Excel's ``_x000B_``, a form feed) would otherwise make every
DOCX, XLSX and Moodle XML export of the bank fail.  Search and
duplicate detection compare :func:`fold` keys, which drop tones and marks and
map đ/Đ to d (U+0111 has no decomposition, so Unicode alone never folds it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Every combining-mark block; a regex pass is much faster than a per-character
# unicodedata.combining() test on long texts.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _ascii_with_marks() -> str:
    """The Latin letters (Vietnamese's among them) whose NFD is an ASCII letter and marks U+0300–U+036F."""
    letters = []
    for point in [*range(0x80, 0x250), *range(0x1E00, 0x1F00)]:
        parts = unicodedata.normalize("NFD", chr(point))
        if len(parts) > 1 and parts[0].isascii() and all("\u0300" <= mark <= "\u036f" for mark in parts[1:]):
            letters.append(chr(point))
    return "".join(letters)


# Text holding only ASCII and those letters is, in NFD, ASCII and marks of _COMBINING: dropping every
# non-ASCII character then drops exactly the marks, in one C pass (half of fold's time on Vietnamese).
_NOT_ASCII_WITH_MARKS = re.compile("[^\x00-\x7f" + _ascii_with_marks() + "]")

# Old-style ("hòa", "thủy") and new-style ("hoà", "thuỷ") tone placement both
# occur in real documents.  The index keeps one spelling so an exact-accent
# query finds either.  Only open syllables ending in oa/oe/uy differ.  In NFD
# a vowel's marks follow it (dot below before circumflex in "luật"), so a
# syllable only ends where no letter and no further mark follows.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OPEN_SYLLABLE = re.compile(
    r"([oOuU])([" + _TONE_MARKS + r"]?)([aAeEyY])([" + _TONE_MARKS + r"]?)(?![^\W\d_]|[\u0300-\u036f])"
)


_NEW_STYLE_TONE = re.compile("[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?![^\\W\\d_])")


# What XML 1.0 cannot hold: C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What canonical JSON (core/store/canonical.py) writes for any of those: an escaped control character
# (\b, \f, \u00XX) or the character itself.  A literal backslash before b, f or u matches too: harmless.
_JSON_ESCAPED_ILLEGAL = re.compile(r"\\[bfu]")
_JSON_RAW_ILLEGAL = re.compile("[\ud800-\udfff\ufffe\uffff]")
# A vertical tab is Word's and Excel's line break inside a cell or paragraph; a form feed a page break.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def nfc(value: str) -> str:
    """Return *value* in Unicode NFC (precomposed) form, without characters XML cannot hold."""
    if value.isprintable():  # xml_safe's first test, here: most texts skip its call (an import makes 130,000)
        return unicodedata.normalize("NFC", value)
    return unicodedata.normalize("NFC", xml_safe(value))


def xml_safe(value: str) -> str:
    """*value* with the characters XML 1.0 cannot hold removed (VT and FF become line breaks)."""
    # isprintable() is three times faster than the search and true for most one-line texts.
    if value.isprintable() or not _XML_ILLEGAL.search(value):
        return value
    return _XML_ILLEGAL.sub("", value.translate(_LINE_BREAKS))


def xml_illegal_count(value: str) -> int:
    """How many characters of *value* :func:`xml_safe` changes (for import reports)."""
    return len(_XML_ILLEGAL.findall(value))


# Exact types that hold no text and no other value (not their subclasses: an IntEnum is walked as before).
_NO_TEXT = frozenset({int, float, bool, type(None)})


def scrub_xml_illegal(value: Any, _seen: set[int] | None = None) -> int:
    """Make every string inside *value* (dataclasses, lists, dicts) XML-safe in place; returns how many changed.

    For text that reached the store before :func:`nfc` cleaned it: writers
    scrub what they are about to write instead of failing half-way.  Exports
    call it for every question, so scalars are skipped without a call and
    a dataclass's attributes are read from its ``__dict__`` (issue #16: the
    walk was 40 % of a Moodle XML export).  An object met again is not walked
    again (an exam's 24 versions share their questions: a third of the walks
    of a build were repeats); once scrubbed it has nothing left to change.
    """
    seen = set() if _seen is None else _seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    elif hasattr(type(value), "__dataclass_fields__"):
        items = vars(value).items() if hasattr(value, "__dict__") else \
            [(name, getattr(value, name)) for name in type(value).__dataclass_fields__]
    else:
        return 0
    changed, fixes = 0, []
    for key, item in items:
        kind = type(item)
        if kind in _NO_TEXT:  # numbers and None, tested first: a build walks 24 versions' option orders
            continue
        if kind is str or isinstance(item, str):
            if not item.isprintable() and _XML_ILLEGAL.search(item):
                fixes.append((key, xml_safe(item)))
        elif item and (isinstance(item, (dict, list)) or hasattr(kind, "__dataclass_fields__")):
            changed += scrub_xml_illegal(item, seen)
    for key, text in fixes:
        if isinstance(value, (dict, list)):
            value[key] = text
        else:
            object.__setattr__(value, key, text)  # frozen dataclasses too
    return changed + len(fixes)


def json_may_hold_xml_illegal(text: str) -> bool:
    """False when the JSON *text* surely decodes to strings XML can hold (one C-speed search).

    Lets a bulk read scrub only the few records that need it (:class:`XmlSafe`).  Two cheap tests first:
    the escapes need a backslash, and the raw characters (surrogates, U+FFFE, U+FFFF) are not printable;
    a regular-expression search of every body of a bank was a tenth of an export (issue #16).
    """
    if "\\" in text and _JSON_ESCAPED_ILLEGAL.search(text):
        return True
    return not text.isprintable() and _JSON_RAW_ILLEGAL.search(text) is not None


class XmlSafe(Generic[T]):
    """Records whose every string is already XML-safe, as an iterable: writers need not walk them again.

    Made by the bulk readers that checked each record's stored JSON
    (:func:`json_may_hold_xml_illegal`) and scrubbed the few that needed it;
    walking every string of every question was a fifth of an export (issue #16).
    """

    def __init__(self, records: Iterable[T]) -> None:
        self._records = records

    def __iter__(self) -> Iterator[T]:
        return iter(self._records)


def nfc_deep(value: Any) -> Any:
    """NFC-normalise every string inside nested lists and dicts (keys included)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_deep(item) for item in value]
    if isinstance(value, tuple):
        return [nfc_deep(item) for item in value]
    if isinstance(value, dict):
        return {nfc(str(k)): nfc_deep(v) for k, v in value.items()}
    return value


def fold(value: str) -> str:
    """Fold *value* for accent-insensitive comparison.

    NFD, drop combining marks, map đ/Đ to d/D, casefold: "Đảng" → "dang",
    "Chuyển đổi số" → "chuyen doi so".
    """
    # str.replace is several times faster than translate() with a mapping.
    value = value.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    if _NOT_ASCII_WITH_MARKS.search(value) is None:  # the usual case (see _NOT_ASCII_WITH_MARKS)
        return decomposed.encode("ascii", "ignore").decode("ascii").casefold()
    return _COMBINING.sub("", decomposed).casefold()


# Between texts folded together: ASCII, so folding keeps it, and never in stored text (nfc drops it).
FOLD_SEPARATOR = "\x1f"


def fold_joined(joined: str, count: int) -> str | None:
    """``fold(joined)``, *joined* being *count* texts joined by FOLD_SEPARATOR, when it splits back into their folds.

    Folding goes character by character, and the separator is a character
    of its own (a starter: no mark moves across it), so the joined text
    folds into the folded texts joined.  None when a text held the separator
    itself: the caller then folds text by text.
    """
    folded = fold(joined)
    return folded if folded.count(FOLD_SEPARATOR) == count - 1 else None


def fold_each(texts: Sequence[str]) -> list[str]:
    """``[fold(t) for t in texts]`` in one call over the texts joined (a question's options, say)."""
    folded = fold_joined(FOLD_SEPARATOR.join(texts), len(texts)) if len(texts) > 1 else None
    return [fold(text) for text in texts] if folded is None else folded.split(FOLD_SEPARATOR)


def fold_with_positions(value: str) -> tuple[str, list[int]]:
    """Fold *value* and return, for every folded character, its index in *value*.

    Lets a match found in the folded text be marked in the original text.
    """
    folded = fold(value)
    if len(folded) == len(value) and not _COMBINING.search(value):
        # No loose marks to vanish, so no character expanded either: the
        # usual NFC case, where folded index i is original index i.
        return folded, list(range(len(value)))
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(value):
        folded = fold(char)
        out.append(folded)
        positions.extend([index] * len(folded))
    return "".join(out), positions


def normalize_tone_placement(value: str) -> str:
    """Put the tone of open oa/oe/uy syllables on the first vowel ("hoà" → "hòa").

    "qu" + y keeps its tone on y ("quý"): the u there is part of the consonant.
    """
    return _placed_tones(nfc(value))


def _placed_tones(value: str) -> str:
    """:func:`normalize_tone_placement` of a value already in NFC and XML-safe (:func:`nfc`)."""
    if not _NEW_STYLE_TONE.search(value):
        # Only a plain o/u before a toned a/e/y ending a word can move.
        return value
    decomposed = unicodedata.normalize("NFD", value)

    def move(match: re.Match[str]) -> str:
        first, tone1, second, tone2 = match.groups()
        start = match.start()
        if first in "uU" and start > 0 and decomposed[start - 1] in "qQ":
            return match.group(0)
        tone = tone1 or tone2
        return f"{first}{tone}{second}"

    return nfc(_OPEN_SYLLABLE.sub(move, decomposed))


def search_form(value: str) -> str:
    """The exact-accent form stored in the index: NFC, tone placement unified."""
    return _placed_tones(nfc(value))  # nfc once: the full-text index forms two of these per question
