"""Ma trận đề: checking a blueprint against the bank, and the quick blueprint.

A blueprint's cells say how many questions of a topic, level and type to draw
and how many points they carry; the points must add up to the paper's total
(10,0 by default).  ``check_blueprint`` reports, cell by cell, how many bank
questions fit, so an editor can say which cells cannot be filled.  Draft
(not yet reviewed) questions are counted apart: they fill a cell only when
the pool was loaded with ``include_drafts``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.labels import type_label
from lecturer_app.core.model import Blueprint, BlueprintCell
from lecturer_app.exam.pool import PAPER_TYPES, QuestionPool
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.i18n import _, ngettext, ui_number

POINT_TOLERANCE = 0.005
# Names the app gives a blueprint: stored in the bank and written in its file, so Vietnamese whatever the UI
# language (i18n.Translator says why).
NEW_BLUEPRINT_NAME = "Ma trận mới"
TEMPLATE_BLUEPRINT_NAME = "Mẫu ma trận"
QUICK_BLUEPRINT_NAME = "Đề nhanh"


@dataclass(frozen=True)
class CellStatus:
    """A cell with the number of bank questions a draw may use for it, and of drafts that fit it."""

    cell: BlueprintCell
    available: int
    drafts: int = 0

    @property
    def fillable(self) -> bool:
        return self.available >= self.cell.count


@dataclass(frozen=True)
class BlueprintCheck:
    """Each cell's status against the pool, and the problems that stop a draw."""

    cells: list[CellStatus]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def total_points(blueprint: Blueprint) -> float:
    return sum(cell.points for cell in blueprint.cells if cell.count > 0)


def check_blueprint(blueprint: Blueprint, pool: QuestionPool) -> BlueprintCheck:
    """Every problem that stops the blueprint from being drawn, in words."""
    statuses = [CellStatus(cell, len(pool.matching(cell)), len(pool.drafts_matching(cell)))
                for cell in blueprint.cells]
    problems: list[str] = []
    total = total_points(blueprint)
    if abs(total - blueprint.total_points) > POINT_TOLERANCE:
        problems.append(_("Tổng điểm của ma trận là {got}, phải bằng {want}.").format(
            got=ui_number(decimal_comma(total)), want=ui_number(decimal_comma(blueprint.total_points))))
    if not any(cell.count > 0 for cell in blueprint.cells):
        problems.append(_("Ma trận chưa có câu hỏi nào."))
    for status in statuses:
        problems.extend(_cell_problems(status, pool))
    return BlueprintCheck(statuses, problems)


def _cell_problems(status: CellStatus, pool: QuestionPool) -> list[str]:
    cell = status.cell
    name = cell_label(cell)
    found: list[str] = []
    if cell.type not in PAPER_TYPES:
        found.append(_("Ô {cell}: dạng câu hỏi '{type}' không dùng được trong đề viết.").format(
            cell=name, type=cell.type))
    if cell.topic_code not in pool.topic_titles:
        found.append(_("Ô {cell}: không có chuyên đề mã {code}.").format(cell=name, code=cell.topic_code))
    elif not status.fillable and status.drafts and not pool.include_drafts:
        found.append(_("Ô {cell}: cần {need} câu nhưng ngân hàng chỉ có {have} câu đã duyệt (và {drafts} câu "
                       "nháp chưa duyệt: hãy duyệt chúng, hoặc chọn dùng cả câu nháp).").format(
            cell=name, need=cell.count, have=status.available, drafts=status.drafts))
    elif not status.fillable:
        found.append(_("Ô {cell}: cần {need} câu nhưng ngân hàng chỉ có {have}.").format(
            cell=name, need=cell.count, have=status.available))
    if cell.count < 0 or cell.points < 0 or (cell.count == 0 and cell.points > 0):
        found.append(_("Ô {cell}: số câu và điểm không hợp lệ.").format(cell=name))
    return found


def cell_label(cell: BlueprintCell) -> str:
    """"CĐ03 · Nhận biết · Nhiều lựa chọn" — how a cell is named in messages."""
    parts = [cell.topic_code, cell.level or _("mọi mức độ"), type_label(cell.type)]
    return " · ".join(parts)


def quick_blueprint(pool: QuestionPool, topic_codes: list[str], mc: int, essay: int = 0, *,
                    total: float = 10.0, mc_share: float | None = None) -> Blueprint:
    """A blueprint drawing *mc* single-choice and *essay* essay questions evenly across topics.

    A topic with too few questions passes its remainder to the others, so a
    quick build succeeds whenever the topics together have enough.
    """
    share = mc_share if mc_share is not None else (total if essay == 0 else round(total * 0.6, 2))
    cells: list[BlueprintCell] = []
    for qtype, count, points in (("single_choice", mc, share), ("essay", essay, total - share)):
        if count <= 0:
            continue
        spread = _spread(pool, topic_codes, qtype, count)
        for code, n in spread.items():
            cells.append(BlueprintCell(topic_code=code, level="", type=qtype, count=n,
                                       points=round(points * n / count, 6)))
    return Blueprint(name=QUICK_BLUEPRINT_NAME, total_points=total, cells=cells)


def _spread(pool: QuestionPool, topic_codes: list[str], qtype: str, count: int) -> dict[str, int]:
    have = {code: len(pool.matching(BlueprintCell(topic_code=code, type=qtype))) for code in topic_codes}
    given = {code: 0 for code in topic_codes}
    left = count
    while left > 0:
        open_codes = [code for code in topic_codes if given[code] < have[code]]
        if not open_codes:
            break
        for code in open_codes[:left]:
            given[code] += 1
            left -= 1
    if left > 0:
        message = _("Các chuyên đề {codes} chỉ có {have} câu dạng '{type}', cần {need}.").format(
            codes=", ".join(topic_codes), have=sum(have.values()), type=type_label(qtype), need=count)
        raise UserFacingError(message + _drafts_hint(pool, topic_codes, qtype))
    return {code: n for code, n in given.items() if n > 0}


def _drafts_hint(pool: QuestionPool, topic_codes: list[str], qtype: str) -> str:
    """" Ngoài ra có N câu nháp chưa duyệt…" when drafts would help and are not used."""
    drafts = sum(len(pool.drafts_matching(BlueprintCell(topic_code=code, type=qtype))) for code in topic_codes)
    if not drafts or pool.include_drafts:
        return ""
    return " " + ngettext("Ngoài ra có {n} câu nháp chưa duyệt: hãy duyệt chúng, hoặc chọn dùng cả câu nháp.",
                          drafts).format(n=drafts)
