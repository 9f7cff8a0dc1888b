"""One download over HTTP that resumes after a cut: blobs and the server's snapshot both come this way.

The part kept from an interrupted (or stopped) download stays under its temporary name;
the next attempt asks for the rest with ``Range`` and hashes the kept part
once before appending, so the sha256 of the whole file is known when the last
byte arrives (the file is not read back).  A server that ignores the range
(200 instead of 206) sends everything again, and the kept part is dropped.  A part that
holds the whole file already (416 to its range) is judged by its hash.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from lecturer_app.i18n import _
from lecturer_app.sync.http_auth import check
from lecturer_app.sync.server_answers import bounded

BLOCK = 1 << 20


def fetch(http: httpx.Client, url: str, partial: Path, progress: Callable[[int, int], None] | None = None,
          total: int | None = None) -> str | None:
    """*url* into *partial*, resumed from what it holds; the sha256 (hex) of the whole file, None on 404.

    *total*, when known beforehand, is the size given to *progress*; otherwise the answer's length is.
    """
    start = partial.stat().st_size if partial.exists() else 0
    with http.stream("GET", url, headers={"Range": f"bytes={start}-"} if start else {}) as answer:
        if answer.status_code == 404:
            return None
        if answer.status_code == 416 and start:
            # The kept part already holds every byte (the app stopped after the last one arrived): its hash
            # decides, as for a finished download; a wrong part is dropped by the caller and fetched whole.
            return _hash_of(partial).hexdigest()
        if answer.status_code >= 400:  # its sentence read (no more than that) before check() words the refusal
            check(bounded(answer, _("tải tệp từ máy chủ")))
        resumed = answer.status_code == 206
        hasher = _hash_of(partial) if resumed else hashlib.sha256()
        done = start if resumed else 0
        size = total if total is not None else done + int(answer.headers.get("Content-Length", 0))
        with open(partial, "ab" if resumed else "wb") as out:
            try:
                for block in answer.iter_bytes(BLOCK):
                    out.write(block)
                    hasher.update(block)
                    done += len(block)
                    if progress:
                        progress(done, size)
            finally:  # a download cut off or stopped (Hủy) keeps what it wrote, on disk: the next one resumes
                out.flush()
                os.fsync(out.fileno())
    return hasher.hexdigest()


def _hash_of(path: Path) -> Any:
    """A sha256 object fed with the bytes already in *path* (the part of a download kept from last time)."""
    hasher = hashlib.sha256()
    with open(path, "rb") as source:
        while block := source.read(BLOCK):
            hasher.update(block)
    return hasher
