"""PPTX as python-pptx wrote it before the writer wrote the package itself (commit 2763a4b): the reference.

tests/exporters/test_pptx_package.py checks that ``exporters.pptx_writer``
writes the same parts (canonical XML, relationship ids resolved to their
targets), so the direct writer keeps every shape, picture, table, notes
slide, master style and language tag python-pptx gave.  Kept as it was,
python-pptx's object model per slide (speaker notes through
``slide.notes_slide`` itself), for comparison only.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from lecturer_app.core.safe_write import write_rendered
from lecturer_app.core.slides.themes import Theme
from lecturer_app.core.text.normalize import nfc, xml_safe
from lecturer_app.exporters.office_properties import LANGUAGE, _stamp_core, stamp_time
from lecturer_app.exporters.picture_fit import display_size, fitted
from lecturer_app.formats.pictures import oversized
from lecturer_app.formats.slide_layout import (
    MARKER_GAP,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    ImageFrame,
    QrFrame,
    RectFrame,
    SlidePage,
    TableFrame,
    TextFrame,
)

EMU_PER_POINT = 12700
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_QUOTE = {'"': "&quot;"}
TITLE_ONLY_LAYOUT = 5
ImageSource = Callable[[str], "bytes | None"]


@dataclass
class PptxWriteReport:
    """What the writer could not do exactly (missing pictures), for the user."""

    pages: int = 0
    missing_images: list[str] = field(default_factory=list)


def _emu(points: float) -> int:
    return int(round(points * EMU_PER_POINT))


def write_pptx(pages: list[SlidePage], path: Path, *, theme: Theme, images: ImageSource,
               title: str = "", author: str = "") -> PptxWriteReport:
    """Write *pages* to *path* (written to a temporary name, then renamed).

    Args:
        pages: from ``layout_deck``.
        theme: the theme the pages were laid out with (its font name is written).
        images: returns the bytes of a picture by sha256, or None when missing.
        title, author: document properties.
    """
    from pptx import Presentation
    from pptx.util import Emu

    presentation = Presentation()
    presentation.slide_width = Emu(_emu(SLIDE_WIDTH))
    presentation.slide_height = Emu(_emu(SLIDE_HEIGHT))
    stamp_pptx(presentation, title=title, author=author)
    report = PptxWriteReport(pages=len(pages))
    _style_master(presentation, theme)
    for page in pages:
        _write_page(presentation, page, theme, images, report)
    vietnamese_pptx(presentation)
    _save_atomically(presentation, Path(path))
    return report


def _style_master(presentation, theme: Theme) -> None:
    """Give the slide master the theme's background, font and colours.

    Slides the lecturer adds later in PowerPoint then match the deck instead of
    showing the default white Calibri master.  Master titles use the theme's
    subtitle colour: the title colour is chosen for the title band, which the
    master does not have.
    """
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn

    master = presentation.slide_master
    fill = master.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(theme.color("background"))
    styles = master._element.find(qn("p:txStyles"))
    for style, color in ((qn("p:titleStyle"), theme.color("subtitle")), (qn("p:bodyStyle"), theme.color("text"))):
        for run_props in styles.find(style).iter(qn("a:defRPr")):
            for old in run_props.findall(qn("a:solidFill")):
                run_props.remove(old)
            run_props.insert(0, _parse_a(f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'))
            latin = run_props.find(qn("a:latin"))
            if latin is not None:
                latin.set("typeface", theme.font)


def _parse_a(xml: str):
    from pptx.oxml import parse_xml

    return parse_xml(xml.replace("<a:solidFill>", f'<a:solidFill xmlns:a="{A_NS}">', 1))


def _save_atomically(presentation, path: Path) -> None:
    write_rendered(path, presentation.save)


def _write_page(presentation, page: SlidePage, theme: Theme, images: ImageSource,
                report: PptxWriteReport) -> None:
    from pptx.dml.color import RGBColor

    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(page.background)
    title_placeholder = slide.shapes.title
    used_title = False
    ids = _ShapeIds(slide)
    for frame in page.frames:
        if isinstance(frame, RectFrame):
            _add_shape(slide, _rect_xml(frame, ids.take()))
        elif isinstance(frame, TextFrame) and frame.role == "title" and not used_title:
            _fill_text(title_placeholder, frame, theme)
            _bring_to_front(title_placeholder)
            used_title = True
        elif isinstance(frame, TextFrame):
            _add_shape(slide, _textbox_xml(frame, theme, ids.take()))
        elif isinstance(frame, ImageFrame):
            ids.after(_picture(slide, frame, images, report))
        elif isinstance(frame, QrFrame):
            ids.after(_qr(slide, frame))
        elif isinstance(frame, TableFrame):
            ids.after(_table(slide, frame, theme))
    if not used_title:
        title_placeholder._element.getparent().remove(title_placeholder._element)
    if page.notes.strip():
        slide.notes_slide.notes_text_frame.text = nfc(page.notes)


def _bring_to_front(shape) -> None:
    """Move a layout placeholder after the decorations drawn so far (later = on top)."""
    element = shape._element
    tree = element.getparent()
    tree.remove(element)
    tree.append(element)


class _ShapeIds:
    """The next free shape id of a slide.

    python-pptx finds it by scanning every id of the slide for each shape it
    adds, which was the largest part of writing a deck; shapes built here as
    XML take ids from this counter, and shapes python-pptx still adds (pictures,
    tables) move it on (``after``).
    """

    def __init__(self, slide) -> None:
        used = [int(value) for value in slide.shapes._spTree.xpath("//@id") if str(value).isdigit()]
        self._next = max(used, default=0) + 1

    def take(self) -> int:
        self._next += 1
        return self._next - 1

    def after(self, shape_id: int | None) -> None:
        if shape_id is not None:
            self._next = max(self._next, shape_id + 1)


P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_SHAPE_NS = f'xmlns:p="{P_NS}" xmlns:a="{A_NS}"'
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
# python-pptx's autoshape style (line, fill, effect and font references), kept as it wrote them.
_AUTOSHAPE_STYLE = ('<p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef>'
                    '<a:fillRef idx="3"><a:schemeClr val="accent1"/></a:fillRef>'
                    '<a:effectRef idx="2"><a:schemeClr val="accent1"/></a:effectRef>'
                    '<a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style>')


def _add_shape(slide, xml: str) -> None:
    from pptx.oxml import parse_xml

    slide.shapes._spTree.insert_element_before(parse_xml(xml), "p:extLst")


def _xfrm(box) -> str:
    return (f'<a:xfrm><a:off x="{_emu(box.x)}" y="{_emu(box.y)}"/>'
            f'<a:ext cx="{_emu(box.w)}" cy="{_emu(box.h)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>')


def _rect_xml(frame: RectFrame, shape_id: int) -> str:
    """A filled rectangle without line or shadow (the XML python-pptx's add_shape gave, built in one go)."""
    return (f'<p:sp {_SHAPE_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="decor {shape_id}"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(frame.box)}<a:solidFill><a:srgbClr val="{frame.color}"/></a:solidFill>'
            f'<a:ln><a:noFill/></a:ln><a:effectLst/></p:spPr>{_AUTOSHAPE_STYLE}<p:txBody>'
            '<a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>')


def _textbox_xml(frame: TextFrame, theme: Theme, shape_id: int) -> str:
    """A text box at the frame's box: wrapping, no autofit, zero insets, the frame's paragraphs."""
    name = escape(f"{frame.role} {shape_id}", _QUOTE)
    paragraphs = "".join(_paragraph_xml(para, frame.align, theme.font) for para in frame.paragraphs)
    return (f'<p:sp {_SHAPE_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr txBox="1"/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(frame.box)}<a:noFill/></p:spPr><p:txBody>'
            f'<a:bodyPr wrap="square" lIns="0" rIns="0" tIns="0" bIns="0" anchor="{_ANCHOR[frame.valign]}">'
            f"<a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>")


def _fill_text(shape, frame: TextFrame, theme: Theme) -> None:
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

    box = frame.box
    shape.left, shape.top, shape.width, shape.height = _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h)
    text_frame = shape.text_frame
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(text_frame, side, 0)
    text_frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE,
                                  "bottom": MSO_ANCHOR.BOTTOM}[frame.valign]
    tx_body = text_frame._txBody
    for old in tx_body.findall(_qn_a("p")):
        tx_body.remove(old)
    for para in frame.paragraphs:
        tx_body.append(_paragraph_element(para, frame.align, theme.font))


