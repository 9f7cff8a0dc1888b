"""Every export format and every shipped slide theme is described in the docs (house style R10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.exporters.lesson_export import FORMATS
from lecturer_app.formats.slide_layout import theme_names

DOCS = Path(__file__).resolve().parents[2] / "docs"
SECTION = {"pptx": "## PPTX export", "docx": "## DOCX export", "pdf": "## PDF export"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_export_format_has_a_section_in_formats_md(fmt):
    assert SECTION[fmt] in (DOCS / "formats.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", theme_names())
def test_each_shipped_theme_is_named_in_the_cli_docs(name):
    assert f"`{name}`" in (DOCS / "cli.md").read_text(encoding="utf-8")


def test_imports_and_the_handout_have_sections_too():
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    assert "## PPTX import" in text and "## DOCX import" in text and "## Phiếu tài liệu" in text
