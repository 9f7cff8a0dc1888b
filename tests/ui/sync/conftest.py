"""Two installations on the mini bank (the second a copy, so its own replica), and the first one's window."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest


class Peer:
    """The other installation: opened only while it edits or exports, as a second machine would be."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @contextmanager
    def workspace(self) -> Iterator[Any]:
        from lecturer_app.core.workspace import open_workspace

        workspace = open_workspace(self.folder, import_shipped_bank=False)
        try:
            yield workspace
        finally:
            workspace.close()

    def retitle(self, code: str, title: str) -> str:
        """Rename topic *code* here; its record id."""
        from lecturer_app.core.bank.queries import LessonBank

        with self.workspace() as workspace:
            topic = LessonBank(workspace.store).require_topic(code)
            topic.title = title
            workspace.store.save(topic)
            return topic.id

    def export(self, path: Path) -> Path:
        from lecturer_app.sync.bundle_export import export_bundle
        from lecturer_app.sync.device import open_device

        with self.workspace() as workspace:
            export_bundle(open_device(workspace.data_dir, workspace.store), workspace.blobs, path)
        return path


@pytest.fixture
def base_folder(mini_data_dir: Path) -> Path:
    return mini_data_dir


@pytest.fixture
def peer(base_folder: Path, tmp_path: Path) -> Peer:
    shutil.copytree(base_folder, tmp_path / "máy B")
    return Peer(tmp_path / "máy B")


@pytest.fixture
def home(base_folder: Path, tmp_path: Path) -> Iterator[Any]:
    from lecturer_app.core.workspace import open_workspace

    shutil.copytree(base_folder, tmp_path / "máy A")
    workspace = open_workspace(tmp_path / "máy A", import_shipped_bank=False)
    yield workspace
    workspace.close()


@pytest.fixture
def sync_window(qtbot, home):
    """The window over *home* with only the sync feature installed."""
    from lecturer_app.ui.app import build_main_window

    win = build_main_window(home, features=("lecturer_app.ui.sync",))
    win.topic_page_hooks.append(lambda page: setattr(page, "ask_save", lambda parent, code: "save"))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.operations.wait_all()


@pytest.fixture
def finish(qtbot):
    """Waits until a background operation has finished (its GUI callbacks ran)."""

    def wait(operation) -> None:
        assert operation is not None
        qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)

    return wait
