"""The quiz paper: one printed version of an exam, as the phones show it and the grader keys it.

A quiz is always exactly one ``VersionInfo`` of an ``ExamManifest`` so the
exam domain grades it and analyses it as it does a paper exam.  Essays are
left out (a phone quiz is objective only) and the total is the objective part.
The key lives in the manifest on the laptop; ``QuizQuestion`` — what pages are
made from — has no key field at all, so no page can leak it by mistake.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Blueprint, BlueprintCell, Question
from lecturer_app.exam.draw import DrawOptions, DrawResult, draw_exam
from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo
from lecturer_app.exam.pool import QuestionPool
from lecturer_app.i18n import _, ngettext

QUIZ_TYPES = ("single_choice", "multiple_choice", "true_false_4", "short_answer")
POOL_CODE = "quiz"  # the one code of a pool made of chosen questions
# The title learners read and the results sheet carries: Vietnamese whatever the UI language.
QUIZ_TITLE = "Kiểm tra nhanh"


@dataclass(frozen=True)
class QuizQuestion:
    """What a phone may see of a question before closing: never its key."""

    number: int
    type: str
    stem: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class QuizPaper:
    """Attributes:
        manifest: a one-version manifest (the key is in it; it never leaves the laptop).
        code: that version's mã đề.
    """

    title: str
    manifest: ExamManifest
    code: str

    @property
    def items(self) -> list[ItemInfo]:
        return self.manifest.versions[self.code].items

    def questions(self) -> list[QuizQuestion]:
        return [QuizQuestion(n, item.type, self.manifest.stems.get(item.id, ""), tuple(item.options))
                for n, item in enumerate(self.items, start=1)]


def paper_from_manifest(manifest: ExamManifest, code: str) -> tuple[QuizPaper, list[str]]:
    """One version of a built exam (``exam.json``), objective part only; warnings in words."""
    version = manifest.versions.get(code)
    if version is None:
        raise UserFacingError(_("Đề không có mã đề {code} (có: {codes}).").format(
            code=code, codes=", ".join(manifest.versions)))
    items = [item for item in version.items if item.type in QUIZ_TYPES]
    if not items:
        raise UserFacingError(_("Mã đề {code} không có câu trắc nghiệm nào để kiểm tra nhanh.").format(code=code))
    warnings = []
    if version.essays:
        warnings.append(ngettext("Phần tự luận ({n} câu) không được đưa vào bài kiểm tra nhanh; điểm tính trên phần "
                          "trắc nghiệm.", len(version.essays)).format(n=len(version.essays)))
    one = ExamManifest(manifest.title, manifest.seed, manifest.exam_id, {code: VersionInfo(code, items, [])},
                       [i.id for i in items], {k: v for k, v in manifest.master_options.items()},
                       dict(manifest.stems), 0.0, dict(manifest.bank_codes))
    return QuizPaper(manifest.title or QUIZ_TITLE, one, code), warnings


def paper_from_draw(result: DrawResult, title: str, seed: int) -> QuizPaper:
    """The first drawn version as a quiz (the draw's own keying and balanced letters)."""
    version = result.versions[0]
    items = [ItemInfo(p.question.id, p.question.type, p.points, p.key, [o.text for o in p.options], p.order)
             for p in version.objective]
    manifest = ExamManifest(
        title, seed, "", {version.code: VersionInfo(version.code, items, [])}, [i.id for i in items],
        {d.question.id: [o.text for o in d.question.options] for d in result.drawn},
        {d.question.id: d.question.stem for d in result.drawn}, 0.0,
        {d.question.id: d.bank_code for d in result.drawn})
    return QuizPaper(title, manifest, version.code)


def draw_quiz(blueprint: Blueprint, pool: QuestionPool, title: str,
              seed: int | None = None) -> tuple[QuizPaper, list[str]]:
    """Draw one shuffled, balanced version of *blueprint* for a quiz."""
    seed = seed if seed is not None else random.SystemRandom().randrange(10**6)
    result = draw_exam(blueprint, pool, DrawOptions(versions=1, seed=seed))
    return paper_from_draw(result, title, seed), result.warnings


def paper_from_questions(questions: list[Question], title: str, seed: int | None = None,
                         total: float = 10.0) -> tuple[QuizPaper, list[str]]:
    """A quiz of exactly these questions (a topic's questions, or a question filter's result), shuffled and keyed.

    The questions already chosen are the pool; one blueprint cell per type
    takes them all, the points shared equally so the total is *total*.
    """
    usable = [q for q in questions if q.type in QUIZ_TYPES and (q.options or q.answers)]
    if not usable:
        raise UserFacingError(_("Không có câu trắc nghiệm nào (có đáp án) trong các câu đã chọn."))
    pool = QuestionPool(by_topic={POOL_CODE: usable}, topic_titles={POOL_CODE: title}, include_drafts=True)
    counts = Counter(q.type for q in usable)
    cells = [BlueprintCell(topic_code=POOL_CODE, type=qtype, count=n, points=round(total * n / len(usable), 6))
             for qtype, n in counts.items()]
    blueprint = Blueprint(name=title, total_points=round(sum(c.points for c in cells), 6), cells=cells)
    return draw_quiz(blueprint, pool, title, seed)


def manifest_body_of(paper: QuizPaper) -> dict:
    """The quiz as an ``exam.json`` body (format 1, one version), so the grading screen can open its results."""
    manifest = paper.manifest
    items = [{"id": i.id, "type": i.type, "points": i.points, "key": i.key, "options": list(i.options),
              "order": list(i.order)} for i in paper.items]
    return {"format": 1, "confidential": True, "title": paper.title, "seed": manifest.seed,
            "exam_id": manifest.exam_id, "master": [i.id for i in paper.items],
            "master_options": {i.id: manifest.master_options.get(i.id, []) for i in paper.items},
            "stems": {i.id: manifest.stems.get(i.id, "") for i in paper.items},
            "bank_codes": {i.id: manifest.bank_codes.get(i.id, "") for i in paper.items},
            "versions": [{"code": paper.code, "items": items, "essays": []}]}
