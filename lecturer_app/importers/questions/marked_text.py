"""The "Câu n: … A. … B. …" convention shared by the Word and plain-text readers.

Input is a sequence of :class:`Line` (a paragraph with formatted runs, or a
table).  Output is questions added to an :class:`ImportResult`.

How the correct answer is found, in order of trust:

1. an explicit line ``Đáp án: B`` (or ``ĐA: A, C``, ``Chọn B`` … see
   ``answer_lines``) under the question, or the option repeated after the
   options (``• B. text``, ``=> B``);
2. an answer table or a ``BẢNG ĐÁP ÁN`` list at the end (``1.A 2.C`` …);
3. a ``*`` before the option letter or its text;
4. formatting of the option (its letter or most of its text): underline,
   bold, italic, red or yellow highlight.  Which one marks the key is configurable
   (``marker=``) or detected: the style that marks exactly one option in the
   most questions without marking most options of the document.

When two sources disagree, or a single-answer question has two marked
options, or nothing marks the key, the item is reported and not imported:
the reader never guesses.  With the underline convention (HC-Mix), italic
options are pinned (kept in place when shuffled).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lecturer_app.core.model import ImageRef, Option, Question
from lecturer_app.core.questions.rules import parse_points
from lecturer_app.core.text.normalize import fold
from lecturer_app.formats.question_template import parse_truth
from lecturer_app.formats.question_text import parse_rubric, rubric_to_text
from lecturer_app.i18n import _, ngettext
from lecturer_app.importers.questions.answer_key import AnswerKey, chapter_id
from lecturer_app.importers.questions.answer_lines import (
    EXPLANATION_LINE,
    Repeat,
    TextCheck,
    answer_line,
    check_text,
    parse_answer,
    repeated_option,
)
from lecturer_app.importers.questions.report import ImportResult
from lecturer_app.importers.questions.statement_table import StatementTable, read_statement_table

STYLES = ("underline", "bold", "italic", "red", "highlight")
MARKERS = ("auto", *STYLES, "star", "answer_line")

# At most six digits: a question number, never a figure of thousands of digits (int() refuses over 4,300).
_QUESTION = re.compile(r"^\s*(?:cau hoi|cau)\s*(\d{1,6})(?!\d)\s*[:.)\-–]?\s*", re.I)
_NUMBERED = re.compile(r"^\s*(\d{1,6})\s*[.)]\s+")
_KEY_NUMBER = re.compile(r"\d{1,6}")
_HEADING = re.compile(r"^\s*(chuong|phan|chu de)\s+([ivxlcdm]+|\d{1,6})\b", re.I)
_GUIDE = re.compile(r"^\s*(?:huong dan cham|huong dan giai|huong dan|loi giai|goi y tra loi|goi y)\s*[:.]?\s*",
                    re.I)
_KEY_SECTION = re.compile(r"^\s*(?:bang )?dap an(?: chung| cac cau)?\s*:?\s*$", re.I)
# "Đáp án:" alone: the key section, or the heading of an essay's model answer (see _Collector.paragraph).
_ANSWER_HEADING = re.compile(r"^\s*dap an\s*:?\s*$", re.I)
# A line of the key section: "1.B 2.A", "1. A, C; 2 - D" (folded).
_KEY_LIST = re.compile(r"(?:\s*\d{1,3}\s*[.:\-)]?\s*[a-j](?:\s*,\s*[a-j])*\b[\s,;.]*)+", re.I)
# A letter followed by another letter is a word ("1. Chủ nghĩa…"), never a key: matched on the text as
# written, lower-case keys included, so the look-ahead sees the word's own letters.
_KEY_PAIR = re.compile(r"(?<!\d)(\d{1,6})\s*[.:\-)]?\s*([A-J](?:\s*,\s*[A-J])*)(?![^\W\d_])", re.IGNORECASE)
# Option labels as typed: "A." "A)" "(A)" "A/" "A:"; statements "a)" "a." "a/".
_OPTION_START = re.compile(r"^\s*(\*?)\s*\(?([A-J])\s*[.):/]\s*", re.S)
_STATEMENT_START = re.compile(r"^\s*(\*?)\s*\(?([a-d])\s*[.):/]\s+", re.S)
# "- A. text", "• B. text": options written as a bulleted list (the bullet is not part of the label).
_BULLETED_OPTION = re.compile(r"^\s*[•●▪◦·∙\-–+]\s*(?=\(?[A-Ja-d]\s*[.):/]\s)")
_META = re.compile(r"^\s*(muc do|cap do|diem|the|loai|chuyen de)\s*:\s*", re.I)
_MULTI_HINT = re.compile(r"(chon (cac|nhieu|tat ca cac) (dap an|phuong an|y)|nhieu dap an dung)")


@dataclass
class Run:
    """A piece of text with the formatting that may mark a key."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    red: bool = False
    highlight: bool = False  # yellow highlight (tô vàng)


