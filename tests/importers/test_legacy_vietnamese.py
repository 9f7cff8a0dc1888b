"""Specification of the TCVN3 (ABC) and VNI converters (design card §4.2).

Legacy strings are written with the characters they are stored as (cp1252 /
Latin-1 code points); "\\xad" is the soft hyphen, which TCVN3 uses for ư.
"""

from __future__ import annotations

import unicodedata

import pytest

from lecturer_app.importers.legacy_vietnamese import (
    LegacyEncoding,
    convert,
    convert_auto,
    detect,
    encode,
    encoding_for_font,
    is_upper_font,
)

TCVN3 = LegacyEncoding.TCVN3
VNI = LegacyEncoding.VNI


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- The Vietnamese alphabet, built from its parts ------------------------

VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
TONES = {
    "ngang": "",
    "huyền": "\u0300",
    "hỏi": "\u0309",
    "ngã": "\u0303",
    "sắc": "\u0301",
    "nặng": "\u0323",
}
LOWER_LETTERS = [nfc(vowel + tone) for vowel in VOWELS for tone in TONES.values()] + ["đ"]
UPPER_LETTERS = [letter.upper() for letter in LOWER_LETTERS]
# TCVN3 has capitals only for these (and the ASCII vowels); toned capitals
# exist only by drawing lower-case codes with an "…H" font.
TCVN3_CAPITALS = ["A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y", "Đ"]
TCVN3_MISSING_CAPITALS = [letter for letter in UPPER_LETTERS if letter not in TCVN3_CAPITALS]

UNICODE_PARAGRAPH = (
    "Chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh là nền tảng tư tưởng, kim chỉ nam cho hành động "
    "của Đảng. Trường Chính trị tỉnh tổ chức lớp bồi dưỡng kiến thức quốc phòng và an ninh năm 2024; "
    "học viên cần nắm vững quan điểm của Đảng về xây dựng hệ thống chính trị trong sạch, vững mạnh."
)
TCVN3_PARAGRAPH = (
    "Chñ nghÜa M¸c - Lªnin vµ t\xad t\xadëng Hå ChÝ Minh lµ nÒn t¶ng t\xad t\xadëng, kim chØ nam cho hµnh "
    "®éng cña §¶ng. Tr\xadêng ChÝnh trÞ tØnh tæ chøc líp båi d\xadìng kiÕn thøc quèc phßng vµ an ninh n¨m "
    "2024; häc viªn cÇn n¾m v÷ng quan ®iÓm cña §¶ng vÒ x©y dùng hÖ thèng chÝnh trÞ trong s¹ch, v÷ng m¹nh."
)
VNI_PARAGRAPH = (
    "Chuû nghóa Maùc - Leânin vaø tö töôûng Hoà Chí Minh laø neàn taûng tö töôûng, kim chæ nam cho haønh "
    "ñoäng cuûa Ñaûng. Tröôøng Chính trò tænh toå chöùc lôùp boài döôõng kieán thöùc quoác phoøng vaø an "
    "ninh naêm 2024; hoïc vieân caàn naém vöõng quan ñieåm cuûa Ñaûng veà xaây döïng heä thoáng chính trò "
    "trong saïch, vöõng maïnh."
)


def test_the_alphabet_under_test_is_complete() -> None:
    assert len(set(LOWER_LETTERS)) == 12 * 6 + 1
    assert all(len(letter) == 1 for letter in LOWER_LETTERS + UPPER_LETTERS)
    assert len(TCVN3_MISSING_CAPITALS) == 12 * 5


# --- Round trips over the whole alphabet ---------------------------------


@pytest.mark.parametrize("letter", LOWER_LETTERS + UPPER_LETTERS)
def test_vni_round_trips_every_letter_in_both_cases(letter: str) -> None:
    assert convert(encode(letter, VNI), VNI) == letter


