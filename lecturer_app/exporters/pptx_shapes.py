"""The XML of one slide's shapes, as python-pptx built them for the PPTX writer, written as text in one go.

python-pptx's object model cost about 1 ms per paragraph and scanned every
shape id of a slide for each shape it added; these functions write the same
elements (the same children in the same order, tests/exporters/
test_pptx_package.py compares with python-pptx's) from the layout engine's
frames.  Shape ids come from the caller's counter; relationship ids
(pictures, links) from ``SlideRelationships``.
"""

from __future__ import annotations

from lecturer_app.core.slides.themes import Theme
from lecturer_app.core.text.normalize import nfc
from lecturer_app.formats.slide_layout import MARKER_GAP, Box, TableFrame, TextFrame

EMU_PER_POINT = 12700
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SLIDE_LAYOUT = "../slideLayouts/slideLayout6.xml"   # "Title Only": the title placeholder the writer fills
NO_TABLE_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"   # PowerPoint's "No Style, No Grid"
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
# python-pptx's autoshape style (line, fill, effect and font references), kept as it wrote them.
_AUTOSHAPE_STYLE = ('<p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef>'
                    '<a:fillRef idx="3"><a:schemeClr val="accent1"/></a:fillRef>'
                    '<a:effectRef idx="2"><a:schemeClr val="accent1"/></a:effectRef>'
                    '<a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style>')
_SPANNED_CELL = "<a:txBody><a:bodyPr/><a:lstStyle/><a:p/></a:txBody><a:tcPr/>"   # a new cell, as python-pptx made it
_EMPTY_PARAGRAPH = '<a:p><a:endParaRPr lang="vi-VN"/></a:p>'
_INSETS = 'wrap="square" lIns="0" rIns="0" tIns="0" bIns="0"'


def emu(points: float) -> int:
    return int(round(points * EMU_PER_POINT))


