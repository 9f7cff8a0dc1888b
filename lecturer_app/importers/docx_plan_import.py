"""A written plan from a .docx: header fields, sections by numbering, tables and pictures kept.

Structure is read the way Vietnamese plans are written (domain.md §2):
top-level sections are "I. MỤC TIÊU" … "VII. …" and "B. NỘI DUNG BÀI GIẢNG"
(or Word "Heading 1"); inside part B, "I." becomes ``##``, "1." ``###``,
"a)" ``####``; "-" and "+" lines become list items.  Tables become pipe
tables, pictures are stored as blobs and referenced as ``![alt](blob:…)``.
Runs in TCVN3/VNI fonts are converted (``docx_runs``).  Lines before the
first section fill the header fields ("Chương trình: …"); what matches
nothing there is reported, not silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.text.normalize import fold, nfc
from lecturer_app.formats.memory_budget import check_zip
from lecturer_app.formats.pictures import oversized
from lecturer_app.i18n import _
from lecturer_app.importers.docx_numbering import NumberingLabels
from lecturer_app.importers.docx_runs import (
    FontResolver,
    escape_markdown,
    paragraph_markdown,
    plain,
)
from lecturer_app.importers.legacy_runs import RunConverter

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})\s*[.)/-]\s*\S")
_PART = re.compile(r"^(?P<num>[A-H])\s*[.)/-]\s+\S")
_ARABIC = re.compile(r"^\d{1,2}(\.\d{1,2})*\s*[.)]\s*\S")
_LETTER = re.compile(r"^[a-zđ]\s*\)\s*\S")
_DASH = re.compile(r"^[-–•]\s*")
_PLUS = re.compile(r"^\+\s*")
HEADER_LABELS: dict[str, str] = {
    "ten bai": "ten_bai", "bai": "ten_bai", "chuong trinh": "chuong_trinh", "lop": "chuong_trinh",
    "doi tuong": "doi_tuong", "thoi gian": "thoi_gian", "nguoi soan": "nguoi_soan",
    "ngay soan": "ngay_soan", "ngay giang": "ngay_giang",
}
_DROPPED_TITLES = {"giao an", "ke hoach bai giang", "giao an viet"}


@dataclass
class ImportedPlan:
    """A plan read from a file, not yet stored."""

    header: dict[str, str] = field(default_factory=dict)
    sections: list[tuple[str, str]] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)   # (sha256, filename)
    tables: int = 0
    skipped: list[str] = field(default_factory=list)
    converter: RunConverter = field(default_factory=RunConverter)

    def to_json(self) -> dict[str, Any]:
        return {"sections": len(self.sections), "tables": self.tables, "pictures": len(self.images),
                "header_fields": sorted(self.header), "skipped": list(self.skipped)}


@dataclass
class _State:
    plan: ImportedPlan
    body: list[str] | None = None
    orphans: list[str] = field(default_factory=list)   # preamble text kept if no section is found
    orphan_notes: list[str] = field(default_factory=list)   # reported when sections are found
    in_part_b: bool = False
    signer_next: bool = False
    paragraph_no: int = 0


def read_docx_plan(path: Path, blobs: BlobStore) -> ImportedPlan:
    """Read the written plan in *path*; pictures go to *blobs*.

    Raises:
        InputFileError: the file is not a readable .docx.
    """
    path = Path(path)
    document = _open(path)
    state = _State(ImportedPlan())
    resolver = FontResolver(document)
    numbering = NumberingLabels(document)
    for kind, item in _body_items(document):
        state.paragraph_no += 1
        where = _("đoạn {n}").format(n=state.paragraph_no)
        if kind == "table":
            _table(item, state, resolver, where)
        else:
            line = paragraph_markdown(item, resolver, state.plan.converter, where,
                                      partial(_picture_in, item, blobs, state.plan))
            _line(_with_label(line, numbering.label(item)), item, state)
    _close_section(state)
    _keep_orphans(state, path)
    return state.plan


def _keep_orphans(state: _State, path: Path) -> None:
    """A document without any recognised section keeps its text as one section."""
    if state.plan.sections or not state.orphans:
        state.plan.skipped.extend(state.orphan_notes)
        return
    heading = _("Nội dung nhập từ {name}").format(name=path.name)
    state.plan.sections.append((heading, "\n\n".join(state.orphans).strip() + "\n"))


def _open(path: Path):
    from docx import Document

    from lecturer_app.importers.ooxml_repair import repaired_package

    check_zip(path)
    try:
        repair = repaired_package(path)
        return Document(repair.data or str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… for broken packages
        raise InputFileError(path, "", _("không đọc được tệp Word: {error}").format(error=str(exc)[:120])) from exc


def _body_items(document):
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{{{W_NS}}}p":
            yield "paragraph", Paragraph(child, document)
        elif child.tag == f"{{{W_NS}}}tbl":
            yield "table", Table(child, document)


def _picture_in(paragraph, blobs: BlobStore, plan: ImportedPlan, rel: str, alt: str) -> str | None:
    return _picture(paragraph, rel, alt, blobs, plan)


def _picture(paragraph, rel_id: str, alt: str, blobs: BlobStore, plan: ImportedPlan) -> str | None:
    try:
        part = paragraph.part.related_parts[rel_id]
        data = part.blob
    except (KeyError, AttributeError):
        plan.skipped.append(_("hình bị thiếu (liên kết {rel})").format(rel=rel_id))
        return None
    too_big = oversized(data)
    if too_big:
        plan.skipped.append(f"{Path(str(part.partname)).name}: {too_big}")
        return None
    sha256 = blobs.put_bytes(data)
    plan.images.append((sha256, Path(str(part.partname)).name))
    return f"\n\n![{escape_markdown(alt)}](blob:{sha256})\n\n"


def _heading_style_level(paragraph) -> int:
    name = paragraph.style.name if paragraph.style is not None else ""
    match = re.match(r"^(?:Heading|Tiêu đề)\s*(\d)$", name or "", re.IGNORECASE)
    return int(match.group(1)) if match else 0


def _with_label(line: str, label: tuple[str, int] | None) -> str:
    """Put Word's automatic number or bullet in front of the text, as a lecturer would type it.

    Bullets become "-" at the first level and "+" below it (the Vietnamese habit).
    """
    if label is None or not line:
        return line
    mark, level = label
    if mark in ("-", "+"):
        mark = "+" if mark == "+" or level >= 1 else "-"
    return f"{mark} {line}"


def _line(line: str, paragraph, state: _State) -> None:
    text = plain(line)
    if not text:
        if line and state.body is not None:
            state.body.append("\n" + line + "\n")   # a paragraph holding only a picture
        return
    folded = fold(text).rstrip(":").strip()
    if state.signer_next:
        state.plan.header.setdefault("nguoi_soan", text)
        state.signer_next = False
        return
    if folded == "nguoi soan" and state.body is not None:
        state.signer_next = True
        return
    if _is_section_heading(text, paragraph, state):
        _open_section(text, state)
        return
    if state.body is None:
        _preamble(text, state)
        return
    state.body.append(_body_line(line, text, paragraph, state))


def _is_section_heading(text: str, paragraph, state: _State) -> bool:
    if _heading_style_level(paragraph) == 1:
        return True
    if _PART.match(text) and len(text) < 120 and text.upper() == text:
        return True
    return bool(_ROMAN.match(text)) and not state.in_part_b and len(text) < 160


def _open_section(text: str, state: _State) -> None:
    _close_section(state)
    if _PART.match(text) and fold(text[2:]).strip().startswith("noi dung"):
        state.in_part_b = True
    state.plan.sections.append((nfc(text), ""))
    state.body = []


def _close_section(state: _State) -> None:
    if state.body is not None and state.plan.sections:
        heading, _old = state.plan.sections[-1]
        body = "\n".join(state.body).strip()
        body = re.sub(r"\n{3,}", "\n\n", body)
        state.plan.sections[-1] = (heading, body + "\n" if body else "")


def _preamble(text: str, state: _State) -> None:
    label, _sep, value = text.partition(":")
    key = HEADER_LABELS.get(fold(label).strip())
    if key and value.strip():
        state.plan.header[key] = nfc(value.strip())
    elif fold(text) in _DROPPED_TITLES:
        return
    elif "ten_bai" not in state.plan.header and state.plan.header == {} and len(text) < 200:
        state.plan.header["ten_bai"] = nfc(text)
    else:
        state.orphan_notes.append(_("phần đầu không nhận ra: {text}").format(text=text[:80]))
    state.orphans.append(escape_markdown(text))


def _body_line(line: str, text: str, paragraph, state: _State) -> str:
    """One body paragraph as Markdown: a sub-heading inside part B, a list item or a paragraph."""
    level = _heading_style_level(paragraph)
    if state.in_part_b or level > 1:
        if level == 2 or (level == 0 and _ROMAN.match(text) and _all_bold(paragraph)):
            return f"\n## {text}\n"
        if level == 3 or (level == 0 and _ARABIC.match(text) and _all_bold(paragraph) and len(text) < 160):
            return f"\n### {text}\n"
        if level >= 4 or (level == 0 and _LETTER.match(text) and _all_bold(paragraph) and len(text) < 160):
            return f"\n#### {text}\n"
    if _DASH.match(text) and not line.startswith("!["):
        return "- " + _DASH.sub("", line.lstrip("\\"), count=1)
    if _PLUS.match(text):
        return "  + " + _PLUS.sub("", line, count=1)
    if _ARABIC.match(text) and not state.in_part_b:
        return line
    return "\n" + line + "\n"


def _all_bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _table(table, state: _State, resolver: FontResolver, where: str) -> None:
    rows = []
    for row in table.rows:
        cells = []
        for cell in _unique_cells(row):
            texts = [paragraph_markdown(p, resolver, state.plan.converter, where, lambda rel, alt: None)
                     for p in cell.paragraphs]
            cells.append(" ".join(t for t in texts if t).replace("|", "\\|").replace("\\\\|", "\\|"))
        rows.append(cells)
    if not rows or not any(any(c for c in row) for row in rows):
        return
    width = max(len(r) for r in rows)
    rows[0] = [_unbold(cell) for cell in rows[0]]
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * width)
    markdown = "\n" + "\n".join(lines) + "\n"
    if state.body is None:
        state.orphan_notes.append(_("bảng ở phần đầu (tiêu đề cơ quan) không nhập"))
        state.orphans.append(markdown)
        return
    state.body.append(markdown)
    state.plan.tables += 1


def _unbold(cell: str) -> str:
    """A header cell's bold is the table's own style; drop it so re-export is unchanged."""
    if cell.startswith("**") and cell.endswith("**") and cell.count("**") == 2:
        return cell[2:-2]
    return cell


def _unique_cells(row) -> list:
    """Cells of a row with horizontally merged cells counted once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells
