"""The codes a lecturer types where a screen asks for topics («NTD-01, DP-10»), and the list to pick them from.

Three screens (oral cards, the quiz, the exam blueprint's quick fill) and the
CLI's ``--topics`` (``exam build``, ``exam oral``, ``exam blueprint``, ``quiz
serve``) take topic codes separated by commas.  They read them here, one way
(``TopicCatalogue.resolve``): a code is found whatever its case («ntd-01» is
NTD-01), a program's or a module's code is accepted as the question pool
accepts it (all its topics), codes that are in the bank under no name are
refused in one message naming each of them, and a code typed in a case that
fits several stored codes (NTD-01 and Ntd-01) is refused, naming them: it is
never guessed.  A code typed exactly as stored is always that code (a topic's
before a program's of the same code, as in load_pool).

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
from lecturer_app.i18n import _, ngettext


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
    """The bank's topics to choose from, and every code a topics field (or the CLI's ``--topics``) accepts."""

    topics: tuple[TopicChoice, ...]
    codes: frozenset[str]  # every code a pool is drawn from: topics', programs', modules'
    by_casefold: dict[str, tuple[str, ...]]  # casefolded code → every code as stored that folds to it

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
        by_casefold: dict[str, tuple[str, ...]] = {}
        for code in codes:
            by_casefold[code.casefold()] = (*by_casefold.get(code.casefold(), ()), code)
        return cls(choices, frozenset(codes), by_casefold)

    def candidates(self, typed: str) -> tuple[str, ...]:
        """The stored codes *typed* may name: itself when stored so, else every code equal to it in any case."""
        typed = typed.strip()
        return (typed,) if typed in self.codes else self.by_casefold.get(typed.casefold(), ())

    def lookup(self, typed: str) -> str | None:
        """The stored code *typed* names (exactly, else in any case), or None: no code, or several («ntd-01»
        when the bank has both NTD-01 and Ntd-01: which one is meant is not guessed)."""
        found = self.candidates(typed)
        return found[0] if len(found) == 1 else None

    def unknown(self, text: str) -> list[str]:
        """The parts of *text* that name no code of the bank, as typed."""
        return [part for part in split_codes(text) if not self.candidates(part)]

    def ambiguous(self, text: str) -> dict[str, tuple[str, ...]]:
        """The parts of *text* that name several codes of the bank (in another case than each), as typed."""
        return {part: found for part in split_codes(text) if len(found := self.candidates(part)) > 1}

    def resolve(self, text: str) -> list[str]:
        """The stored codes comma-separated *text* names, each once, in the order typed.

        Raises UserFacingError naming every part that is no code of the bank, and every part that could be
        several codes.
        """
        unknown, ambiguous = self.unknown(text), self.ambiguous(text)
        if unknown or ambiguous:
            messages = [unknown_message(unknown)] if unknown else []
            messages += [ambiguous_message(part, found) for part, found in ambiguous.items()]
            raise UserFacingError(" ".join(messages))
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


def ambiguous_message(typed: str, codes: Iterable[str]) -> str:
    """«Mã «ntd-01» ứng với nhiều mã … «NTD-01», «Ntd-01» …», naming each code it may be."""
    return _("Mã «{typed}» ứng với nhiều mã trong ngân hàng, chỉ khác nhau ở chữ hoa, chữ thường: {codes}. "
             "Hãy gõ đúng mã cần chọn.").format(typed=typed.strip(), codes=", ".join(f"«{code}»" for code in codes))


def unknown_message(codes: Iterable[str]) -> str:
    """«Không có chuyên đề mã «XX-99» trong ngân hàng.», naming each code."""
    codes = list(codes)
    return ngettext("Không có chuyên đề mã {codes} trong ngân hàng.", len(codes)).format(
        codes=", ".join(f"«{code}»" for code in codes))
