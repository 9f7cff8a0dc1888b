"""The codes a lecturer types where a screen asks for topics («NTD-01, DP-10»), and the list to pick them from.

Three screens (oral cards, the quiz, the exam blueprint's quick fill) take
topic codes separated by commas.  They read them here, one way: a code is
found whatever its case («ntd-01» is NTD-01), a program's or a module's code
is accepted as the question pool accepts it (all its topics), and codes that
are in the bank under no name are refused in one message naming each of them.

The list of topics for the «Chọn…» dialog and the completer comes grouped by
the topic's home program (programs in catalogue order), each group in
Vietnamese dictionary order of code and title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Topic
from lecturer_app.core.store.db import Database
from lecturer_app.core.text.collation import Key, collation_key
from lecturer_app.core.text.normalize import fold
from lecturer_app.i18n import ngettext


@dataclass(frozen=True)
class TopicChoice:
    """One topic as the lecturer sees it in the list: code, title, and its home program's «code — title»."""

    code: str
    title: str
    group: str = ""  # "" when the topic is taught in no program

    @property
    def label(self) -> str:
        return f"{self.code} — {self.title}"

    def matches(self, query: str) -> bool:
        """Every word of *query* is in the code or the title, compared without accents, đ as d, any case."""
        text = fold(self.label)
        return all(word in text for word in fold(query).split())


def split_codes(text: str) -> list[str]:
    """The non-empty parts of comma-separated *text*, stripped."""
    return [part.strip() for part in text.split(",") if part.strip()]


@dataclass(frozen=True)
class TopicCatalogue:
    """The bank's topics to choose from, and every code a topics field accepts."""

    topics: tuple[TopicChoice, ...]
    codes: frozenset[str]  # every code a pool is drawn from: topics', programs', modules'
    by_casefold: dict[str, str]  # casefolded code → code as stored

    @classmethod
    def of(cls, bank: LessonBank) -> TopicCatalogue:
        programs = bank.programs()
        names = {p.id: f"{p.code} — {p.title}" for p in programs}
        order = {p.id: rank for rank, p in enumerate(programs)}
        topics = bank.topics()

        def place(topic: Topic) -> tuple[int, Key, Key]:
            home = topic.memberships[0].program_id if topic.memberships else ""
            # Topics of no program (or of one not in the bank) last, after every program's.
            return order.get(home, len(order)), collation_key(topic.code), collation_key(topic.title)

        choices = tuple(TopicChoice(t.code, t.title, names.get(t.memberships[0].program_id, "")
                                    if t.memberships else "") for t in sorted(topics, key=place))
        others = [p.code for p in programs] + [m.code for p in programs for m in bank.modules(p.id)]
        # Topic codes first: a program sharing a topic's code does not take its place (as in load_pool).
        codes = dict.fromkeys(c for c in [*(t.code for t in topics), *others] if c)
        by_casefold: dict[str, str] = {}
        for code in codes:
            by_casefold.setdefault(code.casefold(), code)
        return cls(choices, frozenset(codes), by_casefold)

    def lookup(self, typed: str) -> str | None:
        """The stored code *typed* names (exactly, else in any case), or None."""
        typed = typed.strip()
        return typed if typed in self.codes else self.by_casefold.get(typed.casefold())

    def unknown(self, text: str) -> list[str]:
        """The parts of *text* that name no code of the bank, as typed."""
        return [part for part in split_codes(text) if self.lookup(part) is None]

    def resolve(self, text: str) -> list[str]:
        """The stored codes comma-separated *text* names, each once, in the order typed.

        Raises UserFacingError naming every part that is no code of the bank.
        """
        unknown = self.unknown(text)
        if unknown:
            raise UserFacingError(unknown_message(unknown))
        return list(dict.fromkeys(code for part in split_codes(text) if (code := self.lookup(part))))

    def topic_codes(self) -> set[str]:
        return {choice.code for choice in self.topics}


@dataclass(frozen=True)
class QuestionCount:
    """A topic's questions of the types a screen draws: reviewed (Đã duyệt), and the drafts besides."""

    reviewed: int = 0
    drafts: int = 0


def question_counts(db: Database, types: Iterable[str] = ()) -> dict[str, QuestionCount]:
    """Topic code → its questions of *types* (all types when empty), counted in one grouped query.

    With *types*, SQLite reads only the questions of those types from the index by type and status
    (migration 017): the oral cards' few oral questions, but for the exam and the quiz nearly every question
    (0.1 s at 200,000), so the list of topics calls it on a worker thread with a connection of its own
    (ui/widgets/topic_codes_field.py).
    """
    kinds = list(types)
    rows = db.execute(question_counts_sql(len(kinds)), kinds).fetchall()
    return {code: QuestionCount(reviewed, drafts) for code, reviewed, drafts in rows}


def question_counts_sql(types: int) -> str:
    """The statement :func:`question_counts` runs for *types* question types (0: all), one ``?`` for each."""
    where = f"WHERE q.type IN ({', '.join('?' * types)}) " if types else ""
    # Grouped by topic id first, then named: joining the topics per question row would cost as much again.
    return ("SELECT t.code, c.reviewed, c.drafts FROM (SELECT qt.topic_id AS topic_id, "
            "SUM(q.status = 'approved') AS reviewed, SUM(q.status IS NOT 'approved') AS drafts "
            "FROM question_topic_rows qt JOIN question_rows q ON q.row = qt.question_row "
            f"{where}GROUP BY qt.topic_id) c JOIN topics t ON t.id = c.topic_id")


def unknown_message(codes: Iterable[str]) -> str:
    """«Không có chuyên đề mã «XX-99» trong ngân hàng.», naming each code."""
    codes = list(codes)
    return ngettext("Không có chuyên đề mã {codes} trong ngân hàng.", len(codes)).format(
        codes=", ".join(f"«{code}»" for code in codes))
