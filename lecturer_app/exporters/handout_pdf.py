"""Phiếu tài liệu: a printable PDF with QR codes of a topic's documents (a page per topic).

For conferences: learners scan a code to get the materials.  The links come
from the topic's QR slides (their URL), from web addresses in the plan's
"Tài liệu" section, and the topic's attachments of role ``material`` are
listed by name with a short code.  Each link gets a short code
(``<TOPIC>-<n>``) printed next to its QR so it can also be typed or read out.
A topic with no link and no attached document lists the documents named in
its plan's "Tài liệu" section instead, and the handout says so.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Topic
from lecturer_app.core.safe_write import replaced_on_success
from lecturer_app.core.text.normalize import nfc
from lecturer_app.exporters.pdf_fonts import pdf_options, sans, serif
from lecturer_app.i18n import DOCUMENT, N_, SCREEN, Translator

MM = 72 / 25.4
QR_SIDE = 42 * MM
_URL = re.compile(r"https?://[^\s<>()\]\[|\"']+[^\s<>()\]\[|\"'.,;:!?]")
# The handout is a Vietnamese document whatever the UI language (i18n.Translator says why).
HANDOUT_TITLE = "PHIẾU TÀI LIỆU"
SCAN_HINT = ("Quét mã QR bằng điện thoại để mở tài liệu, hoặc gõ địa chỉ bên cạnh; "
               "đọc mã tài liệu khi cần hỏi giảng viên.")


_LIST_ITEM = re.compile(r"^\s*(?:[-+*]|\d{1,2}[.)])\s+(?P<text>\S.*)$")
PLAN_LIST = "plan_list"   # Material.source of a document only named in the plan


@dataclass(frozen=True)
class Material:
    """One document on the handout: a link (with QR), a kept file, or a document the plan names."""

    code: str
    title: str
    url: str = ""
    source: str = ""


@dataclass
class Handout:
    """Attributes:
        plan_heading: the plan's section the list was taken from, when there were no links or files.
    """

    topic: Topic
    materials: list[Material] = field(default_factory=list)
    plan_heading: str = ""

    def note(self, tr: Translator = SCREEN) -> str:
        """What the list was taken from, when it is not the usual links and files ("" when it is)."""
        if not self.plan_heading:
            return ""
        return tr(N_("Chuyên đề chưa có tệp tài liệu hay đường dẫn: danh sách lấy từ mục «{heading}» "
                     "của giáo án viết.")).format(heading=self.plan_heading)


def collect_materials(bank: LessonBank, topic: Topic) -> Handout:
    """The topic's links and learner documents, in deck then plan then attachment order, deduplicated."""
    found: list[tuple[str, str]] = []
    deck = bank.deck(topic.id)
    for slide in bank.slides(deck.id) if deck else []:
        if slide.url.strip():
            found.append((slide.title or slide.url, slide.url.strip()))
    plan = bank.plan(topic.id)
    for section in bank.sections(plan.id) if plan else []:
        if section.kind == "tai_lieu":
            found.extend((_line_title(section.body, m.start()), m.group()) for m in _URL.finditer(section.body))
    seen: set[str] = set()
    handout = Handout(topic)
    for title, url in found:
        if url not in seen:
            seen.add(url)
            handout.materials.append(Material(_code(topic, len(handout.materials)), nfc(title), url))
    for attachment in bank.attachments(topic.id):
        if attachment.role == "material":
            handout.materials.append(Material(_code(topic, len(handout.materials)), nfc(attachment.filename)))
    if not handout.materials and plan is not None:
        _plan_list(handout, [s for s in bank.sections(plan.id) if s.kind == "tai_lieu"])
    return handout


def _plan_list(handout: Handout, sections: list) -> None:
    """Fill an empty handout with the documents the plan's "Tài liệu" section names, and say so."""
    from lecturer_app.core.text.markdown_inline import plain_inline

    for section in sections:
        for line in section.body.splitlines():
            found = _LIST_ITEM.match(line)
            title = plain_inline(found["text"]).strip() if found else ""
            if title:
                code = _code(handout.topic, len(handout.materials))
                handout.materials.append(Material(code, nfc(title[:300]), source=PLAN_LIST))
        if handout.materials and not handout.plan_heading:
            handout.plan_heading = section.heading


