"""Writes laid-out slide pages (``core.slide_layout``) into a .pptx with python-pptx.

Every frame is placed exactly where the layout engine put it: decorations as
rectangles, text as text boxes with the engine's type sizes, exact line
spacing and zero insets (so PowerPoint wraps where the engine wrapped),
pictures fitted with their aspect kept, QR codes as PNG pictures.  Titles go
into the title placeholder so PowerPoint's outline and screen readers see
them, and bullet levels are paragraph levels so an import reads them back.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.slide_layout import (
    SLIDE_HEIGHT, SLIDE_WIDTH, ImageFrame, QrFrame, RectFrame, SlidePage, TextFrame,
)
from lecturer_app.core.slide_themes import Theme
from lecturer_app.core.text import nfc

EMU_PER_POINT = 12700
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

    presentation = Presentation()
    presentation.slide_width = _emu(SLIDE_WIDTH)
    presentation.slide_height = _emu(SLIDE_HEIGHT)
    presentation.core_properties.title = nfc(title)
    presentation.core_properties.author = nfc(author)
    report = PptxWriteReport(pages=len(pages))
    for page in pages:
        _write_page(presentation, page, theme, images, report)
    _save_atomically(presentation, Path(path))
    return report


def _save_atomically(presentation, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.partial")
    try:
        presentation.save(str(tmp))
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_page(presentation, page: SlidePage, theme: Theme, images: ImageSource,
                report: PptxWriteReport) -> None:
    from pptx.dml.color import RGBColor

    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(page.background)
    title_placeholder = slide.shapes.title
    used_title = False
    for frame in page.frames:
        if isinstance(frame, RectFrame):
            _rect(slide, frame)
        elif isinstance(frame, TextFrame) and frame.role == "title" and not used_title:
            _fill_text(title_placeholder, frame, theme)
            _bring_to_front(title_placeholder)
            used_title = True
        elif isinstance(frame, TextFrame):
            box = frame.box
            shape = slide.shapes.add_textbox(_emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
            shape.name = f"{frame.role} {shape.shape_id}"
            _fill_text(shape, frame, theme)
        elif isinstance(frame, ImageFrame):
            _picture(slide, frame, images, report)
        elif isinstance(frame, QrFrame):
            _qr(slide, frame)
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


def _rect(slide, frame: RectFrame) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    box = frame.box
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(frame.color)
    shape.line.fill.background()
    shape.shadow.inherit = False
    shape.name = f"decor {shape.shape_id}"


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
    for index, para in enumerate(frame.paragraphs):
        paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        _write_paragraph(paragraph, para, frame.align, theme)


def _write_paragraph(paragraph, para, align: str, theme: Theme) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    paragraph.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]
    paragraph.level = min(para.level, 8)
    paragraph.line_spacing = Pt(para.size * 1.2)
    paragraph.space_before = Pt(para.space_before)
    paragraph.space_after = Pt(0)
    _bullet(paragraph, para.marker, para.indent, para.color)
    run = paragraph.add_run()
    run.text = nfc(para.text)
    font = run.font
    font.name = theme.font
    font.size = Pt(para.size)
    font.bold = para.bold
    font.italic = para.italic
    font.color.rgb = RGBColor.from_string(para.color)


def _bullet(paragraph, marker: str, indent: float, color: str) -> None:
    """Hanging-indent bullet (``buChar``) or an explicit ``buNone`` so no master bullet shows."""
    from pptx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    for tag in ("a:buClr", "a:buFont", "a:buChar", "a:buNone", "a:buAutoNum"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    if not marker:
        p_pr.set("marL", str(_emu(indent)))
        p_pr.set("indent", "0")
        _append(p_pr, "a:buNone")
        return
    p_pr.set("marL", str(_emu(indent)))
    p_pr.set("indent", str(-_emu(24.0)))
    colour = _append(p_pr, "a:buClr")
    _append(colour, "a:srgbClr").set("val", color)
    _append(p_pr, "a:buFont").set("typeface", "Arial")
    _append(p_pr, "a:buChar").set("char", marker)


def _append(parent, tag: str):
    from pptx.oxml.ns import qn
    from lxml import etree

    # Keep schema order: bullet elements go before tab stops, defRPr and extLst.
    element = etree.SubElement(parent, qn(tag))
    for later in ("a:tabLst", "a:defRPr", "a:extLst"):
        found = parent.find(qn(later))
        if found is not None and found is not element:
            found.addprevious(element)
            break
    return element


def _picture(slide, frame: ImageFrame, images: ImageSource, report: PptxWriteReport) -> None:
    data = images(frame.sha256)
    size = _pixel_size(data) if data else None
    if data is None or size is None:
        report.missing_images.append(frame.filename or frame.sha256)
        return
    box = frame.fit(*size)
    picture = slide.shapes.add_picture(io.BytesIO(data), _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
    picture.name = f"image {picture.shape_id}"
    if frame.alt:
        picture._element.nvPicPr.cNvPr.set("descr", nfc(frame.alt))


def _pixel_size(data: bytes) -> tuple[int, int] | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def qr_png(url: str, scale: int = 10) -> bytes:
    """A QR code for *url* as PNG bytes (error correction M, quiet zone 2)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def _qr(slide, frame: QrFrame) -> None:
    box = frame.box
    picture = slide.shapes.add_picture(io.BytesIO(qr_png(frame.url)), _emu(box.x), _emu(box.y),
                                       _emu(box.w), _emu(box.h))
    picture.name = f"qr {picture.shape_id}"
    picture._element.nvPicPr.cNvPr.set("descr", nfc(frame.url))
    picture.click_action.hyperlink.address = frame.url
