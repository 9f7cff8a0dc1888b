"""The slide layout engine shared by the PPTX exporter and the GUI thumbnails.

``layout_slide`` turns one ``Slide`` into one or more ``SlidePage`` objects:
frames positioned in points on a 960×540 (16:9) slide, with text already
broken into lines.  Text is measured with reportlab's ``stringWidth`` on
Liberation Sans, which is metric-compatible with Arial (the font the PPTX
names), so a wrap decided here is the wrap PowerPoint and LibreOffice make.

Long text never overflows: a text frame first shrinks its type within the
theme's limits (body 28→18 pt by default); if it still does not fit, the
slide continues on further pages whose title ends in "(tiếp)", using the
largest size that needs no more pages than the smallest size would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lecturer_app.core.model import Bullet, Slide, SlideTable
from lecturer_app.core.slides.themes import Rect, Theme, load_theme, theme_names
from lecturer_app.core.text.normalize import nfc
from lecturer_app.formats import slide_table
from lecturer_app.formats.text_measure import text_width, wrap_text

__all__ = [
    "SLIDE_WIDTH", "SLIDE_HEIGHT", "Box", "TextLine", "Paragraph", "TextFrame", "ImageFrame", "QrFrame",
    "RectFrame", "SlidePage", "layout_slide", "layout_deck", "load_theme", "theme_names", "Theme",
    "text_width", "CONTINUED", "TableCell", "TableFrame",
]

SLIDE_WIDTH = 960.0
SLIDE_HEIGHT = 540.0
MARGIN = 48.0
CONTINUED = "(tiếp)"
LINE_HEIGHT = 1.2          # line pitch as a multiple of the font size (exact spacing in the PPTX)
SPACE_BEFORE = 0.35        # space before a level-0 paragraph, times its size
LEVEL_INDENT = 30.0        # points per bullet level
MARKER_GAP = 24.0          # room for the bullet marker before the text
MARKERS = ("•", "–", "◦", "▪", "·")
LEVEL_SCALE = (1.0, 0.88, 0.8, 0.75, 0.75)  # a deeper level is set this much smaller
SIZE_STEP = 2.0
MAX_POINTS_PER_PIXEL = 1.0   # pictures are never shown larger than 72 dpi

TITLE_BOX = (MARGIN, 12.0, SLIDE_WIDTH - 2 * MARGIN, 90.0)
BODY_TOP = 124.0
BODY_BOTTOM = 496.0
FOOTER_BOX = (MARGIN, 512.0, SLIDE_WIDTH - 2 * MARGIN - 80.0, 24.0)
NUMBER_BOX = (SLIDE_WIDTH - MARGIN - 80.0, 512.0, 80.0, 24.0)
FOOTER_SIZE = 12.0



# --- Frames --------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle in points, origin at the slide's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class TextLine:
    """One laid-out line.

    ``x``/``y`` are the top-left of the line box (absolute points), ``baseline``
    the absolute baseline.  ``marker`` is the bullet drawn at ``marker_x`` on
    the first line of a bullet paragraph ("" otherwise).  ``paragraph`` is the
    index into the frame's ``paragraphs``.
    """

    text: str
    level: int
    size: float
    bold: bool
    italic: bool
    color: str
    x: float
    y: float
    width: float
    baseline: float
    paragraph: int
    marker: str = ""
    marker_x: float = 0.0


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as the PPTX writes it: the renderer wraps it where the engine did."""

    text: str
    level: int
    size: float
    bold: bool
    italic: bool
    color: str
    marker: str
    indent: float
    space_before: float


@dataclass(frozen=True)
class TextFrame:
    """A text box; ``role`` is title, subtitle, body, left, right, message, url, footer or number."""

    role: str
    box: Box
    paragraphs: tuple[Paragraph, ...]
    lines: tuple[TextLine, ...]
    align: str = "left"
    valign: str = "top"
    kind: str = "text"


