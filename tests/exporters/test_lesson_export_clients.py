"""Real clients read the exports: LibreOffice converts every PPTX and DOCX, poppler reads the PDFs.

The shipped sample topics (those with a slide deck) are exported in every
format; LibreOffice converts all PPTX/DOCX in one headless call, and
``pdftotext`` must show every title, bullet, heading and paragraph of the
source intact (NFC); ``pdffonts`` must list only embedded fonts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Bullet, Slide
from lecturer_app.core.workspace import open_workspace
from lecturer_app.exporters import markdown_blocks as md
from lecturer_app.exporters.handout_pdf import collect_materials, write_handout
from lecturer_app.exporters.lesson_export import deck_footer, export_lesson
from lecturer_app.exporters.pptx_writer import write_pptx
from lecturer_app.formats.slide_layout import layout_deck, load_theme, theme_names

pytestmark = pytest.mark.slow

STRESS = ("Tư tưởng Hồ Chí Minh về xây dựng Đảng trong sạch, vững mạnh; nâng cao năng lực lãnh đạo, cầm quyền "
          "và sức chiến đấu của Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống")


def _tools_present() -> bool:
    return all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdffonts"))


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    # A page number (digits alone on a page's first or last line) would split a paragraph that runs
    # across a page break.
    pages = []
    for page in raw.split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        while lines and lines[0].strip().isdigit():
            lines.pop(0)
        while lines and lines[-1].strip().isdigit():
            lines.pop()
        pages.append("\n".join(lines))
    return _flat("\n".join(pages))


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _shown(string: str, text: str) -> bool:
    """*string* is in *text*; a line broken after a hyphen ("1930-⏎1945") is joined by pdftotext, so
    hyphens and spaces are ignored when the plain comparison fails."""
    if _flat(string) in text:
        return True
    squeeze = lambda value: re.sub(r"[\s\-]", "", value)  # noqa: E731
    return squeeze(_flat(string)) in squeeze(text)


def _fonts(pdf: Path) -> list[tuple[str, str]]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        parts = line.split()
        # name … emb sub uni object-id generation: "emb" is the fifth column from the end.
        rows.append((parts[0], parts[-5]))
    return rows


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The sample topics exported in every format, and LibreOffice's PDFs of the Office files."""
    if not _tools_present():
        pytest.skip("LibreOffice or poppler-utils not installed")
    root = tmp_path_factory.mktemp("lesson-export")
    workspace = open_workspace(root / "data")
    bank = LessonBank(workspace.store)
    codes = [s.topic.code for s in bank.summaries() if s.slides]
    out = root / "out"
    out.mkdir()
    themes = {code: theme_names()[index % len(theme_names())] for index, code in enumerate(codes)}
    for code in codes:
        export_lesson(workspace, code, "pptx", out / f"{code}-slides.pptx", theme=themes[code])
        export_lesson(workspace, code, "docx", out / f"{code}-plan.docx")
        export_lesson(workspace, code, "pdf", out / f"{code}-plan.pdf")
        write_handout(collect_materials(bank, bank.require_topic(code)), out / f"{code}-handout.pdf")
    stress = _stress_deck(out / "stress-slides.pptx")
    office = sorted(out.glob("*.pptx")) + sorted(out.glob("*.docx"))
    converted = root / "lo"
    profile = f"file://{root / 'lo-profile'}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(converted), *map(str, office)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "HOME": str(root)})
    yield {"workspace": workspace, "bank": bank, "codes": codes, "out": out, "lo": converted, "stress": stress,
           "themes": themes}
    workspace.close()


def _stress_deck(path: Path) -> list[Slide]:
    """Long Vietnamese text that must shrink and continue, in the high-contrast theme."""
    slides = [Slide(title="Xây dựng, chỉnh đốn Đảng " * 3, bullets=[Bullet(STRESS, i % 3) for i in range(16)]),
              Slide(layout="two_columns", title="Hai cột", bullets=[Bullet(STRESS)] * 5, right_bullets=[Bullet(STRESS)])]
    theme = load_theme("tuong_phan_cao")
    write_pptx(layout_deck(slides, theme, footer="Trung tâm chính trị"), path, theme=theme, images=lambda s: None)
    return slides


def test_there_are_sample_topics_to_export(exported):
    assert len(exported["codes"]) >= 3


def test_libreoffice_converts_every_pptx_and_docx(exported):
    sources = sorted(p.stem for p in exported["out"].glob("*.pptx")) + sorted(
        p.stem for p in exported["out"].glob("*.docx"))
    assert sorted(p.stem for p in exported["lo"].glob("*.pdf")) == sorted(sources)


