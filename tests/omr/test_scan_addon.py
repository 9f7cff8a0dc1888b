"""The installed app finds its scan add-on beside its executables, refuses one for another Python, and says
what to install when there is none; a source install is left alone (importers/omr/addon.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from lecturer_app.core.errors import UserFacingError
from lecturer_app.importers.omr.addon import installed_addon_folder, python_version, use_scan_addon
from lecturer_app.importers.omr.reader import require_opencv


@pytest.fixture
def installed(tmp_path, monkeypatch) -> Path:
    """An installed app's folder (Vietnamese name, spaces), this interpreter acting as its frozen executable."""
    folder = tmp_path / "Ngân hàng bài giảng"
    folder.mkdir()
    (folder / "lecturer-app").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "lecturer-app"))
    monkeypatch.setattr(sys, "path", list(sys.path))
    return folder


def _addon(folder: Path, python: str) -> Path:
    """An add-on holding one module, as scripts/build-app.sh lays it out."""
    addon = folder / "scan-addon"
    addon.mkdir()
    (addon / "addon.json").write_text(json.dumps({"python": python, "app": "0.1.0"}), encoding="utf-8")
    (addon / "scan_addon_probe.py").write_text("FOUND = True\n", encoding="utf-8")
    return addon


def test_the_installed_app_looks_beside_its_executable_even_through_a_link(installed, monkeypatch, tmp_path):
    assert installed_addon_folder() == installed.resolve() / "scan-addon"
    if sys.platform != "win32":  # ~/.local/bin/lecturer-app-cli is a symbolic link to the executable
        link = tmp_path / "bin" / "lecturer-app-cli"
        link.parent.mkdir()
        link.symlink_to(installed / "lecturer-app")
        monkeypatch.setattr(sys, "executable", str(link))
        assert installed_addon_folder() == installed.resolve() / "scan-addon"


def test_an_addon_for_this_python_goes_on_the_path_once(installed, monkeypatch):
    addon = _addon(installed, python_version())
    monkeypatch.delitem(sys.modules, "scan_addon_probe", raising=False)
    assert use_scan_addon(installed_addon_folder()) is True
    assert use_scan_addon(installed_addon_folder()) is True
    assert sys.path.count(str(addon.resolve())) == 1 and sys.path[-1] == str(addon.resolve())
    import scan_addon_probe

    assert scan_addon_probe.FOUND
    del sys.modules["scan_addon_probe"]


def test_an_addon_for_another_python_is_refused_naming_the_folder_and_both_versions(installed):
    addon = _addon(installed, "3.9")
    with pytest.raises(UserFacingError) as refused:
        use_scan_addon(installed_addon_folder())
    message = str(refused.value)
    assert str(addon.resolve()) in message and "Python 3.9" in message and f"Python {python_version()}" in message
    assert str(addon.resolve()) not in sys.path


def test_an_addon_without_its_manifest_is_called_damaged(installed):
    (installed / "scan-addon").mkdir()
    with pytest.raises(UserFacingError, match="bị hỏng.*addon.json"):
        use_scan_addon(installed_addon_folder())


def test_without_the_addon_the_installed_app_says_to_install_it_not_pip(installed, monkeypatch):
    monkeypatch.setitem(sys.modules, "cv2", None)
    with pytest.raises(UserFacingError) as missing:
        require_opencv()
    message = str(missing.value)
    assert "chưa có phần đọc phiếu quét" in message and str(installed.resolve() / "scan-addon") in message
    assert "cùng chỗ bạn đã tải ứng dụng" in message and "pip" not in message


def test_a_source_install_is_left_alone(tmp_path, monkeypatch):
    assert not getattr(sys, "frozen", False)
    assert installed_addon_folder() is None
    path = list(sys.path)
    require_opencv()  # the test environment has OpenCV and numpy
    assert sys.path == path
    assert use_scan_addon(None) is False and use_scan_addon(tmp_path / "nowhere") is False
