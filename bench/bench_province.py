"""The province server at issue #14's sizes, beside Anki's sync server (issue #14 items 8, 9), on 127.0.0.1.

    .venv/bin/python bench/bench_province.py                       # the issue's sizes
    .venv/bin/python bench/bench_province.py --clients 200 --revisions 100 --questions 10000 \\
        --attachments-mb 100 --anki-notes 10000                    # smaller, on a loaded machine

Prints Markdown rows (bench/run.py collects them):

* load: N simulated clients at once, each pushing R signed revisions
  (``revs/missing`` then ``revs`` in batches of 100) and pulling R from the
  feed — errors, p50/p95 request latency, accepted revisions/s; on SQLite and
  on PostgreSQL (a throw-away cluster, as in the tests, when Debian's
  ``initdb`` is installed);
* initial sync: a data folder with the shipped 125 topics + Q questions
  pushes everything with ``sync now``, a new folder pulls it; then M MB of
  attachments the same way — seconds and bytes on the wire (a counting proxy);
* incremental: 100 edited questions, ``sync now`` on A then on B (target ≤ 1 s);
* peer: Anki's ``python -m anki.syncserver`` with an N-note collection —
  full upload, full download to a second device, 100 edited notes up and down
  (run with the Python of ``--anki-python``, default ``.anki-venv``; skipped
  when it is absent).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import bench_server  # noqa: E402
from synthetic_bank import fill  # noqa: E402

from lecturer_app.cli import main  # noqa: E402
from lecturer_app.core.model import Attachment, Question  # noqa: E402
from lecturer_app.core.workspace import open_workspace  # noqa: E402


class CountingProxy:
    """A TCP relay on 127.0.0.1 counting the bytes each way (what a client really sends and receives)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.up = self.down = 0
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        ready.wait()

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._relay, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        await asyncio.gather(self._pipe(reader, upstream_writer, "up"), self._pipe(upstream_reader, writer, "down"))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, way: str) -> None:
        try:
            while data := await reader.read(1 << 16):
                setattr(self, way, getattr(self, way) + len(data))
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    def take(self) -> tuple[int, int]:
        """(bytes up, bytes down) since the last take."""
        counted = (self.up, self.down)
        self.up = self.down = 0
        return counted


def cli(*args: str) -> dict:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    if code != 0:
        raise RuntimeError(err.getvalue())
    return json.loads(out.getvalue()) if "--json" in args else {}


def row(what: str, result: str, target: str = "–", peer: str = "–", ratio: str = "–") -> None:
    print(f"| {what} | {result} | {target} | {peer} | {ratio} |", flush=True)


def mb(count: int) -> str:
    return f"{count / 1e6:,.1f} MB"


def load(engine: str, database: str | None, options: argparse.Namespace) -> None:
    got = bench_server.run(options.clients, options.revisions, database, options.port, pull=options.revisions)
    row(f"load, {engine}: {got['clients']} clients × {got['revisions_each']} revisions pushed and "
        f"≈{options.revisions} pulled each", f"{got['seconds']} s, {got['errors']} errors, "
        f"{got['revisions_per_s']} accepted rev/s, p50 {got['p50_ms']} ms, p95 {got['p95_ms']} ms, "
        f"{got['pulled']:,} served" + (f"; failures: {'; '.join(got['failures'])}" if got["failures"] else ""),
        "0 errors")


