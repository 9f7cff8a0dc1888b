"""The questions a draw can use, loaded once and indexed by topic code, level and type."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lecturer_app.core.bank import LessonBank
from lecturer_app.core.model import BlueprintCell, Exam, Question
from lecturer_app.core.store import Store
from lecturer_app.core.text import fold

OBJECTIVE_TYPES = ("single_choice", "multiple_choice", "true_false_4", "short_answer")
PAPER_TYPES = (*OBJECTIVE_TYPES, "essay")


@dataclass
class QuestionPool:
    """Questions by topic code; ``topic_titles`` names the topics for the bản đặc tả."""

    by_topic: dict[str, list[Question]] = field(default_factory=dict)
    topic_titles: dict[str, str] = field(default_factory=dict)

    def matching(self, cell: BlueprintCell) -> list[Question]:
        """The questions that fit *cell*, in a stable order (by id)."""
        level = fold(cell.level.strip())
        found = [q for q in self.by_topic.get(cell.topic_code, [])
                 if q.type == cell.type and (not level or fold(q.level.strip()) == level)]
        return sorted(found, key=lambda q: q.id)

    def question(self, question_id: str) -> Question | None:
        for questions in self.by_topic.values():
            for question in questions:
                if question.id == question_id:
                    return question
        return None


def load_pool(store: Store, topic_codes: list[str] | None = None) -> QuestionPool:
    """All questions of the given topics (all topics when None)."""
    bank = LessonBank(store)
    topics = bank.topics()
    wanted = set(topic_codes) if topic_codes is not None else None
    code_of = {t.id: t.code for t in topics if wanted is None or t.code in wanted}
    pool = QuestionPool(topic_titles={t.code: t.title for t in topics if t.id in code_of})
    grouped: dict[str, list[Question]] = defaultdict(list)
    for question in bank.questions():
        for topic_id in dict.fromkeys(question.topic_ids):
            if topic_id in code_of:
                grouped[code_of[topic_id]].append(question)
    pool.by_topic = dict(grouped)
    return pool


def recent_question_ids(store: Store, last: int) -> set[str]:
    """Question ids used by the *last* most recently built exams."""
    if last <= 0:
        return set()
    exams = store.select(Exam, order_by="created DESC, id DESC")[:last]
    return {qid for exam in exams for version in exam.versions[:1] for qid in version.question_ids}
