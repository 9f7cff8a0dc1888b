"""The small Markdown subset of plan sections, parsed once for the DOCX and PDF writers.

Supported: ATX headings (``#``…), paragraphs (soft line breaks join), lists
with ``-``, ``+``, ``*`` and numbered/lettered markers (``1.``, ``a)``) whose
marker text is kept as written (Vietnamese plans number by hand: "I.", "1.",
"a)", "-", "+"), pipe tables, ``**bold**``, ``*italic*`` / ``_italic_``,
``![alt](blob:<sha256>)`` pictures and ``---`` rules.  Anything else is
kept as plain text: a plan never loses words in export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lecturer_app.core.text.markdown_table import split_cells
from lecturer_app.core.text.normalize import nfc


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    level: int
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Para:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class ListItem:
    """One list item; ``marker`` is shown as written ("-", "+", "1.", "a)"), ``level`` from its indent."""

    marker: str
    level: int
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[tuple[Span, ...], ...], ...]
    header: bool = True


@dataclass(frozen=True)
class Image:
    sha256: str
    alt: str = ""


@dataclass(frozen=True)
class Rule:
    pass


Block = Heading | Para | ListItem | Table | Image | Rule

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-+*•]|\d{1,3}[.)]|[a-zđ][.)])\s+(?P<text>.*)$")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\(blob:(?P<sha>[0-9a-f]{64})\)\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
_EMPHASIS = re.compile(
    r"(?<!\\)\*\*\*(?=\S)(?P<both>.+?)(?<=[^\s\\])\*\*\*"               # ***bold italic***
    r"|(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\2"                  # **bold** (not \*\*)
    r"|(?<![\w*\\])([*_])(?=\S)(.+?)(?<=[^\s\\])\4(?![\w*])")     # *italic*, not in snake_case


def parse_inline(text: str, *, bold: bool = False, italic: bool = False) -> tuple[Span, ...]:
    """Spans of *text* with ``**bold**`` and ``*italic*`` (nested once) resolved."""
    spans: list[Span] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            spans.append(Span(_unescape(text[position:match.start()]), bold, italic))
        if match.group("both"):
            spans.extend(parse_inline(match.group("both"), bold=True, italic=True))
        elif match.group(2):
            spans.extend(parse_inline(match.group(3), bold=True, italic=italic))
        else:
            spans.extend(parse_inline(match.group(5), bold=bold, italic=True))
        position = match.end()
    if position < len(text):
        spans.append(Span(_unescape(text[position:]), bold, italic))
    return tuple(s for s in spans if s.text)


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)


def plain_text(spans: tuple[Span, ...]) -> str:
    return "".join(s.text for s in spans)


@dataclass
class _Parser:
    lines: list[str]
    index: int = 0
    blocks: list[Block] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)

    def run(self) -> list[Block]:
        while self.index < len(self.lines):
            self._step(self.lines[self.index])
        self._flush()
        return self.blocks

    def _step(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self._flush()
            self.index += 1
        elif stripped.startswith("|") and self._table_starts():
            self._flush()
            self._table()
        else:
            self._single(line, stripped)
            self.index += 1

    def _single(self, line: str, stripped: str) -> None:
        heading, item, image = _HEADING.match(stripped), _LIST.match(line), _IMAGE.match(stripped)
        if heading:
            self._flush()
            self.blocks.append(Heading(len(heading.group(1)), parse_inline(heading.group(2))))
        elif image:
            self._flush()
            self.blocks.append(Image(image.group("sha"), image.group("alt")))
        elif _RULE.match(stripped) and not self.paragraph:
            self.blocks.append(Rule())
        elif item:
            self._flush()
            indent = len(item.group("indent").replace("\t", "  "))
            marker = "-" if item.group("marker") in "*•" else item.group("marker")
            self.blocks.append(ListItem(marker, indent // 2, parse_inline(item.group("text"))))
        else:
            self.paragraph.append(stripped)

    def _flush(self) -> None:
        if self.paragraph:
            self.blocks.append(Para(parse_inline(" ".join(self.paragraph))))
            self.paragraph = []

    def _table_starts(self) -> bool:
        return self.index + 1 < len(self.lines) and bool(_TABLE_RULE.match(self.lines[self.index + 1]))

    def _table(self) -> None:
        rows = [_cells(self.lines[self.index])]
        self.index += 2
        while self.index < len(self.lines) and self.lines[self.index].strip().startswith("|"):
            rows.append(_cells(self.lines[self.index]))
            self.index += 1
        width = max(len(r) for r in rows)
        padded = tuple(tuple(r) + ((),) * (width - len(r)) for r in rows)
        self.blocks.append(Table(padded, header=True))


def _cells(line: str) -> list[tuple[Span, ...]]:
    return [parse_inline(cell) for cell in split_cells(line)]


def parse_markdown(text: str) -> list[Block]:
    """Blocks of a section body (NFC)."""
    return _Parser(nfc(text).replace("\r\n", "\n").split("\n")).run()