@dataclass
class Line:
    """A paragraph (runs, pictures) or a table (rows of cell texts and its HTML)."""

    where: str
    runs: list[Run] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    table: list[list[str]] | None = None
    table_html: str = ""
    cells: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class _Choice:
    letter: str
    chars: list[tuple[str, Run]]
    star: bool
    image: ImageRef | None = None
    letter_len: int = 0

    @property
    def text(self) -> str:
        return "".join(c for c, _r in self.chars[self.letter_len:]).strip()


@dataclass
class _Draft:
    number: int | None
    where: str
    category: str
    stem: list[str] = field(default_factory=list)
    stem_html: bool = False
    choices: list[_Choice] = field(default_factory=list)
    answer: str | None = None
    repeats: list[Repeat] = field(default_factory=list)
    guide: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    chapter: str | None = None
    notes: list[str] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    mode: str = "stem"
    meta: dict[str, str] = field(default_factory=dict)
    # A table of statements a), b)… ("a) … | b) …" cells, or rows): its statements if no options follow,
    # else the table stays in the stem (see _take_statement_table).
    statement_table: tuple[str, list[Line], StatementTable | None] | None = None
    table_truth: list[bool] | None = None  # Đúng/Sai marks of statements laid out in a table
    # Statements read from the rows of a table are its cell texts, without their formatting: a style
    # (bold, underline…) cannot say which are right, so only the table's marks or the answer line can.
    plain_statements: bool = False
    problem: str = ""  # found while reading (a table of statements that says nothing clear)


def parse_lines(lines: list[Line], result: ImportResult, marker: str = "auto") -> None:
    """Read questions from *lines* into *result* (see the module docstring)."""
    drafts, answer_key = _collect(lines, result)
    table_keys, refused = answer_key.resolve([(d.chapter, d.number) for d in drafts])
    if refused:
        result.problem(answer_key.where, refused)
    style = marker if marker in STYLES else (_detect_style(drafts) if marker == "auto" else None)
    if style:
        result.notes.append(_("đáp án đúng được đánh dấu bằng: {style}").format(style=style_label(style)))
    for draft, table_key in zip(drafts, table_keys):
        try:
            _finish(draft, result, style, table_key)
        except Exception as exc:  # one broken item never fails the file
            result.unexpected(draft.where, exc)


def style_label(style: str) -> str:
    return {"underline": _("gạch chân"), "bold": _("in đậm"), "italic": _("in nghiêng"),
            "red": _("chữ đỏ"), "highlight": _("tô vàng")}.get(style, style)


# --- Collecting drafts -------------------------------------------------------------


def _collect(lines: list[Line], result: ImportResult) -> tuple[list[_Draft], AnswerKey]:
    collector = _Collector(any(_QUESTION.match(fold(line.text)) for line in lines if line.table is None), lines)
    for index, line in enumerate(lines):
        if line.table is not None:
            collector.table(line)
        else:
            collector.paragraph(line, fold(line.text), index)
    if collector.ignored:
        result.notes.append(ngettext("{n} dòng ngoài câu hỏi (tiêu đề, hướng dẫn) được bỏ qua",
                                     collector.ignored).format(n=collector.ignored))
    return collector.drafts, collector.key


