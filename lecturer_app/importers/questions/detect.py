"""Choosing the reader for a question file: by extension, then by content."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.store.bulk import gc_paused
from lecturer_app.i18n import _
from lecturer_app.importers.questions.report import ImportResult

FORMATS = ("xlsx", "docx", "txt", "gift", "aiken", "moodlexml", "amc")

_AIKEN_ANSWER = re.compile(r"^ANSWER\s*:\s*[A-Z]\s*$", re.M)
_GIFT_BLOCK = re.compile(r"(^|\n)\s*(::[^\n]*::|\$CATEGORY:)|\{\s*(~|=|T\b|F\b|TRUE\b|FALSE\b|\})", re.I)


def detect_format(path: Path) -> str:
    """The format of *path*; text files are told apart by their content."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".docx":
        return "docx"
    if suffix == ".xml":
        return "moodlexml"
    if suffix == ".gift":
        return "gift"
    if suffix in (".txt", ".text", ".aiken", ""):
        return _sniff_text(path)
    raise InputFileError(path, "", _("không nhận ra định dạng tệp '{ext}'; hãy chọn --format").format(ext=suffix))


def _sniff_text(path: Path) -> str:
    if not path.is_file():
        raise InputFileError(path, "", _("không tìm thấy tệp"))
    from lecturer_app.importers.questions.amc import looks_like_amc
    from lecturer_app.importers.questions.textfile import read_text

    # The whole text, decoded as the reader will: a sign past the first bytes still counts,
    # and a UTF-16 or Windows-1258 file is recognised like a UTF-8 one.
    head = read_text(path)
    if head.lstrip().startswith("<?xml") or "<quiz>" in head:
        return "moodlexml"
    if _AIKEN_ANSWER.search(head):
        return "aiken"
    if looks_like_amc(head):
        return "amc"
    if _GIFT_BLOCK.search(head):
        return "gift"
    return "txt"


def read_questions(path: Path, fmt: str = "auto", **options: object) -> ImportResult:
    """Read *path* in format *fmt* ("auto" detects it) into a preview result."""
    path = Path(path)
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt not in FORMATS:
        raise InputFileError(path, "", _("định dạng '{fmt}' không được hỗ trợ").format(fmt=fmt))
    if fmt not in ("docx", "txt"):
        options.pop("marker", None)  # the key-marking convention only concerns Word/txt
    with gc_paused():  # tens of thousands of questions, options and strings, no cycles (core/store/bulk.py)
        result = _reader(fmt).read(path, **options)
    if not result.items and not result.problems:
        # Nothing read and nothing refused: the file is not in a format we know (never "0 imported" and exit 0).
        raise InputFileError(path, "", _("0 câu hỏi — không nhận ra định dạng (đã đọc như {fmt}); xem "
                                         "docs/question-formats.md").format(fmt=fmt))
    return result


def _reader(fmt: str) -> ModuleType:
    """The reader of *fmt*, imported by name in the code so that a frozen build carries each one.

    Imported on the first read, not with this module (the GUI starts without them), and only the one
    used: a whole-process XLSX import paid for loading the Word and text readers too (issue #16).
    """
    if fmt == "xlsx":
        from lecturer_app.importers.questions import xlsx_reader
        return xlsx_reader
    if fmt == "docx":
        from lecturer_app.importers.questions import docx_reader
        return docx_reader
    if fmt == "txt":
        from lecturer_app.importers.questions import txt_reader
        return txt_reader
    if fmt == "gift":
        from lecturer_app.importers.questions import gift
        return gift
    if fmt == "aiken":
        from lecturer_app.importers.questions import aiken
        return aiken
    if fmt == "moodlexml":
        from lecturer_app.importers.questions import moodlexml
        return moodlexml
    from lecturer_app.importers.questions import amc
    return amc


def _readers() -> dict[str, ModuleType]:
    """Every format's reader (the packaging test checks that each format has one)."""
    return {fmt: _reader(fmt) for fmt in FORMATS}
