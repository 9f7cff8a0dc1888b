"""Vietnamese texts for Qt's standard dialog buttons.

PySide6 ships no ``qtbase_vi.qm``, so QMessageBox and QDialogButtonBox would
show "OK", "Cancel", "Save"…; every dialog passes through
:func:`translate_buttons` instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPushButton

from lecturer_app.i18n import N_, _

_SB = QDialogButtonBox.StandardButton
BUTTON_TEXTS: dict[QDialogButtonBox.StandardButton, str] = {
    _SB.Ok: N_("Đồng ý"),
    _SB.Cancel: N_("Hủy"),
    _SB.Save: N_("Lưu"),
    _SB.Discard: N_("Không lưu"),
    _SB.Yes: N_("Có"),
    _SB.No: N_("Không"),
    _SB.Close: N_("Đóng"),
    _SB.Apply: N_("Áp dụng"),
    _SB.Open: N_("Mở"),
    _SB.Reset: N_("Đặt lại"),
    _SB.RestoreDefaults: N_("Khôi phục mặc định"),
    _SB.Help: N_("Trợ giúp"),
    _SB.Retry: N_("Thử lại"),
    _SB.Ignore: N_("Bỏ qua"),
    _SB.Abort: N_("Dừng"),
}


def translate_buttons(box: QMessageBox | QDialogButtonBox) -> None:
    """Set the Vietnamese (or active language) text of every standard button in *box*."""
    for standard, text in BUTTON_TEXTS.items():
        if isinstance(box, QMessageBox):
            button = box.button(QMessageBox.StandardButton(standard.value))
        else:
            button = box.button(standard)
        if button is not None:
            button.setText(_(text))


def translate_input_dialog(dialog) -> None:
    """Đồng ý / Hủy on a QInputDialog (it has no button box accessor)."""
    dialog.setOkButtonText(_("Đồng ý"))
    dialog.setCancelButtonText(_("Hủy"))


def cancel_default_buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """*ok_text* / Hủy for a dialog that records something: Hủy is the default, so no Enter records by accident.

    Returns the box (for the dialog's layout) and its record button (to enable once the dialog is filled in).
    """
    buttons = QDialogButtonBox(_SB.Ok | _SB.Cancel, dialog)
    translate_buttons(buttons)
    ok_button = buttons.button(_SB.Ok)
    ok_button.setText(ok_text)
    ok_button.setAutoDefault(False)
    buttons.button(_SB.Cancel).setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button
