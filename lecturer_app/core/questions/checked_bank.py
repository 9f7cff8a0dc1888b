"""Kiểm tra chất lượng of a bank kept up to date: after a change only what the change can affect is checked.

A :class:`CheckedBank` keeps, for every question it has read, what the
bank-wide check (``quality.check_questions``) computes of it: its own
findings, its duplicate key, its folded text and words, and the near-duplicate
blocks it is in.  :meth:`CheckedBank.update` reads which questions were
written since (``question_rows.heads``: the row and head revision of each,
~30 ms at 50,000) and works again only on

* the questions written, added or deleted: folded and checked alone;
* the duplicate keys they had or have (exact duplicates);
* the questions whose block words a changed word count can move (a text's
  block words are its two rarest shared words, so a question's blocks depend
  on the counts of its words across the bank), and then only the blocks whose
  members or members' texts changed are compared again (rapidfuzz).

The findings are those ``check_questions`` gives for the bank read in row
order, in the same order (``tests/core/test_checked_bank_matches_a_full_check.py``
holds it to that over random edits, deletions and imports): the per-question
findings in row order, the exact groups by their first question, the near
pairs by score and then in the order a full scan meets them (blocks by their
first question and that question's choice of words; inside a block, by
length then row).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lecturer_app.core.model import DEFAULT_LEVELS, Question
from lecturer_app.core.questions.fields import question_fields
from lecturer_app.core.questions.quality import (
    BLOCK_WORDS,
    DEFAULT_THRESHOLD,
    Finding,
    Folded,
    block_pairs,
    exact_finding,
    fields_findings,
    near_finding,
    without_exact,
)
from lecturer_app.core.store import question_rows
from lecturer_app.core.store.bulk import gc_paused
from lecturer_app.core.store.changes import last_seq
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import fold

Head = tuple[int, int]  # (read row: the bank's order, head revision's feed position: the body)
_IDS_PER_STATEMENT = 500


@dataclass(frozen=True)
class BankCheck:
    """One answer of :meth:`CheckedBank.update`.

    Attributes:
        findings: what ``check_questions`` finds in the bank as read, in its order.
        questions: the questions the findings name (their stems and previews are shown).
        count: how many questions were checked.
        seq: the change feed's position the bank was read at.
        rechecked: how many questions were read and checked alone again (all of them the first time).
    """

    findings: list[Finding]
    questions: dict[str, Question]
    count: int
    seq: int
    rechecked: int


@dataclass
class _Item:
    """What the check keeps of one question."""

    head: Head
    question: Question
    key: str
    text: str
    words: frozenset[str]
    findings: list[Finding]
    chosen: tuple[str, ...] = ()  # its block words, rarest first


class CheckedBank:
    """The findings of one bank for *levels* and *threshold*, updated by :meth:`update` (any thread, one at a time)."""

    def __init__(self, levels: Sequence[str] = DEFAULT_LEVELS, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.levels, self.threshold = tuple(levels), threshold
        self._levels_folded = frozenset(fold(level) for level in self.levels)
        # Two checks may run on the runner's workers at once (a newer one asked meanwhile): one updates at a time.
        self._lock = threading.Lock()
        self._items: dict[str, _Item] = {}
        self._count: Counter[str] = Counter()  # word → how many texts hold it
        self._holders: dict[str, set[str]] = {}  # word → the questions whose text holds it
        self._blocks: dict[str, set[str]] = {}  # word → the questions that chose it as a block word
        # block word → (its first question's row, its close pairs as a scan finds them), for blocks of two or more
        self._pairs: dict[str, tuple[int, list[tuple[str, str, float]]]] = {}
        self._by_key: dict[str, set[str]] = {}  # duplicate key → questions
        self._shared_keys: set[str] = set()  # keys of two questions or more
        self._flagged: set[str] = set()  # questions with findings of their own

    def update(self, store: Store, report: Callable[..., None] | None = None) -> BankCheck:
        """Read what was written since the last update and check it; the bank's findings.

        *report* (an operation's) is called once the bank is read and before
        anything kept changes, so a cancelled check leaves this as it was.  An
        error halfway empties it: the next update checks everything.
        """
        # gc paused: with the millions of objects kept here, each collection the reads and sets set off would
        # walk them all (it was most of the time of an update after one save).
        with self._lock, gc_paused():
            heads, seq, written = _read_since(store, {qid: item.head for qid, item in self._items.items()})
            if report is not None:
                report(1, 2)
            try:
                self._apply(heads, written)
                return BankCheck(*self._findings(), len(self._items), seq, len(written))
            except BaseException:
                self._forget_all()
                raise

    def _forget_all(self) -> None:
        self._items.clear()
        for index in (self._count, self._holders, self._blocks, self._pairs, self._by_key):
            index.clear()
        self._shared_keys.clear()
        self._flagged.clear()

    # Applying a change --------------------------------------------------------------------------------

    def _apply(self, heads: dict[str, Head], written: list[Question]) -> None:
        counts_before: dict[str, int] = {}
        dirty_blocks: set[str] = set()
        dirty_keys: set[str] = set()
        for qid in [qid for qid in self._items if qid not in heads]:
            self._remove(qid, counts_before, dirty_blocks, dirty_keys)
        for question in written:
            if question.id in self._items:
                self._remove(question.id, counts_before, dirty_blocks, dirty_keys)
            self._add(question, heads[question.id], counts_before, dirty_keys)
        moved = {word: before for word, before in counts_before.items() if self._count.get(word, 0) != before}
        # A question written was taken out of its blocks (_remove: they are compared again) and chooses anew.
        for qid in self._to_choose_again(moved, [q.id for q in written]):
            dirty_blocks |= self._choose(qid)
        self._compare(dirty_blocks)
        for key in dirty_keys:
            holders = self._by_key.get(key, set())
            (self._shared_keys.add if len(holders) > 1 else self._shared_keys.discard)(key)

    def _remove(self, qid: str, counts_before: dict[str, int], dirty_blocks: set[str], dirty_keys: set[str]) -> None:
        item = self._items.pop(qid)
        for word in item.words:
            counts_before.setdefault(word, self._count[word])
            self._count[word] -= 1
            if not self._count[word]:
                del self._count[word]
            _discard(self._holders, word, qid)
        for word in item.chosen:
            _discard(self._blocks, word, qid)
            dirty_blocks.add(word)
        _discard(self._by_key, item.key, qid)
        dirty_keys.add(item.key)
        self._flagged.discard(qid)

    def _add(self, question: Question, head: Head, counts_before: dict[str, int], dirty_keys: set[str]) -> None:
        fields = question_fields(question)
        folded = Folded.of(fields)
        text = folded.text
        item = _Item(head, question, folded.key, text, frozenset(text.split()),
                     fields_findings(fields, self.levels, folded, self._levels_folded))
        self._items[question.id] = item
        for word in item.words:
            counts_before.setdefault(word, self._count[word])
            self._count[word] += 1
            self._holders.setdefault(word, set()).add(question.id)
        self._by_key.setdefault(item.key, set()).add(question.id)
        dirty_keys.add(item.key)
        if item.findings:
            self._flagged.add(question.id)

    def _to_choose_again(self, moved: dict[str, int], written: list[str]) -> set[str]:
        """The questions whose block words the count changes *moved* (word → count before) may change.

        A text's block words are its BLOCK_WORDS smallest (count, word) among
        words of two letters or more that another text holds too.  A word's
        count moving changes a text's choice only if the word is chosen, or
        comes to rank before the text's last chosen word (its count went down),
        or can be chosen at all from now on (it went from one text to more).
        """
        again = set(written)
        for word, before in moved.items():
            again |= self._blocks.get(word, set())
            if len(word) < 2:
                continue
            after = self._count.get(word, 0)
            if before <= 1 < after:
                again |= self._holders.get(word, set())
            elif 1 < after < before:
                again.update(qid for qid in self._holders.get(word, ()) if self._may_rank_before(word, after, qid))
        return {qid for qid in again if qid in self._items}

    def _may_rank_before(self, word: str, count: int, qid: str) -> bool:
        chosen = self._items[qid].chosen
        if len(chosen) < BLOCK_WORDS:
            return True
        last = chosen[-1]
        return (count, word) < (self._count[last], last)

    def _choose(self, qid: str) -> set[str]:
        """Choose the question's block words again; the blocks that gained or lost it."""
        item = self._items[qid]
        count = self._count
        ranked = sorted((count[word], word) for word in item.words if len(word) > 1 and count[word] > 1)
        chosen = tuple(word for _count, word in ranked[:BLOCK_WORDS])
        if chosen == item.chosen:
            return set()
        for word in item.chosen:
            _discard(self._blocks, word, qid)
        for word in chosen:
            self._blocks.setdefault(word, set()).add(qid)
        changed = set(item.chosen) | set(chosen)
        item.chosen = chosen
        return changed

    def _compare(self, words: Iterable[str]) -> None:
        """Compare the members of blocks *words* again (a block of one has no pairs and is not kept)."""
        for word in words:
            members = self._blocks.get(word, set())
            if len(members) < 2:
                self._pairs.pop(word, None)
                continue
            ids = sorted(members, key=self._row)
            texts = [self._items[qid].text for qid in ids]
            self._pairs[word] = (self._row(ids[0]),
                                 [(ids[i], ids[j], score) for i, j, score in block_pairs(texts, self.threshold)])

    def _row(self, qid: str) -> int:
        return self._items[qid].head[0]

    # The findings, in the full check's order ------------------------------------------------------------

    def _findings(self) -> tuple[list[Finding], dict[str, Question]]:
        own = [f for qid in sorted(self._flagged, key=self._row) for f in self._items[qid].findings]
        groups = sorted((sorted(self._by_key[key], key=self._row) for key in self._shared_keys),
                        key=lambda group: self._row(group[0]))
        found = own + without_exact([exact_finding(group) for group in groups], self._near())
        named = {qid for finding in found for qid in finding.question_ids}
        return found, {qid: self._items[qid].question for qid in named}

    def blocks(self) -> list[list[str]]:
        """The near-duplicate blocks kept, as ``quality.scan_blocks`` of the whole bank makes them (ids)."""
        with self._lock:
            return [sorted(self._blocks[word], key=self._row) for word in self._block_order()]

    def _block_order(self) -> list[str]:
        """The words of the blocks of two or more, in the order a scan makes the blocks.

        A scan makes a block when its first question (in row order) chooses the
        word, that question's words rarest first.
        """
        return sorted(self._pairs, key=lambda word: (self._pairs[word][0], self._count[word], word))

    def _near(self) -> list[Finding]:
        """The near pairs as ``quality._near_pairs`` lists them: by score, then in the order the scan met them."""
        pairs: dict[tuple[str, str], float] = {}
        for word in self._block_order():
            for first, second, score in self._pairs[word][1]:
                pairs[(first, second) if self._row(first) < self._row(second) else (second, first)] = score
        return [near_finding(first, second, score)
                for (first, second), score in sorted(pairs.items(), key=lambda item: -item[1])]


def _discard(index: dict[str, set[str]], word: str, qid: str) -> None:
    members = index.get(word)
    if members is not None:
        members.discard(qid)
        if not members:
            del index[word]


def _read_since(store: Store, known: dict[str, Head]) -> tuple[dict[str, Head], int, list[Question]]:
    """The bank's heads and feed position, and the questions whose head differs from *known* (in one snapshot)."""
    with store.db.atomic(immediate=False):
        seq = last_seq(store.db)
        heads = question_rows.heads(store.db)
        changed = [qid for qid, head in heads.items() if known.get(qid) != head]
        if len(changed) > len(heads) // 2:  # the first read, a restored backup: one scan, as a full check reads
            wanted = set(changed)
            return heads, seq, [q for q in store.select(Question, order_by="rowid") if q.id in wanted]
        written: list[Question] = []
        for start in range(0, len(changed), _IDS_PER_STATEMENT):
            part = changed[start:start + _IDS_PER_STATEMENT]
            written += store.select(Question, f"id IN ({','.join('?' * len(part))})", part)
        return heads, seq, written
