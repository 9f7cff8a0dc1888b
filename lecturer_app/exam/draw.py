"""The draw: questions for each blueprint cell, then one shuffled paper per mã đề.

Everything random comes from one ``random.Random(seed)`` used in a fixed
order (draw, codes, then each version in turn), so the same seed and bank
give byte-identical orders and keys.
"""

from __future__ import annotations

import random
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Blueprint, BlueprintCell, Question
from lecturer_app.exam.blueprint import cell_label, check_blueprint
from lecturer_app.exam.codes import CodeScheme, version_codes
from lecturer_app.exam.keying import (
    balanced_slots,
    correct_slots,
    held,
    key_of,
    order_with_correct_at,
    shuffled_order,
)
from lecturer_app.exam.pool import OBJECTIVE_TYPES, QuestionPool, is_reviewed
from lecturer_app.i18n import _, ngettext

PART_OBJECTIVE = "Phần I. Trắc nghiệm"
PART_ESSAY = "Phần II. Tự luận"
BALANCE_ATTEMPTS = 20


@dataclass
class DrawnQuestion:
    """A question the draw chose, with its points."""

    question: Question
    points: float
    bank_code: str = ""  # QuestionPool.bank_code: how the score sheet names the question


@dataclass
class PrintedQuestion:
    """A question as one version prints it: option order and key."""

    question: Question
    points: float
    order: list[int]
    key: str

    @property
    def options(self):
        return [self.question.options[i] for i in self.order]


@dataclass
class PaperVersion:
    """One mã đề: the objective part, then the essay part."""

    code: str
    objective: list[PrintedQuestion] = field(default_factory=list)
    essays: list[PrintedQuestion] = field(default_factory=list)

    @property
    def printed(self) -> list[PrintedQuestion]:
        return self.objective + self.essays

    @property
    def question_ids(self) -> list[str]:
        return [p.question.id for p in self.printed]

    @property
    def key(self) -> list[str]:
        """The key of the objective part, in printed order."""
        return [p.key for p in self.objective]


@dataclass(frozen=True)
class DrawOptions:
    """Attributes:
        versions: how many mã đề.
        seed: the seed of the one random generator.
        codes: the mã đề scheme.
        balanced_key: balance the letters of the single-choice key.
        shuffle_questions / shuffle_options: trộn câu hỏi / trộn phương án.
    """

    versions: int = 4
    seed: int = 0
    codes: CodeScheme = CodeScheme()
    balanced_key: bool = True
    shuffle_questions: bool = True
    shuffle_options: bool = True


@dataclass
class DrawResult:
    """The drawn questions, every version built from them, and what the draw warns about."""

    drawn: list[DrawnQuestion]
    versions: list[PaperVersion]
    warnings: list[str]


def draw_exam(blueprint: Blueprint, pool: QuestionPool, options: DrawOptions,
              avoid: AbstractSet[str] = frozenset()) -> DrawResult:
    """Draw the blueprint's questions and build every version; raises if it cannot be filled."""
    check = check_blueprint(blueprint, pool)
    if not check.ok:
        raise UserFacingError("\n".join(check.problems))
    rng = random.Random(options.seed)
    drawn, warnings = _draw_cells(blueprint, pool, rng, avoid)
    drafts = sum(1 for d in drawn if not is_reviewed(d.question))
    if drafts:
        warnings.append(ngettext("Đề có {n} câu nháp chưa duyệt (đã chọn dùng cả câu nháp).", drafts).format(n=drafts))
    warnings.extend(_held_warnings(drawn))
    codes = version_codes(options.codes, options.versions, rng)
    versions = [_make_version(code, drawn, rng, options, warnings) for code in codes]
    return DrawResult(drawn, versions, warnings)


def _held_warnings(drawn: list[DrawnQuestion]) -> list[str]:
    """Name the questions whose "Tất cả các đáp án trên"-like options the bank did not pin."""
    found = []
    for item in drawn:
        question = item.question
        if question.type not in OBJECTIVE_TYPES or question.type == "true_false_4":
            continue
        texts = [o.text for o in question.options if not o.pinned and held(o)]
        if texts:
            stem = " ".join(question.stem.split())
            found.append(_("Câu \"{stem}\" ({id}): phương án \"{option}\" được giữ nguyên vị trí khi trộn "
                           "(ngân hàng chưa đánh dấu cố định).").format(
                stem=stem[:60] + ("…" if len(stem) > 60 else ""), id=question.id[:13], option="\", \"".join(texts)))
    return found


def _draw_cells(blueprint: Blueprint, pool: QuestionPool, rng: random.Random,
                avoid: AbstractSet[str]) -> tuple[list[DrawnQuestion], list[str]]:
    drawn: list[DrawnQuestion] = []
    taken: set[str] = set()
    warnings: list[str] = []
    for cell in blueprint.cells:
        if cell.count <= 0:
            continue
        candidates = [q for q in pool.matching(cell) if q.id not in taken]
        fresh = [q for q in candidates if q.id not in avoid]
        if len(candidates) < cell.count:
            raise UserFacingError(_("Ô {cell}: không đủ câu hỏi (cần {need}, còn {have}).").format(
                cell=cell_label(cell), need=cell.count, have=len(candidates)))
        if any(q.group_id for q in candidates):
            chosen = _choose_with_groups(cell, candidates, fresh, rng, warnings)
        elif len(fresh) >= cell.count:
            chosen = rng.sample(fresh, cell.count)
        else:
            reused = [q for q in candidates if q.id in avoid]
            chosen = fresh + rng.sample(reused, cell.count - len(fresh))
            reuse = cell.count - len(fresh)
            warnings.append(ngettext("Ô {cell}: phải dùng lại {n} câu đã có trong các đề gần đây.", reuse).format(
                cell=cell_label(cell), n=reuse))
        taken.update(q.id for q in chosen)
        drawn.extend(DrawnQuestion(q, cell.points / cell.count, pool.bank_code(q)) for q in chosen)
    return drawn, warnings


