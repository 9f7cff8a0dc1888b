"""Fixtures for CLI tests: a data folder where the shipped bank was imported, and private copies of it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from lecturer_app.cli import main


@pytest.fixture(scope="session")
def shipped_data(tmp_path_factory) -> Path:
    """A data folder after the first start (the shipped bank imported once for the session).

    Read-only for tests: a test that changes data uses ``data_dir``.
    """
    folder = tmp_path_factory.mktemp("shipped") / "data"
    assert main(["--data-dir", str(folder), "stats"], out=io.StringIO()) == 0
    return folder


@pytest.fixture
def data_dir(shipped_data, tmp_path) -> Path:
    """A private copy of the shipped data folder, so a test may change it."""
    target = tmp_path / "data"
    shutil.copytree(shipped_data, target)
    return target


@pytest.fixture
def back_to_vietnamese():
    """For a test that runs commands with ``--lang en``, which switches this process's language: Vietnamese after."""
    yield
    from lecturer_app import i18n

    i18n.setup("vi", None)
