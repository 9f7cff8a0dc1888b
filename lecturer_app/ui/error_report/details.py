"""The text "Sao chép chi tiết" copies: what support needs to find the cause, and nothing of the user's content."""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from lecturer_app import __version__


def error_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                  log_path: Path, now: datetime | None = None) -> str:
    """Version, system, time, log file and the traceback, as plain text."""
    when = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    lines = [f"lecturer_app {__version__}",  # for support: no translation, no user content
             f"Python {platform.python_version()} · {platform.platform()}"
             + (" · frozen" if getattr(sys, "frozen", False) else ""),
             f"{when}", f"Log: {log_path}", ""]
    lines += traceback.format_exception(exc_type, exc, tb)
    return "\n".join(line.rstrip("\n") for line in lines)
