"""Search results and history diffs show words, not Markdown or the English word "plan" (issue #15 item 11)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lecturer_app.core.plans.diff import DiffRow, SectionDiff
from lecturer_app.core.store.search import SearchHit
from lecturer_app.ui.bank.search_results_model import HTML_ROLE, SearchResultsModel
from lecturer_app.ui.topic.history_html import diff_html


def test_a_plan_hit_is_named_giao_an_viet_and_its_snippet_has_no_markdown(qtmodeltester):
    hit = SearchHit("plan", "r1", "t1", "DP-10", "I. MỤC TIÊU", "1. **Về kiến thức:** Học viên hiểu [chuyển] [đổi] [số]",
                    False)
    model = SearchResultsModel()
    model.set_hits("chuyen doi so", [hit])
    text = model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole)
    rich = model.data(model.index(0, 0), HTML_ROLE)
    assert text.startswith("DP-10 · Giáo án viết: I. MỤC TIÊU")
    for shown in (text, rich):
        assert "**" not in shown and "plan" not in shown
    assert "<b>chuyển</b>" in rich
    qtmodeltester.check(model)


def test_the_history_diff_shows_bold_not_stars():
    diff = SectionDiff("s1", "I. MỤC TIÊU", "changed",
                       rows=[DiffRow("replace", "**Về kiến thức:** cũ", "**Về kiến thức:** mới")])
    shown = diff_html([diff])
    assert "**" not in shown and "<b>Về kiến thức:</b> mới" in shown
