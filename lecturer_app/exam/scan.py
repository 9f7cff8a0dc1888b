"""What a scanned answer sheet says, decided from measured marks, and the review before grading (issue #18).

The image work (importers/omr) measures every bubble: how much of its inside
is inked (``fill``, 0 = as printed, 1 = as black as the corner marks) and how
much ink lies just outside it (``outside``: the arms of a cross).  Here those
numbers become answers, by rules that never guess: a bubble between empty
and filled, a crossed-out fill, two marks on a single-choice question or an
unreadable SBD column each gives a ``Doubt`` with its reason.  A doubt is
settled by the officer (a corrected value or an explicit acceptance of what
was read) before grading; unsettled doubtful answers are written "?" so they
can never score silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.formats.answer_sheet_layout import page_questions
from lecturer_app.i18n import N_, SCREEN, Message, joined

EMPTY_MAX = 0.15  # fill at or below: empty
FILLED_MIN = 0.50  # fill at or above: filled; between the two: faint or partial → doubt
CROSS_MIN = 0.04  # ink outside a bubble beyond this: the bubble is crossed or scribbled on → doubt
# The printed circle must stand out this much (ink, in corner-mark units) from the paper around it, or the
# bubble is not where it was measured: a damaged or distorted image → doubt.  Measured: at least 0.373 on
# each of 39,620 bubbles of the test corpora (scans, phone photos, old sheets, crosses), 0.507 on the fuzzer's
# 120 dpi seeds; the JPEG mutants that read filled answers blank had bubbles at −0.15…0.10.
RING_MIN = 0.15
UNSURE = "?"
DOUBTFUL = ("faint", "crossed", "unseen")


@dataclass(frozen=True)
class BubbleMark:
    fill: float
    outside: float = 0.0
    ring: float = 1.0  # how clearly its printed circle is seen where it was measured (importers/omr/measure)

    @property
    def state(self) -> str:
        """"empty", "filled", "faint", "crossed" or "unseen" (its printed circle is not where it was measured)."""
        if self.outside >= CROSS_MIN and self.fill > EMPTY_MAX / 2:
            return "crossed"
        if self.ring < RING_MIN:
            return "unseen"
        if self.fill >= FILLED_MIN:
            return "filled"
        return "empty" if self.fill <= EMPTY_MAX else "faint"

    @property
    def margin(self) -> float:
        """How far the mark is from the doubtful band, 0…1 (the confidence of this one bubble)."""
        if self.state in DOUBTFUL:
            return 0.0
        gap = EMPTY_MAX - self.fill if self.state == "empty" else self.fill - FILLED_MIN
        return max(0.0, min(1.0, gap / 0.2))


@dataclass
class Doubt:
    """Something the reader could not decide. question: 1-based, 0 for the SBD / mã đề."""

    question: int
    reason: Message  # worded where it is shown (SCREEN) or written (DOCUMENT)
    field: str = "answer"  # "answer", "sbd", "code" or "sheet" (the whole page)
    settled: bool = False
    across: bool = False  # found by comparing sheets (check_sheets): recomputed after a correction
    span: tuple[int, int] = (0, 0)  # questions first…last it covers (a missing page): "?" until settled

    def to_json(self) -> dict:
        return {"question": self.question or None, "field": self.field, "reason": self.reason(SCREEN)}


@dataclass
class QuestionRead:
    """Attributes:
        answer: the letters read ("" = blank); for a doubt, what accepting it would grade.
        marks: one BubbleMark per printed letter.
        confidence: 0 (doubtful) … 1 (every bubble far from the doubtful band).
    """

    answer: str
    marks: list[BubbleMark]
    confidence: float
    doubt: Message | None = None


@dataclass(frozen=True)
class SheetPart:
    """One page of a learner's sheet of several pages: which sheet page, where it came from, its image."""

    sheet_page: int
    source: Message
    page: int
    image: bytes = field(default=b"", repr=False)


