"""Reading a text question file: size limit, encoding, legacy Vietnamese fonts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.text.normalize import nfc, xml_illegal_count
from lecturer_app.formats.memory_budget import TEXT_LINE_BYTES, check_estimate
from lecturer_app.i18n import _
from lecturer_app.importers.legacy_vietnamese import convert_auto
from lecturer_app.importers.questions.report import ImportResult

MAX_TEXT_BYTES = 50 * 1024 * 1024


def read_text(path: Path, result: ImportResult | None = None) -> str:
    """The file's text, NFC, with TCVN3/VNI text converted to Unicode.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; other
    bytes are either .VnTime/VNI text (saved as Windows-1252 bytes) or
    Windows-1258 ("ANSI" Vietnamese); anything else is refused rather than
    read as mojibake.  A conversion is noted in *result* so the preview can say so.
    """
    if not path.is_file():
        raise InputFileError(path, "", _("không tìm thấy tệp"))
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise InputFileError(path, "", _("tệp quá lớn (tối đa {mb} MB)").format(mb=MAX_TEXT_BYTES // 2**20))
    data = path.read_bytes()
    text, encoding = _decode(path, data)
    check_estimate(path, len(data) + text.count("\n") * TEXT_LINE_BYTES)
    if encoding and result is not None:
        result.notes.append(_("đã chuyển mã {encoding} sang Unicode").format(encoding=encoding))
    if result is not None and xml_illegal_count(text):
        result.note_cleaned("", xml_illegal_count(text))
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text and the name of the legacy encoding it was converted from ("" for Unicode)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError as exc:
            raise InputFileError(path, "", _("tệp ghi là UTF-16 nhưng có byte hỏng ({error})").format(
                error=exc.reason)) from exc
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    converted, legacy = convert_auto(data.decode("cp1252", errors="replace"))
    if legacy is not None:
        return converted, legacy.value
    windows = _windows_1258(data)
    if windows is None:
        raise InputFileError(path, "", _("không nhận ra bảng mã của tệp (không phải UTF-8, UTF-16, Windows-1258, "
                                         "TCVN3 hay VNI); hãy mở tệp và lưu lại dạng Unicode (UTF-8)"))
    return windows


def _windows_1258(data: bytes) -> tuple[str, str] | None:
    """Windows-1258 text ("ANSI" in Vietnamese Windows), or None when the bytes are not that.

    Windows-1258 writes tones as combining marks after the vowel; a mark that
    does not compose with the letter before it means the bytes are something else.
    """
    try:
        text = nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    if any(unicodedata.combining(char) for char in text):
        return None
    vietnamese = any(char in _VIETNAMESE_ONLY or "\u1ea0" <= char <= "\u1ef9" for char in text)
    return text, ("Windows-1258" if vietnamese else "")


# Letters Windows-1252 does not have: their bytes mean something else in Windows-1258.
_VIETNAMESE_ONLY = set("ăĂđĐơƠưƯ")
