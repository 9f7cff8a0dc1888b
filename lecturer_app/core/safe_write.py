"""Writing a file or a folder so that a failure never leaves half of it under the user's name.

Every writer (exports, exam files, settings) writes to a hidden temporary
name beside the target and renames it at the end: the rename is atomic on
one file system, so a full disk, a crash or a kill leaves either the old
file or the whole new one.  A folder of files (an exam build) is written
under a hidden temporary folder and moved into place at the end.

Failures to write (a full disk, a read-only folder) become a
:class:`WriteError` that names the user's file, never the temporary one.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lecturer_app.core.errors import UserFacingError, os_error_reason
from lecturer_app.i18n import _

# errno values that mean "the disk (or the quota, or the file size limit) is full".
_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


class WriteError(UserFacingError):
    """A file could not be written; nothing was left under its name."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = Path(path)
        # One wording for every system error the app shows (core/errors.py), a full disk included.
        self.message = _("Không ghi được {path}: {reason}").format(path=self.path, reason=os_error_reason(error))
        super().__init__(path, error)  # the arguments, so the error pickles (a helper process may raise it)

    def __str__(self) -> str:
        return self.message


def partial_name(path: Path) -> Path:
    """The hidden temporary name *path* is written under."""
    return path.with_name(f".{path.name}.partial")


@contextmanager
def replaced_on_success(path: Path | str) -> Iterator[Path]:
    """A temporary path beside *path* to write to; it becomes *path* only if the block finishes."""
    path = Path(path)
    tmp = partial_name(path)
    try:
        yield tmp
        tmp.replace(path)
    except OSError as exc:
        if not _writing(exc, tmp, path):
            raise  # reading a source failed: its own error names it
        raise WriteError(path, exc) from exc
    finally:
        _remove(tmp)


def _writing(error: OSError, *paths: Path) -> bool:
    """Whether *error* came from writing: a full disk, or no file name or one of *paths*."""
    named = error.filename is None or str(error.filename) in {str(p) for p in paths}
    return error.errno in _FULL or named


def write_text(path: Path | str, text: str, *, durable: bool = False) -> Path:
    """Write *text* (UTF-8) to *path* through a temporary name; returns *path*."""
    return write_bytes(path, text.encode("utf-8"), durable=durable)


def write_bytes(path: Path | str, data: bytes, *, durable: bool = False) -> Path:
    """Write *data* to *path* through a temporary name; returns *path*.

    *durable* syncs the bytes to the disk before the rename (the app's own
    settings; exports skip it: a power cut during an export is redone by hand).
    """
    with replaced_on_success(path) as tmp, open(tmp, "wb") as out:
        out.write(data)
        if durable:
            out.flush()
            os.fsync(out.fileno())
    return Path(path)


def write_rendered(path: Path | str, render: Callable[[io.BytesIO], object]) -> Path:
    """Let *render* (a library's ``save``) write into memory, then write the bytes to *path* through a temporary name.

    Libraries that write files themselves fail on a full disk with their own
    error types (lxml's ``SerialisationError``) or complain again when a
    half-written zip is collected; in memory they cannot fail that way.
    """
    buffer = io.BytesIO()
    render(buffer)
    return write_bytes(path, buffer.getvalue())


@contextmanager
def folder_on_success(folder: Path, last: str = "") -> Iterator[Path]:
    """A hidden temporary folder beside *folder* to write into; its files move into *folder* at the end.

    When *folder* does not exist the temporary folder is renamed to it;
    otherwise each file moves in, *last* (the file that marks the folder
    complete, e.g. ``exam.json``) after all the others.  On failure the
    temporary folder is removed and *folder* is as it was.
    """
    import shutil  # here: only folder writers need these (tempfile loads shutil, and shutil bz2 and lzma)
    import tempfile

    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent))
    except OSError as exc:
        raise WriteError(folder, exc) from exc
    try:
        yield work
        _move_in(work, folder, last)
    except OSError as exc:
        raise WriteError(folder, exc) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _move_in(work: Path, folder: Path, last: str) -> None:
    if not folder.exists():
        work.rename(folder)
        return
    names = sorted(p.name for p in work.iterdir())
    for name in sorted(names, key=lambda n: n == last):
        os.replace(work / name, folder / name)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except (FileNotFoundError, NotADirectoryError):  # never made: its folder is missing, or is a file
        pass
