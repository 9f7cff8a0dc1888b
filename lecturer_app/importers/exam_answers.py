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

One bad row never rejects the file (issue #12): ``read_answer_file`` grades
every row it can, lists the rows it cannot (no or unknown mã đề, a score that
is not a number) with their line and reason, and flags doubtful rows without
guessing (an answer that is no option, several letters on a single-answer
question, duplicate SBD, an SBD that cannot be one, empty name, short row).  A file ``exam scan`` wrote
(its «Ghi chú» and «Trang» columns) also flags every doubt of the scanner
that still stands in a row (exam/scan_notes.py): graded, never silently.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.core.text.normalize import fold
from lecturer_app.exam.grading import ORAL_WEIGHT_LABEL, RULE_SHEET, RejectedRow, Response, part_label
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest, ItemInfo
from lecturer_app.exam.remarks import QUESTION, REMARK_HEADER, REMARK_SHEET, Remark, disagreements, recorded
from lecturer_app.exam.scan_notes import NOTES_HEADER, PAGE_HEADER, QUESTION_DOUBT, SHEET_DOUBT, standing_doubts
from lecturer_app.exam.vn_numbers import parse_decimal
from lecturer_app.formats.tabular import Row, match_header, read_table
from lecturer_app.i18n import N_, NP_, SCREEN, Message, _, joined, plain

_META = {
    "name": ("ho va ten", "ho ten", "hoc vien", "ten hoc vien", "name", "full name", "ho va ten hoc vien"),
    "sbd": ("sbd", "so bao danh", "student id", "ma hoc vien"),
    "code": ("ma de", "ma de thi", "de so", "version", "code"),
}
# Columns that are never quiz questions: Forms' own columns and learner details a form often asks for.
_IGNORED = ("dau thoi gian", "timestamp", "dia chi email", "email address", "email", "diem", "score",
            "diem so", "tong diem", "stt", "lop", "don vi", "chi bo", "chi bo/don vi", "ngay sinh",
            "gioi tinh", "so dien thoai", "ho dem", "ten", "ghi chu")
# Column numbers of at most six digits: a header of thousands of digits is no question number (and int()
# refuses it).
_ESSAY = re.compile(r"^(tl|tu luan|cau tl|cau tu luan)\s*(\d{1,6})$")
_ORAL = ("van dap", "vd", "diem van dap", "oral")
# What an SBD may hold: the scanner's six digits, a school's typed numbers ("01") and the mã học viên some lists
# put there ("HV-2024/07", "K45.012", "TP 0123"): letters, digits, - . / _ and spaces.  Anything else (the
# scanner's "?" copied by hand, "*") is no SBD, nor a cell without a digit ("vắng", a name in the wrong column).
_SBD_SIGN = re.compile(r"[^\w\-./ ]")


@dataclass(frozen=True)
class _Layout:
    meta: dict[str, int]
    questions: list[int]
    essays: dict[int, int]
    oral: int | None
    width: int = 0
    scan_notes: int | None = None  # the «Ghi chú» of a file the scanner wrote: its doubts are read


@dataclass
class AnswerFile:
    """What an answer file gave: the gradable rows, the rows that are not, and file-level warnings.

    Attributes:
        has_oral: the file gives at least one oral score (the exam then has an oral part by default);
            an empty Vấn đáp column, as the answer template has, does not count.
        oral_weight: the oral weight the marks were given under, when the file says it (its «Cách tính»
            sheet, written by «Lưu bài làm và điểm…»); None otherwise.
        remarks: the phúc khảo record (its «Phúc khảo» sheet), oldest first; kept and written again on save.
        marks_saved: the file was written by «Lưu bài làm và điểm…» (it has a «Cách tính» sheet): a mark
            changed from now on is a change on appeal, recorded with its reason.
    """

    responses: list[Response] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    has_oral: bool = False
    oral_weight: float | None = None
    remarks: list[Remark] = field(default_factory=list)
    marks_saved: bool = False


class _BadRow(ValueError):
    def __init__(self, reason: Message) -> None:
        super().__init__(reason(SCREEN))
        self.reason = reason


def read_answer_file(path: Path, manifest: ExamManifest) -> AnswerFile:
    """Every learner row of *path*: good rows become responses (flagged when doubtful), bad rows are listed."""
    rows = list(read_table(path))
    rule = [row for row in rows if row.sheet == RULE_SHEET]
    remarks = [row for row in rows if row.sheet == REMARK_SHEET]
    rows = [row for row in rows if row.sheet not in (RULE_SHEET, REMARK_SHEET)]
    header_at, layout = _find_header(rows, path)
    result = AnswerFile(marks_saved=bool(rule), remarks=_remarks(remarks))
    result.oral_weight = _saved_oral_weight(rule, result.warnings)
    for row in rows[header_at + 1:]:
        if not any(row.cells):
            continue
        try:
            result.responses.append(_response(row, layout, manifest))
        except _BadRow as exc:
            result.rejected.append(_rejected(row, layout, exc.reason))
    if not result.responses and not result.rejected:
        raise InputFileError(path, "", _("không có dòng bài làm nào dưới dòng tiêu đề"))
    _flag_duplicates(result.responses)
    result.has_oral = any(r.oral_score is not None for r in result.responses)
    result.warnings.extend(_column_warnings(layout, manifest))
    result.warnings.extend(disagreements(result.responses, result.remarks))
    return result


def _remarks(rows: list[Row]) -> list[Remark]:
    """The «Phúc khảo» sheet's appeals in file order (its header row and blank rows skipped), kept ones marked."""
    width = len(REMARK_HEADER)
    return [recorded(list(row.cells)) for row in rows if any(row.cells) and tuple(row.cells[:width]) != REMARK_HEADER]


def _saved_oral_weight(rows: list[Row], warnings: list[str]) -> float | None:
    """The «Tỉ trọng vấn đáp» row of the rule sheet; one that is no weight from 0 to 1 is said, not used."""
    for row in rows:
        if len(row.cells) < 2 or " ".join(fold(row.cells[0]).split()) != fold(ORAL_WEIGHT_LABEL):
            continue
        try:
            weight = parse_decimal(row.cells[1])
        except ValueError:
            weight = -1.0
        if weight is not None and 0 <= weight <= 1:
            return weight
        warnings.append(_("Tỉ trọng vấn đáp ở {where} không phải là số từ 0 đến 1: «{text}»; dùng tỉ trọng mặc "
                          "định.").format(where=row.where(), text=row.cells[1]))
    return None


def read_responses(path: Path, manifest: ExamManifest) -> list[Response]:
    """Every learner row of *path*, or an error naming the first row that cannot be graded."""
    result = read_answer_file(path, manifest)
    if result.rejected:
        raise InputFileError(path, result.rejected[0].where(SCREEN), result.rejected[0].reason(SCREEN))
    return result.responses


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
        elif re.fullmatch(r"(cau\s*)?\d{1,6}", folded):
            numbered[int(re.sub(r"\D", "", folded))] = index
        else:
            others.append(index)
    questions = [numbered[n] for n in sorted(numbered)] if numbered else others
    width = max((i for i, cell in enumerate(cells) if cell), default=-1) + 1
    return _Layout(meta, questions, essays, oral, width, _scan_notes_column(cells))


def _scan_notes_column(cells: tuple[str, ...]) -> int | None:
    """The «Ghi chú» column when the header also has «Trang», as only the scanner writes it: a «Ghi chú» the
    lecturer added to a typed file holds their own remarks, which grading ignores as before."""
    folded = [" ".join(fold(cell).split()) for cell in cells]
    notes, page = fold(NOTES_HEADER), fold(PAGE_HEADER)
    return folded.index(notes) if notes in folded and page in folded else None


def _cell(row: Row, index: int | None) -> str:
    return row.cells[index] if index is not None and index < len(row.cells) else ""


def _rejected(row: Row, layout: _Layout, reason: Message) -> RejectedRow:
    return RejectedRow(row.place(), reason, *(_cell(row, layout.meta.get(k)) for k in ("name", "sbd", "code")))


def _response(row: Row, layout: _Layout, manifest: ExamManifest) -> Response:
    """One learner's row; raises _BadRow when it cannot be graded at all."""
    written = _cell(row, layout.meta.get("code"))
    if not written.strip():
        raise _BadRow(Message.of(N_("thiếu mã đề")))
    code = _match_code(written, manifest)
    if code is None:
        raise _BadRow(Message.of(N_("mã đề '{code}' không có trong đề này"), code=written))
    essays = {n: score for n, col in layout.essays.items()
              if (score := _score(_cell(row, col), plain(f"TL{n}"))) is not None}
    oral = _score(_cell(row, layout.oral), Message.of(N_("Vấn đáp"))) if layout.oral is not None else None
    items = manifest.versions[code].items
    flags = _row_flags(row, layout)
    answers = []
    for number, item in enumerate(items, start=1):
        column = layout.questions[number - 1] if number <= len(layout.questions) else None
        answer, problem = answer_problem(_cell(row, column), item)
        answers.append(answer)
        if problem is not None:
            flags.append(_answer_flag(number, problem))
    flags += _scan_doubt_flags(row, layout)
    flags += _sbd_flags(_cell(row, layout.meta.get("sbd")), flags)
    return Response(_cell(row, layout.meta.get("name")), _cell(row, layout.meta.get("sbd")), code, answers,
                    essays, oral, row.place(), flags)


def _scan_doubt_flags(row: Row, layout: _Layout) -> list[Message]:
    """A note for each doubt of the scanner that still stands in *row* (none for a file the scanner did not
    write)."""
    if layout.scan_notes is None:
        return []
    typed = {number: _cell(row, column) for number, column in enumerate(layout.questions, start=1)}
    return [doubt.note() for doubt in standing_doubts(_cell(row, layout.scan_notes), typed)]


def _sbd_flags(sbd: str, flags: list[Message]) -> list[Message]:
    """A note when *sbd* cannot be an SBD: flagged, not refused, as the answers were read; the stderr line and the
    grid name the row.  None for an empty SBD («thiếu SBD» says it) or a scanned row whose sheet doubt stands
    (the scanner's own line says why a digit is "?")."""
    sbd = sbd.strip()
    if not sbd or any(flag.message == SHEET_DOUBT for flag in flags):
        return []
    signs = list(dict.fromkeys(_SBD_SIGN.findall(sbd)))
    if signs:
        return [Message.of(N_("SBD '{sbd}' có ký tự không thể có trong số báo danh ({signs}): đối chiếu phiếu gốc "
                              "hoặc danh sách dự thi rồi sửa SBD"), sbd=sbd, signs=", ".join(signs))]
    if not any(ch.isdigit() for ch in sbd):
        return [Message.of(N_("SBD '{sbd}' không có chữ số nào: đối chiếu phiếu gốc hoặc danh sách dự thi rồi sửa "
                              "SBD"), sbd=sbd)]
    return []


def _score(text: str, name: Message) -> float | None:
    """An entered score (decimal comma or point); _BadRow for text that is not a number.
"""
    try:
        value = parse_decimal(text)
    except ValueError:
        value = float("nan")
    if value is not None and not math.isfinite(value):
        raise _BadRow(Message.of(N_("{name}: '{text}' không phải là số"), name=name, text=text))
    return value


def _row_flags(row: Row, layout: _Layout) -> list[Message]:
    flags = []
    if "name" in layout.meta and not _cell(row, layout.meta["name"]).strip():
        flags.append(Message.of(N_("thiếu họ và tên")))
    if "sbd" in layout.meta and not _cell(row, layout.meta["sbd"]).strip():
        flags.append(Message.of(N_("thiếu SBD")))
    if len(row.cells) < layout.width:
        flags.append(Message.of(N_("dòng thiếu ô: có {got} ô, dòng tiêu đề có {want} cột (ô thiếu được coi là bỏ "
                                   "trống)"), got=len(row.cells), want=layout.width))
    return flags


def _flag_duplicates(responses: list[Response]) -> None:
    """Every row whose SBD another row also has is flagged, naming the other rows."""
    rows: dict[str, list[Response]] = {}
    for response in responses:
        if response.sbd.strip():
            rows.setdefault(response.sbd.strip(), []).append(response)
    for sbd, same in rows.items():
        for response in same if len(same) > 1 else []:
            others = joined(", ", [r.where for r in same if r is not response])
            response.flags.append(Message.of(N_("SBD {sbd} trùng với {others}"), sbd=sbd, others=others))


def _column_warnings(layout: _Layout, manifest: ExamManifest) -> list[str]:
    found = len(layout.questions)
    warnings = []
    for code, version in sorted(manifest.versions.items()):
        if found != len(version.items):
            warnings.append(_("Tệp có {found} cột câu hỏi nhưng mã đề {code} có {want} câu trắc nghiệm.").format(
                found=found, code=code, want=len(version.items)))
    return warnings


def _match_code(value: str, manifest: ExamManifest) -> str | None:
    value = value.strip()
    if value in manifest.versions:
        return value
    # A number a spreadsheet rewrote ("001" → 1, "101" → "101.0"); any other text ("101.5") is not guessed.
    number = re.fullmatch(r"(\d{1,9})(?:\.0*)?", value)
    for code in manifest.versions:
        if number and re.fullmatch(r"\d{1,9}", code) and int(code) == int(number.group(1)):
            return code
    return None


def normalise_answer(value: str, item: ItemInfo) -> str:
    """"a", "A.", "A. 1930" or the option's text → "A"; several (", "-separated) → "AC"; blank → ""."""
    return check_answer(value, item)[0]


def check_answer(value: str, item: ItemInfo) -> tuple[str, str]:
    """The answer in the key's spelling, and why it cannot be right in the UI language ("" when it is a valid
    answer or blank); ``answer_problem`` says why language-neutrally."""
    answer, problem = answer_problem(value, item)
    return answer, problem(SCREEN) if problem is not None else ""


def answer_problem(value: str, item: ItemInfo) -> tuple[str, Message | None]:
    """The answer in the key's spelling, and why it cannot be right (None when it is a valid answer or blank).

    A letter outside the question's options (E, X, ?, or C on a two-option
    question) or several letters on a single-choice question is an error,
    never a blank: it scores nothing and is reported.
    """
    value = value.strip()
    if not value:
        return "", None
    if item.type == "short_answer":
        return value, None
    if item.type == "true_false_4":
        return _true_false(value, item)
    valid = option_letters(item)
    compact = re.sub(r"[\s,;.]", "", value).upper()
    if item.type == "multiple_choice" and compact and all(ch in valid for ch in compact):
        return "".join(sorted(set(compact))), None  # "AC", "a, c"
    parts = [p for p in re.split(r"\s*[,;]\s*", value) if p] if item.type == "multiple_choice" else [value]
    letters = [_letter(part, item) for part in parts]
    if all(letters) and all(letter in valid for letter in letters):
        return "".join(sorted(set(letters))), None
    return _letters_problem(value, item, valid)


def option_letters(item: ItemInfo) -> str:
    """The letters a choice question's answer may use ("ABCD"), as its options are printed."""
    return LETTERS[:len(item.options)] if item.options else LETTERS[:4]


# A reading's note about one answer: "Câu 5: 'E' không phải phương án của câu (A–D)".
_ANSWER_FLAG = N_("Câu {n}: {problem}")


def _answer_flag(number: int, problem: Message) -> Message:
    return Message.of(_ANSWER_FLAG, n=number, problem=problem)


def corrected_answer(text: str, component: str, response: Response, manifest: ExamManifest) -> str:
    """*text* typed on appeal as the learner's answer to *component* ("Câu N" of their paper), in the key's
    spelling; an error when their paper has no such question or *text* is no answer to it.

    The one check of `exam remark --answer` and the grading screen's «Sửa bài làm trắc nghiệm…», so the same
    correction is refused, or written, alike by both.
    """
    items = manifest.versions[response.code].items
    number = int(component[len(QUESTION):])
    if not 1 <= number <= len(items):
        raise UserFacingError(_("{part}: mã đề {code} có {n} câu trắc nghiệm.").format(
            part=part_label(component), code=response.code, n=len(items)))
    answer, problem = check_answer(text, items[number - 1])
    if problem:
        raise UserFacingError(f"{part_label(component)}: {problem}")
    return answer


def settle_answer_flag(response: Response, component: str) -> None:
    """Drop the notes the reading made about *component*'s answer (an E, two letters, a doubt of the scanner…):
    it was corrected, as reading the file written after the correction would no longer note it."""
    number = int(component[len(QUESTION):])
    response.flags[:] = [flag for flag in response.flags
                         if not (flag.message in (_ANSWER_FLAG, QUESTION_DOUBT)
                                 and dict(flag.params).get("n") == number)]


def _letters_problem(value: str, item: ItemInfo, valid: str) -> tuple[str, Message]:
    compact = re.sub(r"[\s,;.]", "", value).upper()
    if item.type == "single_choice" and len(compact) > 1 and all(ch in valid for ch in compact):
        return compact, Message.of(N_("nhiều đáp án '{value}' cho câu chỉ có một đáp án đúng"), value=value)
    return value.upper(), Message.of(N_("'{value}' không phải phương án của câu ({first}–{last})"),
                                     value=value, first=valid[0], last=valid[-1])


def _true_false(value: str, item: ItemInfo) -> tuple[str, Message | None]:
    """Four Đ/S letters; D is read as Đ (keyboards without Vietnamese input type D)."""
    answer = re.sub(r"[\s,;.]", "", value).upper().replace("D", "Đ")
    want = len(item.key) or 4
    if len(answer) == want and set(answer) <= {"Đ", "S"}:
        return answer, None
    return answer, Message.of(NP_("'{value}' không hợp lệ: cần {n} chữ Đ/S"), want, value=value, n=want)




def _letter(part: str, item: ItemInfo) -> str:
    """An option's full text wins; otherwise a leading letter ("b", "B.", "B) 1930")."""
    folded = fold(part)
    for index, option in enumerate(item.options):
        if fold(option) == folded:
            return LETTERS[index]
    head = re.match(r"^([A-Ha-h])(?:[.):]\s*.*)?$", part.strip())
    return head.group(1).upper() if head else ""
