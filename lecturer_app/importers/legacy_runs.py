"""Legacy Vietnamese text in Office runs: converted by font name, and reported.

DOCX and PPTX importers pass every run's text and font through one
``RunConverter``.  A run in a TCVN3 (``.VnTime``…) or VNI (``VNI-Times``…)
font is converted to Unicode; the imported text carries no font, so the
legacy font is dropped with it.  Text without a font name is converted only
when ``legacy_vietnamese.detect`` is sure (character statistics).  Each
converted place is counted so the user is told what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lecturer_app.core.text.normalize import nfc
from lecturer_app.importers import legacy_vietnamese as legacy


@dataclass
class Conversion:
    """Runs converted at one place (a slide, a paragraph range) from one font."""

    where: str
    font: str
    encoding: str
    runs: int = 0
    sample: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"where": self.where, "font": self.font, "encoding": self.encoding, "runs": self.runs,
                "sample": self.sample}


@dataclass
class RunConverter:
    """Converts run texts and remembers what it converted."""

    conversions: list[Conversion] = field(default_factory=list)
    default_font: str | None = None   # the font of runs that name none (a legacy theme font), if known

    def run_text(self, text: str, font: str | None, where: str) -> str:
        """The Unicode text of one run in *font* (None when the run names no font)."""
        encoding = legacy.encoding_for_font(font)
        if encoding is None or not text:
            return nfc(text)
        converted = legacy.convert(text, encoding, upper=legacy.is_upper_font(font))
        self._note(where, font or "", encoding.value, converted)
        return converted

    def plain_text(self, text: str, where: str) -> str:
        """Text with no font information: converted only when detection is sure."""
        encoding = self.detect(text)
        return nfc(text) if encoding is None else self.convert_detected(text, encoding, where)

    @staticmethod
    def detect(text: str) -> legacy.LegacyEncoding | None:
        """The legacy encoding *text* is surely in (character statistics), else None."""
        if not any("\x80" <= ch <= "\xff" for ch in text):
            return None
        return legacy.detect(text)

    def convert_detected(self, text: str, encoding: legacy.LegacyEncoding, where: str) -> str:
        """Convert a run of a paragraph whose encoding :meth:`detect` found."""
        converted = legacy.convert(text, encoding)
        self._note(where, "", encoding.value, converted)
        return converted

    def _note(self, where: str, font: str, encoding: str, converted: str) -> None:
        last = self.conversions[-1] if self.conversions else None
        if last is None or (last.where, last.font) != (where, font):
            last = Conversion(where, font, encoding)
            self.conversions.append(last)
        last.runs += 1
        if len(last.sample) < 60:
            last.sample = (last.sample + " " + converted).strip()[:60]

    @property
    def converted_runs(self) -> int:
        return sum(c.runs for c in self.conversions)
