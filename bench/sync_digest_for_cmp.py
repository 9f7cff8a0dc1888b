"""``sync digest`` outputs after a server sync, for ``cmp`` between two checkouts (session 14).

    PYTHONPATH=CHECKOUT .venv/bin/python bench/sync_digest_for_cmp.py prepare TEMPLATE [QUESTIONS]
    PYTHONPATH=CHECKOUT .venv/bin/python bench/sync_digest_for_cmp.py run TEMPLATE OUT

``prepare`` (once) makes TEMPLATE/A (the shipped bank, a topic and QUESTIONS synthetic questions added) and
TEMPLATE/B (the shipped bank).  ``run`` copies them, starts a fresh server of the checkout on PYTHONPATH
(uvicorn on 127.0.0.1, SQLite), logs both in, syncs B, then A (its push), then B (its pull, page by page),
then A again, and writes each folder's ``sync digest --json`` and ``sync now --json`` report counts into OUT.
Revision ids are content hashes made once in TEMPLATE, so the outputs of two checkouts must be byte-identical.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path


def _cli(*args: str) -> str:
    from lecturer_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    assert main(list(args), out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def prepare(template: Path, questions: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.synthetic_bank import fill
    from lecturer_app.core.model import Topic
    from lecturer_app.core.workspace import open_workspace

    for name in ("A", "B"):
        _cli("--data-dir", str(template / name), "stats")
    workspace = open_workspace(template / "A")
    try:
        workspace.store.save(Topic(code="SO-SANH-1", title="Chuyên đề so sánh"))
        fill(workspace, questions, 0)
    finally:
        workspace.close()


def run(template: Path, out: Path) -> None:
    import uvicorn

    from lecturer_app.server.app import build_app
    from lecturer_app.server.context import open_server

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        a, b = work / "A", work / "B"
        shutil.copytree(template / "A", a)
        shutil.copytree(template / "B", b)
        (work / "admin.pw").write_text("quan-tri-mat-khau\n", encoding="utf-8")
        (work / "lan.pw").write_text("mat-khau-dai-1\n", encoding="utf-8")
        _cli("server", "init", str(work / "server"), "--name", "Máy chủ so sánh", "--password-file",
             str(work / "admin.pw"))
        _cli("server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(work / "lan.pw"),
             "--data-dir", str(work / "server"))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(build_app(open_server(work / "server")), host="127.0.0.1", port=port,
                                               log_level="error", lifespan="off"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.02)
        url = f"http://127.0.0.1:{port}"
        reports = []
        for folder in (b, a):
            _cli("--data-dir", str(folder), "sync", "login", url, "--user", "lan", "--password-file",
                 str(work / "lan.pw"))
        for folder in (b, a, b, a):
            report = json.loads(_cli("--data-dir", str(folder), "sync", "now", "--json"))
            reports.append({key: report[key] for key in ("pulled", "pushed", "blobs_in", "blobs_out", "conflicts")})
        for name, folder in (("A", a), ("B", b)):
            (out / f"digest-{name}.json").write_text(_cli("--data-dir", str(folder), "sync", "digest", "--json"),
                                                     encoding="utf-8")
        (out / "reports.json").write_text(json.dumps(reports, indent=1) + "\n", encoding="utf-8")
        server.should_exit = True


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 3000)
    else:
        run(Path(sys.argv[2]), Path(sys.argv[3]))
