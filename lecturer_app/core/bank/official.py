"""Official (chính thức) versions of a topic, and adopting them (docs/design/sync.md § "Official versions").

A province editor marks a topic official with an ``official_mark`` record:
for each of the topic's records, the revision declared official.  The mark
is an ordinary revision (signed, carried by the server and USB bundles);
only a certificate with the ``official`` scope may sign it, which the sync
layer checks (``sync/revision_trust.py``, the server).  A new shipped bank
is official content too: records the lecturer changed keep their work and
the bank's new revision is offered the same way (``core/bank/bank_upgrade.py``).

Here, headless: what differs between the official content and what this
replica shows (``official_status``), and adopting it (``adopt_official``):
per record, a revision whose parents are every local head and the official
revision, with the official body.  The lecturer's drafts stay in history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.bank.shipped_offers import ShippedBank, is_offered
from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import OfficialMark
from lecturer_app.core.store import summaries
from lecturer_app.core.store.ids import bank_record_id
from lecturer_app.core.store.record_store import RecordNotFound, Store
from lecturer_app.core.store.revisions import Revision
from lecturer_app.i18n import _

ADOPT_SUMMARY = "Áp dụng bản chính thức"  # hashed into the revision: the same text on every machine
# Read tables of the records that make up a topic besides the topic itself.
_MEMBERS = (
    "SELECT id FROM written_plans WHERE topic_id = ?1 UNION ALL SELECT id FROM plan_sections WHERE topic_id = ?1 "
    "UNION ALL SELECT id FROM slide_decks WHERE topic_id = ?1 UNION ALL SELECT id FROM slides WHERE topic_id = ?1 "
    "UNION ALL SELECT question_id FROM question_topics WHERE topic_id = ?1 "
    "UNION ALL SELECT id FROM attachments WHERE owner_id = ?1")


@dataclass(frozen=True)
class OfficialUpdate:
    """One record whose official content differs from what this replica shows."""

    record_id: str
    official: Revision
    shown: Revision | None
    source: str  # "official" (an editor's mark) or "bank" (a new shipped bank)
    drafts: tuple[Revision, ...] = ()  # this replica's heads whose content differs from the official one

    @property
    def label(self) -> str:
        body = self.official.body
        return str(body.get("heading") or body.get("title") or body.get("stem") or body.get("filename") or "")

    @property
    def newer(self) -> bool:
        """True when the official revision is not in what is shown (an update), False for a later local draft."""
        return self.shown is None or self.official.rev_id not in self.shown.parents


@dataclass
class OfficialStatus:
    topic_id: str
    mark: Revision | None = None  # the displayed revision of the topic's official mark
    updates: list[OfficialUpdate] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # official revisions not received yet

    @property
    def is_official(self) -> bool:
        """The topic shows exactly its official content."""
        return self.mark is not None and not self.updates and not self.missing

    def to_json(self) -> dict[str, object]:
        mark = self.mark
        return {"topic_id": self.topic_id, "official": self.is_official,
                "marked_by": mark.author if mark else None, "marked_at": mark.hlc[:19] if mark else None,
                "note": mark.body.get("note", "") if mark else None, "missing": self.missing,
                "updates": [{"record_id": u.record_id, "type": u.official.type, "label": u.label,
                             "source": u.source, "newer": u.newer} for u in self.updates]}


def mark_id(topic_id: str) -> str:
    """The id of a topic's official mark: the same on every machine, so all markings are one record's history."""
    return bank_record_id(topic_id, "official_mark", "")


def topic_member_ids(store: Store, topic_id: str) -> list[str]:
    """The topic and its live plan, sections, deck, slides, questions and attachments."""
    rows = store.db.execute(_MEMBERS, [topic_id]).fetchall()
    return [topic_id, *dict.fromkeys(row[0] for row in rows)]


class ConflictBlocksMarking(UserFacingError):
    """A record of the topic is in conflict: what would be marked official is not one version."""

    def __str__(self) -> str:
        return _("Bản ghi {id} đang có xung đột; hãy giải quyết trước khi đánh dấu chính thức.").format(
            id=self.args[0])


def mark_official(store: Store, topic_id: str, note: str = "") -> Revision | None:
    """Record the topic's current content as official (None: it already is).  The caller checks the scope."""
    if store.record_type(topic_id) != "topic":
        raise RecordNotFound(topic_id)
    with store.transaction():
        revisions = {}
        for record_id in topic_member_ids(store, topic_id):
            heads = store.log.heads(record_id)
            if len(heads) > 1:
                raise ConflictBlocksMarking(record_id)
            revisions[record_id] = heads[0].rev_id
        mark = OfficialMark(id=mark_id(topic_id), topic_id=topic_id, revisions=revisions, note=note)
        return store.save(mark, summary=summaries.MARK_OFFICIAL)


