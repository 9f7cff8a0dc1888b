"""The organisation whose header documents carry: name, header style, header lines, place, with a preview.

Used by Cài đặt and by the first-run dialog.  The organisation is an
``Organization`` record in the store; the settings only name which one is used.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from lecturer_app.core.model import HEADER_STYLES, Organization
from lecturer_app.core.org_header import header_spec
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import N_, _

STYLE_LABELS = {"party": N_("Văn bản của Đảng (HD 36-HD/VPTW)"), "state": N_("Văn bản hành chính (NĐ 30/2020)"),
                "custom": N_("Tùy chỉnh")}


class OrganisationForm(QGroupBox):
    """Edits an organisation (the stored one, or a new one) and previews its document header."""

    def __init__(self, org: Organization | None, parent: QWidget | None = None, lines_height: int = 90) -> None:
        super().__init__(_("Cơ quan, đơn vị (in ở tiêu đề văn bản)"), parent)
        self.org = org
        shown = org or Organization(header_style="party")
        self.org_name = QLineEdit(shown.name)
        self.org_name.setPlaceholderText(_("Ví dụ: Trung tâm Chính trị …"))
        self.org_style = QComboBox()
        for style in HEADER_STYLES:
            self.org_style.addItem(_(STYLE_LABELS[style]), style)
        self.org_style.setCurrentIndex(max(0, self.org_style.findData(shown.header_style)))
        self.org_lines = QPlainTextEdit("\n".join(shown.header_lines))
        self.org_lines.setPlaceholderText(_("Mỗi dòng một cấp, từ cấp trên xuống, ví dụ:\nĐẢNG ỦY XÃ …\n"
                                            "TRUNG TÂM CHÍNH TRỊ"))
        self.org_lines.setMaximumHeight(lines_height)
        self.org_place = QLineEdit(shown.place)
        self.org_place.setPlaceholderText(_("Địa danh ghi ở dòng ngày tháng (tên tỉnh, xã hoặc phường)"))
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setObjectName("header_preview")
        self.preview.setAccessibleName(_("Xem trước tiêu đề văn bản"))
        for signal in (self.org_name.textChanged, self.org_lines.textChanged, self.org_place.textChanged):
            signal.connect(self.update_preview)
        self.org_style.currentIndexChanged.connect(lambda _i: self.update_preview())
        self._lay_out()
        self.update_preview()

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.addRow(_("Tên đơn vị:"), self.org_name)
        form.addRow(_("Kiểu tiêu đề:"), self.org_style)
        form.addRow(_("Các dòng tiêu đề:"), self.org_lines)
        form.addRow(_("Địa danh:"), self.org_place)
        form.addRow(_("Xem trước:"), self.preview)
        for widget, name in ((self.org_name, _("Tên đơn vị")), (self.org_style, _("Kiểu tiêu đề")),
                             (self.org_lines, _("Các dòng tiêu đề")), (self.org_place, _("Địa danh"))):
            widget.setAccessibleName(name)

    def organisation(self) -> Organization:
        """The organisation as the form shows it (the stored record, updated, or a new one)."""
        org = self.org or Organization()
        org.name = nfc(self.org_name.text().strip())
        org.header_style = self.org_style.currentData()
        org.header_lines = [nfc(line.strip()) for line in self.org_lines.toPlainText().splitlines() if line.strip()]
        org.place = nfc(self.org_place.text().strip())
        return org

    def is_filled(self) -> bool:
        org = self.organisation()
        return bool(org.name or org.header_lines)

    def update_preview(self) -> None:
        # The document's own line, untranslated like the date line beside it: an English "No. …" both mixed
        # languages in the preview and, in the State style, came out as "Số: No. …".
        spec = header_spec(self.organisation(), on=date.today(), number="Số …")

        def column(lines) -> str:
            return "<br>".join(("<b>{}</b>" if line.bold else "<i>{}</i>" if line.italic else "{}").format(
                escape(line.text)) for line in lines)

        self.preview.setText(f"<table width='100%'><tr><td align='center' width='45%'>{column(spec.left)}</td>"
                             f"<td align='center'>{column(spec.right)}</td></tr></table>")
