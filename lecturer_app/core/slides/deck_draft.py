"""A draft slide deck from a written plan ("Tạo giáo án điện tử từ giáo án viết").

The draft follows the usual order of a lecture deck: a title slide, the
objectives, "Kết cấu bài giảng", then for each part of "B. NỘI DUNG BÀI
GIẢNG" a section slide and one content slide per sub-part, "Câu hỏi thảo
luận" and "Kết luận".  Bullets are the first sentence of each point, short
enough for a slide; the full text of the part goes into the speaker notes,
so nothing of the plan is lost.  It is a draft: the lecturer edits it after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lecturer_app.core.model import (
    Bullet,
    PlanSection,
    Slide,
    SlideDeck,
    Topic,
    WrittenPlan,
)
from lecturer_app.core.positions import spread
from lecturer_app.core.text.normalize import fold, nfc

MAX_BULLET_CHARS = 120
MAX_BULLETS = 7
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+•]|\d+[.)]|[a-zđ][.)])\s+(?P<text>.+)$")
_NUMBERING = re.compile(r"^(?P<num>(?:[IVXLC]+|\d+|[A-ZĐ]|[a-zđ])[.)/])\s*(?P<rest>.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s")
# Words that keep their capitals when an ALL-CAPS heading is put in sentence case.
PROPER_NOUNS = ("Đảng Cộng sản Việt Nam", "Đảng", "Nhà nước", "Việt Nam", "Hồ Chí Minh", "Chủ tịch", "Bác Hồ",
                "Tổ quốc", "Quốc hội", "Chính phủ", "Mặt trận", "Trung ương", "Bộ Chính trị", "Ban Bí thư", "Đại hội")


@dataclass
class Part:
    """A part of the lecture content: a heading, its points and its full text."""

    heading: str
    level: int
    lines: list[str] = field(default_factory=list)
    children: list[Part] = field(default_factory=list)


def plain(text: str) -> str:
    """Markdown emphasis and link syntax removed, spaces collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(_EMPHASIS.sub("", text).split())


