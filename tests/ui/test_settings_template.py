"""Settings: the organisation's own DOCX header template is chosen, checked and removed."""

from __future__ import annotations

from keyboard_driver import type_text

from lecturer_app.core.model import Organization
from lecturer_app.ui.settings_dialog import SettingsDialog
from tests.exporters.test_docx_template import _template


def test_a_chosen_template_is_stored_with_the_organisation_and_can_be_removed(qtbot, context, tmp_path):
    chosen = _template(split=False)  # built once: a second build may carry another zip timestamp
    (tmp_path / "mau.docx").write_bytes(chosen)
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    type_text(dialog.org_name, "Trung tâm Chính trị")
    assert not dialog.template_clear.isEnabled()
    dialog.use_template(str(tmp_path / "mau.docx"))
    assert "ma_de" in dialog.template_state.text() and "ten_truong" in dialog.template_state.text()
    with qtbot.waitSignal(dialog.applied):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    org = context.store.get(Organization, context.settings.organization_id)
    assert context.workspace.blobs.read_or_none(org.header_template) == chosen
    again = SettingsDialog(context)
    qtbot.addWidget(again)
    assert again.template_clear.isEnabled()
    again.template_clear.click()
    assert again.organisation().header_template == ""


def test_a_file_that_is_not_a_docx_is_refused_with_its_name(qtbot, context, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    (tmp_path / "sai.docx").write_bytes(b"not a docx")
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.use_template(str(tmp_path / "sai.docx"))
    box, = [w for w in dialog.findChildren(QMessageBox)]
    assert "sai.docx" in box.text()
    assert dialog.organisation().header_template == ""
    box.close()
