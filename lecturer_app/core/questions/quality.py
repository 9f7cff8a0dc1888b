"""Kiểm tra chất lượng: what is wrong or doubtful in a set of questions.

Two kinds of finding:

* per question: no correct option (or several where one is expected),
  repeated options, an "all/none of the above" option that is not pinned,
  missing level or topic, an essay without rubric, rubric points that do not
  add up to the question's points;
* across the bank: exact duplicates (same ``dedupe_key``) and near duplicates
  (folded-text similarity ≥ threshold, rapidfuzz ``ratio``).

The near-duplicate scan is never quadratic over the bank: questions are put
in blocks by their rarest folded words, each block is sorted by text length
and a question is compared only with the next few of similar length.  Real
near duplicates share their rare words, so they meet in a block.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from lecturer_app.core import second_process
from lecturer_app.core.model import DEFAULT_LEVELS, Question
from lecturer_app.core.questions.dedupe import (
    folded_words,
    folded_words_from_fold,
    folds_and_words,
    key_of_folded,
)
from lecturer_app.core.questions.fields import Fields, body_fields, question_fields
from lecturer_app.core.questions.referring import refers_folded
from lecturer_app.core.store.bulk import gc_paused
from lecturer_app.core.text.normalize import fold
from lecturer_app.i18n import _, ui_number

DEFAULT_THRESHOLD = 90.0
BLOCK_WORDS = 2        # rare words per question used as block keys
WINDOW = 10            # neighbours compared inside a length-sorted block
MAX_LENGTH_RATIO = 1.3

@dataclass
class Finding:
    """One problem: a code, the questions concerned, a message and a score (near duplicates)."""

    code: str
    question_ids: list[str]
    message: str
    score: float = 100.0
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "question_ids": self.question_ids, "message": self.message,
                "score": round(self.score, 1)}


@dataclass(frozen=True)
class Folded:
    """A question's texts folded once (folding is the costly part of a bank scan)."""

    stem: str
    options: list[str]
    answers: list[str]
    # ``core.text.fold`` of each option: the "refers to the other options" test reads it, the words come from it.
    option_folds: list[str]

    @classmethod
    def of(cls, question: Fields, stem_folded: str | None = None) -> Folded:
        """Fold a question's texts (``core.questions.fields``); *stem_folded* (``core.text.fold`` of the stem,
        as stored) saves re-folding it."""
        text = question["stem"]
        stem = folded_words(text) if stem_folded is None else folded_words_from_fold(text, stem_folded)
        option_folds, options = folds_and_words([o["text"] for o in question["options"]])
        return cls(stem, options, [folded_words(a) for a in question["answers"]], option_folds)

    @property
    def key(self) -> str:
        return key_of_folded(self.stem, self.options, self.answers)

    @property
    def text(self) -> str:
        return " ".join([self.stem, *self.options]).strip()


def check_questions(questions: Sequence[Question], *, levels: Sequence[str] = DEFAULT_LEVELS,
                    threshold: float = DEFAULT_THRESHOLD,
                    stems_folded: Sequence[str] | None = None) -> list[Finding]:
    """Every finding for *questions*: per-question problems first, then duplicates.

    *stems_folded*, when given, is ``core.text.fold`` of each stem as the
    questions table stores it (``stem_folded``), so the stems are not folded again.
    """
    stems: Sequence[str | None] = stems_folded if stems_folded is not None else [None] * len(questions)
    return check_stream(zip(questions, stems, strict=True), levels=levels, threshold=threshold)[1]


def check_stream(items: Iterable[tuple[Question, str | None]], *, levels: Sequence[str] = DEFAULT_LEVELS,
                 threshold: float = DEFAULT_THRESHOLD) -> tuple[int, list[Finding]]:
    """:func:`check_questions` over (question, stored folded stem or None) pairs read one at a time.

    Only each question's id, duplicate key and folded text are kept for the
    bank-wide scans, never the questions: memory is a fraction of the bank's.
    Returns how many questions were checked, and the findings.
    """
    return check_fields(((question_fields(q), stem) for q, stem in items), levels=levels, threshold=threshold)


