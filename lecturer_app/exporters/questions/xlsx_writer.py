"""Questions → the app's Excel template (and the empty template to download).

One row per question in the columns of ``core.question_template``; pictures
of the stem are written to a ``<name>_hinh`` folder next to the workbook and
named in "Hình ảnh", which is where the importer looks for them; the group
(a shared passage) is written as its id in "Nhóm".  Option pictures are not
carried (reported).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lecturer_app.core.model import Option, Question, RubricItem
from lecturer_app.core.safe_write import replaced_on_success, write_bytes
from lecturer_app.core.text.normalize import xml_safe
from lecturer_app.exporters.office_properties import stamp_xlsx
from lecturer_app.exporters.questions.common import ExportContext, ExportReport, writable
from lecturer_app.exporters.workbook import as_text
from lecturer_app.formats.question_template import (
    COLUMNS,
    SHEET_NAME,
    STATUS_CELLS,
    TYPE_CELLS,
    key_cell,
    option_header,
    truth_cell,
)
from lecturer_app.formats.question_text import rubric_to_text
from lecturer_app.i18n import _

MIN_OPTION_COLUMNS = 4


def headers(option_columns: int) -> list[str]:
    names = [header for _f, header in COLUMNS]
    at = names.index("Câu hỏi") + 1
    return names[:at] + [option_header(i) for i in range(option_columns)] + names[at:]


def export(questions: Iterable[Question], path: Path, context: ExportContext | None = None) -> ExportReport:
    """Write one row per question through openpyxl's write-only mode: rows go to disk as they come.

    The option columns must be known before the first row: from
    ``context.option_columns`` when the caller streams (it knows the widest
    question from SQL), else from the questions themselves (read into a list).
    """
    from openpyxl import Workbook

    context = context or ExportContext()
    report = ExportReport()
    questions = writable(questions)
    if context.option_columns is None:
        questions = list(questions)
        width = max([MIN_OPTION_COLUMNS, *(len(q.options) for q in questions)])
    else:
        width = max(MIN_OPTION_COLUMNS, context.option_columns)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    cell = _Cells(sheet)
    _style(sheet, headers(width))
    sheet.append([cell.header(name) for name in headers(width)])
    for number, question in enumerate(questions, start=1):
        if len(question.options) > width:
            raise ValueError(f"question {question.id} has more options than option_columns={width}")
        sheet.append([cell.body(value) for value in _row(number, question, width, context, report, path)])
        report.written += 1
    stamp_xlsx(workbook, title="Ngân hàng câu hỏi")
    # Through a temporary name (core/safe_write.py): a failure leaves no half workbook.
    with replaced_on_success(path) as tmp:
        workbook.save(tmp)
    return report


class _Cells:
    """Styled write-only cells: bold headers, body cells wrapped and top-aligned (one shared style each)."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.styles import Alignment, Font

        self.sheet = sheet
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def header(self, value: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=value)
        cell.font = self.bold
        return cell

    def body(self, value: Any) -> Any:
        """A cell of user text stays text, never a formula (exporters/workbook.py says why)."""
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=xml_safe(value) if isinstance(value, str) else value)
        cell.alignment = self.wrap
        if isinstance(value, str):
            as_text(cell)
        return cell


def _row(number: int, q: Question, width: int, context: ExportContext, report: ExportReport,
         path: Path) -> list[Any]:
    options = [o.text for o in q.options] + [""] * (width - len(q.options))
    values = {
        "number": number,
        "type": TYPE_CELLS[q.type],
        "stem": q.stem,
        "key": _key(q),
        "pinned": key_cell([i for i, o in enumerate(q.options) if o.pinned]),
        "rubric": q.guide if q.type == "oral" else rubric_to_text(q.rubric, q.guide),
        "level": q.level,
        "topics": ", ".join(context.topic_codes.get(t, "") for t in q.topic_ids if t in context.topic_codes),
        "points": q.points,
        "tags": ", ".join(q.tags),
        "status": STATUS_CELLS.get(q.status, STATUS_CELLS["draft"]),
        "image": ", ".join(_write_images(q, context, report, path)),
        "feedback": q.feedback,
        "source": q.source,
        "group": q.group_id or "",
    }
    if any(o.image for o in q.options):
        report.skip(q, _("Excel không mang được hình ảnh trong phương án"))
    cells = [values[name] for name, _h in COLUMNS]
    at = [name for name, _h in COLUMNS].index("stem") + 1
    return cells[:at] + options + cells[at:]


def _key(q: Question) -> str:
    if q.type in ("single_choice", "multiple_choice"):
        return key_cell([i for i, o in enumerate(q.options) if o.correct])
    if q.type == "true_false_4":
        return truth_cell([o.correct for o in q.options])
    if q.type == "short_answer":
        return "\n".join(q.answers)
    return ""


def _write_images(q: Question, context: ExportContext, report: ExportReport, path: Path) -> list[str]:
    names = []
    for ref in q.images:
        data = context.image_bytes(ref.sha256)
        if data is None:
            report.skip(q, _("không tìm thấy hình ảnh {name} trong kho").format(name=ref.filename))
            continue
        folder = path.parent / f"{path.stem}_hinh"
        folder.mkdir(exist_ok=True)
        name = f"{ref.sha256[:12]}_{Path(ref.filename).name or 'hinh.png'}"
        write_bytes(folder / name, data)
        names.append(name)
    return names


def _style(sheet: Any, names: list[str]) -> None:
    """Column widths and the frozen header row (write-only: set before the first row)."""
    from openpyxl.utils import get_column_letter

    widths = {"Câu hỏi": 60, "Hướng dẫn chấm": 40, "Giải thích": 30}
    for index, name in enumerate(names, start=1):
        width = widths.get(name, 18 if "Phương án" in name else 12)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def write_template(path: Path) -> None:
    """The empty template with three example rows (the "Tải mẫu Excel" download)."""
    examples = [
        Question(type="single_choice", stem="Đảng Cộng sản Việt Nam ra đời năm nào?", level="Nhận biết",
                 points=0.25, options=[Option("1925"), Option("1930", True), Option("1945"),
                                       Option("Tất cả các đáp án trên", pinned=True)]),
        Question(type="true_false_4", stem="Về Hội nghị thành lập Đảng (đầu năm 1930):", level="Thông hiểu",
                 points=1.0, options=[Option("Diễn ra tại Hương Cảng (Trung Quốc).", True),
                                      Option("Do Trần Phú chủ trì.", False),
                                      Option("Thông qua Chánh cương vắn tắt.", True),
                                      Option("Diễn ra năm 1945.", False)]),
        Question(type="essay", stem="Phân tích ý nghĩa lịch sử của việc thành lập Đảng.", level="Vận dụng",
                 points=2.0, rubric=[RubricItem("Nêu được bước ngoặt của cách mạng", 1.0),
                                     RubricItem("Phân tích vai trò lãnh đạo", 1.0)]),
    ]
    export(examples, path)
