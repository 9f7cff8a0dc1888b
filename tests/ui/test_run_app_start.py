"""The real start (``run_app``) in its own process: log file, error handler, daily backup, welcome dialog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Starts the app through run_app, looks around once the start is over, prints what it saw and quits.
SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from lecturer_app.core.workspace import open_workspace
from lecturer_app.ui.app import create_application, run_app

workspace = open_workspace(Path(sys.argv[1]), import_shipped_bank=False)
app = create_application()

def look():
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window")
    if window.operations.running:
        QTimer.singleShot(100, look)
        return
    welcome = window.findChild(QDialog, "welcome_dialog")
    print(json.dumps({"excepthook": type(sys.excepthook.__self__).__name__,
                      "welcome": welcome is not None and welcome.isVisible()}))
    if welcome is not None:
        welcome.reject()
    window.close()

QTimer.singleShot(1500, look)
raise SystemExit(run_app(workspace))
"""


def test_the_first_start_logs_backs_up_and_welcomes(tmp_path, mini_bank):
    from lecturer_app.core.bank.shipped_import import import_bank
    from lecturer_app.core.workspace import open_workspace

    data = tmp_path / "Dữ liệu"
    workspace = open_workspace(data, import_shipped_bank=False)
    import_bank(workspace.store, mini_bank)
    workspace.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "LECTURER_APP_LANG": "vi",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}

    result = subprocess.run([sys.executable, "-c", SCRIPT, str(data)], env=env, capture_output=True, text=True,
                            timeout=120)

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["excepthook"] == "ErrorHandler" and seen["welcome"]
    assert [p.name for p in (data / "backups").iterdir()][0].endswith("_auto")
    assert (data / "logs").is_dir()
    settings = json.loads((data / "settings.json").read_text(encoding="utf-8"))
    assert settings["welcome_done"] is True
