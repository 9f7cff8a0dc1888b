"""NĐ 30's state header: the rule under "Độc lập - Tự do - Hạnh phúc" is as long as the motto."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Organization
from lecturer_app.core.org_header import STATE_MOTTO, header_spec
from lecturer_app.exporters.header_layout import header_layout, line_width

ORG = Organization(name="Trung tâm chính trị", header_style="state",
                   header_lines=["Huyện ủy Tam Đường", "Trung tâm chính trị"])
TEXT_WIDTH = 165 * 72 / 25.4


def _motto():
    spec = header_spec(ORG)
    return spec, next(line for line in spec.right if line.text == STATE_MOTTO)


def test_the_motto_rule_is_the_motto_long_and_the_issuing_body_rule_under_half_its_name():
    spec, motto = _motto()
    assert motto.rule_below and motto.rule_share == 1.0
    body = spec.left[-1]
    assert body.rule_below and 1 / 3 <= body.rule_share <= 1 / 2


def test_the_pdf_draws_the_motto_rule_as_wide_as_the_motto():
    from reportlab.platypus.flowables import HRFlowable

    from lecturer_app.exporters.pdf_header import header_flowable

    spec, motto = _motto()
    table = header_flowable(spec, TEXT_WIDTH)
    right = table._cellvalues[0][1]
    rule = right[[i for i, f in enumerate(right) if getattr(f, "text", "") == STATE_MOTTO][0] + 1]
    assert isinstance(rule, HRFlowable)
    assert rule.width == pytest.approx(line_width(motto, header_layout(spec, TEXT_WIDTH).scale))


def test_the_docx_rule_paragraph_leaves_only_the_margins_beside_the_motto(tmp_path):
    from docx import Document

    from lecturer_app.exporters.docx_header import add_header

    spec, motto = _motto()
    document = Document()
    add_header(document, spec, 165)
    layout = header_layout(spec, TEXT_WIDTH)
    cell = document.tables[0].rows[0].cells[1]
    rule = cell.paragraphs[[p.text for p in cell.paragraphs].index(STATE_MOTTO) + 1]
    fmt = rule.paragraph_format
    drawn = layout.right_width - fmt.left_indent.pt - fmt.right_indent.pt
    assert drawn == pytest.approx(line_width(motto, layout.scale), abs=0.5)
