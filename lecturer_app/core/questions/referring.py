"""Options that refer to the other options ("Tất cả các đáp án trên", "Cả A và B").

Such an option means something only in its place: shuffled to the top, "Cả A
và B đều đúng" names the wrong options, so it must keep its place.  The import
pins it, the exam build keeps it in place even when the bank did not pin it
(and warns), and ``questions check`` lists it when unpinned.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lecturer_app.core.model import Question
from lecturer_app.core.text.normalize import FOLD_SEPARATOR, fold, fold_each

_ITEMS = r"(?:cac |nhung |moi )?(?:dap an|phuong an|phuong an tra loi|cau tra loi|lua chon|y kien|y|cau)"
_LETTER_LIST = r"[a-j](?:\s*(?:,|;|va|&|hoac|and|or)\s*[a-j])+"
_VERDICT = r"(?:\s+(?:deu\s+)?(?:dung|sai|dung ca|chinh xac))?"
_REFERRING = re.compile(
    r"^(?:"
    r"tat ca(?: " + _ITEMS + r")?(?: (?:tren|neu tren|o tren|deu|tren deu)\b.*)?"
    r"|ca " + _LETTER_LIST + r"\b.*"
    r"|ca (?:hai|ba|bon|\d+)(?: " + _ITEMS + r")?(?: (?:tren|neu tren|deu)\b.*)?"
    r"|(?:(?:ca|cac|nhung) )?(?:dap an |phuong an |y )?" + _LETTER_LIST + _VERDICT +
    r"|khong (?:co )?" + _ITEMS + r"(?: nao)?(?: (?:o )?tren)?" + _VERDICT +
    r"|khong phai " + _ITEMS + r".*"
    r"|(?:ca|cac|nhung|hai|ba) " + _ITEMS + r" (?:tren|neu tren)\b.*"
    r"|" + _ITEMS + r" (?:khac|con lai)\b.*"
    r"|(?:all|none|both|neither) of (?:the above|these|them)\b.*|both [a-j] and [a-j]\b.*"
    r")$")
# How every text _REFERRING matches begins, in a folded text before it is stripped and its spaces collapsed
# (any run of blanks and " \t.;:!" before the first word; blanks within it): a necessary condition only,
# searched once over a question's folded options joined, so most questions are not matched option by option.
_MAY_REFER = re.compile(
    r"(?:^|" + FOLD_SEPARATOR + r")[\s.;:!]*(?:"
    r"tat\s+ca|cac?\s|nhung\s|moi\s|dap\s+an|phuong\s+an|cau|lua\s+chon|y|khong\s|hai\s|ba\s"
    r"|all|none|both|neither|[a-j]\s*(?:,|;|va|&|hoac|and|or))")


@lru_cache(maxsize=4096)  # the exam build asks for every option of every version
def refers_to_other_options(text: str) -> bool:
    """True for "Tất cả các đáp án trên", "Cả A, B, C", "Không có đáp án nào đúng" and the like."""
    return refers_folded(fold(text))


def refers_folded(folded: str) -> bool:
    """:func:`refers_to_other_options` of a text already folded (``core.text.fold``): a bank scan folds once."""
    return bool(_REFERRING.match(" ".join(folded.strip(" \t.;:!").split())))


def pin_referring_options(question: Question) -> list[int]:
    """Pin, in place, the options of a choice question that refer to the others; their indexes."""
    if question.type not in ("single_choice", "multiple_choice"):
        return []
    pinned: list[int] = []
    # Folded together: an import pins every question it reads, and its options are new texts (no cache hit).
    folds = fold_each([option.text for option in question.options])
    if not _MAY_REFER.search(FOLD_SEPARATOR.join(folds)):
        return pinned
    for index, (option, folded) in enumerate(zip(question.options, folds, strict=True)):
        if not option.pinned and refers_folded(folded):
            option.pinned = True
            pinned.append(index)
    return pinned
