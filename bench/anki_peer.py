"""The peer of bench_province.py: Anki's own sync server carrying an N-note collection (run with Anki's Python).

Anki is not a dependency of this project: install it into a separate venv
(``python3 -m venv .anki-venv && .anki-venv/bin/pip install anki``) and run

    .anki-venv/bin/python bench/anki_peer.py --notes 50000 --port 27701

It starts ``python -m anki.syncserver`` on 127.0.0.1, builds a collection of
N Basic notes, and times: the full upload of device A, the full download of
a new device B (the "initial sync" of a second machine), then 100 notes
edited on A and the two normal syncs that carry them (A up, B down).  Prints
one JSON object.  Bytes on the wire are counted by the caller's proxy when
``--endpoint`` points through one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from anki.collection import Collection


def start_server(folder: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "SYNC_USER1": "bench:bench-password", "SYNC_BASE": str(folder), "SYNC_HOST": "127.0.0.1",
           "SYNC_PORT": str(port), "RUST_LOG": "error"}
    process = subprocess.Popen([sys.executable, "-m", "anki.syncserver"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("anki.syncserver did not start")


def build(path: Path, notes: int) -> Collection:
    col = Collection(str(path))
    model = col.models.by_name("Basic")
    deck = col.decks.id("Bench")
    batch = []
    for number in range(notes):
        note = col.new_note(model)
        note["Front"] = f"Câu hỏi {number}: nội dung chính trị, lịch sử Đảng, tư tưởng Hồ Chí Minh?"
        note["Back"] = f"Đáp án {number}: A. phương án thứ nhất; B. phương án thứ hai; C. thứ ba; D. thứ tư"
        batch.append(note)
    from anki.collection import AddNoteRequest

    col.add_notes([AddNoteRequest(note=n, deck_id=deck) for n in batch])
    return col


def full_sync(col: Collection, auth, upload: bool) -> None:
    """As Anki's desktop does it: close, replace one side wholesale, reopen."""
    col.close_for_full_sync()
    col.full_upload_or_download(auth=auth, server_usn=None, upload=upload)
    col.reopen(after_full_sync=True)


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run(notes: int, port: int, endpoint: str | None) -> dict[str, object]:
    base = Path(tempfile.mkdtemp(prefix="bench-anki-"))
    server = start_server(base / "server", port)
    url = endpoint or f"http://127.0.0.1:{port}/"
    try:
        a = build(base / "a.anki2", notes)
        auth = a.sync_login("bench", "bench-password", url)
        a.sync_collection(auth, False)
        upload_s, _ = timed(lambda: full_sync(a, auth, upload=True))
        b = Collection(str(base / "b.anki2"))
        b.sync_collection(auth, False)
        download_s, _ = timed(lambda: full_sync(b, auth, upload=False))
        downloaded = b.note_count()
        for note_id in list(a.find_notes(""))[:100]:
            note = a.get_note(note_id)
            note["Back"] += " (đã sửa)"
            a.update_note(note)
        push_s, pushed = timed(lambda: a.sync_collection(auth, False))
        pull_s, pulled = timed(lambda: b.sync_collection(auth, False))
        edited = len(b.find_notes("đã sửa"))
        a.close()
        b.close()
    finally:
        server.terminate()
        server.wait()
    return {"notes": notes, "full_upload_s": round(upload_s, 2), "full_download_s": round(download_s, 2),
            "downloaded_notes": downloaded, "incremental_push_s": round(push_s, 3),
            "incremental_pull_s": round(pull_s, 3), "edited_seen_on_b": edited,
            "push_required": int(pushed.required), "pull_required": int(pulled.required),
            "collection_bytes": (base / "a.anki2").stat().st_size}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--port", type=int, default=27701)
    parser.add_argument("--endpoint", help="the URL clients use (e.g. through a byte-counting proxy)")
    options = parser.parse_args()
    print(json.dumps(run(options.notes, options.port, options.endpoint)))