class _Collector:
    """Walks the lines once: headings, question starts, the answer-key section."""

    def __init__(self, uses_cau: bool, lines: list[Line]) -> None:
        self.lines = lines
        self.start_pattern = _QUESTION if uses_cau else _NUMBERED
        self.drafts: list[_Draft] = []
        self.key = AnswerKey()
        self.key_chapter: str | None = None  # the chapter heading last seen inside the key section
        self.category = ""
        self.chapter: str | None = None
        self.current: _Draft | None = None
        self.in_key = False
        self.ignored = 0

    def table(self, line: Line) -> None:
        current = self.current
        if current is not None and not self.in_key and _table_holds_options(line, "A"):
            # Options laid out in a table ("A. … | B. …"), common in exam files.
            for cell in (c for c in line.cells if c.text.strip()):
                _add_line(current, cell, fold(cell.text))
        elif current is not None and not self.in_key and self._statement_table(current, line):
            pass  # kept until the question ends
        elif self.in_key or _table_is_key(line.table or []):
            # A key table inside a chapter (not in the final key section) belongs to that chapter.
            chapter = self.key_chapter if self.in_key else self.chapter
            self.key.add(chapter, _key_from_table(line.table or []), line.where)
        elif current is not None:
            current.stem.append(line.table_html)
            current.stem_html = True

    @staticmethod
    def _statement_table(draft: _Draft, line: Line) -> bool:
        """Đúng/Sai statements in a table, one per cell ("a) … | b) …") or per row (with their key or not):
        kept in the stem until the question ends, since options may still follow (_take_statement_table)."""
        if draft.choices or draft.statement_table is not None:
            return False
        by_cell = _table_holds_options(line, "a")
        rows = None if by_cell else read_statement_table(line.table or [])
        if not by_cell and rows is None:
            return False
        draft.statement_table = (line.table_html, line.cells, rows)
        draft.stem.append(line.table_html)
        draft.stem_html, draft.mode = True, "options"
        return True

    def paragraph(self, line: Line, folded: str, index: int) -> None:
        if not line.text.strip():
            if self.current is not None:
                self.current.images.extend(line.images)
        elif self._essay_answer_heading(folded, index):
            # The model answer of an essay follows (kept as its guide, like the lines after "Đáp án: …").
            draft = self.current
            assert draft is not None
            draft.answer, draft.mode = draft.answer or "", "answered"
        elif _KEY_SECTION.match(folded):
            self.in_key, self.current = True, None
        elif self.in_key:
            self._key_line(line, folded)
        elif heading := _HEADING.match(folded):
            self.category, self.current = line.text.strip(), None
            self.chapter = chapter_id(heading.group(1), heading.group(2))
        elif start := self.start_pattern.match(folded):
            self.current = _Draft(int(start.group(1)), line.where, self.category, chapter=self.chapter)
            self.drafts.append(self.current)
            rest = _cut(line, start.end())
            if rest.text.strip():
                _add_stem(self.current, rest)
        elif self.current is None:
            self.ignored += 1  # titles, school names, instructions above the first question
        else:
            _add_line(self.current, line, folded)


    def _essay_answer_heading(self, folded: str, index: int) -> bool:
        """"Đáp án:" alone under a question without options, not followed by a key ("1.B 2.A", a key table):
        the heading of the essay's model answer, not the start of the answer-key section."""
        current = self.current
        if self.in_key or current is None or current.choices or not _ANSWER_HEADING.match(folded):
            return False
        following = next((line for line in self.lines[index + 1:] if line.table is not None or line.text.strip()),
                         None)
        return following is None or not _opens_key(following)

    def _key_line(self, line: Line, folded: str) -> None:
        """"1.A 2.C …" in the key section, after an optional chapter heading ("Chương 2: 1.B …")."""
        text = line.text
        heading = _HEADING.match(folded)
        if heading:
            self.key_chapter = chapter_id(heading.group(1), heading.group(2))
            text = text[heading.end():]
        pairs = {int(n): keys.upper() for n, keys in _KEY_PAIR.findall(text)}
        self.key.add(self.key_chapter, pairs, line.where)


