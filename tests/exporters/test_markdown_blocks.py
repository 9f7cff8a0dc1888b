"""The Markdown subset of plan sections, parsed once for DOCX and PDF."""

from __future__ import annotations

from lecturer_app.exporters import markdown_blocks as md


def test_headings_paragraphs_and_lists_keep_their_written_markers():
    blocks = md.parse_markdown("## I. Đảng ra đời\nNgày 3/2/1930,\nHội nghị thành lập Đảng.\n\n"
                               "1. **Về kiến thức:** nắm được\n- Ý một\n  + Ý phụ\na) Mục nhỏ\n")
    assert blocks[0] == md.Heading(2, (md.Span("I. Đảng ra đời"),))
    assert blocks[1] == md.Para((md.Span("Ngày 3/2/1930, Hội nghị thành lập Đảng."),))
    assert [(b.marker, b.level, md.plain_text(b.spans)) for b in blocks[2:]] == [
        ("1.", 0, "Về kiến thức: nắm được"), ("-", 0, "Ý một"), ("+", 1, "Ý phụ"), ("a)", 0, "Mục nhỏ")]
    assert blocks[2].spans[0] == md.Span("Về kiến thức:", bold=True)


def test_bold_italic_and_escapes():
    spans = md.parse_inline(r"Đảng **Cộng sản** *Việt Nam* và \*không nghiêng\* ***cả hai***")
    assert [(s.text, s.bold, s.italic) for s in spans] == [
        ("Đảng ", False, False), ("Cộng sản", True, False), (" ", False, False), ("Việt Nam", False, True),
        (" và *không nghiêng* ", False, False), ("cả hai", True, True)]


def test_snake_case_words_are_not_italic():
    assert md.parse_inline("ten_bai_moi") == (md.Span("ten_bai_moi"),)


def test_pipe_tables_pictures_and_rules():
    sha = "c" * 64
    blocks = md.parse_markdown(f"| Bước | Thời gian |\n|---|:---:|\n| 1. Ổn định lớp | 5 phút |\n| Thiếu |\n\n"
                               f"![Ảnh Hội nghị](blob:{sha})\n\n---\n")
    table, image, rule = blocks
    assert [[md.plain_text(c) for c in row] for row in table.rows] == [
        ["Bước", "Thời gian"], ["1. Ổn định lớp", "5 phút"], ["Thiếu", ""]]
    assert image == md.Image(sha, "Ảnh Hội nghị")
    assert rule == md.Rule()


def test_text_comes_out_nfc():
    decomposed = "Vie\u0323\u0302t Nam"
    block, = md.parse_markdown(decomposed)
    assert md.plain_text(block.spans) == "Việt Nam"
