"""The key that says "this question is already in the bank".

Two questions are the same when their folded stems and their folded option
texts are equal, whatever the option order, case, accents, spacing or
punctuation.  Importers compute the key of each parsed question and skip it
when the bank (or an earlier item of the same file) has it.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lecturer_app.core import second_process
from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Question
from lecturer_app.core.second_core import RunQueue
from lecturer_app.core.store import summaries
from lecturer_app.core.store.changes import changed_after, last_seq
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import FOLD_SEPARATOR, fold, fold_joined
from lecturer_app.i18n import _

_WORD = re.compile(r"[^\W_]+")
# A plan keys this many questions or more in two processes when it may: below, the fork costs what it saves.
SPLIT_KEYS = 2000
# Vietnamese tone and vowel marks are all in Combining Diacritical Marks.
_MARKS = re.compile("[\u0300-\u036f]")
_TAGS = re.compile(r"<[^>]+>")


# Marks core.text.fold drops but folded_words keeps as word breaks: text with them is re-folded here.
_OTHER_MARKS = re.compile("[\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def folded_words_from_fold(text: str, text_folded: str) -> str:
    """``folded_words(text)``, from *text_folded* = ``core.text.fold(text)`` when that gives the same words.

    The questions table keeps every stem folded (``stem_folded``); a bank scan
    then only splits it into words.  Markup (``<`` survives folding, so its
    absence in the folded text proves none in *text*) and the rare marks the
    two foldings treat differently send *text* through :func:`folded_words`.
    """
    if "<" in text_folded or _OTHER_MARKS.search(text):
        return folded_words(text)
    if text_folded.isascii():  # the usual case: Vietnamese folds to ASCII
        return b" ".join(text_folded.encode("ascii").translate(_ASCII_GAPS).split()).decode("ascii")
    return " ".join(_WORD.findall(text_folded))


# ASCII bytes: every byte that is not a letter or digit (``_WORD``'s characters there) becomes a space; one
# bytes.translate and one bytes.split give ``_WORD.findall``'s words of ASCII text in C, a third of its time.
_ASCII_GAPS = bytes(byte if chr(byte).isalnum() and byte < 128 else 0x20 for byte in range(256))
# The same, keeping the separator of folds_and_words.
_ASCII_GAPS_PARTS = bytes(byte if chr(byte).isalnum() and byte < 128 or byte == 0x1F else 0x20 for byte in range(256))


# Between the texts folded together by folds_and_words (``fold_joined``'s): no word character.
_SEPARATOR = FOLD_SEPARATOR
_GAPS = re.compile("(?:[^\\w\x1f]|_)+")


def folds_and_words(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """``core.text.fold`` of each text and ``folded_words`` of each, folded in one call for them all.

    A bank scan folds every option of every question: four calls per
    question cost more than one over the options joined (folding works
    character by character, and the separator is a character of its own).
    Text the separator or the slower cases of :func:`folded_words_from_fold`
    concern is folded text by text.
    """
    if len(texts) < 2:
        folds = [fold(t) for t in texts]
        return folds, [folded_words_from_fold(t, f) for t, f in zip(texts, folds, strict=True)]
    joined = _SEPARATOR.join(texts)
    folded = fold_joined(joined, len(texts))
    if folded is None or "<" in folded or _OTHER_MARKS.search(joined):
        folds = [fold(t) for t in texts]
        return folds, [folded_words_from_fold(t, f) for t, f in zip(texts, folds, strict=True)]
    return folded.split(_SEPARATOR), _words_of_parts(folded)


def _words_of_parts(folded: str) -> list[str]:
    """``" ".join(_WORD.findall(part))`` of each part of *folded* between separators."""
    if folded.isascii():  # the usual case; the spaces beside each separator then go
        words = b" ".join(folded.encode("ascii").translate(_ASCII_GAPS_PARTS).split())
        return words.replace(b" \x1f", b"\x1f").replace(b"\x1f ", b"\x1f").decode("ascii").split(_SEPARATOR)
    # Every run between words becomes one space, the ends none.
    return [w.strip(" ") for w in _GAPS.sub(" ", folded).split(_SEPARATOR)]


def folded_words(text: str) -> str:
    """Folded text with markup, punctuation and spacing reduced to single spaces.

    The same folding as ``core.text.fold`` (đ → d, marks dropped, casefold)
    for Vietnamese, done with C-speed string operations: a bank scan folds
    every question, so this is its hot path.
    """
    if "<" in text:
        text = _TAGS.sub(" ", text)
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join(_WORD.findall(_MARKS.sub("", text).casefold()))


def dedupe_key(question: Question) -> str:
    """:func:`key_of` of *question*, its texts folded in one call (:func:`folds_and_words`: the same words).

    An import keys every question it reads; folding the stem, each option and each answer one by one cost
    twice as much (issue #16).
    """
    texts = [question.stem, *(option.text for option in question.options), *question.answers]
    words = folds_and_words(texts)[1]
    options_end = 1 + len(question.options)
    return key_of_folded(words[0], words[1:options_end], words[options_end:])


def dedupe_keys(questions: Sequence[Question], samples: RunQueue | None = None) -> list[str]:
    """:func:`dedupe_key` of each question; of a long list, the second half by a forked child when a core is free.

    Keying was nine tenths of an import's plan (issue #16).  The keys are pure
    functions of the texts, so the child's are the keys made here; a child
    that fails (or answers anything but one key per question) leaves its half
    to this process.  *samples*: the run queue as the caller sampled it around
    its own work (``core.second_core``).
    """
    half = len(questions) // 2
    child = second_process.start(lambda: [dedupe_key(q) for q in questions[half:]], samples) \
        if len(questions) >= SPLIT_KEYS else None
    if child is None:
        return [dedupe_key(question) for question in questions]
    try:
        keys = [dedupe_key(question) for question in questions[:half]]
        theirs = child.result()
    except BaseException:  # interrupted (Ctrl+C): the child's half is not wanted, and it is reaped
        child.stop()
        raise
    if not isinstance(theirs, list) or len(theirs) != len(questions) - half:
        theirs = [dedupe_key(question) for question in questions[half:]]
    return keys + theirs


def key_of(stem: str, option_texts: list[str], answers: list[str] | None = None) -> str:
    return key_of_folded(folded_words(stem), [folded_words(t) for t in option_texts],
                         [folded_words(a) for a in answers or []])


def key_of_folded(stem: str, options: list[str], answers: list[str]) -> str:
    """The key from texts already passed through :func:`folded_words` (bank scans fold once)."""
    payload = "\x1f".join([stem, *sorted(options), "\x1e", *sorted(answers)])
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


def bank_keys(store: Store) -> dict[str, str]:
    """Dedupe key → question id for every live question of the bank."""
    keys: dict[str, str] = {}
    for record_id, key in _question_keys(store):
        keys.setdefault(key, record_id)
    return keys


def _question_keys(store: Store, where: str = "", parameters: Sequence[object] = ()) -> Iterator[tuple[str, str]]:
    rows = store.db.execute(
        "SELECT id, json_extract(body, '$.stem'), json_extract(body, '$.options'), "
        "json_extract(body, '$.answers') FROM questions" + where, parameters).fetchall()
    for record_id, stem, options, answers in rows:
        texts = [o.get("text", "") for o in json.loads(options or "[]")]
        yield record_id, key_of(stem or "", texts, json.loads(answers or "[]"))


class BankKeys:
    """The bank's dedupe keys, kept current from one transaction to the next.

    A batched import checks each batch against the bank as it is then (another
    import may have added the same questions meanwhile).  Reading every
    question for each batch would cost as much as the batch itself on a big
    bank, so after the first :meth:`refresh` only the questions whose
    revisions arrived since are read again.
    """

    def __init__(self) -> None:
        # key → the ids of every live question with that key, oldest known first: the bank may hold two
        # copies (a sync, a question typed again), and deleting one must leave the key known.
        self._ids_of: dict[str, dict[str, None]] = {}
        self._key_of: dict[str, str] = {}  # question id → key
        self._seq: int | None = None

    def get(self, key: str) -> str | None:
        return next(iter(self._ids_of.get(key, ())), None)

    def refresh(self, store: Store) -> None:
        """Catch up with the bank; call it inside the transaction that writes what it checked."""
        where, parameters = "", []
        if self._seq is not None:
            where, parameters = " WHERE id IN (SELECT record_id FROM revisions WHERE seq > ?)", [self._seq]
            for (record_id,) in store.db.execute(
                    "SELECT DISTINCT record_id FROM revisions WHERE seq > ?", parameters).fetchall():
                self._forget(record_id)
        self._seq = last_seq(store.db)
        for record_id, key in _question_keys(store, where, parameters):
            self._key_of[record_id] = key
            self._ids_of.setdefault(key, {})[record_id] = None

    def add_written(self, store: Store, written: Sequence[tuple[str, str]]) -> None:
        """Take in the questions (id, key) this transaction has just written, without reading them back.

        Call inside the transaction that wrote them, after :meth:`refresh`: it holds the write lock, so
        every revision since the refresh is one of these, and the next refresh reads only newer ones.
        """
        for record_id, key in written:
            self._key_of[record_id] = key
            self._ids_of.setdefault(key, {})[record_id] = None
        self._seq = last_seq(store.db)

    def _forget(self, record_id: str) -> None:
        """Drop what *record_id* was (edited or deleted since); a live question is read again."""
        key = self._key_of.pop(record_id, None)
        ids = self._ids_of.get(key, {}) if key is not None else {}
        ids.pop(record_id, None)
        if key is not None and not ids:
            self._ids_of.pop(key, None)


@dataclass(frozen=True)
class Merge:
    """A merge of duplicates, as much as its undo (:func:`unmerge`) needs to know.

    Attributes:
        keep_id: the question kept, which took the others' topics and tags.
        drop_ids: the questions the merge deleted.
        before_rev: the kept question's revision just before the merge.
        after_rev: its revision the merge left (``before_rev`` when the merge changed nothing in it).
    """

    keep_id: str
    drop_ids: tuple[str, ...]
    before_rev: str
    after_rev: str


class MergeEditedSince(UserFacingError):
    """The kept question changed after the merge: undoing it would throw that change away."""


class FindingOutdated(UserFacingError):
    """A question of the duplicates to merge changed after the check that found them: the finding may no
    longer hold, and merging would delete what was edited since."""


def merge_questions(store: Store, keep_id: str, drop_ids: list[str]) -> Question:
    """Merge duplicates into *keep_id*: topics and tags are united, the others deleted; returns the kept one."""
    merge_duplicates(store, keep_id, drop_ids)
    return store.require(Question, keep_id)


def merge_duplicates(store: Store, keep_id: str, drop_ids: Sequence[str], *, checked_at: int | None = None) -> Merge:
    """Merge duplicates into *keep_id* (see :func:`merge_questions`); returns what :func:`unmerge` undoes.

    One transaction; the deleted questions keep their history and can be
    restored.  *checked_at*: the change feed's position the duplicates were
    found at (``query.questions_and_seq``); when one of the questions has a
    revision after it (edited, deleted, brought back, synced — here, in
    another window or the CLI), nothing is written and :class:`FindingOutdated`
    says why.  Checked inside the transaction, which holds the write lock, so
    no writer can slip in between.
    """
    with store.transaction():
        if checked_at is not None:
            require_unchanged(store, [keep_id, *drop_ids], checked_at)
        keep = store.require(Question, keep_id)
        before_rev = _head(store, keep_id)
        dropped: list[str] = []
        for drop_id in dict.fromkeys(drop_ids):
            if drop_id == keep_id:
                continue
            other = store.require(Question, drop_id)
            keep.topic_ids += [t for t in other.topic_ids if t not in keep.topic_ids]
            keep.tags += [t for t in other.tags if t not in keep.tags]
            store.delete(drop_id, summary=summaries.MERGED_INTO.format(id=keep_id[:10]))
            dropped.append(drop_id)
        saved = store.save(keep, summary=summaries.MERGE_DUPLICATES)
    return Merge(keep_id, tuple(dropped), before_rev, saved.rev_id if saved is not None else before_rev)


def require_unchanged(store: Store, question_ids: Sequence[str], checked_at: int) -> None:
    """Raise :class:`FindingOutdated` when one of *question_ids* has a revision after feed position *checked_at*."""
    if changed_after(store.db, question_ids, checked_at):
        raise FindingOutdated(_("Không gộp: câu hỏi đã được sửa, xóa hoặc đồng bộ về sau lần kiểm tra, "
                                "nên kết quả kiểm tra không còn đúng."))


def unmerge(store: Store, merge: Merge, *, summary: str) -> list[str]:
    """Undo *merge*: the kept question back to its content before, the deleted ones back; returns all their ids.

    The kept question gets a new revision holding its pre-merge content
    (``Store.restore``, as the Lịch sử's restore) and the others come back on
    their tombstones (``core.bank.history.undelete``), all in one
    transaction, so sync carries the undo like any edit.  When the kept
    question is no longer as the merge left it (edited since, here or by a
    sync), nothing is written and :class:`MergeEditedSince` says why: the
    undo would silently throw that edit away.
    """
    # Here, not at the top: every question import plans through this module, and only an undo needs history.
    from lecturer_app.core.bank.history import undelete

    with store.transaction():
        if _head(store, merge.keep_id) != merge.after_rev:
            raise MergeEditedSince(_("Không hoàn tác được việc gộp: câu hỏi được giữ đã được sửa sau khi gộp. "
                                     "Hoàn tác bây giờ sẽ làm mất chỉnh sửa đó."))
        if merge.after_rev != merge.before_rev:
            store.restore(merge.keep_id, merge.before_rev, summary=summary)
        return [merge.keep_id, *undelete(store, merge.drop_ids, summary=summary)]


def _head(store: Store, record_id: str) -> str:
    """The revision *record_id* shows now (``records.head_rev``)."""
    row = store.db.execute("SELECT head_rev FROM records WHERE id = ?", [record_id]).fetchone()
    return str(row[0]) if row else ""
