"""A .pptx written as a zip: python-pptx's shared parts, stored once, and the deck's own slides, notes and media.

Importing python-pptx, building its object model and saving it cost about
two thirds of a deck export.  The parts every deck shares (slide master,
layouts, themes, notes master, properties) are python-pptx's own, kept
compressed in ``resources/pptx/base.zip`` (``scripts/pptx_base.py``); only
the master's theme colours and font, the presentation's slide list, the
relationships, the content types and the core properties are written here,
with the slides and notes slides ``pptx_shapes`` builds.  Part names,
relationships and content types follow python-pptx's choices, so the file is
the one python-pptx wrote (tests/exporters/test_pptx_package.py compares).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from lecturer_app.core.resources import resource_path
from lecturer_app.core.slides.themes import Theme
from lecturer_app.core.text.normalize import nfc
from lecturer_app.exporters.pptx_shapes import attr, text
from lecturer_app.exporters.zip_members import Packed, packed, read_members, stored, zip_bytes

# Stand-ins in the shared parts, replaced per deck (scripts/pptx_base.py puts them there).
MASTER_BACKGROUND, MASTER_TITLE, MASTER_TEXT = "A1B2C1", "A1B2C2", "A1B2C3"
MASTER_FONT = "LECTURERAPPFONT"
NOTES_TEXT = "LECTURERAPPNOTES"
SLIDE_LISTS = "<!--slides-->"
NOTES_TEMPLATE = "template/notesSlide.xml"
MASTER = "ppt/slideMasters/slideMaster1.xml"
PRESENTATION = "ppt/presentation.xml"
CONTENT_TYPES = "[Content_Types].xml"
PRESENTATION_RELS = "ppt/_rels/presentation.xml.rels"
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PML = "application/vnd.openxmlformats-officedocument.presentationml."
_SLIDE_PARTS = re.compile(r"ppt/(slides|notesSlides)/")
_OWN_PARTS = re.compile(r"ppt/(slides|notesSlides)/|docProps/core\.xml$")
_RELATIONSHIP = re.compile(r'<Relationship Id="rId\d+" Type="[^"]*/(\w+)" Target="([^"]+)"/>')
_OVERRIDE = re.compile(r'<Override PartName="/([^"]+)" ContentType="([^"]+)"/>')
_DEFAULT = re.compile(r'<Default Extension="([^"]+)" ContentType="([^"]+)"/>')
_MEDIA_TYPES = {"jpg": "image/jpeg", "png": "image/png"}


def is_shared(name: str) -> bool:
    """A part of python-pptx's package every deck has as it is (its relationships and content types included)."""
    return not _OWN_PARTS.match(name)


@lru_cache(maxsize=1)
def shared_parts() -> dict[str, Packed]:
    return {member.name: member for member in read_members(resource_path("pptx", "base.zip").read_bytes())}


def rels_xml(relationships: list[tuple[str, str, bool]]) -> str:
    """A relationships part: (type, target, external) numbered rId1… in order."""
    items = "".join(f'<Relationship Id="rId{n}" Type="{REL}{kind}" Target="{attr(target)}"'
                    + (' TargetMode="External"/>' if external else "/>")
                    for n, (kind, target, external) in enumerate(relationships, 1))
    return f'{DECLARATION}<Relationships xmlns="{RELS_NS}">{items}</Relationships>'


def _is_notes_master(name: str) -> bool:
    """The notes master and its theme: in a deck only when a slide has notes (python-pptx adds them then)."""
    return name.startswith(("ppt/notesMasters/", "ppt/theme/theme2"))


def _template_relationships(shared: dict[str, Packed]) -> list[tuple[str, str, bool]]:
    """The presentation's relationships every deck has: master, properties, theme, table styles."""
    found = _RELATIONSHIP.findall(shared[PRESENTATION_RELS].inflated().decode())
    return [(kind, target, False) for kind, target in found if kind not in ("slide", "notesMaster")]


