"""Answer keys: a PDF per mã đề (bảng đáp án + đáp án và hướng dẫn chấm) and one XLSX for all.

The XLSX follows ezMix: one row per mã đề, columns 1..N (exam-formats.md §1).
The essay guide is the table Câu | Ý | Điểm with decimal commas (domain.md §3.3).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.exporters.exam.page_parts import MM

if TYPE_CHECKING:
    from lecturer_app.exporters.exam.pdf_parts import Styles  # the platypus fallback's styles, loaded there

KEY_COLUMNS = 10


KEY_MARGINS = (15 * MM, 20 * MM, 15 * MM, 15 * MM)  # top, left, bottom, right
FRAME_PADDING = 6.0         # points: a platypus Frame's default padding on each side
CELL_PADDING = (12.0, 6.0)  # points: a platypus Table cell's default padding, left + right and top + bottom


def write_key_pdf(version: PaperVersion, settings: PaperSettings, path: Path) -> Path:
    """The key of one version: its letters in rows of ten, then the essay marking guide.

    Drawn with ``exporters.pdf_writer``; a marking guide that platypus would split across pages
    (``page_flow.TooTall``) is written by the reportlab version instead.
    """
    from lecturer_app.exporters.exam.page_flow import Margins, TooTall, flow
    from lecturer_app.exporters.pdf_writer.document import PdfDocument

    doc = PdfDocument(title=f"Đáp án – Mã đề {version.code}")
    try:
        flow(doc, key_blocks(version, settings, doc.size[0] - KEY_MARGINS[1] - KEY_MARGINS[3]),
             Margins(*KEY_MARGINS))
    except TooTall:
        return _write_key_pdf_platypus(version, settings, path)
    return write_bytes(path, doc.to_bytes())


def key_blocks(version: PaperVersion, settings: PaperSettings, width: float) -> list:
    """The key's blocks for ``page_flow.flow``, as the platypus story of ``_write_key_pdf_platypus``."""
    from lecturer_app.exporters.exam.page_flow import Gap
    from lecturer_app.exporters.exam.page_parts import KeyTable, guide_table, org_header, page_styles, styled
    from lecturer_app.exporters.exam.text_layout import key_rows

    styles = page_styles(12)
    bold, regular = styles.family.bold, styles.family.regular
    blocks: list = [org_header(settings.organization, width), styled(styles.title, ("ĐÁP ÁN VÀ HƯỚNG DẪN CHẤM", bold)),
                    styled(styles.centre, (f"{settings.title} – Mã đề {version.code}", bold))]
    if settings.class_line:
        blocks.append(styled(styles.centre, (settings.class_line, regular)))
    blocks.append(Gap(4 * MM))
    if version.objective:
        blocks.append(styled(styles.body, ("Phần I. Trắc nghiệm", bold),
                             (f"({decimal_comma(_points(version.objective))} điểm)", regular)))
        blocks.append(KeyTable(key_rows(version.key, KEY_COLUMNS), width, 22 * MM, regular, bold))
        blocks.append(Gap(4 * MM))
    if version.essays:
        blocks.append(styled(styles.body, ("Phần II. Tự luận", bold),
                             (f"({decimal_comma(_points(version.essays))} điểm)", regular)))
        blocks.append(guide_table(essay_guide_rows(version.essays), width, styles, MM))
    return blocks