@pytest.mark.parametrize("letter", LOWER_LETTERS + TCVN3_CAPITALS)
def test_tcvn3_round_trips_every_letter_it_has(letter: str) -> None:
    assert convert(encode(letter, TCVN3), TCVN3) == letter


@pytest.mark.parametrize("letter", TCVN3_MISSING_CAPITALS)
def test_tcvn3_toned_capitals_need_an_upper_case_font(letter: str) -> None:
    with pytest.raises(ValueError):
        encode(letter, TCVN3)
    written = encode(letter, TCVN3, upper_font=True)
    assert convert(written, TCVN3, upper=True) == letter


def test_tcvn3_gives_every_non_ascii_letter_one_code_point_of_its_own() -> None:
    letters = [letter for letter in LOWER_LETTERS + TCVN3_CAPITALS if not letter.isascii()]
    codes = [encode(letter, TCVN3) for letter in letters]
    assert all(len(code) == 1 and "\xa1" <= code <= "\xfe" for code in codes)
    assert len(set(codes)) == len(letters) == 67 + 7


def test_each_encoding_spells_every_letter_differently() -> None:
    for encoding, letters in ((VNI, LOWER_LETTERS + UPPER_LETTERS), (TCVN3, LOWER_LETTERS + TCVN3_CAPITALS)):
        spellings = {encode(letter, encoding) for letter in letters}
        assert len(spellings) == len(letters)


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_the_whole_alphabet_round_trips_as_one_string(encoding: LegacyEncoding) -> None:
    # Between consonants and run together, so VNI marks must attach to the right letter.
    text = " ".join("t" + letter + "ng" for letter in LOWER_LETTERS) + "".join(LOWER_LETTERS)
    assert convert(encode(text, encoding), encoding) == text


# --- Spot checks against independent published tables --------------------

# TCVN 5712 (VN1) table of X11, xc/extras/X-TrueType/TCVN/TCVNtoUCS2.c
# (= libX11 lcUniConv/tcvn.h): byte → Unicode code point.  TCVN3 (VN3) is the
# lower-case part of it plus the seven toneless capitals.
X11_TCVN_CODES = [
    (0xA1, 0x0102), (0xA2, 0x00C2), (0xA3, 0x00CA), (0xA4, 0x00D4), (0xA5, 0x01A0), (0xA6, 0x01AF),
    (0xA7, 0x0110), (0xA8, 0x0103), (0xA9, 0x00E2), (0xAA, 0x00EA), (0xAB, 0x00F4), (0xAC, 0x01A1),
    (0xAD, 0x01B0), (0xAE, 0x0111), (0xB5, 0x00E0), (0xB6, 0x1EA3), (0xB7, 0x00E3), (0xB8, 0x00E1),
    (0xB9, 0x1EA1), (0xBB, 0x1EB1), (0xBE, 0x1EAF), (0xC6, 0x1EB7), (0xCA, 0x1EA5), (0xCB, 0x1EAD),
    (0xD0, 0x00E9), (0xD5, 0x1EBF), (0xD6, 0x1EC7), (0xDC, 0x0129), (0xDE, 0x1ECB), (0xDF, 0x00F2),
    (0xE1, 0x1ECF), (0xE9, 0x1ED9), (0xED, 0x1EDB), (0xF1, 0x1EE7), (0xF8, 0x1EE9), (0xFC, 0x1EF9),
    (0xFE, 0x1EF5),
]


@pytest.mark.parametrize(("code", "code_point"), X11_TCVN_CODES)
def test_tcvn3_matches_the_x11_tcvn_table(code: int, code_point: int) -> None:
    assert convert(chr(code), TCVN3) == chr(code_point)
    assert encode(chr(code_point), TCVN3) == chr(code)


