"""The main window: its extension API for feature packages, tree, status bar."""

from __future__ import annotations

import types

from PySide6.QtWidgets import QLabel

from lecturer_app.ui.app import install_features


def test_menus_exist_under_their_keys_with_vietnamese_titles(window):
    titles = {key: window.menu(key).title().replace("&", "") for key in ("file", "edit", "view", "tools", "help")}
    assert titles == {"file": "Tệp", "edit": "Chỉnh sửa", "view": "Xem", "tools": "Công cụ", "help": "Trợ giúp"}


def test_add_workspace_puts_a_tab_beside_the_bank_browser(window):
    panel = QLabel("Ngân hàng câu hỏi")
    index = window.add_workspace(panel, "Ngân hàng câu hỏi")
    assert window.tabs.widget(index) is panel
    assert window.tabs.tabText(index) == "Ngân hàng câu hỏi"
    assert window.current_topic() is None


def test_status_bar_names_the_data_folder_and_has_a_sync_place(window, workspace):
    assert str(workspace.data_dir) in window.data_label.text()
    assert window.sync_label.text()


def test_a_feature_that_cannot_be_imported_is_named_to_the_lecturer_in_vietnamese(window):
    assert install_features(window, ("lecturer_app.ui.no_such_feature",)) == []
    box = window.missing_features_box
    assert box.isVisible() and box.windowTitle() == "Thiếu chức năng"
    assert box.text().startswith("Không nạp được một phần của ứng dụng: lecturer_app.ui.no_such_feature.")


def test_every_feature_package_installs_in_the_default_app(qtbot, workspace):
    from lecturer_app.ui.app import FEATURES, feature_title, show_main_window

    window = show_main_window(workspace)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.features_ready, timeout=10000)
    assert window.features_installed == list(FEATURES)
    assert getattr(window, "missing_features_box", None) is None
    assert all(feature_title(name) != name for name in FEATURES)  # each has a name the lecturer understands
    qtbot.waitUntil(lambda: window.startup_done, timeout=10000)


def test_install_features_calls_install_with_the_window(window, monkeypatch):
    import sys

    seen = []
    module = types.ModuleType("lecturer_app_test_feature")
    module.install = seen.append
    monkeypatch.setitem(sys.modules, "lecturer_app_test_feature", module)
    assert install_features(window, ("lecturer_app_test_feature",)) == ["lecturer_app_test_feature"]
    assert seen == [window]


def test_a_failing_feature_is_reported_and_the_window_keeps_working(window, monkeypatch):
    import sys

    module = types.ModuleType("lecturer_app_broken_feature")

    def install(win):
        raise RuntimeError("hỏng")

    module.install = install
    monkeypatch.setitem(sys.modules, "lecturer_app_broken_feature", module)
    assert install_features(window, ("lecturer_app_broken_feature",)) == []
    assert "lecturer_app_broken_feature" in window.missing_features_box.text()
    assert window.menu("file") is not None


def test_run_operation_delivers_the_result(qtbot, window):
    results = []
    operation = window.run_operation("Đếm", lambda report: 7, results.append)
    with qtbot.waitSignal(operation.finished):
        pass
    assert results == [7]


def test_the_tree_lists_programs_with_topic_counts(window):
    model = window.browser.tree_model
    programs = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert programs == ["Bồi dưỡng nhận thức về Đảng (2)", "Chuyển đổi số (2)"]


def test_show_main_window_paints_the_bank_first_then_installs_the_features_in_order(
        qtbot, workspace, monkeypatch):
    import sys

    from lecturer_app.ui.app import show_main_window

    seen = []
    for name in ("lecturer_app_first_feature", "lecturer_app_second_feature"):
        module = types.ModuleType(name)
        module.install = lambda win, name=name: seen.append((name, win.painted, win.features_ready))
        monkeypatch.setitem(sys.modules, name, module)
    window = show_main_window(workspace, features=("lecturer_app_first_feature", "lecturer_app_second_feature"))
    qtbot.addWidget(window)
    assert window.browser.tree_model.rowCount() > 0 and seen == []
    qtbot.waitUntil(lambda: window.features_ready, timeout=10000)
    assert seen == [("lecturer_app_first_feature", True, False), ("lecturer_app_second_feature", True, False)]
    assert window.features_installed == ["lecturer_app_first_feature", "lecturer_app_second_feature"]
    qtbot.waitUntil(lambda: window.startup_done, timeout=10000)  # then the warm-up for the first topic


def test_a_window_that_is_never_painted_still_gets_its_features(qtbot, workspace, monkeypatch):
    import sys

    from lecturer_app.ui import app as app_module
    from lecturer_app.ui.main_window import MainWindow

    module = types.ModuleType("lecturer_app_menu_feature")
    module.install = lambda win: None
    monkeypatch.setitem(sys.modules, "lecturer_app_menu_feature", module)
    monkeypatch.setattr(app_module, "UNPAINTED_START_MS", 50)
    monkeypatch.setattr(MainWindow, "paintEvent", lambda self, event: None)  # as if minimised: never painted
    window = app_module.show_main_window(workspace, features=("lecturer_app_menu_feature",))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.startup_done, timeout=10000)
    assert not window.painted and window.features_installed == ["lecturer_app_menu_feature"]


