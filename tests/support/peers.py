"""One app installation (a data folder) driven through ``lecturer-app`` as a user would, for sync and server tests."""

from __future__ import annotations

import io
import json
import shutil
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

    def save_topics(self, *codes: str, title: str = "") -> None:
        """A new topic for each of *codes*, saved as an edit of this machine (titled «Chuyên đề CODE» unless
        *title* is given)."""
        from lecturer_app.core.model import Topic

        with self.workspace() as workspace:
            for code in codes:
                workspace.store.save(Topic(code=code, title=title or f"Chuyên đề {code}"))

    def topic_codes(self) -> set[str]:
        """The codes of every topic this machine holds."""
        from lecturer_app.core.model import Topic

        with self.workspace() as workspace:
            return {topic.code for topic in workspace.store.select(Topic)}

    @contextmanager
    def device(self) -> Iterator[tuple[Any, Any]]:
        """(workspace, device) opened together."""
        from lecturer_app.sync.device import open_device

        with self.workspace() as workspace:
            yield workspace, open_device(workspace.data_dir, workspace.store)


def converge_after_honest_line(a: Peer, b: Peer, proxy: Any) -> dict[str, Any]:
    """*b* refused what a forging *proxy* answered: its database passes ``check``; with the line honest again, its
    next sync completes and *a* and *b* agree.  *b*'s sync report."""
    b.ok("check")
    proxy.pass_all()
    report = b.json("sync", "now")
    a.ok("sync", "now")
    assert a.digest() == b.digest()
    return report


def shipped_data_folder(folder: Path) -> Path:
    """A fresh data folder on the shipped bank (made once per session, then copied per peer)."""
    assert main(["--data-dir", str(folder), "stats"], out=io.StringIO()) == 0
    return folder


def copied_peer(source: Path, target: Path) -> Peer:
    """A peer on a copy of *source*: its own replica id, as a fresh install would have."""
    shutil.copytree(source, target)
    return Peer(target)


def edit_section_and_title(peer: Peer, section_index: int, title: str) -> tuple[str, str]:
    """Edit one plan section (merges) and the topic title (conflicts) of the first topic with three sections."""
    from lecturer_app.core.bank.queries import LessonBank

    with peer.workspace() as workspace:
        bank = LessonBank(workspace.store)
        for topic in bank.topics():
            plan = bank.plan(topic.id)
            sections = bank.sections(plan.id) if plan else []
            if len(sections) >= 3:
                break
        else:
            raise AssertionError("the shipped bank has no topic with a three-section plan")
        section = sections[section_index]
        section.body += f"\n\nThêm ở máy {peer.folder.name}."
        workspace.store.save(section)
        topic.title = title
        workspace.store.save(topic)
        return topic.id, section.id
