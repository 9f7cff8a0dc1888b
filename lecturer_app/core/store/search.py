"""Accent-insensitive full-text search over topics, plan sections, slides and questions.

The FTS5 index holds each text twice: the exact form (NFC, tone placement
unified) and the folded form (``core.text.fold``, which maps đ → d).  A query
with accents is run against the exact columns first, so exact-accent matches
rank first; folded matches follow.  The last word of a query is matched as a
prefix, for search-as-you-type.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from lecturer_app.core.store import question_rows
from lecturer_app.core.store.db import Database
from lecturer_app.core.text.normalize import fold, fold_with_positions, nfc, search_form

MARK_START = "["
MARK_END = "]"
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class SearchHit:
    """One result.  ``snippet`` marks matched words with ``[`` and ``]``."""

    kind: str
    record_id: str
    topic_id: str
    topic_code: str
    title: str
    snippet: str
    exact: bool

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _fts_query(words: list[str], columns: str, prefix_last: bool) -> str:
    return "{" + columns + "} : (" + _terms(words, prefix_last) + ")"


def _terms(words: list[str], prefix_last: bool) -> str:
    terms = []
    for index, word in enumerate(words):
        quoted = '"' + word.replace('"', '""') + '"'
        if prefix_last and index == len(words) - 1:
            quoted += " *"
        terms.append(quoted)
    return " AND ".join(terms)


def search(db: Database, query: str, *, limit: int = 20, kinds: tuple[str, ...] | None = None) -> list[SearchHit]:
    """Find records matching every word of *query* (accents optional).

    Topics, plan sections and slides come first, ranked by bm25 (title
    matches weigh more); questions follow, stem matches before option
    matches, newest first.  Within each, exact-accent matches come first.
    """
    exact_words = [w.lower() for w in _WORD.findall(search_form(query))]
    folded_words = _WORD.findall(fold(nfc(query)))
    if not folded_words:
        return []
    passes = [(exact_words, "title body", True)] if exact_words != folded_words else []
    passes.append((folded_words, "title_f body_f", False))
    found: dict[str, tuple[tuple, bool]] = {}
    if kinds is None or set(kinds) - {"question"}:
        for words, columns, exact in passes:
            for row in _ranked(db, _fts_query(words, columns, True), limit - len(found), kinds):
                found.setdefault(row[0], (row, exact))
    if kinds is None or "question" in kinds:
        for words, columns, exact in passes:
            parts = _word_parts(words)
            for column in columns.split() if parts else ():
                if len(found) >= limit:
                    break
                for row in _unranked(db, question_rows.INDEX_TABLES[column], _terms(parts, True),
                                     limit - len(found)):
                    found.setdefault(row[0], (row, exact))
    return _hits(db, list(found.values())[:limit], folded_words)


def _word_parts(words: list[str]) -> list[str]:
    """*words* split where the index's tokenizer splits them too (``_``), for the question index.

    It keeps no word positions, so a quoted term must be one token: "a_b" would be a phrase.
    """
    return [part for word in words for part in word.split("_") if part]


def _hits(db: Database, rows: list[tuple[tuple, bool]], folded_words: list[str]) -> list[SearchHit]:
    codes = _topic_codes(db, [row[2] or row[0] for row, _ in rows])
    hits = []
    for row, exact in rows:
        record_id, kind, topic_id, title, body = row
        owner = record_id if kind == "topic" else topic_id
        text = _snippet_source(kind, title, body, folded_words)
        hits.append(SearchHit(kind, record_id, owner, codes.get(owner, ""), title,
                              make_snippet(text, folded_words), exact))
    return hits


def _ranked(db: Database, match: str, limit: int, kinds: tuple[str, ...] | None) -> list[tuple]:
    if limit <= 0:
        return []
    sql = "SELECT record_id, kind, topic_id, title, body FROM search_index WHERE search_index MATCH ?"
    params: list[object] = [match]
    if kinds:
        sql += f" AND kind IN ({','.join('?' for _ in kinds)})"
        params.extend(kinds)
    # Title matches weigh more than body matches.
    sql += " ORDER BY bm25(search_index, 0, 0, 0, 10.0, 1.0, 10.0, 1.0) LIMIT ?"
    params.append(limit)
    return db.execute(sql, params).fetchall()


def _unranked(db: Database, table: str, match: str, limit: int) -> list[tuple]:
    """Questions whose text indexed in *table* matches, newest index rows first: no bm25 over tens of
    thousands of matches.

    The index is contentless: the rows found are read back from the questions' read rows.
    """
    if limit <= 0:
        return []
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?"
    return question_rows.hits(db, [row[0] for row in db.execute(sql, [match, limit])])


def _topic_codes(db: Database, topic_ids: list[str]) -> dict[str, str]:
    if not topic_ids:
        return {}
    marks = ",".join("?" for _ in topic_ids)
    rows = db.execute(f"SELECT id, code FROM topics WHERE id IN ({marks})", topic_ids).fetchall()
    return dict(rows)


def _snippet_source(kind: str, title: str, body: str, folded_words: list[str]) -> str:
    """The text a snippet is cut from: a topic's title unless only its details match."""
    if kind != "topic":
        return body
    title_words = _WORD.findall(fold(title))
    if all(any(t.startswith(w) for t in title_words) for w in folded_words):
        return title
    return f"{title} — {body}"


def make_snippet(text: str, folded_words: list[str], width: int = SNIPPET_CHARS) -> str:
    """A window of *text* around the first match, each matched word marked.

    Only the window is folded to mark the matches, and the first match is
    looked for a chunk at a time: folding whole plan sections of every hit
    was most of a search's time (issue #16).
    """
    alternatives = "|".join(re.escape(w) for w in sorted(folded_words, key=len, reverse=True))
    pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")\w*")
    first = _first_match(text, pattern)
    if first is None:
        flat = " ".join(text.split())
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    # Folded a little past the window, so a word running over its end is seen whole (and left unmarked).
    folded, positions = fold_with_positions(text[start:end + _WORD_MARGIN])
    out, cursor = [], start
    for match in pattern.finditer(folded, positions.index(first - start)):
        s, e = start + positions[match.start()], start + positions[match.end() - 1] + 1
        if e > end:
            break
        out.append(text[cursor:s] + MARK_START + text[s:e] + MARK_END)
        cursor = e
    out.append(text[cursor:end])
    snippet = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")


_CHUNK = 512  # characters folded first while looking for the first match (then twice as many each time)
_WORD_MARGIN = 64


def _first_match(text: str, pattern: re.Pattern[str]) -> int | None:
    """Where in *text* the first match of *pattern* (over the folded text) starts, or None."""
    start, size = 0, _CHUNK
    while start < len(text):
        end = len(text) if len(text) - start <= size else _chunk_end(text, start + size, size // 2)
        part = text[start:end]
        folded = fold(part)
        found = pattern.search(folded)
        if found:  # positions only for the chunk that holds it
            return start + fold_with_positions(part)[1][found.start()]
        start, size = end, size * 2
    return None


def _chunk_end(text: str, at: int, reach: int) -> int:
    """A cut at or before *at* just after a space or line break, so that no word is split (else *at*)."""
    space = max(text.rfind(" ", at - reach, at), text.rfind("\n", at - reach, at))
    return space + 1 if space >= 0 else at
