"""Small XLSX files written directly: rows of text and numbers, a bold header row, widths and frozen panes.

An exam build writes three such workbooks (keys, answer template, blueprint).
Importing openpyxl (and the numpy it loads when installed) cost a fresh
``lecturer-app exam build`` more than writing all three, so these are written
here from plain XML, with the same guarantees as ``exporters.workbook``: every
string is a text cell (never a formula), text that Excel would read as a
formula once edited gets the quote prefix, characters XML cannot hold are
removed, and the file appears whole or not at all.  The document properties
are those ``office_properties.stamp_xlsx`` writes (title, author, vi-VN).
Writers that need more of the format (styles, write-only streaming) use openpyxl.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lecturer_app.core.safe_write import write_bytes
from lecturer_app.core.text.normalize import nfc, xml_safe
from lecturer_app.exporters.office_properties import LANGUAGE
from lecturer_app.exporters.workbook import FORMULA_STARTS
from lecturer_app.exporters.xml_text import escape, quoteattr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Cell formats in styles.xml: plain, bold, quote-prefixed, bold and quote-prefixed; the same four centred.
BOLD, QUOTED, CENTRED = 1, 2, 4


@dataclass(eq=False)  # nothing compares two: a fresh build compiles no __eq__
class Sheet:
    """One worksheet: its rows (str, int, float or None cells), column widths by letter, the frozen corner."""

    title: str
    rows: list[list[Any]]
    bold_header: bool = True
    widths: dict[str, float] = field(default_factory=dict)
    freeze: str = ""
    # Every cell centred: a key's letters under their question numbers (a number sits right, a letter left,
    # so «1» stood nearer the next column's letter than its own).
    centred: bool = False
    # Printed on A4 landscape, scaled to the page's width: a key of 40 questions printed across three pages,
    # and a letter read from the wrong page's columns is a mark given wrongly.
    fit_width: bool = False


def write_xlsx(sheets: list[Sheet], path: Path, *, title: str, author: str = "",
               when: datetime | None = None) -> Path:
    """Write *sheets* (the first one active) to *path* through a temporary name; returns *path*."""
    from lecturer_app.exporters.office_properties import stamp_time

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in _package_parts(sheets, title, author, when or stamp_time()):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
    return write_bytes(path, buffer.getvalue())


def _package_parts(sheets: list[Sheet], title: str, author: str, when: datetime) -> list[tuple[str, str]]:
    count = len(sheets)
    parts = [("[Content_Types].xml", _content_types(count)), ("_rels/.rels", _root_rels()),
             ("docProps/core.xml", _core(title, author, when)), ("xl/workbook.xml", _workbook(sheets)),
             ("xl/_rels/workbook.xml.rels", _workbook_rels(count)), ("xl/styles.xml", _STYLES)]
    parts += [(f"xl/worksheets/sheet{n}.xml", _sheet(sheet)) for n, sheet in enumerate(sheets, start=1)]
    return parts


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: Any, bold: bool, centred: bool = False) -> str:
    style = (BOLD if bold else 0) + (CENTRED if centred else 0)
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"{_s(style)}><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{_s(style)}><v>{value!r}</v></c>'
    text = xml_safe(nfc(str(value)))
    if text.startswith(FORMULA_STARTS):
        style += QUOTED
    return f'<c r="{ref}" t="inlineStr"{_s(style)}><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _s(style: int) -> str:
    return f' s="{style}"' if style else ""


def _row(number: int, values: list[Any], bold: bool, centred: bool = False) -> str:
    cells = "".join(_cell(f"{column_letter(col)}{number}", value, bold, centred)
                    for col, value in enumerate(values, start=1) if value is not None)
    return f'<row r="{number}">{cells}</row>'


def _sheet(sheet: Sheet) -> str:
    rows = "".join(_row(n, values, sheet.bold_header and n == 1, sheet.centred)
                   for n, values in enumerate(sheet.rows, start=1))
    indexed = sorted((_column_index(letter), width) for letter, width in sheet.widths.items())
    cols = "".join(f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>' for index, width in indexed)
    fit, setup = (_FIT_WIDTH, _A4_LANDSCAPE) if sheet.fit_width else ("", "")
    return (f'{XML_HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{fit}'
            f'<sheetViews><sheetView workbookViewId="0">{_pane(sheet.freeze)}</sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
            f"<sheetData>{rows}</sheetData>{setup}</worksheet>")


# The worksheet's print settings (their places in the element order are fixed: sheetPr first, pageSetup last).
_FIT_WIDTH = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
_A4_LANDSCAPE = ('<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                 '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>')


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _pane(corner: str) -> str:
    """A frozen pane whose top-left scrolling cell is *corner* ("B2": first row and column stay)."""
    if not corner:
        return ""
    letters = corner.rstrip("0123456789")
    x, y = _column_index(letters) - 1, int(corner[len(letters):]) - 1
    active = "bottomRight" if x and y else "topRight" if x else "bottomLeft"
    split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
    return (f'<pane{split} topLeftCell="{corner}" activePane="{active}" state="frozen"/>'
            f'<selection pane="{active}" activeCell="{corner}" sqref="{corner}"/>')


def _workbook(sheets: list[Sheet]) -> str:
    entries = "".join(f'<sheet name={quoteattr(xml_safe(nfc(s.title))[:31])} sheetId="{n}" r:id="rId{n}"/>'
                      for n, s in enumerate(sheets, start=1))
    return (f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{entries}</sheets></workbook>')


def _workbook_rels(count: int) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = "".join(f'<Relationship Id="rId{n}" Type="{kind}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                   for n in range(1, count + 1))
    rels += f'<Relationship Id="rId{count + 1}" Type="{kind}/styles" Target="styles.xml"/>'
    return f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'


def _root_rels() -> str:
    kind = "http://schemas.openxmlformats.org"
    return (f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{kind}/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{kind}/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>')


def _content_types(count: int) -> str:
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{main}.worksheet+xml"/>'
                     for n in range(1, count + 1))
    return (f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{main}.styles+xml"/>{sheets}'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')


def _core(title: str, author: str, when: datetime) -> str:
    stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    title, author = escape(xml_safe(nfc(title))), escape(xml_safe(nfc(author)))
    return (f'{XML_HEAD}<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"
            f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>{LANGUAGE}</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


_CENTRED_XFS = "".join(
    f'<xf numFmtId="0" fontId="{font}" fillId="0" borderId="0" xfId="0"{applied}{quoted} applyAlignment="1">'
    '<alignment horizontal="center"/></xf>'
    for font, applied, quoted in ((0, "", ""), (1, ' applyFont="1"', ""), (0, "", ' quotePrefix="1"'),
                                  (1, ' applyFont="1"', ' quotePrefix="1"')))
_STYLES = (f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">'
           '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
           '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/>'
           f"{_CENTRED_XFS}</cellXfs>"
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           '</styleSheet>')
