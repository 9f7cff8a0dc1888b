"""Tidying Markdown written by an editor widget before it is stored.

Qt's Markdown writer breaks paragraphs at 80 columns.  Those soft breaks mean
nothing in Markdown, but stored text that reflows on every edit makes diffs
noisy and looks unlike the shipped bank.  :func:`unwrap_markdown` joins
soft-wrapped lines back into one line per paragraph or list item.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|>|\||```|~~~|[-*_]{3,}\s*$)")


def unwrap_markdown(text: str) -> str:
    """One line per paragraph and per list item; tables, headings, code and hard breaks kept."""
    out: list[str] = []
    in_code = False
    for line in text.splitlines():
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
