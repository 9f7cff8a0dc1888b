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

from lecturer_app.core.model import Question
from lecturer_app.core.store.record_store import Store

_WORD = re.compile(r"[^\W_]+")
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
    return " ".join(_WORD.findall(text_folded))


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
    return key_of(question.stem, [o.text for o in question.options], question.answers)


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
    rows = store.db.execute(
        "SELECT id, json_extract(body, '$.stem'), json_extract(body, '$.options'), "
        "json_extract(body, '$.answers') FROM questions").fetchall()
    for record_id, stem, options, answers in rows:
        texts = [o.get("text", "") for o in json.loads(options or "[]")]
        keys.setdefault(key_of(stem or "", texts, json.loads(answers or "[]")), record_id)
    return keys


def merge_questions(store: Store, keep_id: str, drop_ids: list[str]) -> Question:
    """Merge duplicates into *keep_id*: topics and tags are united, the others deleted.

    One transaction; the deleted questions keep their history and can be restored.
    """
    with store.transaction():
        keep = store.require(Question, keep_id)
        for drop_id in drop_ids:
            if drop_id == keep_id:
                continue
            other = store.require(Question, drop_id)
            keep.topic_ids += [t for t in other.topic_ids if t not in keep.topic_ids]
            keep.tags += [t for t in other.tags if t not in keep.tags]
            store.delete(drop_id, summary=f"Gộp vào câu hỏi {keep_id[:10]}")
        store.save(keep, summary="Gộp câu hỏi trùng")
    return keep
