"""The app's own menu actions: save a version, settings, undo/redo, search, help.

Kept out of ``main_window.py`` so the window only composes widgets.  Undo and
Redo act on whichever editor is in front through one ``QUndoGroup``.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QInputDialog, QMessageBox

from lecturer_app.i18n import _
from lecturer_app.ui.backup import install_backup_actions
from lecturer_app.ui.widgets.icons import icon


def install_core_actions(window) -> None:
    """Add the built-in actions to *window*'s menus."""
    window.undo_group = QUndoGroup(window)
    _file_actions(window)
    _edit_actions(window)
    _view_actions(window)
    _help_actions(window)
    install_backup_actions(window)
    window.tabs.currentChanged.connect(lambda _index: _activate_undo_stack(window))
    window.topic_page_hooks.insert(0, lambda page: _watch_topic_page(window, page))
    # The window installs these after its first paint: a page opened before then joins now.
    for page in window.topic_pages():
        _watch_topic_page(window, page)
    _activate_undo_stack(window)


def _action(window, text: str, shortcut=None, slot=None, icon_name: str = "", name: str = "") -> QAction:
    action = QAction(icon(icon_name) if icon_name else icon("blank"), text, window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if slot is not None:
        action.triggered.connect(slot)
    return action


def _file_actions(window) -> None:
    menu = window.menu("file")
    first = menu.actions()[0] if menu.actions() else None
    window.new_topic_action = _action(window, _("Chuyên đề &mới…"), QKeySequence.StandardKey.New,
                                      lambda: _new_topic(window), "new", "new_topic")
    window.save_version_action = _action(window, _("&Lưu phiên bản…"), QKeySequence.StandardKey.Save,
                                         lambda: save_version(window), "save", "save")
    window.settings_action = _action(window, _("&Cài đặt…"), None, lambda: _open_settings(window), "settings")
    for action in (window.new_topic_action, window.save_version_action, window.settings_action):
        menu.insertAction(first, action)
    menu.insertSeparator(first)
    window.quit_action.setShortcut(QKeySequence.StandardKey.Quit)


def _edit_actions(window) -> None:
    menu = window.menu("edit")
    undo = window.undo_group.createUndoAction(window, _("Hoàn tác"))
    undo.setObjectName("undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setIcon(icon("undo"))
    redo = window.undo_group.createRedoAction(window, _("Làm lại"))
    redo.setObjectName("redo")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    redo.setIcon(icon("redo"))
    window.undo_action, window.redo_action = undo, redo
    menu.addAction(undo)
    menu.addAction(redo)
    menu.addSeparator()
    window.find_action = _action(window, _("&Tìm kiếm"), QKeySequence.StandardKey.Find,
                                 window.browser.focus_search, "search", "find")
    menu.addAction(window.find_action)


def _view_actions(window) -> None:
    menu = window.menu("view")
    # Ctrl+F1, as Word's "show/hide the ribbon": Ctrl+B is bold in every editor a lecturer knows.
    toggle = _action(window, _("Hiện/ẩn danh mục chuyên đề"), "Ctrl+F1",
                     lambda: window.browser.setVisible(not window.browser.isVisible()), name="toggle_bank")
    menu.addAction(toggle)


def _help_actions(window) -> None:
    menu = window.menu("help")
    window.welcome_action = _action(window, _("&Hướng dẫn bắt đầu…"), None, lambda: _welcome(window))
    menu.addAction(window.welcome_action)
    menu.addAction(_action(window, _("&Giới thiệu"), None, lambda: _about(window), "help"))


def _activate_undo_stack(window) -> None:
    page = window.tabs.currentWidget()
    stack_of = getattr(page, "current_undo_stack", None)
    window.undo_group.setActiveStack(stack_of() if stack_of else None)


def _watch_topic_page(window, page) -> None:
    for editor in page.editors():
        window.undo_group.addStack(editor.undo_stack)
    # Editors built later (a tab built when first shown) join too, before their tab's stack is made active.
    page.editor_built.connect(lambda editor: window.undo_group.addStack(editor.undo_stack))
    page.tabs.currentChanged.connect(lambda _index: _activate_undo_stack(window))


def save_version(window) -> None:
    """Ctrl+S: ask for a name and write a named revision of the topic in front."""
    page = window.tabs.currentWidget()
    if not hasattr(page, "save_version"):
        window.statusBar().showMessage(_("Hãy mở một chuyên đề trước khi lưu phiên bản."), 5000)
        return
    from lecturer_app.ui.widgets.stock_buttons import translate_input_dialog

    dialog = QInputDialog(window)
    dialog.setWindowTitle(_("Lưu phiên bản"))
    dialog.setLabelText(_("Tên phiên bản (ví dụ: Bản giảng lớp K12):"))
    dialog.setTextValue(_("Phiên bản đã lưu"))
    translate_input_dialog(dialog)
    dialog.textValueSelected.connect(lambda name: _write_version(window, page, name))
    dialog.open()


def _write_version(window, page, name: str) -> None:
    count = page.save_version(name.strip() or _("Phiên bản đã lưu"))
    if count:
        text = _("Đã lưu phiên bản «{name}» ({count} mục).").format(name=name, count=count)
    else:  # nothing was written: the history has no such version, so the status bar must not claim one
        text = _("Chưa có thay đổi nào kể từ phiên bản trước: không có gì để lưu thành «{name}».").format(name=name)
    window.statusBar().showMessage(text, 5000)


def _new_topic(window) -> None:
    from lecturer_app.ui.bank.new_topic_dialog import NewTopicDialog

    dialog = NewTopicDialog(window.context, window)
    dialog.created.connect(lambda topic_id: (window.bank_changed.emit(), window.open_topic(topic_id)))
    dialog.open()


def _open_settings(window) -> None:
    from lecturer_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window)
    dialog.open()


def _welcome(window) -> None:
    from lecturer_app.ui.first_run import show_welcome

    show_welcome(window)


def _about(window) -> None:
    from lecturer_app import __version__
    from lecturer_app.ui.widgets.stock_buttons import translate_buttons

    text = _("Ngân hàng bài giảng {version}\nSoạn giáo án viết, giáo án điện tử và câu hỏi; ra đề, "
             "chấm điểm, kiểm tra nhanh qua Wi-Fi; đồng bộ bằng gói USB hoặc với máy chủ của tỉnh. "
             "Làm việc không cần mạng.").format(version=__version__)
    box = QMessageBox(QMessageBox.Icon.Information, _("Giới thiệu"), "\n\n".join([text, *_shipped_bank_lines()]),
                      QMessageBox.StandardButton.Close, window)
    box.setObjectName("about_box")
    translate_buttons(box)
    box.open()


def _shipped_bank_lines() -> list[str]:
    """Which topic bank came with the app, and its own note when it is a sample (bank.toml), for support calls."""
    from lecturer_app.core.bank.bank_info import read_bank_info
    from lecturer_app.core.errors import InputFileError
    from lecturer_app.core.resources import bank_path

    try:
        info = read_bank_info(bank_path())
    except InputFileError:  # an install without its bank folder still shows its version
        return []
    line = _("Ngân hàng chuyên đề đi kèm: {name}, phiên bản {version}.").format(name=info.name, version=info.version)
    return [line, info.note] if info.sample and info.note else [line]
