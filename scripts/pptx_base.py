"""Write resources/pptx/base.zip: the parts of python-pptx's template every exported deck shares.

    .venv/bin/python scripts/pptx_base.py

``exporters/pptx_writer`` writes a deck as a zip of these parts and the
slides it generates, so an export no longer imports python-pptx (a third of
its time).  The parts are python-pptx's own, as its writer left them:
16:9 slide size, every run in vi-VN, a notes master, and stand-ins the
writer replaces: the master's background and text colours and font
(``MASTER_*``), the slide list of ``ppt/presentation.xml``
and the text of a notes slide (``NOTES_TEXT``).  Run again when python-pptx
changes (tests/exporters/test_pptx_package.py checks the file).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lecturer_app.exporters.pptx_package import (  # noqa: E402
    MASTER_BACKGROUND,
    MASTER_FONT,
    MASTER_TEXT,
    MASTER_TITLE,
    NOTES_TEMPLATE,
    NOTES_TEXT,
    SLIDE_LISTS,
    is_shared,
)
from lecturer_app.formats.slide_layout import SLIDE_HEIGHT, SLIDE_WIDTH  # noqa: E402

TITLE_ONLY_LAYOUT = 5


def python_pptx_package() -> dict[str, bytes]:
    """Every part of a one-slide deck with notes, as python-pptx writes it with the stand-ins in place."""
    from pptx import Presentation
    from pptx.util import Emu

    from tests.support.pptx_reference import _style_master, vietnamese_pptx

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(int(SLIDE_WIDTH * 12700)), Emu(int(SLIDE_HEIGHT * 12700))
    _style_master(presentation, _StandIn())
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.notes_slide.notes_text_frame.text = NOTES_TEXT
    vietnamese_pptx(presentation)
    buffer = io.BytesIO()
    presentation.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


class _StandIn:
    """A theme whose colours and font are the stand-ins the writer replaces."""

    font = MASTER_FONT

    def color(self, role: str) -> str:
        return {"background": MASTER_BACKGROUND, "subtitle": MASTER_TITLE, "text": MASTER_TEXT}[role]


def base_parts() -> dict[str, bytes]:
    """The shared parts: the template's fixed ones, presentation.xml with list stand-ins, a notes slide."""
    parts = python_pptx_package()
    shared = {name: data for name, data in parts.items() if is_shared(name)}
    shared[NOTES_TEMPLATE] = parts["ppt/notesSlides/notesSlide1.xml"]
    presentation = parts["ppt/presentation.xml"].decode("utf-8")
    presentation = re.sub(r"<p:sldIdLst>.*</p:sldIdLst>", SLIDE_LISTS, presentation)
    shared["ppt/presentation.xml"] = presentation.encode("utf-8")
    return shared


def main() -> None:
    from lecturer_app.exporters.zip_members import packed, zip_bytes

    path = ROOT / "resources" / "pptx" / "base.zip"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes([packed(name, data) for name, data in sorted(base_parts().items())]))
    print(path)


if __name__ == "__main__":
    main()
