"""The DOCX paper skeleton as text: the parts python-docx wrote, without importing python-docx.

Importing python-docx (with lxml) and building the skeleton through it cost
a fresh ``exam build`` process about a tenth of its time, for parts that are
the same in every build but for a few strings.  Without an organisation's
header template, every part but ``word/document.xml`` and
``docProps/core.xml`` is the same for every build: they are python-docx's
own, kept compressed in ``resources/docx/paper_base.zip``
(``scripts/docx_paper_base.py``), the footer with the code token in it.  The
document's body (header table, heading, the marker where the questions go,
the closing lines) and the core properties are written here the way
python-docx serialised them: the same elements, attributes in the same
order, the same ``xml:space`` and run-property choices.
``tests/exam/test_paper_docx_xml.py`` checks every part against the
python-docx skeleton (``paper_docx_skeleton.docx_skeleton``) for many
settings.  With a header template the skeleton is still made by python-docx.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from lecturer_app.core.org_header import HeaderLine, HeaderSpec, header_spec
from lecturer_app.core.resources import resource_path
from lecturer_app.core.text.normalize import nfc
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.zip_members import Packed, packed, read_members

DOCUMENT_MEMBER = "word/document.xml"
CORE_MEMBER = "docProps/core.xml"
BODY_SLOT = "<!--body-->"  # where the body goes in the stored document part (before w:sectPr)
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
# python-docx's style ids of paper_docx.OPTION_STYLES (the name without spaces).
STYLE_IDS = ((4, "Phươngán4cột"), (2, "Phươngán2cột"), (1, "Phươngán1cột"))
FONT_NAME = "Times New Roman"
EMU_PER_PT = 12700
EMU_PER_TWIP = 635
EMU_PER_MM = 36000
# python-docx's new table: half the text width of the paper's A4 page (210 mm less 20 + 15 mm margins).
HALF_TEXT_TWIPS = round((int(210 * EMU_PER_MM) - int(20 * EMU_PER_MM) - int(15 * EMU_PER_MM)) // 2 / EMU_PER_TWIP)
# What lxml refuses in text (lone surrogates fail later, when the text is encoded, as they did).
_LXML_REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
              'w:noVBand="1" w:val="04A0"/>')


@lru_cache(maxsize=1)
def base_members() -> tuple[Packed, ...]:
    """python-docx's parts of a paper without a template, in its order (document.xml with ``BODY_SLOT``)."""
    return tuple(read_members(resource_path("docx", "paper_base.zip").read_bytes()))


def skeleton_members(settings: PaperSettings, code: str, marker: str, token: bytes) -> list[tuple[str, bytes | Packed]]:
    """The skeleton's members in order: bytes where *token* (the code) or the questions go, else packed.

    *code* stands for the mã đề in the text; *marker* is the text of the paragraph the questions replace.
    """
    members: list[tuple[str, bytes | Packed]] = []
    for member in base_members():
        if member.name == DOCUMENT_MEMBER:
            members.append((member.name, document_xml(member.inflated().decode("utf-8"), settings, code, marker)))
        elif member.name == CORE_MEMBER:
            data = core_xml(f"{settings.title} – Mã đề {code}", _author(settings), _stamp(settings.on))
            members.append((member.name, data if token in data else packed(member.name, data)))
        else:
            raw = member.inflated()
            members.append((member.name, raw if token in raw else member))
    return members


def _author(settings: PaperSettings) -> str:
    return settings.organization.name if settings.organization else ""


def _stamp(on: date | None) -> datetime:
    from lecturer_app.exporters.office_properties import stamp_time

    return stamp_time(on or date.today())


def document_xml(stored: str, settings: PaperSettings, code: str, marker: str) -> bytes:
    """The document part: the stored one with the paper's body before its section properties."""
    body = [header_table(header_spec(settings.organization, on=settings.on)), *_heading(settings, code),
            _paragraph(_run(marker, preserve=True)), _para("----- HẾT -----", bold=True, centre=True),
            _para(settings.closing, italic=True, centre=True)]
    text = "".join(body)
    if _LXML_REFUSES.search(text):  # python-docx (lxml) refused such text: no silently broken file either
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return stored.replace(BODY_SLOT, text).encode("utf-8")


def _heading(settings: PaperSettings, code: str) -> list[str]:
    """The paragraphs and name / code table under the header (``paper_docx._heading``)."""
    found = [_para("ĐỀ CHÍNH THỨC", bold=True, centre=True)] if settings.official else []
    count = (_run("(Đề có ", bold=False, italic=True) + _field("NUMPAGES") + _run(" trang)", italic=True))
    found += [_paragraph(count, centre=True), _para(settings.title, bold=True, centre=True)]
    if settings.class_line:
        found.append(_para(settings.class_line, bold=True, centre=True))
    found.append(_para(settings.duration_line, italic=True, centre=True))
    left = (_paragraph(_run("Họ và tên: ..................................................")) +
            _paragraph(_run("Số báo danh: ..............................")))
    right = _paragraph(_run(f"Mã đề {code}", bold=True))
    found.append(_table((HALF_TEXT_TWIPS, HALF_TEXT_TWIPS), (left, right), fixed=False))
    found.append(_para("", bold=False, italic=False))
    return found


