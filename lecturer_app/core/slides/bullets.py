"""Slide bullets written as a Markdown list ("- text", two spaces per level)."""

from __future__ import annotations

import re

from lecturer_app.core.model import Bullet

_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+•]\s+)?(?P<text>.*\S)\s*$")
MAX_LEVEL = 4


def parse_bullets(text: str) -> list[Bullet]:
    """Bullets from a Markdown-style list; a tab counts as one level."""
    bullets = []
    for line in text.splitlines():
        match = _ITEM.match(line)
        if not match:
            continue
        indent = match.group("indent").replace("\t", "  ")
        bullets.append(Bullet(text=match.group("text"), level=min(len(indent) // 2, MAX_LEVEL)))
    return bullets


def format_bullets(bullets: list[Bullet]) -> str:
    """The inverse of :func:`parse_bullets`."""
    return "".join("  " * b.level + "- " + b.text + "\n" for b in bullets)
