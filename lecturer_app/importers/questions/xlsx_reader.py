"""Excel (.xlsx) → questions: the app's template and common teacher layouts.

The header row is found by meaning (folded Vietnamese headers, see
``core.question_template``) in the first rows of each sheet, so extra title
rows above it do no harm.  A workbook with several question sheets is one đề
per sheet: the sheet name becomes a tag.  Pictures named in "Hình ảnh" are
looked for next to the workbook; a missing one is reported, the question is
still imported.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from lecturer_app.core.model import Option, Question
from lecturer_app.core.questions.rules import parse_points
from lecturer_app.core.text.normalize import fold
from lecturer_app.formats.question_template import (
    DEFAULT_SHEET_NAMES,
    HEADER_ALIASES,
    group_id_from_cell,
    option_column,
    parse_key,
    parse_truth,
    split_list,
    status_from_cell,
    type_from_cell,
)
from lecturer_app.formats.question_text import parse_rubric
from lecturer_app.formats.tabular import HEADER_SEARCH_ROWS, Row, read_xlsx
from lecturer_app.i18n import _, ngettext
from lecturer_app.importers.questions.report import ImportResult

MAX_IMAGE_BYTES = 20 * 1024 * 1024


class _Layout:
    """Column positions of one sheet: named fields and option columns in order."""

    def __init__(self, cells: tuple[str, ...]) -> None:
        self.options: list[int] = []
        self.fields: dict[str, int] = {}
        for index, cell in enumerate(cells):
            if option_column(cell) is not None:
                self.options.append(index)
                continue
            key = " ".join(fold(cell).split())
            for name, spellings in HEADER_ALIASES.items():
                if key in spellings and name not in self.fields:
                    self.fields[name] = index
                    break

        # The named cells of a full row read at once (in C); a shorter row takes them one by one.
        self._names = tuple(self.fields)
        self._cells = itemgetter(*self.fields.values(), -1) if self.fields else None
        self._width = max(self.fields.values(), default=-1) + 1

    @property
    def usable(self) -> bool:
        return "stem" in self.fields and (bool(self.options) or "key" in self.fields or "type" in self.fields)

    def values(self, row: Row) -> dict[str, str]:
        """The named cells of *row*, read once (a row asks for a dozen of them); a missing one is absent."""
        cells = row.cells
        count = len(cells)
        if self._cells is not None and count >= self._width:
            return dict(zip(self._names, self._cells(cells)))  # zip stops before the -1 that makes a tuple
        return {name: cells[index] for name, index in self.fields.items() if index < count}


def read(path: Path) -> ImportResult:
    result = ImportResult(path, "xlsx")
    sheets = [(name, *_unicode_rows(list(rows), result, name))
              for name, rows in groupby(read_xlsx(path), key=lambda r: r.sheet)]
    found = [(name, rows, converted, layout) for name, rows, converted in sheets
             if (layout := _find_layout(rows)) is not None]
    if not found:
        result.problem("", _("không tìm thấy dòng tiêu đề có cột \"Câu hỏi\" trong trang tính nào"))
    for name, rows, converted, (header_row, columns) in found:
        sheet_tag = name if len(found) > 1 and fold(name).strip() not in DEFAULT_SHEET_NAMES else ""
        for row in rows:
            if row.cleaned:
                result.note_cleaned(row.where(), row.cleaned)
            if row.number > header_row and any(row.cells):
                try:
                    # Cells read_xlsx made XML-safe stay so; text converted from TCVN3/VNI is checked again.
                    _read_row(result, row, columns, sheet_tag, xml_safe=not converted)
                except Exception as exc:  # one broken row never fails the file
                    result.unexpected(row.where(), exc)
    return result


def _unicode_rows(rows: list[Row], result: ImportResult, sheet: str) -> tuple[list[Row], bool]:
    """Rows of a sheet typed in TCVN3/VNI (.VnTime, VNI-Times) converted to Unicode, and whether they were.

    Cells keep no font name in the values openpyxl reads, so the encoding is
    detected on the sheet's text as a whole (never cell by cell, which would
    mistake short Unicode words for legacy ones).
    """
    from lecturer_app.importers.legacy_vietnamese import convert, detect

    sample = " ".join(cell for row in rows[:300] for cell in row.cells if cell)
    encoding = detect(sample)
    if encoding is None:
        return rows, False
    result.notes.append(_("trang tính '{sheet}': đã chuyển mã {encoding} sang Unicode").format(
        sheet=sheet, encoding=encoding.value))
    return [Row(row.sheet, row.number, tuple(convert(c, encoding) if c else c for c in row.cells), row.cleaned)
            for row in rows], True


def _find_layout(rows: list[Row]) -> tuple[int, _Layout] | None:
    for row in rows[:HEADER_SEARCH_ROWS]:
        layout = _Layout(row.cells)
        if layout.usable:
            return row.number, layout
    return None


def _read_row(result: ImportResult, row: Row, layout: _Layout, sheet_tag: str, *, xml_safe: bool) -> None:
    where = row.where()
    cells = layout.values(row)
    count = len(row.cells)
    options = [row.cells[i] if i < count else "" for i in layout.options]
    while options and not options[-1]:
        options.pop()
    question = Question(stem=cells.get("stem", ""), options=[Option(text) for text in options])
    type_cell, key = cells.get("type", ""), cells.get("key", "")
    declared = type_from_cell(type_cell)
    if type_cell and declared is None:
        result.problem(where, _("không hiểu loại câu hỏi \"{value}\"").format(value=type_cell))
        return
    question.type = declared or _guess_type(question, key)
    error = _apply_key(question, key)
    if error:
        result.problem(where, error)
        return
    error = _apply_metadata(question, cells, result, where)
    if error:
        result.problem(where, error)
        return
    category = "/".join(filter(None, [sheet_tag, *split_list(cells.get("topics", ""))]))
    result.add(question, where, category, xml_safe=xml_safe)


def _guess_type(question: Question, key: str) -> str:
    """Type of a row in a layout without a type column (never decides the key)."""
    if question.options:
        indexes = parse_key(key, len(question.options))
        return "multiple_choice" if indexes and len(indexes) > 1 else "single_choice"
    return "short_answer" if key.strip() else "essay"


def _apply_key(question: Question, key: str) -> str:
    """Set the correct options or answers; a reason when the key cannot be read."""
    if question.type in ("single_choice", "multiple_choice"):
        indexes = parse_key(key, len(question.options))
        if indexes is None:
            indexes = [i for i, o in enumerate(question.options) if key and fold(o.text) == fold(key)] or None
        if indexes is None:
            if not key.strip():
                return _("thiếu đáp án đúng")
            options = len(question.options)
            return ngettext("đáp án \"{key}\" không khớp phương án nào (có {n} phương án)", options).format(
                key=key, n=options)
        for index in indexes:
            question.options[index].correct = True
    elif question.type == "true_false_4":
        truth = parse_truth(key)
        if truth is None or len(truth) != len(question.options):
            return _("đáp án Đúng/Sai \"{key}\" phải có một dấu Đ hoặc S cho mỗi ý").format(key=key)
        for option, value in zip(question.options, truth):
            option.correct = value
    elif question.type == "short_answer":
        question.answers = [a.strip() for a in key.replace("|", "\n").split("\n") if a.strip()]
    return ""


def _apply_metadata(question: Question, cells: dict[str, str], result: ImportResult, where: str) -> str:
    from lecturer_app.core.questions.levels import match_level

    rubric_cell = cells.get("rubric", "")
    rubric, guide = parse_rubric(rubric_cell) if rubric_cell else ([], "")  # most rows have none
    question.rubric, question.guide = (rubric, guide) if question.type != "oral" else ([], rubric_cell)
    level = cells.get("level", "")
    question.level = (match_level(level) or level) if level else ""
    points = cells.get("points", "")
    if points:
        value = _points(points)
        if value is None:
            return _("điểm \"{value}\" không phải là số").format(value=points)
        question.points = value
    elif question.type == "essay" and question.rubric:
        question.points = sum(item.points for item in question.rubric)
    question.tags = split_list(cells.get("tags", ""))
    question.status = status_from_cell(cells.get("status", ""))
    question.feedback = cells.get("feedback", "")
    question.source = cells.get("source", "")
    group = cells.get("group", "")
    question.group_id = group_id_from_cell(group, result.path.name) if group else None
    pinned = parse_key(cells.get("pinned", ""), len(question.options)) or []
    for index in pinned:
        question.options[index].pinned = True
    for name in split_list(cells.get("image", "")):
        _attach_image(question, name, result, where)
    return ""


# A bank's points cells are a handful of spellings ("0,25", "1"): each read once (issue #16).
_points = lru_cache(maxsize=256)(parse_points)


def _attach_image(question: Question, name: str, result: ImportResult, where: str) -> None:
    folder = result.path.parent
    candidates = [folder / name, folder / f"{result.path.stem}_hinh" / name]
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        result.warning(where, _("không tìm thấy hình ảnh \"{name}\" cạnh tệp; câu hỏi được nhập không kèm hình").format(
            name=name))
        return
    if found.stat().st_size > MAX_IMAGE_BYTES:
        result.warning(where, _("hình ảnh \"{name}\" quá lớn nên không kèm theo; câu hỏi được nhập không kèm hình")
                       .format(name=name))
        return
    if ref := result.add_image(found.read_bytes(), Path(name).name):
        question.images.append(ref)
