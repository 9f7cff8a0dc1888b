"""A server's own files edited by hand or brought from elsewhere (``server.json``, a backup) are read by the
app's bounded JSON reader: a hostile one stops ``server run`` / ``server restore`` with one Vietnamese sentence
naming the file, never a traceback or a server half started.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from lecturer_app.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEEP = 100_000
HOSTILE_CONFIGS = {
    "NaN": (b'{"kind": "server", "name": NaN, "database": null}', "NaN"),
    "Infinity": (b'{"kind": "server", "name": "x", "port": Infinity, "database": null}', "Infinity"),
    "nested past the limit": (b'{"name": ' + b"[" * DEEP + b"]" * DEEP + b"}", "lồng nhau quá sâu"),
    "5000 digits": (b'{"name": "x", "database": null, "n": 1' + b"0" * 5000 + b"}", "5001 chữ số"),
    "an array": (b"[1, 2, 3]", "không phải tệp cấu hình máy chủ"),
    "a number for the database": (b'{"kind": "server", "name": "x", "database": 5}', "không phải tệp cấu hình máy chủ"),
    "not UTF-8": (b'{"name": "\xff"}', "không phải UTF-8"),
}


def _initialised(folder: Path) -> Path:
    password = folder.parent / "admin.pw"
    password.write_text("quan-tri-mat-khau\n", encoding="utf-8")
    assert main(["server", "init", str(folder), "--name", "Máy chủ thử", "--password-file", str(password)],
                out=io.StringIO()) == 0
    return folder


@pytest.mark.parametrize("what", sorted(HOSTILE_CONFIGS))
def test_server_run_with_a_hostile_config_file_stops_with_a_vietnamese_sentence_naming_it(tmp_path, what):
    folder = _initialised(tmp_path / "server")
    content, reason = HOSTILE_CONFIGS[what]
    (folder / "server.json").write_bytes(content)
    from support.postgres import free_port

    run = subprocess.run([sys.executable, "-m", "lecturer_app", "server", "run", "--data-dir", str(folder),
                          "--port", str(free_port())], env={**os.environ, "PYTHONPATH": str(ROOT)},
                         capture_output=True, timeout=120)
    err = run.stderr.decode("utf-8")
    assert run.returncode != 0 and "Traceback" not in err, err[-2000:]
    assert str(folder / "server.json") in err and reason in err, err[-2000:]
    assert "Máy chủ đồng bộ chạy tại" not in run.stdout.decode("utf-8")  # never said to be running


def _backup_with(server, tmp_path: Path, member: str, content: bytes) -> Path:
    """The server's real backup with *member* replaced by *content*."""
    original = tmp_path / "that.tar"
    server.cli("server", "backup", "-o", str(original))
    changed = tmp_path / "changed.tar"
    with tarfile.open(original) as source, tarfile.open(changed, "w") as target:
        for info in source.getmembers():
            data = content if info.name == member else (source.extractfile(info).read() if info.isfile() else None)
            if data is not None:
                info.size = len(data)
                target.addfile(info, io.BytesIO(data))
            else:
                target.addfile(info)
    return changed


@pytest.mark.parametrize(("member", "content", "reason"), [
    ("server.json", b'{"name": NaN}', "NaN"),
    ("server.json", b'{"name": ' + b"[" * DEEP + b"]" * DEEP + b"}", "lồng nhau quá sâu"),
    ("tables/meta.jsonl", b'["server_id", "x"]\n["epoch", 1e999]\n', "1e999"),
    ("tables/users.jsonl", b"[" * DEEP + b"]" * DEEP + b"\n", "lồng nhau quá sâu"),
    ("tables/acks.jsonl", b'{"fingerprint": "f"}\n', "không phải tệp sao lưu máy chủ"),
])
def test_a_backup_with_hostile_json_is_refused_naming_the_file_and_restores_nothing(server, tmp_path, member,
                                                                                    content, reason):
    backup = _backup_with(server, tmp_path, member, content)
    target = tmp_path / "restored"
    out, err = io.StringIO(), io.StringIO()
    code = main(["server", "restore", str(backup), str(target)], out=out, err=err)
    assert code != 0 and "Traceback" not in err.getvalue(), err.getvalue()[-2000:]
    assert f"{backup} ({member}" in err.getvalue() and reason in err.getvalue(), err.getvalue()[-2000:]
    assert not target.exists()  # nothing written: the folder is still free to restore a good backup into
    good = tmp_path / "that.tar"
    assert main(["server", "restore", str(good), str(target)], out=io.StringIO()) == 0