def _code(topic: Topic, index: int) -> str:
    return f"{topic.code}-{index + 1}"


def _line_title(text: str, offset: int) -> str:
    """The words before a URL on its line ("- Văn kiện Đại hội XIII: https://…" → "Văn kiện Đại hội XIII")."""
    start = text.rfind("\n", 0, offset) + 1
    title = text[start:offset].strip(" -+*:•\t")
    return re.sub(r"[*_]", "", title) or "Tài liệu"


def _qr_image(url: str):
    import segno
    from reportlab.platypus import Image

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    return Image(buffer, width=QR_SIDE, height=QR_SIDE)


def _styles():
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    body_font, head = sans(), serif()
    return {
        "title": ParagraphStyle("t", fontName=head.bold, fontSize=20, leading=25, alignment=TA_CENTER, spaceAfter=6),
        "topic": ParagraphStyle("p", fontName=head.bold, fontSize=15, leading=19, alignment=TA_CENTER,
                                spaceAfter=14),
        "name": ParagraphStyle("n", fontName=body_font.bold, fontSize=13, leading=16, spaceAfter=4),
        "url": ParagraphStyle("u", fontName=body_font.regular, fontSize=10, leading=12.5, wordWrap="CJK"),
        "code": ParagraphStyle("c", fontName=body_font.bold, fontSize=16, leading=20, spaceBefore=6),
        "note": ParagraphStyle("o", fontName=body_font.italic, fontSize=11, leading=14),
    }


def _row(material: Material, styles: dict) -> list:
    from reportlab.platypus import Paragraph

    text = [Paragraph(escape(material.title), styles["name"])]
    if material.url:
        text.append(Paragraph(escape(material.url), styles["url"]))
    elif material.source == PLAN_LIST:
        text.append(Paragraph(escape("Tài liệu nêu trong giáo án (hỏi giảng viên hoặc thư viện)"), styles["note"]))
    else:
        text.append(Paragraph(escape("Tệp kèm theo: nhận từ giảng viên"), styles["note"]))
    text.append(Paragraph(escape(f"Mã: {material.code}"), styles["code"]))
    return [_qr_image(material.url) if material.url else "", text]


def handout_story(handout: Handout, width: float) -> list:
    from reportlab.platypus import Paragraph, Table, TableStyle

    styles = _styles()
    story: list = [Paragraph(escape(HANDOUT_TITLE), styles["title"]),
                   Paragraph(escape(f"{handout.topic.code} · {handout.topic.title}"), styles["topic"]),
                   Paragraph(escape(SCAN_HINT), styles["note"])]
    if handout.plan_heading:
        story.append(Paragraph(escape(handout.note(DOCUMENT)), styles["note"]))
    if not handout.materials:
        story.append(Paragraph(escape("Chuyên đề này chưa có tài liệu hay đường dẫn nào."), styles["note"]))
        return story
    rows = [_row(m, styles) for m in handout.materials]
    table = Table(rows, colWidths=[QR_SIDE + 8 * MM, width - QR_SIDE - 8 * MM])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, "#999999"),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("FONTNAME", (0, 0), (-1, -1), sans().regular)]))
    story.append(table)
    return story


def write_handout(handout: Handout, path: Path) -> int:
    """Write one topic's handout PDF; returns the page count."""
    return write_handouts([handout], path)


def write_handouts(handouts: list[Handout], path: Path) -> int:
    """Write the handouts of several topics, each starting on a new page; returns the page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    codes = " ".join(h.topic.code for h in handouts)
    with replaced_on_success(Path(path)) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=20 * MM, rightMargin=15 * MM, topMargin=18 * MM,
                                bottomMargin=18 * MM, title=f"{HANDOUT_TITLE} {codes}", **pdf_options(serif()))
        story: list = []
        for index, handout in enumerate(handouts):
            if index:
                story.append(PageBreak())
            story.extend(handout_story(handout, doc.width))
        doc.build(story)
    return doc.page
