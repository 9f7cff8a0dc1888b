"""Settings: author, language, export folder and the organisation record with its header."""

from __future__ import annotations

from keyboard_driver import type_text

from lecturer_app.core.model import Organization
from lecturer_app.core.settings import load_settings
from lecturer_app.ui.settings_dialog import SettingsDialog


def test_accepting_saves_settings_and_the_organisation(qtbot, context):
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    type_text(dialog.author, "Nguyễn Thị Hoa")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    type_text(dialog.org_name, "Trung tâm Chính trị huyện Tam Đường")
    dialog.org_lines.setPlainText("Huyện ủy Tam Đường\nTrung tâm Chính trị")
    type_text(dialog.org_place, "Lai Châu")
    assert "TRUNG TÂM CHÍNH TRỊ" in dialog.preview.text() and "Lai Châu" in dialog.preview.text()
    with qtbot.waitSignal(dialog.applied):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    saved = load_settings(context.workspace.settings_path)
    assert saved.author_name == "Nguyễn Thị Hoa" and saved.language == "en"
    org = context.store.get(Organization, saved.organization_id)
    assert org.header_lines == ["Huyện ủy Tam Đường", "Trung tâm Chính trị"] and org.place == "Lai Châu"
    assert context.store.author == "Nguyễn Thị Hoa"


def test_buttons_are_vietnamese_and_cancel_changes_nothing(qtbot, context):
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    assert sorted(b.text() for b in dialog.buttons.buttons()) == ["Hủy", "Đồng ý"]
    type_text(dialog.author, "Ai đó")
    dialog.reject()
    assert not context.workspace.settings_path.exists()