def header_table(spec: HeaderSpec, width_mm: float = 175.0) -> str:
    """``docx_header.add_header``'s table: two fixed columns, centred lines, short rules under some."""
    from lecturer_app.exporters.header_layout import header_layout

    layout = header_layout(spec, width_mm * 72 / 25.4, 1.0)
    left = _header_cell(spec.left, layout.left_width, layout.scale)
    right = _header_cell(spec.right, layout.right_width, layout.scale)
    return _table((_twips(layout.left_width), _twips(layout.right_width)), (left, right), fixed=True)


def _header_cell(lines: list[HeaderLine], width: float, scale: float) -> str:
    from lecturer_app.exporters.header_layout import line_width

    if not lines:
        return _plain_paragraph("", twice=False)
    paragraphs = []
    for index, line in enumerate(lines):
        size = int(int(round(line.size * scale * 2) / 2 * EMU_PER_PT) / EMU_PER_PT * 2)
        run = _run(line.text, bold=line.bold, italic=line.italic, font=FONT_NAME, half_points=size)
        paragraphs.append(_plain_paragraph(run, twice=index == 0))
        if line.rule_below:
            side = max(0.0, (width - line_width(line, scale) * line.rule_share) / 2)
            paragraphs.append(_rule(_twips(side)))
    return "".join(paragraphs)


def _plain_paragraph(runs: str, twice: bool) -> str:
    """``docx_header._plain``: centred, no indents or spacing; applied twice, python-docx moves firstLine last."""
    order = 'w:left="0" w:right="0" w:firstLine="0"' if twice else 'w:firstLine="0" w:left="0" w:right="0"'
    indent = f"<w:ind {order}/>"
    return f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{indent}<w:jc w:val="center"/></w:pPr>{runs}</w:p>'


def _rule(side: int) -> str:
    return ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="80" w:lineRule="exact"/>'
            f'<w:ind w:firstLine="0" w:left="{side}" w:right="{side}"/><w:jc w:val="center"/><w:pBdr>'
            '<w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr></w:pPr></w:p>')


def _table(widths: tuple[int, int], cells: tuple[str, str], fixed: bool) -> str:
    layout = '<w:tblLayout w:type="fixed"/>' if fixed else ""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    row = "".join(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{cell}</w:tc>'
                  for width, cell in zip(widths, cells))
    return (f'<w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/>{layout}{TABLE_LOOK}</w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid><w:tr>{row}</w:tr></w:tbl>")


def _twips(points: float) -> int:
    """python-docx's ``Pt(points).twips``."""
    return int(round(int(points * EMU_PER_PT) / float(EMU_PER_TWIP)))


def _para(value: str, *, bold: bool = False, italic: bool = False, centre: bool = False) -> str:
    """``paper_docx._para``: one run with bold and italic both set (off is written ``w:val="0"``)."""
    return _paragraph(_run(value, bold=bold, italic=italic), centre=centre)


def _paragraph(runs: str, centre: bool = False) -> str:
    props = '<w:pPr><w:jc w:val="center"/></w:pPr>' if centre else ""
    return f"<w:p>{props}{runs}</w:p>" if props or runs else "<w:p/>"


def _field(name: str) -> str:
    """``paper_docx._field``: an italic run holding the field's begin, code, separator and end."""
    return (f'<w:r><w:rPr><w:i/></w:rPr><w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve"> {name} '
            '</w:instrText><w:fldChar w:fldCharType="separate"/><w:fldChar w:fldCharType="end"/></w:r>')


def _run(value: str, *, bold: bool | None = None, italic: bool | None = None, font: str = "",
         half_points: int = 0, preserve: bool = False) -> str:
    """A run as python-docx's ``add_run`` and setters write it: a tab is ``w:tab``, a line break ``w:br``."""
    props = f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>' if font else ""
    props += _toggle("b", bold) + _toggle("i", italic)
    props += f'<w:sz w:val="{half_points}"/>' if half_points else ""
    content = _run_content(value, preserve)
    inner = (f"<w:rPr>{props}</w:rPr>" if props else "") + content
    return f"<w:r>{inner}</w:r>" if inner else "<w:r/>"


def _toggle(tag: str, value: bool | None) -> str:
    if value is None:
        return ""
    return f"<w:{tag}/>" if value else f'<w:{tag} w:val="0"/>'


def _run_content(value: str, preserve: bool) -> str:
    """python-docx's ``_RunContentAppender``: text in ``w:t`` (``xml:space`` when it has outer blanks)."""
    out: list[str] = []
    for piece in _BREAKS.split(value):
        if piece in _BREAK_XML:
            out.append(_BREAK_XML[piece])
        elif piece:
            space = ' xml:space="preserve"' if preserve or len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{_text(piece)}</w:t>")
    return "".join(out)


_BREAKS = re.compile("([\t\r\n])")
_BREAK_XML = {"\t": "<w:tab/>", "\r": "<w:br/>", "\n": "<w:br/>"}


def _text(value: str) -> str:
    """Element text as lxml escapes it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def core_xml(title: str, author: str, when: datetime) -> bytes:
    """python-docx's template core properties, filled as ``office_properties.stamp_docx`` fills them."""
    title, author = (_text(nfc(value)[:255]) for value in (title, author))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    creator = f"<dc:creator>{author}</dc:creator>"
    modified_by = f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
    return (f"{DECLARATION}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{title}</dc:title><dc:subject/>{creator}<cp:keywords/>"
            f"<dc:description></dc:description>{modified_by}"
            f'<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified><cp:category/>'
            "<dc:language>vi-VN</dc:language></cp:coreProperties>").encode()
