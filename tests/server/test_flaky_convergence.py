"""Three app replicas, the server behind a loopback proxy that drops and delays connections at random,
and one bundle by USB on the side: after the final exchange every replica has the same state (sync.md §4.1-4.2)."""

from __future__ import annotations

import random
import socket
import threading
import time

from lecturer_app.core.model import Topic


class FlakyProxy:
    """127.0.0.1 proxy to *port*: each connection is, with probability *drop*, cut after a random byte count."""

    def __init__(self, port: int, seed: int, drop: float = 0.35) -> None:
        self.target = port
        self.random = random.Random(seed)
        self.drop = drop
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.cut = 0
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            budget = self.random.randint(200, 60_000) if self.random.random() < self.drop else None
            delay = self.random.choice((0, 0, 0.01, 0.05))
            self.open += [client, upstream]
            state = {"budget": budget}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink, state, delay), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, state: dict, delay: float) -> None:
        try:
            while data := source.recv(16384):
                time.sleep(delay)
                if state["budget"] is not None:
                    state["budget"] -= len(data)
                    if state["budget"] < 0:
                        self.cut += 1
                        break
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self) -> None:
        self.listener.close()
        for sock in self.open:
            sock.close()


def _until_ok(peer, *args: str, tries: int = 40) -> None:
    for _attempt in range(tries):
        code, _out, err = peer.run(*args)
        if code == 0:
            return
        assert "máy chủ" in err.lower() or "kết nối" in err.lower(), err  # offline, never a crash
    raise AssertionError(f"{args} never got through")


def test_three_replicas_through_a_flaky_connection_and_a_usb_bundle_converge(server, make_peer, tmp_path):
    password = server.add_user("lan", "giang_vien")
    proxy = FlakyProxy(server.port, seed=14)
    try:
        peers = [make_peer(name) for name in ("A", "B", "C")]
        for peer in peers:
            _until_ok(peer, "sync", "login", proxy.url, "--user", "lan", "--password-file", password)
        rng = random.Random(7)
        for round_number in range(3):
            for peer in peers:
                with peer.workspace() as workspace:
                    for number in range(rng.randint(1, 4)):
                        data = f"tệp {peer.folder.name}-{round_number}-{number}".encode() * rng.randint(1, 4000)
                        sha = workspace.blobs.put_bytes(data)
                        workspace.store.save(Topic(code=f"{peer.folder.name}-{round_number}-{number}",
                                                   title="Chuyên đề", extra={"file": {"sha256": sha}}))
                _until_ok(peer, "sync", "now")
        peers[2].ok("bundle", "export", "-o", str(tmp_path / "c.lbb"))
        peers[0].ok("bundle", "import", str(tmp_path / "c.lbb"))
        for _final in range(2):
            for peer in peers:
                _until_ok(peer, "sync", "now")
        digests = [peer.json("sync", "digest") for peer in peers]
        assert digests[0] == digests[1] == digests[2]
        with peers[0].workspace() as workspace:
            referenced = {t.extra["file"]["sha256"] for t in workspace.store.select(Topic) if "file" in t.extra}
        for peer in peers:
            with peer.workspace() as workspace:
                assert all(workspace.blobs.verify(sha) for sha in referenced)
        assert proxy.cut > 0  # the connection really did drop
    finally:
        proxy.close()
