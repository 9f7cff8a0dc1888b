"""What changed on a slide, or in a whole deck (giáo án điện tử), between two states.

A slide is compared part by part (title, subtitle, bullets, right column,
table, pictures, link, speaker notes), each part as text lines through the
plan diff's :func:`line_diff`, so the History tab shows slides in the same
side-by-side rows as written-plan sections.  Slides are matched by record id:
an edited slide is "changed", a slide moved elsewhere in the deck "moved".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from lecturer_app.core.model import Bullet, Slide
from lecturer_app.core.plans.diff import ADDED, CHANGED, REMOVED, SAME, DiffRow, line_diff

MOVED = "moved"
PARTS = ("title", "subtitle", "bullets", "right_bullets", "table", "images", "url", "notes")
# A bullet's level as leading no-break spaces: ordinary spaces would vanish when the line is shown as HTML.
INDENT = "\u00a0" * 4


@dataclass(frozen=True)
class SlidePart:
    """One part of a slide (a name of :data:`PARTS`) as side-by-side line rows."""

    name: str
    rows: list[DiffRow]


@dataclass
class SlideDiff:
    """The difference of one slide; *number* and *old_number* count from 1 in the deck (0: not there)."""

    record_id: str
    title: str
    status: str
    number: int = 0
    old_number: int = 0
    old_title: str = ""
    layout: str = ""
    old_layout: str = ""
    parts: list[SlidePart] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != SAME

    @property
    def moved(self) -> bool:
        return bool(self.number and self.old_number) and self.number != self.old_number


def _bullet_lines(bullets: list[Bullet]) -> str:
    return "".join(f"{INDENT * max(0, b.level)}• {b.text}\n" for b in bullets)


def slide_text(slide: Slide | None) -> dict[str, str]:
    """Each part of *slide* as plain text lines (empty parts included; no slide: all empty)."""
    if slide is None:
        return dict.fromkeys(PARTS, "")
    table = slide.table.rows if slide.table is not None else []
    return {
        "title": slide.title, "subtitle": slide.subtitle,
        "bullets": _bullet_lines(slide.bullets), "right_bullets": _bullet_lines(slide.right_bullets),
        "table": "".join(" | ".join(row) + "\n" for row in table),
        "images": "".join(f"{image.filename or image.alt or image.sha256[:12]}\n" for image in slide.images),
        "url": slide.url, "notes": slide.notes,
    }


def slide_diff(before: Slide | None, after: Slide | None, old_number: int = 0, number: int = 0,
               moved: bool | None = None) -> SlideDiff:
    """*before* against *after* (either may be None: a new or a deleted slide).

    *moved* says whether the slide changed place; by default, whether its number in the deck changed.
    """
    old, new = slide_text(before), slide_text(after)
    parts = [SlidePart(name, line_diff(old[name], new[name])) for name in PARTS if old[name] or new[name]]
    old_layout = before.layout if before is not None else ""
    layout = after.layout if after is not None else ""
    if moved is None:
        moved = bool(old_number and number) and old_number != number
    if before is None:
        status = ADDED
    elif after is None:
        status = REMOVED
    elif old != new or old_layout != layout:
        status = CHANGED
    else:
        status = MOVED if moved else SAME
    # A slide that kept its place keeps one number, even when slides before it came or went.
    shown_old = old_number if moved or after is None or before is None else number
    shown = after if after is not None else before
    return SlideDiff(record_id=shown.id if shown else "", title=shown.title if shown else "",
                     status=status, number=number, old_number=shown_old,
                     old_title=before.title if before is not None else "",
                     layout=layout, old_layout=old_layout, parts=parts)


def _moved_ids(old: list[Slide], new: list[Slide]) -> set[str]:
    """Slides present in both states whose order relative to the others changed."""
    new_ids = {s.id for s in new}
    old_ids = {s.id for s in old}
    a = [s.id for s in old if s.id in new_ids]
    b = [s.id for s in new if s.id in old_ids]
    kept = set()
    for block in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks():
        kept.update(a[block.a:block.a + block.size])
    return set(a) - kept


def diff_deck(old: list[Slide], new: list[Slide]) -> list[SlideDiff]:
    """Per-slide diff in the new deck's order; removed slides follow at their old place."""
    old_at = {s.id: (index + 1, s) for index, s in enumerate(old)}
    new_ids = {s.id for s in new}
    moved = _moved_ids(old, new)
    result = []
    for index, slide in enumerate(new):
        old_number, before = old_at.get(slide.id, (0, None))
        result.append(slide_diff(before, slide, old_number, index + 1, moved=slide.id in moved))
    for index, slide in enumerate(old):
        if slide.id not in new_ids:
            result.insert(min(index, len(result)), slide_diff(slide, None, index + 1, 0))
    return result
