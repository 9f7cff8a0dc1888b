"""Converting pre-Unicode Vietnamese text (TCVN3/ABC and VNI font hacks) to Unicode.

Before Unicode, Vietnamese documents stored ordinary cp1252/Latin-1 code points
and drew them with special fonts (design card §4.2).  Read as Unicode, such
text looks like "§¶ng Céng s¶n ViÖt Nam" (TCVN3) or "Ñaûng Coäng saûn Vieät
Nam" (VNI); both mean "Đảng Cộng sản Việt Nam".

* **TCVN3 (ABC)**, fonts ``.VnTime``, ``.VnArial``…: one code point per letter.
  This is the VN3 subset of TCVN 5712:1993: every lower-case letter in every
  tone plus the capitals Ă Â Ê Ô Ơ Ư Đ.  Capitals with a tone exist only
  through the ``…H`` fonts (``.VnTimeH``), which draw the lower-case codes as
  capitals, so text in those fonts is upper-cased after conversion.  Note that
  ư is U+00AD (soft hyphen): never strip soft hyphens before converting.
* **VNI**, fonts ``VNI-Times``, ``VNI-Helve``…: the base letter is followed by
  separate mark code points ("Vieät" = "Việt"); ơ, ư, đ, the toned i and ỵ are
  single code points.

Sources of the tables (read from public code, re-typed here as hex escapes):

* TCVN3: ``src/charsets.ts`` of the npm package ``vietnamese-conversion``
  (github.com/duydev/vietnamese-conversion), cross-checked code by code against
  the TCVN 5712 (VN1) table of X11, ``xc/extras/X-TrueType/TCVN/TCVNtoUCS2.c``
  (as kept in apple-open-source/macos; the same table is libX11's
  ``lcUniConv/tcvn.h``).  VN3 is the part of VN1 between 0xA1 and 0xFE that
  holds lower-case letters and the seven toneless capitals.
* VNI: the same ``charsets.ts``, cross-checked against ``vni.h`` of xvnkb
  (github.com/lamdao/xvnkb, © Dao Hai Lam, VISC).

Detection without font names (:func:`detect`) scores words: a word counts for
an encoding when converting it gives a well-formed Vietnamese syllable, and
strongly so when it carries a sign that ordinary Unicode text does not have
(a symbol such as "§" or "¶" inside a TCVN3 word, a capital "Ö" after a small
letter, a VNI vowel-plus-mark pair such as "eä").  Words with letters beyond
Latin-1 (ă, ơ, ư, ạ…) count against every legacy encoding.  When unsure the
answer is None: a wrongly "converted" Unicode text is worse than a legacy run
left for the user to convert by hand.
"""

from __future__ import annotations

import enum
import re
import unicodedata


class LegacyEncoding(enum.Enum):
    """A pre-Unicode Vietnamese font encoding; the value is its display name."""

    TCVN3 = "TCVN3 (ABC)"
    VNI = "VNI"


# Combining tone marks in the order the legacy tables list them:
# huyền (grave), hỏi (hook above), ngã (tilde), sắc (acute), nặng (dot below).
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")

# --- TCVN3 (ABC) ---------------------------------------------------------
# For each toneless vowel: its codes with the tones huyền, hỏi, ngã, sắc, nặng.
_TCVN3_TONED_CODES: dict[str, str] = {
    "a": "\xb5\xb6\xb7\xb8\xb9",
    "ă": "\xbb\xbc\xbd\xbe\xc6",
    "â": "\xc7\xc8\xc9\xca\xcb",
    "e": "\xcc\xce\xcf\xd0\xd1",
    "ê": "\xd2\xd3\xd4\xd5\xd6",
    "i": "\xd7\xd8\xdc\xdd\xde",
    "o": "\xdf\xe1\xe2\xe3\xe4",
    "ô": "\xe5\xe6\xe7\xe8\xe9",
    "ơ": "\xea\xeb\xec\xed\xee",
    "u": "\xef\xf1\xf2\xf3\xf4",
    "ư": "\xf5\xf6\xf7\xf8\xf9",
    "y": "\xfa\xfb\xfc\xfd\xfe",
}
# Toneless letters that are not ASCII (ư is the soft hyphen U+00AD).
_TCVN3_PLAIN_CODES: dict[str, str] = {
    "ă": "\xa8", "â": "\xa9", "ê": "\xaa", "ô": "\xab", "ơ": "\xac", "ư": "\xad", "đ": "\xae",
    "Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7",
}

