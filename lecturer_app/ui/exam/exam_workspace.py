"""The exam workspace: blueprint editor → preview → generate → open folder.

The blueprint table shows, for every cell, how many bank questions fit it and
colours the cells that cannot be filled; the line under it lists every
problem in words.  Generating runs on a worker thread through the window's
``run_operation`` when one is given (standalone, it runs in place).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Blueprint, BlueprintCell, Organization
from lecturer_app.core.store import summaries
from lecturer_app.core.store.changes import last_seq, type_changed_after
from lecturer_app.core.store.record_store import Store
from lecturer_app.exam.blueprint import NEW_BLUEPRINT_NAME, quick_blueprint
from lecturer_app.exam.codes import CodeScheme
from lecturer_app.exam.draw import DrawOptions, draw_exam
from lecturer_app.exam.paper_settings import ImageSource, PaperSettings, question_label
from lecturer_app.exam.pool import PAPER_TYPES, QuestionPool, load_pool, recent_question_ids
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.exporters.exam.build import BuildReport, BuildRequest, build_exam
from lecturer_app.exporters.exam.version_helper import VersionHelper
from lecturer_app.i18n import _, ngettext, pgettext, ui_number
from lecturer_app.ui.exam.blueprint_model import BlueprintModel
from lecturer_app.ui.exam.cell_delegate import CellChoiceDelegate
from lecturer_app.ui.widgets.done_notice import DoneNotice, file_actions, notify_done, open_path
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.topic_codes_field import TopicCodesField

# The records a question pool is read from: questions, and the codes and titles of what they belong to.
BANK_TYPES = ("question", "topic", "program", "module")
RunOperation = Callable[[str, Callable[..., Any], Callable[[Any], None]], Any]
StoreFactory = Callable[[], AbstractContextManager[Store]]
INNER_GAP = 4  # pixels on each side of the splitter handle between the settings and the blueprint


class ExamWorkspace(QWidget):
    """Signals:
        built(object): a BuildReport, after the files were written.
    """

    built = Signal(object)

    def __init__(self, store: Store, output_dir: Path, *, run_operation: RunOperation | None = None,
                 worker_store: StoreFactory | None = None, organization: Organization | None = None,
                 images: ImageSource | None = None, helper: VersionHelper | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        # A second process, started by the caller when the workspace opened, writes half the versions.
        self.helper = helper
        self._pool_seq = last_seq(store.db)
        self.pool: QuestionPool = load_pool(store)
        self.model = BlueprintModel(self.pool, Blueprint(name=NEW_BLUEPRINT_NAME), self)
        self._run = run_operation
        self._worker_store = worker_store
        self._organization = organization
        self._images = images
        self.last_report: BuildReport | None = None
        self.notice: DoneNotice | None = None  # the "Tạo đề xong" box of the last build
        self.opener: Callable[[Path], object] = open_path  # tests put their own here
        self._build_ui(output_dir)
        self.model.changed.connect(self.refresh_status)
        self.refresh_status()

    # Building the widgets ----------------------------------------------------

    def _build_ui(self, output_dir: Path) -> None:
        self.preview_text = QPlainTextEdit(self)
        self.preview_text.setReadOnly(True)
        self.preview_text.setAccessibleName(_("Xem trước mã đề đầu tiên"))
        self.preview_text.setPlaceholderText(_("Nhấn «Xem trước» để xem các câu của mã đề đầu tiên và đáp án."))
        # The preview under the blueprint, not beside it: three columns left it a word wide on a laptop screen.
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self._blueprint_panel())
        right.addWidget(self.preview_text)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        splitter = QSplitter(self)
        splitter.addWidget(self._settings_panel(output_dir))
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(_("Xem trước"), self)
        self.build_button = QPushButton(_("Tạo đề"), self)
        self.open_button = QPushButton(_("Mở thư mục"), self)
        self.open_button.setEnabled(False)
        for button in (self.preview_button, self.build_button, self.open_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.preview_button.clicked.connect(self.preview)
        self.build_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self.open_folder)

    def _settings_panel(self, output_dir: Path) -> QWidget:
        panel = QWidget(self)
        form = QFormLayout(panel)
        form.setContentsMargins(0, 0, INNER_GAP, 0)  # the workspace's own margins are round it already
        self.title_edit = QLineEdit(self.model.blueprint.title, panel)
        self.title_edit.setCursorPosition(0)  # a long title shows its beginning, not its last words
        self.class_edit = QLineEdit(panel)
        self.duration_spin = _spin(panel, 5, 300, 90)
        self.versions_spin = _spin(panel, 1, 99, 4)
        self.seed_spin = _spin(panel, 0, 999_999, 1)
        self.scheme_combo = QComboBox(panel)
        # Short items, the example in the tooltip: "Tuần tự (101, 102…)" set the settings column's width,
        # 17 pixels the blueprint's count columns lacked at 1280×720.
        self.scheme_combo.addItem(_("Tuần tự"), "sequence")
        self.scheme_combo.addItem(_("Ngẫu nhiên"), "random")
        self.scheme_combo.setToolTip(_("Tuần tự: 101, 102, 103… (từ «Mã đầu tiên»). "
                                       "Ngẫu nhiên: các mã ba chữ số khác nhau."))
        self.start_spin = _spin(panel, 1, 999, 101)
        self.step_spin = _spin(panel, 1, 500, 1)
        self.balance_check = QCheckBox(_("Cân bằng đáp án A/B/C/D"), panel)
        self.balance_check.setChecked(True)
        self.avoid_spin = _spin(panel, 0, 50, 0)
        self.docx_check = QCheckBox(_("Ghi thêm bản DOCX"), panel)
        self.docx_check.setChecked(True)
        # Off by default: only reviewed questions reach an official paper unless the lecturer chooses otherwise.
        self.drafts_check = QCheckBox(_("Dùng cả câu hỏi nháp (chưa duyệt)"), panel)
        self.drafts_check.setAccessibleName(self.drafts_check.text())
        self.drafts_check.toggled.connect(self.model.set_include_drafts)
        self.dir_edit = QLineEdit(str(output_dir), panel)
        _explain_draw_fields(self.seed_spin, self.step_spin, self.avoid_spin)
        rows = ((_("Tiêu đề"), self.title_edit), (_("Lớp"), self.class_edit),
                (_("Thời gian (phút)"), self.duration_spin),
                (_("Số mã đề"), self.versions_spin), (_("Mã ngẫu nhiên (để tạo lại đúng bộ đề)"), self.seed_spin),
                (pgettext("code scheme", "Mã đề"), self.scheme_combo), (_("Mã đầu tiên"), self.start_spin),
                (_("Khoảng cách giữa hai mã đề"), self.step_spin),
                ("", self.balance_check), (_("Tránh câu đã ra ở"), self.avoid_spin), ("", self.docx_check),
                ("", self.drafts_check),
                (_("Thư mục ghi"), self.dir_edit))
        for label, widget in rows:
            if not label:
                # A check box spans the row: in the field column, «Dùng cả câu hỏi nháp (chưa duyệt)» made the
                # panel 80 pixels wider than its fields need, taken from the blueprint's count columns.
                form.addRow(widget)
                continue
            form.addRow(_wrapping_label(label, panel), widget)
            widget.setAccessibleName(label)
        return panel

    def _blueprint_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        # No margins of its own: the workspace's are round it, and each pair of 9 px margins between the
        # panels was width the blueprint's count columns did not get on a 1280-pixel screen.
        layout.setContentsMargins(INNER_GAP, 0, 0, 0)
        quick = QHBoxLayout()
        self.quick_topics = TopicCodesField(self.store, parent=panel, question_types=PAPER_TYPES)
        self.quick_topics.setAccessibleName(_("Chuyên đề cho ma trận nhanh"))
        self.quick_mc = _spin(panel, 0, 200, 40)
        self.quick_essay = _spin(panel, 0, 20, 0)
        quick_button = QPushButton(_("Điền nhanh"), panel)
        quick_button.clicked.connect(self.fill_quick)
        for widget in (self.quick_topics, QLabel(_("TN"), panel), self.quick_mc, QLabel(_("TL"), panel),
                       self.quick_essay, quick_button):
            quick.addWidget(widget)
        layout.addLayout(quick)
        self.table = QTableView(panel)
        self.table.setModel(self.model)
        self.delegate = CellChoiceDelegate(self.model, self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setAccessibleName(_("Ma trận đề"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        edit = QHBoxLayout()
        for text, slot in ((_("Thêm ô"), self.add_cell), (_("Xóa ô"), self.remove_selected),
                           (_("Nhập ma trận…"), self._ask_import), (_("Xuất ma trận…"), self._ask_export)):
            button = QPushButton(text, panel)
            button.clicked.connect(slot)
            edit.addWidget(button)
        layout.addLayout(edit)
        # Saving sits with the saved blueprints: five buttons in one row made the page wider than a
        # 1280-pixel screen in English.
        saved = QHBoxLayout()
        save_button = QPushButton(_("Lưu ma trận"), panel)
        save_button.clicked.connect(self._ask_save)
        self.saved_combo = QComboBox(panel)
        self.saved_combo.setAccessibleName(_("Ma trận đã lưu"))
        self.load_button = load_button = QPushButton(_("Mở ma trận đã lưu"), panel)
        load_button.clicked.connect(self.load_saved)
        saved.addWidget(save_button)
        saved.addWidget(self.saved_combo, 1)
        saved.addWidget(load_button)
        layout.addLayout(saved)
        self.refresh_saved()
        self.status_label = QLabel(panel)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Kiểm tra ma trận"))
        layout.addWidget(self.status_label)
        return panel

    # Blueprint editing -------------------------------------------------------

    def add_cell(self) -> None:
        code = next(iter(sorted(self.pool.topic_titles)), "")
        self.model.add_cell(BlueprintCell(topic_code=code, level="", type="single_choice", count=1, points=0.25))

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedIndexes()}, reverse=True)
        if not rows:
            self._say(_("Chọn ô cần xóa trong ma trận rồi nhấn «Xóa ô»."))
        for row in rows:
            self.model.remove_row(row)

    def fill_quick(self) -> None:
        try:
            codes = self.quick_topics.codes()  # a code the bank does not have is named, as on the other screens
            if not codes:
                self._say(_("Gõ mã chuyên đề (cách nhau bằng dấu phẩy) hoặc nhấn «Chọn…», rồi nhấn «Điền nhanh»."))
                return
            blueprint = quick_blueprint(self.pool, codes, self.quick_mc.value(), self.quick_essay.value())
        except UserFacingError as exc:
            self._say(str(exc))
            return
        blueprint.title = self.title_edit.text() or blueprint.title
        self.model.set_blueprint(blueprint)

    def load_blueprint(self, blueprint: Blueprint) -> None:
        self.model.set_blueprint(blueprint)
        for edit, text in ((self.title_edit, blueprint.title), (self.class_edit, blueprint.class_line)):
            edit.setText(text)
            edit.setCursorPosition(0)
        self.duration_spin.setValue(blueprint.duration_minutes)

    def import_blueprint(self, path: Path) -> None:
        from lecturer_app.exporters.exam.blueprint_xlsx import read_blueprint_xlsx

        self.load_blueprint(read_blueprint_xlsx(path))

    def export_blueprint(self, path: Path) -> Path:
        from lecturer_app.exporters.exam.blueprint_xlsx import write_blueprint_xlsx

        written = write_blueprint_xlsx(self.current_blueprint(), self.pool, path)
        self.notice = notify_done(self, _("Xuất ma trận"), _("Đã ghi ma trận vào {path}").format(path=written),
                                  file_actions(written, self.opener))
        return written

    def save_blueprint(self, name: str | None = None) -> None:
        """Keep the blueprint in the store (confidential) for reuse, under *name* (None: the name it has)."""
        blueprint = self.current_blueprint()
        if name is not None and name.strip():
            blueprint.name = name.strip()
        with self.store.transaction():
            self.store.save(blueprint, summary=summaries.SAVE_BLUEPRINT)
        self.refresh_saved()
        self.saved_combo.setCurrentIndex(self.saved_combo.findData(blueprint.id))
        self.notice = notify_done(self, _("Lưu ma trận"),
                                  _("Đã lưu ma trận «{name}».").format(name=blueprint.name or blueprint.title), [])

    def _ask_save(self) -> None:
        # Every quick blueprint is called «Đề nhanh»: without a name of its own, the saved list was a column of
        # the same words.
        blueprint = self.model.blueprint
        name, accepted = QInputDialog.getText(self, _("Lưu ma trận"), _("Tên ma trận:"),
                                              text=blueprint.name or blueprint.title)
        if accepted:
            self.save_blueprint(name)

    def refresh_saved(self) -> None:
        self.saved_combo.clear()
        for blueprint in self.store.select(Blueprint, order_by="name"):
            self.saved_combo.addItem(blueprint.name or blueprint.title, blueprint.id)
        empty = self.saved_combo.count() == 0
        self.load_button.setEnabled(not empty)
        self.load_button.setToolTip(_("Chưa có ma trận nào được lưu: nhấn «Lưu ma trận» trước.") if empty else "")

    def load_saved(self) -> None:
        blueprint_id = self.saved_combo.currentData()
        blueprint = self.store.get(Blueprint, blueprint_id) if blueprint_id else None
        if blueprint is not None:
            self.load_blueprint(blueprint)

    def current_blueprint(self) -> Blueprint:
        blueprint = self.model.blueprint
        blueprint.title = self.title_edit.text().strip() or blueprint.title
        blueprint.class_line = self.class_edit.text().strip()
        blueprint.duration_minutes = self.duration_spin.value()
        return blueprint

    def _say(self, text: str) -> None:
        """Answer a button that had nothing to do, in the line under the blueprint."""
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #a00000;")

    def refresh_status(self) -> None:
        problems = self.model.problems()
        if problems:
            self.status_label.setText("\n".join(problems))
            self.status_label.setStyleSheet("color: #a00000;")
        else:
            count = sum(c.count for c in self.model.blueprint.cells)
            total = ui_number(decimal_comma(sum(c.points for c in self.model.blueprint.cells)))
            self.status_label.setText(_("Ma trận hợp lệ: {n} câu, {points} điểm.").format(n=count, points=total))
            self.status_label.setStyleSheet("")
        self.build_button.setEnabled(not problems)
        self.preview_button.setEnabled(not problems)

    def _ask_import(self) -> None:
        # Beside the exams, not in the process's working folder (on Windows, the app's installation folder).
        name, _filter = QFileDialog.getOpenFileName(self, _("Nhập ma trận"), self.dir_edit.text(), "Excel (*.xlsx)")
        if name:
            with errors_shown(self, _("Nhập ma trận")):
                self.import_blueprint(Path(name))

    def _ask_export(self) -> None:
        start = str(Path(self.dir_edit.text()) / "ma_tran.xlsx")
        name, _filter = QFileDialog.getSaveFileName(self, _("Xuất ma trận"), start, "Excel (*.xlsx)")
        if name:
            with errors_shown(self, _("Xuất ma trận")):
                self.export_blueprint(Path(name))

    # Preview and build -------------------------------------------------------

    def refresh_pool(self) -> None:
        """Reload the questions when the bank changed since they were read (an edit in «Ngân hàng câu hỏi»,
        a sync): a question corrected while this tab is open must be printed, and keyed, as corrected."""
        if not type_changed_after(self.store.db, BANK_TYPES, self._pool_seq):
            return
        self._pool_seq = last_seq(self.store.db)
        self.pool = load_pool(self.store, include_drafts=self.drafts_check.isChecked())
        self.model.set_pool(self.pool)

    def draw_options(self) -> DrawOptions:
        scheme = CodeScheme(self.scheme_combo.currentData(), self.start_spin.value(), self.step_spin.value())
        return DrawOptions(versions=self.versions_spin.value(), seed=self.seed_spin.value(), codes=scheme,
                           balanced_key=self.balance_check.isChecked())

    def paper_settings(self) -> PaperSettings:
        blueprint = self.current_blueprint()
        return PaperSettings(title=blueprint.title, class_line=blueprint.class_line,
                             duration_minutes=blueprint.duration_minutes, organization=self._organization)

    def preview(self) -> None:
        """Show the first version's questions and key, without writing anything."""
        self.refresh_pool()
        try:
            # The questions the build will avoid, so the preview is the first paper the build prints.
            avoid = recent_question_ids(self.store, self.avoid_spin.value())
            result = draw_exam(self.current_blueprint(), self.pool, self.draw_options(), avoid)
        except UserFacingError as exc:
            self.preview_text.setPlainText(str(exc))
            return
        version = result.versions[0]
        count = len(version.printed)
        lines = [ngettext("Mã đề {code} – {n} câu", count).format(code=version.code, n=count)]
        for number, item in enumerate(version.printed, start=1):
            key = f"  [{item.key}]" if item.key else ""
            lines.append(f"{question_label(number, item.points)}: {item.question.stem}{key}")
        lines += [f"⚠ {w}" for w in result.warnings]
        self.preview_text.setPlainText("\n".join(lines))

    def generate(self) -> None:
        self.refresh_pool()
        request = BuildRequest(self.current_blueprint(), self.draw_options(), self.paper_settings(),
                               Path(self.dir_edit.text()), avoid_last=self.avoid_spin.value(),
                               docx=self.docx_check.isChecked(), helper=self.helper)
        pool, images, factory = self.pool, self._images, self._worker_store or (lambda: nullcontext(self.store))

        def work(report: Callable[..., None]) -> BuildReport:
            with factory() as store:
                return build_exam(store, pool, request, images, progress=lambda d, t: report(d, t))

        if self._run is None:
            self._built(work(lambda *args: None))
        else:
            self._run(_("Tạo đề"), work, self._built)

    def _built(self, report: BuildReport) -> None:
        self.last_report = report
        self.open_button.setEnabled(True)
        built = len(report.versions)
        message = ngettext("Đã tạo {n} mã đề trong {dir}", built).format(n=built, dir=report.exam.output_dir)
        self.preview_text.appendPlainText(message)
        self.notice = notify_done(self, _("Tạo đề xong"), message, [(_("Mở thư mục"), self.open_folder)])
        self.built.emit(report)

    def open_folder(self) -> None:
        if self.last_report is not None:
            self.opener(Path(self.last_report.exam.output_dir))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Back from «Ngân hàng câu hỏi»: the counts of the blueprint say what the bank holds now.
        super().showEvent(event)
        self.refresh_pool()


