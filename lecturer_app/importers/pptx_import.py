"""Any .pptx → a slide deck: titles, bullets with levels, notes, pictures, tables.

Reads files saved by PowerPoint, LibreOffice or python-pptx.  Every slide is
read on its own: a slide that cannot be read (a missing part, a broken
relationship) is reported and skipped, never a crash.  What the deck model
cannot hold (media, embedded objects) is reported per slide as skipped; what
is imported in another form is reported apart, never as skipped: charts and
SmartArt keep their text (``as_text``), and a slide holds one table, so each
further table (or a table beside pictures, whose layout has no room for it)
becomes a slide of its own right after it, titled "… (bảng 2)" (``split``).
The slide model keeps one table per slide on purpose: older copies of the app,
which sync the same records, read ``Slide.table`` only.  Pictures
are stored as blobs (cropped as the slide showed them).  Runs in
TCVN3/VNI fonts are converted to Unicode (``legacy_runs``).

Slides written by this app's own exporter are recognised by their shape
names (footer, number and decorations are dropped; "(tiếp)" pages are joined
back to the slide they continue).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import Bullet, ImageRef, Slide, SlideTable
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.text.normalize import nfc
from lecturer_app.formats.memory_budget import check_zip
from lecturer_app.formats.pictures import oversized
from lecturer_app.formats.slide_layout import CONTINUED
from lecturer_app.i18n import N_, _, ngettext
from lecturer_app.importers.legacy_runs import RunConverter
from lecturer_app.importers.shape_names import shape_label

MAX_SLIDES = 2000
OWN_CHROME = ("footer", "number", "decor", "url")   # shape names our exporter gives page furniture


@dataclass
class SlideReport:
    """What happened to one source slide."""

    number: int
    title: str = ""
    bullets: int = 0
    pictures: int = 0
    tables: int = 0
    skipped: list[str] = field(default_factory=list)   # not imported at all
    as_text: list[str] = field(default_factory=list)   # imported as text only (charts, SmartArt)
    split: list[str] = field(default_factory=list)     # tables moved to a slide of their own

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "bullets": self.bullets, "pictures": self.pictures,
                "tables": self.tables, "skipped": list(self.skipped), "as_text": list(self.as_text),
                "split": list(self.split)}


@dataclass
class ImportedDeck:
    """A deck read from a file, not yet stored."""

    title: str
    slides: list[Slide]
    reports: list[SlideReport]
    converter: RunConverter
    problems: list[str] = field(default_factory=list)   # parts missing from the file

    @property
    def skipped(self) -> int:
        return sum(len(r.skipped) for r in self.reports)


@dataclass
class _Content:
    """What one source slide yields before it becomes a ``Slide``."""

    title: str = ""
    subtitle: str = ""
    columns: list[list[Bullet]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)   # per column: left, right, placeholder, shape or table
    images: list[ImageRef] = field(default_factory=list)
    url: str = ""
    roles: set[str] = field(default_factory=set)
    tables: list[SlideTable] = field(default_factory=list)
    dropped: int = 0   # drawn shapes, lines and connectors without text (not kept, counted in the report)


def read_pptx(path: Path, blobs: BlobStore) -> ImportedDeck:
    """Read *path* into an ``ImportedDeck``; pictures go to *blobs*.

    Raises:
        InputFileError: the file is not a readable .pptx at all.
    """
    path = Path(path)
    presentation, repair = _open(path)
    converter = RunConverter(default_font=_legacy_theme_font(presentation))
    slides: list[Slide] = []
    reports: list[SlideReport] = [SlideReport(n, skipped=[_("trang bị thiếu trong tệp")])
                                  for n in repair.missing_slides]
    sources = _slides(presentation, path)
    for number, source in zip(_present_positions(len(sources), repair.missing_slides), sources):
        report = SlideReport(number)
        reports.append(report)
        try:
            slide, *extra = _read_slide(source, number, blobs, converter, report)
        except Exception as exc:  # a damaged slide is reported; the others still import
            report.skipped.append(_("trang không đọc được: {error}").format(error=_short(exc)))
            continue
        if slides and slide.title.endswith(CONTINUED) and slide.title[: -len(CONTINUED)].strip() == slides[-1].title:
            _join(slides[-1], slide)
        else:
            slides.append(slide)
        slides.extend(extra)
    title = _deck_title(presentation, slides, path)
    reports.sort(key=lambda r: r.number)
    problems = [_("thiếu phần {part} trong tệp").format(part=part) for part in dict.fromkeys(repair.missing)]
    return ImportedDeck(title, slides, reports, converter, problems)


def _legacy_theme_font(presentation) -> str | None:
    """The theme's body (else heading) font when it is a TCVN3/VNI font.

    Old decks often set ``.VnTime`` once, in the theme, and no font on the runs;
    such runs are then in that font.
    """
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from lecturer_app.importers.legacy_vietnamese import encoding_for_font

    try:
        theme = etree.fromstring(presentation.slide_master.part.part_related_by(RT.THEME).blob,
                                 etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:  # no theme part, or a broken one: nothing to learn from it
        return None
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for kind in ("minorFont", "majorFont"):
        found = theme.xpath(f"//a:fontScheme/a:{kind}/a:latin/@typeface", namespaces=ns)
        if found and encoding_for_font(found[0]):
            return str(found[0])
    return None


def _present_positions(count: int, missing: list[int]) -> list[int]:
    """The original slide numbers of the slides still in the file."""
    positions: list[int] = []
    number = 0
    while len(positions) < count:
        number += 1
        if number not in missing:
            positions.append(number)
    return positions


def _open(path: Path):
    from pptx import Presentation

    from lecturer_app.importers.ooxml_repair import repaired_package

    check_zip(path)
    try:
        repair = repaired_package(path)
        return Presentation(repair.data or str(path)), repair
    except Exception as exc:  # python-pptx raises KeyError, ValueError, lxml errors… for broken packages
        raise InputFileError(path, "", _("không đọc được tệp trình chiếu: {error}").format(error=_short(exc))) from exc


def _slides(presentation, path: Path) -> list:
    try:
        slides = list(presentation.slides)
    except Exception as exc:  # a missing slide part breaks the whole slide list
        raise InputFileError(path, "", _("danh sách trang bị hỏng: {error}").format(error=_short(exc))) from exc
    if len(slides) > MAX_SLIDES:
        raise InputFileError(path, "", _("quá nhiều trang ({n})").format(n=len(slides)))
    return slides


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


def _deck_title(presentation, slides: list[Slide], path: Path) -> str:
    try:
        title = presentation.core_properties.title or ""
    except Exception:  # a broken core-properties part is no reason to fail
        title = ""
    return nfc(title.strip()) or (slides[0].title if slides else "") or path.stem


def _join(previous: Slide, continuation: Slide) -> None:
    previous.bullets.extend(continuation.bullets)
    previous.right_bullets.extend(continuation.right_bullets)
    previous.images.extend(continuation.images)
    if previous.table is not None and continuation.table is not None:
        _join_table(previous.table, continuation.table)
    elif continuation.table is not None:
        previous.table = continuation.table


def _join_table(table: SlideTable, more: SlideTable) -> None:
    """The rows of a "(tiếp)" page's table after the first page's, its repeated header row dropped."""
    skip = 1 if table.header and more.header and more.rows[:1] == table.rows[:1] else 0
    offset = len(table.rows) - skip
    table.rows.extend(more.rows[skip:])
    table.merges.extend([row + offset, column, down, across] for row, column, down, across in more.merges
                        if row >= skip)


def _read_slide(source, number: int, blobs: BlobStore, converter: RunConverter,
                report: SlideReport) -> list[Slide]:
    """The slide read from *source*, then one slide per table it could not hold (see the module docstring)."""
    where = _("trang {n}").format(n=number)
    content = _Content()
    title_id = _title_shape_id(source)
    for shape in source.shapes:
        try:
            _read_shape(shape, content, title_id, where, blobs, converter, report)
        except Exception as exc:  # one damaged shape must not cost the rest of the slide
            report.skipped.append(_("đối tượng không đọc được{name}: {error}").format(
                name=_shape_label(shape), error=_short(exc)))
    if content.dropped:
        report.skipped.append(ngettext("{n} hình vẽ, đường kẻ hoặc nhóm không có chữ", content.dropped).format(
            n=content.dropped))
    notes = _notes(source, where, converter)
    moved = _tables_to_move(content)
    slide = _to_slide(content, number, notes)
    report.title = slide.title
    report.bullets = len(slide.bullets) + len(slide.right_bullets)
    report.pictures = len(slide.images)
    return [slide, *_table_slides(slide.title, moved, report)]


def _tables_to_move(content: _Content) -> list[tuple[int, SlideTable]]:
    """The tables (numbered from 1 on the slide) that go to slides of their own; the rest stay in *content*.

    The slide keeps its first table, unless it shows pictures or a QR code: those layouts have no room for one.
    """
    keep = 0 if content.images or content.url else 1
    numbered = list(enumerate(content.tables, start=1))
    content.tables = content.tables[:keep]
    return numbered[keep:]


def _table_slides(title: str, moved: list[tuple[int, SlideTable]], report: SlideReport) -> list[Slide]:
    slides = []
    for number, table in moved:
        # The deck's own text, in the deck's language whatever the interface's (an English UI wrote "(table 2)"
        # into Vietnamese slides); only the report line below is for the lecturer.
        new_title = f"{title} (bảng {number})" if title else f"Bảng {number}"
        slides.append(Slide(layout="table", title=nfc(new_title), table=table))
        report.split.append(_("bảng {n} của trang đặt sang trang chiếu mới «{title}»").format(
            n=number, title=new_title))
    return slides


def _title_shape_id(source) -> int | None:
    try:
        title = source.shapes.title
    except Exception:  # a layout part may be missing
        return None
    return title.shape_id if title is not None else None


def _notes(source, where: str, converter: RunConverter) -> str:
    if not source.has_notes_slide:
        return ""
    frame = source.notes_slide.notes_text_frame
    if frame is None:
        return ""
    return "\n".join(_paragraph_text(p, where, converter) for p in frame.paragraphs).strip()


def _paragraph_text(paragraph, where: str, converter: RunConverter) -> str:
    """A paragraph's text, legacy runs converted; line breaks become spaces."""
    from lecturer_app.importers.legacy_vietnamese import encoding_for_font

    runs = list(paragraph.runs)
    fonts = [run.font.name or converter.default_font for run in runs]
    if any(encoding_for_font(font) for font in fonts):
        text = "".join(converter.run_text(run.text, font, where) for run, font in zip(runs, fonts))
    else:
        text = converter.plain_text(paragraph.text, where)
    return " ".join(text.replace("\v", " ").split())


