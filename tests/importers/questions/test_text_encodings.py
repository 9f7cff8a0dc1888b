"""Text files as Windows saves them: every encoding read right, or refused with a reason; never mojibake."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.importers.questions import read_questions

TEXT = ("Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?\nA. Năm 1925\nB. Năm 1930\n"
        "C. Hội nghị ở Hương Cảng\nĐáp án: B\n")
AIKEN = "Thủ đô của Việt Nam là thành phố nào?\nA. Huế\nB. Hà Nội\nANSWER: B\n"


def windows_1258(text: str) -> bytes:
    """Text as Vietnamese Windows saves it ("ANSI"): base letters precomposed, tones as combining marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            out += (unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tones).encode("cp1258")
    return bytes(out)


def written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_notepad_unicode_with_a_bom_is_read_for_every_text_format(tmp_path, codec):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    for name, text, fmt in (("cau.txt", TEXT, "txt"), ("aiken.txt", AIKEN, "aiken")):
        result = read_questions(written(tmp_path, name, bom + text.replace("\n", "\r\n").encode(codec)))
        assert result.format == fmt
        assert [o.correct for o in result.items[0].question.options][1]
    assert read_questions(tmp_path / "cau.txt").items[0].question.stem == "Đảng Cộng sản Việt Nam ra đời năm nào?"


def test_windows_1258_ansi_vietnamese_is_decoded_and_the_preview_says_so(tmp_path):
    result = read_questions(written(tmp_path, "ansi.txt", windows_1258(TEXT)))
    question = result.items[0].question
    assert question.stem == "Đảng Cộng sản Việt Nam ra đời năm nào?"
    assert question.options[2].text == "Hội nghị ở Hương Cảng" and question.options[1].correct
    assert any("Windows-1258" in note for note in result.notes)


def test_windows_1258_aiken_is_detected_as_aiken(tmp_path):
    result = read_questions(written(tmp_path, "ansi_aiken.txt", windows_1258(AIKEN)))
    assert result.format == "aiken" and result.items[0].question.options[1].text == "Hà Nội"


def test_bytes_in_no_known_encoding_are_refused_with_a_reason(tmp_path):
    # A tone mark (Windows-1258 byte 0xEC) after a consonant: not Vietnamese ANSI, not UTF-8, not TCVN3/VNI.
    path = written(tmp_path, "la.txt", b"C\xecu 1: x\xec\xecy?\nA. m\xecb\nB. n\nDap an: B\n")
    with pytest.raises(InputFileError, match="bảng mã"):
        read_questions(path)


def test_an_answer_line_past_the_first_64_kb_still_decides_the_format(tmp_path):
    long_stem = "Đoạn trích rất dài của văn kiện. " * 3000  # ~100 KB before the first ANSWER line
    path = written(tmp_path, "dai.txt", f"{long_stem}\nA. Đúng\nB. Sai\nANSWER: A\n".encode())
    result = read_questions(path)
    assert result.format == "aiken" and len(result.items) == 1


def test_a_file_where_nothing_is_recognised_is_refused_with_0_questions(tmp_path):
    path = written(tmp_path, "bien_ban.txt", "Biên bản họp chi bộ tháng 3.\nKhông có câu hỏi.\n".encode())
    with pytest.raises(InputFileError, match="0 câu hỏi — không nhận ra định dạng"):
        read_questions(path)
