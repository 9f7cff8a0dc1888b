"""Blobs over HTTP: reads with Range, resumable uploads (tus core + creation + checksum).

An upload's id is the blob's sha256, so creating it twice is harmless; a
caller who cannot already read that blob must send every byte (a server
holding it reveals nothing); the
bytes received so far are ``blobs/uploads/<sha256>.part`` and the offset is
that file's size, so a server killed mid-upload resumes where the disk says.
A chunk whose ``Upload-Checksum`` does not match is cut off again (460); the
finished file must hash to its name before it becomes a blob.  A blob is
readable only by callers whose scopes grant a partition that references it;
any other answers exactly like a missing one.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import BinaryIO

from starlette.requests import ClientDisconnect

from lecturer_app.server.accounts import User
from lecturer_app.server.context import ServerContext
from lecturer_app.server.revs import BadRequest, scope_filter

MAX_BLOB = 8 << 30
_SHA = re.compile(r"^[0-9a-f]{64}$")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class UploadInterrupted(ClientDisconnect):
    """The client went away mid-PATCH: a normal event (a dropped line, a closed laptop); the upload resumes."""


class UploadProblem(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def readable_blob(ctx: ServerContext, user: User, sha: str) -> Path | None:
    if not _SHA.match(sha) or not ctx.blobs.has(sha):
        return None
    condition, params = scope_filter(user.scopes)
    with ctx.repo.transaction() as tx:
        granted = tx.one(f"SELECT 1 FROM blob_refs b JOIN revisions r ON r.record_id = b.record_id "
                         f"WHERE b.sha256 = ? AND {condition} LIMIT 1", [sha, *params])
    return ctx.blobs.path(sha) if granted else None


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(start, end inclusive) of a single ``Range: bytes=a-b``; None for the whole file."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise UploadProblem(416, "only one bytes=a-b range")
    first, last = match.groups()
    start, end = (size - int(last), size - 1) if first == "" else (int(first), int(last) if last else size - 1)
    if start < 0 or start >= size or end < start:
        raise UploadProblem(416, "range outside the blob")
    return start, min(end, size - 1)


def parse_metadata(header: str) -> dict[str, str]:
    found = {}
    for pair in header.split(","):
        key, _sep, value = pair.strip().partition(" ")
        try:
            found[key] = base64.b64decode(value, validate=True).decode("utf-8") if value else ""
        except ValueError as exc:
            raise BadRequest("Upload-Metadata values are base64") from exc
    return found


def create(ctx: ServerContext, user: User, length: int, sha: str) -> int:
    """Start (or find) the upload of *sha*; returns the offset already held."""
    if not _SHA.match(sha) or not 0 <= length <= MAX_BLOB:
        raise BadRequest("Upload-Metadata sha256 (hex) and an Upload-Length up to 8 GiB are needed")
    if readable_blob(ctx, user, sha) is not None:
        return length  # the caller may read it anyway: nothing to send, and nothing learnt
    with ctx.repo.transaction(write=True) as tx:
        row = tx.one("SELECT length FROM uploads WHERE id = ?", [sha])
        if row is not None and row[0] != length:
            raise UploadProblem(409, "this sha256 is being uploaded with another length")
        tx.run("INSERT INTO uploads VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
               [sha, sha, length, user.name, int(time.time())])
    ctx.uploads_dir.mkdir(parents=True, exist_ok=True)
    _part(ctx, sha).touch()
    held = offset(ctx, sha)[0]
    return held if held < length else _finish_held(ctx, user, length, sha)


def _finish_held(ctx: ServerContext, user: User, length: int, sha: str) -> int:
    """Finish an upload whose bytes are all here already; the offset to resume from.

    The caller is told "nothing left to send" and sends no more, so nothing else would finish it: a server
    killed between writing the last chunk and checking the file left it complete, and an empty file has no
    chunk at all.  A complete file with other bytes is dropped and its upload begins again at 0 (no bytes
    can make an empty file hash to another name: that refusal stands).
    """
    try:
        _finish(ctx, sha)
    except UploadProblem:
        if length == 0:
            raise
        return create(ctx, user, length, sha)  # the part file is gone now: this one starts at 0
    return length


def finish_complete(ctx: ServerContext) -> int:
    """Finish every upload whose part holds all its bytes (a server killed before checking it); how many.

    Its client may never ask again: before ``_finish_held`` it was told the upload was done and pushed the
    revision naming the file.  Run when ``server run`` starts; another server process may finish one first.
    """
    with ctx.repo.transaction() as tx:
        rows = tx.rows("SELECT id, length FROM uploads")
    finished = 0
    for sha, length in rows:
        part = _part(ctx, sha)
        if part.exists() and part.stat().st_size == int(length):
            try:
                _finish(ctx, sha)
            except (UploadProblem, FileNotFoundError):
                continue  # other bytes (dropped), or finished by another process meanwhile
            finished += 1
    return finished


def _part(ctx: ServerContext, sha: str) -> Path:
    return ctx.uploads_dir / f"{sha}.part"


def offset(ctx: ServerContext, sha: str) -> tuple[int, int]:
    """(offset, length) of an upload; 404 when there is none."""
    if not _SHA.match(sha):
        raise UploadProblem(404, "no such upload")
    with ctx.repo.transaction() as tx:
        row = tx.one("SELECT length FROM uploads WHERE id = ?", [sha])
    if row is None:  # finished or never begun: the same answer, so a blob's presence is not revealed
        raise UploadProblem(404, "no such upload")
    part = _part(ctx, sha)
    return (part.stat().st_size if part.exists() else 0), int(row[0])


async def append(ctx: ServerContext, sha: str, at: int, checksum: str | None, body: AsyncIterator[bytes]) -> int:
    """Append a PATCH body at offset *at*; returns the new offset (the blob is kept when complete)."""
    current, length = offset(ctx, sha)
    if at != current:
        raise UploadProblem(409, f"Upload-Offset is {current}")
    part, hasher = _part(ctx, sha), hashlib.sha256()
    with open(part, "r+b") as out:
        out.seek(at)
        try:
            async for chunk in body:
                if out.tell() + len(chunk) > length:
                    raise UploadProblem(413, "more bytes than Upload-Length")
                hasher.update(chunk)
                out.write(chunk)
            _check_chunk(checksum, hasher.digest())
        except ClientDisconnect as exc:
            raise _interrupted(out, at, length, checksum) from exc
        except BaseException:
            out.truncate(at)
            raise
        out.flush()
        os.fsync(out.fileno())
        done = out.tell()
    if done == length:
        _finish(ctx, sha)
    return done


def _interrupted(out: BinaryIO, at: int, length: int, checksum: str | None) -> UploadInterrupted:
    """Keep what can be trusted of a cut-off chunk; the answer to raise, saying where the upload resumes.

    Bytes of a chunk sent with ``Upload-Checksum`` cannot be checked without the rest of it, so the chunk is
    dropped whole (the client sends it again); without a checksum every byte received is kept (tus core).
    """
    if checksum is not None:
        out.truncate(at)
    out.flush()
    os.fsync(out.fileno())
    kept = out.seek(0, os.SEEK_END)
    return UploadInterrupted(f"upload interrupted by the client at byte {kept:,} of {length:,}; "
                             "it resumes from there")


def _check_chunk(checksum: str | None, digest: bytes) -> None:
    if checksum is None:
        return
    algorithm, _sep, value = checksum.partition(" ")
    if algorithm != "sha256" or value.strip() != base64.b64encode(digest).decode("ascii"):
        raise UploadProblem(460, "Upload-Checksum does not match the chunk")


def _finish(ctx: ServerContext, sha: str) -> None:
    part, hasher = _part(ctx, sha), hashlib.sha256()
    with open(part, "rb") as source:
        while block := source.read(1 << 20):
            hasher.update(block)
    if hasher.hexdigest() != sha:
        part.unlink()
        with ctx.repo.transaction(write=True) as tx:
            tx.run("DELETE FROM uploads WHERE id = ?", [sha])
        raise UploadProblem(460, "the uploaded bytes do not hash to the upload's sha256")
    final = ctx.blobs.path(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(part, final)  # the same bytes if someone else uploaded them first
    with ctx.repo.transaction(write=True) as tx:
        tx.run("DELETE FROM uploads WHERE id = ?", [sha])
