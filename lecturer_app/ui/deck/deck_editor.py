"""The slide-deck editor (Giáo án điện tử).

Left: the slides as thumbnails drawn by the app's own renderer from
``core.slide_layout`` (what you see is what exports); drag to reorder.
Middle: the current slide's fields.  Right: a large preview.  Every change is
an undo step on one ``QUndoStack`` and reaches the store through an
:class:`Autosaver`.  "Tạo từ giáo án viết" drafts a deck from the written plan.
"""

from __future__ import annotations

import copy
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import SLIDE_LAYOUTS, ImageRef, Slide, SlideDeck, Topic
from lecturer_app.core.positions import between
from lecturer_app.core.slides.bullets import parse_bullets
from lecturer_app.core.slides.deck_draft import draft_deck
from lecturer_app.core.slides.tables import parse_table
from lecturer_app.core.text.normalize import nfc
from lecturer_app.formats.pictures import check_picture_file
from lecturer_app.formats.slide_layout import load_theme, theme_names
from lecturer_app.i18n import N_, _, ngettext
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.deck.slide_form import LAYOUT_FIELDS, SlideForm
from lecturer_app.ui.deck.slide_list_model import (
    LAYOUT_LABELS,
    THUMB_SIZE,
    SlideListModel,
)
from lecturer_app.ui.deck.slide_preview import SlidePreview
from lecturer_app.ui.deck.slide_renderer import SlideRenderer
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.remembered import Remembered
from lecturer_app.ui.topic.editor_base import AutosavingEditor
from lecturer_app.ui.topic.undo_commands import CallbackCommand, FieldEditCommand
from lecturer_app.ui.widgets.empty_page import empty_page
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.icons import icon
from lecturer_app.ui.widgets.picture_loading import load_picture
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

IMAGE_FILTER = N_("Ảnh (*.png *.jpg *.jpeg *.gif *.bmp *.webp)")


