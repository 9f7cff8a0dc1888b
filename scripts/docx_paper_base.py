"""Write resources/docx/paper_base.zip: python-docx's parts of an exam paper without a header template.

    .venv/bin/python scripts/docx_paper_base.py

``exporters/exam/paper_docx_xml`` writes a build's DOCX skeleton from these
parts, so an exam build no longer imports python-docx.  The parts are those
python-docx writes for the paper (``paper_docx_skeleton.docx_skeleton``), in
its order: styles with the option styles and vi-VN, the footer with the code
token, relationships and content types; the document part's body is replaced
by ``BODY_SLOT`` (the writer fills it in) and the core properties are
empty (written per build).  Run again when python-docx or the paper's styles change
(tests/exam/test_paper_docx_xml.py checks the file).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lecturer_app.exam.paper_settings import PaperSettings  # noqa: E402
from lecturer_app.exporters.exam.paper_docx_skeleton import docx_skeleton  # noqa: E402
from lecturer_app.exporters.exam.paper_docx_xml import BODY_SLOT, CORE_MEMBER, DOCUMENT_MEMBER  # noqa: E402
from lecturer_app.exporters.zip_members import Packed, packed, zip_bytes  # noqa: E402


def base_parts() -> list[tuple[str, bytes]]:
    """Every part of python-docx's skeleton in its order, the document's body replaced by ``BODY_SLOT``."""
    parts = []
    for name, data in docx_skeleton(PaperSettings(), None).members:
        raw = data.inflated() if isinstance(data, Packed) else data
        if name == DOCUMENT_MEMBER:
            text = re.sub(r"(?s)(<w:body>).*?(<w:sectPr[ >])", rf"\1{BODY_SLOT}\2", raw.decode("utf-8"), count=1)
            raw = text.encode("utf-8")
        elif name == CORE_MEMBER:
            raw = b""  # written per build (title, author, date)
        parts.append((name, raw))
    return parts


def main() -> None:
    path = ROOT / "resources" / "docx" / "paper_base.zip"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes([packed(name, data) for name, data in base_parts()]))
    print(path)


if __name__ == "__main__":
    main()
