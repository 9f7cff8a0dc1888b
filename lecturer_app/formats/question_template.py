"""The app's own Excel question template: columns, cell spellings, answer keys.

Shared by the Excel importer and exporter (and the downloadable template) so
that what one writes the other reads back unchanged.  Headers are Vietnamese;
the importer also accepts the common "Câu hỏi | Đáp án 1..4 | Hình ảnh | Đáp
án đúng" layout (see docs/question-formats.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lecturer_app.core.text.normalize import fold

LETTERS = "ABCDEFGHIJ"
MAX_OPTIONS = len(LETTERS)
SHEET_NAME = "Câu hỏi"
DEFAULT_SHEET_NAMES = {"cau hoi", "sheet1", "sheet", "trang tinh1", "ngan hang cau hoi", "questions"}

# (field, header) in template order; option columns are inserted after "stem".
COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "STT"),
    ("type", "Loại câu hỏi"),
    ("stem", "Câu hỏi"),
    ("key", "Đáp án đúng"),
    ("pinned", "Giữ cố định"),
    ("rubric", "Hướng dẫn chấm"),
    ("level", "Mức độ"),
    ("topics", "Chuyên đề"),
    ("points", "Điểm"),
    ("tags", "Thẻ"),
    ("status", "Trạng thái"),
    ("image", "Hình ảnh"),
    ("feedback", "Giải thích"),
    ("source", "Nguồn"),
    ("group", "Nhóm"),
)

TYPE_CELLS = {
    "single_choice": "Một đáp án",
    "multiple_choice": "Nhiều đáp án",
    "true_false_4": "Đúng/Sai 4 ý",
    "short_answer": "Trả lời ngắn",
    "essay": "Tự luận",
    "oral": "Vấn đáp",
}
STATUS_CELLS = {"draft": "Nháp", "approved": "Đã duyệt"}


def _folded(*spellings: str) -> tuple[str, ...]:
    return tuple(" ".join(fold(s).split()) for s in spellings)


# Folded header spellings accepted for each field (tolerant reading).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "number": _folded("STT", "Số thứ tự", "TT", "Câu số", "No"),
    "type": _folded("Loại câu hỏi", "Loại", "Dạng", "Dạng câu hỏi", "Type"),
    "stem": _folded("Câu hỏi", "Nội dung câu hỏi", "Nội dung", "Đề bài", "Question", "Câu dẫn"),
    "key": _folded("Đáp án đúng", "Đáp án", "ĐA", "Đáp án chính xác", "Answer", "Key", "Correct"),
    "pinned": _folded("Giữ cố định", "Cố định", "Không trộn"),
    "rubric": _folded("Hướng dẫn chấm", "Đáp án chi tiết", "Gợi ý trả lời", "Barem"),
    "level": _folded("Mức độ", "Mức độ nhận thức", "Cấp độ", "Level"),
    "topics": _folded("Chuyên đề", "Mã chuyên đề", "Chủ đề", "Topic"),
    "points": _folded("Điểm", "Số điểm", "Points"),
    "tags": _folded("Thẻ", "Tags", "Nhãn"),
    "status": _folded("Trạng thái", "Status"),
    "image": _folded("Hình ảnh", "Hình", "Ảnh", "Image"),
    "feedback": _folded("Giải thích", "Lời giải", "Feedback"),
    "source": _folded("Nguồn", "Source"),
    "group": _folded("Nhóm", "Nhóm câu hỏi", "Group"),
}

_OPTION_HEADER = re.compile(r"^(?:phuong an|dap an|lua chon|option|pa|da|cau tra loi)\s*([a-j]|\d{1,2})$")


def option_header(index: int) -> str:
    return f"Phương án {LETTERS[index]}"


@lru_cache(maxsize=256)
def option_column(header: str) -> int | None:
    """0-based option index named by a header ("Phương án B", "Đáp án 2", "C"), or None."""
    key = " ".join(fold(header).replace(".", " ").split())
    if len(key) == 1 and key in LETTERS.lower():
        return LETTERS.lower().index(key)
    match = _OPTION_HEADER.match(key)
    if not match:
        return None
    mark = match.group(1)
    index = int(mark) - 1 if mark.isdigit() else LETTERS.lower().index(mark)
    return index if 0 <= index < MAX_OPTIONS else None


@lru_cache(maxsize=256)
def type_from_cell(text: str) -> str | None:
    key = " ".join(fold(text).split())
    if not key:
        return None
    for code, label in TYPE_CELLS.items():
        if key in (fold(label), code, code.replace("_", " ")):
            return code
    aliases = {"trac nghiem": "single_choice", "mot lua chon": "single_choice", "nhieu lua chon": "single_choice",
               "nhieu dap an dung": "multiple_choice", "dung sai": "true_false_4", "dung/sai": "true_false_4",
               "tra loi ngan": "short_answer", "tu luan": "essay", "van dap": "oral"}
    return aliases.get(key)


@lru_cache(maxsize=64)
def status_from_cell(text: str) -> str:
    return "approved" if fold(text).strip() in ("da duyet", "approved", "duyet") else "draft"


def key_cell(indexes: Sequence[int]) -> str:
    return ", ".join(LETTERS[i] for i in indexes)


def truth_cell(values: Sequence[bool]) -> str:
    """Đúng/Sai 4 ý key: "Đ, S, Đ, S"."""
    return ", ".join("Đ" if v else "S" for v in values)


# Compiled once: a spreadsheet import reads the key (and the pinned column) of every row.
_TRUTH_WORD = re.compile(r"DUNG|SAI|TRUE|FALSE|[DSTF]")
_TRUTH_CELL_REST = re.compile(r"DUNG|SAI|TRUE|FALSE|[DSTF]|[\s,;/.\-]")
_LETTER_KEY = re.compile(r"[A-Ja-j](\s*[,;/ ]\s*[A-Ja-j])*")
_KEY_LETTER = re.compile(r"[A-Ja-j]")
_NUMBER_KEY = re.compile(r"\d{1,2}(\s*[,;/ ]\s*\d{1,2})*")
_KEY_NUMBER = re.compile(r"\d+")
_LIST_SEPARATOR = re.compile(r"[,;\n]")


def parse_truth(text: str) -> list[bool] | None:
    """Đ/S marks in order ("Đ, S, Đ, S", "ĐSĐS", "Đúng Sai Sai Đúng", "TFTF"), or None."""
    key = fold(text).upper()
    words = _TRUTH_WORD.findall(key)
    if not words or _TRUTH_CELL_REST.sub("", key):
        return None
    return [w in ("D", "DUNG", "T", "TRUE") for w in words]


def parse_key(text: str, option_count: int, *, numbers_are_positions: bool = True) -> list[int] | None:
    """0-based option indexes named by a key cell ("B", "A, C", "2", "1;3"), or None."""
    cleaned = text.strip().rstrip(".")
    if not cleaned:  # an empty cell (the pinned column of most rows) names no option
        return None
    indexes = _key_indexes(cleaned, option_count, numbers_are_positions)
    return None if indexes is None else list(indexes)


@lru_cache(maxsize=512)  # a bank's key cells are a few dozen spellings ("A", "B, C"): each read once (issue #16)
def _key_indexes(cleaned: str, option_count: int, numbers_are_positions: bool) -> tuple[int, ...] | None:
    if _LETTER_KEY.fullmatch(cleaned):
        indexes = [LETTERS.index(c.upper()) for c in _KEY_LETTER.findall(cleaned)]
    elif numbers_are_positions and _NUMBER_KEY.fullmatch(cleaned):
        indexes = [int(n) - 1 for n in _KEY_NUMBER.findall(cleaned)]
    else:
        return None
    if not indexes or any(not 0 <= i < option_count for i in indexes):
        return None
    return tuple(sorted(set(indexes)))


def group_id_from_cell(text: str, file_name: str) -> str | None:
    """The group of a row: an id written by the exporter, or one derived from the label ("Đoạn 1")."""
    label = text.strip()
    if not label:  # most rows: uuid (and the platform module it loads) is imported only for a group
        return None
    import uuid

    from lecturer_app.core.store.ids import is_uuid

    if is_uuid(label):
        return label
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"lecturer-app-group:{file_name}#{fold(label)}"))


def split_list(text: str) -> list[str]:
    """Cell lists (topics, tags): separated by commas, semicolons or new lines."""
    if not text:  # most rows leave tags and topics empty
        return []
    return [part.strip() for part in _LIST_SEPARATOR.split(text) if part.strip()]


# Types Moodle and QTI lack travel as a plain type plus one of these tags
# (multichoice + "dung-sai-4-y" = Đúng/Sai 4 ý, essay + "van-dap" = vấn đáp).
TYPE_TAGS = {"true_false_4": "dung-sai-4-y", "oral": "van-dap"}
