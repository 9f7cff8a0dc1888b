"""Attachments with distinct contents, for the sync tests that bundle, damage or cancel around attachment files."""

from __future__ import annotations

from typing import Any

from lecturer_app.core.model import Attachment


def save_filled_attachments(workspace: Any, count: int, size: int, name: str = "{n}.bin",
                            owner_id: str = "x") -> list[str]:
    """Save *count* attachments of *size* bytes, the n-th filled with byte n; return their sha256s in that order.

    *name* is the file name's format: ``{n}`` the number, ``{sha}`` the sha256 (``{sha:.6}`` its first 6 digits).
    """
    shas = []
    for n in range(count):
        sha = workspace.blobs.put_bytes(bytes([n]) * size)
        workspace.store.save(Attachment(owner_id=owner_id, sha256=sha, size=size, filename=name.format(n=n, sha=sha)))
        shas.append(sha)
    return shas
