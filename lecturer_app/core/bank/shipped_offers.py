"""What the shipped bank offers a topic (docs/design/sync.md § "Official versions"), read once per bank.

Every topic page asks whether the bank shipped with the app has newer content
for its records.  Reading the bank folder (about 1,400 records parsed and
hashed, ~50 ms of CPU in pure Python) for every page opened held the GIL on a
worker thread while the page was being built, doubling the step's wall time.
The folder belongs to the installed app and does not change while it runs,
so ``ShippedBank`` reads it once, keeps its revisions by topic, and reads it
again only when its ``bank.toml`` changed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.revisions import Revision


class ShippedBank:
    """A shipped bank folder's revisions by the topic they belong to; safe to share between threads.

    *folder* None: the bank shipped with the app (``core/resources.py``), looked up when first read, so a
    broken installation fails the read that needs it, not whoever makes this object.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._by_topic: dict[str, list[Revision]] = {}

    def revisions_of(self, topic_id: str) -> list[Revision]:
        """The bank's revisions of the topic and of the records in it (read now if not read yet)."""
        with self._lock:  # a second thread asking meanwhile waits for the one reading, without the GIL
            if self.folder is None:
                from lecturer_app.core.resources import bank_path

                self.folder = bank_path()
            info = (self.folder / "bank.toml").stat()
            stamp = (info.st_mtime_ns, info.st_size)
            if stamp != self._stamp:
                self._by_topic, self._stamp = _by_topic(self.folder), stamp
            return list(self._by_topic.get(topic_id, ()))

    def offers(self, store: Store, topic_id: str) -> list[Revision]:
        """The bank's revisions of the topic's records that *store* does not have although it has the record."""
        return [rev for rev in self.revisions_of(topic_id) if is_offered(store, rev)]


def is_offered(store: Store, rev: Revision) -> bool:
    """A shipped revision not here whose record is here with other content (the same content: nothing to offer)."""
    if store.log.get(rev.rev_id) is not None:
        return False
    heads = store.log.heads(rev.record_id)
    return bool(heads) and not (len(heads) == 1 and heads[0].body == rev.body and not heads[0].deleted)


def _by_topic(folder: Path) -> dict[str, list[Revision]]:
    """Each revision under every topic it belongs to: its own record (a topic), its topic_id and its topic_ids."""
    from lecturer_app.core.bank.shipped_import import shipped_revisions

    found: dict[str, list[Revision]] = {}
    for rev in shipped_revisions(folder)[1]:
        body = rev.body
        for topic_id in dict.fromkeys((rev.record_id, body.get("topic_id"), *body.get("topic_ids", ()))):
            if topic_id:
                found.setdefault(str(topic_id), []).append(rev)
    return found
