"""Errors a user sees, and the one problem type every report uses.

Every error meant for a user is a :class:`UserFacingError` (the CLI prints it
and exits 2, the GUI shows it in a box); one that comes from a file is an
:class:`InputFileError` and names the file and the place in it.  Reports list
what was skipped or is wrong as :class:`Problem` values, the same three fields
in every report and in every ``--json`` output.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from lecturer_app.i18n import N_, _

# The system's reasons are English ("Input/output error"); the ones a lecturer meets with files and USB sticks.
_OS_REASONS = {
    errno.ENOENT: N_("không có tệp hoặc thư mục này"),
    errno.EACCES: N_("không có quyền đọc hoặc ghi"),
    errno.EPERM: N_("không có quyền đọc hoặc ghi"),
    errno.ENOSPC: N_("ổ đĩa (hoặc USB) đã đầy"),
    errno.EDQUOT: N_("ổ đĩa (hoặc USB) đã đầy"),  # the user's quota on a shared disk: full for them
    # A file past the largest the file system takes (a FAT32 USB stick: 4 GB), or past the process's size limit.
    errno.EFBIG: N_("tệp vượt quá cỡ lớn nhất ổ đĩa cho phép (USB định dạng FAT32 chỉ nhận tệp dưới 4 GB)"),
    errno.EROFS: N_("ổ đĩa chỉ cho đọc (USB bị khóa ghi?)"),
    errno.EIO: N_("lỗi đọc ghi của thiết bị (USB bị rút ra hoặc hỏng?)"),
    errno.ENOTDIR: N_("một phần của đường dẫn không phải thư mục"),
    errno.EISDIR: N_("đây là thư mục, không phải tệp"),
    errno.EBUSY: N_("tệp đang được chương trình khác dùng"),
}


def os_error_reason(exc: OSError) -> str:
    """Why *exc* happened, in Vietnamese when it is a common case; the system's own words otherwise."""
    known = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return _(known) if known else (exc.strerror or str(exc))


def error_reason(exc: BaseException) -> str:
    """The reason to show for *exc*: a system error through the table above, after the file it names; any other
    as it words itself."""
    if not isinstance(exc, OSError):
        return str(exc)
    return f"{exc.filename}: {os_error_reason(exc)}" if exc.filename else os_error_reason(exc)


@dataclass(frozen=True)
class Problem:
    """Something wrong or skipped: in which file, where in it, and why (Vietnamese)."""

    file: str
    where: str
    reason: str

    @property
    def place(self) -> str:
        """The file and the place in it, as one text: "de.docx, đoạn 12"."""
        return ", ".join(part for part in (self.file, self.where) if part)

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "where": self.where, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.place}: {self.reason}" if self.place else self.reason


class UserFacingError(Exception):
    """An error with a message fit to show a user (Vietnamese by default)."""


class InputFileError(UserFacingError):
    """A file could not be read: says which file, and where in it."""

    def __init__(self, path: Path | str, where: str, reason: str) -> None:
        self.path = Path(path)
        self.where = where
        self.reason = reason
        place = f" ({where})" if where else ""
        super().__init__(f"{self.path}{place}: {reason}")

    @property
    def problem(self) -> Problem:
        return Problem(str(self.path), self.where, self.reason)


class InvalidItem(UserFacingError, ValueError):
    """One item of a file (a question, a row) cannot be taken; the reason is the message.

    Readers raise it for the item alone: the rest of the file is still read.
    It is a ValueError too, so callers that catch the built-in keep working.
    """