@dataclass(frozen=True)
class ImageFrame:
    """A picture placed inside ``box`` with its aspect ratio kept (see :meth:`fit`)."""

    sha256: str
    box: Box
    alt: str = ""
    filename: str = ""
    kind: str = "image"

    def fit(self, pixel_width: int, pixel_height: int) -> Box:
        """The largest box of the picture's aspect centred in ``box``, at most one point per pixel:
        a small picture (a logo, an icon) is not blown up into a blur."""
        if pixel_width <= 0 or pixel_height <= 0:
            return self.box
        scale = min(self.box.w / pixel_width, self.box.h / pixel_height, MAX_POINTS_PER_PIXEL)
        w, h = pixel_width * scale, pixel_height * scale
        return Box(self.box.x + (self.box.w - w) / 2, self.box.y + (self.box.h - h) / 2, w, h)


@dataclass(frozen=True)
class QrFrame:
    """A square QR code for ``url``."""

    url: str
    box: Box
    kind: str = "qr"


@dataclass(frozen=True)
class TableCell:
    """One cell (or merged area) of a laid-out table: grid position, spans, box and its text."""

    row: int
    column: int
    rows: int
    columns: int
    box: Box
    text: TextFrame
    header: bool = False


@dataclass(frozen=True)
class TableFrame:
    """A table: column widths and row heights in points, cells in reading order (merged areas once).

    ``row_count``/``column_count`` give the grid; ``line``, ``header_fill`` and ``header_text`` the colours.
    """

    box: Box
    column_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    cells: tuple[TableCell, ...]
    line: str
    header_fill: str
    source_rows: tuple[int, ...] = ()   # the rows of ``Slide.table`` on this page, in order
    kind: str = "table"


@dataclass(frozen=True)
class RectFrame:
    """A theme decoration: a filled rectangle drawn behind everything else."""

    box: Box
    color: str
    kind: str = "rect"


Frame = TextFrame | ImageFrame | QrFrame | RectFrame | TableFrame


@dataclass
class SlidePage:
    """One slide as shown or exported.

    Attributes:
        frames: drawn in order (decorations first).
        background: ``RRGGBB`` of the page.
        continued: True on the "(tiếp)" pages of a slide too long for one.
        footer: the footer text ("" for none); number: the slide number shown.
        notes: speaker notes (on the first page of a slide only).
        layout: the source slide's layout.
    """

    frames: list[Frame] = field(default_factory=list)
    background: str = "FFFFFF"
    continued: bool = False
    footer: str = ""
    number: int = 1
    notes: str = ""
    layout: str = "bullets"

    def text_frames(self, role: str | None = None) -> list[TextFrame]:
        return [f for f in self.frames if isinstance(f, TextFrame) and (role is None or f.role == role)]

    def title_text(self) -> str:
        return " ".join(p.text for f in self.text_frames("title") for p in f.paragraphs)


# --- Text blocks -------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """A paragraph before sizing: its text, level and whether it gets a marker."""

    text: str
    level: int = 0
    bullet: bool = True
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class _Style:
    color: str
    align: str = "left"
    level_step: bool = True   # deeper levels get smaller type
    least: float = 12.0       # ... but never smaller than this (the theme's level_min)


def _level_size(size: float, block: _Block, style: _Style) -> float:
    if not style.level_step:
        return size
    scale = LEVEL_SCALE[min(block.level, len(LEVEL_SCALE) - 1)]
    return max(style.least, round(size * scale * 2) / 2)


def _indent(block: _Block) -> float:
    return (block.level * LEVEL_INDENT + MARKER_GAP) if block.bullet else 0.0