def _opens_key(line: Line) -> bool:
    """A key table, or a key list ("1.B 2.A", "Chương 1: 1.A 2.C")."""
    if line.table is not None:
        return _table_is_key(line.table)
    folded = fold(line.text)
    heading = _HEADING.match(folded)
    rest = folded[heading.end():].lstrip(" :.-–") if heading else folded
    return bool(_KEY_LIST.fullmatch(rest))


def _cut(line: Line, start: int) -> Line:
    """The part of *line* from character *start* on, formatting kept."""
    runs: list[Run] = []
    seen = 0
    for run in line.runs:
        begin = max(0, start - seen)
        if begin < len(run.text):
            runs.append(replace(run, text=run.text[begin:]))
        seen += len(run.text)
    return Line(line.where, runs, line.images)


def _add_stem(draft: _Draft, line: Line) -> None:
    draft.stem.append(line.text.strip())
    draft.images.extend(line.images)


def _add_line(draft: _Draft, line: Line, folded: str) -> None:
    meta = _META.match(folded)
    if meta:
        draft.meta[meta.group(1).lower()] = line.text[meta.end():].strip()
        return
    if _answer_or_explanation(draft, line, folded):
        return
    guide = _GUIDE.match(folded)
    if guide:
        draft.mode = "guide"
        rest = line.text[guide.end():].strip()
        if rest:
            draft.guide.append(rest)
        return
    if draft.mode in ("guide", "explain", "answered"):
        (draft.explanation if draft.mode == "explain" else draft.guide).append(line.text.strip())
        return
    _add_option_or_stem(draft, line)


def _answer_or_explanation(draft: _Draft, line: Line, folded: str) -> bool:
    """An answer line, a repeated option ("• B. text") or an explanation; True when *line* was one."""
    # "Giải thích:" only after the options or the answer: in the stem it may be the question's own words.
    explanation = EXPLANATION_LINE.match(folded) if draft.mode != "stem" else None
    if explanation:
        draft.mode = "explain"
        rest = line.text[explanation.end():].strip()
        if rest:
            draft.explanation.append(rest)
        return True
    if draft.mode in ("guide", "explain"):
        return False
    answer = answer_line(folded, bool(draft.choices)) if draft.mode != "answered" else None
    if answer is not None:
        # "answered": later lines are the guide, but a repeated option ("=> B") is still read and checked.
        draft.answer, draft.mode = line.text[answer:].strip(), "answered"
        return True
    repeats = repeated_option(line.text, [c.letter for c in draft.choices])  # none before the options
    if repeats:
        draft.repeats.extend(repeats)
        draft.mode = "answered"
        return True
    return False


def _add_option_or_stem(draft: _Draft, line: Line) -> None:
    bullet = _BULLETED_OPTION.match(line.text)
    choices = _split_choices(_cut(line, bullet.end()) if bullet else line, draft)
    if choices:
        draft.choices.extend(choices)
        draft.mode = "options"
        choices[0].image = line.images[0] if line.images else None
    elif draft.mode == "options" and draft.choices:
        draft.choices[-1].chars.extend((c, r) for r in line.runs for c in " " + r.text)
    else:
        _add_stem(draft, line)


def _split_choices(line: Line, draft: _Draft) -> list[_Choice]:
    """Options on one paragraph ("A. x   B. y"), letters in sequence only."""
    chars = [(c, run) for run in line.runs for c in run.text]
    text = "".join(c for c, _r in chars)
    statement = not any(ch.letter.isupper() for ch in draft.choices) and _STATEMENT_START.match(text)
    pattern = _STATEMENT_START if statement else _OPTION_START
    first = pattern.match(text)
    if not first:
        return []
    letter = first.group(2)
    expected = (draft.choices[-1].letter if draft.choices else None)
    if expected is not None and _next(expected) != letter and letter not in ("A", "a"):
        return []
    starts = [(first.start(), first.end(), letter, bool(first.group(1)))]
    while found := _next_label(text, starts[-1][2], starts[-1][1]):
        starts.append((found.start(), found.end(), _next(starts[-1][2]), bool(found.group(1))))
    result = []
    ends = [start[0] for start in starts[1:]] + [len(text)]
    for (begin, body, mark, star), end in zip(starts, ends):
        piece = chars[body:end]
        body_star = bool(piece) and piece[0][0] == "*"
        letter_chars = chars[begin:body]
        result.append(_Choice(mark, letter_chars + piece[1 if body_star else 0:], star or body_star,
                              letter_len=len(letter_chars)))
    return result


