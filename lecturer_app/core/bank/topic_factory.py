"""Creating a new topic together with its empty written-plan skeleton."""

from __future__ import annotations

from lecturer_app.core.model import PlanSection, Topic, WrittenPlan
from lecturer_app.core.plans.outline import SKELETON, skeleton_body
from lecturer_app.core.positions import spread
from lecturer_app.core.store.record_store import Store


def create_topic(store: Store, topic: Topic, program_title: str = "", *, summary: str = "") -> None:
    """Save *topic* and a written plan with the sections of domain.md §2 (one transaction)."""
    with store.transaction():
        store.save(topic, summary=summary)
        header = {"ten_bai": topic.title, "chuong_trinh": program_title, "doi_tuong": topic.audience,
                  "thoi_gian": f"{topic.periods} tiết" if topic.periods else ""}
        plan = WrittenPlan(topic_id=topic.id, header=header)
        store.save(plan, summary=summary)
        for (kind, heading), position in zip(SKELETON, spread(len(SKELETON))):
            store.save(PlanSection(plan_id=plan.id, topic_id=topic.id, position=position, kind=kind,
                                   heading=heading, body=skeleton_body(kind)), summary=summary)
