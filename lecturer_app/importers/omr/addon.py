"""The scan add-on of the installed app: OpenCV, numpy and PDFium in a folder of their own.

The packed app leaves these libraries out (about 250 MB, beyond the folder's
150 MB budget, docs/packaging.md).  A lecturer who scans answer sheets
installs the add-on, which scripts/build-app.sh (or the Windows workflow)
copies from the build's own virtual environment, into ``scan-addon/`` beside
the app's executables.  Only when scanning is asked for does
``use_scan_addon`` put that folder on ``sys.path``; a source install (not
frozen) has the libraries in its environment and is left alone.

numpy's compiled modules are built for one Python minor version
(``_multiarray_umath.cpython-311-…``): the one of the virtual environment the
add-on was copied from, which is the interpreter PyInstaller froze into the
app when both come from the same build.  ``addon.json`` records it, and an add-on
for another version is refused with a message rather than a crash.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.core.json_reading import read_json_file
from lecturer_app.i18n import _

ADDON_FOLDER = "scan-addon"
MANIFEST = "addon.json"


def installed_addon_folder() -> Path | None:
    """Where the installed (frozen) app looks for the add-on; None in a source install."""
    if not getattr(sys, "frozen", False):
        return None
    # resolve(): on Linux ~/.local/bin/lecturer-app-cli is a symbolic link to the executable.
    return Path(sys.executable).resolve().parent / ADDON_FOLDER


def python_version() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def use_scan_addon(folder: Path | None) -> bool:
    """Put the add-on at *folder* on ``sys.path``; False when there is none (no folder, or not installed).

    Raises UserFacingError when the add-on was built for another Python version or its addon.json is
    unreadable: importing its compiled modules would fail with an obscure error, or crash.
    """
    if folder is None or not folder.is_dir():
        return False
    built_for = _manifest(folder).get("python")
    if built_for != python_version():
        raise UserFacingError(_("Phần đọc phiếu quét ở {folder} được làm cho Python {built}, còn ứng dụng này chạy "
                                "Python {running}: hãy cài phần đọc phiếu quét đi cùng phiên bản ứng dụng này "
                                "(tải cùng chỗ với ứng dụng).").format(folder=folder, built=built_for or "?",
                                                                         running=python_version()))
    # Appended, not prepended: the add-on supplies only its own packages, never one the app ships.
    if str(folder) not in sys.path:
        sys.path.append(str(folder))
    return True


def _manifest(folder: Path) -> dict:
    try:
        manifest = read_json_file(folder / MANIFEST)
    except InputFileError as exc:
        raise UserFacingError(_("Phần đọc phiếu quét ở {folder} bị hỏng (không đọc được {manifest}): hãy cài lại "
                                "phần đọc phiếu quét.").format(folder=folder, manifest=MANIFEST)) from exc
    return manifest if isinstance(manifest, dict) else {}


def missing_addon_message(folder: Path, missing: str) -> str:
    """What the installed app's user reads when scanning needs the add-on and it is absent or does not load."""
    if folder.is_dir():
        return _("Phần đọc phiếu quét ở {folder} không nạp được ({missing}): hãy cài lại phần đọc phiếu quét đi cùng "
                 "phiên bản ứng dụng này. Trong lúc đó, hãy nhập bài làm vào bảng bài làm.").format(
                     folder=folder, missing=missing)
    return _("Bản cài đặt này chưa có phần đọc phiếu quét (OpenCV, numpy; thư mục {folder} không có). Hãy cài thêm "
             "«phần đọc phiếu quét» lấy cùng chỗ bạn đã tải ứng dụng: trên Windows, chạy lại bộ cài và đánh dấu "
             "«Đọc phiếu trả lời quét»; trên Linux, giải nén tệp lecturer-app-scan-addon-….tar.gz cạnh thư mục "
             "ứng dụng rồi chạy lại install.sh (xem hướng dẫn cài đặt). Trong lúc đó, hãy nhập bài làm vào "
             "bảng bài làm.").format(folder=folder)
