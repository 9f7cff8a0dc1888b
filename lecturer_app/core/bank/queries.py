"""Read access to the lesson bank: programs, topics and what belongs to a topic.

A thin layer of named queries over ``Store`` so that the CLI, the GUI and the
exporters ask the same questions the same way.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from lecturer_app.core.model import (
    Attachment,
    Module,
    PlanSection,
    Program,
    Question,
    Slide,
    SlideDeck,
    Topic,
    WrittenPlan,
)
from lecturer_app.core.store.materialize import TABLES
from lecturer_app.core.store.record_store import RecordNotFound, Store
from lecturer_app.core.text.normalize import XmlSafe


@dataclass(frozen=True)
class TopicSummary:
    """A topic with the counts a list shows.

    ``questions`` is None when the summaries were read without counting
    questions (``LessonBank.summaries(question_counts=False)``, an O(topics)
    read for the GUI's tree); ``has_questions`` is always right.
    """

    topic: Topic
    program_code: str
    sections: int
    slides: int
    questions: int | None
    has_questions: bool = False

    def to_json(self) -> dict[str, object]:
        t = self.topic
        return {"id": t.id, "code": t.code, "title": t.title, "program": self.program_code,
                "periods": t.periods, "status": t.status, "sample": t.sample,
                "sections": self.sections, "slides": self.slides, "questions": self.questions}


class LessonBank:
    def __init__(self, store: Store) -> None:
        self.store = store

    def programs(self) -> list[Program]:
        return self.store.select(Program, order_by="position, code")

    def program_by_code(self, code: str) -> Program | None:
        found = self.store.select(Program, "code = ?", [code])
        return found[0] if found else None

    def modules(self, program_id: str) -> list[Module]:
        return self.store.select(Module, "program_id = ?", [program_id], order_by="position, code")

    def topics(self, program_code: str | None = None) -> list[Topic]:
        """Topics, all or those taught in one program, in catalogue order."""
        if program_code is None:
            return self.store.select(Topic, order_by="code")
        program = self.program_by_code(program_code)
        if program is None:
            raise RecordNotFound(program_code)
        return self.store.select(
            Topic, "id IN (SELECT topic_id FROM topic_programs WHERE program_id = ?)", [program.id],
            order_by="code")

    def topic_by_code(self, code: str) -> Topic | None:
        found = self.store.select(Topic, "code = ?", [code])
        return found[0] if found else None

    def require_topic(self, code: str) -> Topic:
        topic = self.topic_by_code(code)
        if topic is None:
            raise RecordNotFound(code)
        return topic

    def plan(self, topic_id: str) -> WrittenPlan | None:
        found = self.store.select(WrittenPlan, "topic_id = ?", [topic_id])
        return found[0] if found else None

    def sections(self, plan_id: str) -> list[PlanSection]:
        return self.store.select(PlanSection, "plan_id = ?", [plan_id], order_by="position")

    def deck(self, topic_id: str) -> SlideDeck | None:
        found = self.store.select(SlideDeck, "topic_id = ?", [topic_id])
        return found[0] if found else None

    def slides(self, deck_id: str) -> list[Slide]:
        return self.store.select(Slide, "deck_id = ?", [deck_id], order_by="position")

    def questions(self, topic_id: str | None = None) -> list[Question]:
        if topic_id is None:
            return self.store.select(Question, order_by="rowid")
        return self.store.select(
            Question, "rowid IN (SELECT question_row FROM question_topic_rows WHERE topic_id = ?)", [topic_id],
            order_by="rowid")

    def questions_of(self, topic_ids: Collection[str]) -> list[Question]:
        """The questions of any of *topic_ids*, each once, in the order of :meth:`questions`.

        An exam's pool (``exam.pool.load_pool``) needs its topics' questions,
        not the whole bank's.  The ids go in as one JSON array: a program may
        hold more topics than SQLite takes parameters.
        """
        return self.store.select(
            Question, "rowid IN (SELECT question_row FROM question_topic_rows WHERE topic_id IN "
                      "(SELECT value FROM json_each(?)))", [json.dumps(sorted(topic_ids))], order_by="rowid")

    def iter_questions(self, topic_id: str | None = None, levels: Sequence[str] | None = None,
                       *, xml_safe: bool = False) -> Iterable[Question]:
        """The questions :meth:`questions` returns (of these *levels* when given), read in batches.

        Memory stays flat at any bank size: for exports and listings that
        handle one question at a time without writing meanwhile.  With
        *xml_safe* they come as an ``XmlSafe`` iterable, checked for what XML
        cannot hold as they are read (the exporters then skip their own walk).
        """
        where, params = _question_where(topic_id, levels)
        questions = self.store.iter_select(Question, where, params, order_by="rowid", xml_safe=xml_safe)
        return XmlSafe(questions) if xml_safe else questions

    def iter_question_bodies(self, topic_id: str | None = None, levels: Sequence[str] | None = None,
                             *, xml_safe: bool = False, rows: tuple[int, int] = (0, 0)) -> Iterator[tuple[str, dict]]:
        """(id, stored body) of the questions :meth:`iter_questions` returns, without building them.

        With *xml_safe*, every string in them is XML-safe (``Store.iter_bodies``).
        *rows* = (first, end): only rows ``first <= rowid < end`` (0: no bound), see :meth:`question_middle`.
        """
        where, params = _question_where(topic_id, levels, rows)
        return self.store.iter_bodies(Question, where, params, order_by="rowid", xml_safe=xml_safe)

    def question_middle(self, topic_id: str | None = None, levels: Sequence[str] | None = None) -> int:
        """The row (``questions.rowid``) where the second half of those questions starts; 0 without any.

        Lets a bank-wide job give each of two processes half of the rows
        (``core.second_process``).  Read from ``question_rows``, whose ``row``
        is the view's rowid, without joining the bodies.
        """
        where, params = _question_where(topic_id, levels)
        where = f" WHERE {where}" if where else ""
        row = self.store.db.execute(
            f"SELECT row FROM question_rows{where} ORDER BY row LIMIT 1 "
            f"OFFSET (SELECT COUNT(*) FROM question_rows{where}) / 2", params + params).fetchone()
        return row[0] if row else 0

    def widest_question(self, topic_id: str | None = None, levels: Sequence[str] | None = None) -> int:
        """The most options any of those questions has (0 without questions), read by SQL."""
        where, params = _question_where(topic_id, levels)
        sql = "SELECT MAX(json_array_length(body, '$.options')) FROM questions"
        return self.store.db.execute(sql + (f" WHERE {where}" if where else ""), params).fetchone()[0] or 0

    def question_levels(self) -> list[str]:
        """Every level written on a question, as written."""
        return [row[0] for row in self.store.db.execute("SELECT DISTINCT level FROM questions").fetchall()]

    def question_count(self, topic_id: str) -> int:
        """How many questions belong to the topic (without reading them)."""
        return self.store.db.execute("SELECT COUNT(*) FROM question_topic_rows WHERE topic_id = ?",
                                     [topic_id]).fetchone()[0]

    def attachments(self, owner_id: str) -> list[Attachment]:
        return self.store.select(Attachment, "owner_id = ?", [owner_id], order_by="filename")

    def content_counts(self, topic_id: str) -> tuple[int, int, int, int]:
        """(sections of its written plan, slides of its deck, questions, attachments) of the topic.

        Counted by SQL without reading the records: the Thông tin tab shows
        them each time a topic opens.
        """
        plan, deck = self.plan(topic_id), self.deck(topic_id)
        return (self._count("plan_section", "plan_id", plan.id) if plan else 0,
                self._count("slide", "deck_id", deck.id) if deck else 0,
                self.question_count(topic_id), self._count("attachment", "owner_id", topic_id))

    def _count(self, record_type: str, column: str, value: str) -> int:
        sql = f"SELECT COUNT(*) FROM {TABLES[record_type]} WHERE {column} = ?"
        return int(self.store.db.execute(sql, [value]).fetchone()[0])

    def topics_with_questions(self) -> set[str]:
        """The topics with at least one question: one index probe per topic, whatever the bank's size."""
        sql = "SELECT id FROM topics t WHERE EXISTS (SELECT 1 FROM question_topic_rows qt WHERE qt.topic_id = t.id)"
        return {row[0] for row in self.store.db.execute(sql)}

    def summaries(self, program_code: str | None = None, *, question_counts: bool = True) -> list[TopicSummary]:
        """Every topic with its program code and content counts, in one pass.

        Counting questions reads the whole question index (23 ms of CPU at
        200,000 questions); *question_counts* False reads only whether each
        topic has one, so the bank tree costs the same at any bank size.
        """
        # Here: the exam build and other readers of the bank never load the plan outline (and its regex).
        from lecturer_app.core.plans.outline import skeleton_body

        topics = self.topics(program_code)
        db = self.store.db
        program_codes = dict(db.execute("SELECT id, code FROM programs").fetchall())
        sections: dict[str, int] = {}
        for topic_id, kind, body in db.execute(
                "SELECT topic_id, kind, json_extract(body, '$.body') FROM plan_sections").fetchall():
            if body and body.strip() and body != skeleton_body(kind):
                sections[topic_id] = sections.get(topic_id, 0) + 1
        # Counted in the read rows, not the view `slides`, which would join each slide's body from the log.
        slides = dict(db.execute("SELECT topic_id, COUNT(*) FROM slide_rows GROUP BY topic_id").fetchall())
        if question_counts:
            questions = dict(db.execute(
                "SELECT topic_id, COUNT(*) FROM question_topic_rows GROUP BY topic_id").fetchall())
            having = set(questions)
        else:
            having = self.topics_with_questions()
        result = []
        for topic in topics:
            home = topic.memberships[0].program_id if topic.memberships else ""
            count = questions.get(topic.id, 0) if question_counts else None
            result.append(TopicSummary(topic, program_codes.get(home, ""), sections.get(topic.id, 0),
                                       slides.get(topic.id, 0), count, topic.id in having))
        return result


def _question_where(topic_id: str | None, levels: Sequence[str] | None,
                    rows: tuple[int, int] = (0, 0)) -> tuple[str, list]:
    clauses: list[str] = []
    params: list = []
    first, end = rows
    if first:
        clauses.append("rowid >= ?")
        params.append(first)
    if end:
        clauses.append("rowid < ?")
        params.append(end)
    if topic_id is not None:
        clauses.append("rowid IN (SELECT question_row FROM question_topic_rows WHERE topic_id = ?)")
        params.append(topic_id)
    if levels is not None:
        clauses.append(f"level IN ({', '.join('?' * len(levels))})")
        params += levels
    return " AND ".join(clauses), params
