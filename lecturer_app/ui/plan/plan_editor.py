"""The written-plan editor (Giáo án viết): header fields and sections.

Left: the list of sections (plus the header fields as the first entry), with
Thêm / Xóa / Lên / Xuống.  Right: the selected section's heading and its body
as rich text stored as Markdown; the "Tiến trình lên lớp" section is edited
as a table.  One ``QUndoStack`` holds every step; edits reach the store
through an :class:`Autosaver`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.model import PlanSection, Topic, WrittenPlan
from lecturer_app.core.plans.outline import SKELETON, section_kind, skeleton_body
from lecturer_app.core.positions import between, spread
from lecturer_app.core.text.markdown_table import find_table, format_table
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _, ngettext
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.plan.plan_header_form import PlanHeaderForm
from lecturer_app.ui.plan.step_table_editor import StepTableEditor
from lecturer_app.ui.topic.editor_base import AutosavingEditor
from lecturer_app.ui.topic.undo_commands import (
    CallbackCommand,
    DocumentEditCommand,
    FieldEditCommand,
)
from lecturer_app.ui.widgets.empty_page import empty_page
from lecturer_app.ui.widgets.icons import icon
from lecturer_app.ui.widgets.rich_text_edit import (
    RichTextEdit,
    document_markdown,
    formatting_toolbar,
    load_markdown,
)

HEADER_ROW = "__header__"


class PlanEditor(AutosavingEditor, QWidget):
    """Edits the written plan of one topic.

    Signals:
        saved(): edits were written to the store.
    """

    saved = Signal()

    def __init__(self, context: AppContext, topic: Topic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text_mode_for: str | None = None  # the section whose step table is edited as text
        self._start_editing(context, topic)
        self.autosaver.before_flush(self._collect)
        self.plan: WrittenPlan | None = None
        self.sections: list[PlanSection] = []
        self.documents: dict[str, QTextDocument] = {}
        self._dirty: set[str] = set()
        self.current_id = HEADER_ROW
        self._build()
        self.reload()

    # Building ------------------------------------------------------------------

    def _build(self) -> None:
        self.section_list = QListWidget()
        self.section_list.setObjectName("section_list")
        self.section_list.setAccessibleName(_("Các mục của giáo án"))
        # The list is narrow (the text beside it needs the room): long headings such as "V. KẾT CẤU NỘI DUNG VÀ
        # PHÂN BỔ THỜI GIAN" wrap onto a second line instead of being cut behind a sideways scroll bar.
        self.section_list.setWordWrap(True)
        self.section_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.section_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.section_list.setSpacing(1)
        self.section_list.currentItemChanged.connect(self._on_current_changed)
        # Two rows of two: the list stays narrow, so the text or step table beside it has room on a laptop.
        buttons = QGridLayout()
        made = [self._section_button(buttons, number, text, icon_name, slot)
                for number, (text, icon_name, slot) in enumerate(((_("Thêm mục"), "add", self.add_section),
                                                                  (_("Xóa"), "remove", self.remove_section),
                                                                  (_("Lên"), "up", lambda: self.move_section(-1)),
                                                                  (_("Xuống"), "down", lambda: self.move_section(1))))]
        self.add_button, self.remove_button, self.up_button, self.down_button = made
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.section_list, 1)
        left_layout.addLayout(buttons)
        self.header_form = PlanHeaderForm(self.undo_stack, lambda: self.show_section(HEADER_ROW))
        self.header_form.edited.connect(self._on_header_edited)
        self.right = QStackedWidget()
        self.right.addWidget(self.header_form)
        self.right.addWidget(self._build_section_page())
        self.empty = self._build_empty_page()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 780])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

    @staticmethod
    def _section_button(grid: QGridLayout, number: int, text: str, icon_name: str,
                        slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        grid.addWidget(button, number // 2, number % 2)
        return button

    def _update_buttons(self) -> None:
        """Xóa, Lên and Xuống are off where they cannot act (they used to do nothing, in silence)."""
        section = self.section(self.current_id)
        index = self.sections.index(section) if section is not None else -1
        self.remove_button.setEnabled(section is not None)
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(0 <= index < len(self.sections) - 1)
        hint = _("«Thông tin chung» không xóa hay chuyển được: chọn một mục trong danh sách") if section is None \
            else ""
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setToolTip(hint)

    def _build_section_page(self) -> QWidget:
        self.heading_edit = QLineEdit()
        self.heading_edit.setObjectName("section_heading")
        self.heading_edit.setAccessibleName(_("Tên mục"))
        self.heading_edit.textEdited.connect(self._on_heading_edited)
        self.text_edit = RichTextEdit(self.undo_stack)
        self.text_edit.setObjectName("section_body")
        self.text_edit.setAccessibleName(_("Nội dung mục"))
        self.toolbar = formatting_toolbar(self.text_edit)
        self.table_editor = StepTableEditor(self.undo_stack, lambda: self.show_section(self._table_section_id))
        self.table_editor.edited.connect(self._on_table_edited)
        self._table_section_id = ""
        self.mode_button = QPushButton()
        self.mode_button.clicked.connect(self._toggle_table_mode)
        self.body_stack = QStackedWidget()
        self.body_stack.addWidget(self.text_edit)
        self.body_stack.addWidget(self.table_editor)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Tên mục:")))
        top.addWidget(self.heading_edit, 1)
        top.addWidget(self.mode_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.body_stack, 1)
        return page

    def _build_empty_page(self) -> QWidget:
        create = QPushButton(icon("add"), _("Tạo giáo án viết theo mẫu"))
        create.clicked.connect(self.create_plan)
        return empty_page(_("Chuyên đề này chưa có giáo án viết.\nTạo giáo án theo mẫu gồm các mục I. Mục tiêu … "
                            "VII. Câu hỏi ôn tập, thảo luận và B. Nội dung bài giảng."), create)

    # Loading -------------------------------------------------------------------

    def reload(self) -> None:
        """Show the stored plan (after a restore, or at start); clears undo."""
        self.undo_stack.clear()
        self.documents.clear()
        self._dirty.clear()
        self.plan = self.context.bank.plan(self.topic.id)
        self.sections = self.context.bank.sections(self.plan.id) if self.plan else []
        self.pages.setCurrentWidget(self.splitter if self.plan else self.empty)
        if self.plan:
            header = dict(self.plan.header)
            self.header_form.set_values(header)
        keep = self.current_id
        self._fill_list()
        self.show_section(keep if keep in self._ids() else HEADER_ROW)

    def reload_if_stale(self) -> None:
        """Reload when the store holds other content than shown (e.g. after a restore)."""
        if self.autosaver.has_pending or self.plan is None:
            return
        stored = self.context.bank.sections(self.plan.id)
        if [s.to_body() for s in stored] != [s.to_body() for s in self.sections]:
            self.reload()

    def _ids(self) -> list[str]:
        return [HEADER_ROW] + [s.id for s in self.sections]

    def _fill_list(self) -> None:
        self.section_list.blockSignals(True)
        self.section_list.clear()
        first = QListWidgetItem(icon("info"), _("Thông tin chung (tên bài, đối tượng…)"))
        first.setData(Qt.ItemDataRole.UserRole, HEADER_ROW)
        self.section_list.addItem(first)
        for section in self.sections:
            item = QListWidgetItem(section.heading or _("(mục chưa đặt tên)"))
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            item.setToolTip(section.heading)
            self.section_list.addItem(item)
        self.section_list.blockSignals(False)

    def document(self, section: PlanSection) -> QTextDocument:
        """The section's text document, made on first use."""
        doc = self.documents.get(section.id)
        if doc is None:
            doc = QTextDocument(self)
            doc.setDefaultFont(self.text_edit.font())
            load_markdown(doc, section.body)
            sid = section.id
            doc.undoCommandAdded.connect(lambda: self.undo_stack.push(
                DocumentEditCommand(doc, lambda: self.show_section(sid), _("Gõ văn bản"))))
            doc.contentsChanged.connect(lambda: self._on_text_changed(sid))
            self.documents[sid] = doc
        return doc

    def section(self, section_id: str) -> PlanSection | None:
        return next((s for s in self.sections if s.id == section_id), None)

    # Showing -------------------------------------------------------------------

    def show_section(self, section_id: str) -> None:
        """Select and show a section (or HEADER_ROW for the header fields)."""
        self.current_id = section_id
        self._update_buttons()
        row = self._ids().index(section_id) if section_id in self._ids() else 0
        if self.section_list.currentRow() != row:
            self.section_list.blockSignals(True)
            self.section_list.setCurrentRow(row)
            self.section_list.blockSignals(False)
        section = self.section(section_id)
        if section is None:
            self.right.setCurrentIndex(0)
            return
        self.right.setCurrentIndex(1)
        self.heading_edit.setText(section.heading)
        table = find_table(section.body) if section.kind == "tien_trinh" else None
        self.mode_button.setVisible(section.kind == "tien_trinh")
        if table is not None and self._text_mode_for != section.id:
            self._table_section_id = section.id
            self.table_editor.set_table(table)
            self.body_stack.setCurrentWidget(self.table_editor)
            self.toolbar.setEnabled(False)
            self.mode_button.setText(_("Sửa dạng văn bản"))
        else:
            self.text_edit.setDocument(self.document(section))
            self.body_stack.setCurrentWidget(self.text_edit)
            self.toolbar.setEnabled(True)
            self.mode_button.setText(_("Sửa dạng bảng"))

    def _on_current_changed(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None:
            self.show_section(item.data(Qt.ItemDataRole.UserRole))

    def _toggle_table_mode(self) -> None:
        section = self.section(self.current_id)
        if section is None:
            return
        self._collect()
        if self.body_stack.currentWidget() is self.table_editor:
            self._text_mode_for = section.id
            doc = self.documents.get(section.id)
            if doc is not None:
                load_markdown(doc, section.body)
        else:
            self._text_mode_for = None
        self.show_section(section.id)

    # Edits ---------------------------------------------------------------------

    def _on_text_changed(self, section_id: str) -> None:
        self._dirty.add(section_id)
        self.autosaver.touch()

    def _collect(self) -> None:
        """Copy edited documents into their sections and stage them (before a flush)."""
        for section_id in list(self._dirty):
            section, doc = self.section(section_id), self.documents.get(section_id)
            if section is not None and doc is not None:
                section.body = document_markdown(doc)
                self.autosaver.session.stage(section)
        self._dirty.clear()

    def _on_header_edited(self, key: str, value: str) -> None:
        if self.plan is not None:
            self.plan.header[key] = value
            self.autosaver.stage(self.plan)

    def _on_heading_edited(self, text: str) -> None:
        section = self.section(self.current_id)
        if section is None:
            return
        sid, old, new = section.id, section.heading, nfc(text)
        self._set_heading(sid, new, refresh_editor=False)
        self.undo_stack.push(FieldEditCommand(f"heading:{sid}", old, new,
                                              lambda value: self._set_heading(sid, str(value)), _("Đổi tên mục")))

    def _set_heading(self, section_id: str, heading: str, refresh_editor: bool = True) -> None:
        section = self.section(section_id)
        if section is None:
            return
        section.heading = heading
        section.kind = section_kind(heading) if heading.strip() else section.kind
        item = self.section_list.item(self._ids().index(section_id))
        item.setText(heading or _("(mục chưa đặt tên)"))
        self.autosaver.stage(section)
        if refresh_editor:
            self.show_section(section_id)

    def _on_table_edited(self) -> None:
        section = self.section(self._table_section_id)
        if section is not None:
            section.body = format_table(self.table_editor.table)
            self.autosaver.stage(section)

    # Structure -----------------------------------------------------------------

    def add_section(self) -> None:
        """Add a section after the current one."""
        if self.plan is None:
            return
        index = self._ids().index(self.current_id)  # 0 = header → insert first
        before = self.sections[index - 1].position if index > 0 else None
        after = self.sections[index].position if index < len(self.sections) else None
        section = PlanSection(plan_id=self.plan.id, topic_id=self.topic.id, position=between(before, after),
                              heading=_("Mục mới"))
        self.autosaver.save_now(section, _("Thêm mục"))
        self.sections.insert(index, section)
        self._fill_list()
        self.undo_stack.push(CallbackCommand(_("Thêm mục"), lambda: self._revive(section),
                                             lambda: self._drop(section)))
        self.show_section(section.id)
        self.heading_edit.setFocus()
        self.heading_edit.selectAll()

    def remove_section(self) -> None:
        section = self.section(self.current_id)
        if section is None:
            return
        self._collect()
        self.undo_stack.push(CallbackCommand(_("Xóa mục «{heading}»").format(heading=section.heading),
                                             lambda: self._drop(section), lambda: self._revive(section)))

    def _revive(self, section: PlanSection) -> None:
        if self.section(section.id) is None:
            self.autosaver.save_now(section, _("Thêm mục"))
            self.sections.append(section)
            self.sections.sort(key=lambda s: s.position)
            self._fill_list()
        self.show_section(section.id)

    def _drop(self, section: PlanSection) -> None:
        if self.section(section.id) is None:
            return
        index = self.sections.index(section)
        self.autosaver.delete_now(section, _("Xóa mục «{heading}»").format(heading=section.heading))
        self.sections.remove(section)
        self._fill_list()
        neighbour = self.sections[min(index, len(self.sections) - 1)].id if self.sections else HEADER_ROW
        self.show_section(neighbour)

    def move_section(self, step: int) -> None:
        """Move the current section up (-1) or down (+1)."""
        section = self.section(self.current_id)
        if section is None:
            return
        index = self.sections.index(section)
        target = index + step
        if not 0 <= target < len(self.sections):
            return
        old_position = section.position
        others = [s for s in self.sections if s is not section]
        before = others[target - 1].position if target > 0 else None
        after = others[target].position if target < len(others) else None
        new_position = between(before, after)
        self.undo_stack.push(CallbackCommand(
            _("Chuyển mục"), lambda: self._set_position(section, new_position),
            lambda: self._set_position(section, old_position)))

    def _set_position(self, section: PlanSection, position: str) -> None:
        section.position = position
        self.autosaver.save_now(section, _("Chuyển mục"))
        self.sections.sort(key=lambda s: s.position)
        self._fill_list()
        self.show_section(section.id)

    def create_plan(self) -> None:
        """A plan with the skeleton sections of domain.md §2 (one transaction)."""
        plan = WrittenPlan(topic_id=self.topic.id, header={
            "ten_bai": self.topic.title, "doi_tuong": self.topic.audience,
            "thoi_gian": (ngettext("{periods} tiết", self.topic.periods).format(periods=self.topic.periods)
                          if self.topic.periods else ""),
            "nguoi_soan": self.context.settings.author_name})
        with self.context.store.transaction():
            self.autosaver.save_now(plan, _("Tạo giáo án viết"))
            for (kind, heading), position in zip(SKELETON, spread(len(SKELETON))):
                self.autosaver.save_now(PlanSection(plan_id=plan.id, topic_id=self.topic.id, position=position,
                                                    kind=kind, heading=heading, body=skeleton_body(kind)),
                                        _("Tạo giáo án viết"))
        self.reload()
