"""The "save changes?" question with Vietnamese buttons: [Lưu] [Không lưu] [Hủy]."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from lecturer_app.i18n import _
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


def question_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """The message box (not shown) asking *title* about something not saved, Lưu the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Save
                      | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    translate_buttons(box)
    return box


def ask(parent: QWidget | None, title: str, text: str) -> str:
    """Ask and wait; returns "save", "discard" or "cancel" (the box closed is "cancel": nothing is lost)."""
    answer = QMessageBox.StandardButton(question_box(parent, title, text).exec())
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")


def confirm_unsaved(unsaved: bool, asked: Callable[[], str], save: Callable[[], bool]) -> bool:
    """Closing (or replacing) work: True when nothing is unsaved, after «Không lưu», or after *save* saved;
    False for «Hủy» or a save that did not happen (its dialog cancelled, an error), so nothing is lost.

    *asked* puts the question ("save", "discard" or "cancel"); *save* asks where and saves, True when it did.
    """
    if not unsaved:
        return True
    answer = asked()
    if answer == "save":
        return save()
    return answer == "discard"


def save_prompt_box(parent: QWidget | None, code: str) -> QMessageBox:
    """The message box (not shown) asking about unsaved changes of topic *code*."""
    return question_box(parent, _("Lưu thay đổi?"), _topic_text(code))


def ask_save(parent: QWidget | None, code: str) -> str:
    """Ask and wait about topic *code*; returns "save", "discard" or "cancel"."""
    return ask(parent, _("Lưu thay đổi?"), _topic_text(code))


def _topic_text(code: str) -> str:
    return _("Chuyên đề {code} có thay đổi chưa lưu thành phiên bản.\n\n"
             "• Lưu: giữ các thay đổi thành một phiên bản.\n"
             "• Không lưu: đưa chuyên đề về phiên bản đã lưu gần nhất "
             "(các bản tự động lưu vẫn xem lại được trong tab Lịch sử).").format(code=code)