def text(value: str) -> str:
    """Element text: XML-safe, NFC, with &, < and > escaped."""
    return nfc(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    return text(value).replace('"', "&quot;")


class SlideRelationships:
    """A slide's relationships: the layout first, then pictures and links, each target once."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, bool]] = [("slideLayout", SLIDE_LAYOUT, False)]

    def to(self, kind: str, target: str, external: bool = False) -> str:
        item = (kind, target, external)
        if item not in self.items:
            self.items.append(item)
        return f"rId{self.items.index(item) + 1}"


def slide_xml(background: str, shapes: list[str]) -> str:
    """A slide with its own background and *shapes* in drawing order."""
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<p:sld xmlns:a="{A_NS}" xmlns:p="{P_NS}" xmlns:r="{R_NS}"><p:cSld><p:bg><p:bgPr><a:solidFill>'
            f'<a:srgbClr val="{background}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree><p:nvGrpSpPr>'
            '<p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f'{"".join(shapes)}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>')


def _xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/><a:ext cx="{emu(box.w)}" cy="{emu(box.h)}"/></a:xfrm>'


def _geometry(box: Box) -> str:
    return f'{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'


def rect_xml(box: Box, color: str, shape_id: int) -> str:
    """A filled rectangle without line or shadow (the XML python-pptx's add_shape gave)."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="decor {shape_id}"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_geometry(box)}<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
            f'<a:ln><a:noFill/></a:ln><a:effectLst/></p:spPr>{_AUTOSHAPE_STYLE}<p:txBody>'
            '<a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>')


def textbox_xml(frame: TextFrame, theme: Theme, shape_id: int) -> str:
    """A text box at the frame's box: wrapping, no autofit, zero insets, the frame's paragraphs."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(f"{frame.role} {shape_id}")}"/>'
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_geometry(frame.box)}<a:noFill/></p:spPr>'
            f'{_text_body(frame, theme)}</p:sp>')


def title_xml(frame: TextFrame, theme: Theme) -> str:
    """The layout's title placeholder (id 2, as python-pptx cloned it) at the frame's box with its text."""
    return ('<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr>{_xfrm(frame.box)}</p:spPr>'
            f'{_text_body(frame, theme)}</p:sp>')


def _text_body(frame: TextFrame, theme: Theme) -> str:
    paragraphs = "".join(paragraph_xml(para, frame.align, theme.font) for para in frame.paragraphs)
    return (f'<p:txBody><a:bodyPr {_INSETS} anchor="{_ANCHOR[frame.valign]}"><a:noAutofit/></a:bodyPr>'
            f"<a:lstStyle/>{paragraphs}</p:txBody>")


def paragraph_xml(para, align: str, font: str) -> str:
    """One ``a:p``: exact line spacing, the engine's indent, bullet and size; the run in vi-VN.

    Child order follows the schema: lnSpc, spcBef, spcAft, bullet colour/font/char in ``a:pPr``;
    fill, latin, cs in ``a:rPr``.  ``lang="vi-VN"`` gives PowerPoint's spelling check the language.
    """
    if para.marker:
        bullet = (f'<a:buClr><a:srgbClr val="{para.color}"/></a:buClr><a:buFont typeface="Arial"/>'
                  f'<a:buChar char="{attr(para.marker)}"/>')
        indent = -emu(MARKER_GAP)
    else:
        bullet, indent = "<a:buNone/>", 0
    level = f' lvl="{min(para.level, 8)}"' if para.level else ""
    typeface = attr(font)
    return (
        f'<a:p><a:pPr marL="{emu(para.indent)}" indent="{indent}"{level} '
        f'algn="{_ALIGN[align]}"><a:lnSpc><a:spcPts val="{round(para.size * 120)}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(para.space_before * 100)}"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="0"/></a:spcAft>{bullet}</a:pPr>'
        f'<a:r><a:rPr lang="vi-VN" sz="{round(para.size * 100)}" b="{int(para.bold)}" i="{int(para.italic)}" '
        f'dirty="0"><a:solidFill><a:srgbClr val="{para.color}"/></a:solidFill>'
        f'<a:latin typeface="{typeface}"/><a:cs typeface="{typeface}"/></a:rPr>'
        f'<a:t>{text(para.text)}</a:t></a:r></a:p>')


def picture_xml(shape_id: int, name: str, description: str, embed: str, box: Box, link: str = "") -> str:
    """A picture stretched over *box* (python-pptx's ``add_picture``), optionally a link when clicked."""
    click = f'<a:hlinkClick r:id="{link}"/>' if link else ""
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{attr(name)}" descr="{attr(description)}">{click}'
            '</p:cNvPr><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{embed}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f"<p:spPr>{_geometry(box)}</p:spPr></p:pic>")


def table_xml(frame: TableFrame, theme: Theme, shape_id: int) -> str:
    """A real PowerPoint table: the layout's column widths, row heights, merges, fills and lines."""
    first_row = ' firstRow="1"' if frame.cells and frame.cells[0].header else ""
    grid = "".join(f'<a:gridCol w="{emu(width)}"/>' for width in frame.column_widths)
    rows = "".join(f'<a:tr h="{emu(height)}">{"".join(cells)}</a:tr>'
                   for height, cells in zip(frame.row_heights, _table_cells(frame, theme)))
    box = frame.box
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="table {shape_id}"/>'
            '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
            f'</p:nvGraphicFramePr><p:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/>'
            f'<a:ext cx="{emu(box.w)}" cy="{emu(box.h)}"/></p:xfrm><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
            f"<a:tbl><a:tblPr{first_row}><a:tableStyleId>{NO_TABLE_STYLE}</a:tableStyleId></a:tblPr>"
            f"<a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")


def _table_cells(frame: TableFrame, theme: Theme) -> list[list[str]]:
    """Every grid cell's ``a:tc``: a merged area's text and spans in its first cell, the rest marked merged.

    As python-pptx's ``merge`` marks them: the area's top row carries ``rowSpan``, its left column
    ``gridSpan``, cells right of the left column ``hMerge``, cells below the top row ``vMerge``.
    """
    rows, columns = len(frame.row_heights), len(frame.column_widths)
    spans: list[list[dict[str, str]]] = [[{} for _ in range(columns)] for _ in range(rows)]
    filled: dict[tuple[int, int], str] = {}
    place = {source: index for index, source in enumerate(frame.source_rows)}
    for cell in frame.cells:
        top = place[cell.row]
        filled[(top, cell.column)] = _cell_content(cell, frame, theme)
        if cell.rows > 1 or cell.columns > 1:
            _mark_merge(spans, top, cell.column, cell.rows, cell.columns)
    return [[f"<a:tc{_marks(spans[r][c])}>{filled.get((r, c), _SPANNED_CELL)}</a:tc>" for c in range(columns)]
            for r in range(rows)]


def _marks(marks: dict[str, str]) -> str:
    return "".join(f' {name}="{value}"' for name, value in marks.items())


def _mark_merge(spans: list[list[dict[str, str]]], top: int, left: int, rows: int, columns: int) -> None:
    for r in range(top, top + rows):
        for c in range(left, left + columns):
            marks = spans[r][c]
            if r == top and rows > 1:
                marks["rowSpan"] = str(rows)
            if c == left and columns > 1:
                marks["gridSpan"] = str(columns)
            if c > left:
                marks["hMerge"] = "1"
            if r > top:
                marks["vMerge"] = "1"


def _cell_content(cell, frame: TableFrame, theme: Theme) -> str:
    paragraphs = "".join(paragraph_xml(para, "left", theme.font) for para in cell.text.paragraphs)
    pad = emu(cell.text.box.x - cell.box.x)
    line = f'<a:solidFill><a:srgbClr val="{frame.line}"/></a:solidFill>'
    sides = "".join(f'<a:{side} w="12700">{line}</a:{side}>' for side in ("lnL", "lnR", "lnT", "lnB"))
    fill = f'<a:solidFill><a:srgbClr val="{frame.header_fill}"/></a:solidFill>' if cell.header else "<a:noFill/>"
    return (f"<a:txBody><a:bodyPr/><a:lstStyle/>{paragraphs or _EMPTY_PARAGRAPH}"
            f'</a:txBody><a:tcPr marL="{pad}" marR="{pad}" marT="{pad}" marB="{pad}" anchor="t">{sides}{fill}</a:tcPr>')
