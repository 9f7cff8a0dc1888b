"""The document's own properties and language in the Office files this app writes.

python-docx and python-pptx start from template packages whose core
properties name their authors ("python-docx", "Steve Canny") and dates (2013),
and whose default text language is en-US, so Word spell-checks Vietnamese as
English.  Every DOCX/XLSX writer calls ``stamp_*`` with the title and the
người soạn, and the DOCX writers call ``vietnamese_docx``; the PPTX writer
writes the same properties and languages itself (``pptx_package``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from lecturer_app.core.text.normalize import nfc

LANGUAGE = "vi-VN"


def stamp_time(on: date | datetime | None = None) -> datetime:
    """A UTC time to the second: now, or midnight of *on* (exam files: same day, same bytes)."""
    if isinstance(on, datetime):
        return on.astimezone(UTC).replace(microsecond=0)
    if isinstance(on, date):
        return datetime.combine(on, time(), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _stamp_core(props, title: str, author: str, when: datetime) -> None:
    """Fill python-docx's / python-pptx's CoreProperties (the same API)."""
    props.title = nfc(title)[:255]
    props.author = nfc(author)[:255]
    props.last_modified_by = nfc(author)[:255]
    props.comments = ""
    props.language = LANGUAGE
    props.revision = 1
    naive = when.astimezone(UTC).replace(tzinfo=None)   # both libraries write the value as UTC ("Z")
    props.created = props.modified = naive


def stamp_docx(document, *, title: str, author: str = "", when: datetime | None = None) -> None:
    _stamp_core(document.core_properties, title, author, when or stamp_time())


def stamp_xlsx(workbook, *, title: str, author: str = "", when: datetime | None = None) -> None:
    """openpyxl's properties (it sets ``modified`` itself when saving)."""
    props = workbook.properties
    stamp = (when or stamp_time()).astimezone(UTC).replace(tzinfo=None)
    props.title = nfc(title)
    props.creator = nfc(author)   # "" rather than None: a reader shows "openpyxl" for a missing creator
    props.lastModifiedBy = nfc(author)
    props.language = LANGUAGE
    props.created = props.modified = stamp


def vietnamese_docx(document) -> None:
    """Tag the document's default run language vi-VN (``w:docDefaults``), so every run inherits it."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        from docx.oxml import OxmlElement

        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    for style in styles.iter(qn("w:lang")):   # a style that names another language would win
        style.set(qn("w:val"), LANGUAGE)