def _frame_bullets(frame, where: str, converter: RunConverter) -> list[Bullet]:
    bullets = []
    for paragraph in frame.paragraphs:
        text = _paragraph_text(paragraph, where, converter)
        if text:
            bullets.append(Bullet(text, max(0, min(int(paragraph.level or 0), 4))))
    return bullets


def _shape_kind(shape) -> str:
    """A coarse kind for *shape*: group, media, ole, chart, table, picture, diagram, text or other."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    shape_type = _safe(lambda: shape.shape_type)
    if shape_type == MSO_SHAPE_TYPE.GROUP:
        return "group"
    if shape_type == MSO_SHAPE_TYPE.MEDIA or _has_media(shape):
        return "media"
    if shape_type in (MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT, MSO_SHAPE_TYPE.LINKED_OLE_OBJECT):
        return "ole"
    if getattr(shape, "has_chart", False):
        return "chart"
    if getattr(shape, "has_table", False):
        return "table"
    if shape._element.tag.endswith("}pic"):
        return "picture"
    if shape._element.tag.endswith("}graphicFrame"):
        return "diagram"
    return "text" if getattr(shape, "has_text_frame", False) else "other"


def _has_media(shape) -> bool:
    xml = shape._element
    return any(el.tag.rsplit("}", 1)[-1] in ("videoFile", "audioFile", "wavAudioFile")
               for el in xml.iter() if isinstance(el.tag, str))


def _safe(getter):
    try:
        return getter()
    except Exception:  # python-pptx raises NotImplementedError for unknown shape types
        return None


_SKIP_MESSAGES = {
    "media": N_("video hoặc âm thanh"),
    "ole": N_("đối tượng nhúng (OLE)"),
    "chart": N_("biểu đồ"),
    "diagram": N_("SmartArt hoặc đồ họa khác"),
}


def _read_shape(shape, content: _Content, title_id: int | None, where: str, blobs: BlobStore,
                converter: RunConverter, report: SlideReport) -> None:
    role = (shape.name or "").split(" ")[0].lower()
    if role in OWN_CHROME:
        return
    kind = _shape_kind(shape)
    if kind == "group":
        for child in shape.shapes:
            _read_shape(child, content, title_id, where, blobs, converter, report)
    elif kind == "chart" and (data := _chart_bullets(shape)):
        content.columns.append(data)
        content.sources.append("chart")
        report.as_text.append(_("biểu đồ: chỉ giữ số liệu dạng chữ") + _shape_label(shape))
    elif kind == "diagram" and (texts := _diagram_bullets(shape, where, converter)):
        content.columns.append(texts)
        content.sources.append("diagram")
        report.as_text.append(_("SmartArt: chỉ giữ chữ, bỏ hình") + _shape_label(shape))
    elif kind in _SKIP_MESSAGES:
        report.skipped.append(_(_SKIP_MESSAGES[kind]) + _shape_label(shape))
    elif kind == "table":
        content.tables.append(_slide_table(shape.table, where, converter))
        report.tables += 1
    elif kind == "picture":
        _read_picture(shape, content, role, blobs, report)
    elif kind == "text":
        _read_text(shape, content, title_id, role, where, converter)
    elif kind == "other":
        content.dropped += 1


_DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _chart_bullets(shape) -> list[Bullet]:
    """A chart's title and its numbers as text ("Đảng viên: 2020: 10; 2021: 12")."""
    try:
        chart = shape.chart
        title = chart.chart_title.text_frame.text.strip() if chart.has_title else ""
        rows = []
        for plot in chart.plots:
            categories = [str(c) for c in plot.categories]
            for series in plot.series:
                pairs = "; ".join(f"{c}: {_number(v)}" for c, v in zip(categories, series.values))
                rows.append(f"{series.name}: {pairs}" if pairs else str(series.name))
    except Exception:  # an unusual chart type or a damaged chart part: report it as not kept
        return []
    bullets = [Bullet(nfc(f"Biểu đồ: {title}"))] if title else []  # slide text: Vietnamese, like the deck
    return bullets + [Bullet(nfc(row), 1 if title else 0) for row in rows]


