"""The questions a draw can use, loaded once and indexed by topic code, level and type.

Only reviewed questions (status "approved", Đã duyệt) go into exams by default:
imported questions arrive as drafts (Nháp), often without a level, and must be
read by a person before they reach an official paper.  Drafts stay in the pool
so a blueprint can say how many more questions a cell would have, and
``include_drafts`` is the explicit choice to draw from them too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import BlueprintCell, Exam, Question, Topic
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import fold

OBJECTIVE_TYPES = ("single_choice", "multiple_choice", "true_false_4", "short_answer")
PAPER_TYPES = (*OBJECTIVE_TYPES, "essay")
REVIEWED = "approved"


def is_reviewed(question: Question) -> bool:
    return question.status == REVIEWED


@dataclass
class QuestionPool:
    """Questions by code (topic, program or module); ``topic_titles`` names them for the bản đặc tả.

    Attributes:
        by_topic: every question of each code, drafts included.
        include_drafts: let draws use draft (not yet reviewed) questions too.
    """

    by_topic: dict[str, list[Question]] = field(default_factory=dict)
    topic_titles: dict[str, str] = field(default_factory=dict)
    include_drafts: bool = False
    topic_codes: dict[str, str] = field(default_factory=dict)  # topic id → code, for bank codes

    def bank_code(self, question: Question) -> str:
        """How a lecturer finds the question in the bank: its topic codes, then its source label if any.

        Never the internal id (a UUID means nothing on a score sheet).
        """
        codes = [self.topic_codes[t] for t in question.topic_ids if t in self.topic_codes]
        return " · ".join(part for part in (", ".join(codes), question.name.strip()) if part)

    def usable(self, question: Question) -> bool:
        return self.include_drafts or is_reviewed(question)

    def matching(self, cell: BlueprintCell) -> list[Question]:
        """The questions a draw may use for *cell*, in a stable order (by id)."""
        return [q for q in self._fitting(cell) if self.usable(q)]

    def drafts_matching(self, cell: BlueprintCell) -> list[Question]:
        """The draft questions that fit *cell* (counted apart; drawn only with ``include_drafts``)."""
        return [q for q in self._fitting(cell) if not is_reviewed(q)]

    def questions(self) -> list[Question]:
        """Every question a draw may use, once each (oral cards draw from these)."""
        unique = {q.id: q for qs in self.by_topic.values() for q in qs}
        return [q for q in unique.values() if self.usable(q)]

    def _fitting(self, cell: BlueprintCell) -> list[Question]:
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


def load_pool(store: Store, codes: list[str] | None = None, *, include_drafts: bool = False) -> QuestionPool:
    """Questions grouped by code: every topic code, and every program and module code.

    A blueprint row may name a topic, a program (chương trình) or a module
    (phần); a program or module row draws from all of its topics.  *codes*
    limits the pool to those codes (None = everything); *include_drafts*
    lets draws use questions not yet reviewed.
    """
    bank = LessonBank(store)
    topics = bank.topics()
    groups = _code_groups(bank, topics)
    wanted = set(codes) if codes is not None else None
    groups = {code: group for code, group in groups.items() if wanted is None or code in wanted}
    pool = QuestionPool(topic_titles={code: title for code, (title, _ids) in groups.items()},
                        include_drafts=include_drafts, topic_codes={t.id: t.code for t in topics})
    members: dict[str, list[str]] = defaultdict(list)
    for code, (_title, topic_ids) in groups.items():
        for topic_id in topic_ids:
            members[topic_id].append(code)
    grouped: dict[str, list[Question]] = defaultdict(list)
    # Only the questions of the pool's topics: the others would join no group (a bank holds 200,000).
    for question in bank.questions() if codes is None else bank.questions_of(members):
        for code in dict.fromkeys(c for topic_id in question.topic_ids for c in members.get(topic_id, [])):
            grouped[code].append(question)
    pool.by_topic = dict(grouped)
    return pool


def _code_groups(bank: LessonBank, topics: list[Topic]) -> dict[str, tuple[str, list[str]]]:
    """code → (title, topic ids) for topics, programs and modules."""
    groups = {t.code: (t.title, [t.id]) for t in topics}
    for program in bank.programs():
        in_program = [t for t in topics if program.id in t.program_ids]
        groups.setdefault(program.code, (program.title, [t.id for t in in_program]))
        for module in bank.modules(program.id):
            ids = [t.id for t in in_program if any(m.module_id == module.id for m in t.memberships)]
            groups.setdefault(module.code, (module.title, ids))
    return groups


def recent_question_ids(store: Store, last: int) -> set[str]:
    """Question ids used by the *last* most recently built exams."""
    if last <= 0:
        return set()
    exams = store.select(Exam, order_by="created DESC, id DESC")[:last]
    return {qid for exam in exams for version in exam.versions[:1] for qid in version.question_ids}
