"""What build.spec and the packed build's install script rely on, checked on the source tree."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "lecturer_app").rglob("*.py"))
# The Qt modules build.spec keeps; all of them are in PySide6-Essentials (pyproject.toml).
KEPT_QT = {"QtCore", "QtGui", "QtWidgets"}


def test_the_app_imports_only_the_qt_modules_the_build_keeps():
    used = {name for path in SOURCES
            for name in re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))}
    assert used <= KEPT_QT, f"{used - KEPT_QT}: add them to KEPT_QT, build.spec and docs/packaging.md"


def test_modules_chosen_by_name_come_only_from_the_registries_the_spec_lists():
    by_name = {path.relative_to(ROOT).as_posix() for path in SOURCES
               if re.search(r"import_module\(|__import__\(", path.read_text(encoding="utf-8"))}
    assert by_name == {"lecturer_app/cli.py", "lecturer_app/ui/app.py"}
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "COMMAND_MODULES]" in spec and "list(FEATURES)" in spec


def test_the_spec_leaves_out_the_server_the_server_command_checks_for():
    """The packed app has no province server; `server …` then says so (commands/server.SERVER_PACKAGES)."""
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "import SERVER_PACKAGES" in spec and "*SERVER_PACKAGES" in spec and '"lecturer_app.server"' in spec


def test_every_registered_module_imports():
    import importlib

    from lecturer_app.cli import COMMAND_MODULES
    from lecturer_app.ui.app import FEATURES

    for name in [f"lecturer_app.commands.{command}" for command in COMMAND_MODULES] + list(FEATURES):
        assert importlib.import_module(name)


def test_gui_screenshot_reports_the_first_paint_and_every_feature(tmp_path):
    from lecturer_app.ui.app import FEATURES

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    shot = tmp_path / "ảnh chụp.png"
    done = subprocess.run([sys.executable, "-m", "lecturer_app", "--data-dir", str(tmp_path / "dữ liệu"), "gui",
                           "--screenshot", str(shot)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["features"] == list(FEATURES) and report["missing_features"] == [] and report["saved"]
    assert report["programs"] > 0 and shot.stat().st_size > 10_000
    assert set(report["qt_modules"]) <= {f"PySide6.{name}" for name in KEPT_QT}


@pytest.fixture
def unpacked_build(tmp_path) -> Path:
    """A stand-in for the unpacked tarball: the files install.sh copies, a script as the app."""
    folder = tmp_path / "Tải về" / "lecturer-app"
    (folder / "_internal" / "resources" / "icons").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "app.svg", folder / "_internal" / "resources" / "icons")
    for name in ("install.sh", "lecturer-app.desktop", "lecturer-app.png"):
        shutil.copy(ROOT / "packaging" / "linux" / name, folder)
    (folder / "lecturer-app").write_text("#!/bin/sh\necho lecturer-app 0\n", encoding="utf-8")
    (folder / "lecturer-app").chmod(0o755)
    return folder


def _install(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    return subprocess.run(["sh", str(folder / "install.sh"), *args], capture_output=True, text=True, env=env)


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux install script")
def test_install_sh_installs_for_the_user_and_uninstall_keeps_the_data(unpacked_build, tmp_path):
    home = tmp_path / "nhà cô Hoà"
    data = home / ".local" / "share" / "lecturer_app"
    data.mkdir(parents=True)
    (data / "lecturer.db").write_bytes(b"bai giang")
    assert _install(unpacked_build, home).returncode == 0
    app = home / ".local" / "lib" / "lecturer-app"
    desktop = (home / ".local" / "share" / "applications" / "lecturer-app.desktop").read_text(encoding="utf-8")
    assert f'Exec="{app}/lecturer-app"' in desktop and "Name=Ngân hàng bài giảng" in desktop
    assert (home / ".local" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "lecturer-app.svg").is_file()
    assert subprocess.run([str(home / ".local" / "bin" / "lecturer-app-cli")], capture_output=True,
                          text=True).stdout == "lecturer-app 0\n"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(home / ".local/share/applications/lecturer-app.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
    assert _install(unpacked_build, home, "--uninstall").returncode == 0
    assert not app.exists() and not (home / ".local" / "bin" / "lecturer-app").exists()
    assert (data / "lecturer.db").read_bytes() == b"bai giang"


def _addon_tarball(beside: Path, version: str, marker: str) -> Path:
    """A stand-in for lecturer-app-scan-addon-VERSION-linux.tar.gz (scripts/build-app.sh packs the real one)."""
    import tarfile

    staged = beside / "đóng gói" / "lecturer-app-scan-addon"
    staged.mkdir(parents=True)
    (staged / "addon.json").write_text(json.dumps({"python": "3.11", "app": version, "marker": marker}),
                                       encoding="utf-8")
    tarball = beside / f"lecturer-app-scan-addon-{version}-linux.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(staged, arcname="lecturer-app-scan-addon")
    shutil.rmtree(staged.parent)
    return tarball


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux install script")
def test_install_sh_installs_the_scan_addon_found_beside_the_folder_and_an_upgrade_keeps_it(unpacked_build, tmp_path):
    home = tmp_path / "nhà cô Hoà"
    _addon_tarball(unpacked_build.parent, "0.1.0", "cũ")
    _addon_tarball(unpacked_build.parent, "0.10.0", "mới")  # the newest version wins, not the last in name order
    done = _install(unpacked_build, home)
    assert done.returncode == 0, done.stderr
    addon = home / ".local" / "lib" / "lecturer-app" / "scan-addon"
    assert json.loads((addon / "addon.json").read_text(encoding="utf-8"))["marker"] == "mới"
    assert "phần đọc phiếu quét" in done.stdout

    for tarball in unpacked_build.parent.glob("lecturer-app-scan-addon-*"):
        tarball.unlink()
    assert _install(unpacked_build, home).returncode == 0  # an upgrade without the add-on beside it
    assert json.loads((addon / "addon.json").read_text(encoding="utf-8"))["marker"] == "mới"

    shutil.copytree(addon, unpacked_build.parent / "lecturer-app-scan-addon")  # or unpacked beside it
    (unpacked_build.parent / "lecturer-app-scan-addon" / "addon.json").write_text('{"marker": "giải nén"}', encoding="utf-8")
    assert _install(unpacked_build, home).returncode == 0
    assert json.loads((addon / "addon.json").read_text(encoding="utf-8"))["marker"] == "giải nén"
    assert _install(unpacked_build, home, "--uninstall").returncode == 0 and not addon.exists()


def test_the_scan_addon_copies_each_distributions_folders_with_their_licences():
    """packaging/scan_addon.py takes what `pip show -f` lists inside site-packages: the packages, their
    bundled-library folders and their .dist-info folders (the licences); not the scripts in bin/."""
    import importlib.util
    from importlib import metadata

    spec = importlib.util.spec_from_file_location("scan_addon", ROOT / "packaging" / "scan_addon.py")
    scan_addon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scan_addon)
    imported = {"opencv-python-headless": "cv2", "numpy": "numpy", "pypdfium2": "pypdfium2"}
    assert set(scan_addon.DISTRIBUTIONS) == set(imported)
    for name, package in imported.items():
        distribution = metadata.distribution(name)
        entries = scan_addon.top_level_entries(distribution)
        info = next(entry for entry in entries if entry.endswith(".dist-info"))
        assert package in entries and ".." not in entries, entries
        assert any(f.parts[0] == info and "LICEN" in "/".join(f.parts[1:]).upper() for f in distribution.files or []), name
    if sys.platform.startswith("linux"):  # auditwheel's folders of bundled libraries
        assert "numpy.libs" in scan_addon.top_level_entries(metadata.distribution("numpy"))
        assert "opencv_python_headless.libs" in scan_addon.top_level_entries(
            metadata.distribution("opencv-python-headless"))


def test_a_double_clicked_sync_bundle_opens_the_app_on_it(tmp_path):
    from lecturer_app.cli import build_parser, opened_file_request

    bundle = tmp_path / "Gói tháng 9.lbb"
    bundle.write_bytes(b"PK")
    argv = opened_file_request([str(bundle)])
    assert argv == ["gui", "--open", str(bundle)]
    assert build_parser().parse_args(argv).open == str(bundle)
    assert opened_file_request(["topics", "list"]) == ["topics", "list"]
    assert opened_file_request([str(tmp_path / "missing.lbb")]) == [str(tmp_path / "missing.lbb")]


def test_the_desktop_entry_names_the_running_window(qapp):
    from lecturer_app.ui.app import create_application

    app = create_application()
    entry = (ROOT / "packaging" / "linux" / "lecturer-app.desktop").read_text(encoding="utf-8")
    assert f"StartupWMClass={app.applicationName()}\n" in entry
    assert app.desktopFileName() == "lecturer-app"


def test_a_windowed_program_without_standard_streams_still_runs_commands(monkeypatch, tmp_path):
    from lecturer_app.cli import ensure_streams, main

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    ensure_streams()
    opened = [sys.stdout, sys.stderr]
    try:
        assert main(["--data-dir", str(tmp_path / "dữ liệu"), "topics", "list", "--json"]) == 0
        assert main(["--data-dir", str(tmp_path / "dữ liệu"), "lesson", "export", "KHÔNG-CÓ", "--format", "pdf",
                     "-o", str(tmp_path / "x.pdf")]) == 1
    finally:
        for stream in opened:
            stream.close()


def test_every_question_format_has_its_reader_and_writer_in_the_static_lists():
    from lecturer_app.exporters.questions import EXPORT_FORMATS, exporter
    from lecturer_app.importers.questions.detect import FORMATS, _reader, _readers

    assert set(_readers()) == set(FORMATS)
    assert all(callable(_readers()[fmt].read) for fmt in FORMATS)
    assert {_reader(fmt).__name__.rpartition(".")[2] for fmt in FORMATS} == {
        "xlsx_reader", "docx_reader", "txt_reader", "gift", "aiken", "moodlexml", "amc"}  # one reader each
    assert all(callable(exporter(fmt).export) for fmt in EXPORT_FORMATS)
