"""The state of one running quiz: who joined, what each phone answered, and when it closes.

Every method is called from the server's request threads (and the GUI's
timer), so all state changes happen under one lock.  Answers are stored as
the exam domain reads them ("B", "AC", "ĐSĐS", a short text) so closing hands
``score_learner`` and ``analyse_items`` exactly what a paper exam would.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.text.normalize import nfc
from lecturer_app.exam.grading import GradingOptions, LearnerScore, Response, score_learner
from lecturer_app.exam.item_analysis import ItemStats, analyse_items
from lecturer_app.exam.keying import LETTERS
from lecturer_app.i18n import N_, Message, _, plain
from lecturer_app.quiz.paper import QuizPaper

NAME_LIMIT = 80
TEXT_LIMIT = 200
UNSET = "-"  # a Đúng/Sai statement not yet marked
FORMULA_STARTS = "=+-@ "  # a cell starting with one of these is a formula to Excel (CSV/formula injection)


@dataclass(frozen=True)
class QuizSettings:
    """Attributes:
        minutes: time allowed (None: until the lecturer closes).
        pin: what learners type to join (digits).
        one_per_screen: one question per screen (else all on one page).
        show_answers: after closing, each learner sees the right answers too.
        quiz_id: names the phone's stored answers (a new quiz never continues an old one).
    """

    minutes: float | None = None
    pin: str = ""
    one_per_screen: bool = True
    show_answers: bool = False
    quiz_id: str = field(default_factory=lambda: secrets.token_hex(4))


def new_pin() -> str:
    return f"{secrets.randbelow(10_000):04d}"


@dataclass
class Learner:
    token: str
    name: str
    sbd: str
    unit: str
    answers: list[str]
    submitted: bool = False
    saves: int = 0  # answers acknowledged, for the projector's counts

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers if a.strip(UNSET))


class JoinRefused(UserFacingError):
    """A join the phone is told about in words (wrong PIN, no name, quiz closed): Vietnamese, as every page on
    a learner's phone is (quiz/pages.py)."""


@dataclass(frozen=True)
class Counts:
    joined: int
    submitted: int
    answers: int  # answers saved by all phones together


