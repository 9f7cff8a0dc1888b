"""Each slide's speaker notes are its own (every part equal to python-pptx's: test_pptx_package.py)."""

from __future__ import annotations

from lecturer_app.core.model import Bullet, Slide
from lecturer_app.exporters.pptx_writer import write_pptx
from lecturer_app.formats.slide_layout import layout_deck, load_theme


def _deck(path):
    theme = load_theme("trang_trong")
    slides = [Slide(layout="title", title="Lịch sử Đảng", subtitle="Bài 1", notes="Chào lớp & giới thiệu <bài>")]
    slides += [Slide(title=f"Nội dung {n}", bullets=[Bullet(f"Ý {n}")], notes=f"Ghi chú {n}\nDòng hai" if n % 3 else "")
               for n in range(1, 9)]
    write_pptx(layout_deck(slides, theme), path, theme=theme, images=lambda sha: None, title="Lịch sử Đảng")
    return path


def test_python_pptx_reads_each_slide_s_own_notes(tmp_path):
    from pptx import Presentation

    deck = Presentation(str(_deck(tmp_path / "bai.pptx")))
    notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in deck.slides]
    assert notes[0] == "Chào lớp & giới thiệu <bài>"
    assert notes[1] == "Ghi chú 1\nDòng hai" and notes[3] == "" and notes[8] == "Ghi chú 8\nDòng hai"
