"""Side-by-side, per-section differences between two states of a written plan.

A state is a list of sections (heading and Markdown body).  Sections are
matched by record id, so a renamed or moved section is "changed", not
"removed and added".  The diff is by line, as a lecturer reads a plan.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from lecturer_app.core.model import PlanSection

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side diff: *kind* is equal, replace, delete or insert."""

    kind: str
    left: str
    right: str


@dataclass
class SectionDiff:
    """The difference of one section between the old and the new state."""

    record_id: str
    heading: str
    status: str
    old_heading: str = ""
    rows: list[DiffRow] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != SAME


def line_diff(old: str, new: str) -> list[DiffRow]:
    """Side-by-side rows of *old* against *new*, line by line."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow("equal", x, y) for x, y in zip(a[i1:i2], b[j1:j2]))
            continue
        left, right = a[i1:i2], b[j1:j2]
        for index in range(max(len(left), len(right))):
            x = left[index] if index < len(left) else ""
            y = right[index] if index < len(right) else ""
            kind = "replace" if x and y and tag == "replace" else ("delete" if index < len(left) else "insert")
            rows.append(DiffRow(kind, x, y))
    return rows


def diff_plan(old: list[PlanSection], new: list[PlanSection]) -> list[SectionDiff]:
    """Per-section diff in the new state's order; removed sections follow at their old place."""
    old_by_id = {s.id: s for s in old}
    new_ids = {s.id for s in new}
    result = []
    for section in new:
        before = old_by_id.get(section.id)
        if before is None:
            result.append(SectionDiff(section.id, section.heading, ADDED, rows=line_diff("", section.body)))
            continue
        same = before.heading == section.heading and before.body == section.body
        result.append(SectionDiff(section.id, section.heading, SAME if same else CHANGED, before.heading,
                                  line_diff(before.body, section.body)))
    for index, section in enumerate(old):
        if section.id not in new_ids:
            diff = SectionDiff(section.id, section.heading, REMOVED, section.heading, line_diff(section.body, ""))
            result.insert(min(index, len(result)), diff)
    return result
