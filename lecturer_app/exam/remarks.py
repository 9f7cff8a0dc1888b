"""The phúc khảo record: every appeal handled after the marks were first saved, with who, when, from what and why.

An appeal's outcome is a ``Remark`` (learner, component, before, after,
reason, author, time): a change, or a mark re-checked and kept («Giữ
nguyên», ``kept``: *after* is *before*, and nothing is graded differently).
The record lives in the answers-and-marks file itself (its «Phúc khảo»
sheet, ``exporters.exam.responses_xlsx`` writes it, ``importers.exam_answers``
reads it back), never in the store: the file is already the whole grading
(grading keeps no state), it stays with the exam folder on this machine, and
learners' marks never reach the shared bank or a sync (docs/design/exams.md).

Values are kept as the screen shows them (a mark with a decimal comma, an
answer as letters; "" = no mark), so the record reads the same in Excel, on
the score sheet and in the biên bản.  Changing the same mark twice chains:
the second change's *before* is the first change's *after*.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.text.normalize import fold
from lecturer_app.exam.grading import ORAL, Response
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.vn_numbers import decimal_comma, parse_decimal
from lecturer_app.i18n import _, ui_number

REMARK_SHEET = "Phúc khảo"
REMARK_HEADER = ("SBD", "Họ và tên", "Thành phần", "Điểm cũ", "Điểm mới", "Lý do", "Người sửa", "Thời điểm")
# A ninth column, written only when a mark was kept: a record of changes alone stays the file it was, and an
# app older than kept appeals reads the first eight columns and sees a kept row as a change to the same mark.
OUTCOME_HEADER = "Kết quả"
KEPT = "Giữ nguyên"
CHANGED = "Thay đổi"
QUESTION = "Câu "  # an objective answer's component: "Câu 5" (its number in the learner's paper)


@dataclass(frozen=True)
class Remark:
    """The outcome of one appeal of one learner's mark (or answer): changed, or re-checked and kept.

    Attributes:
        component: "TL1"…, «Vấn đáp», or "Câu N" (an answer corrected).
        before, after: as shown ("7,5", "B"); "" = no mark.  A kept mark has *after* equal to *before*.
        at: local time with its offset, ISO 8601 to the second.
        kept: the mark was re-checked and kept («Giữ nguyên»): no change, nothing graded differently.
    """

    sbd: str
    name: str
    component: str
    before: str
    after: str
    reason: str
    author: str
    at: str
    kept: bool = False

    def row(self) -> list[str]:
        return [self.sbd, self.name, self.component, self.before, self.after, self.reason, self.author, self.at]

    @property
    def outcome(self) -> str:
        """«Giữ nguyên» or «Thay đổi», as the sheet and the minutes write it (a document word: not translated)."""
        return KEPT if self.kept else CHANGED

    def same_learner(self, response: Response) -> bool:
        return (self.sbd, self.name) == (response.sbd, response.name)


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def shown_time(at: str) -> str:
    """"2026-12-05T14:30:00+07:00" → "05/12/2026 14:30" (as Vietnamese minutes write it); other text as is."""
    try:
        return datetime.fromisoformat(at).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return at


def mark_text(value: float | None) -> str:
    return "" if value is None else decimal_comma(value, 2)


def component_name(text: str) -> str:
    """What the lecturer typed ("tl1", "van dap", "5", "câu 5") → the record's name ("TL1", «Vấn đáp», "Câu 5")."""
    folded = " ".join(fold(text).split())
    if folded in ("van dap", "vd", "oral"):
        return ORAL
    compact = folded.replace(" ", "")
    if compact.startswith("tl") and compact[2:].isdigit():
        return f"TL{int(compact[2:])}"
    number = compact.removeprefix("cau")
    if number.isdigit():
        return f"{QUESTION}{int(number)}"
    raise UserFacingError(_("Thành phần «{text}» không có: cần TL1, TL2…, Vấn đáp hoặc số câu trắc nghiệm.").format(
        text=text))