GROUP_ATTEMPTS = 64


def _units(questions: list[Question]) -> list[list[Question]]:
    """Questions with the same group (a shared passage) form one unit; others stand alone."""
    units: list[list[Question]] = []
    by_group: dict[str, list[Question]] = {}
    for question in questions:
        if question.group_id and question.group_id in by_group:
            by_group[question.group_id].append(question)
            continue
        unit = [question]
        units.append(unit)
        if question.group_id:
            by_group[question.group_id] = unit
    return units


def _fill_with_units(questions: list[Question], count: int, rng: random.Random) -> list[Question] | None:
    """Whole units adding up to exactly *count* questions, or None (a few seeded tries)."""
    units = _units(questions)
    for _attempt in range(GROUP_ATTEMPTS):
        rng.shuffle(units)
        chosen: list[Question] = []
        for unit in units:
            if len(chosen) + len(unit) <= count:
                chosen.extend(unit)
            if len(chosen) == count:
                return chosen
    return None


def _choose_with_groups(cell: BlueprintCell, candidates: list[Question], fresh: list[Question],
                        rng: random.Random, warnings: list[str]) -> list[Question]:
    """Draw whole groups: fresh questions first, then recently used ones, split a group only as a last resort."""
    chosen = _fill_with_units(fresh, cell.count, rng)
    if chosen is None:
        chosen = _fill_with_units(candidates, cell.count, rng)
        if chosen is not None and any(q not in fresh for q in chosen):
            warnings.append(_("Ô {cell}: phải dùng lại câu đã có trong các đề gần đây.").format(
                cell=cell_label(cell)))
    if chosen is None:
        chosen = rng.sample(candidates, cell.count)
        warnings.append(ngettext("Ô {cell}: không rút được trọn nhóm câu hỏi cho đủ {n} câu; một nhóm bị tách.",
                                 cell.count).format(cell=cell_label(cell), n=cell.count))
    return chosen


def _blocks(items: list[DrawnQuestion]) -> list[list[DrawnQuestion]]:
    """Questions of one group stay together, in their drawn order."""
    blocks: list[list[DrawnQuestion]] = []
    by_group: dict[str, list[DrawnQuestion]] = {}
    for item in items:
        group = item.question.group_id
        if group and group in by_group:
            by_group[group].append(item)
            continue
        block = [item]
        blocks.append(block)
        if group:
            by_group[group] = block
    return blocks


def _ordered(items: list[DrawnQuestion], rng: random.Random, shuffle: bool) -> list[DrawnQuestion]:
    blocks = _blocks(items)
    if shuffle:
        rng.shuffle(blocks)
    return [item for block in blocks for item in block]


def _make_version(code: str, drawn: list[DrawnQuestion], rng: random.Random, options: DrawOptions,
                  warnings: list[str]) -> PaperVersion:
    objective_pool = [d for d in drawn if d.question.type in OBJECTIVE_TYPES]
    objective, orders = _objective_part(objective_pool, rng, options)
    if orders is None:
        warnings.append(_("Mã đề {code}: không cân bằng được đáp án (quá nhiều phương án cố định).").format(
            code=code))
        orders = [shuffled_order(d.question, rng, shuffle=options.shuffle_options) for d in objective]
    essays = _ordered([d for d in drawn if d.question.type == "essay"], rng, options.shuffle_questions)
    version = PaperVersion(code)
    version.objective = [PrintedQuestion(d.question, d.points, order, key_of(d.question, order))
                         for d, order in zip(objective, orders)]
    version.essays = [PrintedQuestion(d.question, d.points, [], "") for d in essays]
    return version


def _objective_part(items: list[DrawnQuestion], rng: random.Random,
                    options: DrawOptions) -> tuple[list[DrawnQuestion], list[list[int]] | None]:
    """The printed order and option orders; None orders when the key cannot be balanced.

    Pinned correct answers can force a run of three equal letters in one
    question order, so a few other orders are tried before giving up.
    """
    if not (options.balanced_key and options.shuffle_options):
        ordered = _ordered(items, rng, options.shuffle_questions)
        return ordered, [shuffled_order(d.question, rng, shuffle=options.shuffle_options) for d in ordered]
    attempts = BALANCE_ATTEMPTS if options.shuffle_questions else 1
    ordered = items
    for _attempt in range(attempts):
        ordered = _ordered(items, rng, options.shuffle_questions)
        slots = balanced_slots([correct_slots(d.question) for d in ordered], rng)
        if slots is not None:
            return ordered, [order_with_correct_at(d.question, slot, rng) if slot >= 0
                             else shuffled_order(d.question, rng) for d, slot in zip(ordered, slots)]
    return ordered, None
