"""The "lý thuyết / liên hệ" choice of an oral question, kept as the tag the card draw reads.

``exam.oral.kind_of`` calls an oral question "liên hệ" when it carries that
tag; the editor offers the choice as a field and hides the tag from the tag
line, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from lecturer_app.core.text.normalize import fold
from lecturer_app.exam.oral import PRACTICE

THEORY_KIND, PRACTICE_KIND = "theory", "practice"


def _is_kind_tag(tag: str) -> bool:
    return fold(tag) == fold(PRACTICE)


def oral_kind(tags: Sequence[str]) -> str:
    """"practice" when *tags* carry the "liên hệ" tag, else "theory"."""
    return PRACTICE_KIND if any(_is_kind_tag(t) for t in tags) else THEORY_KIND


def without_kind_tag(tags: Sequence[str]) -> list[str]:
    """*tags* as the tag line shows them for an oral question."""
    return [t for t in tags if not _is_kind_tag(t)]


def with_oral_kind(tags: Sequence[str], kind: str, original: Sequence[str] = ()) -> list[str]:
    """*tags* (without the kind tag) with the tag of *kind* put back where *original* had it."""
    plain = without_kind_tag(tags)
    if kind != PRACTICE_KIND:
        return plain
    kept = next(((i, t) for i, t in enumerate(original) if _is_kind_tag(t)), None)
    if kept is None:
        return [*plain, PRACTICE]
    index, tag = kept
    return [*plain[:index], tag, *plain[index:]]