def component_maximum(component: str, response: Response, manifest: ExamManifest) -> float:
    """The highest mark *component* can take in *response*'s paper; an error when the paper has no such part."""
    if component == ORAL:
        return 10.0
    essays = manifest.versions[response.code].essays
    number = int(component[2:])
    if not 1 <= number <= len(essays):
        raise UserFacingError(_("Mã đề {code} không có câu tự luận {n}.").format(code=response.code, n=number))
    return essays[number - 1][1]


def checked_mark(text: str, maximum: float) -> float | None:
    """A typed mark as the grid takes it (decimal comma or point, blank = no mark), within 0–*maximum*."""
    try:
        value = parse_decimal(text)
    except ValueError:
        value = math.nan
    if value is not None and not math.isfinite(value):
        raise UserFacingError(_("«{text}» không phải là điểm: hãy gõ một số, phần thập phân sau dấu phẩy "
                                "(ví dụ 8,5).").format(text=text))
    if value is not None and not 0 <= value <= maximum + 1e-9:
        raise UserFacingError(_("Điểm {got} ngoài khoảng 0–{max}.").format(
            got=ui_number(decimal_comma(value)), max=ui_number(decimal_comma(maximum))))
    return value


def current_value(response: Response, component: str) -> str:
    """*component* of *response* as the record writes it."""
    if component == ORAL:
        return mark_text(response.oral_score)
    if component.startswith(QUESTION):
        number = int(component[len(QUESTION):])
        return response.answers[number - 1] if number <= len(response.answers) else ""
    return mark_text(response.essay_scores.get(int(component[2:])))


def set_value(response: Response, component: str, value: float | str | None) -> None:
    """Put *value* (a mark, or an answer for "Câu N") into *response*."""
    if component == ORAL:
        response.oral_score = value if not isinstance(value, str) else None
    elif component.startswith(QUESTION):
        response.answers[int(component[len(QUESTION):]) - 1] = str(value or "")
    elif value is None or isinstance(value, str):
        response.essay_scores.pop(int(component[2:]), None)
    else:
        response.essay_scores[int(component[2:])] = value


def remark(response: Response, component: str, before: str, reason: str, author: str) -> Remark:
    """The record of *response*'s *component* changed from *before* to what it holds now."""
    if not reason.strip():
        raise UserFacingError(_("Cần ghi lý do sửa điểm (phúc khảo)."))
    return Remark(response.sbd, response.name, component, before, current_value(response, component),
                  " ".join(reason.split()), author, now_text())


def keep(response: Response, component: str, reason: str, author: str) -> Remark:
    """The record of *response*'s *component* re-checked on appeal and kept as it is («Giữ nguyên»)."""
    if not reason.strip():
        raise UserFacingError(_("Cần ghi lý do, kết luận giữ nguyên điểm (phúc khảo)."))
    held = current_value(response, component)
    if not held and not component.startswith(QUESTION):  # a blank answer is an answer; a blank mark is none
        raise UserFacingError(_("{part} của {name} chưa có điểm: không có điểm nào để giữ nguyên.").format(
            part=component, name=response.name))
    return Remark(response.sbd, response.name, component, held, held, " ".join(reason.split()), author, now_text(),
                  kept=True)


def check_part(component: str, response: Response, manifest: ExamManifest) -> None:
    """An error when *response*'s paper has no *component* (an essay or question it lacks)."""
    if component.startswith(QUESTION):
        count = len(manifest.versions[response.code].items)
        if not 1 <= int(component[len(QUESTION):]) <= count:
            raise UserFacingError(_("Mã đề {code} có {n} câu trắc nghiệm: không có {part}.").format(
                code=response.code, n=count, part=component))
    else:
        component_maximum(component, response, manifest)


