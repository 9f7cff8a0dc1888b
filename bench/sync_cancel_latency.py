"""Seconds from «Hủy» to the end of a server sync whose request the server leaves unanswered (session 13).

    .venv/bin/python bench/sync_cancel_latency.py BASE_CHECKOUT NEW_CHECKOUT [ROUNDS] [--at connect]

Each round runs one measurement per checkout, interleaved (base, new, base, …), each in its own process
(``--one CHECKOUT``: that checkout's ``lecturer_app`` on PYTHONPATH).  A measurement: a server (uvicorn
thread, SQLite) on 127.0.0.1, two data folders on the shipped bank logged in, A pushes a topic, B syncs
through a loopback proxy that stalls B's ``GET /v1/changes``; 0.2 s into the stall «Hủy» is pressed the way
the GUI presses it (``Operation.cancel``: the progress callback raises from then on, and on a checkout
that has ``sync/cancel.py`` its token is cancelled too).  Printed per run: seconds from the cancel until
``sync_now`` returned, and the process's CPU seconds for the whole measurement.

``--at connect`` (session 14): instead, B's server address is moved to one whose connects hang (a listener
on 127.0.0.1 with its backlog full drops every SYN: ``tests/support/unanswered_address.py``), and Hủy is
pressed 0.5 s into the sync, while it is still connecting (10 s connect timeout).
"""

from __future__ import annotations

import inspect
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cli(folder: Path, *args: str) -> str:
    from lecturer_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    assert main(["--data-dir", str(folder), *args], out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def _server(work: Path) -> tuple[object, int]:
    import socket

    import uvicorn

    from lecturer_app.cli import main
    from lecturer_app.server.app import build_app
    from lecturer_app.server.context import open_server

    folder, admin, lan = work / "server", work / "admin.pw", work / "lan.pw"
    admin.write_text("quan-tri-mat-khau\n", encoding="utf-8")
    lan.write_text("mat-khau-dai-1\n", encoding="utf-8")
    assert main(["server", "init", str(folder), "--name", "Máy chủ đo", "--password-file", str(admin)],
                out=io.StringIO()) == 0
    assert main(["server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(lan),
                 "--data-dir", str(folder)], out=io.StringIO()) == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(build_app(open_server(folder)), host="127.0.0.1", port=port,
                                            log_level="error", lifespan="off"))
    threading.Thread(target=running.run, daemon=True).start()
    while not running.started:
        time.sleep(0.02)
    return running, port


def one(at: str) -> dict[str, object]:
    """One measurement with the lecturer_app on PYTHONPATH; *at*: "changes" (a stalled answer) or "connect"."""
    sys.path.insert(0, str(ROOT / "tests"))
    from lecturer_app.core.model import Topic
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.http_client import sync_now
    from lecturer_app.sync.http_state import require_state, save_state
    from support.stalling_proxy import StallingProxy
    from support.unanswered_address import UnansweredAddress

    started_cpu = resource.getrusage(resource.RUSAGE_SELF)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _server_handle, port = _server(work)
        proxy = StallingProxy(port)
        a, b = work / "A", work / "B"
        for folder, url in ((a, f"http://127.0.0.1:{port}"), (b, proxy.url)):
            _cli(folder, "stats")
            _cli(folder, "sync", "login", url, "--user", "lan", "--password-file", str(work / "lan.pw"))
            _cli(folder, "sync", "now")
        workspace = open_workspace(a)
        workspace.store.save(Topic(code="DO-1", title="Đo"))
        workspace.close()
        _cli(a, "sync", "now")
        quiet = None
        if at == "connect":
            quiet = UnansweredAddress()
            state = require_state(b)
            state.url = quiet.url
            save_state(b, state)
            threading.Timer(0.3, proxy.stalled.set).start()  # the sync is connecting by then (+0.2 s below)
        else:
            proxy.stall_at(b"GET /v1/changes")
        pressed = threading.Event()
        kwargs: dict[str, object] = {}
        token = None
        if "stop" in inspect.signature(sync_now).parameters:
            from lecturer_app.sync.cancel import CancelToken

            token = CancelToken()
            kwargs["stop"] = token

        def progress(_stage: str, _done: int, _total: int) -> None:  # Operation.report after Hủy
            if pressed.is_set():
                raise KeyboardInterrupt("Hủy")

        at: list[float] = []

        def press() -> None:
            proxy.stalled.wait(60)
            time.sleep(0.2)
            at.append(time.monotonic())
            pressed.set()
            if token is not None:
                token.cancel()

        threading.Thread(target=press, daemon=True).start()
        workspace = open_workspace(b)
        try:
            sync_now(open_device(b, workspace.store), workspace.blobs, b, progress, **kwargs)  # type: ignore[arg-type]
        except BaseException as exc:  # the stop, whichever way this checkout words it
            outcome = type(exc).__name__
        else:
            outcome = "finished"
        ended = time.monotonic()
        workspace.close()
        proxy.close()
        if quiet is not None:
            quiet.close()
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = used.ru_utime + used.ru_stime - started_cpu.ru_utime - started_cpu.ru_stime
    return {"seconds_after_cancel": round(ended - at[0], 3), "cpu_seconds": round(cpu, 2), "outcome": outcome}


def main() -> None:
    at = "connect" if "--at" in sys.argv and sys.argv[sys.argv.index("--at") + 1] == "connect" else "changes"
    args = [arg for arg in sys.argv[1:] if arg not in ("--at", "connect", "changes")]
    if args[0] == "--one":
        print(json.dumps(one(at)))
        return
    base, new = Path(args[0]), Path(args[1])
    rounds = int(args[2]) if len(args) > 2 else 3
    results: dict[str, list[dict]] = {"base": [], "new": []}
    for _round in range(rounds):
        for name, checkout in (("base", base), ("new", new)):
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", "--at", at], cwd=checkout,
                                  env={**os.environ, "PYTHONPATH": str(checkout)}, capture_output=True, text=True,
                                  check=True)
            results[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(name, results[name][-1], flush=True)
    for name, runs in results.items():
        seconds = sorted(run["seconds_after_cancel"] for run in runs)
        print(f"{name}: median {seconds[len(seconds) // 2]} s after Hủy (min {seconds[0]}, max {seconds[-1]}); "
              f"cpu s per run {[run['cpu_seconds'] for run in runs]}")


if __name__ == "__main__":
    main()
