"""Write resources/fonts/liberation/sans-widths.json: Liberation Sans advance widths for slide text measuring.

    .venv/bin/python scripts/sans_widths.py

``formats/text_measure`` measures slide text with these widths instead of
loading reportlab and parsing four TrueType files in every process (a tenth
of a deck export).  Each entry is reportlab's own width of that character
(``stringWidth`` at 1000 pt), so sums are the same to the last bit; text with
a character outside the ranges is measured by reportlab as before.  Run again
when the fonts change (tests/exporters/test_text_widths.py checks the file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Latin with Vietnamese (Latin Extended Additional), combining marks, punctuation, currency, arrows, shapes.
RANGES = ((0x20, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x215F),
          (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF))


def widths() -> dict[str, dict[str, list[float]]]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from lecturer_app.formats.text_measure import FONT_NAMES, _register_fonts

    _register_fonts()
    return {font: {f"{start:X}": [stringWidth(chr(cp), font, 1000.0) for cp in range(start, end + 1)]
                   for start, end in RANGES} for font in FONT_NAMES}


def main() -> None:
    path = ROOT / "resources" / "fonts" / "liberation" / "sans-widths.json"
    path.write_text(json.dumps(widths(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(path)


if __name__ == "__main__":
    main()