def recorded(cells: list[str]) -> Remark:
    """A «Phúc khảo» sheet row (its cells) as a ``Remark``; kept when its «Kết quả» says so or, that column
    missing (the file saved again by an app older than kept appeals), when its mark before and after are the
    same, which no change ever has (a change to the same value is refused)."""
    padded = [*cells[:len(REMARK_HEADER) + 1], *[""] * (len(REMARK_HEADER) + 1 - len(cells))]
    sbd, name, component, before, after, reason, author, at, outcome = padded
    folded = " ".join(fold(outcome).split())
    kept = folded == fold(KEPT) if folded else before == after
    return Remark(sbd, name, component, before, after, reason, author, at, kept=kept)


def changes(remarks: list[Remark]) -> list[Remark]:
    """The changes among *remarks*: what the marks before the appeal and the score sheet are built from."""
    return [change for change in remarks if not change.kept]


@dataclass(frozen=True)
class AppealCounts:
    """The totals of a biên bản phúc khảo.

    Attributes:
        learners: đơn phúc khảo (one per learner who appealed).
        parts: the parts appealed (learner and component); each either *changed* (any change recorded) or *kept*.
    """

    learners: int
    parts: int
    changed: int
    kept: int


def appeal_counts(remarks: list[Remark]) -> AppealCounts:
    """How many learners appealed, how many parts, how many of those changed and how many kept."""
    outcome: dict[tuple[str, str, str], bool] = {}
    for appeal in remarks:
        part = (appeal.sbd, appeal.name, appeal.component)
        outcome[part] = outcome.get(part, False) or not appeal.kept
    changed = sum(outcome.values())
    return AppealCounts(len({(sbd, name) for sbd, name, _part in outcome}), len(outcome), changed,
                        len(outcome) - changed)


def by_learner(remarks: list[Remark]) -> dict[tuple[str, str], list[Remark]]:
    """The changes of each learner ((SBD, name)), in order: one pass, so a class is not scanned per learner."""
    grouped: dict[tuple[str, str], list[Remark]] = {}
    for change in remarks:
        grouped.setdefault((change.sbd, change.name), []).append(change)
    return grouped


def learner_key(response: Response) -> tuple[str, str]:
    return response.sbd, response.name


def before_appeal(response: Response, remarks: list[Remark]) -> Response | None:
    """*response* as it was before its first change on appeal; None when none of *remarks* changed it."""
    first: dict[str, str] = {}
    for change in changes(remarks):
        if change.same_learner(response):
            first.setdefault(change.component, change.before)
    if not first:
        return None
    earlier = replace(response, answers=list(response.answers), essay_scores=dict(response.essay_scores))
    for component, text in first.items():
        set_value(earlier, component, text if component.startswith(QUESTION) else parse_decimal(text))
    return earlier


def changed_components(response: Response, remarks: list[Remark]) -> dict[str, list[Remark]]:
    """The components of *response* changed on appeal, each with its chain of changes in order (kept ones not)."""
    chains: dict[str, list[Remark]] = {}
    for change in changes(remarks):
        if change.same_learner(response):
            chains.setdefault(change.component, []).append(change)
    return chains


def chain_text(chain: list[Remark], empty: str = "trống", number: Callable[[str], str] = str) -> str:
    """"2,5 → 3,75 → 4": a blank mark shows as *empty*, each value through *number* (a screen's decimal mark)."""
    values = [chain[0].before, *(change.after for change in chain)]
    return " → ".join(number(value) if value else empty for value in values)


def disagreements(responses: list[Response], remarks: list[Remark]) -> list[str]:
    """Marks that differ from the last value the record gives them, changed or kept (the file edited by hand since)."""
    problems = []
    grouped = by_learner(remarks)
    for response in responses:
        last: dict[str, str] = {}
        for appeal in grouped.get(learner_key(response), []):
            last[appeal.component] = appeal.after
        for component, after in last.items():
            held = current_value(response, component)
            if held != after:
                problems.append(_("{name} (SBD {sbd}): {part} trong bảng là «{held}», biên bản phúc khảo ghi "
                                  "«{last}»").format(name=response.name, sbd=response.sbd, part=component,
                                                     held=held, last=after))
    return problems