class DeckEditor(AutosavingEditor, QWidget):
    """Edits the slide deck of one topic.

    Signals:
        saved(): edits were written to the store.
    """

    saved = Signal()

    def __init__(self, context: AppContext, topic: Topic, operations: OperationRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start_editing(context, topic)
        self.operations = operations
        self.renderer = SlideRenderer(self._load_image)
        self.deck: SlideDeck | None = None
        self.model = SlideListModel(self.renderer, load_theme(""), topic.title, self)
        self.model.move_requested.connect(self.move_slide)
        self._just_read = False
        self._build()
        self.reload()

    # Building ---------------------------------------------------------------

    def _build(self) -> None:
        self.view = QListView()
        self.view.setObjectName("slide_list")
        self.view.setAccessibleName(_("Danh sách trang chiếu"))
        self.view.setModel(self.model)
        self.view.setIconSize(THUMB_SIZE)
        self.view.setSpacing(4)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(True)
        self.view.setGridSize(QSize(THUMB_SIZE.width() + 16, THUMB_SIZE.height() + 44))
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setFlow(QListView.Flow.TopToBottom)
        self.view.setWrapping(False)
        self.view.setMovement(QListView.Movement.Snap)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setMinimumWidth(THUMB_SIZE.width() + 40)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.form = SlideForm()
        self.form.edited.connect(self._on_form_edited)
        self.form.insert_image_requested.connect(self.choose_image)
        self.form.remove_image_requested.connect(self.remove_image)
        for edit in (self.form.bullets, self.form.right_bullets, self.form.table):
            edit.undo_requested.connect(self.undo_stack.undo)
            edit.redo_requested.connect(self.undo_stack.redo)
        self.preview = SlidePreview(self.renderer)
        self.preview.images_dropped.connect(self.add_images)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._preview_with_theme())
        right.addWidget(self.form)
        right.setSizes([360, 420])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self._build_empty_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._build_toolbar())
        layout.addWidget(self.pages, 1)

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setAccessibleName(_("Thao tác với trang chiếu"))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        add_menu = QMenu(self)
        for name in SLIDE_LAYOUTS:
            add_menu.addAction(_(LAYOUT_LABELS[name]), partial(self.add_slide, name))
        add_button = QToolButton()
        add_button.setText(_("Thêm trang chiếu"))
        add_button.setIcon(icon("add"))
        add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        add_button.setMenu(add_menu)
        add_button.clicked.connect(lambda: self.add_slide("bullets"))
        bar.addWidget(add_button)
        actions = []
        for text, icon_name, slot in ((_("Nhân bản"), "copy", self.duplicate_slide),
                                      (_("Xóa"), "remove", self.delete_slide),
                                      (_("Lên"), "up", lambda: self.move_current(-1)),
                                      (_("Xuống"), "down", lambda: self.move_current(1))):
            action = QAction(icon(icon_name), text, self)
            action.triggered.connect(slot)
            bar.addAction(action)
            actions.append(action)
        self.up_action, self.down_action = actions[2:]
        bar.addSeparator()
        self.draft_action = QAction(icon("magic"), _("Tạo từ giáo án viết"), self)
        self.draft_action.setToolTip(_("Tạo giáo án điện tử từ giáo án viết"))
        self.draft_action.triggered.connect(self.ask_generate_from_plan)
        bar.addAction(self.draft_action)
        return bar

    def _preview_with_theme(self) -> QWidget:
        # Above the preview it changes, not in the toolbar: there a 1366-pixel laptop screen hid it behind "»".
        self.theme_box = QComboBox()
        self.theme_box.setAccessibleName(_("Mẫu trình bày"))
        for name in theme_names():
            self.theme_box.addItem(_(load_theme(name).label), name)  # the shipped names are in the catalogue
        self.theme_box.activated.connect(lambda _i: self.set_theme(self.theme_box.currentData()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(QLabel(_("Mẫu trình bày:")))
        row.addWidget(self.theme_box)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)
        return panel

    def _build_empty_page(self) -> QWidget:
        draft = QPushButton(icon("magic"), _("Tạo giáo án điện tử từ giáo án viết"))
        draft.clicked.connect(lambda: self.generate_from_plan("replace"))
        blank = QPushButton(icon("add"), _("Thêm trang chiếu trống"))
        blank.clicked.connect(lambda: self.add_slide("title"))
        return empty_page(_("Chuyên đề này chưa có trang chiếu nào.\nCó thể tạo bản nháp từ giáo án viết "
                            "(trang tiêu đề, kết cấu bài giảng, các phần, câu hỏi thảo luận, kết luận) rồi sửa lại."),
                          draft, blank)

    # Loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Show the stored deck; clears undo."""
        self.undo_stack.clear()
        self.deck = self.context.bank.deck(self.topic.id)
        slides = self.context.bank.slides(self.deck.id) if self.deck else []
        self._apply_theme_name(self.deck.theme if self.deck else "")
        self.model.set_slides(slides)
        self._update_page()
        if slides:
            self.select_row(0)
        # Read on this very turn: the tab showing it for the first time need not read the deck again.
        self._just_read = True
        QTimer.singleShot(0, self, self._forget_just_read)

    def _forget_just_read(self) -> None:
        self._just_read = False

    def reload_if_stale(self) -> None:
        if self.autosaver.has_pending or self._just_read:
            return
        deck = self.context.bank.deck(self.topic.id)
        stored = self.context.bank.slides(deck.id) if deck else []
        if [s.to_body() for s in stored] != [s.to_body() for s in self.model.slides]:
            current = self.current_row()
            self.reload()
            if 0 <= current < len(self.model.slides):
                self.select_row(current)

    def _apply_theme_name(self, name: str) -> None:
        try:
            theme = load_theme(name)
        except UserFacingError:
            theme = load_theme("")
        self.model.set_theme(theme)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(theme.name)))

    def _update_page(self) -> None:
        self.pages.setCurrentIndex(0 if self.model.slides else 1)

    def _load_image(self, sha256: str) -> QImage | None:
        try:
            # Scaled on load: a picture above Qt's 256 MB decoding limit still shows (issue #15).
            return load_picture(self.context.workspace.blobs.read_bytes(sha256))
        except Exception:  # a missing blob shows as a placeholder, never as a crash
            return None

    # Selection ------------------------------------------------------------------

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def current_slide(self) -> Slide | None:
        row = self.current_row()
        return self.model.slides[row] if 0 <= row < len(self.model.slides) else None

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))
        self._show_current()

    def select_slide(self, slide_id: str) -> None:
        for row, slide in enumerate(self.model.slides):
            if slide.id == slide_id:
                self.select_row(row)
                return

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _show_current(self) -> None:
        slide = self.current_slide()
        self.form.set_slide(slide)
        self.preview.set_pages(self.model.pages(self.current_row()) if slide else [])
        # The first slide cannot go up nor the last down: off there rather than doing nothing.
        row, count = self.current_row(), len(self.model.slides)
        self.up_action.setEnabled(slide is not None and row > 0)
        self.down_action.setEnabled(slide is not None and row < count - 1)

    # Field edits ----------------------------------------------------------------

    def _on_form_edited(self, key: str, old: object, new: object) -> None:
        slide = self.form.slide
        if slide is None:
            return
        sid = slide.id
        self._apply_field(sid, key, new, refresh_form=False)
        self.undo_stack.push(FieldEditCommand(f"{sid}:{key}", old, new,
                                              lambda value: self._apply_field(sid, key, value),
                                              _("Sửa trang chiếu")))

    def _apply_field(self, slide_id: str, key: str, value: object, refresh_form: bool = True) -> None:
        slide = next((s for s in self.model.slides if s.id == slide_id), None)
        if slide is None:
            return
        if key in ("bullets", "right_bullets"):
            setattr(slide, key, parse_bullets(str(value)))
        elif key == "table":
            slide.table = parse_table(str(value), slide.table)
        elif key == "images":
            slide.images = copy.deepcopy(list(cast(list, value)))
        else:
            setattr(slide, key, value)
        self.autosaver.stage(slide)
        self.model.slide_changed(slide_id)
        if refresh_form:
            if self.current_slide() is not slide:
                self.select_slide(slide_id)
            self.form.set_slide(slide)
        self.preview.set_pages(self.model.pages(self.current_row()) if self.current_slide() else [])

    def set_theme(self, name: str) -> None:
        deck = self._ensure_deck()
        old = deck.theme
        if name == old:
            return
        self.undo_stack.push(CallbackCommand(_("Đổi mẫu trình bày"), lambda: self._set_theme(name),
                                             lambda: self._set_theme(old)))

    def _set_theme(self, name: str) -> None:
        deck = self._ensure_deck()
        deck.theme = name
        self.autosaver.save_now(deck, _("Đổi mẫu trình bày"))
        row = self.current_row()
        self._apply_theme_name(name)
        if row >= 0:
            self.select_row(row)

    # Images -----------------------------------------------------------------------

    def choose_image(self) -> None:
        # Where the last picture came from, else home: "" started in the working folder (the app's, on Windows).
        remembered = Remembered(self.context)
        dialog = QFileDialog(self, _("Chèn ảnh"), str(remembered.folder("image", Path.home())), _(IMAGE_FILTER))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self._chosen_images(remembered, [Path(f) for f in files]))
        dialog.open()

    def _chosen_images(self, remembered: Remembered, paths: list[Path]) -> None:
        if paths:
            remembered.remember_folder("image", paths[0].parent)
        self.add_images(paths)

    def add_images(self, paths: list[Path]) -> None:
        """Store the pictures as blobs and put them on the current slide (one undo step)."""
        slide = self.current_slide()
        if slide is None or not paths:
            return
        refs = list(slide.images)
        added = False
        with errors_shown(self, _("Chèn ảnh")):  # an unreadable file: say so, and insert none of them
            for path in paths:
                check_picture_file(path)
                digest, _size = self.context.workspace.blobs.put_file(path)
                refs.append(ImageRef(sha256=digest, filename=nfc(path.name), alt=nfc(path.stem)))
            added = True
        if not added:
            return
        old_layout = slide.layout
        self.undo_stack.beginMacro(_("Chèn ảnh"))
        if "images" not in LAYOUT_FIELDS.get(slide.layout, set()):
            self._push_field(slide, "layout", old_layout, "image")
        self._push_field(slide, "images", list(slide.images), refs)
        self.undo_stack.endMacro()

    def remove_image(self, index: int) -> None:
        slide = self.current_slide()
        if slide is None or not 0 <= index < len(slide.images):
            return
        refs = [ref for i, ref in enumerate(slide.images) if i != index]
        self._push_field(slide, "images", list(slide.images), refs)

    def _push_field(self, slide: Slide, key: str, old: object, new: object) -> None:
        sid = slide.id
        command = FieldEditCommand(f"{sid}:{key}:once", old, new, lambda value: self._apply_field(sid, key, value),
                                   _("Sửa trang chiếu"))
        self._apply_field(sid, key, new)
        self.undo_stack.push(command)

    # Structure --------------------------------------------------------------------

    def _ensure_deck(self) -> SlideDeck:
        if self.deck is None:
            self.deck = SlideDeck(topic_id=self.topic.id, title=self.topic.title,
                                  theme=self.theme_box.currentData() or "")
            self.autosaver.save_now(self.deck, _("Tạo giáo án điện tử"))
        return self.deck

    def _position_at(self, row: int, exclude: Slide | None = None) -> str:
        """A position that puts a slide at *row* among the others."""
        others = [s for s in self.model.slides if s is not exclude]
        before = others[row - 1].position if row > 0 else None
        after = others[row].position if row < len(others) else None
        return between(before, after)

    def add_slide(self, layout: str = "bullets") -> None:
        deck = self._ensure_deck()
        row = self.current_row() + 1 if self.current_slide() else len(self.model.slides)
        slide = Slide(deck_id=deck.id, topic_id=self.topic.id, position=self._position_at(row), layout=layout)
        self._push_insert([slide], _("Thêm trang chiếu"))

    def duplicate_slide(self) -> None:
        current = self.current_slide()
        if current is None:
            return
        copy_ = copy.deepcopy(current)
        copy_.id = ""
        copy_.position = self._position_at(self.current_row() + 1)
        self._push_insert([copy_], _("Nhân bản trang chiếu"))

    def delete_slide(self) -> None:
        current = self.current_slide()
        if current is None:
            return
        self.autosaver.flush()
        self.undo_stack.push(CallbackCommand(_("Xóa trang chiếu"), lambda: self._remove([current]),
                                             lambda: self._insert([current])))

    def _push_insert(self, slides: list[Slide], text: str) -> None:
        self.undo_stack.push(CallbackCommand(text, lambda: self._insert(slides), lambda: self._remove(slides)))

    def _insert(self, slides: list[Slide]) -> None:
        with self.context.store.transaction():
            for slide in slides:
                self.autosaver.save_now(slide, _("Thêm trang chiếu"))
        ids = {s.id for s in self.model.slides}
        merged = self.model.slides + [s for s in slides if s.id not in ids]
        self.model.set_slides(sorted(merged, key=lambda s: s.position))
        self._update_page()
        self.select_slide(slides[0].id)

    def _remove(self, slides: list[Slide]) -> None:
        row = max(0, min(self.current_row(), len(self.model.slides) - len(slides) - 1))
        gone = {s.id for s in slides}
        with self.context.store.transaction():
            for slide in slides:
                self.autosaver.delete_now(slide, _("Xóa trang chiếu"))
        self.model.set_slides([s for s in self.model.slides if s.id not in gone])
        self._update_page()
        if self.model.slides:
            self.select_row(row)
        else:
            self._show_current()

    def move_current(self, step: int) -> None:
        row = self.current_row()
        if row >= 0:
            self.move_slide(row, row + step + (1 if step > 0 else 0))

    def move_slide(self, from_row: int, to_row: int) -> None:
        """Move the slide at *from_row* before the slide now at *to_row* (an undo step)."""
        if not 0 <= from_row < len(self.model.slides):
            return
        slide = self.model.slides[from_row]
        target = to_row - 1 if to_row > from_row else to_row
        target = max(0, min(target, len(self.model.slides) - 1))
        if target == from_row:
            return
        old, new = slide.position, self._position_at(target, exclude=slide)
        self.undo_stack.push(CallbackCommand(_("Chuyển trang chiếu"), lambda: self._set_position(slide, new),
                                             lambda: self._set_position(slide, old)))

    def _set_position(self, slide: Slide, position: str) -> None:
        slide.position = position
        self.autosaver.save_now(slide, _("Chuyển trang chiếu"))
        self.model.set_slides(sorted(self.model.slides, key=lambda s: s.position))
        self.select_slide(slide.id)

    # Draft from the written plan -------------------------------------------------------

    def ask_generate_from_plan(self) -> None:
        """Ask whether to replace or extend an existing deck, then draft it."""
        if not self.model.slides:
            self.generate_from_plan("replace")
            return
        count = len(self.model.slides)
        question = ngettext("Giáo án điện tử đang có {count} trang chiếu. Thay bằng bản nháp tạo từ giáo án viết, "
                            "hay thêm bản nháp vào cuối?\nCó thể hoàn tác (Ctrl+Z); trang chiếu cũ vẫn xem lại được "
                            "trong tab Lịch sử.", count).format(count=count)
        box = QMessageBox(QMessageBox.Icon.Question, _("Tạo từ giáo án viết"), question, parent=self)
        replace = box.addButton(_("Thay thế"), QMessageBox.ButtonRole.DestructiveRole)
        append = box.addButton(_("Thêm vào cuối"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        translate_buttons(box)
        box.buttonClicked.connect(lambda button: self.generate_from_plan(
            "replace" if button is replace else "append") if button in (replace, append) else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def generate_from_plan(self, mode: str = "replace") -> list[Slide]:
        """Draft slides from the written plan; *mode* "replace" or "append". One undo step."""
        plan = self.context.bank.plan(self.topic.id)
        sections = self.context.bank.sections(plan.id) if plan else []
        deck = self._ensure_deck()
        draft = draft_deck(self.topic, plan, sections, deck)
        old = list(self.model.slides) if mode == "replace" else []
        if mode == "append" and self.model.slides:
            last = self.model.slides[-1].position
            for slide in draft.slides:
                slide.position = last = between(last, None)

        def do() -> None:
            with self.context.store.transaction():
                if old:
                    self._remove(old)
                self._insert(draft.slides)

        def undo() -> None:
            with self.context.store.transaction():
                self._remove(draft.slides)
                if old:
                    self._insert(old)

        self.undo_stack.push(CallbackCommand(_("Tạo từ giáo án viết"), do, undo))
        return draft.slides
