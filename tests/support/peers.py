"""One app installation (a data folder) driven through ``lecturer-app`` as a user would, for sync and server tests."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lecturer_app.cli import main


class Peer:
    """A data folder, driven through the CLI and, where a test needs it, the workspace API."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def run(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--data-dir", str(self.folder), *args], out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    def ok(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 0, err
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def digest(self) -> dict[str, Any]:
        return self.json("sync", "digest")

    @contextmanager
    def workspace(self) -> Iterator[Any]:
        from lecturer_app.core.workspace import open_workspace

        workspace = open_workspace(self.folder)
        try:
            yield workspace
        finally:
            workspace.close()

    @contextmanager
    def device(self) -> Iterator[tuple[Any, Any]]:
        """(workspace, device) opened together."""
        from lecturer_app.sync.device import open_device

        with self.workspace() as workspace:
            yield workspace, open_device(workspace.data_dir, workspace.store)


def shipped_data_folder(folder: Path) -> Path:
    """A fresh data folder on the shipped bank (made once per session, then copied per peer)."""
    assert main(["--data-dir", str(folder), "stats"], out=io.StringIO()) == 0
    return folder