def _attach(folder: Path, megabytes: int) -> int:
    """Attachments of 5 MB (random bytes: nothing compresses) on the bank's topics; the files made."""
    workspace = open_workspace(folder)
    try:
        from lecturer_app.core.bank.queries import LessonBank

        topics = LessonBank(workspace.store).topics()
        count = max(1, megabytes // 5)
        for number in range(count):
            sha = workspace.blobs.put_bytes(os.urandom(min(5, megabytes) * 1_000_000))
            workspace.store.save(Attachment(owner_id=topics[number % len(topics)].id, sha256=sha,
                                            filename=f"tep-{number}.bin", role="file"))
        return count
    finally:
        workspace.close()


def _edit_questions(folder: Path, count: int) -> None:
    workspace = open_workspace(folder)
    try:
        for question in workspace.store.select(Question)[:count]:
            question.stem += " (đã sửa)"
            workspace.store.save(question)
    finally:
        workspace.close()


def _timed_sync(folder: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    result = cli("--data-dir", str(folder), "sync", "now", "--json")
    return time.perf_counter() - start, result


def ours(database: str | None, options: argparse.Namespace, base: Path) -> dict[str, float]:
    """Initial sync (records, then attachments) and a 100-change incremental sync through ``sync now``."""
    server = base / "server"
    extra = ["--database", database] if database else []
    cli("server", "init", str(server), *extra)
    (base / "pw").write_text("bench-password\n")
    cli("server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(base / "pw"),
        "--data-dir", str(server), *extra)
    a, b = base / "A", base / "B"
    cli("--data-dir", str(a), "stats")
    shutil.copytree(a, b)
    workspace = open_workspace(a)
    fill(workspace, options.questions, 0)
    workspace.close()
    process = bench_server._start(server, options.port + 1, database)
    proxy = CountingProxy(options.port + 1)
    try:
        for folder in (a, b):
            cli("--data-dir", str(folder), "sync", "login", f"http://127.0.0.1:{proxy.port}", "--user", "lan",
                "--password-file", str(base / "pw"))
        proxy.take()
        push_s, pushed = _timed_sync(a)
        push_bytes = proxy.take()
        pull_s, pulled = _timed_sync(b)
        pull_bytes = proxy.take()
        row(f"initial sync, 125 topics + {options.questions:,} questions: A pushes ({pushed['pushed']:,} revisions)"
            f" / B pulls ({pulled['pulled']:,})", f"{push_s:.1f} s ({mb(sum(push_bytes))}) / {pull_s:.1f} s "
            f"({mb(sum(pull_bytes))})")
        files = _attach(a, options.attachments_mb)
        proxy.take()
        up_s, up = _timed_sync(a)
        up_bytes = proxy.take()
        down_s, down = _timed_sync(b)
        down_bytes = proxy.take()
        row(f"initial sync, + {options.attachments_mb} MB attachments ({files} files): A pushes / B pulls "
            f"({up['blobs_out']} / {down['blobs_in']} blobs)", f"{up_s:.1f} s ({mb(sum(up_bytes))}) / "
            f"{down_s:.1f} s ({mb(sum(down_bytes))})")
        _edit_questions(a, 100)
        inc_push_s, inc = _timed_sync(a)
        inc_pull_s, inc_in = _timed_sync(b)
        inc_bytes = proxy.take()
        same = cli("--data-dir", str(a), "sync", "digest", "--json") == cli("--data-dir", str(b), "sync", "digest",
                                                                            "--json")
        row(f"incremental sync of 100 changes ({inc['pushed']} up, {inc_in['pulled']} down), A push + B pull, "
            "end to end", f"{inc_push_s + inc_pull_s:.2f} s ({inc_push_s:.2f} + {inc_pull_s:.2f}; "
            f"{mb(sum(inc_bytes))}; same digest: {same})", "≤ 1 s")
    finally:
        process.terminate()
        process.wait()
    return {"records_s": push_s + pull_s, "incremental_s": inc_push_s + inc_pull_s}


def anki(options: argparse.Namespace, mine: dict[str, float] | None) -> None:
    python = Path(options.anki_python)
    if not python.exists():
        row("peer: Anki sync server", f"not run ({python} absent: pip install anki into a separate venv)")
        return
    proxy = CountingProxy(options.port + 2)
    args = [str(python), str(ROOT / "bench" / "anki_peer.py"), "--notes", str(options.anki_notes),
            "--port", str(options.port + 2), "--endpoint", f"http://127.0.0.1:{proxy.port}/"]
    got = json.loads(subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT).stdout)
    up, down = proxy.take()
    full = got["full_upload_s"] + got["full_download_s"]
    incremental = got["incremental_push_s"] + got["incremental_pull_s"]
    row(f"peer: Anki sync server, {got['notes']:,} notes: full upload (A) + full download (B)",
        f"{got['full_upload_s']} s + {got['full_download_s']} s; whole run {mb(up + down)} on the wire",
        "ours faster", f"ours {mine['records_s']:.1f} s" if mine else "–",
        f"{mine['records_s'] / full:.2f}× Anki's time" if mine else "–")
    row(f"peer: Anki, 100 edited notes: A sync + B sync ({got['edited_seen_on_b']} seen on B)",
        f"{incremental:.3f} s", "ours faster", f"ours {mine['incremental_s']:.2f} s" if mine else "–",
        f"{mine['incremental_s'] / incremental:.2f}× Anki's time" if mine else "–")


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--revisions", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=50_000)
    parser.add_argument("--attachments-mb", type=int, default=500)
    parser.add_argument("--anki-notes", type=int, default=50_000)
    parser.add_argument("--anki-python", default=str(ROOT / ".anki-venv" / "bin" / "python"))
    parser.add_argument("--port", type=int, default=18790)
    parser.add_argument("--skip", nargs="*", default=[], choices=["load", "sqlite", "postgresql", "initial", "anki"])
    options = parser.parse_args()
    print(f"| machine load average at start | {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} / "
          f"{os.getloadavg()[2]:.1f} on {os.cpu_count()} cores | – | – | – |", flush=True)
    cluster = _postgres() if "postgresql" not in options.skip else None
    try:
        if "load" not in options.skip:
            if "sqlite" not in options.skip:
                load("SQLite", None, options)
            if cluster:
                load("PostgreSQL", cluster.new_database(), options)
        mine = None
        if "initial" not in options.skip:
            with tempfile.TemporaryDirectory(prefix="bench-province-") as folder:
                mine = ours(None, options, Path(folder))
        if "anki" not in options.skip:
            anki(options, mine)
    finally:
        if cluster:
            cluster.stop()
    print(f"| machine load average at end | {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} / "
          f"{os.getloadavg()[2]:.1f} | – | – | – |", flush=True)


def _postgres():
    from support.postgres import PgCluster, pg_bin

    bindir = pg_bin()
    if bindir is None:
        row("PostgreSQL", "not run (Debian's initdb absent)")
        return None
    cluster = PgCluster(bindir)
    cluster.start()
    return cluster


if __name__ == "__main__":
    main_bench()
