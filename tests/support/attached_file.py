"""A peer's topic holding one attached file, for the server's transfer tests."""

from __future__ import annotations

from lecturer_app.core.model import Attachment, Topic


def attached(peer, data: bytes) -> str:
    """A topic with one file of *data* in *peer*'s data folder; the file's sha256."""
    with peer.workspace() as workspace:
        topic = Topic(code="TEP", title="Chuyên đề có tệp")
        workspace.store.save(topic)
        sha = workspace.blobs.put_bytes(data)
        workspace.store.save(Attachment(owner_id=topic.id, sha256=sha, filename="bai-giang.bin", role="file"))
        return sha
