"""HTML question text from Moodle/GIFT made plain when nothing is lost by it.

Text that only uses paragraphs, line breaks and inline emphasis becomes plain
text (what Word and Excel give).  Anything richer (tables, formulas in
sub/sup, SVG, images that stay inline) is kept as HTML, untouched, with
``stem_format = "html"``.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_SIMPLE_TAGS = {"p", "br", "div", "span", "b", "strong", "i", "em", "u", "font"}
_BLOCK_TAGS = {"p", "div", "br"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.rich = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SIMPLE_TAGS:
            self.rich = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _SIMPLE_TAGS:
            self.rich = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        # Line breaks in HTML source are spaces; only <br>/<p> break lines.
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(source: str) -> tuple[str, str]:
    """(text, format): plain text when *source* is simple HTML, else the HTML as is."""
    if "<" not in source and "&" not in source:
        return _tidy(source), "plain"
    collector = _Collector()
    collector.feed(source)
    collector.close()
    if collector.rich:
        return source.strip(), "html"
    return _tidy("".join(collector.parts)), "plain"


def text_to_html(text: str) -> str:
    """Plain text as the HTML Moodle and QTI expect (escaped, line breaks kept)."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def strip_tags(source: str) -> str:
    """Readable text of any HTML (for previews, Word and Excel output)."""
    collector = _Collector()
    collector.feed(source)
    collector.close()
    return _tidy("".join(collector.parts))


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip()
