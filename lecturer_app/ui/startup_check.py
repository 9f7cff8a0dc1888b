"""``lecturer-app gui --screenshot FILE``: the check a packaged build runs on itself.

The app starts as usual; once its window is painted and the start-up steps
(feature packages, warm-up) are done, it saves the window to FILE, prints one
JSON line (when the window was first painted, what was installed, which Qt
modules were loaded: build.spec leaves out the others) and quits.
It exits with 1 when a feature package is missing, so a broken build fails
its test instead of opening a window without its menus.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TextIO

POLL_MS = 20


def screenshot_when_ready(app, window, path: Path, out: TextIO | None) -> None:
    """Arrange for *window* to be saved to *path* and *app* to quit once start-up is done."""
    from PySide6.QtCore import QTimer

    painted_at: list[float] = []
    window.first_painted.connect(lambda: painted_at.append(time.time()))

    def poll() -> None:
        if not (window.startup_done and painted_at):
            QTimer.singleShot(POLL_MS, window, poll)
            return
        saved = window.grab().save(str(path))
        missing = list(getattr(window, "missing_features", []))
        report = {"painted_at": painted_at[0], "saved": saved, "features": window.features_installed,
                  "missing_features": missing, "programs": window.browser.tree_model.rowCount(),
                  "qt_modules": sorted(name for name in sys.modules if name.startswith("PySide6.Qt"))}
        if out is not None:  # a windowed program on Windows has no standard output
            out.write(json.dumps(report, ensure_ascii=False) + "\n")
            out.flush()
        app.exit(0 if saved and not missing else 1)

    QTimer.singleShot(0, window, poll)