def check_fields(items: Iterable[tuple[Fields, str | None]], *, levels: Sequence[str] = DEFAULT_LEVELS,
                 threshold: float = DEFAULT_THRESHOLD) -> tuple[int, list[Finding]]:
    """:func:`check_stream` of questions as mappings of their fields (``core.questions.fields``)."""
    with gc_paused():  # millions of small strings and lists, no cycles: see core/store/bulk.py
        scan = _scan(items, levels)
        return len(scan.ids), scan.findings + _duplicates(scan, threshold, in_two=False)


Rows = Iterable[tuple[str, dict, "str | None"]]


def check_halves(first: Callable[[], Rows], second: Callable[[], Rows], *, levels: Sequence[str] = DEFAULT_LEVELS,
                 threshold: float = DEFAULT_THRESHOLD) -> tuple[int, list[Finding]]:
    """:func:`check_questions` of the (id, stored body, stored folded stem) rows *first* then *second* return.

    No Question is built (building every Question and Option was a third of
    ``questions check``'s time, issue #16), and two cores are used when one is free: a
    forked child (``core.second_process``) checks the second half's
    questions one by one, and later compares half of the near-duplicate
    blocks, while this process does the rest; without a child (a busy
    machine, not Linux) or when it fails, this process does it all.  The
    findings are the same either way, in the same order.  *second* runs in
    the child: it must open its own database connection.
    """
    def scan(rows: Callable[[], Rows]) -> _Scan:
        return _scan(((body_fields(qid, body), stem) for qid, body, stem in rows()), levels)

    with gc_paused():
        child = second_process.start(lambda: scan(second))
        try:
            found = scan(first)
        except BaseException:
            if child is not None:
                child.stop()
            raise
        other = child.result() if child is not None else None
        found.extend(other if other is not None else scan(second))
        return len(found.ids), found.findings + _duplicates(found, threshold, in_two=True)


@dataclass
class _Scan:
    """What the bank-wide scans keep of each question checked, and the findings of each alone."""

    findings: list[Finding] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def extend(self, other: _Scan) -> None:
        self.findings += other.findings
        self.ids += other.ids
        self.keys += other.keys
        self.texts += other.texts


def _scan(items: Iterable[tuple[Fields, str | None]], levels: Sequence[str]) -> _Scan:
    scan = _Scan()
    levels_folded = frozenset(fold(level) for level in levels)
    for question, stem in items:
        folded = Folded.of(question, stem)
        scan.findings.extend(_findings(question, levels, folded, levels_folded))
        scan.ids.append(question["id"])
        scan.keys.append(folded.key)
        scan.texts.append(folded.text)
    return scan


def _duplicates(scan: _Scan, threshold: float, *, in_two: bool) -> list[Finding]:
    """Exact duplicate groups, then near-duplicate pairs not already in a group."""
    return without_exact(_exact_groups(scan.ids, scan.keys), _near_pairs(scan.ids, scan.texts, threshold,
                                                                        in_two=in_two))


def without_exact(exact: list[Finding], near: list[Finding]) -> list[Finding]:
    """*exact* groups, then the *near* pairs that are not one of them (a pair both near and exact is said once)."""
    paired = {frozenset(f.question_ids) for f in exact}
    return exact + [f for f in near if frozenset(f.question_ids) not in paired]


def question_findings(question: Question, levels: Sequence[str] = DEFAULT_LEVELS,
                      folded: Folded | None = None) -> list[Finding]:
    """Problems of one question taken alone."""
    fields = question_fields(question)
    return _findings(fields, levels, folded or Folded.of(fields), frozenset(fold(level) for level in levels))


def fields_findings(question: Fields, levels: Sequence[str], folded: Folded,
                    levels_folded: frozenset[str]) -> list[Finding]:
    """Problems of one question taken alone, as a bank scan finds them (*levels_folded*: ``fold`` of each level)."""
    return _findings(question, levels, folded, levels_folded)


def _findings(question: Fields, levels: Sequence[str], folded: Folded,
              levels_folded: frozenset[str]) -> list[Finding]:
    messages = _key_messages(question)
    messages += _option_messages(question, folded)
    messages += _metadata_messages(question, levels, levels_folded)
    if question["type"] == "essay":
        messages += _rubric_messages(question)
    return [Finding(code, [question["id"]], message) for code, message in messages] if messages else []