def official_status(store: Store, topic_id: str, bank_folder: Path | None = None,
                    offers: list[Revision] | None = None) -> OfficialStatus:
    """Official content of *topic_id* against what this replica shows.

    *bank_folder*: also offer that bank's revisions of the topic (or *offers*, the ones already read).
    """
    status = OfficialStatus(topic_id)
    heads = store.log.heads(mark_id(topic_id))
    if heads and not heads[0].deleted:
        status.mark = heads[0]
        for _record_id, rev_id in sorted(heads[0].body.get("revisions", {}).items()):
            official = store.log.get(rev_id)
            if official is None:
                status.missing.append(rev_id)
            else:
                _compare(store, status, official, "official")
    if offers is None and bank_folder is not None:
        offers = bank_offers(store, topic_id, bank_folder)
    for offered in offers or ():
        _compare(store, status, offered, "bank")
    return status


def _compare(store: Store, status: OfficialStatus, official: Revision, source: str) -> None:
    heads = store.log.heads(official.record_id)
    shown = heads[0] if heads else None
    if any(u.record_id == official.record_id for u in status.updates):
        return  # an editor's mark takes precedence over the shipped bank's offer
    drafts = tuple(h for h in heads if h.body != official.body or h.deleted != official.deleted)
    if drafts or len(heads) > 1:
        status.updates.append(OfficialUpdate(official.record_id, official, shown, source, drafts))


def bank_offers(store: Store, topic_id: str, folder: Path) -> list[Revision]:
    """Shipped revisions of the topic's records in the bank at *folder* that are not here although the record is.

    The GUI keeps one ``ShippedBank`` and asks it instead, so the folder is read once.
    """
    return ShippedBank(folder).offers(store, topic_id)


def adopt_official(store: Store, topic_id: str, record_ids: list[str] | None = None,
                   bank_folder: Path | None = None) -> list[Revision]:
    """Take the official content of the topic (or of *record_ids*) in one transaction; returns the new revisions."""
    with store.transaction():
        updates = official_status(store, topic_id, bank_folder).updates
        chosen = [u for u in updates if record_ids is None or u.record_id in record_ids]
        return [store.adopt(u.record_id, u.official, summary=ADOPT_SUMMARY) for u in chosen]


def official_overview(store: Store, bank_folder: Path | None = None) -> list[OfficialStatus]:
    """Every topic with an official mark or an offered bank update, by topic code."""
    # `m.type <> 'question'` lets SQLite use records_type, which leaves questions out (migration 015).
    topics = {row[0] for row in store.db.execute(
        "SELECT json_extract(r.body, '$.topic_id') FROM records m JOIN revisions r ON r.rev_id = m.head_rev "
        "WHERE m.type = 'official_mark' AND m.type <> 'question' AND m.deleted = 0")}
    offers = _offers_by_topic(store, bank_folder) if bank_folder is not None else {}
    codes = dict(store.db.execute("SELECT id, code FROM topics").fetchall())
    ordered = sorted((t for t in topics | set(offers) if t in codes), key=lambda t: codes[t])
    return [official_status(store, topic_id, offers=offers.get(topic_id, [])) for topic_id in ordered]


def _offers_by_topic(store: Store, folder: Path) -> dict[str, list[Revision]]:
    """The bank's offered revisions (read once) by the topic they belong to."""
    from lecturer_app.core.bank.shipped_import import shipped_revisions

    found: dict[str, list[Revision]] = {}
    for rev in shipped_revisions(folder)[1]:
        if is_offered(store, rev):
            body = rev.body
            topics = [rev.record_id] if rev.type == "topic" else [body.get("topic_id"), *body.get("topic_ids", [])]
            for topic in dict.fromkeys(str(t) for t in topics if t):
                found.setdefault(topic, []).append(rev)
    return found
