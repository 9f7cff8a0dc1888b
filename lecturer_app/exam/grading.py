"""Scoring learners with their own version's key, and xếp loại by thresholds.

Objective questions score their points when the answer equals the key
(multiple-answer questions need the exact set).  Essay scores come from the
grid (or the answer file's TL columns) and are capped at each question's
points.  The written total is put on the 10-point scale; when an oral score
(thang 10) is given, the final score is the weighted mean with ``oral_weight``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.text.normalize import fold
from lecturer_app.exam.manifest import ExamManifest, ItemInfo
from lecturer_app.i18n import _

DEFAULT_THRESHOLDS: tuple[tuple[str, float], ...] = (("Giỏi", 8.0), ("Khá", 6.5), ("Trung bình", 5.0))
DEFAULT_FAIL = "Không đạt"


@dataclass
class Response:
    """One learner's row: answers in printed order ("" = blank) and entered scores."""

    name: str
    sbd: str
    code: str
    answers: list[str]
    essay_scores: dict[int, float] = field(default_factory=dict)
    oral_score: float | None = None
    where: str = ""


@dataclass(frozen=True)
class GradingOptions:
    """Attributes:
        thresholds: (xếp loại, minimum score) pairs, any order.
        fail_label: the grade below every threshold.
        oral_weight: share of the oral score in the final score when one is given.
    """

    thresholds: tuple[tuple[str, float], ...] = DEFAULT_THRESHOLDS
    fail_label: str = DEFAULT_FAIL
    oral_weight: float = 0.5


@dataclass
class LearnerScore:
    response: Response
    correct: list[bool]
    objective: float
    essays: list[float]
    oral: float | None
    total: float
    grade: str
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        r = self.response
        return {"name": r.name, "sbd": r.sbd, "code": r.code, "score": self.total, "grade": self.grade}


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


def score_learner(response: Response, manifest: ExamManifest, options: GradingOptions = GradingOptions(),
                  essay_scores: dict[int, float] | None = None, oral: float | None = None) -> LearnerScore:
    """Score one response; *essay_scores*/*oral* from a grid override the file's."""
    version = manifest.versions[response.code]
    correct = [is_correct(answer, item) for answer, item in zip(response.answers, version.items)]
    objective = sum(item.points for item, ok in zip(version.items, correct) if ok)
    entered = {**response.essay_scores, **(essay_scores or {})}
    notes: list[str] = []
    essays = []
    for number, (_qid, points) in enumerate(version.essays, start=1):
        given = entered.get(number, 0.0)
        if given > points + 1e-9 or given < 0:
            notes.append(_("TL{n}: điểm {got} ngoài khoảng 0–{max}").format(n=number, got=given, max=points))
            given = min(max(given, 0.0), points)
        essays.append(given)
    written = objective + sum(essays)
    ten = written * 10.0 / (manifest.total_points or 10.0)
    oral_score = oral if oral is not None else response.oral_score
    total = ten if oral_score is None else (1 - options.oral_weight) * ten + options.oral_weight * oral_score
    total = round(total + 1e-9, 2)
    return LearnerScore(response, correct, round(objective, 4), essays, oral_score, total,
                        grade_of(total, options), notes)


def score_all(responses: list[Response], manifest: ExamManifest,
              options: GradingOptions = GradingOptions()) -> list[LearnerScore]:
    return [score_learner(r, manifest, options) for r in responses]