@dataclass
class SheetRead:
    """One learner's answer sheet. page: 1-based page of the input; source: file (and page) named.

    A sheet of several pages is read page by page (sheet_page of sheet_pages, questions from first_question)
    and the pages of one learner are joined by ``join_pages``: then parts lists the pages found.
    """

    source: Message  # the file (and page) the sheet came from, as the reader of the source names it
    page: int
    sbd: str
    code: str
    questions: list[QuestionRead]
    sbd_confidence: float = 1.0
    code_confidence: float = 1.0
    doubts: list[Doubt] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # not doubts: "trang bị lật ngược, đã xoay lại"
    name: str = ""
    image: bytes = field(default=b"", repr=False)  # the located page as JPEG (gray): review screen, phúc khảo copy
    sheet_page: int = 1
    sheet_pages: int = 1
    first_question: int = 1
    parts: list[SheetPart] = field(default_factory=list, repr=False)

    @property
    def open_doubts(self) -> list[Doubt]:
        return [d for d in self.doubts if not d.settled]

    def page_parts(self) -> list[SheetPart]:
        """The pages of this sheet that were found, in sheet order (one for a one-page sheet)."""
        return self.parts or [SheetPart(self.sheet_page, self.source, self.page, self.image)]

    def answers(self) -> list[str]:
        """Answers to grade: an unsettled doubtful question is "?" (never scored from a guess)."""
        unsure = {d.question for d in self.open_doubts if d.field == "answer"}
        unsure |= {n for d in self.open_doubts if d.span[0] for n in range(d.span[0], d.span[1] + 1)}
        return [UNSURE if n in unsure else q.answer for n, q in enumerate(self.questions, start=1)]

    def to_json(self) -> dict:
        return {"page": self.page, "source": self.source(SCREEN), "sbd": self.sbd, "code": self.code,
                "answers": self.answers(), "confidence": [round(q.confidence, 2) for q in self.questions],
                "sbd_confidence": round(self.sbd_confidence, 2), "code_confidence": round(self.code_confidence, 2),
                "doubts": [d.to_json() for d in self.open_doubts], "notes": [n(SCREEN) for n in self.notes],
                "parts": [{"sheet_page": p.sheet_page, "page": p.page, "source": p.source(SCREEN)}
                          for p in self.page_parts()]}


@dataclass(frozen=True)
class BadPage:
    """A page that is not read, and why (not a sheet, blank, another exam's sheet…)."""

    source: Message
    page: int
    reason: Message
    image: bytes = field(default=b"", compare=False, repr=False)  # the page as it came (JPEG), for the review

    def to_json(self) -> dict:
        return {"page": self.page, "source": self.source(SCREEN), "reason": self.reason(SCREEN)}


def decide_question(marks: list[BubbleMark], single: bool = True) -> QuestionRead:
    """The answer of one question from its bubbles; a doubt with its reason when the marks do not decide it."""
    states = [m.state for m in marks]
    filled = "".join(LETTERS[i] for i, s in enumerate(states) if s == "filled")
    reasons = []
    for kind, words in (("crossed", N_("ô {letters} bị gạch chéo hoặc tô rồi xóa")),
                        ("faint", N_("ô {letters} tô mờ hoặc chưa kín")),
                        ("unseen", N_("không thấy vòng in của ô {letters} ở chỗ của nó (ảnh hỏng, méo hoặc bị che): "
                                      "xem ảnh phiếu"))):
        letters = ", ".join(LETTERS[i] for i, s in enumerate(states) if s == kind)
        if letters:
            reasons.append(Message.of(words, letters=letters))
    if single and len(filled) > 1:
        reasons.append(Message.of(N_("tô {n} ô ({letters}) ở câu chỉ có một đáp án"), n=len(filled), letters=filled))
    confidence = 0.0 if reasons else min((m.margin for m in marks), default=1.0)
    return QuestionRead(filled, marks, confidence, joined("; ", reasons) if reasons else None)


def decide_digits(columns: list[list[BubbleMark]], what: str) -> tuple[str, float, list[Doubt]]:
    """A number from its digit columns (one filled bubble each); '?' for a column that does not say.

    *what*: "SBD" or "Mã đề", marked with N_ (a doubt's reason names it in its reader's language).
    """
    digits, doubts, confidence = [], [], 1.0
    kind = "sbd" if what == "SBD" else "code"
    for index, column in enumerate(columns, start=1):
        filled = [v for v, m in enumerate(column) if m.state == "filled"]
        unsure = [v for v, m in enumerate(column) if m.state in ("faint", "crossed")]
        unseen = [v for v, m in enumerate(column) if m.state == "unseen"]
        if len(filled) == 1 and not unsure and not unseen:
            digits.append(str(filled[0]))
            confidence = min(confidence, *(m.margin for m in column))
            continue
        digits.append(UNSURE)
        confidence = 0.0
        doubts.append(Doubt(0, Message.of(N_("{what}: cột {n}: {why}"), what=Message.of(what), n=index,
                                          why=_column_problem(filled, unsure, unseen)), kind))
    return "".join(digits), confidence, doubts


def _column_problem(filled: list[int], unsure: list[int], unseen: list[int]) -> Message:
    """Why a digit column does not say its digit."""
    if unseen:
        return Message.of(N_("không thấy vòng in của số {digits} ở chỗ của nó (ảnh hỏng, méo hoặc bị che)"),
                          digits=", ".join(map(str, unseen)))
    if unsure:
        return Message.of(N_("số {digits} tô mờ, chưa kín hoặc bị gạch"), digits=", ".join(map(str, unsure)))
    if filled:
        return Message.of(N_("tô {n} số ({digits})"), n=len(filled), digits=", ".join(map(str, filled)))
    return Message.of(N_("cột chưa tô"))


