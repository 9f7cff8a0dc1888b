"""Tidying Markdown written by an editor widget before it is stored.

Qt's Markdown writer breaks paragraphs at 80 columns.  Those soft breaks mean
nothing in Markdown, but stored text that reflows on every edit makes diffs
noisy and looks unlike the shipped bank.  :func:`unwrap_markdown` joins
soft-wrapped lines back into one line per paragraph or list item.
"""

from __future__ import annotations

import re

_WIDE_MARKER = re.compile(r"^(\s*)(\d+[.)]|[-*+])\s{2,}(?=\S)")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|>|\||```|~~~|[-*_]{3,}\s*$)")


_ESCAPED_DOT = re.compile(r"(\d)\\([.)])")
_LIST_START = re.compile(r"^\s*\d+\\[.)]\s")
_RULE_CELL = re.compile(r"^:?-+:?$")


def _tidy_line(line: str) -> str:
    """Undo Qt's writing habits that change nothing in Markdown: padded table cells, escaped "1."."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [_ESCAPED_DOT.sub(r"\1\2", c.strip()) for c in re.split(r"(?<!\\)\|", stripped[1:-1])]
        if all(_RULE_CELL.match(c) for c in cells):
            return "|" + "---|" * len(cells)
        return "| " + " | ".join(cells) + " |"
    if not _LIST_START.match(line):
        line = _ESCAPED_DOT.sub(r"\1\2", line)
    return line


def unwrap_markdown(text: str) -> str:
    """One line per paragraph and per list item; tables, headings, code and hard breaks kept."""
    out: list[str] = []
    in_code = False
    for line in text.splitlines():
        if not in_code:
            line = _tidy_line(_WIDE_MARKER.sub(r"\1\2 ", line))  # Qt writes "1.  item"; the bank "1. item"
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            out.append(line)
            continue
        joinable = (not in_code and out and stripped and out[-1].strip()
                    and not _BLOCK_START.match(line) and not out[-1].lstrip().startswith(("#", "|"))
                    and not out[-1].endswith(("  ", "\\")) and not out[-1].strip().startswith(("```", "~~~")))
        if joinable:
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            hard_break = line.endswith(("  ", "\\"))
            out.append(line if in_code or hard_break else line.rstrip())
    result = "\n".join(out).strip("\n")
    return result + "\n" if result else ""