def _qn_a(tag: str) -> str:
    return f"{{{A_NS}}}{tag}"


def _paragraph_element(para, align: str, font: str):
    """One ``a:p`` element (``_paragraph_xml``)."""
    from pptx.oxml import parse_xml

    return parse_xml(_paragraph_xml(para, align, font).replace("<a:p>", f'<a:p xmlns:a="{A_NS}">', 1))


def _paragraph_xml(para, align: str, font: str) -> str:
    """One ``a:p`` as XML text, built in one go (python-pptx's property API costs ~1 ms per paragraph).

    Child order follows the schema: lnSpc, spcBef, spcAft, bullet colour/font/char in ``a:pPr``;
    fill, latin, cs in ``a:rPr``.  ``lang="vi-VN"`` gives PowerPoint's spelling check the language.
    """

    if para.marker:
        bullet = (f'<a:buClr><a:srgbClr val="{para.color}"/></a:buClr><a:buFont typeface="Arial"/>'
                  f'<a:buChar char="{escape(para.marker, _QUOTE)}"/>')
        indent = -_emu(MARKER_GAP)
    else:
        bullet, indent = "<a:buNone/>", 0
    level = f' lvl="{min(para.level, 8)}"' if para.level else ""
    typeface = escape(font, _QUOTE)
    xml = (
        f'<a:p><a:pPr marL="{_emu(para.indent)}" indent="{indent}"{level} '
        f'algn="{_ALIGN[align]}"><a:lnSpc><a:spcPts val="{round(para.size * 120)}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(para.space_before * 100)}"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="0"/></a:spcAft>{bullet}</a:pPr>'
        f'<a:r><a:rPr lang="vi-VN" sz="{round(para.size * 100)}" b="{int(para.bold)}" i="{int(para.italic)}" '
        f'dirty="0"><a:solidFill><a:srgbClr val="{para.color}"/></a:solidFill>'
        f'<a:latin typeface="{typeface}"/><a:cs typeface="{typeface}"/></a:rPr>'
        f'<a:t>{escape(xml_safe(nfc(para.text)))}</a:t></a:r></a:p>')
    return xml