def _write_key_pdf_platypus(version: PaperVersion, settings: PaperSettings, path: Path) -> Path:
    """The reportlab version of ``write_key_pdf`` (platypus splits a long marking guide across pages)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from lecturer_app.exporters.exam.pdf_parts import make_styles, org_header, seeded_canvas
    from lecturer_app.exporters.exam.text_block import styled
    from lecturer_app.exporters.pdf_fonts import pdf_options

    styles = make_styles(12)
    bold, regular = styles.family.bold, styles.family.regular
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=15 * MM, bottomMargin=15 * MM,
                            leftMargin=20 * MM, rightMargin=15 * MM,
                            title=f"Đáp án – Mã đề {version.code}", **pdf_options())
    story: list = [org_header(settings.organization, doc.width, styles),
                   styled(styles.title, ("ĐÁP ÁN VÀ HƯỚNG DẪN CHẤM", bold)),
                   styled(styles.centre_bold, (f"{settings.title} – Mã đề {version.code}", bold))]
    if settings.class_line:
        story.append(styled(styles.centre, (settings.class_line, regular)))
    story.append(Spacer(1, 4 * MM))
    if version.objective:
        story.append(styled(styles.body, ("Phần I. Trắc nghiệm", bold),
                            (f"({decimal_comma(_points(version.objective))} điểm)", regular)))
        story.append(key_table(version.key, doc.width, styles))
        story.append(Spacer(1, 4 * MM))
    if version.essays:
        story.append(styled(styles.body, ("Phần II. Tự luận", bold),
                            (f"({decimal_comma(_points(version.essays))} điểm)", regular)))
        story.append(essay_guide_table(version.essays, doc.width, styles, doc.height - 2 * FRAME_PADDING))
    doc.build(story, canvasmaker=seeded_canvas(_key_seeds(story, version, styles)))
    return write_bytes(path, buffer.getvalue())


def _key_seeds(story: list, version: PaperVersion, styles: Styles) -> dict[str, str]:
    """Font seeds that make every key of a build use the same font subsets (``pdf_text.font_seeds``).

    The marking guide's characters are added because its questions may come
    in a different order in each version.
    """
    from lecturer_app.exporters.exam.pdf_text import font_seeds

    guide = "".join(c + i + p for c, i, p in essay_guide_rows(version.essays))
    family = styles.family
    return font_seeds(story, {family.regular: guide, family.bold: guide + "CâuÝĐiểm"})


def _points(items: list[PrintedQuestion]) -> float:
    return sum(item.points for item in items)


def key_table(key: list[str], width: float, styles: Styles):
    """Rows "Câu | 1 … 10" / "Đáp án | A …", ten questions a band (``key_grid.KeyGrid``)."""
    from lecturer_app.exporters.exam.key_grid import KeyGrid, key_rows

    family = styles.family
    return KeyGrid(key_rows(key, KEY_COLUMNS), width, 22 * MM, family.regular, family.bold)


def essay_guide_rows(essays: list[PrintedQuestion]) -> list[tuple[str, str, str]]:
    """(Câu, Ý, Điểm) rows; a question without rubric gets one row with its guide."""
    rows: list[tuple[str, str, str]] = []
    for number, item in enumerate(essays, start=1):
        question = item.question
        label = f"Câu {number}\n({decimal_comma(item.points)} điểm)"
        items = question.rubric or []
        if not items:
            rows.append((label, question.guide or "Chấm theo đáp án của giảng viên.", decimal_comma(item.points)))
            continue
        shares = scaled_points(item.points, [r.points for r in items])
        for index, (rubric, share) in enumerate(zip(items, shares)):
            rows.append((label if index == 0 else "", rubric.text, decimal_comma(share, 2)))
    return rows


def scaled_points(total: float, parts: list[float]) -> list[float]:
    """*parts* scaled to add up to exactly *total*, in steps of 0,25 when *total* allows it (else 0,01).

    A marking guide's points must add up to the question's: scaling a rubric of
    3 points to a 4-point question by plain rounding gave 0,67 + 1 + 0,67 + 0,67 + 1
    = 4,01.  The largest-remainder rule hands out the steps instead.  Quarter
    points are kept only when every ý the rubric weighs gets at least one: three
    equal ý of a 0,5-point question would have been 0,25 + 0,25 + 0, an ý the
    examiner is told is worth nothing; they are 0,17 + 0,17 + 0,16.
    """
    weight = sum(parts)
    if weight <= 0:
        return [total / len(parts)] * len(parts) if parts else []
    if abs(round(total / 0.25) * 0.25 - total) < 1e-9:
        quarters = _largest_remainders(round(total / 0.25), parts, weight)
        if all(count > 0 for count, part in zip(quarters, parts) if part > 0):
            return [round(count * 0.25, 2) for count in quarters]
    return [round(count * 0.01, 2) for count in _largest_remainders(round(total / 0.01), parts, weight)]


def _largest_remainders(units: int, parts: list[float], weight: float) -> list[int]:
    """*units* whole steps shared in proportion to *parts* (summing to *weight*), adding up to exactly *units*."""
    raw = [units * part / weight for part in parts]
    given = [int(value + 1e-9) for value in raw]
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(raw[i] - given[i]), i))
    for index in by_remainder[:units - sum(given)]:
        given[index] += 1
    return given


def essay_guide_table(essays: list[PrintedQuestion], width: float, styles: Styles, height: float = float("inf")):
    """The "Câu | Ý | Điểm" table; rubric points are scaled to the question's points.

    A "Câu n" cell spans its ý rows.  platypus cannot split a table inside a spanned cell, so when one
    question's rows with the header over them are taller than *height* (a page's frame) no cell is
    spanned: each "Câu n" stays in its first row and its column is ruled only between questions, which
    looks the same and splits (such a guide failed the whole build before).
    """
    from reportlab.platypus import Table, TableStyle

    from lecturer_app.exporters.exam.text_block import styled

    bold, regular = styles.family.bold, styles.family.regular
    header = [styled(styles.centre, (h, bold)) for h in ("Câu", "Ý", "Điểm")]
    rows = essay_guide_rows(essays)
    body = [[styled(styles.centre, (c, regular)), styled(styles.body, (i, regular)),
             styled(styles.centre, (p, regular))]
            for c, i, p in rows]
    widths = [28 * MM, width - 48 * MM, 20 * MM]
    table = Table([header, *body], colWidths=widths, repeatRows=1)
    starts = [index for index, (label, _i, _p) in enumerate(rows) if label] + [len(rows)]
    groups = list(zip(starts, starts[1:]))
    if _fit_a_page(header, [body[start:end] for start, end in groups], widths, height):
        style = [("FONTNAME", (0, 0), (-1, -1), regular), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                 ("VALIGN", (0, 0), (-1, -1), "TOP")]
        style += [("SPAN", (0, start + 1), (0, end)) for start, end in groups if end - start > 1]
    else:
        style = [("FONTNAME", (0, 0), (-1, -1), regular), ("BOX", (0, 0), (-1, -1), 0.5, "black"),
                 ("GRID", (1, 0), (-1, -1), 0.5, "black"), ("LINEBELOW", (0, 0), (0, 0), 0.5, "black"),
                 ("VALIGN", (0, 0), (-1, -1), "TOP")]
        style += [("LINEABOVE", (0, start + 1), (0, start + 1), 0.5, "black") for start, _end in groups]
    table.setStyle(TableStyle(style))
    return table


def _fit_a_page(header: list, groups: list[list[list]], widths: list[float], height: float) -> bool:
    """Whether the header row and each question's rows (its "Câu n" cell spanning them) fit in *height*."""
    def cell(flowable, column: int) -> float:
        return flowable.wrap(widths[column] - CELL_PADDING[0], height)[1] + CELL_PADDING[1]

    def row(cells: list) -> float:
        return max(cell(flowable, column) for column, flowable in enumerate(cells))

    if height == float("inf"):
        return True
    top = row(header)
    for group in groups:
        label = cell(group[0][0], 0)
        rest = sum(max(cell(flowable, column + 1) for column, flowable in enumerate(r[1:])) for r in group)
        if top + max(label, rest) > height:
            return False
    return True


