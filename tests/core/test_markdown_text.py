"""Soft-wrapped Markdown from the editor is stored one line per paragraph."""

from lecturer_app.core.text.markdown_text import unwrap_markdown


def test_a_wrapped_paragraph_becomes_one_line():
    assert unwrap_markdown("Đảng ra đời là bước\nngoặt vĩ đại.\n\n") == "Đảng ra đời là bước ngoặt vĩ đại.\n"


def test_list_items_keep_their_own_lines_and_their_wrapped_tails_join():
    text = "- Ý một dài\n  tiếp theo\n- Ý hai\n  - Ý con\n1. Số một\n"
    assert unwrap_markdown(text) == "- Ý một dài tiếp theo\n- Ý hai\n  - Ý con\n1. Số một\n"


def test_headings_tables_code_and_blank_lines_are_kept():
    text = "## I. Mục\nVăn bản\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```\ngiữ\nnguyên\n```\n"
    assert unwrap_markdown(text) == text


def test_a_hard_break_is_kept():
    assert unwrap_markdown("dòng một  \ndòng hai\n") == "dòng một  \ndòng hai\n"


def test_qt_wide_list_markers_become_single_spaced():
    assert unwrap_markdown("1.  **Về kiến thức:** Nắm được.\n-   Ý\n") == "1. **Về kiến thức:** Nắm được.\n- Ý\n"


def test_padded_tables_and_needless_escapes_are_tidied():
    text = "|Bước   |Thời gian|\n|-------|---------|\n|1. Ổn định|5 phút   |\n\n### 1\\. Hoàn cảnh\n**1\\. Tài liệu**\n"
    assert unwrap_markdown(text) == (
        "| Bước | Thời gian |\n|---|---|\n| 1. Ổn định | 5 phút |\n\n### 1. Hoàn cảnh\n**1. Tài liệu**\n")


def test_an_escape_that_prevents_a_list_is_kept():
    assert unwrap_markdown("1930\\. Đảng ra đời\n") == "1930\\. Đảng ra đời\n"
