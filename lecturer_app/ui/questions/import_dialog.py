"""Import questions with a preview: what will be added, what is left out and why.

The file is read and planned (nothing written); the user sees every item and
every problem with its place in the file, then confirms.  Only then is the
import written, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.errors import error_reason
from lecturer_app.core.labels import type_label
from lecturer_app.core.model import DEFAULT_LEVELS, Topic
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.record_store import Store
from lecturer_app.i18n import N_, _
from lecturer_app.importers.questions import read_questions
from lecturer_app.importers.questions.commit import (
    ImportPlan,
    commit_import,
    plan_import,
)
from lecturer_app.ui.widgets.row_table_model import RowTableModel
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

COLUMNS = (N_("Kết quả"), N_("Vị trí"), N_("Loại"), N_("Nội dung / lý do"), N_("Đáp án đúng"))
IMPORTED, NOTE, SKIPPED = "imported", "note", "skipped"
OUTCOMES = {IMPORTED: N_("Nhập"), NOTE: N_("Nhập, xem lưu ý"), SKIPPED: N_("Bỏ qua")}
FILE_FILTER = N_("Tệp câu hỏi (*.xlsx *.docx *.txt *.gift *.xml);;Tất cả (*)")


class ImportPreviewModel(RowTableModel):
    """One row per item: questions to add first, then every item left out with its reason."""

    COLUMNS = COLUMNS

    def set_plan(self, plan: ImportPlan | None) -> None:
        rows: list[tuple[str, str, str, str, str]] = []
        if plan is not None:
            for item in plan.new:
                q = item.question
                key = ", ".join(o.text for o in q.options if o.correct) or "; ".join(q.answers)
                # The dialog names the file once, above the table: rows give the place in it.
                rows.append((IMPORTED, item.location or item.where, type_label(q.type), " ".join(q.stem.split()), key))
            for note in plan.result.warnings:  # imported, with something to check: never labelled "Bỏ qua"
                rows.append((NOTE, note.where, "", note.reason, ""))
            for problem in plan.skipped:
                rows.append((SKIPPED, problem.where, "", problem.reason, ""))
        self.set_rows(rows)

    def cell(self, row: tuple[str, str, str, str, str], column: int) -> str:
        outcome, where, kind, text, key = row
        return [_(OUTCOMES[outcome]), where, kind, text[:200], key][column]

    def role_data(self, row: tuple[str, str, str, str, str], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return row[3]
        if role == Qt.ItemDataRole.BackgroundRole and row[0] != IMPORTED:
            return QBrush(QColor("#fff4e5" if row[0] == SKIPPED else "#fffbe0"))
        return None


class ImportDialog(QDialog):
    """Choose a file, see the preview and per-item report, confirm to write."""

    def __init__(self, store: Store, blobs: BlobStore | None, topics: list[Topic],
                 levels: tuple[str, ...] = DEFAULT_LEVELS, parent: QWidget | None = None, *,
                 runner: Any = None, worker_store: Callable[[], Any] | None = None) -> None:
        """With *runner* (an ``OperationRunner``) and *worker_store* (``AppContext.worker_store``),
        reading and writing run on a worker thread so a 10,000-question file never freezes the
        window; without them (tests, scripts) they run in place."""
        super().__init__(parent)
        self.setWindowTitle(_("Nhập câu hỏi"))
        self.store, self.blobs, self.levels = store, blobs, levels
        self.runner, self.worker_store = runner, worker_store
        self.plan: ImportPlan | None = None
        self.imported = 0
        self.imported_ids: list[str] = []
        self.start_folder: Path | None = None  # where "Chọn tệp…" opens (the folder used last time)
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(_("Tệp cần nhập"))
        browse = QPushButton(_("Chọn tệp…"))
        browse.clicked.connect(self._browse)
        self.topic_combo = QComboBox()
        self.topic_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.topic_combo.setMinimumContentsLength(30)
        self.topic_combo.addItem(_("(theo danh mục trong tệp)"), "")
        for topic in topics:
            self.topic_combo.addItem(f"{topic.code} — {topic.title}", topic.id)
        self.marker_combo = QComboBox()
        for code, label in (("auto", N_("Tự nhận")), ("underline", N_("Gạch chân")), ("bold", N_("In đậm")),
                            ("italic", N_("In nghiêng")), ("red", N_("Chữ đỏ")), ("highlight", N_("Tô vàng"))):
            self.marker_combo.addItem(_(label), code)
        reread = QPushButton(_("Xem trước"))
        reread.clicked.connect(self.preview)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ImportPreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Xem trước kết quả nhập"))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        translate_buttons(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Nhập vào ngân hàng"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        self._layout(browse, reread)
        self.resize(1000, 600)

    def _layout(self, browse: QPushButton, reread: QPushButton) -> None:
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Tệp"), row)
        form.addRow(_("Gắn với chuyên đề"), self.topic_combo)
        form.addRow(_("Đáp án đúng đánh dấu bằng (Word/txt)"), self.marker_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(reread)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Chọn tệp câu hỏi"), str(self.start_folder or ""),
                                                    _(FILE_FILTER))
        if name:
            self.path_edit.setText(name)
            self.preview()

    def preview(self) -> None:
        """Read and plan the file; show every item; write nothing."""
        path = Path(self.path_edit.text().strip())
        options = {"marker": self.marker_combo.currentData()} if path.suffix.lower() in (".docx", ".txt") else {}
        topic = self.topic_combo.currentData()
        self._set_ok(False)
        self.plan = None

        def work(store: Store) -> tuple[ImportPlan, list[str]]:
            result = read_questions(path, **options)
            return plan_import(result, store, topic_ids=[topic] if topic else [], levels=self.levels), result.notes

        self._run(_("Đọc tệp câu hỏi"), work, self._show_plan)

    def confirm(self) -> None:
        """Write the previewed questions (in batches: the app stays usable during a long import)."""
        if self.plan is None or not self.plan.new:
            return
        plan = self.plan
        self._set_ok(False)
        self._run(_("Nhập câu hỏi"), lambda store: [q.id for q in commit_import(plan, store, self.blobs)],
                  self._done)

    def _run(self, title: str, work: Callable[[Store], Any], then: Callable[[Any], None]) -> None:
        from lecturer_app.core.errors import UserFacingError

        if self.runner is None or self.worker_store is None:
            try:
                then(work(self.store))
            except UserFacingError as exc:
                self._failed(exc)
            return

        worker_store = self.worker_store

        def on_worker(_report: Any) -> Any:
            with worker_store() as store:
                return work(store)

        self.summary.setText(_("Đang xử lý…"))
        self.runner.run(title, on_worker, then, self._failed)

    def _show_plan(self, outcome: tuple[ImportPlan, list[str]]) -> None:
        self.plan, notes = outcome
        self.model.set_plan(self.plan)
        extra = " ".join(notes)
        self.summary.setText(_("Sẽ nhập {n} câu hỏi; bỏ qua {k} mục (xem lý do bên dưới).").format(
            n=len(self.plan.new), k=len(self.plan.skipped)) + (f" {extra}" if extra else ""))
        self._set_ok(bool(self.plan.new))

    def _done(self, imported_ids: list[str]) -> None:
        self.imported_ids = imported_ids
        self.imported = len(imported_ids)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.plan = None
        self.model.set_plan(None)
        self.summary.setText(error_reason(exc))  # a file that cannot be read: the one wording (core/errors.py)
        self._set_ok(False)

    def _set_ok(self, enabled: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(enabled)