def write_key_xlsx(versions: list[PaperVersion], path: Path) -> Path:
    """One row per mã đề, columns 1..N of the objective part (ezMix layout)."""
    from lecturer_app.exporters.plain_xlsx import Sheet, column_letter, write_xlsx

    count = max((len(v.key) for v in versions), default=0)
    rows: list[list] = [["Mã đề", *range(1, count + 1)]]
    rows += [[version.code, *version.key] for version in versions]
    # Narrow question columns (a letter each), so that the page's width holds them at a readable size.
    widths = {"A": 9.0, **{column_letter(column): 4.5 for column in range(2, count + 2)}}
    return write_xlsx([Sheet("Đáp án", rows, widths=widths, freeze="B2", centred=True, fit_width=True)], path,
                      title="Đáp án", when=FIXED_STAMP)


# Same inputs, same bytes: the build's workbooks carry a fixed time stamp (reproducible builds).
FIXED_STAMP = datetime(2000, 1, 1, tzinfo=UTC)


def write_answer_template(versions: list[PaperVersion], path: Path, rows: int = 0) -> Path:
    """The answer template for this exam: ``Họ và tên | SBD | Mã đề | 1..N | TL1..TLk | Vấn đáp``.

    Learners' answers typed here (letters A–D, blank = no answer) are read by
    ``exam grade``; *rows* empty numbered rows are added for convenience.
    """
    from lecturer_app.exporters.plain_xlsx import Sheet, write_xlsx

    count = max((len(v.key) for v in versions), default=0)
    essays = max((len(v.essays) for v in versions), default=0)
    header = ["Họ và tên", "SBD", "Mã đề", *range(1, count + 1), *[f"TL{n}" for n in range(1, essays + 1)],
              "Vấn đáp"]
    sheet = Sheet("Bài làm", [header] + [[None] for _ in range(rows)], widths={"A": 28}, freeze="D2")
    return write_xlsx([sheet], path, title="Mẫu bài làm", when=FIXED_STAMP)
