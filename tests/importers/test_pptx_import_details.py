"""PPTX import keeps what the slide showed of a picture, and counts the drawings it cannot keep."""

from __future__ import annotations

import io

import pytest

from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.importers.pptx_import import read_pptx


@pytest.fixture
def blobs(tmp_path):
    return BlobStore(tmp_path / "blobs")


def _halves_png() -> bytes:
    """200 × 100: the left half red, the right half blue."""
    from PIL import Image

    image = Image.new("RGB", (200, 100), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 100, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_cropped_picture_is_imported_as_the_part_the_slide_showed(tmp_path, blobs):
    from PIL import Image
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Ảnh cắt"
    picture = slide.shapes.add_picture(io.BytesIO(_halves_png()), 0, 0)
    picture.crop_right = 0.5   # only the red half shows
    prs.save(str(tmp_path / "cat.pptx"))
    image, = read_pptx(tmp_path / "cat.pptx", blobs).slides[0].images
    with Image.open(io.BytesIO(blobs.read_bytes(image.sha256))) as stored:
        assert stored.size == (100, 100)
        assert stored.convert("RGB").getpixel((90, 50)) == (255, 0, 0)


def test_an_uncropped_picture_is_stored_byte_for_byte(tmp_path, blobs):
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.add_picture(io.BytesIO(_halves_png()), 0, 0)
    prs.save(str(tmp_path / "nguyen.pptx"))
    image, = read_pptx(tmp_path / "nguyen.pptx", blobs).slides[0].images
    assert blobs.read_bytes(image.sha256) == _halves_png()


def test_shapes_lines_and_groups_without_text_are_counted_in_the_report(tmp_path, blobs):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])   # its empty body placeholder is not counted
    slide.shapes.title.text = "Sơ đồ"
    slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, 100_000, 100_000)
    slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 500_000, 500_000)
    group = slide.shapes.add_group_shape()
    group.shapes.add_shape(MSO_SHAPE.OVAL, 0, 0, 100_000, 100_000)
    labelled = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, 100_000, 100_000)
    labelled.text_frame.text = "Có chữ"
    prs.save(str(tmp_path / "so-do.pptx"))
    deck = read_pptx(tmp_path / "so-do.pptx", blobs)
    assert deck.reports[0].skipped == ["3 hình vẽ, đường kẻ hoặc nhóm không có chữ"]
    assert deck.skipped == 1
    assert [b.text for b in deck.slides[0].bullets] == ["Có chữ"]
