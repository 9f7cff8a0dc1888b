"""The first-run dialog: author and organisation saved, skippable, the province's bank, fits 1280×720."""

from __future__ import annotations

import pytest
from keyboard_driver import type_text

from lecturer_app.core.model import Organization
from lecturer_app.core.settings import load_settings
from lecturer_app.ui.first_run import show_welcome_if_new
from lecturer_app.ui.first_run.welcome_dialog import WelcomeDialog
from lecturer_app.ui.operations import OperationRunner


@pytest.fixture
def welcome(qtbot, context):
    runner = OperationRunner()
    dialog = WelcomeDialog(context, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    runner.wait_all()


def test_it_fits_a_1280_by_720_screen_with_room_for_the_taskbar(welcome):
    assert welcome.width() <= 1240 and welcome.height() <= 640
    assert welcome.sizeHint().height() <= 640, "the content itself must fit, not be cut by the maximum"


def test_saving_keeps_the_author_and_the_organisation_with_its_header(welcome, context, qtbot):
    type_text(welcome.author, "Nguyễn Thị Hoa")
    type_text(welcome.org_form.org_name, "Trung tâm Chính trị (mẫu)")
    welcome.org_form.org_lines.setPlainText("Đảng ủy xã …\nTrung tâm Chính trị")
    assert "TRUNG TÂM CHÍNH TRỊ" in welcome.org_form.preview.text()

    with qtbot.waitSignal(welcome.applied):
        welcome.start_button.click()

    saved = load_settings(context.workspace.settings_path)
    assert saved.author_name == "Nguyễn Thị Hoa" and saved.welcome_done
    org = context.store.get(Organization, saved.organization_id)
    assert org.header_lines == ["Đảng ủy xã …", "Trung tâm Chính trị"]


def test_skipping_saves_nothing_but_does_not_ask_again(welcome, context):
    type_text(welcome.author, "Không lưu")

    welcome.skip_button.click()

    saved = load_settings(context.workspace.settings_path)
    assert saved.welcome_done and saved.author_name == "" and saved.organization_id == ""


def test_it_shows_where_the_data_and_the_backups_live(welcome, context):
    assert welcome.data_folder.label.text() == str(context.workspace.data_dir)
    assert welcome.backup_folder.label.text() == str(context.workspace.data_dir / "backups")


def test_the_usb_bundle_and_the_province_server_are_both_offered(welcome, qtbot):
    assert welcome.usb_button.isEnabled() and "sắp có" not in welcome.usb_button.text()
    with qtbot.waitSignal(welcome.usb_requested, timeout=1000):
        welcome.usb_button.click()
    assert welcome.server_button.isEnabled() and "sắp có" not in welcome.server_button.text()
    with qtbot.waitSignal(welcome.server_requested, timeout=1000):
        welcome.server_button.click()
    assert welcome.import_catalog_button.isEnabled()


def test_importing_the_provinces_catalogue_file(welcome, context, qtbot, tmp_path):
    catalogue = tmp_path / "Danh mục tỉnh.csv"
    catalogue.write_text("Mã,Tên chuyên đề,Chương trình,Số tiết\nTINH-01,Chuyên đề của tỉnh,AB,4\n",
                         encoding="utf-8")

    with qtbot.waitSignal(welcome.catalog_imported, timeout=10000):
        welcome.import_catalog(catalogue)

    assert context.bank.topic_by_code("TINH-01") is not None
    assert "thêm 1" in welcome.import_result.text()


def test_a_bad_catalogue_row_is_reported(welcome, qtbot, tmp_path):
    catalogue = tmp_path / "lỗi.csv"
    catalogue.write_text("Mã,Tên chuyên đề,Chương trình,Số tiết\n,Thiếu mã,AB,4\n", encoding="utf-8")

    with qtbot.waitSignal(welcome.catalog_imported, timeout=10000):
        welcome.import_catalog(catalogue)

    assert "Bỏ qua 1 dòng" in welcome.import_result.text()


def test_it_opens_on_the_first_start_only_and_again_from_help(window, qtbot):
    dialog = show_welcome_if_new(window)
    assert dialog is not None and dialog.isVisible()
    dialog.skip_button.click()

    assert show_welcome_if_new(window) is None

    window.welcome_action.trigger()
    shown = [d for d in window.findChildren(WelcomeDialog) if d.isVisible()]
    assert len(shown) == 1 and shown[0] is not dialog
    shown[0].reject()


def test_it_fits_in_english_too(qtbot, context):
    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path

    i18n.setup("en", resource_path("translations"))
    try:
        dialog = WelcomeDialog(context, OperationRunner())
        qtbot.addWidget(dialog)
        assert dialog.start_button.text() == "Save and start"
        assert dialog.sizeHint().width() <= 1240 and dialog.sizeHint().height() <= 640
    finally:
        i18n.setup("vi", None)


def test_the_server_button_opens_the_province_server_page_of_the_window(qtbot, workspace):
    from lecturer_app.ui.app import build_main_window
    from lecturer_app.ui.first_run import show_welcome

    win = build_main_window(workspace, features=("lecturer_app.ui.sync",))
    qtbot.addWidget(win)
    win.show()
    dialog = show_welcome(win)
    assert dialog.server_button.isVisibleTo(dialog)
    dialog.server_button.click()
    assert win.server_settings_dialog.isVisible()
    win.server_settings_dialog.close()
    dialog.reject()
    win.operations.wait_all()


def test_without_the_sync_feature_the_server_button_is_not_shown(window):
    from lecturer_app.ui.first_run import show_welcome

    dialog = show_welcome(window)
    assert not dialog.server_button.isVisibleTo(dialog)
    dialog.reject()
