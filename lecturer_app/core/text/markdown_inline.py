"""Markdown's inline marks turned into what a reader expects: bold text, not ``**``.

Plan sections are stored as Markdown.  Where a short piece of that text is
shown outside the editor (a search snippet, a line of the history diff), the
lecturer must not read ``## I. MỤC TIÊU`` or ``**Về kiến thức:**``.
:func:`plain_inline` drops the marks; :func:`inline_html` makes them bold and
italic HTML (escaped, safe to put into rich text).
"""

from __future__ import annotations

import html
import re

_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*\w\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![*\w])")
_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_LEFTOVER = re.compile(r"\*\*|__")  # half a pair, where a snippet was cut


def plain_inline(text: str) -> str:
    """*text* without heading, bold and italic marks or backslash escapes."""
    text = _HEADING.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _LEFTOVER.sub("", text)
    return _ESCAPE.sub(r"\1", text)


def inline_html(text: str) -> str:
    """*text* as escaped HTML with its bold and italic marks rendered, heading marks dropped."""
    text = _HEADING.sub("", text)
    escaped = html.escape(text, quote=False)
    escaped = _STRONG.sub(r"<b>\2</b>", escaped)
    escaped = _EMPHASIS.sub(r"<i>\1</i>", escaped)
    escaped = _LEFTOVER.sub("", escaped)
    return _ESCAPE.sub(r"\1", escaped)
