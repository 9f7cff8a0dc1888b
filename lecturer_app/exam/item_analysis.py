"""Item analysis: difficulty, discrimination and distractor counts per question.

Questions are reported in the đề gốc order (the drawn order), and every
learner's letter is mapped back through their version's option order, so the
counts of all versions add up per original option.

* difficulty p: the share of learners who answered correctly;
* discrimination D: p in the top 27 % minus p in the bottom 27 % (by total);
* distractor counts: how many chose each original option, and how many left it blank.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecturer_app.exam.grading import LearnerScore
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest

GROUP_SHARE = 0.27


@dataclass
class ItemStats:
    number: int
    question_id: str
    stem: str
    correct_letters: str
    difficulty: float
    discrimination: float
    option_counts: list[int]
    blank: int


def analyse_items(scores: list[LearnerScore], manifest: ExamManifest) -> list[ItemStats]:
    ranked = sorted(scores, key=lambda s: s.total, reverse=True)
    size = max(1, round(len(ranked) * GROUP_SHARE)) if ranked else 0
    top, bottom = ranked[:size], ranked[-size:] if size else []
    stats = []
    for number, qid in enumerate(manifest.master, start=1):
        answered = [a for s in scores if (a := _answer(s, manifest, qid)) is not None]
        if not answered:
            continue
        options = manifest.master_options.get(qid, [])
        counts = [0] * len(options)
        blank = 0
        for letters, _ok in answered:
            if not letters:
                blank += 1
            for index in letters:
                if 0 <= index < len(counts):
                    counts[index] += 1
        stats.append(ItemStats(
            number, qid, manifest.stems.get(qid, ""), _original_key(manifest, qid),
            sum(ok for _, ok in answered) / len(answered),
            _share(top, manifest, qid) - _share(bottom, manifest, qid), counts, blank))
    return stats


def _answer(score: LearnerScore, manifest: ExamManifest, qid: str) -> tuple[list[int], bool] | None:
    """Original option indexes the learner chose for *qid*, and whether it was right."""
    items = manifest.versions[score.response.code].items
    for position, item in enumerate(items):
        if item.id == qid:
            letters = score.response.answers[position] if position < len(score.response.answers) else ""
            chosen = [item.order[LETTERS.index(ch)] for ch in letters
                      if ch in LETTERS and LETTERS.index(ch) < len(item.order)]
            return chosen, score.correct[position] if position < len(score.correct) else False
    return None


def _share(group: list[LearnerScore], manifest: ExamManifest, qid: str) -> float:
    results = [a for s in group if (a := _answer(s, manifest, qid)) is not None]
    return sum(ok for _, ok in results) / len(results) if results else 0.0


def _original_key(manifest: ExamManifest, qid: str) -> str:
    first = next(iter(manifest.versions.values()))
    for item in first.items:
        if item.id == qid and item.order:
            return "".join(LETTERS[item.order[LETTERS.index(ch)]] for ch in item.key if ch in LETTERS)
    return ""
