"""Plain text (.txt) → questions, in the Word conventions (``marked_text``).

Text has no formatting, so the key comes from ``Đáp án: X`` lines, a ``*``
before the option, or a ``BẢNG ĐÁP ÁN`` list at the end.  Chapter headings
("CHƯƠNG 1", "Chương I: …") become the category of the questions below them.
"""

from __future__ import annotations

from pathlib import Path

from lecturer_app.i18n import _
from lecturer_app.importers.questions.marked_text import Line, Run, parse_lines
from lecturer_app.importers.questions.report import ImportResult
from lecturer_app.importers.questions.textfile import read_text


def read(path: Path, marker: str = "auto") -> ImportResult:
    result = ImportResult(path, "txt")
    text = read_text(path, result)
    lines = [Line(_("dòng {n}").format(n=number), [Run(raw.rstrip())])
             for number, raw in enumerate(text.split("\n"), start=1)]
    parse_lines(lines, result, marker)
    return result
