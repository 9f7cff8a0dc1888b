"""Every DOCX paper of a build from one skeleton: python-docx runs once per build, not once per mã đề.

Opening python-docx's template package (or the organisation's header
template), restyling it, writing the header and saving it through
python-docx cost most of a paper's time, and they are the same for every
version but for the mã đề.  ``make_skeleton`` builds that document once with
a token for the code and a marker paragraph where the questions go, and keeps
its zip members, the fixed ones compressed once (``zip_members``);
``write_from_skeleton`` then writes one version by replacing the token,
putting the questions' paragraph XML (the very XML ``paper_docx`` appends)
at the marker and compressing only the members that changed.

Without the organisation's own header template (the usual case) the
skeleton is written as text (``paper_docx_xml``), part for part what
python-docx wrote, so a build does not import python-docx at all.

A version with pictures needs picture parts and relationships, so it is
written by ``paper_docx.write_paper_docx`` as before.  The members carry a
fixed time stamp, so every process of a build writes the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exam.draw import PaperVersion
from lecturer_app.exam.paper_settings import ImageSource, PaperSettings
from lecturer_app.exporters.exam.paper_docx import (
    BODY_MARKER,
    OPTION_STYLES,
    has_pictures,
    paper_document,
    part_items,
    question_xml,
)
from lecturer_app.exporters.xml_text import escape
from lecturer_app.exporters.zip_members import Packed, packed, zip_bytes

# Stands for the mã đề in the skeleton (ASCII: XML escaping leaves it as it is).
CODE_TOKEN = "LECTURERAPPCODE7F3A"
DOCUMENT_MEMBER = "word/document.xml"


@dataclass(frozen=True, eq=False)  # nothing compares or hashes two: a fresh build compiles no __eq__, __hash__
class PaperSkeleton:
    """A build's paper without its code and questions: zip members in order, and the option styles' ids.

    A member is its bytes when they change per version (the code token or the
    questions go in), else it is packed once.  Plain data, so it can be sent
    to the helper process with the job.
    """

    members: tuple[tuple[str, bytes | Packed], ...]
    style_ids: tuple[tuple[int, str], ...]


def make_skeleton(settings: PaperSettings, images: ImageSource | None) -> PaperSkeleton:
    """The build's skeleton: written as text (``paper_docx_xml``) unless the organisation has a header template."""
    from lecturer_app.exporters.exam import paper_docx_xml

    if _template(settings, images) is not None:
        return docx_skeleton(settings, images)
    token = CODE_TOKEN.encode("ascii")
    members = paper_docx_xml.skeleton_members(settings, CODE_TOKEN, BODY_MARKER, token)
    return PaperSkeleton(tuple(members), paper_docx_xml.STYLE_IDS)


def _template(settings: PaperSettings, images: ImageSource | None) -> bytes | None:
    """The organisation's DOCX header template, when it has one and it can be read (``paper_docx._start``)."""
    org = settings.organization
    return images(org.header_template) if images and org is not None and org.header_template else None


def docx_skeleton(settings: PaperSettings, images: ImageSource | None) -> PaperSkeleton:
    """Build the document once with python-docx (template, styles, header, footer, properties)."""
    import zipfile  # here: only a header template needs it (it loads threading; 2 ms of every build's start)

    document = paper_document(PaperVersion(CODE_TOKEN, [], []), settings, images, questions=False)
    buffer = io.BytesIO()
    document.save(buffer)
    token = CODE_TOKEN.encode("ascii")
    with zipfile.ZipFile(buffer) as package:
        members = tuple((info.filename, _member(info.filename, package.read(info), token))
                        for info in package.infolist())
    styles = document.styles
    style_ids = tuple((columns, styles[name].style_id) for columns, name in OPTION_STYLES.items())
    return PaperSkeleton(members, style_ids)


def _member(name: str, data: bytes, token: bytes) -> bytes | Packed:
    return data if name == DOCUMENT_MEMBER or token in data else packed(name, data)


def can_use(version: PaperVersion) -> bool:
    """Whether *version* can be written from the skeleton (no pictures)."""
    return not has_pictures(version)


def write_from_skeleton(skeleton: PaperSkeleton, version: PaperVersion, path: Path) -> Path:
    """*version*'s DOCX paper: the skeleton with its code and questions; same content as ``write_paper_docx``."""
    code = escape(version.code).encode("utf-8")
    token = CODE_TOKEN.encode("ascii")
    members = []
    for name, data in skeleton.members:
        if isinstance(data, Packed):
            members.append(data)
        elif name == DOCUMENT_MEMBER:
            members.append(packed(name, _with_questions(data, version, dict(skeleton.style_ids))))
        else:
            members.append(packed(name, data.replace(token, code)))
    return write_bytes(path, zip_bytes(members))


def _with_questions(document: bytes, version: PaperVersion, style_ids: dict[int, str]) -> bytes:
    """The document part with the marker paragraph replaced by the questions' paragraphs.

    The code token is replaced before the questions go in, so no question text is ever touched.
    """
    code = escape(version.code)
    before, after = (part.replace(CODE_TOKEN, code) for part in _around_marker(document))
    return (before + "".join(_paragraphs(version, style_ids)) + after).encode("utf-8")


@lru_cache(maxsize=4)
def _around_marker(document: bytes) -> tuple[str, str]:
    """The document part's text before and after the marker paragraph: found once per skeleton, not per version."""
    text = document.decode("utf-8")
    marker = text.index(BODY_MARKER)
    start = text.rindex("<w:p", 0, marker)
    end = text.index("</w:p>", marker) + len("</w:p>")
    return text[:start], text[end:]


def _paragraphs(version: PaperVersion, style_ids: dict[int, str]) -> list[str]:
    paragraphs = []
    for part in part_items(version):
        if isinstance(part, str):
            paragraphs.append(part)
            continue
        item, number = part
        head, rest = question_xml(item, number, style_ids)
        paragraphs += [head, *rest]
    return paragraphs
