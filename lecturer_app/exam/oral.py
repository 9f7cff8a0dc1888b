"""Vấn đáp card sets: which questions go on which card (domain.md §3.4).

A card holds one question from each slot of its mix — by default one lý
thuyết and one liên hệ question.  A question is "liên hệ" when it carries the
tag ``liên hệ`` (any case or accents, e.g. "lien he"); every other oral
question is "lý thuyết".  No question appears on two cards unless a slot's
pool is smaller than the number of cards; then questions are reused as evenly
as possible, no two cards are alike, and ``OralSet.warnings`` says so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Question
from lecturer_app.core.text.normalize import fold
from lecturer_app.i18n import _

THEORY = "lý thuyết"
PRACTICE = "liên hệ"
DEFAULT_MIX: tuple[tuple[str, int], ...] = ((THEORY, 1), (PRACTICE, 1))


def kind_of(question: Question) -> str:
    """"liên hệ" when tagged so, otherwise "lý thuyết"."""
    return PRACTICE if any(fold(tag) == fold(PRACTICE) for tag in question.tags) else THEORY


@dataclass
class OralCard:
    number: int
    questions: list[Question]


@dataclass
class OralSet:
    cards: list[OralCard]
    warnings: list[str] = field(default_factory=list)


def parse_mix(text: str) -> tuple[tuple[str, int], ...]:
    """"lý thuyết=1, liên hệ=1" → the mix; kinds are matched without accents."""
    mix = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, _sep, count = part.partition("=")
        name = THEORY if fold(kind.strip()) == fold(THEORY) else PRACTICE if fold(kind.strip()) == fold(PRACTICE) \
            else None
        if name is None or not count.strip().isdigit():
            raise UserFacingError(_("Cơ cấu phiếu không hợp lệ: '{part}' (cần dạng 'lý thuyết=1, liên hệ=1')").format(
                part=part))
        mix.append((name, int(count)))
    return tuple(mix)


def draw_oral_cards(questions: list[Question], cards: int, seed: int = 0,
                    mix: tuple[tuple[str, int], ...] = DEFAULT_MIX) -> OralSet:
    """*cards* cards from the oral questions in *questions*."""
    rng = random.Random(seed)
    oral = sorted((q for q in questions if q.type == "oral"), key=lambda q: q.id)
    pools = {kind: [q for q in oral if kind_of(q) == kind] for kind, _n in mix}
    warnings: list[str] = []
    columns: list[list[Question]] = []
    for kind, per_card in mix:
        pool = pools[kind]
        need = cards * per_card
        if not pool:
            raise UserFacingError(_("Không có câu hỏi vấn đáp loại '{kind}' trong các chuyên đề đã chọn.").format(
                kind=kind))
        if len(pool) < need:
            warnings.append(_("Chỉ có {have} câu '{kind}' cho {need} chỗ: một số câu được dùng cho nhiều phiếu.")
                            .format(have=len(pool), kind=kind, need=need))
        columns.append(_deal(pool, need, rng))
    slots = [column[i * per:(i + 1) * per] for column, (_k, per) in zip(columns, mix) for i in range(cards)]
    result = [OralCard(n + 1, [q for s in range(len(mix)) for q in slots[s * cards + n]]) for n in range(cards)]
    _make_distinct(result, pools, mix, rng, warnings)
    return OralSet(result, warnings)


def _deal(pool: list[Question], need: int, rng: random.Random) -> list[Question]:
    """*need* questions, each used at most ceil(need/len) times, shuffled."""
    dealt: list[Question] = []
    while len(dealt) < need:
        round_ = pool[:]
        rng.shuffle(round_)
        dealt.extend(round_[:need - len(dealt)])
    return dealt


def _make_distinct(cards: list[OralCard], pools: dict[str, list[Question]],
                   mix: tuple[tuple[str, int], ...], rng: random.Random, warnings: list[str]) -> None:
    """Swap questions between cards until no two cards (or slots) repeat."""
    for _attempt in range(200):
        seen: dict[frozenset[str], int] = {}
        clash = None
        for index, card in enumerate(cards):
            ids = [q.id for q in card.questions]
            key = frozenset(ids)
            if key in seen or len(set(ids)) < len(ids):
                clash = index
                break
            seen[key] = index
        if clash is None:
            return
        other = rng.randrange(len(cards))
        slot = rng.randrange(len(cards[clash].questions))
        cards[clash].questions[slot], cards[other].questions[slot] = (
            cards[other].questions[slot], cards[clash].questions[slot])
    warnings.append(_("Ngân hàng quá nhỏ: không thể tạo các phiếu khác nhau hoàn toàn."))
