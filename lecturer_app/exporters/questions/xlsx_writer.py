"""Questions → the app's Excel template (and the empty template to download).

One row per question in the columns of ``core.question_template``; pictures
of the stem are written to a ``<name>_hinh`` folder next to the workbook and
named in "Hình ảnh", which is where the importer looks for them; the group
(a shared passage) is written as its id in "Nhóm".  Option pictures are not
carried (reported).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lecturer_app.core.model import Option, Question, RubricItem
from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exporters.office_properties import stamp_xlsx
from lecturer_app.exporters.questions.common import (
    ExportContext,
    ExportReport,
    writable,
)
from lecturer_app.exporters.workbook import save_workbook
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


def export(questions: Sequence[Question], path: Path, context: ExportContext | None = None) -> ExportReport:
    from openpyxl import Workbook

    context = context or ExportContext()
    report = ExportReport()
    questions = writable(questions)
    width = max([MIN_OPTION_COLUMNS, *(len(q.options) for q in questions)])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(headers(width))
    for number, question in enumerate(questions, start=1):
        sheet.append(_row(number, question, width, context, report, path))
        report.written += 1
    _style(sheet, width)
    stamp_xlsx(workbook, title=_("Ngân hàng câu hỏi"))
    save_workbook(workbook, path)
    return report


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


def _style(sheet: Any, width: int) -> None:
    from openpyxl.styles import Alignment, Font

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"Câu hỏi": 60, "Hướng dẫn chấm": 40, "Giải thích": 30}
    for cell in sheet[1]:
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = widths.get(cell.value, 18 if "Phương án" in str(cell.value) else 12)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
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
