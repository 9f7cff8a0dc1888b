"""Mã đề schemes: a start and step (101, 102, …) or unique random 3-digit codes."""

from __future__ import annotations

import random
from dataclasses import dataclass

from lecturer_app.core.errors import UserFacingError
from lecturer_app.i18n import _

SCHEMES = ("sequence", "random")


@dataclass(frozen=True)
class CodeScheme:
    """How versions are numbered.

    Attributes:
        kind: "sequence" (start + i·step) or "random" (unique codes 100–999).
        start: the first code of a sequence.
        step: the difference between consecutive codes.
        prefix: text put before every code (usually empty).
    """

    kind: str = "sequence"
    start: int = 101
    step: int = 1
    prefix: str = ""


def version_codes(scheme: CodeScheme, count: int, rng: random.Random) -> list[str]:
    """*count* distinct codes; *rng* is used only by the random scheme."""
    if count < 1:
        raise UserFacingError(_("Số mã đề phải lớn hơn 0."))
    if scheme.kind == "random":
        if count > 900:
            raise UserFacingError(_("Không thể tạo quá 900 mã đề ngẫu nhiên có 3 chữ số."))
        numbers = rng.sample(range(100, 1000), count)
    elif scheme.kind == "sequence":
        if scheme.step < 1:
            raise UserFacingError(_("Khoảng cách giữa hai mã đề phải lớn hơn 0."))
        numbers = [scheme.start + index * scheme.step for index in range(count)]
    else:
        raise UserFacingError(_("Cách đánh mã đề không hợp lệ: {kind}").format(kind=scheme.kind))
    return [f"{scheme.prefix}{number:03d}" for number in numbers]
