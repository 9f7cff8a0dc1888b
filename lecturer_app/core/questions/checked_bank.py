"""Kiểm tra chất lượng of a bank kept up to date: after a change only what the change can affect is checked.

A :class:`CheckedBank` keeps, for every question it has read, what the
bank-wide check (``quality.check_questions``) computes of it: its own
findings, its duplicate key, its folded text and the near-duplicate blocks
it is in (and, as Questions, only those the findings name).  :meth:`CheckedBank.update` reads which questions were
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
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from lecturer_app.core.model import DEFAULT_LEVELS, Question
from lecturer_app.core.questions.fields import Fields, body_fields
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

# A word held by this many questions or fewer has its holders indexed (_to_choose_again).
RARE = 1024
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


@dataclass(slots=True)
class _Item:
    """What the check keeps of one question: no Question, no set of its words.

    Each object kept is one more for every full collection of the cyclic GC
    to walk, on whichever thread it falls (the GUI's too): keeping each
    Question, its Options and a set of its words made a full collection at
    50,000 questions take 1.0 s (the panel keeping the Questions, before:
    0.55 s; now ~0.1 s; measured once), and one «Lưu» 0.5 s of the GUI
    thread's CPU in the benchmark.
    """

    head: Head
    key: str
    text: str  # folded stem and options: its words (``text.split()``) are split again when needed
    findings: tuple[Finding, ...]
    chosen: tuple[str, ...] = ()  # its block words, rarest first


class CheckedBank:
    """The findings of one bank for *levels* and *threshold*, updated by :meth:`update` (any thread, one at a time)."""

    def __init__(self, levels: Sequence[str] = DEFAULT_LEVELS, threshold: float = DEFAULT_THRESHOLD, *,
                 rare: int = RARE) -> None:
        self.levels, self.threshold, self._rare = tuple(levels), threshold, rare
        self._levels_folded = frozenset(fold(level) for level in self.levels)
        # Two checks may run on the runner's workers at once (a newer one asked meanwhile): one updates at a time.
        self._lock = threading.Lock()
        self._items: dict[str, _Item] = {}
        self._count: Counter[str] = Counter()  # word → how many texts hold it
        # word → the questions whose text holds it, for every word of *rare* questions or fewer (and up to twice as
        # many: a word going up and down around the limit is not indexed again each time).  A common word's
        # holders are most of the index and are not needed (_to_choose_again).
        self._holders: dict[str, set[str]] = {}
        self._blocks: dict[str, set[str]] = {}  # word → the questions that chose it as a block word
        # block word → (its first question's row, its close pairs as a scan finds them), for blocks of two or more
        self._pairs: dict[str, tuple[int, list[tuple[str, str, float]]]] = {}
        self._by_key: dict[str, set[str]] = {}  # duplicate key → questions
        self._shared_keys: set[str] = set()  # keys of two questions or more
        self._flagged: set[str] = set()  # questions with findings of their own
        self._named: dict[str, Question] = {}  # the questions the last findings name (stems, previews)

    def update(self, store: Store, report: Callable[..., None] | None = None) -> BankCheck:
        """Read what was written since the last update and check it; the bank's findings.

        *report* (an operation's) is called once the bank is read and before
        anything kept changes, so a cancelled check leaves this as it was.  An
        error halfway empties it: the next update checks everything.
        """
        # GC paused: the heads read and the sets made set off collections that walk the whole heap (most of the
        # time of an update after one save, before).  One read transaction: the questions the findings name are
        # read as the bank was checked.
        with self._lock, gc_paused(), store.db.atomic(immediate=False):
            heads, seq, written, just_read = self._read_since(store)
            if report is not None:
                report(1, 2)
            try:
                self._apply(heads, written)
                findings = self._findings()
                return BankCheck(findings, self._name(store, findings, just_read), len(self._items), seq,
                                 len(written))
            except BaseException:
                self._forget_all()
                raise

    def _read_since(self, store: Store) -> tuple[dict[str, Head], int, list[tuple[str, _Item]], dict[str, Question]]:
        """The bank's heads and feed position, the questions whose head differs from the one kept (read and checked
        alone, not kept yet), and those of them with findings of their own as Questions (the findings name them).

        No Question is built for the others: reading every stored body into a
        Question and its Options was a third of the first check's CPU and most of
        its peak memory.  The caller holds one read transaction around it.
        """
        seq = last_seq(store.db)
        heads = question_rows.heads(store.db)
        kept = self._items
        changed = [qid for qid, head in heads.items() if (item := kept.get(qid)) is None or item.head != head]
        written: list[tuple[str, _Item]] = []
        just_read: dict[str, Question] = {}
        for qid, body, stem in _rows(store, changed, len(heads)):
            item = self._item(body_fields(qid, body), stem, heads[qid])
            written.append((qid, item))
            if item.findings:
                just_read[qid] = Question.from_body(qid, body)
        return heads, seq, written, just_read

    def _forget_all(self) -> None:
        self._items.clear()
        for index in (self._count, self._holders, self._blocks, self._pairs, self._by_key):
            index.clear()
        self._shared_keys.clear()
        self._flagged.clear()
        self._named.clear()

    # Applying a change --------------------------------------------------------------------------------

    def _apply(self, heads: dict[str, Head], written: list[tuple[str, _Item]]) -> None:
        if not self._items:
            self._apply_first(written)
            return
        counts_before: dict[str, int] = {}
        dirty_blocks: set[str] = set()
        dirty_keys: set[str] = set()
        for qid in [qid for qid in self._items if qid not in heads]:
            self._remove(qid, counts_before, dirty_blocks, dirty_keys)
        for qid, item in written:
            if qid in self._items:
                self._remove(qid, counts_before, dirty_blocks, dirty_keys)
            self._add(qid, item, counts_before, dirty_keys)
        moved = {word: before for word, before in counts_before.items() if self._count.get(word, 0) != before}
        self._index_rare([word for word in moved if 0 < self._count.get(word, 0) <= self._rare
                          and word not in self._holders])
        # A question written was taken out of its blocks (_remove: they are compared again) and chooses anew.
        for qid in self._to_choose_again(moved, [qid for qid, _item in written]):
            dirty_blocks |= self._choose(qid)
        self._compare(dirty_blocks)
        self._share(dirty_keys)

    def _apply_first(self, written: list[tuple[str, _Item]]) -> None:
        """The first update: every question is new and chooses, so no count's move is followed word by word.

        As ``quality._blocks`` does: every word gets its rank once, so a text's
        choice is a C sort of integers, and the same pass over the texts indexes
        the holders of the rare words.
        """
        count = self._count
        for qid, item in written:
            self._keep(qid, item)
            count.update(set(item.text.split()))  # in C
        # A word no other text holds, or of one letter, is never chosen: it ranks after every other.
        order = sorted([(n, word) for word, n in count.items() if n > 1 and len(word) > 1])
        never = len(order)
        rank = dict.fromkeys(count, never)
        rank.update((word, place) for place, (_n, word) in enumerate(order))
        rare = {word for word, n in count.items() if n <= self._rare}
        holders, blocks = self._holders, self._blocks
        for word in rare:
            holders[word] = set()
        for qid, item in written:
            words = item.text.split()
            for word in rare.intersection(words):
                holders[word].add(qid)
            item.chosen = chosen = _rarest(sorted(map(rank.__getitem__, words)), never, order)
            for word in chosen:
                blocks.setdefault(word, set()).add(qid)
        self._compare(list(self._blocks))
        self._share(list(self._by_key))

    def _share(self, keys: Iterable[str]) -> None:
        for key in keys:
            holders = self._by_key.get(key, set())
            (self._shared_keys.add if len(holders) > 1 else self._shared_keys.discard)(key)

    def _remove(self, qid: str, counts_before: dict[str, int], dirty_blocks: set[str], dirty_keys: set[str]) -> None:
        item = self._items.pop(qid)
        self._named.pop(qid, None)
        for word in set(item.text.split()):
            counts_before.setdefault(word, self._count[word])
            self._count[word] -= 1
            if not self._count[word]:
                del self._count[word]
            _discard(self._holders, word, qid)  # a word rare again is indexed again by _index_rare
        for word in item.chosen:
            _discard(self._blocks, word, qid)
            dirty_blocks.add(word)
        _discard(self._by_key, item.key, qid)
        dirty_keys.add(item.key)
        self._flagged.discard(qid)

    def _add(self, qid: str, item: _Item, counts_before: dict[str, int], dirty_keys: set[str]) -> None:
        self._keep(qid, item)
        dirty_keys.add(item.key)
        for word in set(item.text.split()):
            counts_before.setdefault(word, self._count[word])
            count = self._count[word] = self._count[word] + 1
            if count == 1:
                self._holders[word] = {qid}
            elif word in self._holders:
                if count > 2 * self._rare:
                    del self._holders[word]
                else:
                    self._holders[word].add(qid)

    def _item(self, fields: Fields, stem_folded: str | None, head: Head) -> _Item:
        """Fold and check one question alone (*stem_folded*: its stem as the read table keeps it folded)."""
        folded = Folded.of(fields, stem_folded)
        return _Item(head, folded.key, folded.text,
                     tuple(fields_findings(fields, self.levels, folded, self._levels_folded)))

    def _keep(self, qid: str, item: _Item) -> None:
        """Keep *item* and its duplicate key; its words are counted by the caller."""
        self._items[qid] = item
        self._by_key.setdefault(item.key, set()).add(qid)
        if item.findings:
            self._flagged.add(qid)

    def _index_rare(self, words: list[str]) -> None:
        """Index the holders of *words* (rare again after being common, or all rare ones at first): one pass over
        the bank's texts."""
        if not words:
            return
        wanted = set(words)
        for word in words:
            self._holders[word] = set()
        for qid, item in self._items.items():
            for word in wanted.intersection(item.text.split()):
                self._holders[word].add(qid)

    def _to_choose_again(self, moved: dict[str, int], written: list[str]) -> set[str]:
        """The questions whose block words the count changes *moved* (word → count before) may change.

        A text's block words are its BLOCK_WORDS smallest (count, word) among
        words of two letters or more that another text holds too.  A word's
        count moving changes a text's choice only if the word is chosen, or
        comes to rank before the text's last chosen word (its count went down),
        or can be chosen at all from now on (it went from one text to more).
        """
        again = set(written)
        if len(again) == len(self._items):  # every question was written (a restored backup): everyone chooses
            return again
        ranked_blocks: list[tuple[int, str]] = []
        for word, before in moved.items():
            again |= self._blocks.get(word, set())
            if len(word) < 2:
                continue
            after = self._count.get(word, 0)
            if before <= 1 < after:
                again |= self._holders[word]
            elif 1 < after < before:
                if word in self._holders:
                    holders: Iterable[str] = self._holders[word]
                else:  # common: only a question that chose a still commoner word can take it instead
                    ranked_blocks = ranked_blocks or sorted((self._count[b], b) for b in self._blocks)
                    holders = self._commoner_choosers(ranked_blocks, (after, word))
                again.update(qid for qid in holders if self._may_rank_before(word, after, qid))
        return {qid for qid in again if qid in self._items}

    def _commoner_choosers(self, ranked_blocks: list[tuple[int, str]], key: tuple[int, str]) -> list[str]:
        """The questions holding *key*'s word that chose a word ranked after it.

        One that chose fewer than BLOCK_WORDS chose every word it may: this
        one too, so it is among the word's block (_to_choose_again takes it).
        """
        word = key[1]
        choosers: set[str] = set()
        for _count, block in ranked_blocks[bisect_right(ranked_blocks, key):]:
            choosers |= self._blocks[block]
        return [qid for qid in choosers if qid in self._items and word in self._items[qid].text.split()]

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
        ranked = sorted((count[word], word) for word in set(item.text.split()) if len(word) > 1 and count[word] > 1)
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

    def _findings(self) -> list[Finding]:
        own = [f for qid in sorted(self._flagged, key=self._row) for f in self._items[qid].findings]
        groups = sorted((sorted(self._by_key[key], key=self._row) for key in self._shared_keys),
                        key=lambda group: self._row(group[0]))
        return own + without_exact([exact_finding(group) for group in groups], self._near())

    def _name(self, store: Store, findings: list[Finding], just_read: dict[str, Question]) -> dict[str, Question]:
        """The questions *findings* name: kept from the last update, just read (*just_read*), or read now."""
        named = dict.fromkeys(qid for finding in findings for qid in finding.question_ids)
        kept = {qid: just_read.get(qid) or self._named.get(qid) for qid in named}
        missing = [qid for qid, question in kept.items() if question is None]
        for start in range(0, len(missing), _IDS_PER_STATEMENT):
            kept.update((q.id, q) for q in _select_ids(store, missing[start:start + _IDS_PER_STATEMENT]))
        self._named = {qid: q for qid, q in kept.items() if q is not None}
        return dict(self._named)

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


def _rarest(places: list[int], never: int, order: list[tuple[int, str]]) -> tuple[str, ...]:
    """The BLOCK_WORDS first different words of a text's sorted ranks *places* (a repeated word comes twice)."""
    chosen: list[int] = []
    for place in places:
        if place == never:
            break
        if not chosen or place != chosen[-1]:
            chosen.append(place)
            if len(chosen) == BLOCK_WORDS:
                break
    return tuple(order[place][1] for place in chosen)


def _rows(store: Store, ids: list[str], bank_size: int) -> Iterator[tuple[str, dict, str | None]]:
    """(id, stored body, stored folded stem) of the questions *ids*, a batch of rows at a time."""
    if len(ids) > bank_size // 2:  # the first read, a restored backup: one scan in row order, as a full check reads
        wanted = set(ids)
        rows = store.iter_bodies_with(Question, ["stem_folded"], order_by="rowid")
        yield from ((qid, body, stem) for qid, body, (stem,) in rows if qid in wanted)
        return
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        chunk = ids[start:start + _IDS_PER_STATEMENT]
        rows = store.iter_bodies_with(Question, ["stem_folded"], f"id IN ({','.join('?' * len(chunk))})", chunk)
        yield from ((qid, body, stem) for qid, body, (stem,) in rows)


def _select_ids(store: Store, ids: list[str]) -> list[Question]:
    return store.select(Question, f"id IN ({','.join('?' * len(ids))})", ids)
