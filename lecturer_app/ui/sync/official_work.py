"""Official versions of a topic on a worker thread: its status, and adopting it (``core/bank/official.py``)."""

from __future__ import annotations

from typing import Any

from lecturer_app.core.bank.shipped_offers import ShippedBank
from lecturer_app.ui.context import AppContext


def run_status(context: AppContext, topic_id: str, shipped: ShippedBank, _report: Any) -> Any:
    """The topic's OfficialStatus, the shipped bank's offered updates included (*shipped* reads the bank once)."""
    from lecturer_app.core.bank.official import official_status

    with context.worker_store() as store:
        return official_status(store, topic_id, offers=shipped.offers(store, topic_id))


def run_adopt(context: AppContext, topic_id: str, record_ids: list[str] | None, _report: Any) -> Any:
    """Adopt the official content (of *record_ids*, or all); then the new status."""
    from lecturer_app.core.bank.official import adopt_official, official_status
    from lecturer_app.core.resources import bank_path

    with context.worker_store() as store:
        adopt_official(store, topic_id, record_ids, bank_path())
        return official_status(store, topic_id, bank_path())
