"""The district level was abolished in 2025: nothing the app ships may name it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXT_SUFFIXES = {".py", ".po", ".toml", ".md", ".txt", ".json", ".csv"}


def _shipped_text_files() -> list[Path]:
    files = []
    for folder in ("lecturer_app", "resources", "lesson_bank"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES]
    return files


@pytest.mark.parametrize("word", ["huyện", "Huyện", "HUYỆN"])
def test_no_shipped_text_names_the_district_level(word):
    offenders = [str(p.relative_to(ROOT)) for p in _shipped_text_files()
                 if word in p.read_text(encoding="utf-8", errors="replace")]
    assert offenders == []
