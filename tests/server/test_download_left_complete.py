"""A download whose bytes all arrived before the app stopped (killed, the line cut before the end of the answer)
is finished by the next sync, not refused by the server for asking a range past the end.

The kept part of a blob download is ``.partial-<sha256>`` beside the blob; the next sync asks the rest with
``Range: bytes=<size>-``.  When the part already holds every byte, that range lies outside the file and the server
answers 416: before, every later sync stopped there with «Máy chủ từ chối (416)» and the file never arrived.
The same holds for an empty file, which has no first byte to ask for.
"""

from __future__ import annotations

import os

from tests.support.attached_file import attached


def _both_logged_in(server, make_peer):
    password = server.add_user("lan", "giang_vien")
    a, b = make_peer("A"), make_peer("B")
    for peer in (a, b):
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    return a, b


def test_a_download_left_complete_is_finished_by_the_next_sync(server, make_peer):
    a, b = _both_logged_in(server, make_peer)
    data = os.urandom(2 << 20)
    sha = attached(a, data)
    assert a.json("sync", "now")["blobs_out"] == 1
    with b.workspace() as workspace:
        final = workspace.blobs.path(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    final.with_name(f".partial-{sha}").write_bytes(data)  # every byte arrived; the app stopped before keeping it

    report = b.json("sync", "now")

    assert report["blobs_in"] == 1 and final.read_bytes() == data
    assert not final.with_name(f".partial-{sha}").exists()


def test_a_complete_part_with_other_bytes_is_fetched_again_whole(server, make_peer):
    a, b = _both_logged_in(server, make_peer)
    data = os.urandom(1 << 20)
    sha = attached(a, data)
    a.json("sync", "now")
    with b.workspace() as workspace:
        final = workspace.blobs.path(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    final.with_name(f".partial-{sha}").write_bytes(bytes(len(data)))

    b.json("sync", "now")  # the wrong part is dropped; the file is still missing here
    b.json("sync", "now")  # and fetched whole

    assert final.read_bytes() == data


def test_an_empty_attached_file_reaches_the_other_machine(server, make_peer):
    a, b = _both_logged_in(server, make_peer)
    sha = attached(a, b"")
    a.json("sync", "now")

    b.json("sync", "now")

    with b.workspace() as workspace:
        assert workspace.blobs.has(sha) and workspace.blobs.path(sha).read_bytes() == b""
