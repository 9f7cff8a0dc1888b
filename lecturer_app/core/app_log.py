"""The app's log file: ``logs/lecturer_app.log`` in the data folder, rotating so it never grows past ~4 MB.

Support asks for this file when something went wrong; the error dialog
names it.  The GUI starts it; command-line runs print their errors instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FOLDER = "logs"
LOG_NAME = "lecturer_app.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


@dataclass
class FileLog:
    """The running log: its file and the handler on the root logger (``close`` removes it)."""

    path: Path
    handler: RotatingFileHandler

    def close(self) -> None:
        logging.getLogger().removeHandler(self.handler)
        self.handler.close()


def start_file_log(data_dir: Path, level: int = logging.INFO) -> FileLog:
    """Send log records of *level* and above to the data folder's rotating log file."""
    path = data_dir / LOG_FOLDER / LOG_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8",
                                  delay=True)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return FileLog(path, handler)