# --- VNI -----------------------------------------------------------------
# Mark code points that follow the base letter (lower-case forms; the
# capital forms are the same letters upper-cased, i.e. 0x20 lower).
_VNI_TONE_MARKS = "\xf8\xfb\xf5\xf9\xef"       # huyền hỏi ngã sắc nặng
_VNI_CIRCUMFLEX = "\xe2"                        # â ê ô
_VNI_CIRCUMFLEX_TONED = "\xe0\xe5\xe3\xe1\xe4"  # circumflex + tone
_VNI_BREVE = "\xea"                             # ă
_VNI_BREVE_TONED = "\xe8\xfa\xfc\xe9\xeb"       # breve + tone
# For each toneless Unicode vowel: (toneless VNI spelling, five toned spellings).
_VNI_VOWELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "a": ("a", tuple("a" + m for m in _VNI_TONE_MARKS)),
    "ă": ("a" + _VNI_BREVE, tuple("a" + m for m in _VNI_BREVE_TONED)),
    "â": ("a" + _VNI_CIRCUMFLEX, tuple("a" + m for m in _VNI_CIRCUMFLEX_TONED)),
    "e": ("e", tuple("e" + m for m in _VNI_TONE_MARKS)),
    "ê": ("e" + _VNI_CIRCUMFLEX, tuple("e" + m for m in _VNI_CIRCUMFLEX_TONED)),
    "i": ("i", ("\xec", "\xe6", "\xf3", "\xed", "\xf2")),
    "o": ("o", tuple("o" + m for m in _VNI_TONE_MARKS)),
    "ô": ("o" + _VNI_CIRCUMFLEX, tuple("o" + m for m in _VNI_CIRCUMFLEX_TONED)),
    "ơ": ("\xf4", tuple("\xf4" + m for m in _VNI_TONE_MARKS)),
    "u": ("u", tuple("u" + m for m in _VNI_TONE_MARKS)),
    "ư": ("\xf6", tuple("\xf6" + m for m in _VNI_TONE_MARKS)),
    "y": ("y", ("y\xf8", "y\xfb", "y\xf5", "y\xf9", "\xee")),
}
_VNI_D_BAR = "\xf1"  # đ
_VNI_MARK_CODES = _VNI_TONE_MARKS + _VNI_CIRCUMFLEX + _VNI_CIRCUMFLEX_TONED + _VNI_BREVE + _VNI_BREVE_TONED
_VNI_MARKS = frozenset(_VNI_MARK_CODES + _VNI_MARK_CODES.upper())
# Vowel + mark pairs that also occur in Unicode words: French/Spanish ("où",
# "goût", "naïf", "aún") and Vietnamese written with the tone on the a of oa
# ("hoàn", "toán", "hoãn").  A word whose only VNI sign is one of these is
# weak evidence.
_VNI_AMBIGUOUS_PAIRS = frozenset({
    "o\xf9", "o\xfb", "a\xfb", "e\xfb", "u\xfb", "a\xef", "o\xef", "u\xef", "e\xef", "a\xfa", "o\xfa",
    "o\xe0", "o\xe1", "o\xe3",
})

# --- Syllable shape, used by detection ------------------------------------
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
# Vowel groups: those ending in a glide take no final consonant, some must
# have one (ă, â, iê, uô, ươ…), the rest may.
_OPEN_NUCLEI = (
    "iêu|yêu|oai|oay|oao|oeo|uây|uôi|uya|uyu|ươi|ươu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu"
)
_BOUND_NUCLEI = "uyê|oo|oă|uâ|uô|ươ|iê|yê|ă|â"
_FREE_NUCLEI = "oa|oe|uê|uơ|uy|a|e|ê|i|o|ô|ơ|u|ư|y"
_FINALS = "ch|ng|nh|[cmnpt]"
_SYLLABLE = re.compile(
    f"(?:{_INITIALS})?(?:(?:{_OPEN_NUCLEI})|(?:{_FREE_NUCLEI})(?:{_FINALS})?|(?:{_BOUND_NUCLEI})(?:{_FINALS}))"
)
# Words are split at white space, ASCII punctuation and the General
# Punctuation block (curly quotes, dashes).  Not at U+00AD: that is TCVN3 ư.
_WORD_SEPARATORS = re.compile(r"[\s!-/:-@\[-`{-~\u2000-\u206f]+")
# TCVN3 codes that are symbols, not letters, when read as Latin-1.
_TCVN3_SYMBOL_RANGE = re.compile("[\xa1-\xbf\xd7\xf7]")

