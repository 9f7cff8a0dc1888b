"""What the sync after a snapshot download cut by the line costs: base and this checkout, interleaved.

Per round and checkout: a real ``server run`` (that checkout) on 127.0.0.1,
machine A pushes TOPICS topics of 4,000 characters (past the server's
SNAPSHOT_MIN, so a new machine is offered a snapshot of several MB), machine
B logs in through tests/support's stalling proxy, its first ``sync now`` is
cut after 40 % of the snapshot file (the proxy hangs up), then its next
``sync now`` runs with the line good.  Prints, for that next sync: whether it
took the snapshot, the bytes that reached B, its wall and CPU seconds, the
snapshot parts left in B's ``sync/``, and whether A and B's digests agree:

    python bench/snapshot_cut_resume.py BASE_CHECKOUT THIS_CHECKOUT ROUNDS
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.server_process import start_server  # noqa: E402
from support.postgres import free_port  # noqa: E402
from support.stalling_proxy import StallingProxy  # noqa: E402

TOPICS = 1_100
SEED = """
import os, sys
from lecturer_app.core.model import Topic
from lecturer_app.core.workspace import open_workspace
from pathlib import Path
w = open_workspace(Path(sys.argv[1]))
w.store.save_many([Topic(code=f"A-{n}", title=f"Chuyên đề {n}", legal_basis=os.urandom(2000).hex())
                   for n in range(int(sys.argv[2]))])
w.close()
"""


def _cli(checkout: Path, folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lecturer_app", "--data-dir", str(folder), *args],
                          env={**os.environ, "PYTHONPATH": str(checkout)}, capture_output=True, text=True,
                          check=check, cwd=checkout)  # not this folder: ``-m`` looks in the working folder first


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one(checkout: Path, shipped: Path, work: Path) -> dict:
    server_dir, password = work / "server", work / "pw"
    password.write_text("mat-khau-dai-1\n", encoding="utf-8")
    _cli(checkout, server_dir, "server", "init", str(server_dir), "--name", "Đo", "--password-file", str(password))
    subprocess.run([sys.executable, "-m", "lecturer_app", "server", "user", "add", "lan", "--role", "giang_vien",
                    "--password-file", str(password), "--data-dir", str(server_dir)],
                   env={**os.environ, "PYTHONPATH": str(checkout)}, check=True, capture_output=True, cwd=checkout)
    port = free_port()
    server = start_server(server_dir, port, checkout=checkout)
    proxy = StallingProxy(port)
    try:
        a, b = work / "A", work / "B"
        shutil.copytree(shipped, a)
        shutil.copytree(shipped, b)
        url = f"http://127.0.0.1:{port}"
        _cli(checkout, a, "sync", "login", url, "--user", "lan", "--password-file", str(password))
        subprocess.run([sys.executable, "-c", SEED, str(a), str(TOPICS)],
                       env={**os.environ, "PYTHONPATH": str(checkout)}, check=True, cwd=checkout)
        _cli(checkout, a, "sync", "now")
        token = httpx.post(url + "/v1/login", json={"user": "lan", "password": "mat-khau-dai-1"}).json()["token"]
        manifest = httpx.get(url + "/v1/snapshot", headers={"Authorization": f"Bearer {token}"}, timeout=600).json()
        _cli(checkout, b, "sync", "login", proxy.url, "--user", "lan", "--password-file", str(password))
        proxy.stall_at(b"GET /v1/snapshot/", answer_bytes=manifest["size"] * 2 // 5)
        first = subprocess.Popen([sys.executable, "-m", "lecturer_app", "--data-dir", str(b), "sync", "now"],
                                 env={**os.environ, "PYTHONPATH": str(checkout)}, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True, cwd=checkout)
        assert proxy.stalled.wait(300), "the proxy never saw the download"
        time.sleep(0.5)
        proxy.pass_all()  # the line drops
        _out, first_err = first.communicate(timeout=300)
        asked = json.loads((b / "sync" / "server.json").read_text(encoding="utf-8")).get("snapshot_asked", "")
        kept = sum(p.stat().st_size for p in (b / "sync").glob(".snapshot-*"))
        before, wall, cpu = proxy.answered, time.perf_counter(), _children_cpu()
        report = json.loads(_cli(checkout, b, "sync", "now", "--json").stdout)
        result = {"snapshot": report["snapshot"], "pulled": report["pulled"], "received": proxy.answered - before,
                  "wall": time.perf_counter() - wall, "cpu": _children_cpu() - cpu, "size": manifest["size"],
                  "kept": kept, "asked_after_cut": asked, "parts_left": len(list((b / "sync").glob(".snapshot-*")))}
        _cli(checkout, a, "sync", "now")
        result["digests_agree"] = (_cli(checkout, a, "sync", "digest", "--json").stdout
                                   == _cli(checkout, b, "sync", "digest", "--json").stdout)
        result["check_clean"] = _cli(checkout, b, "check", check=False).returncode == 0
        return result
    finally:
        proxy.close()
        server.terminate()
        server.wait(60)


def main(base: Path, this: Path, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        shipped = Path(folder) / "shipped"
        _cli(this, shipped, "stats")
        for number in range(rounds):
            order = (("base", base), ("this", this)) if number % 2 == 0 else (("this", this), ("base", base))
            for side, checkout in order:
                work = Path(folder) / f"{side}-{number}"
                work.mkdir()
                print(side, json.dumps(one(checkout, shipped, work)), flush=True)
                shutil.rmtree(work)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
