"""Asking before questions are deleted: «Xóa N câu hỏi đã chọn?» with [Xóa] [Không xóa].

The answer is taken without blocking (``open()``, as the backup restore
asks), so the window keeps painting and a test clicks the button it means.
The safe answer is the default: Enter or Esc keeps the questions.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from lecturer_app.i18n import _, ngettext

# A longer stem is cut: the box names the question, it does not show it.
STEM_SHOWN = 80


def shortened(stem: str, limit: int = STEM_SHOWN) -> str:
    """*stem* on one line, cut at a word before *limit* characters with «…»."""
    text = " ".join(stem.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] or text[:limit - 1]
    return cut + "…"


class SafeDefaultBox(QMessageBox):
    """A question with one destructive answer *act* and the safe answer *keep*, the default and the Esc one.

    Attributes:
        act_button: the destructive answer.
        keep_button: the safe answer.
    """

    def __init__(self, title: str, text: str, informative: str, act: str, keep: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(title)
        self.setText(text)
        self.setInformativeText(informative)
        self.act_button = self.addButton(act, QMessageBox.ButtonRole.DestructiveRole)
        self.keep_button = self.addButton(keep, QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.keep_button)


class DeleteQuestionsBox(SafeDefaultBox):
    """The question asked before deleting *count* questions (*stem*: the one question's, when one).

    Attributes:
        delete_button: «Xóa», deletes.
        keep_button: «Không xóa», the default and the Esc answer.
    """

    def __init__(self, count: int, stem: str = "", parent: QWidget | None = None) -> None:
        if count == 1 and stem:
            text = _("Xóa câu hỏi «{stem}»?").format(stem=shortened(stem))
        else:
            text = ngettext("Xóa {n} câu hỏi đã chọn?", count).format(n=count)
        super().__init__(_("Xóa câu hỏi"), text,
                         _("Ngay sau khi xóa, nút «Hoàn tác» (hoặc Ctrl+Z trong danh sách) đưa những "
                           "câu vừa xóa trở lại như cũ."), _("Xóa"), _("Không xóa"), parent)
        self.delete_button = self.act_button
