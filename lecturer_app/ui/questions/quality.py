"""Kiểm tra chất lượng: the findings list, duplicates side by side, and merge.

«Gộp» asks first, naming the questions (the safe answer is the default, as
for a deletion), and the workspace then offers «Hoàn tác» for the merge.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.model import DEFAULT_LEVELS, Question
from lecturer_app.core.questions.checked_bank import BankCheck, CheckedBank
from lecturer_app.core.questions.dedupe import FindingOutdated, Merge, merge_duplicates, require_unchanged
from lecturer_app.core.questions.quality import DEFAULT_THRESHOLD, Finding
from lecturer_app.core.questions.query import holds_at_least
from lecturer_app.core.store.changes import last_seq, type_changed_after
from lecturer_app.core.store.record_store import Store
from lecturer_app.i18n import N_, NC_, _, ngettext
from lecturer_app.ui.operations import Operation, OperationRunner
from lecturer_app.ui.questions.deleting import SafeDefaultBox, shortened
from lecturer_app.ui.questions.preview import preview_html
from lecturer_app.ui.widgets.row_table_model import RowTableModel

COLUMNS = (N_("Vấn đề"), NC_("column header", "Câu hỏi"), N_("Mức giống"))
DUPLICATE_CODES = ("exact_duplicate", "near_duplicate")
# From this many questions a check runs on the window's runner: it follows every change of the bank, and a
# first check costs ~75 µs a question (300: 22 ms, 1,000: 78 ms, 3,000: 249 ms, best of 5 on the 2-core machine;
# not a benchmark), where a GUI step should stay under 50 ms.  A later one checks only what changed
# (core/questions/checked_bank.py), but finding what changed still reads every question's row (~60 ms of CPU at
# 50,000), so it stays on the runner too.
CHECK_IN_BACKGROUND_FROM = 300
WorkerStore = Callable[[], AbstractContextManager[Store]]
NOT_CHECKED = -1
_NOTHING_YET = BankCheck([], {}, 0, NOT_CHECKED, 0)
# A check after a change waits this long for the next one of a burst (a sync's, a few saves).
RECHECK_AFTER_MS = 200


class FindingsModel(RowTableModel):
    """One row per finding; stems are looked up from the questions checked."""

    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stems: dict[str, str] = {}

    def set_findings(self, findings: list[Finding], questions: dict[str, Question]) -> None:
        """*questions*: those the findings name (their stems are shown)."""
        self._stems = {qid: " ".join(q.stem.split()) for qid, q in questions.items()}
        self.set_rows(findings)

    def finding(self, row: int) -> Finding:
        return self.rows[row]

    def cell(self, finding: Finding, column: int) -> str:
        if column == 0:
            return finding.message
        if column == 1:
            return " | ".join(self._stems.get(i, i)[:80] for i in finding.question_ids)
        return f"{finding.score:.0f}%" if finding.code in DUPLICATE_CODES else ""


class MergeQuestionsBox(SafeDefaultBox):
    """The question asked before merging *drop_stems*' questions into *keep_stem*'s.

    Attributes:
        merge_button: «Gộp», merges.
        keep_button: «Không gộp», the default and the Esc answer.
    """

    def __init__(self, keep_stem: str, drop_stems: list[str], parent: QWidget | None = None) -> None:
        if len(drop_stems) == 1:
            text = _("Giữ câu «{keep}», gộp chuyên đề và thẻ của câu «{drop}» vào, rồi xóa câu kia?").format(
                keep=shortened(keep_stem), drop=shortened(drop_stems[0]))
        else:
            text = ngettext("Giữ câu «{keep}», gộp chuyên đề và thẻ của {n} câu kia vào, rồi xóa chúng?",
                            len(drop_stems)).format(keep=shortened(keep_stem), n=len(drop_stems))
        super().__init__(_("Gộp câu hỏi trùng"), text,
                         _("Ngay sau khi gộp, nút «Hoàn tác» (hoặc Ctrl+Z trong danh sách) đưa các "
                           "câu trở lại như trước khi gộp."), _("Gộp"), _("Không gộp"), parent)
        self.merge_button = self.act_button


class QualityPanel(QWidget):
    """Run the checks over the bank; show duplicates side by side; merge them.

    The findings follow the bank: :meth:`recheck_soon` (every change the
    window knows of) checks again once a burst of changes is over, or when the
    panel is next shown; «Gộp» refuses a finding one of whose questions has
    changed since its check (:func:`require_unchanged`: another window, the
    CLI, a sync), says so in ``notice`` and checks again.

    Each check after the first reads and checks only the questions written
    since (:class:`CheckedBank`, kept by the panel for its levels and
    threshold), with the findings a whole check would give.

    Attributes:
        last_box: the last «Gộp …?» asked.
        notice: why the last «Gộp» was refused (hidden until one is).
        last_check: the answer shown last (how many questions it checked again, say), None before.

    Signals:
        merged(Merge): duplicates were merged (what was done, for «Hoàn tác»).
    """

    merged = Signal(object)

    def __init__(self, store: Store, levels: tuple[str, ...] = DEFAULT_LEVELS,
                 threshold: float = DEFAULT_THRESHOLD, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.levels, self.threshold = store, levels, threshold
        self.model = FindingsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Kết quả kiểm tra chất lượng"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.selectionModel().currentRowChanged.connect(self._show)
        self.left, self.right = QTextBrowser(), QTextBrowser()
        self.merge_button = QPushButton(_("Gộp: giữ câu bên trái, xóa câu bên phải"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_current)
        self.summary = QLabel()
        # Wraps on its own line: a long summary must not widen the window (issue #15).
        self.summary.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b03a2e")
        self.notice.hide()
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(50, 100)
        self.threshold_spin.setSuffix(" %")
        self.threshold_spin.setValue(int(threshold))
        self.threshold_spin.setAccessibleName(_("Ngưỡng gần trùng"))
        self.threshold_spin.setToolTip(_("Hai câu giống nhau từ mức này trở lên được coi là gần trùng"))
        self._layout()
        self._questions: dict[str, Question] = {}
        self._bank: CheckedBank | None = None  # what the checks keep, for the levels and threshold of the last
        self.last_check: BankCheck | None = None
        self.last_box: MergeQuestionsBox | None = None
        self._runner: OperationRunner | None = None
        self._worker_store: WorkerStore | None = None
        self._generation = 0  # of the last check asked: an older one's answer is not shown
        self._checked_at = NOT_CHECKED  # the feed position the findings shown were read at
        self._asked_at = NOT_CHECKED  # ... and the one the bank was at when the last check was asked
        self._checking: Operation | None = None  # a big bank's check under way on the runner
        self._soon = QTimer(self)  # one check for a burst of changes (an import's, a sync's)
        self._soon.setSingleShot(True)
        self._soon.setInterval(RECHECK_AFTER_MS)
        self._soon.timeout.connect(self._recheck_if_changed)

    def _layout(self) -> None:
        run = QPushButton(_("Kiểm tra lại"))
        run.clicked.connect(self.run)
        pair = QSplitter(Qt.Orientation.Horizontal)
        pair.addWidget(self.left)
        pair.addWidget(self.right)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(QLabel(_("Ngưỡng gần trùng")))
        top.addWidget(self.threshold_spin)
        top.addWidget(run)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 2)
        layout.addWidget(pair, 2)
        layout.addWidget(self.merge_button)

    def use_runner(self, runner: OperationRunner | None, worker_store: WorkerStore) -> None:
        """Check a big bank on *runner*'s worker, reading it through a store of *worker_store*'s."""
        self._runner, self._worker_store = runner, worker_store

    # Checking -------------------------------------------------------------------------------------

    def run(self) -> None:
        """«Kiểm tra lại»: check the whole bank again now (a big one on the runner's worker, with its progress dialog).

        What was kept from earlier checks is dropped: a lecturer who asks for a check asks for one that
        trusts nothing kept (changes after it are again checked one by one, ``recheck_soon``).
        """
        self.notice.hide()
        self._bank = None
        self._check(quietly=False)

    def recheck_soon(self) -> None:
        """The bank may have changed: once no other change follows for a moment, check it again if it did.

        Nothing is done before the first check (no findings to go out of
        date); a hidden panel checks when it is next shown.
        """
        if self._asked_at != NOT_CHECKED:
            self._soon.start()  # started again by each change of a burst

    def _recheck_if_changed(self) -> None:
        if self.isVisible() and type_changed_after(self.store.db, ("question",), self._asked_at):
            self._check(quietly=True)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._asked_at != NOT_CHECKED and not self._soon.isActive():
            self._recheck_if_changed()  # changed while hidden: another tab's editor, another window, the CLI

    def _check(self, *, quietly: bool) -> None:
        """Check the bank again; a big one on the runner's worker, its findings shown when it is done.

        Meanwhile the list is empty: a finding of the last check may be out of
        date (a merge just undone, say).  *quietly*: no progress dialog (a
        check nobody asked for, after a change).
        """
        self._generation += 1
        generation, bank = self._generation, self._checked_bank()
        self._asked_at = last_seq(self.store.db)  # the check reads the bank as it is now or later
        runner, worker_store = self._runner, self._worker_store
        if runner is None or worker_store is None or not holds_at_least(self.store, CHECK_IN_BACKGROUND_FROM):
            self._show_findings(generation, bank.update(self.store))
            return
        self._show_findings(generation, _NOTHING_YET)
        self.summary.setText(_("Đang kiểm tra chất lượng…"))
        if self._checking is not None and not self._checking.is_finished:
            self._checking.cancel()  # its answer would not be shown: it stops once the bank is read

        def check(report: Callable[..., None]) -> BankCheck:
            # A check cancelled meanwhile stops at *report*, once the bank is read and before the bank kept changes.
            with worker_store() as store:
                return bank.update(store, report)

        self._checking = runner.run(_("Đang kiểm tra chất lượng"), check, dialog=not quietly,
                                    on_success=lambda found: self._show_findings(generation, found))
        self._checking.cancelled.connect(lambda: self._stopped(generation))

    def _checked_bank(self) -> CheckedBank:
        """The bank kept for the current levels and threshold; a new one (checking everything) when they changed."""
        self.threshold = threshold = float(self.threshold_spin.value())
        bank = self._bank
        if bank is None or bank.levels != tuple(self.levels) or bank.threshold != threshold:
            bank = self._bank = CheckedBank(self.levels, threshold)
        return bank

    def _stopped(self, generation: int) -> None:
        """The check was stopped (Hủy) before its answer: nothing is shown, so nothing can go out of date."""
        if generation == self._generation:
            self._asked_at = NOT_CHECKED
            self.summary.setText(_("Đã dừng kiểm tra. Bấm «Kiểm tra lại» để kiểm tra."))

    def _show_findings(self, generation: int, checked: BankCheck) -> None:
        if generation != self._generation:
            return  # a newer check is on its way
        self._checked_at, self._questions = checked.seq, checked.questions
        self.model.set_findings(checked.findings, checked.questions)
        if self._checked_at != NOT_CHECKED:
            self.last_check = checked
            self.summary.setText(_("Đã kiểm tra {n} câu hỏi: {k} vấn đề.").format(n=checked.count,
                                                                                  k=len(checked.findings)))
        self.left.clear()
        self.right.clear()
        self.merge_button.setEnabled(False)

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        finding = self.model.finding(current.row())
        shown = [self._questions.get(i) for i in finding.question_ids[:2]]
        self.left.setHtml(preview_html(shown[0]) if shown[0] else "")
        self.right.setHtml(preview_html(shown[1]) if len(shown) > 1 and shown[1] else "")
        self.merge_button.setEnabled(finding.code in DUPLICATE_CODES)

    # Merging --------------------------------------------------------------------------------------

    def merge_current(self) -> MergeQuestionsBox | None:
        """Ask «Giữ câu …, gộp … rồi xóa câu kia?»; the questions are merged when the answer is «Gộp».

        Nothing is asked when one of them changed since the check (see :meth:`_refused`).
        """
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        finding = self.model.finding(index.row())
        if finding.code not in DUPLICATE_CODES:
            return None
        self.notice.hide()
        keep, *drop = finding.question_ids
        checked_at = self._checked_at
        try:
            require_unchanged(self.store, finding.question_ids, checked_at)
        except FindingOutdated as outdated:
            self._refused(outdated)
            return None
        box = MergeQuestionsBox(self._stem(keep), [self._stem(i) for i in drop], self)
        box.merge_button.clicked.connect(lambda: self.merge(keep, drop, checked_at))
        box.open()
        self.last_box = box
        return box

    def merge(self, keep: str, drop: list[str], checked_at: int | None = None) -> Merge | None:
        """Merge *drop* into *keep* (one transaction), tell the workspace, and check again.

        *checked_at*: the feed position of the check that found them; when one
        of them has changed since, nothing is merged (None).
        """
        try:
            done = merge_duplicates(self.store, keep, drop, checked_at=checked_at)
        except FindingOutdated as outdated:
            self._refused(outdated)
            return None
        self.merged.emit(done)
        self.run()
        return done

    def _refused(self, outdated: FindingOutdated) -> None:
        """Say why the finding was not merged, and check again: its findings are out of date."""
        self.notice.setText(f"{outdated} " + _("Ngân hàng được kiểm tra lại; hãy xem kết quả mới trước khi gộp."))
        self.notice.show()
        self._soon.stop()
        self._check(quietly=True)

    def _stem(self, question_id: str) -> str:
        question = self._questions.get(question_id)
        return question.stem if question is not None else question_id