NO_TABLE_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"   # PowerPoint's "No Style, No Grid"


def _table(slide, frame: TableFrame, theme: Theme) -> int:
    """A real PowerPoint table: the layout's column widths, row heights, merges, fills and lines; its shape id."""
    box = frame.box
    shape = slide.shapes.add_table(len(frame.row_heights), len(frame.column_widths), _emu(box.x), _emu(box.y),
                                   _emu(box.w), _emu(box.h))
    shape.name = f"table {shape.shape_id}"
    table = shape.table
    table.first_row, table.horz_banding = bool(frame.cells and frame.cells[0].header), False
    table._tbl.tblPr.find(_qn_a("tableStyleId")).text = NO_TABLE_STYLE
    for column, width in zip(table.columns, frame.column_widths):
        column.width = _emu(width)
    for row, height in zip(table.rows, frame.row_heights):
        row.height = _emu(height)
    place = {source: index for index, source in enumerate(frame.source_rows)}
    for cell in frame.cells:
        row = place[cell.row]
        target = table.cell(row, cell.column)
        if cell.rows > 1 or cell.columns > 1:
            target.merge(table.cell(row + cell.rows - 1, cell.column + cell.columns - 1))
        _fill_cell(target, cell, frame, theme)
    return shape.shape_id


def _fill_cell(target, cell, frame: TableFrame, theme: Theme) -> None:
    from pptx.oxml import parse_xml

    tc = target._tc
    tx_body = target.text_frame._txBody
    for old in tx_body.findall(_qn_a("p")):
        tx_body.remove(old)
    for para in cell.text.paragraphs or ():
        tx_body.append(_paragraph_element(para, "left", theme.font))
    if not cell.text.paragraphs:
        tx_body.append(parse_xml(f'<a:p xmlns:a="{A_NS}"><a:endParaRPr lang="vi-VN"/></a:p>'))
    pad = _emu(cell.text.box.x - cell.box.x)
    line = f'<a:solidFill><a:srgbClr val="{frame.line}"/></a:solidFill>'
    sides = "".join(f'<a:{side} w="12700">{line}</a:{side}>' for side in ("lnL", "lnR", "lnT", "lnB"))
    fill = f'<a:solidFill><a:srgbClr val="{frame.header_fill}"/></a:solidFill>' if cell.header else "<a:noFill/>"
    old = tc.find(_qn_a("tcPr"))
    if old is not None:
        tc.remove(old)
    tc.append(parse_xml(f'<a:tcPr xmlns:a="{A_NS}" marL="{pad}" marR="{pad}" marT="{pad}" marB="{pad}" '
                        f'anchor="t">{sides}{fill}</a:tcPr>'))


