"""Reading a text question file: size limit, encoding, legacy Vietnamese fonts."""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _
from lecturer_app.importers.legacy_vietnamese import convert_auto
from lecturer_app.importers.questions.report import ImportResult

MAX_TEXT_BYTES = 50 * 1024 * 1024


def read_text(path: Path, result: ImportResult | None = None) -> str:
    """The file's text, NFC, with TCVN3/VNI text converted to Unicode.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; other
    bytes are taken as Windows-1252, which is how .VnTime/VNI text was saved.
    A conversion is noted in *result* so the preview can say so.
    """
    if not path.is_file():
        raise InputFileError(path, "", _("không tìm thấy tệp"))
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise InputFileError(path, "", _("tệp quá lớn (tối đa {mb} MB)").format(mb=MAX_TEXT_BYTES // 2**20))
    data = path.read_bytes()
    text = _decode(data)
    converted, encoding = convert_auto(text)
    if encoding is not None and result is not None:
        result.notes.append(_("đã chuyển mã {encoding} sang Unicode").format(encoding=encoding.value))
    return nfc(converted.replace("\r\n", "\n").replace("\r", "\n"))


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
