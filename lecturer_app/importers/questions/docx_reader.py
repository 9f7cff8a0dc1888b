"""Word (.docx) → questions, in the conventions of ``marked_text``.

Paragraphs are read in document order with their run formatting (bold,
italic, underline, red) and the labels of Word's automatic numbering
("Câu 1:", "A."), soft line breaks split into lines, pictures kept
(as images of the question or option they sit in), tables kept in the stem
as HTML unless they are an answer table.  Runs in .VnTime/VNI fonts are
converted to Unicode with the shared legacy converter.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import ImageRef
from lecturer_app.core.text.normalize import nfc
from lecturer_app.formats.memory_budget import check_zip
from lecturer_app.i18n import _
from lecturer_app.importers.docx_numbering import NumberingLabels
from lecturer_app.importers.legacy_vietnamese import (
    convert,
    encoding_for_font,
    is_upper_font,
)
from lecturer_app.importers.questions.marked_text import Line, Run, parse_lines
from lecturer_app.importers.questions.report import ImportResult

_OPTION_LETTER = re.compile(r"^\s*\(?[A-J]\s*[.):/]?(\s|$)")
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def read(path: Path, marker: str = "auto") -> ImportResult:
    from docx.exceptions import InvalidXmlError

    result = ImportResult(path, "docx")
    document = _open(path)
    lines: list[Line] = []
    paragraphs = tables = 0
    converted: set[str] = set()
    labels = NumberingLabels(document)
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        paragraphs, tables = paragraphs + (tag == "p"), tables + (tag == "tbl")
        where = _("đoạn {n}").format(n=paragraphs) if tag == "p" else _("bảng {n}").format(n=tables)
        # python-docx checks a value when it is read (w:b w:val="x"): one damaged paragraph refuses the
        # file, naming it; skipping it could drop an option and shift the key.
        try:
            if tag == "p":
                found = _paragraph_lines(element, document, result, paragraphs, converted)
                label = _numbering_label(labels, element, document, found[0].text)
                if label:
                    found[0].runs.insert(0, Run(label + " "))
                lines.extend(found)
            elif tag == "tbl":
                lines.append(_table_line(element, document, tables, result, converted))
        except (InvalidXmlError, ValueError, KeyError) as exc:
            raise InputFileError(path, where, _("phần này của tệp Word bị hỏng: {e}").format(e=exc)) from exc
    for name in sorted(converted):
        result.notes.append(_("đã chuyển mã {encoding} sang Unicode").format(encoding=name))
    parse_lines(lines, result, marker)
    return result


def _numbering_label(labels: NumberingLabels, element: Any, document: Any, text: str) -> str:
    """Word's automatic label ("Câu 3:", "B.") of a paragraph.

    Bullets carry no question structure, except before an option letter: a
    bulleted "B. text" after the options repeats the right answer."""
    from docx.text.paragraph import Paragraph

    found = labels.label(Paragraph(element, document._body))
    if found and found[0] in ("-", "+"):
        return "•" if _OPTION_LETTER.match(text) else ""
    return found[0] if found else ""


def _open(path: Path) -> Any:
    if not path.is_file():
        raise InputFileError(path, "", _("không tìm thấy tệp"))
    check_zip(path)
    import docx

    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for broken parts
        raise InputFileError(path, "", _("không mở được tệp Word: {e}").format(e=exc)) from exc


def _paragraph_lines(element: Any, document: Any, result: ImportResult, number: int,
                     converted: set[str], where: str = "") -> list[Line]:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document._body)
    where = where or _("đoạn {n}").format(n=number)
    lines = [Line(where)]
    for run in paragraph.runs:
        text = _run_text(run, converted)
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                lines.append(Line(where))
            if piece:
                lines[-1].runs.append(_formatted(run, piece.replace("\t", "  ")))
        lines[-1].images.extend(_run_images(run, document, result))
    return lines


def _run_text(run: Any, converted: set[str]) -> str:
    text = run.text
    font = run.font.name
    encoding = encoding_for_font(font)
    if encoding is not None and text:
        converted.add(encoding.value)
        return convert(text, encoding, upper=is_upper_font(font))
    return nfc(text)


def _formatted(run: Any, text: str) -> Run:
    style_font = run.style.font if run.style is not None else None

    def flag(name: str) -> bool:
        value = getattr(run.font, name)
        if value is None and style_font is not None:
            value = getattr(style_font, name)
        return bool(value)

    return Run(text, bold=flag("bold"), italic=flag("italic"), underline=flag("underline"), red=_is_red(run),
               highlight=_is_yellow(run))


def _is_yellow(run: Any) -> bool:
    """Yellow highlight (Word's highlighter) or a yellow character shading."""
    from docx.enum.text import WD_COLOR_INDEX

    if run.font.highlight_color == WD_COLOR_INDEX.YELLOW:
        return True
    shading = run._element.xpath("./w:rPr/w:shd/@w:fill")
    return bool(shading) and shading[0].upper() in ("FFFF00", "FFFF66", "FFFF99")


def _is_red(run: Any) -> bool:
    color = run.font.color
    try:
        rgb = color.rgb if color is not None and color.type is not None else None
    except (AttributeError, ValueError):
        return False
    if rgb is None:
        return False
    red, green, blue = rgb[0], rgb[1], rgb[2]
    return red >= 0xB0 and green <= 0x60 and blue <= 0x60


def _run_images(run: Any, document: Any, result: ImportResult) -> list[ImageRef]:
    images = []
    for rid in run._element.xpath(".//a:blip/@r:embed"):
        part = document.part.related_parts.get(rid)
        if part is not None and hasattr(part, "blob") and (ref := result.add_image(part.blob,
                                                                                 Path(str(part.partname)).name)):
            images.append(ref)
    return images


def _table_line(element: Any, document: Any, number: int, result: ImportResult, converted: set[str]) -> Line:
    from docx.table import Table

    table = Table(element, document._body)
    where = _("bảng {n}").format(n=number)
    rows: list[list[str]] = []
    cell_lines: list[Line] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell is repeated by python-docx; keep it once
            seen.add(id(cell._tc))
            cells.append(nfc(cell.text.strip()))
            for paragraph in cell.paragraphs:
                cell_lines.extend(_paragraph_lines(paragraph._p, document, result, number, converted, where))
        rows.append(cells)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c, quote=False)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return Line(where, table=rows, table_html=f"<table border=\"1\">{body}</table>", cells=cell_lines)
