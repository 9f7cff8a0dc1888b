"""A slide continued on "(tiếp)" pages comes back from PowerPoint as one slide, and only then.

Written against a one-line bug that the round-trip test let through (issue
#12, point 21): pages joined onto a slide of another title, or their bullets
lost or reordered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.importers.pptx_import import read_pptx


def deck(path: Path, pages: list[tuple[str, list[str]]]) -> Path:
    """A presentation of "Title and Content" pages: (title, bullets)."""
    from pptx import Presentation

    presentation = Presentation()
    for title, bullets in pages:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        frame = slide.placeholders[1].text_frame
        frame.text = bullets[0]
        for text in bullets[1:]:
            frame.add_paragraph().text = text
    presentation.save(str(path))
    return path


@pytest.fixture
def blobs(tmp_path):
    return BlobStore(tmp_path / "blobs")


def test_continued_pages_are_joined_in_order_onto_the_slide_they_continue(tmp_path, blobs):
    path = deck(tmp_path / "bai_giang.pptx", [
        ("Mục tiêu", ["Ý một", "Ý hai"]),
        ("Mục tiêu (tiếp)", ["Ý ba"]),
        ("Mục tiêu  (tiếp)", ["Ý bốn"]),
        ("Nội dung", ["Phần I"]),
    ])
    slides = read_pptx(path, blobs).slides
    assert [s.title for s in slides] == ["Mục tiêu", "Nội dung"]
    assert [b.text for b in slides[0].bullets] == ["Ý một", "Ý hai", "Ý ba", "Ý bốn"]


def test_a_continued_page_of_another_title_stays_a_slide_of_its_own(tmp_path, blobs):
    path = deck(tmp_path / "bai_giang.pptx", [
        ("Mục tiêu", ["Ý một"]),
        ("Nội dung (tiếp)", ["Phần II"]),
        ("Nội dung", ["Phần I"]),
        ("Kết luận", ["Tóm lại"]),
        ("(tiếp)", ["Không có tên"]),
    ])
    slides = read_pptx(path, blobs).slides
    assert [s.title for s in slides] == ["Mục tiêu", "Nội dung (tiếp)", "Nội dung", "Kết luận", "(tiếp)"]
    assert [b.text for b in slides[1].bullets] == ["Phần II"]