def test_every_slide_title_and_bullet_survives_in_libreoffice(exported):
    bank = exported["bank"]
    for code in exported["codes"]:
        topic = bank.require_topic(code)
        deck = bank.deck(topic.id)
        text = _text(exported["lo"] / f"{code}-slides.pdf")
        theme = load_theme(exported["themes"][code])
        pages = layout_deck(bank.slides(deck.id), theme, footer=deck_footer(topic, None))
        for page in pages:
            for frame in page.text_frames():
                if frame.role == "number":
                    continue   # digits alone are dropped by _text
                for paragraph in frame.paragraphs:
                    assert _shown(paragraph.text, text), (code, paragraph.text)
        for slide in bank.slides(deck.id):
            assert _shown(slide.title, text)


def _words(pdf: Path) -> list[list[tuple[float, str]]]:
    """Per page, (top y in points, word) of every word LibreOffice drew."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [[(float(top), word) for top, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<',
                                                            page)]
            for page in html.split("<page ")[1:]]


def test_no_slide_text_runs_into_the_footer_in_libreoffice(exported):
    """Body text ends above y = 496 pt and the footer starts at 512 pt: nothing may be drawn in between,
    and below it only the footer and the slide number."""
    bank = exported["bank"]
    footers = {f"{code}-slides.pdf": bank.require_topic(code).title for code in exported["codes"]}
    footers["stress-slides.pdf"] = "Trung tâm chính trị"
    for pdf in sorted(exported["lo"].glob("*-slides.pdf")):
        for number, words in enumerate(_words(pdf), start=1):
            assert [w for top, w in words if 492 <= top < 508] == [], (pdf.name, number)
            bottom = " ".join(w for top, w in words if top >= 508)
            assert bottom in (f"{footers[pdf.name]} {number}", footers[pdf.name]), (pdf.name, number, bottom)


def test_long_text_is_shrunk_and_continued_and_still_complete(exported):
    text = _text(exported["lo"] / "stress-slides.pdf")
    assert text.count("(tiếp)") >= 1
    assert text.count(_flat(STRESS)) >= 16 + 6 - 2   # a paragraph split across two pages appears in two parts


def _plan_strings(bank: LessonBank, code: str) -> list[str]:
    topic = bank.require_topic(code)
    strings = []
    for section in bank.sections(bank.plan(topic.id).id):
        strings.append(section.heading)
        for block in md.parse_markdown(section.body):
            if isinstance(block, (md.Heading, md.Para)):
                strings.append(md.plain_text(block.spans))
            elif isinstance(block, md.ListItem):
                strings.append(f"{block.marker} {md.plain_text(block.spans)}")
            elif isinstance(block, md.Table):
                # Narrow cells wrap at hyphens and slashes: check the words.
                strings.extend(w for row in block.rows for cell in row
                               for w in re.findall(r"[^\W\d_]+", md.plain_text(cell)))
    return [s for s in strings if s.strip()]


def test_every_plan_heading_and_paragraph_survives_in_docx_and_pdf(exported):
    bank = exported["bank"]
    for code in exported["codes"]:
        for pdf in (exported["lo"] / f"{code}-plan.pdf", exported["out"] / f"{code}-plan.pdf"):
            text = _text(pdf)
            missing = [s for s in _plan_strings(bank, code) if not _shown(s, text)]
            assert missing == [], (pdf.name, missing[:3])
            assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
            assert "GIÁO ÁN" in text


def test_pdfs_embed_every_font_and_use_no_core_font(exported):
    for pdf in sorted(exported["out"].glob("*.pdf")):
        fonts = _fonts(pdf)
        assert fonts, pdf.name
        assert all(embedded == "yes" for _name, embedded in fonts), (pdf.name, fonts)
        assert all(re.match(r"^[A-Z]{6}\+Liberation", name) for name, _e in fonts), (pdf.name, fonts)


def test_the_handout_lists_every_link_with_its_code(exported):
    bank = exported["bank"]
    for code in exported["codes"]:
        handout = collect_materials(bank, bank.require_topic(code))
        text = _text(exported["out"] / f"{code}-handout.pdf")
        assert "PHIẾU TÀI LIỆU" in text
        assert _flat(handout.topic.title) in text
        for material in handout.materials:
            assert material.code in text
            assert material.url.replace(" ", "") in text.replace(" ", "")
