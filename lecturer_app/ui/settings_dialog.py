"""Cài đặt: người soạn, organisation and its header lines, UI language, export folder.

The organisation is an ``Organization`` record in the store (it syncs and is
shared by every document header); the settings file only names which one is
used.  Language changes apply at the next start.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.model import HEADER_STYLES, Organization
from lecturer_app.core.org_header import header_spec
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import N_, _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

STYLE_LABELS = {"party": N_("Văn bản của Đảng (HD 36-HD/VPTW)"), "state": N_("Văn bản hành chính (NĐ 30/2020)"),
                "custom": N_("Tùy chỉnh")}
LANGUAGE_LABELS = {"vi": "Tiếng Việt", "en": "English"}


class SettingsDialog(QDialog):
    """Edits the settings and the chosen organisation; writes them on Đồng ý.

    Signals:
        applied(): settings were saved.
    """

    applied = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Cài đặt"))
        self.setMinimumWidth(640)
        settings = context.settings
        self.org = (context.store.get(Organization, settings.organization_id) if settings.organization_id else None)
        self.author = QLineEdit(settings.author_name)
        self.author.setPlaceholderText(_("Họ và tên người soạn giáo án"))
        self.language = QComboBox()
        for code, label in LANGUAGE_LABELS.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.export_dir = QLineEdit(settings.export_dir)
        self.export_dir.setPlaceholderText(_("(thư mục Tài liệu của người dùng)"))
        browse = QPushButton(_("Chọn…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.export_dir, 1)
        folder_row.addWidget(browse)
        general = QFormLayout()
        general.addRow(_("Người soạn:"), self.author)
        general.addRow(_("Ngôn ngữ giao diện:"), self.language)
        general.addRow(_("Thư mục xuất mặc định:"), folder_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        translate_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(self._organisation_box())
        self.note = QLabel(_("Ngôn ngữ mới có hiệu lực khi mở lại ứng dụng."))
        self.note.setObjectName("hint")
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        for widget, name in ((self.author, _("Người soạn")), (self.language, _("Ngôn ngữ giao diện")),
                             (self.export_dir, _("Thư mục xuất mặc định"))):
            widget.setAccessibleName(name)

    def _organisation_box(self) -> QGroupBox:
        box = QGroupBox(_("Cơ quan, đơn vị (in ở tiêu đề văn bản)"))
        org = self.org or Organization(header_style="party")
        self.org_name = QLineEdit(org.name)
        self.org_name.setPlaceholderText(_("Ví dụ: Trung tâm Chính trị …"))
        self.org_style = QComboBox()
        for style in HEADER_STYLES:
            self.org_style.addItem(_(STYLE_LABELS[style]), style)
        self.org_style.setCurrentIndex(max(0, self.org_style.findData(org.header_style)))
        self.org_lines = QPlainTextEdit("\n".join(org.header_lines))
        self.org_lines.setPlaceholderText(_("Mỗi dòng một cấp, từ cấp trên xuống, ví dụ:\nĐẢNG ỦY XÃ …\n"
                                            "TRUNG TÂM CHÍNH TRỊ"))
        self.org_lines.setMaximumHeight(90)
        self.org_place = QLineEdit(org.place)
        self.org_place.setPlaceholderText(_("Địa danh ghi ở dòng ngày tháng (tên tỉnh, xã hoặc phường)"))
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setObjectName("header_preview")
        self.preview.setAccessibleName(_("Xem trước tiêu đề văn bản"))
        for signal in (self.org_name.textChanged, self.org_lines.textChanged, self.org_place.textChanged):
            signal.connect(self.update_preview)
        self.org_style.currentIndexChanged.connect(lambda _i: self.update_preview())
        form = QFormLayout(box)
        form.addRow(_("Tên đơn vị:"), self.org_name)
        form.addRow(_("Kiểu tiêu đề:"), self.org_style)
        form.addRow(_("Các dòng tiêu đề:"), self.org_lines)
        form.addRow(_("Địa danh:"), self.org_place)
        form.addRow(_("Xem trước:"), self.preview)
        for widget, name in ((self.org_name, _("Tên đơn vị")), (self.org_style, _("Kiểu tiêu đề")),
                             (self.org_lines, _("Các dòng tiêu đề")), (self.org_place, _("Địa danh"))):
            widget.setAccessibleName(name)
        self.update_preview()
        return box

    def organisation(self) -> Organization:
        """The organisation as the form shows it (the stored record, updated, or a new one)."""
        org = self.org or Organization()
        org.name = nfc(self.org_name.text().strip())
        org.header_style = self.org_style.currentData()
        org.header_lines = [nfc(line.strip()) for line in self.org_lines.toPlainText().splitlines() if line.strip()]
        org.place = nfc(self.org_place.text().strip())
        return org

    def update_preview(self) -> None:
        spec = header_spec(self.organisation(), on=date.today(), number=_("Số …"))

        def column(lines) -> str:
            return "<br>".join(("<b>{}</b>" if line.bold else "<i>{}</i>" if line.italic else "{}").format(line.text)
                               for line in lines)

        self.preview.setText(f"<table width='100%'><tr><td align='center' width='45%'>{column(spec.left)}</td>"
                             f"<td align='center'>{column(spec.right)}</td></tr></table>")

    def _choose_folder(self) -> None:
        dialog = QFileDialog(self, _("Chọn thư mục xuất"), self.export_dir.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(self.export_dir.setText)
        dialog.open()

    def accept(self) -> None:
        settings = self.context.settings
        settings.author_name = nfc(self.author.text().strip())
        settings.language = self.language.currentData()
        settings.export_dir = self.export_dir.text().strip()
        org = self.organisation()
        if org.name or org.header_lines:
            self.context.store.save(org, summary=_("Cài đặt cơ quan, đơn vị"))
            settings.organization_id = org.id
        self.context.save_settings()
        self.applied.emit()
        super().accept()
