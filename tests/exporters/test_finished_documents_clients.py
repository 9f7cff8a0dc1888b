"""LibreOffice reads the sample exports as finished documents: Vietnamese text, one signature, whole words.

The shipped sample plans go to DOCX and their decks to PPTX; LibreOffice
converts the DOCX to PDF (whose ``/Lang`` is the document's language) and the
PPTX to ODP (whose styles name every text's language); poppler reads the PDFs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.workspace import open_workspace
from lecturer_app.exporters import markdown_blocks as md
from lecturer_app.exporters.lesson_export import export_lesson

pytestmark = pytest.mark.slow


def _convert(files: list[Path], fmt: str, out: Path, root: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{root / 'lo-profile'}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, files)], check=True, capture_output=True,
                   timeout=300, env={**os.environ, "HOME": str(root)})


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    if not all(shutil.which(tool) for tool in ("soffice", "pdftotext")):
        pytest.skip("LibreOffice or poppler-utils not installed")
    root = tmp_path_factory.mktemp("finished")
    workspace = open_workspace(root / "data")
    bank = LessonBank(workspace.store)
    codes = [s.topic.code for s in bank.summaries() if s.slides]
    for code in codes:
        export_lesson(workspace, code, "docx", root / "docx" / f"{code}.docx")
        export_lesson(workspace, code, "pptx", root / "pptx" / f"{code}.pptx")
    _convert(sorted((root / "docx").glob("*.docx")), "pdf", root / "pdf", root)
    _convert(sorted((root / "pptx").glob("*.pptx")), "odp", root / "odp", root)
    yield {"root": root, "codes": codes, "bank": bank}
    workspace.close()


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_libreoffice_takes_the_plan_docx_for_vietnamese(converted):
    for code in converted["codes"]:
        pdf = (converted["root"] / "pdf" / f"{code}.pdf").read_bytes()
        assert re.findall(rb"/Lang\s*\(([^)]*)\)", pdf) == [b"vi-VN"], code


def test_libreoffice_takes_every_slide_text_for_vietnamese(converted):
    for code in converted["codes"]:
        with zipfile.ZipFile(converted["root"] / "odp" / f"{code}.odp") as package:
            content = package.read("content.xml").decode()
        languages = set(re.findall(r'fo:language="([^"]+)" fo:country="([^"]+)"', content))
        assert languages == {("vi", "VN")}, code


def test_every_plan_docx_is_signed_once_on_one_page_in_libreoffice(converted):
    for code in converted["codes"]:
        pages = _pages(converted["root"] / "pdf" / f"{code}.pdf")
        signed = [n for n, page in enumerate(pages) if "NGƯỜI SOẠN" in page]
        named = [n for n, page in enumerate(pages) if "Ban biên soạn (mẫu)" in map(str.strip, page.splitlines())]
        assert len(signed) == 1 and signed == named, code
        # The block is not alone on its page: the last paragraph of the plan is with it.
        assert len([line for line in pages[signed[0]].splitlines() if line.strip()]) > 3, code
        assert "KẾT LUẬN" in pages[signed[0]], code   # with its heading, too


def _syllables(text: str) -> list[str]:
    """Runs of letters: a line may break at "-" or "/" ("27-QĐ/TW"), never inside one ("mạn/h")."""
    return re.findall(r"[^\W\d_]+", text)


def test_no_word_of_a_plan_table_is_broken_in_libreoffice(converted):
    bank = converted["bank"]
    for code in converted["codes"]:
        words = set(_syllables(" ".join(_pages(converted["root"] / "pdf" / f"{code}.pdf"))))
        plan = bank.plan(bank.require_topic(code).id)
        for section in bank.sections(plan.id):
            for block in md.parse_markdown(section.body):
                if isinstance(block, md.Table):
                    cells = [md.plain_text(cell) for row in block.rows for cell in row]
                    missing = {w for cell in cells for w in _syllables(cell) if w not in words}
                    assert missing == set(), (code, sorted(missing)[:5])
