"""Is an imported plan or deck the one the topic already holds?  (Exchanging files must not create edits.)

A lecturer who exports a plan to DOCX, sends it to a colleague and gets it
back unchanged must not find false edits in the history, nor sync conflicts.
Word and our reader write the same text with small differences that mean
nothing: blank lines between blocks, trailing spaces, the "A. KẾ HOẠCH BÀI
GIẢNG" heading the printout puts above part A, the signature the importer
moves into the header.  :func:`same_text` compares Markdown bodies ignoring
those; :func:`keep_unchanged_bodies` keeps the stored text of each section
whose imported text is the same, so only real changes are written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lecturer_app.core.model import PlanSection, Slide
from lecturer_app.core.text.normalize import fold, nfc

PRINT_ONLY_HEADINGS = ("a. ke hoach bai giang",)   # group headings our printout adds, never stored content
_SIGNATURE = re.compile(r"^\W*nguoi soan\W*$")
PLACE_FIELDS = ("deck_id", "topic_id", "position")  # where a slide sits, not what it shows


def _lines(body: str) -> list[str]:
    return [line.rstrip() for line in nfc(body).splitlines() if line.strip()]


def _without_signature(lines: list[str]) -> list[str]:
    """Drop a closing "Người soạn" line and the name under it (the importer keeps it in the header)."""
    for index in range(max(0, len(lines) - 2), len(lines)):
        if _SIGNATURE.match(fold(lines[index])):
            return lines[:index]
    return lines


def same_text(stored: str, imported: str) -> bool:
    """True when two Markdown bodies differ only in blank lines, trailing spaces or a closing signature."""
    return _without_signature(_lines(stored)) == _without_signature(_lines(imported))


def without_print_only(sections: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """*sections* without the empty group headings a printout adds ("A. KẾ HOẠCH BÀI GIẢNG")."""
    return [(h, b) for h, b in sections if b.strip() or fold(h).strip() not in PRINT_ONLY_HEADINGS]


def keep_unchanged_bodies(sections: Sequence[tuple[str, str]], old: Sequence[PlanSection]) -> list[tuple[str, str]]:
    """*sections* with the stored body put back wherever the section, at the same place, says the same."""
    kept = []
    for index, (heading, body) in enumerate(sections):
        previous = old[index] if index < len(old) else None
        if previous is not None and previous.heading == heading and same_text(previous.body, body):
            body = previous.body
        kept.append((heading, body))
    return kept


def same_sections(sections: Sequence[tuple[str, str]], old: Sequence[PlanSection]) -> bool:
    return [(h, b) for h, b in sections] == [(s.heading, s.body) for s in old]


def keep_unprinted(slides: Sequence[Slide], old: Sequence[Slide]) -> None:
    """Give back to *slides* what the PPTX printout does not carry: the subtitle of a QR slide (same link)."""
    for slide, previous in zip(slides, old):
        if slide.layout == previous.layout == "qr" and slide.url == previous.url and not slide.subtitle:
            slide.subtitle = previous.subtitle


def same_slides(slides: Sequence[Slide], old: Sequence[Slide]) -> bool:
    """True when *slides* show what *old* shows, in the same order."""
    def content(slide: Slide) -> dict:
        # Every field but the slide's place, so a field added to Slide later is compared too.
        return {key: value for key, value in slide.to_body().items() if key not in PLACE_FIELDS}

    return len(slides) == len(old) and all(content(a) == content(b) for a, b in zip(slides, old))