def _next_label(text: str, letter: str, body: int) -> re.Match[str] | None:
    """The label of the option after *letter*, past some text of this option's body:
    in "B. C. Mác" the "C." is the start of the text (a name), not option C."""
    label = re.compile(r"(?:(?<=\s)|(?<=^))(\*?)\s*\(?" + re.escape(_next(letter)) + r"\s*[.):/]\s+")
    for found in label.finditer(text, body):
        if text[body:found.start()].strip():
            return found
    return None


def _next(letter: str) -> str:
    return chr(ord(letter) + 1)


def _table_holds_options(line: Line, first: str) -> bool:
    """One option per cell ("A. …" | "B. …", *first* "A"), or one Đúng/Sai statement per cell ("a) …" | "b) …",
    *first* "a") in a question without options yet; the labels in order, so that no option is glued to another."""
    cells = [cell.text for cell in line.cells if cell.text.strip()]
    starts = [(_OPTION_START if first == "A" else _STATEMENT_START).match(text) for text in cells]
    if not starts or not all(starts):
        return False
    letters = [start.group(2) for start in starts if start]
    return letters == [chr(ord(first) + n) for n in range(len(letters))]


def _take_statement_table(draft: _Draft) -> None:
    """A question that ends without options takes the statements of its table (out of the stem), with the
    table's Đúng/Sai marks when it has them; with options, the table was part of the stem."""
    if draft.statement_table is None or draft.choices:
        return
    html, cells, table = draft.statement_table
    draft.stem.remove(html)
    draft.stem_html = any(s.startswith("<table") for s in draft.stem)
    if table is None:  # one statement per cell: read as lines, so their formatting can mark the key
        for cell in (c for c in cells if c.text.strip()):
            _add_option_or_stem(draft, cell)
        return
    for letter, text in table.statements:
        label = f"{letter}) "
        run = Run(label + text)
        draft.choices.append(_Choice(letter, [(c, run) for c in label + text], False, letter_len=len(label)))
    draft.table_truth, draft.plain_statements = table.truth, True
    draft.problem = draft.problem or table.problem


def _table_is_key(rows: list[list[str]]) -> bool:
    cells = [c.strip() for row in rows for c in row if c.strip()]
    if len(cells) < 2:
        return False
    keyish = [c for c in cells if re.fullmatch(r"\d{1,3}|[A-J](\s*,\s*[A-J])*|(cau|dap an|da)\s*", fold(c), re.I)]
    return len(keyish) == len(cells) and any(re.fullmatch(r"[A-J]", c) for c in cells)


def _key_from_table(rows: list[list[str]]) -> dict[int, str]:
    """Answer tables in rows ("Câu | 1 | 2", "Đáp án | A | C") or pairs per row ("1 | A")."""
    key: dict[int, str] = {}
    for above, below in zip(rows, rows[1:]):
        for number, letter in zip(above, below):
            if _KEY_NUMBER.fullmatch(number.strip()) and re.fullmatch(r"[A-J](\s*,\s*[A-J])*", letter.strip()):
                key[int(number)] = letter.strip()
    for row in rows:
        for number, letter in zip(row, row[1:]):
            if _KEY_NUMBER.fullmatch(number.strip()) and re.fullmatch(r"[A-J](\s*,\s*[A-J])*", letter.strip()):
                key.setdefault(int(number), letter.strip())
    return key


# --- Deciding the key ------------------------------------------------------------------


def _marked(choice: _Choice, style: str) -> bool:
    """The option's letter, or at least 80 % of its text, carries *style*."""
    letter_len = choice.letter_len
    letter = [r for c, r in choice.chars[:letter_len] if c.strip() and c not in ".)*"]
    if letter and all(getattr(r, style) for r in letter):
        return True
    body = [r for c, r in choice.chars[letter_len:] if c.strip()]
    return bool(body) and sum(1 for r in body if getattr(r, style)) >= 0.8 * len(body)


