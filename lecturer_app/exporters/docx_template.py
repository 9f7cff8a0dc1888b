"""The organisation's own DOCX header template, with placeholders filled in.

A school may have its own paper header (a logo, a boxed "ĐỀ CHÍNH THỨC", its
own layout), as the Vietnamese exam-mixing tools allow.  The template is an
ordinary .docx whose text holds placeholders in braces, e.g. ``{don_vi}``,
``{ky_thi}``, ``{ma_de}``, ``{thoi_gian}``; the writer starts from the filled
template instead of the built-in header and appends the document after it.
Placeholders are found in the body, tables, page headers and footers, even
when Word has split one across several runs (the text keeps the formatting of
the run where the placeholder starts).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.errors import InputFileError, os_error_reason
from lecturer_app.core.model import Organization
from lecturer_app.core.org_header import vietnamese_date
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Every placeholder a template may use, for the user guide and the check when a template is chosen.
PLAN_FIELDS = ("don_vi", "don_vi_cap_tren", "dia_danh", "ngay", "tieu_de", "ten_bai", "chuong_trinh",
               "doi_tuong", "thoi_gian", "nguoi_soan", "ngay_soan", "ngay_giang")
PAPER_FIELDS = ("don_vi", "don_vi_cap_tren", "dia_danh", "ngay", "ky_thi", "tieu_de", "lop", "ma_de",
                "thoi_gian", "so_phut", "de_chinh_thuc")


@dataclass
class FilledTemplate:
    """The python-docx document to continue, and the placeholders the template used but nobody knows."""

    document: object
    unknown: list[str] = field(default_factory=list)


def organization_values(org: Organization | None, on=None) -> dict[str, str]:
    """{don_vi}, {don_vi_cap_tren}, {dia_danh} and {ngay} of an organisation and a date."""
    lines = org.header_lines if org else []
    return {
        "don_vi": (org.name if org else "") or (lines[-1] if lines else ""),
        "don_vi_cap_tren": lines[0] if len(lines) > 1 else "",
        "dia_danh": org.place if org else "",
        "ngay": vietnamese_date(on, org.place if org else "") if on else "",
    }


def fill_template(data: bytes, values: dict[str, str]) -> FilledTemplate:
    """Open the template *data* and replace every ``{name}`` found in *values*.

    Raises:
        ValueError: *data* is not a DOCX python-docx can open (the caller names the file).
    """
    from docx import Document

    unknown: list[str] = []
    try:
        document = Document(io.BytesIO(data))
        # python-docx opens parts as they are asked for: a header whose relationship is gone (a KeyError)
        # or a damaged value comes up while the paragraphs are walked, not when the file is opened.
        for paragraph in _paragraphs(document):
            _replace(paragraph, values, unknown)
        _freeze_look(document)
    except Exception as exc:  # python-docx raises zip, KeyError and lxml errors for a non-DOCX
        raise ValueError(str(exc) or type(exc).__name__) from exc
    return FilledTemplate(document, sorted(set(unknown)))


def _freeze_look(document) -> None:
    """Write the template's Normal look into its own paragraphs and runs.

    The writers restyle Normal (Times New Roman 13–14, justified, indented) for
    the text they add; the template's header must keep the look it was made with.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    normal = document.styles["Normal"]
    fmt, font = normal.paragraph_format, normal.font
    alignment = fmt.alignment if fmt.alignment is not None else WD_ALIGN_PARAGRAPH.LEFT
    for paragraph in _paragraphs(document):
        own = paragraph.paragraph_format
        if paragraph._p.style not in (None, normal.style_id):
            continue   # a heading or another style of the template keeps its own definition
        own.alignment = own.alignment if own.alignment is not None else alignment
        own.first_line_indent = own.first_line_indent if own.first_line_indent is not None else (
            fmt.first_line_indent or Pt(0))
        for side in ("space_before", "space_after"):
            if getattr(own, side) is None:
                setattr(own, side, getattr(fmt, side) or Pt(0))
        for run in paragraph.runs:
            run.font.size = run.font.size or font.size or Pt(11)
            run.font.name = run.font.name or font.name or "Times New Roman"


def ensure_styles(document, names: tuple[str, ...]) -> None:
    """Copy the styles the writer uses from python-docx's default template when the school's lacks them
    (Word saves only the styles a document uses)."""
    import copy

    from docx import Document

    present = {style.name for style in document.styles}
    missing = [name for name in names if name not in present]
    if missing:
        default = Document().styles
        for name in missing:
            document.styles.element.append(copy.deepcopy(default[name].element))


def plan_template(org: Organization | None, images, warnings: list[str]) -> bytes | None:
    """The bytes of *org*'s header template for a written plan (DOCX or PDF), or None for the built-in header.

    A template chosen but missing from the data folder is said in *warnings*.
    """
    if org is None or not org.header_template:
        return None
    data = images(org.header_template)
    if data is None:
        warnings.append(_("Không tìm thấy mẫu tiêu đề của đơn vị; dùng tiêu đề có sẵn"))
    return data


def template_warnings(unknown: list[str] | None = None, error: Exception | None = None) -> list[str]:
    """What the user is told about a template that could not be read (*error*) or has *unknown* placeholders."""
    if error is not None:
        return [_("Mẫu tiêu đề của đơn vị không đọc được ({error}); dùng tiêu đề có sẵn").format(error=error)]
    return [_("Mẫu tiêu đề có chỗ trống không rõ: {{{name}}}").format(name=n) for n in unknown or []]


def placeholders(data: bytes) -> list[str]:
    """The placeholder names a template uses (to tell the user when the template is chosen)."""
    found = fill_template(data, {})
    return found.unknown


def load_template(path: Path) -> tuple[bytes, list[str], list[str]]:
    """The bytes of the template at *path*, the placeholders it uses and those no document fills.

    Raises:
        InputFileError: *path* cannot be read or is not a .docx python-docx can open.
    """
    try:
        data = Path(path).read_bytes()
        names = placeholders(data)
    except OSError as exc:
        raise InputFileError(path, "", _("không đọc được tệp: {reason}").format(reason=os_error_reason(exc))) from exc
    except ValueError as exc:
        raise InputFileError(path, "", _("không phải tệp Word (.docx) đọc được: {error}").format(error=exc)) from exc
    return data, names, [name for name in names if name not in PLAN_FIELDS + PAPER_FIELDS]


def _paragraphs(document):
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    parts = [document.element.body]
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            if not part.is_linked_to_previous:
                parts.append(part._element)
    for root in parts:
        for p in root.iter(qn("w:p")):
            yield Paragraph(p, document.part)   # the part: a paragraph's style lookups go through it


def _replace(paragraph, values: dict[str, str], unknown: list[str]) -> None:
    """Replace placeholders across the paragraph's runs, keeping each run's formatting."""
    runs = [run for run in paragraph.runs]
    text = "".join(run.text for run in runs)
    if "{" not in text:
        return
    for match in reversed(list(PLACEHOLDER.finditer(text))):
        name = match.group(1)
        if name not in values:
            unknown.append(name)
            continue
        _splice(runs, match.start(), match.end(), nfc(values[name]))


def _splice(runs: list, start: int, end: int, value: str) -> None:
    """Put *value* in place of characters start..end of the runs' joined text."""
    position = 0
    placed = False
    for run in runs:
        text = run.text
        lo, hi = position, position + len(text)
        position = hi
        if hi <= start or lo >= end:
            continue
        cut_from, cut_to = max(start, lo) - lo, min(end, hi) - lo
        insert = value if not placed else ""
        placed = True
        run.text = text[:cut_from] + insert + text[cut_to:]