def _key_messages(question: Fields) -> list[tuple[str, str]]:
    qtype, options = question["type"], question["options"]
    count = sum(1 for option in options if option["correct"])  # rules.correct_count
    if qtype == "single_choice" and count != 1:
        if count == 0:
            return [("no_correct", _("không có phương án đúng"))]
        return [("several_correct", _("câu một đáp án có {n} phương án đúng").format(n=count))]
    if qtype == "multiple_choice" and count == 0:
        return [("no_correct", _("không có phương án đúng"))]
    if qtype == "true_false_4" and len(options) != 4:
        return [("true_false_count", _("câu Đúng/Sai cần 4 ý, có {n}").format(n=len(options)))]
    if qtype == "short_answer" and not question["answers"]:
        return [("no_answer", _("câu trả lời ngắn chưa có đáp án"))]
    return []


def _option_messages(question: Fields, folded: Folded) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    texts = [text for text in folded.options if text]
    if len(set(texts)) != len(texts):  # rare: then say which, as the first repeated in option order
        repeated = [text for text, n in Counter(texts).items() if n > 1]
        found.append(("duplicate_options", _("có phương án trùng nhau: {text}").format(text=repeated[0])))
    for option, option_fold in zip(question["options"], folded.option_folds, strict=True):
        if not option["pinned"] and refers_folded(option_fold):
            found.append(("unpinned_reference", _("phương án \"{text}\" cần được giữ cố định khi trộn").format(
                text=option["text"])))
    return found