@dataclass
class QuizSession:
    paper: QuizPaper
    settings: QuizSettings
    clock: Callable[[], float] = time.monotonic
    new_token: Callable[[], str] = lambda: secrets.token_urlsafe(18)
    learners: dict[str, Learner] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._started = self.clock()
        self._closed = False
        self._final: list[LearnerScore] | None = None  # the scores, computed once after closing

    # --- time -----------------------------------------------------------------
    def remaining(self) -> float | None:
        """Seconds left, None without a time limit."""
        if self.settings.minutes is None:
            return None
        return max(0.0, self._started + self.settings.minutes * 60 - self.clock())

    @property
    def closed(self) -> bool:
        if not self._closed and self.remaining() == 0.0:
            self.close()
        return self._closed

    def close(self) -> None:
        """Stop taking answers (time up or the lecturer)."""
        with self._lock:
            self._closed = True

    # --- learners ----------------------------------------------------------------
    def join(self, name: str, sbd: str, unit: str, pin: str, token: str = "") -> Learner:
        """A new learner, or the same one again when the phone still has its token."""
        if token and token in self.learners:
            return self.learners[token]
        if self.closed:
            raise JoinRefused("Bài kiểm tra đã kết thúc.")
        if pin.strip() != self.settings.pin:
            raise JoinRefused("Mã PIN không đúng. Hãy xem mã PIN trên màn chiếu.")
        name = _clean(name)
        if not name:
            raise JoinRefused("Hãy nhập họ và tên.")
        learner = Learner(self.new_token(), name, _clean(sbd), _clean(unit), [""] * len(self.paper.items))
        with self._lock:
            self.learners[learner.token] = learner
        return learner

    def learner(self, token: str) -> Learner | None:
        return self.learners.get(token)

    def save(self, token: str, index: int, value: str) -> str:
        """Save one answer: "ok", or why not ("closed", "submitted", "unknown", "invalid")."""
        learner = self.learners.get(token)
        if learner is None:
            return "unknown"
        if self.closed:
            return "closed"
        if learner.submitted:
            return "submitted"
        checked = self.checked(index, value) if 0 <= index < len(self.paper.items) else None
        if checked is None:
            return "invalid"
        with self._lock:
            if self._closed:  # closed by the lecturer while this request was on its way
                return "closed"
            learner.answers[index] = checked
            learner.saves += 1
        return "ok"

    def submit(self, token: str, answers: dict[int, str]) -> str:
        """Hand in once: "ok", "already", "closed" or "unknown"; the answers given with it are saved first."""
        learner = self.learners.get(token)
        if learner is None:
            return "unknown"
        if self.closed:
            return "closed"
        with self._lock:
            if self._closed:
                return "closed"
            if learner.submitted:
                return "already"
            for index, value in answers.items():
                checked = self.checked(index, value) if 0 <= index < len(learner.answers) else None
                if checked is not None:
                    learner.answers[index] = checked
            learner.submitted = True
        return "ok"

    def checked(self, index: int, value: str) -> str | None:
        """The answer as the grader reads it, or None when it is no answer to that question."""
        item = self.paper.items[index]
        value = nfc(value).strip()
        letters = LETTERS[:len(item.options)]
        if not value:
            return ""
        if item.type == "single_choice":
            return value.upper() if len(value) == 1 and value.upper() in letters else None
        if item.type == "multiple_choice":
            chosen = set(value.upper())
            return "".join(ch for ch in letters if ch in chosen) if chosen <= set(letters) else None
        if item.type == "true_false_4":
            ok = len(value) == len(item.options) and set(value) <= {"Đ", "S", UNSET}
            return value if ok else None
        return value[:TEXT_LIMIT]

    def counts(self) -> Counts:
        learners = list(self.learners.values())
        return Counts(len(learners), sum(1 for x in learners if x.submitted), sum(x.answered for x in learners))

    # --- results (after closing) ------------------------------------------------------
    def scores(self, options: GradingOptions = GradingOptions()) -> list[LearnerScore]:
        """Every learner scored with the exam domain; one who never pressed Nộp bài is scored on what was saved.

        After closing nothing changes any more, so the default scores are kept: every phone asks for its
        own score at once, and scoring the class for each of them would be quadratic.
        """
        if options == GradingOptions() and self._final is not None:
            return self._final
        closed = self.closed
        found = self._score_everyone(options)
        if closed and options == GradingOptions():
            self._final = found
        return found

    def _score_everyone(self, options: GradingOptions) -> list[LearnerScore]:
        found = []
        for learner in list(self.learners.values()):
            notes = [] if learner.submitted else [Message.of(N_("chưa bấm Nộp bài: chấm các câu đã lưu"))]
            if learner.unit:
                notes.append(Message.of(N_("đơn vị: {unit}"), unit=learner.unit))
            answers = [a if UNSET not in a else "" if not a.strip(UNSET) else a for a in learner.answers]
            response = Response(learner.name, learner.sbd, self.paper.code, answers, where=plain(learner.token),
                                flags=notes)
            found.append(score_learner(response, self.paper.manifest, options))
        return found

    def score_of(self, token: str) -> LearnerScore | None:
        return next((s for s in self.scores() if s.response.where == plain(token)), None)

    def item_stats(self) -> list[ItemStats]:
        return analyse_items(self.scores(), self.paper.manifest)

    def choice_counts(self) -> list[dict[str, int]]:
        """Per question, how many phones gave each printed answer (letters; "Khác" for texts)."""
        counts: list[dict[str, int]] = [{} for _item in self.paper.items]
        for learner in list(self.learners.values()):
            for index, answer in enumerate(learner.answers):
                item = self.paper.items[index]
                keys = list(answer) if item.type == "multiple_choice" else [answer]
                for key in keys if answer.strip(UNSET) else [_("Bỏ trống")]:
                    counts[index][key] = counts[index].get(key, 0) + 1
        return counts


def _clean(text: str) -> str:
    """One line, NFC, not too long, and never read as a formula by Excel when the score sheet is opened."""
    return " ".join(nfc(text).split()).lstrip(FORMULA_STARTS)[:NAME_LIMIT]