def _detect_style(drafts: list[_Draft]) -> str | None:
    best: tuple[int, str] | None = None
    total = sum(len(d.choices) for d in drafts)
    for style in STYLES:
        marked = [sum(1 for c in d.choices if _marked(c, style)) for d in drafts if d.choices]
        singles = sum(1 for n in marked if n == 1)
        if singles and sum(marked) < 0.6 * total and (best is None or singles > best[0]):
            best = (singles, style)
    return best[1] if best else None


def _finish(draft: _Draft, result: ImportResult, style: str | None, table_key: str | None) -> None:
    where = draft.where + (f" ({_('Câu')} {draft.number})" if draft.number is not None else "")
    _take_statement_table(draft)
    if draft.problem:
        result.problem(where, draft.problem)
        return
    question = Question(stem="\n".join(s for s in draft.stem if s), images=list(draft.images))
    if draft.stem_html:
        question.stem_format = "html"
        question.stem = "".join(s if s.startswith("<table") else f"<p>{_escape(s)}</p>" for s in draft.stem)
    if draft.choices:
        error = _choice_question(question, draft, style, table_key)
    else:
        error = _free_question(question, draft)
    if not error:
        error = _apply_meta(question, draft.meta)
    if error:
        result.problem(where, error)
        return
    _add_explanation(question, draft)
    topics = draft.meta.get("chuyen de", "").replace(",", "/")
    if result.add(question, where, "/".join(filter(None, [draft.category, topics]))):
        result.notes.extend(f"{result.place(where)}: {note}" for note in draft.notes)


def _add_explanation(question: Question, draft: _Draft) -> None:
    """"Giải thích:" lines (and, for options questions, "Lời giải:" lines) are shown after answering."""
    lines = draft.explanation or (draft.guide if draft.choices else [])
    question.feedback = "\n".join(line for line in lines if line)


def _apply_meta(question: Question, meta: dict[str, str]) -> str:
    """"Mức độ: …", "Điểm: …", "Thẻ: …" lines written under a question."""
    from lecturer_app.core.questions.levels import match_level
    from lecturer_app.formats.question_template import split_list

    level = meta.get("muc do") or meta.get("cap do")
    if level:
        question.level = match_level(level) or level
    if "diem" in meta:
        points = parse_points(meta["diem"])
        if points is None:
            return _("điểm \"{value}\" không phải là số").format(value=meta["diem"])
        question.points = points
    if meta.get("the"):
        question.tags = split_list(meta["the"])
    if fold(meta.get("loai", "")).strip() == "van dap" and question.type == "essay":
        question.type = "oral"
        question.guide, question.rubric = rubric_to_text(question.rubric, question.guide), []
    return ""


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def _choice_question(question: Question, draft: _Draft, style: str | None, table_key: str | None) -> str:
    statements = all(c.letter.islower() for c in draft.choices)
    question.options = [Option(c.text, image=c.image) for c in draft.choices]
    if statements:
        return _statement_key(question, draft, style)
    letters = [c.letter for c in draft.choices]
    sources, checks = _written_sources(draft)
    if table_key:
        sources.append((_("bảng đáp án"), _letters(table_key)))
    stars = {c.letter for c in draft.choices if c.star}
    if stars:
        sources.append((_("dấu *"), stars))
    if style:
        styled = {c.letter for c in draft.choices if _marked(c, style)}
        if styled and (not sources or styled != sources[0][1]):
            sources.append((style_label(style), styled))
    problem = next((check.problem for check in checks if check.problem), "")
    if problem:
        return problem
    if not sources:
        return _("không xác định được đáp án đúng (không có dấu hiệu đánh dấu nào)")
    if any(s[1] != sources[0][1] for s in sources[1:]):
        return _("đáp án mâu thuẫn: {details}").format(
            details="; ".join(f"{name} → {', '.join(sorted(keys)) or '?'}" for name, keys in sources))
    key = sources[0][1]
    if not key or not key <= set(letters):
        return _("đáp án \"{key}\" không khớp phương án nào").format(key=", ".join(sorted(key)) or draft.answer or "")
    draft.notes.extend(check.note for check in checks if check.note)
    explicit_multi = (draft.answer is not None or bool(draft.repeats)) and len(key) > 1
    question.type = "multiple_choice" if explicit_multi or _MULTI_HINT.search(fold(question.stem)) else "single_choice"
    for option, letter in zip(question.options, letters):
        option.correct = letter in key
        option.pinned = style == "underline" and _marked(_choice_of(draft, letter), "italic")
    return ""