@dataclass
class PptxPackage:
    """One deck's own parts, added slide by slide, then laid out with the shared parts by ``to_bytes``."""

    slides: list[tuple[str, str]] = field(default_factory=list)   # (slide XML, its relationships XML)
    notes: dict[int, str] = field(default_factory=dict)           # slide number → notes slide XML
    media: dict[bytes, str] = field(default_factory=dict)         # picture bytes → part name, first use first
    media_parts: list[Packed] = field(default_factory=list)

    def picture(self, data: bytes, extension: str) -> str:
        """The media part holding *data* (one part per distinct picture, named as python-pptx names them)."""
        name = self.media.get(data)
        if name is None:
            name = self.media[data] = f"ppt/media/image{len(self.media) + 1}.{extension}"
            self.media_parts.append(stored(name, data))
        return name

    def add_slide(self, xml: str, relationships: list[tuple[str, str, bool]], notes_xml: str = "") -> None:
        number = len(self.slides) + 1
        if notes_xml:
            self.notes[number] = notes_xml
            relationships = [*relationships, ("notesSlide", f"../notesSlides/notesSlide{len(self.notes)}.xml", False)]
        self.slides.append((xml, rels_xml(relationships)))

    def to_bytes(self, theme: Theme, *, title: str, author: str, when: datetime) -> bytes:
        shared = shared_parts()
        members = [packed(CONTENT_TYPES, self._content_types(shared).encode()), *self._fixed(shared, theme),
                   packed("docProps/core.xml", core_xml(title, author, when).encode()),
                   packed(PRESENTATION, self._presentation(shared).encode()),
                   packed(PRESENTATION_RELS, self._presentation_rels(shared).encode())]
        deflated: dict[str, Packed] = {}   # many slides' relationships are the same text: deflated once
        for number, (xml, rels) in enumerate(self.slides, 1):
            if rels not in deflated:
                deflated[rels] = packed("", rels.encode())
            same = deflated[rels]
            members += [packed(f"ppt/slides/slide{number}.xml", xml.encode()),
                        Packed(f"ppt/slides/_rels/slide{number}.xml.rels", same.crc, same.size, same.data, same.method)]
        for index, (number, xml) in enumerate(self.notes.items(), 1):
            rels = rels_xml([("notesMaster", "../notesMasters/notesMaster1.xml", False),
                             ("slide", f"../slides/slide{number}.xml", False)])
            members += [packed(f"ppt/notesSlides/notesSlide{index}.xml", xml.encode()),
                        packed(f"ppt/notesSlides/_rels/notesSlide{index}.xml.rels", rels.encode())]
        return zip_bytes(members + self.media_parts)

    def _fixed(self, shared: dict[str, Packed], theme: Theme) -> list[Packed]:
        """The shared parts as they are (the notes master only with notes), the master in the theme's colours."""
        skip = {CONTENT_TYPES, PRESENTATION, PRESENTATION_RELS, NOTES_TEMPLATE}
        if not self.notes:
            skip |= set(filter(_is_notes_master, shared))
        fixed = [member for name, member in shared.items() if name not in skip]
        return [packed(MASTER, master_xml(shared, theme).encode()) if m.name == MASTER else m for m in fixed]

    def _content_types(self, shared: dict[str, Packed]) -> str:
        types = shared[CONTENT_TYPES].inflated().decode()
        defaults = dict(_DEFAULT.findall(types))
        defaults |= {name.rsplit(".", 1)[1]: _MEDIA_TYPES[name.rsplit(".", 1)[1]] for name in self.media.values()}
        overrides = {f"/{name}": kind for name, kind in _OVERRIDE.findall(types)
                     if not _SLIDE_PARTS.match(name) and (self.notes or not _is_notes_master(name))}
        overrides |= {f"/ppt/slides/slide{n}.xml": PML + "slide+xml" for n in range(1, len(self.slides) + 1)}
        overrides |= {f"/ppt/notesSlides/notesSlide{n}.xml": PML + "notesSlide+xml"
                      for n in range(1, len(self.notes) + 1)}
        return (f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                + "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in sorted(defaults.items()))
                + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in sorted(overrides.items()))
                + "</Types>")

    def _presentation_rels(self, shared: dict[str, Packed]) -> str:
        """The template's relationships (master, properties, theme, table styles), the notes master, the slides."""
        fixed = _template_relationships(shared)
        notes = [("notesMaster", "notesMasters/notesMaster1.xml", False)] if self.notes else []
        slides = [("slide", f"slides/slide{n}.xml", False) for n in range(1, len(self.slides) + 1)]
        return rels_xml(fixed + notes + slides)

    def _presentation(self, shared: dict[str, Packed]) -> str:
        first = len(_template_relationships(shared)) + 1 + bool(self.notes)
        ids = "".join(f'<p:sldId id="{256 + n}" r:id="rId{first + n}"/>' for n in range(len(self.slides)))
        # python-pptx relates the notes master without listing it in ``p:notesMasterIdLst``; kept so.
        return shared[PRESENTATION].inflated().decode().replace(SLIDE_LISTS, f"<p:sldIdLst>{ids}</p:sldIdLst>")


def master_xml(shared: dict[str, Packed], theme: Theme) -> str:
    """The slide master in *theme*'s background, title and text colours and font."""
    xml = shared[MASTER].inflated().decode()
    for stand_in, value in ((MASTER_BACKGROUND, theme.color("background")), (MASTER_TITLE, theme.color("subtitle")),
                            (MASTER_TEXT, theme.color("text")), (MASTER_FONT, attr(theme.font))):
        xml = xml.replace(stand_in, value)
    return xml


def core_xml(title: str, author: str, when: datetime) -> str:
    """The core properties python-pptx's template held, filled as ``office_properties`` fills them."""
    title, author = (text(nfc(value)[:255]) for value in (title, author))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f"{DECLARATION}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{title}</dc:title><dc:subject/><dc:creator>{author}</dc:creator><cp:keywords/>"
            f"<dc:description></dc:description><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
            f'<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified><cp:category/>'
            "<dc:language>vi-VN</dc:language></cp:coreProperties>")


def notes_xml(text: str) -> str:
    """The notes slide python-pptx makes for *text*: the notes master's placeholders, one paragraph a line."""
    template = shared_parts()[NOTES_TEMPLATE].inflated().decode()
    return template.replace(f"<a:p><a:r><a:t>{NOTES_TEXT}</a:t></a:r></a:p>", notes_paragraphs(text))


def notes_paragraphs(text: str) -> str:
    """python-pptx's ``text_frame.text``: a paragraph per line, ``a:br`` at a vertical tab, controls as _xHHHH_."""
    return "".join(_notes_paragraph(line) for line in text.split("\n"))


def _notes_paragraph(line: str) -> str:
    runs = [f"<a:r><a:t>{text(_escape_controls(part))}</a:t></a:r>" if part else "" for part in line.split("\v")]
    return f"<a:p>{'<a:br/>'.join(runs)}</a:p>" if line else "<a:p/>"


def _escape_controls(value: str) -> str:
    return re.sub(r"([\x00-\x08\x0B-\x1F])", lambda match: f"_x{ord(match.group(1)):04X}_", value)
