"""The result of "Kiểm tra dữ liệu" (or of checking a backup): all good, or each finding explained."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.backup.findings import explain
from lecturer_app.i18n import _
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

# More findings than this are summarised: a thousand missing files are one story, told once per kind.
SHOWN_FINDINGS = 50


class FindingsDialog(QDialog):
    """Shows *problems* (as ``check`` words them), each with its Vietnamese explanation and the way out."""

    def __init__(self, title: str, summary: str, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = problems
        self.recover_button: QPushButton | None = None
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(680, 380 if problems else 140)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.details = QTextBrowser()
        self.details.setHtml(findings_html(problems))
        self.details.setVisible(bool(problems))
        self.details.setAccessibleName(_("Các lỗi tìm thấy"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(self.buttons)
        self.copy_button = self.buttons.addButton(_("Sao chép chi tiết"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setVisible(bool(problems))
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

    def add_action(self, text: str, slot) -> QPushButton:
        """A button beside "Sao chép chi tiết" for the way out the findings call for."""
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(slot)
        return button

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.problems))


def findings_html(problems: list[str]) -> str:
    """The findings grouped by kind: title, explanation, the way out, then the raw lines for support."""
    groups: dict[str, list] = {}
    for problem in problems:
        finding = explain(problem)
        groups.setdefault(finding.title, []).append(finding)
    parts = []
    for title, findings in groups.items():
        first = findings[0]
        raw = "<br>".join(escape(f.problem) for f in findings[:SHOWN_FINDINGS])
        if len(findings) > SHOWN_FINDINGS:
            raw += "<br>" + escape(_("… và {n} lỗi cùng loại").format(n=len(findings) - SHOWN_FINDINGS))
        parts.append(f"<h3>{escape(title)} ({len(findings)})</h3><p>{escape(first.explanation)}</p>"
                     f"<p><b>{escape(_('Cách khắc phục:'))}</b> {escape(first.advice)}</p>"
                     f"<p style='color:#666; font-size:small'>{raw}</p>")
    return "".join(parts)
