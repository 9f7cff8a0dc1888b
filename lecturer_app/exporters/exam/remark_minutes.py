"""The biên bản phúc khảo: every appeal handled (mark changed or kept), the totals, each learner's total before
and after, signatures.

A4 landscape, drawn with ``exporters.pdf_writer`` (the app's embedded
Liberation fonts, text extractable, ``/Lang (vi-VN)``, fixed dates) as the
other exam PDFs.  Dated by the last change recorded (the day of the
re-marking), so writing the minutes again gives the same file.  Its tables
split between rows onto further pages with their header row repeated; a row
never splits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from lecturer_app.core.model import Organization
from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exam.grading import GradingOptions, Response, part_label, score_learner, total_formula
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.remarks import Remark, appeal_counts, before_appeal, shown_time
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.exporters.exam.page_flow import Block, Table
from lecturer_app.exporters.exam.page_parts import MM, PageStyles, page_styles, styled
from lecturer_app.exporters.pdf_writer.canvas import PageCanvas
from lecturer_app.i18n import DOCUMENT

MARGINS = (15 * MM, 15 * MM, 18 * MM, 15 * MM)  # top, left, bottom, right
CHANGE_HEADER = ("STT", "SBD", "Họ và tên", "Thành phần", "Điểm cũ", "Điểm mới", "Kết quả", "Lý do, kết luận",
                 "Người chấm, thời điểm")
CHANGE_WIDTHS = (10, 16, 38, 24, 20, 20, 26, 60, 44)  # millimetres: 258 of the 267 between the margins
CHANGE_CENTRED = (0, 1, 3, 4, 5, 6)  # columns of short values, centred under their heading
TOTAL_HEADER = ("STT", "SBD", "Họ và tên", "Tổng điểm trước phúc khảo", "Tổng điểm sau phúc khảo", "Xếp loại")
TOTAL_WIDTHS = (10, 16, 62, 55, 55, 60)
TOTAL_CENTRED = (0, 1, 3, 4, 5)
SIGNERS = ("NGƯỜI CHẤM PHÚC KHẢO", "THƯ KÝ HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG")


def write_remark_minutes(remarks: Sequence[Remark], responses: Sequence[Response], manifest: ExamManifest,
                         path: Path, *, options: GradingOptions = GradingOptions(),
                         organization: Organization | None = None) -> Path:
    """The minutes of *remarks* (oldest first) for the learners of *responses* graded by *options*."""
    from lecturer_app.exporters.exam.page_flow import Margins, flow
    from lecturer_app.exporters.pdf_writer.document import A4, PdfDocument

    doc = PdfDocument(title="Biên bản phúc khảo", size=(A4[1], A4[0]))
    styles = page_styles(11)
    width = doc.size[0] - MARGINS[1] - MARGINS[3]
    flow(doc, minutes_blocks(remarks, responses, manifest, options, organization, styles, width),
         Margins(*MARGINS), _page_numbers(styles))
    return write_bytes(path, doc.to_bytes())


def minutes_blocks(remarks: Sequence[Remark], responses: Sequence[Response], manifest: ExamManifest,
                   options: GradingOptions, organization: Organization | None, styles: PageStyles,
                   width: float) -> list:
    from lecturer_app.exporters.exam.page_flow import Gap
    from lecturer_app.exporters.exam.page_parts import org_header

    bold, regular, italic = styles.family.bold, styles.family.regular, styles.family.italic
    blocks: list = [org_header(organization, width, on=_day(remarks)), Gap(4 * MM),
                    styled(styles.title, ("BIÊN BẢN PHÚC KHẢO BÀI THI", bold))]
    if manifest.title:
        blocks.append(styled(styles.centre, (manifest.title, bold)))
    blocks += [Gap(3 * MM),
               styled(styles.body, ("Kết quả chấm phúc khảo từng phần bài thi của học viên có đơn đề nghị phúc "
                                    "khảo (theo thứ tự ghi nhận):", regular)),
               _table(_cells(CHANGE_HEADER, styles, bold, range(len(CHANGE_HEADER))),
                      [_cells(_change_cells(number, change), styles, regular, CHANGE_CENTRED)
                       for number, change in enumerate(remarks, start=1)], CHANGE_WIDTHS),
               Gap(1.5 * MM), styled(styles.body, (_counts_text(remarks), regular))]
    blocks += [Gap(4 * MM), styled(styles.body, ("Tổng điểm của học viên trước và sau phúc khảo:", regular)),
               _table(_cells(TOTAL_HEADER, styles, bold, range(len(TOTAL_HEADER))),
                      [_cells(cells, styles, regular, TOTAL_CENTRED)
                       for cells in _total_rows(remarks, responses, manifest, options)], TOTAL_WIDTHS)]
    # The minutes are a Vietnamese document whatever the UI language (i18n.Translator).
    rule = "Cách tính: " + total_formula(manifest, options, DOCUMENT)
    blocks += [Gap(1.5 * MM), styled(styles.small, (rule, italic)),
               Gap(6 * MM),
               _signatures(styles, width)]
    return blocks


def _day(remarks: Sequence[Remark]) -> date | None:
    """The day of the last change (the re-marking's day), None when its time cannot be read."""
    try:
        return datetime.fromisoformat(remarks[-1].at).date() if remarks else None
    except ValueError:
        return None


def _change_cells(number: int, change: Remark) -> tuple[str, ...]:
    return (str(number), change.sbd, change.name, part_label(change.component, DOCUMENT), change.before or "trống",
            change.after or "trống", change.outcome, change.reason,
            f"{change.author}, {shown_time(change.at)}".strip(", "))


def _counts_text(remarks: Sequence[Remark]) -> str:
    """"Số đơn phúc khảo: 2; số phần được phúc khảo: 3, trong đó thay đổi điểm: 2, giữ nguyên điểm: 1."."""
    counts = appeal_counts(list(remarks))
    return (f"Số đơn phúc khảo: {counts.learners}; số phần bài thi được phúc khảo: {counts.parts}, trong đó thay "
            f"đổi điểm: {counts.changed}, giữ nguyên điểm: {counts.kept}.")


def _total_rows(remarks: Sequence[Remark], responses: Sequence[Response], manifest: ExamManifest,
                options: GradingOptions) -> list[tuple[str, ...]]:
    """One row per learner who appealed, in the order of their first appeal (a mark kept: the same total)."""
    rows: list[tuple[str, ...]] = []
    for response in _appealed_learners(remarks, responses):
        before = score_learner(before_appeal(response, list(remarks)) or response, manifest, options).total
        after = score_learner(response, manifest, options)
        rows.append((str(len(rows) + 1), response.sbd, response.name, decimal_comma(before),
                     decimal_comma(after.total), after.grade))
    return rows


def _appealed_learners(remarks: Sequence[Remark], responses: Sequence[Response]) -> list[Response]:
    learners: list[Response] = []
    for change in remarks:
        found = next((r for r in responses if change.same_learner(r)), None)
        if found is not None and all(found is not other for other in learners):
            learners.append(found)
    return learners


def _cells(texts: Sequence[str], styles: PageStyles, font: str, centred: Sequence[int]) -> list:
    """One table row's cells; the *centred* columns' text centred."""
    from lecturer_app.exporters.exam.page_flow import CENTRE, LEFT, Cell

    return [Cell([styled(styles.body, (text, font), align=CENTRE if column in centred else LEFT)], left=3, right=3)
            for column, text in enumerate(texts)]


def _table(header: list, rows: list[list], widths: Sequence[float]) -> HeadedRows:
    return HeadedRows(header, rows, [w * MM for w in widths])


class HeadedRows(Block):
    """Rows under a header row, split between rows onto further pages with the header repeated on each.

    A row never splits; a page with room for the header and no row sends the whole table on.
    """

    def __init__(self, header: list, rows: list[list], widths: list[float]) -> None:
        self.header, self.rows, self.widths = header, rows, widths
        self.heights = [Table([row], widths).height for row in [header, *rows]]
        self.width, self.height = sum(widths), sum(self.heights)

    def split(self, avail_width: float, avail_height: float) -> list[Block]:
        used, fit = self.heights[0], 0
        while fit < len(self.rows) and used + self.heights[fit + 1] <= avail_height:
            used += self.heights[fit + 1]
            fit += 1
        if not fit:
            return []
        return [Table([self.header, *self.rows[:fit]], self.widths, grid=0.5),
                HeadedRows(self.header, self.rows[fit:], self.widths)]

    def draw(self, canvas: PageCanvas) -> None:
        Table([self.header, *self.rows], self.widths, grid=0.5).draw(canvas)


def _signatures(styles: PageStyles, width: float):
    """Three signers side by side, each «(Ký, ghi rõ họ tên)» and room to sign."""
    from lecturer_app.exporters.exam.page_flow import Cell, Gap, Table

    bold, italic = styles.family.bold, styles.family.italic
    cells = [Cell([styled(styles.centre, (title, bold)), styled(styles.centre, ("(Ký, ghi rõ họ tên)", italic)),
                   Gap(24 * MM)]) for title in SIGNERS]
    return Table([cells], [width / len(SIGNERS)] * len(SIGNERS), align="CENTER")


def _page_numbers(styles: PageStyles):
    italic = styles.family.italic

    def draw(canvas, page: int, pages: int) -> None:
        canvas.setFont(italic, 10)
        canvas.drawCentredString(canvas.width / 2, 9 * MM, f"Biên bản phúc khảo – Trang {page}/{pages}")

    return draw
