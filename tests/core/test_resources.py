"""resources/ and lesson_bank/ are found from a checkout, an installed wheel and a frozen app."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lecturer_app.core import resources
from lecturer_app.core.resources import bank_path, resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_source_checkout_finds_the_top_level_folders():
    assert bank_path("bank.toml").is_file()
    assert resource_path("fonts", "liberation", "LiberationSerif-Regular.ttf").is_file()


def test_frozen_app_looks_in_the_bundle_folder_first(tmp_path, monkeypatch):
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("fonts") == tmp_path / "resources" / "fonts"


@pytest.mark.slow
def test_the_wheel_carries_both_folders_and_finds_them_when_installed(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("lecturer_app-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "lecturer_app/_shipped/lesson_bank/catalog.toml" in names
    assert "lecturer_app/_shipped/resources/fonts/liberation/LICENSE-OFL.txt" in names
    probe = "from lecturer_app.core.resources import bank_path; print(bank_path('bank.toml'))"
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"})
    assert found.stdout.strip() == str(tmp_path / "site" / "lecturer_app" / "_shipped" / "lesson_bank" / "bank.toml")