def _picture(slide, frame: ImageFrame, images: ImageSource, report: PptxWriteReport) -> int | None:
    """The picture fitted in its frame; its shape id, or None when it is missing (reported)."""
    data = images(frame.sha256)
    # A picture stored before import checked its pixel count would take gigabytes to place: it is reported.
    size = display_size(data) if data and not oversized(data) else None
    box = frame.fit(*size) if size else None
    picture_data = fitted(data, box.w, box.h) if data and box else None   # ≤ 220 dpi on the slide, JPEG for photos
    if picture_data is None or box is None:
        report.missing_images.append(frame.filename or frame.sha256)
        return None
    picture = slide.shapes.add_picture(io.BytesIO(picture_data.data), _emu(box.x), _emu(box.y), _emu(box.w),
                                       _emu(box.h))
    picture.name = f"image {picture.shape_id}"
    if frame.alt:
        picture._element.nvPicPr.cNvPr.set("descr", nfc(frame.alt))
    return picture.shape_id


def qr_png(url: str, scale: int = 10) -> bytes:
    """A QR code for *url* as PNG bytes (error correction M, quiet zone 2)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def _qr(slide, frame: QrFrame) -> int:
    box = frame.box
    picture = slide.shapes.add_picture(io.BytesIO(qr_png(frame.url)), _emu(box.x), _emu(box.y),
                                       _emu(box.w), _emu(box.h))
    picture.name = f"qr {picture.shape_id}"
    picture._element.nvPicPr.cNvPr.set("descr", nfc(frame.url))
    picture.click_action.hyperlink.address = frame.url
    return picture.shape_id


def stamp_pptx(presentation, *, title: str, author: str = "", when=None) -> None:
    _stamp_core(presentation.core_properties, title, author, when or stamp_time())


_A_RUN_PROPS = (f"{{{A_NS}}}rPr", f"{{{A_NS}}}endParaRPr", f"{{{A_NS}}}defRPr")


def vietnamese_pptx(presentation) -> None:
    """Every run, paragraph end and default text style of every part (slides, notes, masters) in vi-VN."""
    for part in presentation.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for run_props in element.iter(*_A_RUN_PROPS):
            run_props.set("lang", LANGUAGE)
