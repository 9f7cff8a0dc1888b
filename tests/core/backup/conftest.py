"""A data folder with every kind of content the acceptance test names, attachments included."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def full_workspace(workspace, tmp_path: Path):
    """The mini bank (topics, a plan, a deck, a question) plus two attachments of AB-01."""
    from lecturer_app.core.bank.attachments import add_attachment
    from lecturer_app.core.bank.queries import LessonBank

    topic = LessonBank(workspace.store).require_topic("AB-01")
    for name, data in (("Ảnh minh họa.png", b"\x89PNG fake picture"), ("Tài liệu đọc thêm.pdf", b"%PDF-1.4 x")):
        source = tmp_path / name
        source.write_bytes(data)
        add_attachment(workspace.store, workspace.blobs, topic.id, source)
    return workspace

