"""Reading learners' answers: the app's template and a Google Forms quiz export.

Template (docs/exam-guide.md): header ``Họ và tên | SBD | Mã đề | 1 | 2 | … | N``,
one row per learner, answers as letters A–D, blank = no answer.  Optional
columns ``TL1``, ``TL2``… hold essay scores and ``Vấn đáp`` an oral score
(decimal comma or point).

Google Forms: the responses CSV has ``Dấu thời gian``/``Timestamp``,
``Địa chỉ email``/``Email Address``, ``Điểm``/``Score``, the form's own
name, SBD and mã đề questions, then one column per quiz question holding the
chosen option's text.  Columns that are not known fields are taken as the
quiz questions, in order, and an answer's text is matched to the printed
options of the learner's version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.text.normalize import fold
from lecturer_app.exam.grading import Response
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest, ItemInfo
from lecturer_app.exam.vn_numbers import parse_decimal
from lecturer_app.formats.tabular import Row, match_header, read_table
from lecturer_app.i18n import _

_META = {
    "name": ("ho va ten", "ho ten", "hoc vien", "ten hoc vien", "name", "full name", "ho va ten hoc vien"),
    "sbd": ("sbd", "so bao danh", "student id", "ma hoc vien"),
    "code": ("ma de", "ma de thi", "de so", "version", "code"),
}
# Columns that are never quiz questions: Forms' own columns and learner details a form often asks for.
_IGNORED = ("dau thoi gian", "timestamp", "dia chi email", "email address", "email", "diem", "score",
            "diem so", "tong diem", "stt", "lop", "don vi", "chi bo", "chi bo/don vi", "ngay sinh",
            "gioi tinh", "so dien thoai", "ho dem", "ten", "ghi chu")
_ESSAY = re.compile(r"^(tl|tu luan|cau tl|cau tu luan)\s*(\d+)$")
_ORAL = ("van dap", "vd", "diem van dap", "oral")


@dataclass(frozen=True)
class _Layout:
    meta: dict[str, int]
    questions: list[int]
    essays: dict[int, int]
    oral: int | None


def read_responses(path: Path, manifest: ExamManifest) -> list[Response]:
    """Every learner row of *path*, answers normalised to letters."""
    rows = list(read_table(path))
    header_at, layout = _find_header(rows, path)
    responses = []
    for row in rows[header_at + 1:]:
        if not any(row.cells):
            continue
        responses.append(_response(row, layout, manifest, path))
    if not responses:
        raise InputFileError(path, "", _("không có dòng bài làm nào dưới dòng tiêu đề"))
    return responses


def _find_header(rows: list[Row], path: Path) -> tuple[int, _Layout]:
    for index, row in enumerate(rows[:15]):
        meta = match_header(row.cells, _META)
        if "code" in meta and ("name" in meta or "sbd" in meta):
            return index, _layout(row.cells, meta)
    raise InputFileError(path, "", _("không tìm thấy dòng tiêu đề 'Họ và tên | SBD | Mã đề | 1 | 2 | …'"))


def _layout(cells: tuple[str, ...], meta: dict[str, int]) -> _Layout:
    numbered: dict[int, int] = {}
    others: list[int] = []
    essays: dict[int, int] = {}
    oral = None
    for index, cell in enumerate(cells):
        folded = " ".join(fold(cell).split())
        if index in meta.values() or not folded or folded in _IGNORED:
            continue
        if (match := _ESSAY.match(folded)) is not None:
            essays[int(match.group(2))] = index
        elif folded in _ORAL:
            oral = index
        elif re.fullmatch(r"(cau\s*)?\d+", folded):
            numbered[int(re.sub(r"\D", "", folded))] = index
        else:
            others.append(index)
    questions = [numbered[n] for n in sorted(numbered)] if numbered else others
    return _Layout(meta, questions, essays, oral)


def _response(row: Row, layout: _Layout, manifest: ExamManifest, path: Path) -> Response:
    def cell(index: int | None) -> str:
        return row.cells[index] if index is not None and index < len(row.cells) else ""

    code = _match_code(cell(layout.meta.get("code")), manifest)
    if code is None:
        raise InputFileError(path, row.where(), _("mã đề '{code}' không có trong đề này").format(
            code=cell(layout.meta.get("code"))))
    items = manifest.versions[code].items
    answers = [normalise_answer(cell(col), items[i]) if i < len(items) else "" for i, col in
               enumerate(layout.questions)]
    answers += [""] * (len(items) - len(answers))
    response = Response(cell(layout.meta.get("name")), cell(layout.meta.get("sbd")), code, answers[:len(items)],
                        where=row.where())
    try:
        response.essay_scores = {n: v for n, col in layout.essays.items()
                                 if (v := parse_decimal(cell(col))) is not None}
        response.oral_score = parse_decimal(cell(layout.oral)) if layout.oral is not None else None
    except ValueError as exc:
        raise InputFileError(path, row.where(), _("điểm tự luận/vấn đáp không phải là số")) from exc
    return response


def _match_code(value: str, manifest: ExamManifest) -> str | None:
    value = value.strip()
    if value in manifest.versions:
        return value
    digits = value.split(".")[0]
    for code in manifest.versions:
        if digits.isdigit() and code.isdigit() and int(code) == int(digits):
            return code
    return None


def normalise_answer(value: str, item: ItemInfo) -> str:
    """"a", "A.", "A. 1930" or the option's text → "A"; several (", "-separated) → "AC"; blank → ""."""
    value = value.strip()
    if not value:
        return ""
    if item.type in ("true_false_4", "short_answer"):
        return value.upper() if item.type == "true_false_4" else value
    letters = []
    for part in [p for p in re.split(r"\s*[,;]\s*", value) if p] if item.type == "multiple_choice" else [value]:
        letter = _letter(part, item)
        if letter:
            letters.append(letter)
    return "".join(sorted(set(letters))) if letters else value.upper()


def _letter(part: str, item: ItemInfo) -> str:
    """An option's full text wins; otherwise a leading letter ("b", "B.", "B) 1930")."""
    folded = fold(part)
    for index, option in enumerate(item.options):
        if fold(option) == folded:
            return LETTERS[index]
    head = re.match(r"^([A-Ha-h])(?:[.):]\s*.*)?$", part.strip())
    return head.group(1).upper() if head else ""