def _written_sources(draft: _Draft) -> tuple[list[tuple[str, set[str]]], list[TextCheck]]:
    """The key as written in words: the answer line and the options repeated after the options."""
    sources: list[tuple[str, set[str]]] = []
    checks: list[TextCheck] = []
    texts = {c.letter: c.text for c in draft.choices}
    if draft.answer is not None:
        letters, text = parse_answer(draft.answer)
        sources.append((_("dòng Đáp án"), letters))
        if len(letters) == 1 and text:
            checks.append(check_text(next(iter(letters)), text, texts))
    if draft.repeats:
        sources.append((_("đáp án ghi lại sau các phương án"), {r.letter for r in draft.repeats if r.letter}))
        checks.extend(check_text(r.letter, r.text, texts) for r in draft.repeats if r.text or not r.letter)
    return sources, checks


def _choice_of(draft: _Draft, letter: str) -> _Choice:
    return next(c for c in draft.choices if c.letter == letter)


def _letters(text: str) -> set[str]:
    cleaned = text.strip().upper()
    if not re.fullmatch(r"[A-J](\s*[,;/ ]\s*(VÀ\s+)?[A-J])*\.?", cleaned):
        return set()
    return set(re.findall(r"\b[A-J]\b", cleaned))


def _statement_key(question: Question, draft: _Draft, style: str | None) -> str:
    """Đúng/Sai of each statement: the answer line and the table's marks (which must agree), else the style."""
    question.type = "true_false_4"
    truth = draft.table_truth
    if draft.answer is not None:
        written = parse_truth(re.sub(r"\b[a-d]\s*[.)]", " ", draft.answer))
        if written is None or len(written) != len(question.options):
            return _("dòng Đáp án \"{text}\" không cho biết Đúng/Sai của từng ý").format(text=draft.answer)
        if truth is not None and truth != written:
            return _("đáp án mâu thuẫn: {details}").format(details=f"{_('bảng Đúng/Sai')} → {_truth_text(truth)}; "
                                                              f"{_('dòng Đáp án')} → {_truth_text(written)}")
        truth = written
    if truth is None and style and not draft.plain_statements:
        truth = [_marked(c, style) for c in draft.choices]
    if truth is None:
        return _("không xác định được ý nào đúng, ý nào sai")
    for option, value in zip(question.options, truth):
        option.correct = value
    return ""


def _truth_text(truth: list[bool]) -> str:
    return "".join("Đ" if value else "S" for value in truth)


def _free_question(question: Question, draft: _Draft) -> str:
    """No options: short answer ("Đáp án: 1930"), essay (rubric lines) or essay without key."""
    answer = (draft.answer or "").strip()
    rubric, guide = parse_rubric("\n".join([answer, *draft.guide]))
    if rubric:
        question.type = "essay"
        question.rubric, question.guide = rubric, guide
        question.points = sum(item.points for item in rubric)
    elif answer and not draft.guide and len(answer) <= 80:
        question.type = "short_answer"
        question.answers = [a.strip() for a in re.split(r"\s*[;|]\s*", answer) if a.strip()]
    else:
        question.type = "essay"
        question.guide = guide
    points = re.search(r"\((\d+(?:[.,]\d+)?)\s*(?:điểm|đ)\)\s*$", question.stem, re.I)
    if points and parse_points(points.group(1)) is not None:
        question.points = parse_points(points.group(1)) or question.points
    return ""