def _metadata_messages(question: Fields, levels: Sequence[str], levels_folded: frozenset[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    level = question["level"]
    if not level:
        found.append(("missing_level", _("chưa có mức độ")))
    elif level not in levels and fold(level) not in levels_folded:
        found.append(("unknown_level", _("mức độ \"{level}\" không có trong danh sách").format(level=level)))
    if not question["topic_ids"]:
        found.append(("missing_topic", _("chưa gắn với chuyên đề nào")))
    return found


def _rubric_messages(question: Fields) -> list[tuple[str, str]]:
    rubric = question["rubric"]
    if not rubric:
        return [("missing_rubric", _("câu tự luận chưa có đáp án và hướng dẫn chấm"))]
    total = sum(item.points for item in rubric)
    if abs(total - question["points"]) > 1e-6:
        from lecturer_app.core.questions.rules import format_points

        return [("rubric_points", _("tổng điểm hướng dẫn chấm {total} khác điểm câu hỏi {points}").format(
            total=ui_number(format_points(total)), points=ui_number(format_points(question["points"]))))]
    return []


# --- Duplicates across the bank ------------------------------------------------


def _exact_groups(ids: Sequence[str], keys: Sequence[str]) -> list[Finding]:
    groups: dict[str, list[str]] = defaultdict(list)
    for question_id, key in zip(ids, keys):
        groups[key].append(question_id)
    return [exact_finding(group) for group in groups.values() if len(group) > 1]


def exact_finding(group: list[str]) -> Finding:
    """The finding of questions *group* (in bank order) sharing one duplicate key."""
    return Finding("exact_duplicate", group, _("{n} câu hỏi trùng nhau").format(n=len(group)))


def near_finding(first: str, second: str, score: float) -> Finding:
    """The finding of two questions (in bank order) whose texts are *score* % similar."""
    return Finding("near_duplicate", [first, second], _("hai câu hỏi gần giống nhau ({score:.0f}%)").format(
        score=score), score)


def comparable_text(question: Question) -> str:
    """The folded text two questions are compared on: stem and options."""
    return folded_words(" ".join([question.stem, *(o.text for o in question.options)]))


def near_duplicates(questions: Sequence[Question], threshold: float = DEFAULT_THRESHOLD,
                    texts: Sequence[str] | None = None) -> list[Finding]:
    """Pairs of different questions whose folded texts are ≥ *threshold* % similar."""
    texts = list(texts) if texts is not None else [comparable_text(q) for q in questions]
    return _near_pairs([q.id for q in questions], texts, threshold)


def _near_pairs(ids: Sequence[str], texts: Sequence[str], threshold: float, *,
                in_two: bool = False) -> list[Finding]:
    lengths = [len(t) for t in texts]
    blocks = _blocks(texts)
    # Each block's pairs depend on that block only: with *in_two*, a forked child compares the last
    # blocks (about half the texts) meanwhile.  Pairs are kept in the order one process finds them.
    half = _half(blocks) if in_two else len(blocks)
    child = second_process.start(lambda: _similar(blocks[half:], texts, lengths, threshold)) if in_two else None
    try:
        similar = _similar(blocks[:half], texts, lengths, threshold)
    except BaseException:
        if child is not None:
            child.stop()
        raise
    rest = child.result() if child is not None else None
    similar += rest if rest is not None else _similar(blocks[half:], texts, lengths, threshold)
    pairs: dict[tuple[int, int], float] = {}
    for i, j, score in similar:
        pairs[(i, j) if i < j else (j, i)] = score
    return [near_finding(ids[i], ids[j], score) for (i, j), score in sorted(pairs.items(), key=lambda item: -item[1])]


def block_pairs(texts: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """(i, j, score) of the close pairs of one block's *texts* (in bank order), in the order a scan finds them."""
    return _similar([list(range(len(texts)))], texts, [len(t) for t in texts], threshold)


def _half(blocks: list[list[int]]) -> int:
    """Where to cut *blocks* so both parts hold about as many texts (the comparisons grow with them)."""
    total, running = sum(len(b) for b in blocks), 0
    for index, block in enumerate(blocks):
        running += len(block)
        if 2 * running >= total:
            return index + 1
    return len(blocks)


def _similar(blocks: list[list[int]], texts: Sequence[str], lengths: list[int],
             threshold: float) -> list[tuple[int, int, float]]:
    """(i, j, score) of each close pair of different texts, neighbours by length in a block, in block order.

    Each text is compared with its next WINDOW neighbours no more than MAX_LENGTH_RATIO times as long in one
    ``process.extract`` call: rapidfuzz then prepares the text once for its neighbours and loops in C, the
    same ``ratio`` scores as a call per pair (which was a third of ``questions check``, issue #16).
    """
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import extract

    found = []
    for block in blocks:
        block.sort(key=lengths.__getitem__)
        block_lengths = [lengths[i] for i in block]
        block_texts = [texts[i] for i in block]
        size = len(block)
        for pos, i in enumerate(block):
            # The block is sorted by length: the neighbours in reach end at the first one too long.
            reach = MAX_LENGTH_RATIO * (lengths[i] or 1)
            end = bisect_right(block_lengths, reach, pos + 1, min(size, pos + 1 + WINDOW))
            if end == pos + 1:
                continue
            text = block_texts[pos]
            close = extract(text, block_texts[pos + 1:end], scorer=ratio, processor=None, score_cutoff=threshold,
                            limit=None)
            for other, score, offset in sorted(close, key=lambda hit: hit[2]):  # in neighbour order
                if score and text != other:
                    found.append((i, block[pos + 1 + offset], score))
    return found


def scan_blocks(texts: Sequence[str]) -> list[list[int]]:
    """The near-duplicate blocks a scan of *texts* (in bank order) makes, in its order: indexes in bank order."""
    return _blocks(texts)


def _blocks(texts: Sequence[str]) -> list[list[int]]:
    """Indexes grouped by shared rare words (each text lands in ≤ BLOCK_WORDS blocks).

    A text's block words are its BLOCK_WORDS rarest words, fewest texts first and then alphabetically,
    among the words of more than one letter that another text has too.  Each word gets its place in that
    order once, so a text's choice is a C sort of integers (no set: a word a text repeats is skipped as it
    comes again).  The words are split twice rather than kept: a set per text was most of the peak memory
    of ``questions check`` at 200,000 questions (issue #16).
    """
    frequency: Counter[str] = Counter()
    for text in texts:
        frequency.update(set(text.split()))  # one-letter words counted too (in C), never chosen below
    # A word no other text has cannot pair anything: it ranks with the one-letter words, after all others.
    order = sorted([(count, word) for word, count in frequency.items() if count > 1 and len(word) > 1])
    never = len(order)
    rank = dict.fromkeys(frequency, never)
    rank.update((word, place) for place, (_count, word) in enumerate(order))
    blocks: dict[int, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        chosen: list[int] = []
        for place in sorted(map(rank.__getitem__, text.split())):  # a repeated word comes twice: skipped
            if place == never:
                break
            if not chosen or place != chosen[-1]:
                chosen.append(place)
                blocks[place].append(index)
                if len(chosen) == BLOCK_WORDS:
                    break
    return [members for members in blocks.values() if len(members) > 1]
