"""Scoring learners with their own version's key, and xếp loại by thresholds.

Objective questions score their points when the answer equals the key
(multiple-answer questions need the exact set).  Essay scores come from the
grid (or the answer file's TL columns).

One rule for every learner of an exam (docs/exam-guide.md states it):

    Điểm viết = (trắc nghiệm + tự luận) × 10 / tổng điểm của đề
    Tổng điểm = (1 − w) × điểm viết + w × điểm vấn đáp (thang 10)

with w the oral weight, 0 when the exam has no oral part.  A component that
has no score (an essay or oral score not entered, or one outside its range,
which is never capped) counts 0 and is listed in ``LearnerScore.missing``, so
a total is never silently computed by another formula.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.text.normalize import fold
from lecturer_app.exam.manifest import ExamManifest, ItemInfo
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.i18n import N_, NC_, NOWHERE, SCREEN, Message, Number, Translator, _, plain, ui_number

DEFAULT_THRESHOLDS: tuple[tuple[str, float], ...] = (("Giỏi", 8.0), ("Khá", 6.5), ("Trung bình", 5.0))
DEFAULT_FAIL = "Không đạt"
ORAL = "Vấn đáp"  # the oral component, as the answer file and the score sheet name it
DEFAULT_ORAL_WEIGHT = 0.5  # when the answer file gives oral scores and no weight is given
# The default grades as a screen shows them in the UI language; the score sheet writes the grade as it is.
_DEFAULT_GRADE_LABELS = {"Giỏi": NC_("grade", "Giỏi"), "Khá": NC_("grade", "Khá"),
                         "Trung bình": NC_("grade", "Trung bình"), "Không đạt": NC_("grade", "Không đạt")}


@dataclass
class Response:
    """One learner's row: answers in printed order ("" = blank) and entered scores."""

    name: str
    sbd: str
    code: str
    answers: list[str]
    essay_scores: dict[int, float] = field(default_factory=dict)
    oral_score: float | None = None
    where: Message = NOWHERE  # the row (or page, or phone) it came from
    # Problems found reading the row, shown with the score; worded where shown (SCREEN) or written (DOCUMENT).
    flags: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class RejectedRow:
    """A row that could not be graded, with what it said and why."""

    where: Message
    reason: Message
    name: str = ""
    sbd: str = ""
    code: str = ""

    def to_json(self) -> dict:
        """As the command line prints it: in the UI language."""
        return {"where": self.where(SCREEN), "reason": self.reason(SCREEN), "name": self.name, "sbd": self.sbd,
                "code": self.code}


@dataclass(frozen=True)
class GradingOptions:
    """Attributes:
        thresholds: (xếp loại, minimum score) pairs, any order.
        fail_label: the grade below every threshold.
        oral_weight: w, the share of the oral score in every learner's total; 0 = no oral part.
    """

    thresholds: tuple[tuple[str, float], ...] = DEFAULT_THRESHOLDS
    fail_label: str = DEFAULT_FAIL
    oral_weight: float = 0.0

    @property
    def has_oral(self) -> bool:
        return self.oral_weight > 0


@dataclass
class LearnerScore:
    response: Response
    correct: list[bool]
    objective: float
    essays: list[float]
    oral: float | None
    total: float
    grade: str
    # What needs the lecturer's look (the row's flags, then grading's): worded by its reader, the grid and the
    # CLI in the UI language, the score sheet in Vietnamese (i18n.Translator).
    notes: list[Message] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # components with no score ("TL2", "Vấn đáp"), counted 0

    def worded_notes(self, tr: Translator) -> str:
        """The notes in *tr*'s language, joined as the grid, the CLI and «Ghi chú» show them."""
        return "; ".join(note(tr) for note in self.notes)

    def to_json(self) -> dict:
        r = self.response
        return {"name": r.name, "sbd": r.sbd, "code": r.code, "score": self.total, "grade": self.grade,
                "missing": self.missing, "notes": [note(SCREEN) for note in self.notes]}


def parse_thresholds(text: str) -> tuple[tuple[str, float], ...]:
    """"Giỏi=8; Khá=6,5; Trung bình=5" → pairs; raises a clear error otherwise."""
    pairs = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        label, sep, value = part.partition("=")
        try:
            pairs.append((label.strip(), float(value.strip().replace(",", "."))))
        except ValueError:
            sep = ""
        if not sep or not label.strip():
            raise UserFacingError(_("Ngưỡng xếp loại không hợp lệ: '{part}' (cần dạng 'Giỏi=8; Khá=6,5')").format(
                part=part))
    return tuple(pairs)


# The sheet of an answer file that says the rule its marks were given under («Lưu bài làm và điểm…» writes it;
# its rows are no learners).
RULE_SHEET = "Cách tính"
ORAL_WEIGHT_LABEL = "Tỉ trọng vấn đáp"


def oral_weight(given: float | None, has_oral_column: bool) -> float:
    """w of the one rule: as given, else 0,5 when the answers carry oral scores, else 0 (no oral part)."""
    weight = given if given is not None else (DEFAULT_ORAL_WEIGHT if has_oral_column else 0.0)
    if not 0 <= weight <= 1:
        raise UserFacingError(_("Tỉ trọng vấn đáp phải từ 0 đến 1 (đã cho {w}).").format(
            w=ui_number(decimal_comma(weight))))
    return weight


