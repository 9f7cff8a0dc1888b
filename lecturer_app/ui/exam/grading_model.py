"""The grading grid: one row per learner, essay and oral scores editable, totals recomputed live."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from lecturer_app.core.errors import UserFacingError
from lecturer_app.exam.grading import (
    ORAL,
    GradingOptions,
    LearnerScore,
    Response,
    grade_label,
    part_label,
    score_learner,
)
from lecturer_app.exam.item_analysis import ItemStats
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.remarks import (
    QUESTION,
    Remark,
    chain_text,
    changed_components,
    check_part,
    checked_mark,
    component_maximum,
    current_value,
    keep,
    mark_text,
    remark,
    set_value,
    shown_time,
)
from lecturer_app.exam.scan_notes import is_scan_doubt
from lecturer_app.exam.vn_numbers import decimal_comma, parse_decimal
from lecturer_app.exporters.exam.score_sheet import item_comment, sorted_scores
from lecturer_app.i18n import N_, SCREEN, _, ngettext, ui_number
from lecturer_app.importers.exam_answers import corrected_answer, settle_answer_flag
from lecturer_app.ui.exam.blueprint_model import three_lines

Index = QModelIndex | QPersistentModelIndex
_FIXED = (N_("Họ và tên"), N_("SBD"), N_("Mã đề"), N_("Số câu đúng"), N_("Điểm trắc nghiệm"))
_OBJECTIVE = (3, 4)  # «Số câu đúng» and «Điểm trắc nghiệm»: where an answer corrected on appeal shows
REMARKED = QColor("#fff1b8")  # a mark changed on appeal: pale amber, readable with black text
SCAN_DOUBT = QColor("#ffd8a8")  # a doubt of the scanner not yet settled: the review screen's orange


@dataclass(frozen=True)
class RemarkQuestion:
    """What the reason dialog shows: whose mark, which one, from what to what."""

    name: str
    sbd: str
    component: str
    before: str
    after: str
    effect: str = ""  # an answer corrected: what it does to the learner's scores, in words


class GradingModel(QAbstractTableModel):
    """Learners in Vietnamese name order; TL1…TLk and Vấn đáp are editable.

    Signals:
        rescored(): a score was edited and the totals changed.
        refused(str): a typed mark was not a number (the text typed); the cell keeps its mark.
        remark_refused(str): a change on appeal was refused (why, in words); the cell keeps its mark.
        mark_edited(): a mark was typed or cleared, or an answer corrected (not only rescored by another rule).

    Attributes:
        remarks: the phúc khảo record, oldest first (``exam.remarks``).
        ask_reason: set once the marks were saved: every change then needs a reason (None = Hủy, the mark
            stays) and is added to *remarks* with *author*; unset, marks are typed freely (first marking).
    """

    rescored = Signal()
    refused = Signal(str)
    remark_refused = Signal(str)
    mark_edited = Signal()

    def __init__(self, manifest: ExamManifest, responses: list[Response],
                 options: GradingOptions = GradingOptions(), parent=None) -> None:
        super().__init__(parent)
        self.manifest = manifest
        self.options = options
        self.essays = max((len(v.essays) for v in manifest.versions.values()), default=0)
        self.scores: list[LearnerScore] = sorted_scores([score_learner(r, manifest, options) for r in responses])
        self.headers = [*_FIXED, *[f"TL{n}" for n in range(1, self.essays + 1)], N_("Vấn đáp"),
                        N_("Tổng điểm"), N_("Xếp loại"), N_("Thiếu điểm"), N_("Ghi chú")]
        self.remarks: list[Remark] = []
        self.ask_reason: Callable[[RemarkQuestion], str | None] | None = None
        self.author = ""

    def set_options(self, options: GradingOptions) -> None:
        """Rescore every learner by the rule of *options* (e.g. another oral weight)."""
        self.options = options
        self.scores = [score_learner(s.response, self.manifest, options) for s in self.scores]
        if self.scores:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.scores) - 1, len(self.headers) - 1))
        self.rescored.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.scores)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            # An essay column keeps the answer file's name ("TL1") as its key and reads "Essay 1" in English.
            label = part_label(self.headers[section]) if self._is_essay(section) else _(self.headers[section])
            # A header is as wide as its longest line, and most columns hold a short number; «Ghi chú» is wide.
            return three_lines(label) if section < len(self.headers) - 1 else label
        return None

    def _is_essay(self, column: int) -> bool:
        return len(_FIXED) <= column < len(_FIXED) + self.essays

    def _editable(self, column: int) -> bool:
        return len(_FIXED) <= column <= len(_FIXED) + self.essays

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self._editable(index.column()) else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.scores):
            return None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole):
            return self._remark_data(index, role) or self._scan_doubt_data(index, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() >= len(self.headers) - 2:
                # «Thiếu điểm» and «Ghi chú» take the room the grid leaves and wrap: the whole text here too.
                return self.data(index) or None
            return "\n".join(filter(None, (self._remark_data(index, role), self._kept_text(index),
                                            self._scan_doubt_data(index, role)))) or None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        score = self.scores[index.row()]
        r = score.response
        values: list[Any] = [r.name, r.sbd, r.code, str(sum(score.correct)), shown_score(score.objective)]
        # A score nobody has entered stays blank (the total counts it as 0 until then), so it does not read as 0;
        # one out of range shows as typed (the total counts 0, "Thiếu điểm" and "Ghi chú" say why), not as a 0.
        values += [shown_score(r.essay_scores[n]) if n in r.essay_scores else ""
                   for n in range(1, len(score.essays) + 1)]
        values += [""] * (self.essays - len(score.essays))
        values += ["" if score.oral is None else shown_score(score.oral), shown_score(score.total),
                   grade_label(score.grade), ", ".join(map(part_label, score.missing)), score.worded_notes(SCREEN)]
        return values[index.column()]

    def component(self, column: int) -> str:
        """The mark an editable column holds: "TL1"… or «Vấn đáp»."""
        return f"TL{column - len(_FIXED) + 1}" if self._is_essay(column) else ORAL

    def _remark_data(self, index: Index, role: int) -> Any:
        """A mark changed on appeal is tinted and bold (seen without colour too); its tooltip gives each change.

        An answer corrected shows so on «Số câu đúng» and «Điểm trắc nghiệm», the grid having no column per
        question; their tooltip gives each question's changes.
        """
        chains = self._chains(index) if self.remarks else []
        if not chains:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return REMARKED
        if role == Qt.ItemDataRole.FontRole:
            bold = QFont()
            bold.setBold(True)
            return bold
        if len(chains) == 1 and not chains[0][0].startswith(QUESTION):
            chain = chains[0][1]
            return "\n".join([_("Phúc khảo: {chain}").format(chain=_chain(chain)), *_change_lines(chain)])
        return "\n".join(line for part, chain in chains for line in [
            _("Phúc khảo {part}: {chain}").format(part=part_label(part), chain=_chain(chain)), *_change_lines(chain)])

    def _kept_text(self, index: Index) -> str:
        """The appeals of the cell at *index* whose mark was kept, one a line (the cell is not tinted: it did not
        change)."""
        if not self.remarks or not (index.column() in _OBJECTIVE or self._editable(index.column())):
            return ""
        response = self.scores[index.row()].response
        wanted = (lambda part: part.startswith(QUESTION)) if index.column() in _OBJECTIVE else (
            lambda part: part == self.component(index.column()))
        return "\n".join(_("Phúc khảo {part}: giữ nguyên «{value}»: {reason} ({author}, {at})").format(
            part=part_label(k.component), value=ui_number(k.before) or _("trống"), reason=k.reason, author=k.author,
            at=shown_time(k.at)) for k in self.remarks if k.kept and k.same_learner(response) and wanted(k.component))

    def _scan_doubt_data(self, index: Index, role: int) -> Any:
        """A learner whose scanned sheet still has a doubt nobody settled: the name and «Ghi chú» are tinted as
        the review screen tints it, and the name's tooltip lists the doubts (the score may rest on a misread)."""
        doubts = [note for note in self.scores[index.row()].notes if is_scan_doubt(note)]
        if not doubts or index.column() not in (0, len(self.headers) - 1):
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return SCAN_DOUBT
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([_("Phiếu quét còn chỗ nghi ngờ chưa xem lại; điểm có thể đọc sai:"),
                              *(note(SCREEN) for note in doubts)])
        return None

    def _chains(self, index: Index) -> list[tuple[str, list[Remark]]]:
        """The changes shown in the cell at *index*: its mark's, or (objective columns) each answer's."""
        changed = changed_components(self.scores[index.row()].response, self.remarks)
        if index.column() in _OBJECTIVE:
            questions = [part for part in changed if part.startswith(QUESTION)]
            return [(part, changed[part]) for part in sorted(questions, key=lambda part: int(part[len(QUESTION):]))]
        if not self._editable(index.column()):
            return []
        component = self.component(index.column())
        return [(component, changed[component])] if component in changed else []

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self._editable(index.column()):
            return False
        try:
            number = parse_decimal(str(value))
        except ValueError:
            self.refused.emit(str(value))
            return False
        response = self.scores[index.row()].response
        component = self.component(index.column())
        if self.ask_reason is not None and not self._remarked(response, component, str(value)):
            return False
        if self.ask_reason is None:
            set_value(response, component, number)
        self._rescore(index.row())
        return True

    def _remarked(self, response: Response, component: str, text: str) -> bool:
        """A change on appeal: a valid mark, a reason asked for and recorded; False leaves the mark as it was."""
        assert self.ask_reason is not None
        before = current_value(response, component)
        try:
            number = checked_mark(text, component_maximum(component, response, self.manifest))
        except UserFacingError as exc:
            self.remark_refused.emit(str(exc))
            return False
        if mark_text(number) == before:
            return False  # the same mark typed again: nothing changed, nothing to record
        reason = self.ask_reason(RemarkQuestion(response.name, response.sbd, component, before, mark_text(number)))
        if reason is None or not reason.strip():
            return False
        set_value(response, component, number)
        self.remarks.append(remark(response, component, before, reason, self.author))
        return True


    def correct_answer(self, row: int, number: int, text: str,
                       ask_reason: Callable[[RemarkQuestion], str | None]) -> bool:
        """Learner *row*'s answer to question *number* corrected on appeal to *text* (checked as `exam remark
        --answer` checks it), with the reason *ask_reason* gives; False leaves the answer as it was.

        Always recorded, even before the marks were first saved: unlike a mark typed for the first time, the
        answer was already there (the learner's paper, the scanner's reading), and it decides the score.
        The exam's key is only read.
        """
        response = self.scores[row].response
        component = f"{QUESTION}{number}"
        before = current_value(response, component)
        try:
            answer = corrected_answer(text, component, response, self.manifest)
        except UserFacingError as exc:
            self.remark_refused.emit(str(exc))
            return False
        if answer == before:
            return False  # the same answer again: nothing changed, nothing to record
        reason = ask_reason(RemarkQuestion(response.name, response.sbd, component, before, answer,
                                           self.answer_effect(row, component, answer)))
        if reason is None or not reason.strip():
            return False
        set_value(response, component, answer)
        settle_answer_flag(response, component)
        self.remarks.append(remark(response, component, before, reason, self.author))
        self._rescore(row)
        return True

    def appeal_parts(self, row: int) -> list[str]:
        """The parts of learner *row*'s paper an appeal can be about: its essays, the oral mark (when the exam has
        an oral part or the learner a mark), then its objective questions."""
        response = self.scores[row].response
        version = self.manifest.versions[response.code]
        oral = [ORAL] if self.options.oral_weight or response.oral_score is not None else []
        return [*(f"TL{n}" for n in range(1, len(version.essays) + 1)), *oral,
                *(f"{QUESTION}{n}" for n in range(1, len(version.items) + 1))]

    def keep_mark(self, row: int, component: str, reason: str) -> bool:
        """Learner *row*'s *component* re-checked on appeal and kept, recorded with *reason*; no mark changes.

        Recorded whenever asked, as an answer corrected is: the appeal is about a mark already given.
        """
        response = self.scores[row].response
        try:
            check_part(component, response, self.manifest)
            self.remarks.append(keep(response, component, reason, self.author))
        except UserFacingError as exc:
            self.remark_refused.emit(str(exc))
            return False
        self.mark_edited.emit()  # the record changed: the file needs saving, the minutes have a row more
        self.rescored.emit()
        return True

    def answer_effect(self, row: int, component: str, answer: str) -> str:
        """"Điểm trắc nghiệm 4,5 → 5,25; tổng điểm 6,8 → 7,5": the scores *answer* would give learner *row*."""
        now = self.scores[row]
        changed = replace(now.response, answers=list(now.response.answers))
        set_value(changed, component, answer)
        then = score_learner(changed, self.manifest, self.options)
        return _("Điểm trắc nghiệm {before} → {after}; tổng điểm {total_before} → {total_after}").format(
            before=shown_score(now.objective), after=shown_score(then.objective),
            total_before=shown_score(now.total), total_after=shown_score(then.total))

    def _rescore(self, row: int) -> None:
        self.scores[row] = score_learner(self.scores[row].response, self.manifest, self.options)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))
        self.mark_edited.emit()
        self.rescored.emit()