def _number(value) -> str:
    """8.5 → "8,5", 10.0 → "10" (Vietnamese decimal comma), None → "–"."""
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",")


def _diagram_bullets(shape, where: str, converter: RunConverter) -> list[Bullet]:
    """The text of a SmartArt diagram (its data part), one bullet per text paragraph, in order."""
    from pptx.oxml import parse_xml
    from pptx.text.text import _Paragraph

    rel_ids = shape._element.find(f".//{{{_DGM}}}relIds")
    if rel_ids is None or not rel_ids.get(f"{{{_R}}}dm"):
        return []
    data = parse_xml(shape.part.related_part(rel_ids.get(f"{{{_R}}}dm")).blob)
    bullets = []
    for point in data.iter(f"{{{_DGM}}}pt"):
        if point.get("type") in ("parTrans", "sibTrans", "doc", "pres"):
            continue
        for p_element in point.iter(f"{{{_A}}}p"):
            text = _paragraph_text(_Paragraph(p_element, cast(Any, None)), where, converter)
            if text:
                bullets.append(Bullet(text))
    return bullets


def _shape_label(shape) -> str:
    return shape_label(shape.name)


def _slide_table(table, where: str, converter: RunConverter) -> SlideTable:
    """Every row (empty ones too) and cell of *table*, its header flag and merged areas."""
    rows, merges = [], []
    for r, row in enumerate(table.rows):
        cells = []
        for c, cell in enumerate(row.cells):
            cells.append("\n".join(_paragraph_text(p, where, converter) for p in cell.text_frame.paragraphs).strip())
            if cell.is_merge_origin:
                merges.append([r, c, cell.span_height, cell.span_width])
        rows.append(cells)
    return SlideTable(rows, header=bool(_safe(lambda: table.first_row)), merges=merges)


