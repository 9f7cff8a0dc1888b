"""Finding and running the packed, frozen app (scripts/build-app.sh) from tests and benches.

``LECTURER_APP_FROZEN`` names the build to test: the one-folder app or its
``.tar.gz``.  Without it the build in ``dist/`` is used when there is one
(the tarball first: it is what a lecturer gets).  The tests then run the
executables in that folder, never the source tree.  The scan add-on is the
one built beside it (``lecturer-app-scan-addon`` folder or tarball), or the
one ``LECTURER_APP_SCAN_ADDON`` names.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "LECTURER_APP_FROZEN"
ADDON_ENV_VAR = "LECTURER_APP_SCAN_ADDON"
ADDON_FOLDER = "scan-addon"  # where the app looks, beside its executables (lecturer_app/importers/omr/addon.py)
WINDOWS = sys.platform == "win32"
SUFFIX = ".exe" if WINDOWS else ""


def find_build() -> Path | None:
    """The build named by LECTURER_APP_FROZEN, else the newest one in dist/, else None."""
    named = os.environ.get(ENV_VAR)
    if named:
        return Path(named)
    tarballs = sorted((ROOT / "dist").glob("lecturer-app-[0-9]*-linux.tar.gz"), key=lambda p: p.stat().st_mtime)
    if tarballs and not WINDOWS:
        return tarballs[-1]
    folder = ROOT / "dist" / "lecturer-app"
    return folder if folder.is_dir() else None


def find_scan_addon(build: Path) -> Path:
    """The scan add-on built with *build*: LECTURER_APP_SCAN_ADDON, else its sibling (may not exist)."""
    named = os.environ.get(ADDON_ENV_VAR)
    if named:
        return Path(named)
    if build.is_dir():
        return build.with_name("lecturer-app-scan-addon")
    return build.with_name(build.name.replace("lecturer-app-", "lecturer-app-scan-addon-", 1))


def unpacked_scan_addon(addon: Path, into: Path) -> Path:
    """The add-on folder: *addon* itself, or its tarball unpacked into *into*."""
    return unpacked(addon, into, "lecturer-app-scan-addon")


def place_scan_addon(addon_folder: Path, app_folder: Path) -> Path:
    """The add-on folder put where the app looks: linked (copied on Windows, where links need rights)."""
    target = app_folder / ADDON_FOLDER
    if WINDOWS:
        shutil.copytree(addon_folder, target)
    else:
        target.symlink_to(addon_folder.resolve(), target_is_directory=True)
    return target


def remove_scan_addon(app_folder: Path) -> None:
    target = app_folder / ADDON_FOLDER
    if target.is_symlink():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)


def unpacked(build: Path, into: Path, folder: str = "lecturer-app") -> Path:
    """The app folder of *build* (or the add-on's: *folder*): the folder itself, or the tarball unpacked into *into*."""
    if build.is_dir():
        return build
    with tarfile.open(build) as archive:
        archive.extractall(into, filter="tar")
    return into / folder


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a lecturer's session: no Python of ours, a home of its own, no display."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "LECTURER_APP_", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), USERPROFILE=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), QT_QPA_PLATFORM="offscreen")
    return env


class FrozenApp:
    """The two executables of one unpacked build, run as a lecturer would."""

    def __init__(self, folder: Path, home: Path) -> None:
        self.folder = folder
        self.window_exe = folder / f"lecturer-app{SUFFIX}"
        # On Windows the windowed program has no console; the -cli one does.
        self.cli_exe = folder / f"lecturer-app-cli{SUFFIX}"
        self.home = home
        self.env = clean_env(home)

    def run(self, *args: str | Path, exe: Path | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run([str(exe or self.cli_exe), *map(str, args)], capture_output=True, text=True,
                              encoding="utf-8", env=self.env, cwd=self.home, timeout=timeout)

    def ok(self, *args: str | Path) -> str:
        """Standard output of a command that must succeed."""
        done = self.run(*args)
        assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stderr}"
        return done.stdout

    def json(self, *args: str | Path):
        return json.loads(self.ok(*args, "--json"))