def _explain_draw_fields(seed: QSpinBox, step: QSpinBox, avoid: QSpinBox) -> None:
    """Say in a lecturer's words what the three drawing numbers do (issue #15: no "hạt giống", "bước nhảy")."""
    seed.setToolTip(_("Cùng mã này, cùng ma trận và cùng ngân hàng câu hỏi thì tạo lại đúng bộ đề cũ; "
                      "đổi mã để có bộ đề khác."))
    step.setToolTip(_("Ví dụ: mã đầu tiên 101, khoảng cách 2 cho các mã 101, 103, 105…"))
    avoid.setSuffix(_(" đề gần nhất"))
    avoid.setSpecialValueText(_("không tránh"))
    avoid.setToolTip(_("Ưu tiên câu chưa ra trong số đề đã tạo gần nhất này; nếu không đủ câu mới thì dùng lại "
                       "câu đã ra và báo rõ."))


def _wrapping_label(text: str, parent: QWidget) -> QLabel:
    # A long label wraps instead of widening the settings column on a laptop screen.
    label = QLabel(text, parent)
    label.setWordWrap(True)
    # Between about 16 and 22 characters: short labels stay on one line, long ones wrap in two or three.
    label.setMinimumWidth(label.fontMetrics().averageCharWidth() * 16)
    label.setMaximumWidth(label.fontMetrics().averageCharWidth() * 22)
    return label


def _spin(parent: QWidget, low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    return spin
