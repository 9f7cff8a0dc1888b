"""The scanner's doubts as the answers file carries them, and which still stand when it is graded.

``exam scan`` and «Lưu bài làm đã đọc…» write each open doubt of a sheet as one
line of the row's «Ghi chú» cell: ``Câu N: <lý do>`` for a question, the reason
alone for the SBD, the mã đề, a missing page or the whole sheet.  A doubt
settled in the review screen is not written at all.  Grading reads the lines
back (docs/design/omr.md, «Doubts reach grading»):

- ``Câu N: …`` stands while question N's answer cell still holds ``?``; typing
  the answer there (what the guide says to do) settles it;
- any other line stands until the lecturer deletes it from «Ghi chú» (after
  checking the sheet and, if need be, correcting the SBD or mã đề): nothing in
  the row can say the check was made.

A line that stands makes a note on the learner's score, worded by its reader,
with the line itself quoted as the file says it (Vietnamese).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lecturer_app.exam.scan import UNSURE
from lecturer_app.i18n import DOCUMENT, N_, Message, plain

NOTES_HEADER = "Ghi chú"
PAGE_HEADER = "Trang"  # with «Ghi chú», the mark of a file the scanner wrote (a hand-typed «Ghi chú» is no doubt)
_QUESTION = re.compile(r"^Câu (\d{1,6}): (.*)$", re.DOTALL)
# Before session 15 a sheet's doubts were joined with "; " on one line.  Read back, a line that starts «Câu N:»
# is that question's, except what a sheet of several pages adds after it (a later page's doubt «…; Trang 2/2:
# SBD: …», pages with different mã đề): split there, or typing question N's answer would settle it.  (The other
# doubts that can follow a question's are found again by grading itself: an SBD on two rows, a mã đề not in the
# exam, a missing page's "?".)
_LATER_PAGE = re.compile(r"; (?=Trang \d+/\d+: |mã đề tô khác nhau giữa các trang )")
# The notes a standing doubt makes on a learner's score.
QUESTION_DOUBT = N_("Câu {n}: máy đọc phiếu nghi ngờ, chưa xem lại: {doubt}")
SHEET_DOUBT = N_("máy đọc phiếu nghi ngờ, chưa xem lại: {doubt}")


def doubt_line(question: int, reason: Message) -> str:
    """One doubt as its «Ghi chú» line (always Vietnamese: the file is a document)."""
    return f"Câu {question}: {reason(DOCUMENT)}" if question else reason(DOCUMENT)


def doubt_cell(lines: list[str]) -> str | None:
    """The «Ghi chú» cell of a row: one doubt a line; None (an empty cell) when there is none."""
    return "\n".join(lines) or None


@dataclass(frozen=True)
class StandingDoubt:
    """A doubt of the scanner still open in a row: question N (0 for the SBD, mã đề, a page or the sheet)."""

    question: int
    text: str  # as the file says it, without its «Câu N: »

    def note(self) -> Message:
        if self.question:
            return Message.of(QUESTION_DOUBT, n=self.question, doubt=plain(self.text))
        return Message.of(SHEET_DOUBT, doubt=plain(self.text))


def standing_doubts(cell: str, answer: dict[int, str]) -> list[StandingDoubt]:
    """The doubts of a «Ghi chú» *cell* that still stand, given each question's *answer* cell as read.

    A question whose answer cell is missing from the row keeps its doubt (nothing says it was settled).
    """
    standing = []
    for doubt in (part.strip() for line in cell.splitlines() for part in _LATER_PAGE.split(line)):
        if not doubt:
            continue
        match = _QUESTION.match(doubt)
        if match is None:
            standing.append(StandingDoubt(0, doubt))
        elif answer.get(int(match.group(1)), UNSURE).strip() == UNSURE:
            standing.append(StandingDoubt(int(match.group(1)), match.group(2)))
    return standing


def is_scan_doubt(note: Message) -> bool:
    """Whether *note* on a learner's score is a doubt of the scanner not yet settled."""
    return note.message in (QUESTION_DOUBT, SHEET_DOUBT)


def doubt_lines(notes: list[Message]) -> list[str]:
    """The «Ghi chú» lines of the scanner's doubts among *notes*, as the scanner wrote them: an answers file
    written again (marks entered, a change on appeal) keeps the doubts that still stand."""
    lines = []
    for note in filter(is_scan_doubt, notes):
        params = dict(note.params)
        text = params["doubt"](DOCUMENT) if isinstance(params["doubt"], Message) else str(params["doubt"])
        lines.append(f"Câu {params['n']}: {text}" if note.message == QUESTION_DOUBT else text)
    return lines