def _read_picture(shape, content: _Content, role: str, blobs: BlobStore, report: SlideReport) -> None:
    try:
        image = shape.image
        data = image.blob
    except Exception:  # linked (not embedded) pictures and broken image parts
        report.skipped.append(_("hình liên kết ngoài hoặc bị hỏng") + _shape_label(shape))
        return
    descr = nfc(shape._element.xpath("./*[1]/p:cNvPr/@descr")[0]) if shape._element.xpath(
        "./*[1]/p:cNvPr/@descr") else ""
    if role == "qr" and descr:
        content.url = descr
        return
    too_big = oversized(data)
    if too_big:
        report.skipped.append(too_big + _shape_label(shape))
        return
    sha256 = blobs.put_bytes(_cropped(shape, data))
    filename = image.filename or f"image.{image.ext}"
    content.images.append(ImageRef(sha256, nfc(filename), descr))


def _cropped(shape, data: bytes) -> bytes:
    """The part of the picture the slide shows (PowerPoint's crop, ``a:srcRect``); *data* when uncropped."""
    import io

    from PIL import Image, UnidentifiedImageError

    sides = [max(0.0, min(0.99, _safe(getter) or 0.0)) for getter in (
        lambda: shape.crop_left, lambda: shape.crop_top, lambda: shape.crop_right, lambda: shape.crop_bottom)]
    if not any(sides) or sides[0] + sides[2] >= 1 or sides[1] + sides[3] >= 1:
        return data
    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            box = (round(width * sides[0]), round(height * sides[1]), round(width * (1 - sides[2])),
                   round(height * (1 - sides[3])))
            kept = picture.crop(box)
            buffer = io.BytesIO()
            jpeg = picture.format == "JPEG"
            kept.save(buffer, format="JPEG" if jpeg else "PNG", **({"quality": 95} if jpeg else {}))
            return buffer.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):   # a format PIL cannot crop (EMF, WMF): kept whole
        return data


