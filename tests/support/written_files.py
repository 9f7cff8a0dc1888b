"""What a written file says and holds, for comparing one written in the Vietnamese UI with one written in English."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path


def text_of(path: Path) -> str:
    """What a reader sees in the file: its paragraphs, slides, cells or PDF text."""
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if path.suffix == ".pptx":
        from pptx import Presentation

        return "\n".join(s.text_frame.text for slide in Presentation(str(path)).slides for s in slide.shapes
                         if s.has_text_frame)
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        return "\n".join(str(v) for sheet in load_workbook(path).worksheets for row in sheet.iter_rows(values_only=True)
                         for v in row if v is not None)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def contents(path: Path) -> dict[str, bytes]:
    """The file's bytes; an Office file's members, the times it was written left out (a second apart)."""
    if path.suffix not in (".docx", ".pptx", ".xlsx"):
        return {"": path.read_bytes()}
    with zipfile.ZipFile(path) as package:
        members = {name: package.read(name) for name in package.namelist()}
    members["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*", b"",
                                          members["docProps/core.xml"])
    return members