def check_sheets(sheets: list[SheetRead], manifest: ExamManifest) -> None:
    """Doubts that need every sheet: a mã đề not in the exam, an SBD on two sheets (again after a correction)."""
    for sheet in sheets:
        sheet.doubts = [d for d in sheet.doubts if d.settled or not d.across]
        if UNSURE not in sheet.code and sheet.code not in manifest.versions:
            sheet.doubts.append(Doubt(0, Message.of(N_("mã đề {code} không có trong đề này"), code=sheet.code),
                                      "code", across=True))
    by_sbd: dict[str, list[SheetRead]] = {}
    for sheet in sheets:
        if UNSURE not in sheet.sbd:
            by_sbd.setdefault(sheet.sbd, []).append(sheet)
    for sbd, same in by_sbd.items():
        for sheet in same if len(same) > 1 else []:
            others = joined(", ", [s.source for s in same if s is not sheet])
            sheet.doubts.append(Doubt(0, Message.of(N_("SBD {sbd} trùng với {others}"), sbd=sbd, others=others),
                                      "sbd", across=True))


def correct_answer(sheet: SheetRead, question: int, letters: str) -> None:
    """The officer's reading of *question*: it replaces the scanner's and settles its doubts."""
    sheet.questions[question - 1].answer = "".join(sorted(set(letters.upper())))
    for doubt in sheet.doubts:
        if doubt.field == "answer" and doubt.question == question:
            doubt.settled = True


def correct_field(sheet: SheetRead, which: str, value: str) -> None:
    """The officer's SBD or mã đề; settles the doubts about it."""
    setattr(sheet, which, value.strip())
    for doubt in sheet.doubts:
        if doubt.field == which:
            doubt.settled = True


def accept_all(sheet: SheetRead) -> None:
    """Accept what was read for every open doubt of *sheet* (an explicit decision of the officer)."""
    for doubt in sheet.doubts:
        doubt.settled = True


def join_pages(reads: list[SheetRead], questions: int) -> list[SheetRead]:
    """One SheetRead per learner from the pages of sheets of several pages, in input order.

    Pages join by SBD; a page whose SBD cannot be read joins the learner just before it when that learner
    lacks this page (scanners keep a learner's pages together), and its SBD doubt stays for the officer.
    A page missing from a learner is a doubt covering its questions (graded "?" until settled).
    """
    if all(read.sheet_pages == 1 for read in reads):
        return reads
    groups: list[list[SheetRead]] = []
    by_sbd: dict[str, list[SheetRead]] = {}
    for read in reads:
        group = by_sbd.get(read.sbd) if UNSURE not in read.sbd else None
        if group is None and groups and (UNSURE in read.sbd or UNSURE in groups[-1][0].sbd):
            group = groups[-1]
        if group is None or any(other.sheet_page == read.sheet_page for other in group):
            group = []
            groups.append(group)
        group.append(read)
        if UNSURE not in read.sbd:
            by_sbd.setdefault(read.sbd, group)
    return [_joined(sorted(group, key=lambda r: r.sheet_page), questions) for group in groups]


def _joined(group: list[SheetRead], questions: int) -> SheetRead:
    first = group[0]
    pages = first.sheet_pages
    reads = [QuestionRead("", [], 0.0) for _ in range(questions)]
    doubts: list[Doubt] = []
    notes: list[Message] = []
    for read in group:
        reads[read.first_question - 1:read.first_question - 1 + len(read.questions)] = read.questions
        where = Message.of(N_("Trang {p}/{n}: "), p=read.sheet_page, n=pages)
        doubts += [d if d.field == "answer" else Doubt(d.question, joined("", [where, d.reason]), d.field)
                   for d in read.doubts]
        notes += [joined("", [where, note]) for note in read.notes]
    sbd = next((r.sbd for r in group if UNSURE not in r.sbd), first.sbd)
    code = next((r.code for r in group if UNSURE not in r.code), first.code)
    if len({r.code for r in group if UNSURE not in r.code}) > 1:
        doubts.append(Doubt(0, Message.of(N_("mã đề tô khác nhau giữa các trang ({codes})"),
                                          codes=", ".join(f"{r.sheet_page}: {r.code}" for r in group)), "code"))
    doubts += _missing_pages(group, questions)
    parts = [SheetPart(r.sheet_page, r.source, r.page, r.image) for r in group]
    return SheetRead(joined(" + ", [r.source for r in group]), min(r.page for r in group), sbd, code, reads,
                     min(r.sbd_confidence for r in group), min(r.code_confidence for r in group), doubts, notes,
                     image=first.image, sheet_pages=pages, parts=parts)


def _missing_pages(group: list[SheetRead], questions: int) -> list[Doubt]:
    """A doubt for each page of the sheet not found, covering its questions."""
    pages = group[0].sheet_pages
    found = {r.sheet_page for r in group}
    doubts = []
    for page in sorted(set(range(1, pages + 1)) - found):
        span = page_questions(page, questions)
        first, last = span.start, span.stop - 1
        doubts.append(Doubt(0, Message.of(N_("thiếu trang {p}/{n} của phiếu (câu {a}–{b}): tìm trang đó và quét "
                                             "lại, hoặc nhập các câu đó rồi chấp nhận"), p=page, n=pages, a=first,
                                          b=last), "page", span=(first, last)))
    return doubts
