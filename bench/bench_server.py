"""Load test of the province server on 127.0.0.1 (issue #14 item 8, the part measured so far).

N simulated clients, each with its own device key enrolled by the server,
push R signed revisions in batches of 100 (revs/missing first, as the app
does) and then pull the feed from their cursor, all at once from threads.
Reports errors, p50/p95 request latency and revisions accepted per second,
for SQLite and (when ``--database`` is given) PostgreSQL:

    python bench/bench_server.py --clients 50 --revisions 200
    python bench/bench_server.py --clients 50 --revisions 200 --database postgresql://…
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.server_process import start_server  # noqa: E402
from lecturer_app.cli import main  # noqa: E402
from lecturer_app.core.store.revisions import Revision  # noqa: E402
from lecturer_app.sync.keys import DeviceKey, b64  # noqa: E402
from lecturer_app.sync.trust import make_request  # noqa: E402


def _start(folder: Path, port: int, database: str | None) -> subprocess.Popen:
    return start_server(folder, port, database)


class Client:
    def __init__(self, url: str, number: int, revisions: int) -> None:
        self.http = httpx.Client(base_url=url, timeout=120)
        token = self.http.post("/v1/login", json={"user": "bench", "password": "bench-password"}).json()["token"]
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.key = DeviceKey.generate()
        replica = str(uuid.uuid4())
        cert = self.http.post("/v1/enroll", json={"request": make_request(self.key, replica, f"c{number}")}).json()
        self.cert = cert["certificate"]
        self.items = []
        for seq in range(1, revisions + 1):
            rev = Revision.create(record_id=str(uuid.uuid4()), type="topic", parents=(), generation=1,
                                  body={"code": f"B{number}-{seq}", "title": f"Chuyên đề {number}.{seq}"},
                                  deleted=False, author="bench", device=replica, hlc=f"{seq:013d}-0000",
                                  origin_replica=replica, origin_seq=seq)
            self.items.append({"rev": rev.to_json(), "sig": {"signer": self.key.fingerprint,
                                                            "signature": b64(self.key.sign(rev.rev_id.encode()))}})
        self.latencies: list[float] = []
        self.errors = 0
        self.accepted = 0
        self.pulled = 0
        self.failure = ""

    def _call(self, method: str, path: str, **kwargs):
        start = time.perf_counter()
        answer = self.http.request(method, path, **kwargs)
        self.latencies.append(time.perf_counter() - start)
        if answer.status_code >= 400:
            self.errors += 1
        return answer

    def run(self, pull: int | None = None) -> None:
        """:meth:`exchange`; a request that fails outright (timeout, connection reset) is an error too."""
        try:
            self.exchange(pull)
        except httpx.HTTPError as exc:
            self.errors += 1
            self.failure = f"{type(exc).__name__}: {exc}"

    def exchange(self, pull: int | None = None) -> None:
        """Push every revision, then pull the feed from 0 (all of it, or about *pull* revisions)."""
        for start in range(0, len(self.items), 100):
            batch = self.items[start:start + 100]
            lacking = set(self._call("POST", "/v1/revs/missing",
                                     json={"rev_ids": [i["rev"]["rev_id"] for i in batch]}).json()["missing"])
            send = [i for i in batch if i["rev"]["rev_id"] in lacking]
            results = self._call("POST", "/v1/revs", json={"items": send}).json()["results"]
            self.accepted += sum(r["status"] == "ok" for r in results)
            self.errors += sum(r["status"] not in ("ok", "exists") for r in results)
        cursor, more = 0, True
        while more and (pull is None or self.pulled < pull):
            size = {"limit": min(pull - self.pulled, 1000)} if pull else {}
            page = self._call("GET", "/v1/changes", params={"since": cursor, **size}).json()
            cursor, more = page["next"], page["more"]
            self.pulled += len(page["items"])


def run(clients: int, revisions: int, database: str | None, port: int, pull: int | None = None) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="bench-server-")) / "server"
    extra = ["--database", database] if database else []
    main(["server", "init", str(folder), *extra], out=io.StringIO())
    password = folder.parent / "pw"
    password.write_text("bench-password\n")
    main(["server", "user", "add", "bench", "--role", "giang_vien", "--password-file", str(password),
          "--data-dir", str(folder), *extra], out=io.StringIO())
    process = _start(folder, port, database)
    try:
        simulated = [Client(f"http://127.0.0.1:{port}", n, revisions) for n in range(clients)]
        threads = [threading.Thread(target=c.run, args=(pull,)) for c in simulated]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
    finally:
        process.terminate()
        process.wait()
    latencies = sorted(x for c in simulated for x in c.latencies)
    return {"clients": clients, "revisions_each": revisions, "seconds": round(elapsed, 2),
            "errors": sum(c.errors for c in simulated), "accepted": sum(c.accepted for c in simulated),
            "revisions_per_s": round(sum(c.accepted for c in simulated) / elapsed, 1),
            "pulled": sum(c.pulled for c in simulated),
            "failures": sorted({c.failure for c in simulated if c.failure})[:3],
            "p50_ms": round(1000 * statistics.median(latencies), 1),
            "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--revisions", type=int, default=200)
    parser.add_argument("--database")
    parser.add_argument("--port", type=int, default=18765)
    options = parser.parse_args()
    print(run(options.clients, options.revisions, options.database, options.port))