def sentence_case(heading: str) -> str:
    """"I. NHẬN THỨC CHUNG VỀ ĐẢNG" → "I. Nhận thức chung về Đảng"; mixed case is kept."""
    heading = plain(heading)
    letters = [c for c in heading if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return heading
    match = _NUMBERING.match(heading)
    number, rest = (match.group("num") + " ", match.group("rest")) if match else ("", heading)
    rest = rest.lower()
    rest = rest[:1].upper() + rest[1:]
    for noun in sorted(PROPER_NOUNS, key=len, reverse=True):
        rest = re.sub(rf"\b{re.escape(noun)}\b", noun, rest, flags=re.IGNORECASE)
    return number + rest


def short(text: str, limit: int = MAX_BULLET_CHARS, *, first_sentence: bool = True) -> str:
    """The first sentence of *text*, cut at a word boundary to *limit* characters."""
    text = plain(text)
    first = _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(";") if first_sentence else text
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def parse_parts(markdown: str, level: int = 2) -> tuple[list[str], list[Part]]:
    """Split *markdown* at headings of *level*: (lines before the first, parts)."""
    head: list[str] = []
    parts: list[Part] = []
    for line in markdown.splitlines():
        match = _HEADING.match(line)
        if match and len(match.group(1)) == level:
            parts.append(Part(match.group(2).strip(), level))
        elif parts:
            parts[-1].lines.append(line)
        else:
            head.append(line)
    for part in parts:
        lead, part.children = parse_parts("\n".join(part.lines), level + 1) if level < 4 else ([], [])
        if part.children:
            part.lines = lead
    return head, parts


def bullets_from(lines: list[str], base_level: int = 0) -> list[Bullet]:
    """Bullets from Markdown lines: list items keep their depth, paragraphs become one bullet."""
    bullets = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("|"):
            continue
        match = _ITEM.match(line)
        heading = _HEADING.match(line)
        if heading:
            bullets.append(Bullet(short(heading.group(2)), base_level))
        elif match:
            depth = len(match.group("indent").replace("\t", "  ")) // 2
            bullets.append(Bullet(short(match.group("text")), min(base_level + depth, 4)))
        else:
            bullets.append(Bullet(short(line), base_level))
    return bullets


def part_bullets(part: Part) -> list[Bullet]:
    """A sub-part's bullets: its own lines, then each child heading with its points one level down."""
    bullets = bullets_from(part.lines)
    for child in part.children:
        bullets.append(Bullet(sentence_case(child.heading), 0))
        bullets.extend(bullets_from(child.lines + _flatten(child.children), 1))
    return bullets


def _flatten(parts: list[Part]) -> list[str]:
    lines = []
    for part in parts:
        lines.append("- " + part.heading)
        lines.extend("  " + line for line in part.lines + _flatten(part.children))
    return lines


def notes_of(part: Part) -> str:
    """The full text of a part as plain speaker notes."""
    lines = [plain(line) for line in part.lines]
    for child in part.children:
        lines.append(plain(child.heading))
        lines.append(notes_of(child))
    return "\n".join(line for line in lines if line.strip())


def _chunks(bullets: list[Bullet]) -> list[list[Bullet]]:
    """At most MAX_BULLETS per slide, breaking before a level-0 bullet where possible."""
    chunks: list[list[Bullet]] = [[]]
    for bullet in bullets:
        if len(chunks[-1]) >= MAX_BULLETS and (bullet.level == 0 or len(chunks[-1]) >= MAX_BULLETS + 3):
            chunks.append([])
        chunks[-1].append(bullet)
    return [c for c in chunks if c]


def _is(heading: str, *words: str) -> bool:
    folded = fold(plain(heading))
    return any(w in folded for w in words)


@dataclass
class DeckDraft:
    """The draft: the deck record (new or the existing one) and its slides in order."""

    deck: SlideDeck
    slides: list[Slide]


def draft_deck(topic: Topic, plan: WrittenPlan | None, sections: list[PlanSection],
               deck: SlideDeck | None = None) -> DeckDraft:
    """The draft deck of *topic* from its written plan (positions spread evenly)."""
    header = plan.header if plan else {}
    deck = deck or SlideDeck(topic_id=topic.id, title=topic.title)
    by_kind = {s.kind: s for s in sections}
    content = by_kind.get("noi_dung")
    _, parts = parse_parts(content.body if content else "")
    conclusion = next((p for p in parts if _is(p.heading, "ket luan")), None)
    body_parts = [p for p in parts if p is not conclusion]
    slides = [_title_slide(topic, header)]
    objectives = by_kind.get("muc_tieu")
    if objectives and objectives.body.strip():
        slides.append(Slide(layout="bullets", title="Mục tiêu", bullets=bullets_from(objectives.body.splitlines()),
                            notes=plain(objectives.body)))
    outline = [Bullet(sentence_case(p.heading)) for p in parts]
    if outline:
        slides.append(Slide(layout="bullets", title="Kết cấu bài giảng", bullets=outline))
    for part in body_parts:
        slides.extend(_part_slides(part))
    questions = by_kind.get("cau_hoi")
    if questions and questions.body.strip():
        slides.append(Slide(layout="bullets", title="Câu hỏi thảo luận",
                            bullets=[Bullet(plain(b.text)) for b in _question_bullets(questions.body)]))
    slides.append(_conclusion_slide(conclusion, body_parts))
    for slide, position in zip(slides, spread(len(slides))):
        slide.deck_id, slide.topic_id, slide.position = deck.id, topic.id, position
        slide.title, slide.subtitle, slide.notes = nfc(slide.title), nfc(slide.subtitle), nfc(slide.notes)
        slide.bullets = [Bullet(nfc(b.text), b.level) for b in slide.bullets]
    return DeckDraft(deck, slides)


def _title_slide(topic: Topic, header: dict[str, str]) -> Slide:
    title = header.get("ten_bai") or topic.title
    details = [header.get("chuong_trinh", ""), header.get("thoi_gian", "")]
    return Slide(layout="title", title=title.upper(), subtitle=" · ".join(d for d in details if d.strip()))


def _part_slides(part: Part) -> list[Slide]:
    """A section slide and the content slides of one part of the lecture."""
    title = plain(part.heading)
    if not part.children and not any(_ITEM.match(line) for line in part.lines):
        text = " ".join(plain(line) for line in part.lines if line.strip())
        return [Slide(layout="key_message", title=sentence_case(title), subtitle=short(text, 220),
                      notes=notes_of(part))]
    slides = [Slide(layout="section", title=title, notes=notes_of(part) if not part.children else "")]
    groups = part.children or [Part(title, part.level, part.lines)]
    if part.children and any(line.strip() for line in part.lines):
        groups = [Part(title, part.level, part.lines)] + groups
    for group in groups:
        bullets = part_bullets(group)
        for index, chunk in enumerate(_chunks(bullets)):
            heading = sentence_case(group.heading) + (" (tiếp)" if index else "")
            slides.append(Slide(layout="bullets", title=heading, bullets=chunk,
                                notes=notes_of(group) if index == 0 else ""))
    return slides


def _question_bullets(body: str) -> list[Bullet]:
    items = [_ITEM.match(line) for line in body.splitlines()]
    return [Bullet(short(m.group("text"), 160, first_sentence=False)) for m in items
            if m and not m.group("indent")]


def _conclusion_slide(conclusion: Part | None, parts: list[Part]) -> Slide:
    if conclusion is not None:
        text = " ".join(plain(line) for line in conclusion.lines + _flatten(conclusion.children) if line.strip())
        return Slide(layout="key_message", title="Kết luận", subtitle=short(text, 220), notes=notes_of(conclusion))
    main = [Bullet(sentence_case(p.heading)) for p in parts if not _is(p.heading, "dat van de")]
    return Slide(layout="bullets", title="Kết luận", bullets=main,
                 notes="Nhắc lại những nội dung chính của bài giảng.")
