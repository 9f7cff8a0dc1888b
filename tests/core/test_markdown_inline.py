"""Markdown marks never reach the lecturer's eyes outside the editor (issue #15 item 11)."""

from __future__ import annotations

from lecturer_app.core.text.markdown_inline import inline_html, plain_inline


def test_plain_inline_drops_headings_bold_italic_and_escapes():
    assert plain_inline("## I. MỤC TIÊU") == "I. MỤC TIÊU"
    assert plain_inline("1. **Về kiến thức:** học viên *nắm được* 3\\. ý") == "1. Về kiến thức: học viên nắm được 3. ý"


def test_a_snippet_cut_inside_a_bold_pair_loses_the_half_mark():
    assert plain_inline("…kiến thức:** Học viên nắm") == "…kiến thức: Học viên nắm"


def test_a_list_star_and_a_multiplication_star_are_text():
    assert plain_inline("* mục một") == "* mục một"
    assert plain_inline("2 * 3 = 6") == "2 * 3 = 6"


def test_inline_html_renders_bold_and_escapes_the_rest():
    assert inline_html("**Về kiến thức:** <b>x</b> & y") == "<b>Về kiến thức:</b> &lt;b&gt;x&lt;/b&gt; &amp; y"
    assert inline_html("### Ghi chú *nhỏ*") == "Ghi chú <i>nhỏ</i>"