@dataclass
class _Placed:
    """Lines of one paragraph at one size, relative to the frame top."""

    block: _Block
    size: float
    lines: list[str]
    space_before: float
    continued: bool = False   # the rest of a paragraph split across pages: no second marker

    @property
    def height(self) -> float:
        return self.space_before + len(self.lines) * self.size * LINE_HEIGHT

    def but(self, *, lines: list[str] | None = None, space_before: float | None = None,
            continued: bool | None = None) -> _Placed:
        """A copy with those fields changed: ``dataclasses.replace`` checks every field, a tenth of the layout."""
        return _Placed(self.block, self.size, self.lines if lines is None else lines,
                       self.space_before if space_before is None else space_before,
                       self.continued if continued is None else continued)


def _place(blocks: list[_Block], width: float, size: float, style: _Style) -> list[_Placed]:
    placed = []
    for index, block in enumerate(blocks):
        line_size = _level_size(size, block, style)
        lines = wrap_text(block.text, width - _indent(block), line_size, bold=block.bold, italic=block.italic)
        before = 0.0 if index == 0 else line_size * (SPACE_BEFORE if block.level == 0 else SPACE_BEFORE / 2)
        placed.append(_Placed(block, line_size, lines, before))
    return placed


def _paginate(placed: list[_Placed], height: float) -> list[list[_Placed]]:
    """Split placed paragraphs into pages of at most *height*, splitting long paragraphs by line."""
    pages: list[list[_Placed]] = [[]]
    used = 0.0
    for item in placed:
        item = item.but(space_before=item.space_before if pages[-1] else 0.0)
        while True:
            room = height - used - item.space_before
            pitch = item.size * LINE_HEIGHT
            fits = int((room + 0.01) // pitch) if room > 0 else 0
            if fits >= len(item.lines):
                pages[-1].append(item)
                used += item.height
                break
            if fits > 0:
                pages[-1].append(item.but(lines=item.lines[:fits]))
                item = item.but(lines=item.lines[fits:], space_before=0.0, continued=True)
            elif not pages[-1]:
                # Not even one line fits an empty page: place it anyway (cannot happen at sane sizes).
                pages[-1].append(item)
                used += item.height
                break
            pages.append([])
            used = 0.0
            item = item.but(space_before=0.0)
    return [page for page in pages if page]


def fit_blocks(blocks: list[_Block], box: Box, sizes: tuple[float, float], style: _Style
               ) -> tuple[float, list[list[_Placed]]]:
    """The largest size in [min, max] giving the fewest pages, and those pages."""
    largest, smallest = sizes
    at_smallest = _paginate(_place(blocks, box.w, smallest, style), box.h)
    fewest = len(at_smallest)
    size = largest
    while True:
        # The smallest size's pages are already known (long text shrinks all the way: one size less to wrap).
        pages = at_smallest if size == smallest else _paginate(_place(blocks, box.w, size, style), box.h)
        if len(pages) <= fewest or size <= smallest:
            return size, pages
        size = max(smallest, size - SIZE_STEP)


def _frame(role: str, box: Box, placed: list[_Placed], style: _Style, valign: str = "top") -> TextFrame:
    """Absolute lines and paragraphs for placed paragraphs inside *box*."""
    total = sum(p.height for p in placed)
    top = box.y + {"top": 0.0, "middle": max(0.0, (box.h - total) / 2), "bottom": max(0.0, box.h - total)}[valign]
    lines: list[TextLine] = []
    paragraphs: list[Paragraph] = []
    y = top
    for index, item in enumerate(placed):
        block = item.block
        marker = MARKERS[min(block.level, len(MARKERS) - 1)] if block.bullet and not item.continued else ""
        indent = _indent(block)
        paragraphs.append(Paragraph(" ".join(item.lines), block.level, item.size, block.bold, block.italic,
                                    style.color, marker, indent, item.space_before))
        y += item.space_before
        for number, text in enumerate(item.lines):
            lines.append(_line(text, item, style, box, indent, y, index, marker if number == 0 else ""))
            y += item.size * LINE_HEIGHT
    return TextFrame(role, box, tuple(paragraphs), tuple(lines), style.align, valign)


def _line(text: str, item: _Placed, style: _Style, box: Box, indent: float, y: float, paragraph: int,
          marker: str) -> TextLine:
    block = item.block
    width = text_width(text, item.size, bold=block.bold, italic=block.italic)
    available = box.w - indent
    offset = {"left": 0.0, "center": (available - width) / 2, "right": available - width}[style.align]
    baseline = y + item.size * (LINE_HEIGHT - 1) / 2 + item.size * 0.905
    return TextLine(text, block.level, item.size, block.bold, block.italic, style.color,
                    box.x + indent + offset, y, width, baseline, paragraph, marker,
                    box.x + indent - MARKER_GAP if marker else 0.0)


# --- Slide layouts -----------------------------------------------------------------


def _bullet_blocks(bullets: list[Bullet]) -> list[_Block]:
    return [_Block(nfc(b.text), max(0, min(int(b.level), 4))) for b in bullets if b.text.strip()]


def _single_frame(role: str, text: str, box: Box, sizes: tuple[float, float], style: _Style, *,
                  bold: bool = False, valign: str = "middle") -> TextFrame:
    """A title-like frame that always fits: shrink, and below the minimum keep shrinking to 12 pt."""
    block = _Block(nfc(text), bullet=False, bold=bold)
    size = sizes[0]
    while True:
        placed = _place([block], box.w, size, style)
        if sum(p.height for p in placed) <= box.h or size <= 12.0:
            return _frame(role, box, placed, style, valign)
        size = max(12.0, size - SIZE_STEP)


def _title_frame(title: str, theme: Theme, continued: bool, style: _Style) -> TextFrame:
    text = f"{title} {CONTINUED}" if continued else title
    return _single_frame("title", text, Box(*TITLE_BOX), (theme.size("title"), theme.size("title_min")),
                         style, bold=True)


def _chrome(theme: Theme, cover: bool, footer: str, number: int, show_number: bool) -> list[Frame]:
    decor: tuple[Rect, ...] = theme.cover_decor if cover else theme.content_decor
    frames: list[Frame] = [RectFrame(Box(r.x, r.y, r.w, r.h), r.color) for r in decor]
    color = theme.color("cover_text" if cover else "footer")
    if footer:
        frames.append(_single_frame("footer", footer, Box(*FOOTER_BOX), (FOOTER_SIZE, 9.0), _Style(color)))
    if show_number:
        frames.append(_single_frame("number", str(number), Box(*NUMBER_BOX), (FOOTER_SIZE, FOOTER_SIZE),
                                    _Style(color, "right")))
    return frames


def _cover_pages(slide: Slide, theme: Theme, footer: str, number: int) -> list[SlidePage]:
    """Title and section slides: big centred title and subtitle on the cover background."""
    big = theme.size("cover_title") if slide.layout == "title" else theme.size("cover_title") - 4
    title_style = _Style(theme.color("cover_title"), "center")
    frames = _chrome(theme, True, footer, number, slide.layout != "title")
    frames.append(_single_frame("title", slide.title, Box(MARGIN + 12, 160, SLIDE_WIDTH - 2 * MARGIN - 24, 150),
                                (big, 24.0), title_style, bold=True))
    subtitle = slide.subtitle or " · ".join(b.text for b in slide.bullets if b.text.strip())
    if subtitle.strip():
        frames.append(_single_frame("subtitle", subtitle, Box(MARGIN + 12, 320, SLIDE_WIDTH - 2 * MARGIN - 24, 62),
                                    (24.0, 14.0), _Style(theme.color("cover_text"), "center"), valign="top"))
    return [SlidePage(frames, theme.color("cover_background"), False, footer, number, slide.notes, slide.layout)]


def _column_pages(theme: Theme, columns: list[tuple[str, list[_Block], Box]],
                  sizes: tuple[float, float]) -> list[list[Frame]]:
    """Lay out each column independently; page *i* holds every column's page *i*."""
    style = _Style(theme.color("text"), least=theme.size("level_min"))
    laid = [(role, box, fit_blocks(blocks, box, sizes, style)[1]) for role, blocks, box in columns if blocks]
    count = max((len(pages) for _, _, pages in laid), default=1)
    result: list[list[Frame]] = []
    for index in range(count):
        frames: list[Frame] = []
        for role, box, pages in laid:
            if index < len(pages):
                frames.append(_frame(role, box, pages[index], style))
        result.append(frames)
    return result


def _content_pages(slide: Slide, theme: Theme, footer: str, number: int,
                   body: list[list[Frame]]) -> list[SlidePage]:
    pages = []
    style = _Style(theme.color("title"))
    for index, frames in enumerate(body or [[]]):
        continued = index > 0
        chrome = _chrome(theme, False, footer, number + index, True)
        title = [_title_frame(slide.title, theme, continued, style)] if slide.title.strip() or continued else []
        pages.append(SlidePage([*chrome, *title, *frames], theme.color("background"), continued, footer,
                               number + index, "" if continued else slide.notes, slide.layout))
    return pages


def _body_box() -> Box:
    return Box(MARGIN, BODY_TOP, SLIDE_WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP)


def _split_box(box: Box, left_share: float, gap: float = 28.0) -> tuple[Box, Box]:
    left_w = (box.w - gap) * left_share
    return Box(box.x, box.y, left_w, box.h), Box(box.x + left_w + gap, box.y, box.w - gap - left_w, box.h)


def _sizes(theme: Theme, scale: float = 1.0) -> tuple[float, float]:
    return theme.size("body") * scale, theme.size("body_min")


def _bullets_body(slide: Slide, theme: Theme) -> list[list[Frame]]:
    blocks = _bullet_blocks(slide.bullets)
    if slide.subtitle.strip():
        blocks.insert(0, _Block(nfc(slide.subtitle), bullet=False, italic=True))
    return _column_pages(theme, [("body", blocks, _body_box())], _sizes(theme))


def _two_column_body(slide: Slide, theme: Theme) -> list[list[Frame]]:
    left, right = _split_box(_body_box(), 0.5)
    columns = [("left", _bullet_blocks(slide.bullets), left), ("right", _bullet_blocks(slide.right_bullets), right)]
    return _column_pages(theme, columns, (theme.size("body") - 4, theme.size("body_min")))


def _image_body(slide: Slide, theme: Theme) -> list[list[Frame]]:
    blocks = _bullet_blocks(slide.bullets)
    area = _body_box()
    text_pages: list[list[Frame]] = [[]]
    if blocks:
        text_box, area = _split_box(area, 0.45)
        text_pages = _column_pages(theme, [("body", blocks, text_box)],
                                   (theme.size("body") - 4, theme.size("body_min")))
    images = _image_frames(slide, area)
    text_pages[0] = [*images, *text_pages[0]]
    return text_pages


def _image_frames(slide: Slide, area: Box) -> list[Frame]:
    images = [ref for ref in slide.images if ref.sha256]
    if not images:
        return []
    gap = 16.0
    width = (area.w - gap * (len(images) - 1)) / len(images)
    return [ImageFrame(ref.sha256, Box(area.x + i * (width + gap), area.y, width, area.h), nfc(ref.alt),
                       ref.filename) for i, ref in enumerate(images)]


def _qr_body(slide: Slide, theme: Theme) -> list[list[Frame]]:
    """The code on the right of the text (the subtitle in a frame of its own, then the bullets); centred on the
    slide when there is no text; the text takes the whole width when there is no address."""
    area = _body_box()
    blocks = _bullet_blocks(slide.bullets)
    url = slide.url.strip()
    side = min(area.h - 30, 300.0)
    has_text = bool(blocks or slide.subtitle.strip())
    left = area.x + area.w - side if has_text else area.x + (area.w - side) / 2
    qr_box = Box(left, area.y, side, side)
    text_box = Box(area.x, area.y, area.w - side - 32, area.h) if url else area
    frames: list[Frame] = []
    if url:
        url_box = Box(qr_box.x - 40, qr_box.bottom + 4, side + 40, area.bottom - qr_box.bottom - 4)
        frames += [QrFrame(url, qr_box), _single_frame("url", url, url_box, (14.0, 9.0),
                                                        _Style(theme.color("text"), "center"), valign="top")]
    if slide.subtitle.strip():
        # Its own "subtitle" frame, which an import reads back as the subtitle (not as a bullet).
        subtitle = _single_frame("subtitle", slide.subtitle, Box(text_box.x, text_box.y, text_box.w, text_box.h / 3),
                                 (theme.size("body") - 4, theme.size("body_min")), _Style(theme.color("text")),
                                 valign="top")
        used = max((line.y + line.size * LINE_HEIGHT for line in subtitle.lines), default=text_box.y) - text_box.y
        frames.append(subtitle)
        text_box = Box(text_box.x, text_box.y + used + 12, text_box.w, text_box.h - used - 12)
    pages = _column_pages(theme, [("body", blocks, text_box)], (theme.size("body") - 4, theme.size("body_min")))
    pages[0] = [*frames, *pages[0]]
    return pages


def _message_body(slide: Slide, theme: Theme) -> list[list[Frame]]:
    """Key message: large centred text on a tinted band."""
    text = slide.subtitle.strip() or "\n".join(b.text for b in slide.bullets if b.text.strip())
    blocks = [_Block(nfc(line), bullet=False, bold=True) for line in text.splitlines() if line.strip()]
    band = Box(MARGIN, 150, SLIDE_WIDTH - 2 * MARGIN, 300)
    inner = Box(band.x + 32, band.y + 24, band.w - 64, band.h - 48)
    style = _Style(theme.color("message_text"), "center", level_step=False)
    _, pages = fit_blocks(blocks, inner, (theme.size("body") + 8, theme.size("body_min")), style)
    rect = RectFrame(band, theme.color("message_fill"))
    return [[rect, _frame("message", inner, page, style, "middle")] for page in pages] if blocks else [[rect]]


_BODIES = {
    "bullets": _bullets_body, "two_columns": _two_column_body, "image": _image_body, "qr": _qr_body,
    "key_message": _message_body, "table": lambda slide, theme: _table_body(slide, theme),
}


TABLE_GAP = 14.0          # between the text above a table and the table
TABLE_TEXT_SHARE = 1 / 3  # the most of the body the text above a table may take on the table's page


def _table_body(slide: Slide, theme: Theme) -> list[list[Frame]]:
    """Text above (subtitle, bullets) on the table's first page when it fits in the top third, else on pages
    of its own; then the table (``slide_table``), continued with its header row on "(tiếp)" pages."""
    area = _body_box()
    blocks = _bullet_blocks(slide.bullets)
    if slide.subtitle.strip():
        blocks.insert(0, _Block(nfc(slide.subtitle), bullet=False, italic=True))
    table = slide_table.clean(slide.table)
    if table is None:
        return _column_pages(theme, [("body", blocks, area)], (theme.size("body") - 4, theme.size("body_min")))
    text_pages, area = _text_above(blocks, area, theme)
    pages = _table_pages(table, area, theme)
    if len(text_pages) == 1 and area.y > _body_box().y:   # the text fitted above the table
        pages[0] = [*text_pages.pop(), *pages[0]]
    return [*text_pages, *pages]


def _text_above(blocks: list[_Block], area: Box, theme: Theme) -> tuple[list[list[Frame]], Box]:
    """Pages of text before the table, and the box left for the table on the last of them."""
    if not blocks:
        return [], area
    style = _Style(theme.color("text"), least=theme.size("level_min"))
    top = Box(area.x, area.y, area.w, area.h * TABLE_TEXT_SHARE)
    _size, pages = fit_blocks(blocks, top, (theme.size("body") - 4, theme.size("body_min")), style)
    if len(pages) == 1:
        used = sum(p.height for p in pages[0])
        rest = Box(area.x, area.y + used + TABLE_GAP, area.w, area.h - used - TABLE_GAP)
        return [[_frame("body", top, pages[0], style)]], rest
    return _column_pages(theme, [("body", blocks, area)], (theme.size("body") - 4, theme.size("body_min"))), area


def _table_pages(table: SlideTable, area: Box, theme: Theme) -> list[list[Frame]]:
    """The table in *area* (first page) and the whole body (later pages), at the largest size that needs no
    more pages than the smallest would."""
    size, smallest = theme.size("body") - 8, max(slide_table.MIN_SIZE, theme.size("level_min"))
    while True:
        widths = slide_table.column_widths(table, area.w, size)
        heights = slide_table.row_heights(table, widths, size, LINE_HEIGHT)
        pages = slide_table.split_rows(table, heights, area.h, _body_box().h)
        if len(pages) == 1 or size <= smallest:
            break
        size = max(smallest, size - SIZE_STEP)
    boxes = [area] + [_body_box()] * (len(pages) - 1)
    return [[_table_frame(table, rows, widths, heights, size, box, theme)] for rows, box in zip(pages, boxes)]


def _table_frame(table: SlideTable, rows: list[int], widths: list[float], heights: list[float], size: float,
                 box: Box, theme: Theme) -> TableFrame:
    spans = slide_table.spans(table)
    page_heights = [heights[r] for r in rows]
    cells = []
    y = box.y
    for position, r in enumerate(rows):
        x = box.x
        for c in range(table.columns):
            if (r, c) in spans:
                down, across = spans[(r, c)]
                down = min(down, len(rows) - position)   # a merge cut by a page break ends there
                cell_box = Box(x, y, sum(widths[c:c + across]), sum(page_heights[position:position + down]))
                cells.append(_table_cell(table, (r, c, down, across), cell_box, size, theme))
            x += widths[c]
        y += heights[r]
    return TableFrame(Box(box.x, box.y, sum(widths), sum(page_heights)), tuple(widths), tuple(page_heights),
                      tuple(cells), theme.color("text"), theme.color("accent"), tuple(rows))


def _table_cell(table: SlideTable, place: tuple[int, int, int, int], box: Box, size: float,
                theme: Theme) -> TableCell:
    r, c, down, across = place
    header = table.header and r == 0
    style = _Style(theme.color("background") if header else theme.color("text"), level_step=False)
    pad = slide_table.PAD
    inner = Box(box.x + pad, box.y + pad, max(1.0, box.w - 2 * pad), max(1.0, box.h - 2 * pad))
    text = table.rows[r][c]
    blocks = [_Block(text, bullet=False, bold=header)] if text else []
    return TableCell(r, c, down, across, box, _frame("cell", inner, _place(blocks, inner.w, size, style), style),
                     header)


def layout_slide(slide: Slide, theme: Theme, *, footer: str = "", number: int = 1) -> list[SlidePage]:
    """Lay out *slide*; more than one page when its text continues on "(tiếp)" pages.

    Args:
        slide: the slide; an unknown layout is laid out as bullets.
        theme: from :func:`load_theme`.
        footer: footer text (organisation and topic); "" for none.
        number: the number shown on the first page; continuation pages count on.
    """
    if slide.layout in ("title", "section"):
        return _cover_pages(slide, theme, footer, number)
    body = _BODIES.get(slide.layout, _bullets_body)(slide, theme)
    return _content_pages(slide, theme, footer, number, body)


def layout_deck(slides: list[Slide], theme: Theme, *, footer: str = "") -> list[SlidePage]:
    """Every page of a deck, numbered consecutively from 1."""
    pages: list[SlidePage] = []
    for slide in slides:
        pages.extend(layout_slide(slide, theme, footer=footer, number=len(pages) + 1))
    return pages
