"""The rule for a new version of a shipped bank (docs/design/sync.md § "Official versions").

Every shipped revision's summary names the bank's version, so a new version
gives every record a new revision id; without a rule each one would meet a
local head and be set aside.  The rule, per record whose new shipped
revision is not here yet:

- the local head is still shipped content of the same bank (a shipped
  revision, or an earlier upgrade) and the new body differs → **upgrade**:
  the new shipped revision and a merge revision whose parents are both and
  whose body is the new one.  The merge has the automerge form (fixed
  author, device, origin, summary; newest parent's stamp), so every machine
  that upgrades mints the same id, and importers accept it as they accept
  any merge whose fields all come from its parents;
- the same body → **unchanged**: nothing is written;
- the lecturer changed the record → **kept**: their work stays the head and
  the new shipped content is offered like an official update
  (``core/bank/official.py``), never forced and never a conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lecturer_app.core.store.merge import AUTOMERGE, MERGE_SUMMARY
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.revisions import Revision


@dataclass
class UpgradePlan:
    """What importing a bank's revisions does: the revisions to take and how each record fared."""

    take: list[Revision] = field(default_factory=list)
    unchanged: int = 0
    upgraded: list[str] = field(default_factory=list)
    kept_local: list[str] = field(default_factory=list)


def untouched_shipped(store: Store, head: Revision, origin: str) -> bool:
    """True when *head* is shipped content of the bank *origin*: a shipped revision or an earlier upgrade."""
    if head.deleted:
        return False
    if head.origin_replica == origin:
        return True
    if head.origin_replica != AUTOMERGE:
        return False
    parents = (store.log.get(p) for p in head.parents)
    return any(p is not None and p.origin_replica == origin and p.body == head.body for p in parents)


def upgrade_revision(head: Revision, shipped: Revision) -> Revision:
    """The merge that makes *shipped* the content of a record whose head is older shipped content."""
    ordered = sorted((head, shipped), key=lambda rev: rev.rev_id)
    return Revision.create(
        record_id=shipped.record_id, type=shipped.type, parents=tuple(rev.rev_id for rev in ordered),
        generation=1 + max(rev.generation for rev in ordered), body=shipped.body, deleted=False,
        author=AUTOMERGE, device=AUTOMERGE, hlc=max(rev.hlc for rev in ordered), summary=MERGE_SUMMARY,
        origin_replica=AUTOMERGE, origin_seq=0,
    )


def plan_import(store: Store, revisions: list[Revision], origin: str,
                progress: Callable[[int, int], None] | None = None) -> UpgradePlan:
    """Sort a bank's *revisions* (minted with *origin*) into new, unchanged, upgraded and kept."""
    plan = UpgradePlan()
    for number, rev in enumerate(revisions, start=1):
        if progress and number % 100 == 0:
            progress(number, len(revisions))
        if store.log.get(rev.rev_id) is not None:
            plan.unchanged += 1
            continue
        heads = store.log.heads(rev.record_id)
        if not heads:
            plan.take.append(rev)
        elif len(heads) > 1 or not untouched_shipped(store, heads[0], origin):
            plan.kept_local.append(rev.record_id)
        elif heads[0].body == rev.body:
            plan.unchanged += 1
        else:
            plan.take.extend((rev, upgrade_revision(heads[0], rev)))
            plan.upgraded.append(rev.record_id)
    return plan
