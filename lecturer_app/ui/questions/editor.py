"""The question editor: one form for every type, with a live preview and checks.

Sections appear by type: options (with Đúng and Cố định columns) for the
choice types, accepted answers for trả lời ngắn, rubric items with points
for tự luận, an answer guide for tự luận and vấn đáp.  Every change refreshes
the preview and the list of problems (``core.question_rules``); saving is
refused while a problem remains, so a question is never stored with a
guessed or missing key.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.labels import type_label
from lecturer_app.core.model import (
    DEFAULT_LEVELS,
    QUESTION_TYPES,
    ImageRef,
    Option,
    Question,
    RubricItem,
    Topic,
)
from lecturer_app.core.questions.levels import level_label
from lecturer_app.core.questions.quality import question_findings
from lecturer_app.core.questions.rules import problems
from lecturer_app.core.store import summaries
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.record_store import Store
from lecturer_app.formats.pictures import check_picture_file
from lecturer_app.formats.question_template import LETTERS, split_list
from lecturer_app.i18n import _, pgettext, ui_number
from lecturer_app.ui.questions.oral_kind import (
    oral_kind,
    with_oral_kind,
    without_kind_tag,
)
from lecturer_app.ui.questions.preview import preview_html
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.number_locale import number_locale
from lecturer_app.ui.widgets.searchable_combo import make_searchable

CHOICE_TYPES = ("single_choice", "multiple_choice", "true_false_4")


class QuestionEditor(QWidget):
    """Edit one question; ``saved(id)`` after a successful save.

    Signals:
        saved(str): the question was written (its id).
        changed(): any field changed (the preview and checks are refreshed).
    """

    saved = Signal(str)
    changed = Signal()

    def __init__(self, store: Store, levels: Sequence[str] = DEFAULT_LEVELS, parent: QWidget | None = None,
                 blobs: BlobStore | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.blobs = blobs
        self.default_topic_id = ""  # a new question without a topic gets this one (the page's or the filter's)
        self._images: list[ImageRef] = []
        self.levels = tuple(levels)
        self._base = Question()
        self._loading = False
        self._dirty = False
        self._build()
        self.load(Question())

    # Building ----------------------------------------------------------------

    def _build(self) -> None:
        left = self._build_form()
        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(QLabel(_("Xem trước")))
        side.addWidget(self.preview, 1)
        side.addWidget(self.problems_label)
        side.addWidget(self.warnings_label)
        # Form above, preview below: the editor usually sits in a narrow side panel.  The form
        # scrolls, so the editor fits a 1280×720 laptop; "Lưu câu hỏi" stays in view under both.
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.preview.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.save_button)
        self._connect()

    def _build_form(self) -> QWidget:
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(_("Loại câu hỏi"))
        for code in QUESTION_TYPES:
            self.type_combo.addItem(type_label(code), code)
        self.stem_edit = QPlainTextEdit()
        self.stem_edit.setAccessibleName(_("Nội dung câu hỏi"))
        self.stem_edit.setPlaceholderText(_("Nội dung câu hỏi…"))
        self.options_box, self.options_table = self._table_box(
            _("Phương án"), [pgettext("column header", "Phương án"), pgettext("column header", "Đúng"), _("Cố định")],
            self._add_option, self._remove_option)
        self.answers_box, self.answers_edit = self._text_box(
            _("Đáp án chấp nhận (mỗi dòng một đáp án)"), _("Đáp án chấp nhận"))
        self.rubric_box, self.rubric_table = self._table_box(
            _("Đáp án và hướng dẫn chấm"), [_("Ý"), _("Điểm")], self._add_rubric, self._remove_rubric)
        self.guide_box, self.guide_edit = self._text_box(_("Hướng dẫn / gợi ý trả lời"), _("Hướng dẫn trả lời"))
        form = self.form = self._metadata_form()
        self._build_checks()
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.type_combo)
        self.stem_edit.setMinimumHeight(self.stem_edit.fontMetrics().lineSpacing() * 4)
        column.addWidget(self.stem_edit, 1)
        column.addLayout(self._image_row())
        for box in (self.options_box, self.answers_box, self.rubric_box, self.guide_box):
            column.addWidget(box, 3)
        column.addLayout(form)
        return left

    def _build_checks(self) -> None:
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(_("Xem trước câu hỏi"))
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b00020")
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #8a5a00")
        self.save_button = QPushButton(_("Lưu câu hỏi"))
        self.save_button.clicked.connect(self.save)

    @staticmethod
    def _text_box(title: str, name: str) -> tuple[QGroupBox, QPlainTextEdit]:
        box = QGroupBox(title)
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        QVBoxLayout(box).addWidget(edit)
        return box, edit

    def _image_row(self) -> QHBoxLayout:
        self.images_label = QLabel()
        self.images_label.setWordWrap(True)
        add = QPushButton(_("Thêm hình…"))
        add.clicked.connect(self._choose_image)
        add.setEnabled(self.blobs is not None)
        remove = QPushButton(_("Bỏ hình"))
        remove.clicked.connect(self.remove_images)
        row = QHBoxLayout()
        row.addWidget(self.images_label, 1)
        row.addWidget(add)
        row.addWidget(remove)
        return row

    def _choose_image(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(self, _("Chọn hình"), "", _("Hình ảnh (*.png *.jpg *.jpeg *.gif)"))
        if name:
            with errors_shown(self, _("Chọn hình")):
                self.attach_image(Path(name))

    def attach_image(self, path: Path) -> ImageRef:
        """Store the picture as a blob and add it to the question's stem."""
        if self.blobs is None:
            raise RuntimeError("no blob store given to the editor")
        check_picture_file(path)
        digest, _size = self.blobs.put_file(path)
        ref = ImageRef(digest, path.name)
        self._images.append(ref)
        self._on_changed()
        return ref

    def remove_images(self) -> None:
        self._images = []
        self._on_changed()

    def _table_box(self, title: str, headers: list[str], add, remove) -> tuple[QGroupBox, QTableWidget]:
        box = QGroupBox(title)
        table = QTableWidget(0, len(headers))
        table.setAccessibleName(title)
        table.setHorizontalHeaderLabels(headers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Rows as tall as their wrapped text, and the table as tall as its rows (the form scrolls, not the
        # table): the four options of a normal question are all in view.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.model().rowsInserted.connect(lambda *_a: _fit_height(table))
        table.model().rowsRemoved.connect(lambda *_a: _fit_height(table))
        table.itemChanged.connect(lambda _item: _fit_height(table))
        _fit_height(table)
        buttons = QHBoxLayout()
        for text, slot in ((_("Thêm"), add), (_("Xóa dòng chọn"), remove)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        layout.addLayout(buttons)
        return box, table

    def _metadata_form(self) -> QFormLayout:
        self.level_combo = QComboBox()
        self.level_combo.setEditable(False)
        self.level_combo.addItem(_("(chưa chọn)"), "")
        for level in self.levels:
            self.level_combo.addItem(level_label(level), level)
        self.points_spin = QDoubleSpinBox()
        self.points_spin.setLocale(number_locale())
        self.points_spin.setDecimals(2)
        self.points_spin.setRange(0.0, 100.0)
        self.points_spin.setSingleStep(0.25)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(_("các thẻ, cách nhau bởi dấu phẩy"))
        self.group_edit = QLineEdit()
        self.group_edit.setPlaceholderText(_("để trống nếu câu hỏi đứng riêng"))
        self.group_edit.setToolTip(_("Các câu cùng mã nhóm (ví dụ cùng một đoạn dẫn) được giữ liền nhau khi trộn đề."))
        self.group_edit.setAccessibleName(_("Nhóm câu hỏi"))
        self.status_combo = QComboBox()
        self.status_combo.addItem(_("Nháp"), "draft")
        self.status_combo.addItem(_("Đã duyệt"), "approved")
        self._build_topic_and_kind()
        form = QFormLayout()
        form.addRow(_("Chuyên đề"), self.topic_combo)
        form.addRow(_("Loại vấn đáp"), self.oral_kind_combo)
        form.addRow(_("Mức độ"), self.level_combo)
        form.addRow(_("Điểm"), self.points_spin)
        form.addRow(_("Thẻ"), self.tags_edit)
        form.addRow(_("Nhóm"), self.group_edit)
        form.addRow(_("Trạng thái"), self.status_combo)
        return form

    def _build_topic_and_kind(self) -> None:
        self.topic_combo = QComboBox()
        self.topic_combo.setAccessibleName(_("Chuyên đề của câu hỏi"))
        # Long titles must not widen the form past the side panel.
        self.topic_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.topic_combo.setMinimumContentsLength(12)
        self.topic_combo.addItem(_("(chưa chọn)"), "")
        for topic in self.store.select(Topic, order_by="code"):
            self.topic_combo.addItem(f"{topic.code} — {topic.title}", topic.id)
        make_searchable(self.topic_combo)
        self.oral_kind_combo = QComboBox()
        self.oral_kind_combo.setAccessibleName(_("Loại câu hỏi vấn đáp"))
        self.oral_kind_combo.setToolTip(
            _("Mỗi phiếu vấn đáp thường có một câu lý thuyết và một câu liên hệ thực tiễn."))
        for text, kind in ((_("Lý thuyết"), "theory"), (_("Liên hệ thực tiễn"), "practice")):
            self.oral_kind_combo.addItem(text, kind)

    def set_levels(self, levels: Sequence[str]) -> None:
        """Offer a new level list (the current question keeps its level)."""
        self.levels = tuple(levels)
        current = self.level_combo.currentData()
        self.level_combo.blockSignals(True)
        self.level_combo.clear()
        self.level_combo.addItem(_("(chưa chọn)"), "")
        for level in self.levels:
            self.level_combo.addItem(level_label(level), level)
        if current and self.level_combo.findData(current) < 0:
            self.level_combo.addItem(current, current)
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(current)))
        self.level_combo.blockSignals(False)

    def _connect(self) -> None:
        self.type_combo.currentIndexChanged.connect(self._on_type_changed)
        for edit in (self.stem_edit, self.answers_edit, self.guide_edit):
            edit.textChanged.connect(self._on_changed)
        for table in (self.options_table, self.rubric_table):
            table.itemChanged.connect(self._on_changed)
        self.level_combo.currentIndexChanged.connect(self._on_changed)
        self.status_combo.currentIndexChanged.connect(self._on_changed)
        self.topic_combo.currentIndexChanged.connect(self._on_changed)
        self.oral_kind_combo.currentIndexChanged.connect(self._on_changed)
        self.points_spin.valueChanged.connect(self._on_changed)
        self.tags_edit.textChanged.connect(self._on_changed)
        self.group_edit.textChanged.connect(self._on_changed)

    # Loading and reading -------------------------------------------------------

    def load(self, question: Question) -> None:
        """Show *question* (a copy is edited; the original is untouched)."""
        self._loading = True
        self._base = copy.deepcopy(question)
        q = self._base
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(q.type)))
        self.stem_edit.setPlainText(q.stem)
        self.options_table.setRowCount(0)
        for option in q.options:
            self._append_option(option)
        self.answers_edit.setPlainText("\n".join(q.answers))
        self.rubric_table.setRowCount(0)
        for item in q.rubric:
            self._append_rubric(item)
        self.guide_edit.setPlainText(q.guide)
        self._images = list(q.images)
        level_index = self.level_combo.findData(q.level)
        if level_index < 0 and q.level:
            self.level_combo.addItem(q.level, q.level)
            level_index = self.level_combo.count() - 1
        self.level_combo.setCurrentIndex(max(0, level_index))
        self.points_spin.setValue(q.points)
        self.tags_edit.setText(", ".join(without_kind_tag(q.tags) if q.type == "oral" else q.tags))
        self.group_edit.setText(q.group_id or "")
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(q.status)))
        self._show_topic(q.topic_ids[0] if q.topic_ids else "")
        self.oral_kind_combo.setCurrentIndex(max(0, self.oral_kind_combo.findData(oral_kind(q.tags))))
        self._loading = False
        self._dirty = False
        self._show_sections()
        self._refresh()

    def _show_topic(self, topic_id: str) -> None:
        index = self.topic_combo.findData(topic_id)
        if index < 0 and topic_id:  # a topic this store does not list (yet): keep the link as it is
            self.topic_combo.addItem(topic_id, topic_id)
            index = self.topic_combo.count() - 1
        self.topic_combo.setCurrentIndex(max(0, index))

    def _topic_ids(self) -> list[str]:
        """The chosen topic first, then the question's other links unchanged."""
        chosen = self.topic_combo.currentData() or ""
        others = [t for t in self._base.topic_ids[1:] if t != chosen]
        return ([chosen] if chosen else []) + others

    def new_question(self, question_type: str = "single_choice", topic_ids: Sequence[str] = ()) -> None:
        """Start a new question of *question_type* (four empty options for the choice types).

        Without *topic_ids*, the question gets ``default_topic_id`` (shown in the Chuyên đề field).
        """
        options = [Option() for _ in range(4)] if question_type in CHOICE_TYPES else []
        topics = list(topic_ids) or ([self.default_topic_id] if self.default_topic_id else [])
        self.load(Question(type=question_type, topic_ids=topics, options=options))

    def follow(self, ids: Sequence[str]) -> None:
        """*ids* were just deleted or changed elsewhere: let go of a deleted one, read a changed one again.

        A later save of the old form would bring a deleted question back, or
        take a merge's topics and tags away; what is being typed is kept.
        """
        if self.question_id not in set(ids):
            return
        question = self.store.get(Question, self.question_id)
        if question is None:
            self.new_question()
        elif not self.is_dirty:
            self.load(question)

    def current_question(self) -> Question:
        """The question as the form shows it now (same id, links and images as the loaded one)."""
        q = copy.deepcopy(self._base)
        q.type = self.type_combo.currentData()
        q.stem = self.stem_edit.toPlainText().strip()
        q.options = self._read_options() if q.type in CHOICE_TYPES else []
        q.answers = [line.strip() for line in self.answers_edit.toPlainText().split("\n") if line.strip()] \
            if q.type == "short_answer" else []
        q.rubric = self._read_rubric() if q.type == "essay" else []
        q.guide = self.guide_edit.toPlainText().strip() if q.type in ("essay", "oral") else ""
        q.level = self.level_combo.currentData() or ""
        q.points = round(self.points_spin.value(), 2)
        q.tags = split_list(self.tags_edit.text())
        if q.type == "oral":
            q.tags = with_oral_kind(q.tags, self.oral_kind_combo.currentData(), self._base.tags)
        q.topic_ids = self._topic_ids()
        q.group_id = self.group_edit.text().strip() or None
        q.status = self.status_combo.currentData()
        q.images = list(self._images)
        return q

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def question_id(self) -> str:
        """The id of the question in the form ("" for a new one not saved yet)."""
        return self._base.id

    def _read_options(self) -> list[Option]:
        options = []
        for row in range(self.options_table.rowCount()):
            text = self.options_table.item(row, 0)
            old = self._base.options[row] if row < len(self._base.options) else Option()
            options.append(Option(text.text().strip() if text else "", _checked(self.options_table, row, 1),
                                  _checked(self.options_table, row, 2), old.image))
        return options

    def _read_rubric(self) -> list[RubricItem]:
        from lecturer_app.core.questions.rules import parse_points

        items = []
        for row in range(self.rubric_table.rowCount()):
            text = self.rubric_table.item(row, 0)
            points = self.rubric_table.item(row, 1)
            value = parse_points(points.text()) if points else None
            items.append(RubricItem(text.text().strip() if text else "", value or 0.0))
        return items

    # Rows ------------------------------------------------------------------------

    def _append_option(self, option: Option) -> None:
        row = self.options_table.rowCount()
        self.options_table.insertRow(row)
        self.options_table.setItem(row, 0, QTableWidgetItem(option.text))
        for column, value in ((1, option.correct), (2, option.pinned)):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            self.options_table.setItem(row, column, item)
        self.options_table.setVerticalHeaderItem(row, QTableWidgetItem(
            LETTERS[row] if row < len(LETTERS) else str(row + 1)))

    def _append_rubric(self, item: RubricItem) -> None:
        from lecturer_app.core.questions.rules import format_points

        row = self.rubric_table.rowCount()
        self.rubric_table.insertRow(row)
        self.rubric_table.setItem(row, 0, QTableWidgetItem(item.text))
        self.rubric_table.setItem(row, 1, QTableWidgetItem(ui_number(format_points(item.points))))

    def _add_option(self) -> None:
        self._append_option(Option())
        self._on_changed()

    def _remove_option(self) -> None:
        _remove_selected(self.options_table)
        self._on_changed()

    def _add_rubric(self) -> None:
        self._append_rubric(RubricItem())
        self._on_changed()

    def _remove_rubric(self) -> None:
        _remove_selected(self.rubric_table)
        self._on_changed()

    # Reacting ----------------------------------------------------------------------

    def _on_type_changed(self) -> None:
        kind = self.type_combo.currentData()
        if not self._loading and kind in CHOICE_TYPES and self.options_table.rowCount() == 0:
            for _row in range(4):
                self._append_option(Option())
        self._show_sections()
        self._on_changed()

    def _show_sections(self) -> None:
        kind = self.type_combo.currentData()
        self.options_box.setVisible(kind in CHOICE_TYPES)
        self.options_box.setTitle(_("Các ý (đánh dấu ý đúng)") if kind == "true_false_4" else _("Phương án"))
        self.answers_box.setVisible(kind == "short_answer")
        self.rubric_box.setVisible(kind == "essay")
        self.guide_box.setVisible(kind in ("essay", "oral"))
        self.form.setRowVisible(self.oral_kind_combo, kind == "oral")

    def _on_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        question = self.current_question()
        self.images_label.setText(_("Hình: {names}").format(names=", ".join(r.filename for r in question.images))
                                  if question.images else "")
        self.preview.setHtml(preview_html(question))
        found = problems(question)
        self.problems_label.setText("\n".join("• " + p for p in found))
        self.save_button.setEnabled(not found)
        # Quality advice (rubric total, unpinned "tất cả…", repeated options) does not block saving.
        advice = [f.message for f in question_findings(question, self.levels)
                  if f.code not in ("missing_topic", "no_correct", "several_correct", "no_answer", "true_false_count")]
        self.warnings_label.setText("\n".join(_("Lưu ý: ") + a for a in advice))

    def save(self) -> str | None:
        """Write the question (one transaction); its id, or None while a problem remains."""
        question = self.current_question()
        if problems(question):
            self._refresh()
            return None
        with self.store.transaction():
            self.store.save(question, summary=summaries.EDIT_QUESTION if self._base.id else summaries.ADD_QUESTION)
        self._base = copy.deepcopy(question)
        self._dirty = False
        self.saved.emit(question.id)
        return question.id


MIN_TABLE_ROWS = 4


def _fit_height(table: QTableWidget) -> None:
    """Make *table* exactly as tall as its rows (at least MIN_TABLE_ROWS rows of room)."""
    table.resizeRowsToContents()
    rows = table.verticalHeader().length()
    room = MIN_TABLE_ROWS * table.verticalHeader().defaultSectionSize()
    frame = 2 * table.frameWidth() + table.horizontalHeader().sizeHint().height() + 2
    table.setFixedHeight(frame + max(rows, room))


def _checked(table: QTableWidget, row: int, column: int) -> bool:
    item = table.item(row, column)
    return item is not None and item.checkState() == Qt.CheckState.Checked


def _remove_selected(table: QTableWidget) -> None:
    rows = sorted({index.row() for index in table.selectedIndexes()}, reverse=True)
    for row in rows:
        table.removeRow(row)
