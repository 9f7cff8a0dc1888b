"""Item analysis: difficulty, discrimination and distractor counts per question.

Questions are reported in the đề gốc order (the drawn order), and every
learner's letter is mapped back through their version's option order, so the
counts of all versions add up per original option.

* difficulty p: the share of learners who answered correctly;
* discrimination D: p in the top 27 % minus p in the bottom 27 % (by total);
* distractor counts: how many chose each original option, how many left it
  blank, and how many wrote an answer that is no option (E, X, C on a
  two-option question…): an error, never counted as a blank.

Questions are named by their number in each version and their bank code,
never by their internal id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lecturer_app.exam.grading import LearnerScore
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest, ItemInfo

GROUP_SHARE = 0.27
CHOICE_TYPES = ("single_choice", "multiple_choice")


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
    invalid: int = 0
    bank_code: str = ""
    numbers: dict[str, int] = field(default_factory=dict)  # mã đề → the question's number in that paper

    def numbers_text(self) -> str:
        """"101: câu 5; 102: câu 12" — where a lecturer holding one paper finds the question."""
        return "; ".join(f"{code}: câu {n}" for code, n in sorted(self.numbers.items()))


def analyse_items(scores: list[LearnerScore], manifest: ExamManifest) -> list[ItemStats]:
    ranked = sorted(scores, key=lambda s: s.total, reverse=True)
    size = max(1, round(len(ranked) * GROUP_SHARE)) if ranked else 0
    top, bottom = ranked[:size], ranked[-size:] if size else []
    stats = []
    for number, qid in enumerate(manifest.master, start=1):
        answered = [a for s in scores if (a := _answer(s, manifest, qid)) is not None]
        if not answered:
            continue
        counts = [0] * len(manifest.master_options.get(qid, []))
        blank = invalid = 0
        for chosen, _ok in answered:
            if chosen is None:
                invalid += 1
            elif not chosen:
                blank += 1
            for index in chosen or []:
                if 0 <= index < len(counts):
                    counts[index] += 1
        stats.append(ItemStats(
            number, qid, manifest.stems.get(qid, ""), _original_key(manifest, qid),
            sum(ok for _, ok in answered) / len(answered),
            _share(top, manifest, qid) - _share(bottom, manifest, qid), counts, blank, invalid,
            manifest.bank_codes.get(qid, ""), _numbers(manifest, qid)))
    return stats


def _numbers(manifest: ExamManifest, qid: str) -> dict[str, int]:
    return {code: position for code, version in manifest.versions.items()
            for position, item in enumerate(version.items, start=1) if item.id == qid}


def _answer(score: LearnerScore, manifest: ExamManifest, qid: str) -> tuple[list[int] | None, bool] | None:
    """Original option indexes the learner chose for *qid* (None: no option), and whether it was right."""
    items = manifest.versions[score.response.code].items
    for position, item in enumerate(items):
        if item.id == qid:
            letters = score.response.answers[position] if position < len(score.response.answers) else ""
            ok = score.correct[position] if position < len(score.correct) else False
            return _chosen(letters, item), ok
    return None


def _chosen(letters: str, item: ItemInfo) -> list[int] | None:
    """Bank option indexes of printed *letters* ([] = blank); None when a letter is no printed option."""
    if not letters:
        return []
    if item.type == "true_false_4" and not set(letters) <= {"Đ", "S"}:
        return None
    if item.type not in CHOICE_TYPES:
        return [-1]  # Đúng/Sai and short answers: answered, no option to count
    indexes = [LETTERS.index(ch) if ch in LETTERS else len(item.order) for ch in letters]
    if any(i >= len(item.order) for i in indexes):
        return None
    return [item.order[i] for i in indexes]


def _share(group: list[LearnerScore], manifest: ExamManifest, qid: str) -> float:
    results = [a for s in group if (a := _answer(s, manifest, qid)) is not None]
    return sum(ok for _, ok in results) / len(results) if results else 0.0


def _original_key(manifest: ExamManifest, qid: str) -> str:
    first = next(iter(manifest.versions.values()))
    for item in first.items:
        if item.id == qid and item.order:
            return "".join(LETTERS[item.order[LETTERS.index(ch)]] for ch in item.key if ch in LETTERS)
    return ""