def is_correct(answer: str, item: ItemInfo) -> bool:
    if not answer or not item.key:
        return False
    if item.type == "short_answer":
        return fold(answer.strip()) == fold(item.key.strip())
    return answer.upper() == item.key.upper()


def grade_of(score: float, options: GradingOptions) -> str:
    for label, minimum in sorted(options.thresholds, key=lambda pair: -pair[1]):
        if score >= minimum - 1e-9:
            return label
    return options.fail_label


def grade_label(grade: str) -> str:
    """*grade* as a screen or the CLI shows it: a default grade in the UI language, the lecturer's own as typed."""
    key = _DEFAULT_GRADE_LABELS.get(grade)
    return _(key) if key is not None else grade


def part_label(part: str, tr: Translator = SCREEN) -> str:
    """A score component ("TL2", «Vấn đáp», "Câu 5" an answer), named as in the answer file, as *tr*'s reader
    names it ("Essay 2", "Question 5")."""
    return part_name(part)(tr)


def part_name(part: str) -> Message:
    """A score component ("TL2", «Vấn đáp», "Câu 5") as a :class:`Message`, worded by its reader (``part_label``)."""
    if part.startswith("TL") and part[2:].isdigit():
        return Message.of(N_("TL{n}"), n=part[2:])
    if part.startswith("Câu ") and part[4:].isdigit():
        return Message.of(N_("Câu {n}"), n=part[4:])
    return Message.of(ORAL) if part == ORAL else plain(part)


def score_learner(response: Response, manifest: ExamManifest, options: GradingOptions = GradingOptions(),
                  essay_scores: dict[int, float] | None = None, oral: float | None = None) -> LearnerScore:
    """Score one response by the one rule; *essay_scores*/*oral* from a grid override the file's."""
    version = manifest.versions[response.code]
    correct = [is_correct(answer, item) for answer, item in zip(response.answers, version.items)]
    objective = sum(item.points for item, ok in zip(version.items, correct) if ok)
    entered = {**response.essay_scores, **(essay_scores or {})}
    found: list[Message] = []
    missing: list[str] = []
    essays = []
    for number, (_qid, points) in enumerate(version.essays, start=1):
        given = _in_range(entered.get(number), points, f"TL{number}", found, missing)
        essays.append(given)
    ten = (objective + sum(essays)) * 10.0 / (manifest.total_points or 10.0)
    oral_score = oral if oral is not None else response.oral_score
    total = ten
    if options.has_oral:
        counted = _in_range(oral_score, 10.0, ORAL, found, missing)
        total = (1 - options.oral_weight) * ten + options.oral_weight * counted
    elif oral_score is not None:
        found.append(_oral_not_counted(oral_score))
    total = round(total + 1e-9, 2)
    return LearnerScore(response, correct, round(objective, 4), essays, oral_score, total,
                        grade_of(total, options), [*response.flags, *found], missing)


def _oral_not_counted(got: float) -> Message:
    return Message.of(N_("điểm vấn đáp {got} không được tính: tỉ trọng vấn đáp là 0"), got=Number(decimal_comma(got)))


def _in_range(given: float | None, maximum: float, name: str, notes: list[Message], missing: list[str]) -> float:
    """The score to count for one component: 0 and listed as missing when absent or out of range (never capped)."""
    if given is None:
        missing.append(name)
        return 0.0
    if given > maximum + 1e-9 or given < 0:
        notes.append(Message.of(N_("{name}: điểm {got} ngoài khoảng 0–{max}, chưa được tính"), name=part_name(name),
                                got=Number(decimal_comma(given)), max=Number(decimal_comma(maximum))))
        missing.append(name)
        return 0.0
    return given


def score_all(responses: list[Response], manifest: ExamManifest,
              options: GradingOptions = GradingOptions()) -> list[LearnerScore]:
    return [score_learner(r, manifest, options) for r in responses]


def total_formula(manifest: ExamManifest, options: GradingOptions, tr: Translator = SCREEN) -> str:
    """The rule in words, as the grading screen (SCREEN) and the score sheet (DOCUMENT) show it."""
    parts = [tr(N_("trắc nghiệm"))] if any(v.items for v in manifest.versions.values()) else []
    if any(v.essays for v in manifest.versions.values()):
        parts.append(tr(N_("tự luận")))
    summed = " + ".join(parts) or tr(N_("trắc nghiệm"))
    written = f"({summed})" if len(parts) > 1 else summed
    text = tr(N_("Điểm viết = {written} × 10 / {total}")).format(
        written=written, total=tr.number(decimal_comma(manifest.total_points or 10.0)))
    if not options.has_oral:
        return text + "; " + tr(N_("Tổng điểm = điểm viết."))
    return text + "; " + tr(N_("Tổng điểm = {w1} × điểm viết + {w} × điểm vấn đáp (thang 10).")).format(
        w1=tr.number(decimal_comma(1 - options.oral_weight)), w=tr.number(decimal_comma(options.oral_weight)))


def missing_rule(tr: Translator = SCREEN) -> str:
    return tr(N_("Điểm thành phần chưa có (ô trống, hoặc ngoài khoảng cho phép) được tính 0 và ghi ở cột "
                 "«Thiếu điểm»."))