def _read_text(shape, content: _Content, title_id: int | None, role: str, where: str,
               converter: RunConverter) -> None:
    frame = shape.text_frame
    bullets = _frame_bullets(frame, where, converter)
    if not bullets:
        # An empty placeholder is only a prompt ("Click to add text"); a drawn box without text is lost.
        content.dropped += 0 if getattr(shape, "is_placeholder", False) else 1
        return
    joined = " ".join(b.text for b in bullets)
    if shape.shape_id == title_id and not content.title:
        content.title = joined
    elif role == "subtitle" or _is_subtitle_placeholder(shape):
        content.subtitle = joined
    elif role == "message":
        content.subtitle = "\n".join(b.text for b in bullets)
        content.roles.add("message")
    else:
        content.columns.append(bullets)
        placeholder = "placeholder" if getattr(shape, "is_placeholder", False) else "shape"
        content.sources.append(role if role in ("left", "right") else placeholder)


def _is_subtitle_placeholder(shape) -> bool:
    from pptx.enum.shapes import PP_PLACEHOLDER

    if not getattr(shape, "is_placeholder", False):
        return False
    return _safe(lambda: shape.placeholder_format.type) == PP_PLACEHOLDER.SUBTITLE


def _to_slide(content: _Content, number: int, notes: str) -> Slide:
    pairs = [(c, source) for c, source in zip(content.columns, content.sources) if c]
    columns = [c for c, _source in pairs]
    sources = [source for _c, source in pairs]
    slide = Slide(title=content.title, subtitle=content.subtitle, notes=notes, images=content.images,
                  url=content.url, table=content.tables[0] if content.tables else None)
    if sources in (["left", "right"], ["placeholder", "placeholder"]) and not content.images:
        slide.bullets, slide.right_bullets = columns
    else:
        slide.bullets = [b for column in columns for b in column]
    slide.layout = _layout(slide, content, number)
    return slide


def _layout(slide: Slide, content: _Content, number: int) -> str:
    if content.url:
        return "qr"
    if slide.images:
        return "image"
    if slide.table is not None:
        return "table"
    if "message" in content.roles:
        return "key_message"
    if slide.right_bullets:
        return "two_columns"
    if not slide.bullets and (slide.subtitle or slide.title):
        return "title" if number == 1 else "section"
    return "bullets"
