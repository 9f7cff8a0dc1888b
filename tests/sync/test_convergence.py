"""Convergence (sync.md §4.1–4.4, issue #13 item 9): a hypothesis state machine of 3–5 replicas.

Replicas create, edit (the same or different fields), delete, restore and
resolve topics, attach files, and exchange bundles delivered at random: duplicated,
reordered, dropped and relayed (a replica's bundle carries what it received).
After a final exchange every replica has the same revisions, heads, digest
and read tables, and every revision made anywhere is present everywhere.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from lecturer_app.core.model import Attachment, Topic
from lecturer_app.core.workspace import open_workspace
from lecturer_app.sync.bundle_export import export_bundle
from lecturer_app.sync.bundle_import import import_bundle
from lecturer_app.sync.device import open_device
from lecturer_app.sync.digest import sync_digest

TITLES = st.sampled_from(["Một", "Hai", "Ba", "Bốn"])


class Replica:
    def __init__(self, folder: Path) -> None:
        self.workspace = open_workspace(folder, import_shipped_bank=False)
        self.device = open_device(folder, self.workspace.store)

    @property
    def store(self):
        return self.workspace.store

    def live(self) -> list[str]:
        return [row[0] for row in self.store.db.execute("SELECT id FROM records WHERE deleted = 0 ORDER BY id")]

    def state(self) -> tuple:
        db = self.store.db
        return (sync_digest(db),
                db.execute("SELECT record_id, rev_id FROM heads ORDER BY 1, 2").fetchall(),
                db.execute("SELECT id, body FROM topics ORDER BY id").fetchall(),
                db.execute("SELECT id, head_rev, deleted, conflict FROM records ORDER BY id").fetchall())


class Exchange(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sync-convergence-"))
        self.replicas: list[Replica] = []
        self.bundles: list[Path] = []
        self.minted: set[str] = set()

    @initialize(count=st.integers(3, 5))
    def start(self, count: int) -> None:
        self.replicas = [Replica(self.root / f"r{n}") for n in range(count)]

    def _pick(self, data, index: int) -> Replica:
        return self.replicas[index % len(self.replicas)]

    def _note(self, rev) -> None:
        if rev is not None:
            self.minted.add(rev.rev_id)

    @rule(index=st.integers(0, 4), title=TITLES)
    def create(self, index: int, title: str) -> None:
        self._note(self._pick(None, index).store.save(Topic(code=title, title=title)))

    @rule(index=st.integers(0, 4), content=st.binary(min_size=1, max_size=64))
    def attach(self, index: int, content: bytes) -> None:
        replica = self._pick(None, index)
        sha = replica.workspace.blobs.put_bytes(content)
        self._note(replica.store.save(Attachment(owner_id="t", sha256=sha, size=len(content), filename="tệp.bin")))

    @rule(index=st.integers(0, 4), which=st.integers(0, 50), title=TITLES, periods=st.integers(1, 3),
          field=st.sampled_from(["title", "periods", "both"]))
    def edit(self, index: int, which: int, title: str, periods: int, field: str) -> None:
        replica = self._pick(None, index)
        live = [rid for rid in replica.live() if replica.store.record_type(rid) == "topic"]
        if not live:
            return
        topic = replica.store.require(Topic, live[which % len(live)])
        if field in ("title", "both"):
            topic.title = title
        if field in ("periods", "both"):
            topic.periods = periods
        self._note(replica.store.save(topic))

    @rule(index=st.integers(0, 4), which=st.integers(0, 50))
    def delete(self, index: int, which: int) -> None:
        replica = self._pick(None, index)
        live = replica.live()
        if live:
            self._note(replica.store.delete(live[which % len(live)]))

    @rule(index=st.integers(0, 4), which=st.integers(0, 50))
    def restore_or_resolve(self, index: int, which: int) -> None:
        """Take an older revision (a restore after a delete, or one side of a conflict) as a new one."""
        replica = self._pick(None, index)
        ids = [row[0] for row in replica.store.db.execute("SELECT id FROM records ORDER BY id")]
        if not ids:
            return
        record_id = ids[which % len(ids)]
        older = [rev for rev in replica.store.history(record_id) if not rev.deleted]
        if older:
            self._note(replica.store.restore(record_id, older[which % len(older)].rev_id))

    @rule(index=st.integers(0, 4))
    def export(self, index: int) -> None:
        path = self.root / f"b{len(self.bundles)}.lbb"
        replica = self._pick(None, index)
        export_bundle(replica.device, replica.workspace.blobs, path)
        self.bundles.append(path)

    @precondition(lambda self: self.bundles)
    @rule(which=st.integers(0, 200), index=st.integers(0, 4))
    def deliver(self, which: int, index: int) -> None:
        """Any bundle, to any replica, any number of times (later ones relay what earlier ones brought)."""
        replica = self._pick(None, index)
        import_bundle(replica.device, replica.workspace.blobs, self.bundles[which % len(self.bundles)],
                      trust_new=True)

    @invariant()
    def every_replica_is_consistent(self) -> None:
        for replica in self.replicas:
            assert replica.store.db.execute("SELECT COUNT(*) FROM heads WHERE rev_id NOT IN "
                                            "(SELECT rev_id FROM revisions)").fetchone()[0] == 0

    def teardown(self) -> None:
        try:
            if self.replicas:
                self._final_exchange()
        finally:
            for replica in self.replicas:
                replica.workspace.close()
            shutil.rmtree(self.root, ignore_errors=True)

    def _final_exchange(self) -> None:
        for round_ in range(2):  # the second round carries the merges the first one made
            finals = []
            for number, replica in enumerate(self.replicas):
                path = self.root / f"final-{round_}-{number}.lbb"
                export_bundle(replica.device, replica.workspace.blobs, path)
                finals.append(path)
            for replica in self.replicas:
                for path in finals:
                    report = import_bundle(replica.device, replica.workspace.blobs, path, trust_new=True)
                    assert not report.rejected
        states = [replica.state() for replica in self.replicas]
        assert all(state == states[0] for state in states[1:])
        for replica in self.replicas:
            have = {row[0] for row in replica.store.db.execute("SELECT rev_id FROM revisions")}
            assert self.minted <= have
            for (sha,) in replica.store.db.execute("SELECT sha256 FROM attachments"):
                assert replica.workspace.blobs.verify(sha)


Exchange.TestCase.settings = settings(max_examples=12, stateful_step_count=25, deadline=None,
                                      suppress_health_check=[HealthCheck.too_slow])
test_replicas_exchanging_bundles_converge = Exchange.TestCase
