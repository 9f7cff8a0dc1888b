"""Bắt đầu sử dụng: người soạn and organisation (left), data folder and the province's bank (right).

Two columns so that the dialog fits a 1280×720 screen with room for the
taskbar.  Bỏ qua saves nothing but still marks the welcome as seen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.backup.location import backup_root
from lecturer_app.core.model import Organization
from lecturer_app.core.store import summaries
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _, ngettext, pgettext
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.widgets.folder_link import FolderLink
from lecturer_app.ui.widgets.organisation_form import OrganisationForm

# The largest size that leaves a 1280×720 screen room for a taskbar and the title bar.
MAX_WIDTH, MAX_HEIGHT = 1240, 640


class WelcomeDialog(QDialog):
    """The first-run dialog.

    Signals:
        applied(): the author and organisation were saved ("Lưu và bắt đầu").
        catalog_imported(object): a catalogue file was imported (its ``CatalogReport``).
        usb_requested(): «Nhập gói USB của tỉnh» was pressed (the window starts the bundle import).
        server_requested(): «Đăng nhập máy chủ đồng bộ của tỉnh» was pressed (the window opens its server page).
    """

    applied = Signal()
    catalog_imported = Signal(object)
    usb_requested = Signal()
    server_requested = Signal()

    def __init__(self, context: AppContext, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.setWindowTitle(_("Bắt đầu sử dụng"))
        self.setObjectName("welcome_dialog")
        settings = context.settings
        org = context.store.get(Organization, settings.organization_id) if settings.organization_id else None
        self.org_form = OrganisationForm(org, lines_height=64)
        self.author = QLineEdit(settings.author_name)
        self.author.setPlaceholderText(_("Họ và tên người soạn giáo án"))
        self.author.setAccessibleName(pgettext("author", "Người soạn"))
        columns = QHBoxLayout()
        columns.addLayout(self._left_column(), 1)
        columns.addLayout(self._right_column(), 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading())
        layout.addLayout(columns)
        layout.addWidget(self._buttons())
        self.setMaximumSize(MAX_WIDTH, MAX_HEIGHT)

    def _heading(self) -> QLabel:
        label = QLabel(_("<h2>Chào mừng đến với Ngân hàng bài giảng</h2>"
                         "<p>Điền tên người soạn và đơn vị để ứng dụng ghi đúng lên giáo án và đề thi. "
                         "Có thể bỏ qua và điền sau trong Tệp › Cài đặt; mở lại trang này trong "
                         "Trợ giúp › Hướng dẫn bắt đầu.</p>"))
        label.setWordWrap(True)
        return label

    def _left_column(self) -> QVBoxLayout:
        author_box = QGroupBox(pgettext("author", "Người soạn"))
        form = QFormLayout(author_box)
        form.addRow(_("Họ và tên:"), self.author)
        column = QVBoxLayout()
        column.addWidget(author_box)
        column.addWidget(self.org_form)
        column.addStretch(1)
        return column

    def _right_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(self._data_box())
        column.addWidget(self._bank_box())
        column.addStretch(1)
        return column

    def _data_box(self) -> QGroupBox:
        workspace = self.context.workspace
        box = QGroupBox(_("Nơi lưu dữ liệu"))
        self.data_folder = FolderLink(workspace.data_dir, _("Thư mục dữ liệu"))
        explanation = QLabel(_("Giáo án, câu hỏi và tệp đính kèm của bạn nằm ở thư mục trên, không nằm trong "
                               "thư mục cài đặt; gỡ ứng dụng không xóa chúng. Mỗi ngày, lần mở đầu tiên, ứng "
                               "dụng tự sao lưu vào:"))
        explanation.setWordWrap(True)
        self.backup_folder = FolderLink(backup_root(workspace.data_dir, self.context.settings), _("Thư mục sao lưu"))
        advice = QLabel(_("Nên chọn thêm một USB hoặc ổ đĩa khác trong Công cụ › Sao lưu và khôi phục, "
                          "để dữ liệu còn nguyên khi ổ đĩa máy tính hỏng."))
        advice.setWordWrap(True)
        advice.setObjectName("hint")
        layout = QVBoxLayout(box)
        for widget in (self.data_folder, explanation, self.backup_folder, advice):
            layout.addWidget(widget)
        return box

    def _bank_box(self) -> QGroupBox:
        box = QGroupBox(_("Ngân hàng chuyên đề của tỉnh"))
        count = len(self.context.bank.topics())
        intro = QLabel(ngettext("Ứng dụng đang có {count} chuyên đề. Để dùng ngân hàng chuyên đề của tỉnh, "
                         "chọn một cách:", count).format(count=count))
        intro.setWordWrap(True)
        self.import_catalog_button = QPushButton(_("Nhập tệp danh mục chuyên đề (.xlsx, .csv)…"))
        self.import_catalog_button.clicked.connect(self._choose_catalog)
        self.usb_button = QPushButton(_("Nhập gói USB của tỉnh (.lbb)…"))
        self.usb_button.clicked.connect(self.usb_requested)
        self.server_button = QPushButton(_("Đăng nhập máy chủ đồng bộ của tỉnh…"))
        self.server_button.setToolTip(_("Địa chỉ máy chủ, tên và mật khẩu do cán bộ quản trị của tỉnh cấp."))
        self.server_button.clicked.connect(self.server_requested)
        self.import_result = QLabel()
        self.import_result.setWordWrap(True)
        self.import_result.setAccessibleName(_("Kết quả nhập danh mục"))
        layout = QVBoxLayout(box)
        for widget in (intro, self.import_catalog_button, self.usb_button, self.server_button, self.import_result):
            layout.addWidget(widget)
        return box

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(_("Lưu và bắt đầu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton(_("Bỏ qua"), QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # Catalogue ---------------------------------------------------------------

    def _choose_catalog(self) -> None:
        dialog = QFileDialog(self, _("Chọn tệp danh mục chuyên đề"))
        dialog.setNameFilter(_("Danh mục chuyên đề (*.xlsx *.csv)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.import_catalog(Path(name)))
        dialog.open()

    def import_catalog(self, path: Path):
        """Import the catalogue at *path* on a worker thread; the result is shown under the buttons."""
        from lecturer_app.importers.catalog import import_catalog

        def work(_report):
            with self.context.worker_store() as store:
                return import_catalog(store, path)

        self.import_catalog_button.setEnabled(False)
        operation = self.runner.run(_("Nhập danh mục chuyên đề"), work, self._catalog_done)
        operation.finished.connect(lambda: self.import_catalog_button.setEnabled(True))
        return operation

    def _catalog_done(self, report) -> None:
        text = _("Đã nhập «{name}»: thêm {a}, cập nhật {u} chuyên đề.").format(
            name=Path(report.file).name, a=len(report.created), u=len(report.updated))
        if report.skipped:
            first = report.skipped[0]
            text += " " + _("Bỏ qua {k} dòng lỗi (dòng đầu: {where}: {reason}).").format(
                k=len(report.skipped), where=first.where, reason=first.reason)
        self.import_result.setText(text)
        self.catalog_imported.emit(report)

    # Closing -----------------------------------------------------------------

    def accept(self) -> None:
        settings = self.context.settings
        settings.author_name = nfc(self.author.text().strip())
        if self.org_form.is_filled():
            org = self.org_form.organisation()
            self.context.store.save(org, summary=summaries.ORGANIZATION_SETTINGS)
            settings.organization_id = org.id
        settings.welcome_done = True
        self.context.save_settings()
        self.applied.emit()
        super().accept()

    def reject(self) -> None:
        self.context.settings.welcome_done = True
        self.context.save_settings()
        super().reject()