# VNI spellings from vni.h of xvnkb (github.com/lamdao/xvnkb).
XVNKB_VNI_SPELLINGS = [
    ("aù", "á"), ("aø", "à"), ("aû", "ả"), ("aõ", "ã"), ("aï", "ạ"),
    ("aâ", "â"), ("aá", "ấ"), ("aà", "ầ"), ("aå", "ẩ"), ("aã", "ẫ"), ("aä", "ậ"),
    ("aê", "ă"), ("aé", "ắ"), ("aè", "ằ"), ("aú", "ẳ"), ("aü", "ẵ"), ("aë", "ặ"),
    ("eâ", "ê"), ("eä", "ệ"), ("oâ", "ô"), ("oå", "ổ"),
    ("ô", "ơ"), ("ôù", "ớ"), ("ôï", "ợ"), ("ö", "ư"), ("öø", "ừ"), ("öõ", "ữ"),
    ("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"),
    ("yù", "ý"), ("yõ", "ỹ"), ("î", "ỵ"), ("ñ", "đ"),
    ("Ñ", "Đ"), ("AÙ", "Á"), ("OÂ", "Ô"), ("EÄ", "Ệ"), ("ÖÏ", "Ự"), ("Æ", "Ỉ"), ("Î", "Ỵ"),
]


@pytest.mark.parametrize(("spelling", "letter"), XVNKB_VNI_SPELLINGS)
def test_vni_matches_the_xvnkb_table(spelling: str, letter: str) -> None:
    assert convert(spelling, VNI) == letter
    assert encode(letter, VNI) == spelling


# --- Conversion ----------------------------------------------------------


def test_domain_card_examples() -> None:
    assert convert("§¶ng Céng s¶n ViÖt Nam", TCVN3) == "Đảng Cộng sản Việt Nam"
    assert convert("Ñaûng Coäng saûn Vieät Nam", VNI) == "Đảng Cộng sản Việt Nam"


def test_real_paragraphs_convert() -> None:
    assert convert(TCVN3_PARAGRAPH, TCVN3) == UNICODE_PARAGRAPH
    assert convert(VNI_PARAGRAPH, VNI) == UNICODE_PARAGRAPH


def test_tcvn3_soft_hyphen_is_the_letter_u_horn() -> None:
    assert convert("Tr\xadêng", TCVN3) == "Trường"
    assert encode("Trường", TCVN3) == "Tr\xadêng"
    assert convert("M\xadêng Kh\xad¬ng", TCVN3) == "Mường Khương"
    assert convert("\xadu tiªn", TCVN3) == "ưu tiên"
    # A tool that strips soft hyphens destroys the word.
    assert convert("Trêng", TCVN3) == "Trờng"


def test_vnitimeh_text_is_upper_cased() -> None:
    stored = "®¶ng céng s¶n viÖt nam"
    assert convert(stored, TCVN3, upper=is_upper_font(".VnTimeH")) == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert convert(stored, TCVN3, upper=is_upper_font(".VnTime")) == "đảng cộng sản việt nam"
    assert encode("ĐẢNG CỘNG SẢN VIỆT NAM", TCVN3, upper_font=True) == stored


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_text_that_is_not_a_code_passes_through(encoding: LegacyEncoding) -> None:
    text = "Nam 2024: (1) [x] - \"y\" / z; 50% — “q”…"
    assert convert(text, encoding) == text
    assert encode(text, encoding) == text


@pytest.mark.parametrize(("legacy", "encoding"), [(TCVN3_PARAGRAPH, TCVN3), (VNI_PARAGRAPH, VNI)])
def test_result_is_nfc_even_from_decomposed_input(legacy: str, encoding: LegacyEncoding) -> None:
    decomposed = unicodedata.normalize("NFD", legacy)
    result = convert(decomposed, encoding)
    assert result == UNICODE_PARAGRAPH
    assert unicodedata.is_normalized("NFC", result)


def test_encode_refuses_characters_that_would_read_back_wrong() -> None:
    with pytest.raises(ValueError):
        encode("Điều 5 §2", TCVN3)  # "§" is the TCVN3 code for Đ
    with pytest.raises(ValueError):
        encode("España", VNI)  # "ñ" is the VNI code for đ
    with pytest.raises(ValueError):
        encode("Ấn Độ", TCVN3)  # no toned capitals in TCVN3