def test_a_failing_warm_up_step_does_not_stop_the_ones_after_it(qtbot, workspace, monkeypatch):
    from lecturer_app.ui import app as app_module

    ran = []

    def broken() -> None:
        raise OSError("phông chữ bị hỏng")

    monkeypatch.setattr(app_module, "WARM_UP_STEPS", [broken, lambda: ran.append("sau")])
    window = app_module.show_main_window(workspace, features=())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.startup_done, timeout=10000)
    assert ran == ["sau"]


def test_a_file_sent_by_the_desktop_goes_to_the_feature_that_opens_its_kind(qtbot, workspace, tmp_path):
    from lecturer_app.ui.app import open_when_ready, show_main_window

    window = show_main_window(workspace, features=())
    qtbot.addWidget(window)
    opened = []
    window.file_openers = {".lbb": opened.append}
    bundle = tmp_path / "Gói đồng bộ.LBB"
    open_when_ready(window, str(bundle))
    qtbot.waitUntil(lambda: opened == [bundle], timeout=10000)


def test_a_file_no_feature_opens_is_answered_with_a_message(qtbot, workspace, tmp_path):
    from lecturer_app.ui.app import open_when_ready, show_main_window

    window = show_main_window(workspace, features=())
    qtbot.addWidget(window)
    open_when_ready(window, str(tmp_path / "Gói đồng bộ.lbb"))
    qtbot.waitUntil(lambda: getattr(window, "unopened_box", None) is not None, timeout=10000)
    assert "Gói đồng bộ.lbb" in window.unopened_box.text() and window.unopened_box.isVisible()
    # The sync feature is missing here: the advice is to reinstall, not to wait for a newer version.
    assert "cài lại ứng dụng" in window.unopened_box.text() and "cập nhật" not in window.unopened_box.text()
    qtbot.waitUntil(lambda: window.startup_done, timeout=10000)


def test_every_startup_step_names_a_module_that_exists_and_runs_without_error(qtbot, workspace, caplog):
    import importlib

    from lecturer_app.ui import app as app_module

    named = [m for modules in app_module.PRELOADS.values() for m in modules]
    named += [step.args[0] for step in app_module.WARM_UP_STEPS if getattr(step, "func", None) is importlib.import_module]
    assert "reportlab.pdfbase.pdfmetrics" in named and "lecturer_app.ui.questions.editor" in named
    window = app_module.show_main_window(workspace)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.startup_done, timeout=30000)
    assert [r.getMessage() for r in caplog.records if "startup step" in r.getMessage()] == []
    assert window.features_installed == list(app_module.FEATURES)


def test_a_features_preloaded_modules_are_imported_after_the_first_paint_and_before_its_install(
        qtbot, workspace, monkeypatch):
    import importlib
    import sys

    from lecturer_app.ui import app as app_module

    seen = []
    real_import = importlib.import_module

    def recording_import(name, *args):
        if name.startswith("fake_preload_"):
            seen.append((name, window.painted))
            return types.ModuleType(name)
        return real_import(name, *args)

    feature = types.ModuleType("lecturer_app_preloading_feature")
    feature.install = lambda win: seen.append(("install", win.painted))
    monkeypatch.setitem(sys.modules, "lecturer_app_preloading_feature", feature)
    monkeypatch.setattr(app_module, "PRELOADS", {"lecturer_app_preloading_feature": (
        "fake_preload_a", "fake_preload_b")})
    monkeypatch.setattr(app_module.importlib, "import_module", recording_import)
    window = app_module.show_main_window(workspace, features=("lecturer_app_preloading_feature",))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.features_ready, timeout=10000)
    assert seen == [("fake_preload_a", True), ("fake_preload_b", True), ("install", True)]
    qtbot.waitUntil(lambda: window.startup_done, timeout=30000)


def test_the_menus_own_actions_come_after_the_first_paint_and_a_page_opened_before_joins_the_undo_group(
        qtbot, workspace):
    from lecturer_app.ui.app import show_main_window

    window = show_main_window(workspace, features=())
    qtbot.addWidget(window)
    assert not hasattr(window, "save_version_action")  # the menu bar's titles are painted without them
    assert window.windowIcon().isNull()  # nor the SVG plugin loaded for the icon
    page = window.open_topic(window.context.bank.require_topic("AB-01").id)
    page.ask_save = lambda parent, code: "save"
    qtbot.waitUntil(lambda: window.startup_done, timeout=30000)
    assert window.painted and window.save_version_action in window.menu("file").actions()
    assert not window.windowIcon().isNull()
    assert window.undo_group.activeStack() is page.current_undo_stack() is not None


def test_the_about_box_names_the_shipped_topic_bank_and_says_it_is_a_sample(window, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from lecturer_app import __version__
    from lecturer_app.core.bank.bank_info import read_bank_info
    from lecturer_app.core.resources import bank_path

    info = read_bank_info(bank_path())
    about = next(a for a in window.menu("help").actions() if a.text().replace("&", "") == "Giới thiệu")
    about.trigger()
    box = window.findChild(QMessageBox, "about_box")
    qtbot.waitUntil(box.isVisible)
    assert __version__ in box.text() and f"{info.name}, phiên bản {info.version}" in box.text()
    assert info.sample and box.text().endswith(info.note)
    box.close()