def _chain(chain: list[Remark]) -> str:
    """"2,5 → 3,75" as the screen writes numbers."""
    return chain_text(chain, _("trống"), ui_number)


def _change_lines(chain: list[Remark]) -> list[str]:
    """Each change of *chain* with its reason, author and time."""
    return [_("{before} → {after}: {reason} ({author}, {at})").format(
        before=ui_number(c.before) or _("trống"), after=ui_number(c.after) or _("trống"), reason=c.reason,
        author=c.author, at=shown_time(c.at)) for c in chain]


class ItemAnalysisModel(QAbstractTableModel):
    """Read-only: difficulty, discrimination and choices per question of the đề gốc."""

    HEADERS = (N_("Câu"), N_("Nội dung"), N_("Đáp án"), N_("Độ khó"), N_("Độ phân biệt"), "A", "B", "C", "D",
               N_("Bỏ trống"), N_("Không hợp lệ"), N_("Nhận xét"))

    def __init__(self, items: list[ItemStats] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.items = items or []

    def set_items(self, items: list[ItemStats]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return item.stem
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        counts = [str(n) for n in item.option_counts[:4]] + [""] * (4 - min(4, len(item.option_counts)))
        values = [str(item.number), item.stem[:80], item.correct_letters, shown_score(item.difficulty),
                  shown_score(item.discrimination), *counts, str(item.blank), str(item.invalid),
                  item_comment(item)]
        return values[index.column()]


def shown_score(value: float) -> str:
    """A score (or an item statistic) on screen: two decimals at most, the UI language's decimal mark."""
    return ui_number(decimal_comma(value, 2))


def missing_essay_count(scores: list) -> int:
    """How many essay scores are still to be entered, over all learners."""
    return sum(1 for score in scores for n in range(1, len(score.essays) + 1) if n not in score.response.essay_scores)


def learner_count_text(count: int) -> str:
    return ngettext("{n} học viên", count).format(n=count)