_STRONG = 2
_WEAK = 1
_NEUTRAL = 0
_AGAINST = -1


def _with_tone(letter: str, tone: str) -> str:
    """Return the NFC letter *letter* carrying the combining *tone*."""
    return unicodedata.normalize("NFC", letter + tone)


def _tcvn3_decode_table() -> dict[str, str]:
    """Build the TCVN3 code → Unicode letter table (74 entries)."""
    table = {code: letter for letter, code in _TCVN3_PLAIN_CODES.items()}
    for vowel, codes in _TCVN3_TONED_CODES.items():
        for tone, code in zip(_TONES, codes, strict=True):
            table[code] = _with_tone(vowel, tone)
    return table


def _vni_encode_table() -> dict[str, str]:
    """Build the Unicode letter → canonical VNI spelling table: every Vietnamese vowel and đ, both cases."""
    table = {"đ": _VNI_D_BAR}
    for vowel, (plain, toned) in _VNI_VOWELS.items():
        table[vowel] = plain
        for tone, spelling in zip(_TONES, toned, strict=True):
            table[_with_tone(vowel, tone)] = spelling
    table.update({letter.upper(): spelling.upper() for letter, spelling in list(table.items())})
    return table


def _vni_decode_table() -> dict[str, str]:
    """Build the VNI spelling → Unicode table (spellings that are not the letter itself).

    Besides the canonical spellings, a base letter followed by a mark of the
    other case ("Aù", "aÙ") is accepted; the letter's case decides the result.
    """
    table: dict[str, str] = {}
    for letter, spelling in _vni_encode_table().items():
        if spelling == letter:
            continue
        table[spelling] = letter
        if len(spelling) == 2:
            table[spelling[0] + spelling[1].swapcase()] = letter
    return table


_TCVN3_TO_UNICODE: dict[str, str] = _tcvn3_decode_table()
_UNICODE_TO_TCVN3: dict[str, str] = {letter: code for code, letter in _TCVN3_TO_UNICODE.items()}
_TCVN3_TRANSLATION: dict[int, str] = {ord(code): letter for code, letter in _TCVN3_TO_UNICODE.items()}
_UNICODE_TO_VNI: dict[str, str] = _vni_encode_table()
_VNI_TO_UNICODE: dict[str, str] = _vni_decode_table()
_VNI_PATTERN = re.compile(
    "|".join(re.escape(key) for key in sorted(_VNI_TO_UNICODE, key=len, reverse=True))
)
_CODE_CHARS: dict[LegacyEncoding, frozenset[str]] = {
    LegacyEncoding.TCVN3: frozenset(_TCVN3_TO_UNICODE),
    # í and ì are VNI codes that read as themselves.
    LegacyEncoding.VNI: (frozenset("".join(_VNI_TO_UNICODE)) - frozenset("aeiouyAEIOUY")) | frozenset("íìÍÌ"),
}
_VIETNAMESE_LETTERS: frozenset[str] = frozenset(_UNICODE_TO_VNI)


# --- Fonts ---------------------------------------------------------------


def encoding_for_font(font_name: str | None) -> LegacyEncoding | None:
    """Return the legacy encoding a font name implies, if any.

    Args:
        font_name: A font name from a run (``w:rFonts``, ``a:latin``), or None.

    Returns:
        TCVN3 for ``.Vn…`` fonts (``.VnTime``, ``.VnArialH``), VNI for
        ``VNI-…``/``VNI …`` fonts (``VNI-Times``), otherwise None.  Case is
        ignored.
    """
    if not font_name:
        return None
    folded = font_name.strip().casefold()
    if folded.startswith(".vn"):
        return LegacyEncoding.TCVN3
    if folded.startswith(("vni-", "vni ")):
        return LegacyEncoding.VNI
    return None