# --- Fonts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", TCVN3),
        (".VnTimeH", TCVN3),
        (".VnArial", TCVN3),
        (".VnArialH", TCVN3),
        (".VnCentury Schoolbook", TCVN3),
        (".vntime", TCVN3),
        ("VNI-Times", VNI),
        ("VNI-Helve", VNI),
        ("VNI Times", VNI),
        ("vni-times", VNI),
        ("Times New Roman", None),
        ("Arial", None),
        ("VnTime", None),
        ("Vnim", None),
        ("", None),
        (None, None),
    ],
)
def test_font_names_tell_the_encoding(font: str | None, encoding: LegacyEncoding | None) -> None:
    assert encoding_for_font(font) is encoding


@pytest.mark.parametrize(
    ("font", "upper"),
    [
        (".VnTimeH", True),
        (".VnArialH", True),
        (".VnTime", False),
        (".VnArial", False),
        ("VNI-Times", False),
        ("ARIAL", False),
        (None, False),
    ],
)
def test_upper_case_fonts(font: str | None, upper: bool) -> None:
    assert is_upper_font(font) is upper


def test_encoding_display_names() -> None:
    assert TCVN3.value == "TCVN3 (ABC)"
    assert VNI.value == "VNI"


# --- Detection without font names ----------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TCVN3_PARAGRAPH, TCVN3),
        (VNI_PARAGRAPH, VNI),
        ("§¶ng Céng s¶n ViÖt Nam", TCVN3),
        ("Ñaûng Coäng saûn Vieät Nam", VNI),
        ("CHñ NGHÜA X· HéI", TCVN3),  # capitals typed in .VnTime
        ("ViÖt", TCVN3),
        ("Vieät", VNI),
    ],
)
def test_detects_legacy_text(text: str, encoding: LegacyEncoding) -> None:
    assert detect(text) is encoding


@pytest.mark.parametrize(
    "text",
    [
        "",
        UNICODE_PARAGRAPH,
        unicodedata.normalize("NFD", UNICODE_PARAGRAPH),
        "Đảng Cộng sản Việt Nam",
        "HOÀN TOÀN",  # VNI would read "oà" as ồ
        "Hoà bình, hoá học, hoãn lại, toà án",
        "Tôi có cá",  # Latin-1 letters only, each also a legacy code
        "The quick brown fox jumps over the lazy dog.",
        "Déjà ça, Œufs",
        "L'été dernier, nous sommes allés à la côte où la mer était très agitée. Ça m'a rappelé "
        "des crêpes, du goût salé, « la naïveté » d'autrefois. Où est passé le temps ?",
        "Über den Wolken muß die Freiheit wohl grenzenlos sein. Schöne Grüße aus München.",
        "Aún no sé si mañana iré a España; el niño está allí, según él.",
        "Não sei se a mãe está aqui; São Paulo é uma cidade grande.",
        "où",
        "naïf",
        "HD36 §I.2",
        "© 2024 Société Générale ®",
        "ñi hoïc",  # maybe VNI, but too little to be sure
    ],
)
def test_does_not_detect_unicode_or_unsure_text(text: str) -> None:
    assert detect(text) is None


def test_convert_auto_converts_what_it_detects() -> None:
    assert convert_auto(TCVN3_PARAGRAPH) == (UNICODE_PARAGRAPH, TCVN3)
    assert convert_auto(VNI_PARAGRAPH) == (UNICODE_PARAGRAPH, VNI)


@pytest.mark.parametrize("text", [UNICODE_PARAGRAPH, "Déjà ça, Œufs", "plain ASCII"])
def test_convert_auto_leaves_other_text_alone(text: str) -> None:
    assert convert_auto(text) == (text, None)
