"""Text of python-docx paragraphs as Markdown, legacy fonts converted, pictures extracted.

A run's font is its own ``w:rFonts``, else its character style's, else its
paragraph style chain's, else the document default: legacy documents often
set ``.VnTime`` only on the Normal style.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lecturer_app.core.text.normalize import nfc
from lecturer_app.importers.legacy_runs import RunConverter

_MD_SPECIAL = re.compile(r"([\\*_`|\[\]])")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def escape_markdown(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _fonts_of(r_pr) -> str | None:
    if r_pr is None:
        return None
    fonts = r_pr.find(f"{{{W_NS}}}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{{{W_NS}}}ascii") or fonts.get(f"{{{W_NS}}}hAnsi")


def _style_font(style) -> str | None:
    seen = 0
    while style is not None and seen < 20:
        font = _fonts_of(style.element.find(f"{{{W_NS}}}rPr"))
        if font:
            return font
        style, seen = style.base_style, seen + 1
    return None


class FontResolver:
    """The effective Latin font name of runs in one document."""

    def __init__(self, document) -> None:
        defaults = document.styles.element.find(f"{{{W_NS}}}docDefaults")
        r_pr = defaults.find(f".//{{{W_NS}}}rPr") if defaults is not None else None
        self.default = _fonts_of(r_pr)
        self._cache: dict[str, str | None] = {}

    def font(self, run, paragraph) -> str | None:
        own = _fonts_of(run._r.rPr)
        if own:
            return own
        key = paragraph.style.style_id if paragraph.style is not None else ""
        if key not in self._cache:
            self._cache[key] = _style_font(paragraph.style) or self.default
        return self._cache[key]


def paragraph_markdown(paragraph, resolver: FontResolver, converter: RunConverter, where: str,
                       picture: Callable[[str, str], str | None]) -> str:
    """The paragraph as one line of Markdown (bold/italic marked, pictures as ``![alt](blob:…)``).

    Args:
        picture: stores a picture by relationship id and alt text; returns Markdown or None.
    """
    from lecturer_app.importers.legacy_vietnamese import encoding_for_font

    runs = list(paragraph.runs)
    fonts = [resolver.font(run, paragraph) for run in runs]
    # No legacy font named: the text may still be TCVN3/VNI typed under a Unicode font.
    detected = None if any(encoding_for_font(f) for f in fonts) else converter.detect("".join(r.text for r in runs))
    parts: list[str] = []
    for run, font in zip(runs, fonts):
        if detected is not None and run.text:
            text = converter.convert_detected(run.text, detected, where)
        else:
            text = converter.run_text(run.text, font, where)
        parts.append(_emphasis(escape_markdown(text.replace("\t", " ").replace("\n", " ")), run))
        for blip in run._r.iter(f"{{{A_NS}}}blip"):
            rel_id = blip.get(f"{{{R_NS}}}embed")
            markdown = picture(rel_id, _alt_text(run)) if rel_id else None
            if markdown:
                parts.append(markdown)
    return nfc(_merge_emphasis("".join(parts)).strip())


def _emphasis(text: str, run) -> str:
    if not text.strip():
        return text
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    if run.bold and run.italic:
        core = f"***{core}***"
    elif run.bold:
        core = f"**{core}**"
    elif run.italic:
        core = f"*{core}*"
    return lead + core + trail


def _merge_emphasis(text: str) -> str:
    """Join runs split mid-word by Word: "**Về **" + "**kiến**" → "**Về kiến**"."""
    return re.sub(r"\*\*(\s*)\*\*", r"\1", text)


def _alt_text(run) -> str:
    for element in run._r.iter():
        if isinstance(element.tag, str) and element.tag.endswith("}docPr"):
            return nfc(element.get("descr") or element.get("name") or "")
    return ""


def plain(markdown: str) -> str:
    """Markdown of one line back to plain text (for matching headings and labels)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = text.replace("**", "").replace("*", "")
    return re.sub(r"\\(.)", r"\1", text).strip()