def is_upper_font(font_name: str | None) -> bool:
    """Tell whether a font draws lower-case codes as capitals (TCVN3 ``…H`` fonts).

    Args:
        font_name: A font name, or None.

    Returns:
        True for TCVN3 fonts whose name ends in a capital H (``.VnTimeH``,
        ``.VnArialH``): their text must be upper-cased after conversion.
    """
    return (
        font_name is not None
        and encoding_for_font(font_name) is LegacyEncoding.TCVN3
        and font_name.strip().endswith("H")
    )


# --- Conversion ----------------------------------------------------------


def convert(text: str, encoding: LegacyEncoding, *, upper: bool = False) -> str:
    """Convert legacy-encoded text to Unicode NFC.

    Characters that are not codes of the encoding (ASCII, digits, dashes)
    pass through unchanged.  Soft hyphens must still be in *text*: in TCVN3
    they are the letter ư.

    Args:
        text: The text as read from the document (cp1252/Latin-1 code points).
        encoding: The legacy encoding the text's font implies.
        upper: Upper-case the result, for TCVN3 ``…H`` fonts (see
            :func:`is_upper_font`).

    Returns:
        The Unicode text in NFC.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding is LegacyEncoding.TCVN3:
        result = text.translate(_TCVN3_TRANSLATION)
    else:
        result = _VNI_PATTERN.sub(lambda match: _VNI_TO_UNICODE[match.group()], text)
    if upper:
        result = result.upper()
    return unicodedata.normalize("NFC", result)


def encode(unicode_text: str, encoding: LegacyEncoding, *, upper_font: bool = False) -> str:
    """Write Unicode text in a legacy encoding: the inverse of :func:`convert`.

    Useful to build legacy documents for tests.  Characters that are neither
    Vietnamese letters nor codes of the encoding pass through unchanged.

    Args:
        unicode_text: Unicode text (any normal form).
        encoding: The legacy encoding to write.
        upper_font: Write for a TCVN3 ``…H`` font: the text is lower-cased
            first, so ``convert(result, encoding, upper=True)`` gives back the
            upper-cased text.

    Returns:
        The legacy text, such that ``convert(result, encoding) == NFC(text)``.

    Raises:
        ValueError: A character cannot be written: a capital with a tone in
            TCVN3 (use ``upper_font``), or a character that is itself a code
            of the encoding (such as "§" in TCVN3 or "ñ" in VNI) and would be
            read back as a Vietnamese letter.
    """
    text = unicodedata.normalize("NFC", unicode_text)
    if upper_font:
        text = text.lower()
    table = _UNICODE_TO_TCVN3 if encoding is LegacyEncoding.TCVN3 else _UNICODE_TO_VNI
    return "".join(_encode_char(char, table, encoding) for char in text)


def _encode_char(char: str, table: dict[str, str], encoding: LegacyEncoding) -> str:
    """Encode one NFC character with *table*, refusing characters that cannot round-trip."""
    if char in table:
        return table[char]
    if char in _VIETNAMESE_LETTERS and not char.isascii():
        raise ValueError(
            f"{char!r} has no code in {encoding.value}; capitals with tones need an upper-case "
            "font (encode the text with upper_font=True)"
        )
    if char in _CODE_CHARS[encoding]:
        raise ValueError(f"{char!r} is a code of {encoding.value} and would read back as another letter")
    return char


# --- Detection -----------------------------------------------------------


def detect(text: str) -> LegacyEncoding | None:
    """Guess the legacy encoding of plain text that has no font information.

    Each word with non-ASCII letters is scored for each encoding (see the
    module docstring).  An encoding is chosen when at least one word carries
    a strong sign of it and its supporting words outnumber the words against
    it at least two to one.  A tie between the encodings gives None.

    Args:
        text: Text as read, possibly Unicode, possibly legacy.

    Returns:
        The detected encoding, or None for Unicode text (including ASCII and
        ordinary French or German text) and whenever the evidence is thin.
    """
    words = [word for word in _WORD_SEPARATORS.split(unicodedata.normalize("NFC", text))
             if word and not word.isascii()]
    beyond = [_has_letters_beyond_latin1(word) for word in words]  # once a word: a sheet's sample is 300 rows
    unicode_words = sum(beyond)
    legacy_words = [word for word, unicode_word in zip(words, beyond, strict=True) if not unicode_word]
    if len(legacy_words) < 2 * unicode_words:
        # Each legacy word adds at most one to an encoding's support and each Unicode word counts against it,
        # so no encoding can score (see _encoding_score): Unicode text, the usual case, told without scoring.
        return None
    scores = {
        encoding: _encoding_score(legacy_words, unicode_words, encoding) for encoding in LegacyEncoding
    }
    candidates = sorted((score, encoding.name) for encoding, score in scores.items() if score > 0)
    if not candidates or (len(candidates) > 1 and candidates[-1][0] == candidates[-2][0]):
        return None
    return LegacyEncoding[candidates[-1][1]]


def convert_auto(text: str) -> tuple[str, LegacyEncoding | None]:
    """Detect the legacy encoding of *text* and convert it.

    Args:
        text: Plain text without font information.

    Returns:
        The converted NFC text and the encoding found, or *text* unchanged and
        None when no legacy encoding was detected.
    """
    encoding = detect(text)
    if encoding is None:
        return text, None
    return convert(text, encoding), encoding


def _encoding_score(words: list[str], unicode_words: int, encoding: LegacyEncoding) -> int:
    """Score the words for *encoding*: 0 when it is not detected, else 2·strong + weak."""
    evidence = [_word_evidence(word, encoding) for word in words]
    strong = evidence.count(_STRONG)
    weak = evidence.count(_WEAK)
    against = evidence.count(_AGAINST) + unicode_words
    if strong + weak < 2 * against:
        return 0
    if strong == 0:
        return 0
    return 2 * strong + weak


def _word_evidence(word: str, encoding: LegacyEncoding) -> int:
    """Rate one Latin-1 word as evidence for *encoding* (strong, weak, neutral or against)."""
    codes = _CODE_CHARS[encoding]
    if any(not char.isascii() and char not in codes for char in word):
        return _AGAINST
    converted = convert(word, encoding)
    if not _is_syllable(converted):
        return _AGAINST
    if converted == word:
        return _NEUTRAL
    if encoding is LegacyEncoding.TCVN3:
        return _STRONG if _has_tcvn3_sign(word) else _WEAK
    return _STRONG if _has_vni_sign(word) else _WEAK


def _has_letters_beyond_latin1(word: str) -> bool:
    """Tell whether *word* has a letter no legacy text can contain (ă, ơ, ư, ạ, Œ…)."""
    return any(ord(char) > 0xFF and char.isalpha() for char in word)


def _has_tcvn3_sign(word: str) -> bool:
    """Tell whether a TCVN3 word shows a sign Unicode text does not have.

    Signs: two codes in one word, a symbol code ("§", "¶", "¸", soft
    hyphen…) next to small ASCII letters ("s¶n", not "§I"), or letters whose
    case is mixed as no Unicode word's is: a Latin-1 capital after a small
    letter ("ViÖt"), or a small Latin-1 letter among ASCII capitals ("HéI",
    typed in capitals with a font that has no toned capitals).
    """
    codes = [char for char in word if char in _CODE_CHARS[LegacyEncoding.TCVN3]]
    if len(codes) >= 2:
        return True
    ascii_letters = [char for char in word if char.isascii() and char.isalpha()]
    if _TCVN3_SYMBOL_RANGE.search(word) and any(char.islower() for char in ascii_letters):
        return True
    if len(ascii_letters) >= 2 and all(char.isupper() for char in ascii_letters) and any(
            char.islower() for char in codes):
        return True
    return any(prev.islower() and not char.isascii() and char.isupper() for prev, char in zip(word, word[1:]))


def _has_vni_sign(word: str) -> bool:
    """Tell whether a VNI word has a vowel-and-mark pair not found in Western words."""
    pairs = [
        prev + char for prev, char in zip(word, word[1:])
        if char in _VNI_MARKS and prev + char in _VNI_TO_UNICODE
    ]
    return len(pairs) >= 2 or any(pair.lower() not in _VNI_AMBIGUOUS_PAIRS for pair in pairs)


def _is_syllable(word: str) -> bool:
    """Tell whether a Unicode word has the shape of one Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(decomposed.count(tone) for tone in _TONES) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(toneless) is not None
