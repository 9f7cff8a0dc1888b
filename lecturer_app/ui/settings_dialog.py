"""Cài đặt: người soạn, organisation and its header lines, UI language, export folder.

The organisation is an ``Organization`` record in the store (it syncs and is
shared by every document header); the settings file only names which one is
used.  Language changes apply at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.model import Organization
from lecturer_app.core.store import summaries
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import N_, _, pgettext
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.organisation_form import OrganisationForm
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

# Each language by its own name, and by the UI's name for it when that differs ("Tiếng Anh (English)").
LANGUAGE_LABELS = {"vi": "Tiếng Việt", "en": "English"}
LANGUAGE_NAMES = {"vi": N_("Tiếng Việt"), "en": N_("Tiếng Anh")}


def language_label(code: str) -> str:
    native, named = LANGUAGE_LABELS[code], _(LANGUAGE_NAMES[code])
    return native if named == native else f"{named} ({native})"


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
        for code in LANGUAGE_LABELS:
            self.language.addItem(language_label(code), code)
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
        server = getattr(parent, "open_server_settings", None)  # installed by ui/sync
        if server is not None:
            self.server_button = QPushButton(_("Máy chủ đồng bộ…"))
            self.server_button.setObjectName("open_server_settings")
            self.server_button.clicked.connect(server)
            layout.addWidget(self.server_button)
        layout.addWidget(self.buttons)
        for widget, name in ((self.author, pgettext("author", "Người soạn")), (self.language, _("Ngôn ngữ giao diện")),
                             (self.export_dir, _("Thư mục xuất mặc định"))):
            widget.setAccessibleName(name)

    def _organisation_box(self) -> OrganisationForm:
        self.org_form = OrganisationForm(self.org)
        form = self.org_form
        self.org_name, self.org_style, self.org_lines = form.org_name, form.org_style, form.org_lines
        self.org_place, self.preview = form.org_place, form.preview
        rows = form.layout()
        assert isinstance(rows, QFormLayout)   # OrganisationForm lays out its rows in a QFormLayout
        rows.addRow(_("Mẫu tiêu đề riêng:"), self._template_row(self.org or Organization()))
        return form

    def _template_row(self, org: Organization) -> QWidget:
        """The school's own DOCX header template (exporters/docx_template): its state, choose, remove."""
        self.template_sha = org.header_template
        self.template_state = QLabel()
        self.template_state.setWordWrap(True)
        self.template_state.setAccessibleName(_("Mẫu tiêu đề riêng"))
        choose = QPushButton(_("Chọn tệp Word…"))
        choose.clicked.connect(self._choose_template)
        self.template_clear = QPushButton(_("Dùng tiêu đề có sẵn"))
        self.template_clear.clicked.connect(lambda: self._set_template("", []))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.template_state, 1)
        row.addWidget(choose)
        row.addWidget(self.template_clear)
        holder = QWidget()
        holder.setLayout(row)
        self._set_template(self.template_sha, None)
        return holder

    def _choose_template(self) -> None:
        dialog = QFileDialog(self, _("Chọn mẫu tiêu đề (Word .docx)"), self.export_dir.text(),
                             _("Tài liệu Word (*.docx)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.use_template)
        dialog.open()

    def use_template(self, path: str) -> None:
        """Store the chosen template (when it is a readable .docx) and show its placeholders."""
        from pathlib import Path

        from lecturer_app.exporters.docx_template import load_template

        with errors_shown(self, _("Chọn mẫu tiêu đề")):
            data, names, unknown = load_template(Path(path))
            self._set_template(self.context.workspace.blobs.put_bytes(data), names, unknown)

    def _set_template(self, sha256: str, names: list[str] | None, unknown: list[str] | tuple[str, ...] = ()) -> None:
        self.template_sha = sha256
        self.template_clear.setEnabled(bool(sha256))
        if not sha256:
            text = _("Không dùng: văn bản in tiêu đề có sẵn.")
        elif names is None:
            text = _("Đang dùng mẫu riêng cho giáo án viết và đề thi (tệp Word).")
        else:
            text = _("Mẫu riêng, chỗ trống: {fields}").format(fields=", ".join(names) or "–")
            if unknown:
                text += "\n" + _("Chỗ trống không rõ (sẽ in nguyên): {fields}").format(fields=", ".join(unknown))
        self.template_state.setText(text)

    def organisation(self) -> Organization:
        """The organisation as the form shows it (the stored record, updated, or a new one)."""
        org = self.org_form.organisation()
        org.header_template = self.template_sha
        return org

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
            self.context.store.save(org, summary=summaries.ORGANIZATION_SETTINGS)
            settings.organization_id = org.id
        self.context.save_settings()
        self.applied.emit()
        super().accept()
