"""A JPEG's header read without Pillow answers exactly as Pillow does, or not at all."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from lecturer_app.exporters.picture_fit import display_size, fitted
from lecturer_app.formats.jpeg_header import read_jpeg_header
from lecturer_app.formats.pictures import MAX_PIXELS, pixel_count

ROOT = Path(__file__).resolve().parents[2]
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><tiff:Orientation>6</tiff:Orientation></x:xmpmeta>'


def _jpeg(mode: str = "RGB", size: tuple[int, int] = (64, 48), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode != "CMYK" else (0, 0, 0, 0)).save(buffer, format="JPEG", **save)
    return buffer.getvalue()


def _exif(**tags: object) -> bytes:
    exif = Image.Exif()
    for name, value in tags.items():
        exif[int(name[1:], 16)] = value
    return exif.tobytes()


def _samples() -> dict[str, bytes]:
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    found = {"plain": _jpeg(), "grey": _jpeg("L"), "cmyk": _jpeg("CMYK"), "progressive": _jpeg(progressive=True),
             "icc": _jpeg(icc_profile=icc), "comment": _jpeg(comment=b"made here"),
             "xmp": _jpeg(xmp=XMP), "tall": _jpeg(size=(30, 900)),
             "dpi": _jpeg(exif=_exif(x0112=6, x011A=300.0, x011B=300.0, x0128=2)),
             "text in exif": _jpeg(exif=_exif(x0112=3, x010F="Camera maker", x0110="A long model name here"))}
    for orientation in range(1, 9):
        found[f"orientation {orientation}"] = _jpeg(size=(80, 30), exif=_exif(x0112=orientation))
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, format="MPO", save_all=True, append_images=[Image.new("RGB", (40, 30))])
    found["mpo"] = buffer.getvalue()
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, format="PNG")
    found["png"] = buffer.getvalue()
    return found


def _damaged(samples: dict[str, bytes], count: int = 1500) -> list[bytes]:
    """Headers cut short and with bytes changed: what a broken file or a hostile one brings."""
    chance = random.Random(16)
    damaged = []
    for data in samples.values():
        for cut in range(0, min(len(data), 700), 7):
            damaged.append(data[:cut])
    pool = list(samples.values())
    for _ in range(count):
        data = bytearray(chance.choice(pool))
        for _ in range(chance.randint(1, 4)):
            data[chance.randrange(min(len(data), 400))] = chance.randrange(256)
        damaged.append(bytes(data))
    return damaged


def _pillow(data: bytes) -> tuple[str, tuple[int, int], object]:
    """Pillow's format, size and orientation of *data*; raises what Pillow raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as image:
            return image.format, image.size, image.getexif().get(0x0112)


@pytest.fixture(scope="module")
def samples() -> dict[str, bytes]:
    return _samples()


def test_every_answer_the_reader_gives_is_pillows(samples):
    answered = 0
    for data in [*samples.values(), *_damaged(samples)]:
        header = read_jpeg_header(data, MAX_PIXELS)
        if header is None:
            continue
        answered += 1
        assert _pillow(data) == ("JPEG", (header.width, header.height), header.orientation)
    assert answered > 100


def test_the_usual_photo_is_answered_and_what_pillow_reads_differently_is_left_to_it(samples):
    answered = {name for name, data in samples.items() if read_jpeg_header(data, MAX_PIXELS)}
    assert {"plain", "grey", "progressive", "icc", "comment", "dpi", "text in exif"} <= answered
    assert {f"orientation {n}" for n in range(1, 9)} <= answered
    assert not {"xmp", "mpo", "png", "cmyk"} & answered   # XMP: an orientation; MPO: its own format; CMYK: Adobe APP14
    assert read_jpeg_header(samples["plain"], 64 * 48 - 1) is None   # a picture over the limit: Pillow's to judge


def test_sizes_and_placement_are_the_same_with_and_without_pillow(samples):
    for name, data in samples.items():
        stored = _pillow(data)[1]
        upright = stored[::-1] if _pillow(data)[2] in (5, 6, 7, 8) else stored
        assert display_size(data) == upright, name
        assert pixel_count(data) == stored[0] * stored[1], name
    photo = samples["orientation 1"]
    assert fitted(photo, 80.0, 30.0).data == photo   # small enough: embedded as it is
    turned = fitted(samples["orientation 6"], 30.0, 80.0)
    assert turned.data != samples["orientation 6"] and (turned.width, turned.height) == (30, 80)


def test_a_deck_of_photos_is_exported_without_loading_pillow(tmp_path):
    from lecturer_app.core.model import Bullet, ImageRef, Slide, SlideDeck, Topic
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(tmp_path / "data", import_shipped_bank=False)
    photo = _jpeg(size=(1600, 900), exif=_exif(x0112=1))
    topic = Topic(code="ANH", title="Ảnh tư liệu")
    workspace.store.save(topic)
    deck = SlideDeck(topic_id=topic.id, title=topic.title)
    workspace.store.save(deck)
    workspace.store.save(Slide(deck_id=deck.id, topic_id=topic.id, position="0000", layout="image", title="Ảnh",
                               images=[ImageRef(workspace.blobs.put_bytes(photo), "anh.jpg")], bullets=[Bullet("Ý")]))
    workspace.close()
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
              "from lecturer_app.core.workspace import open_workspace; "
              "from lecturer_app.exporters.lesson_export import export_lesson; "
              f"w = open_workspace(Path({str(tmp_path / 'data')!r}), import_shipped_bank=False); "
              f"r = export_lesson(w, 'ANH', 'pptx', Path({str(tmp_path / 'deck.pptx')!r})); "
              "print(r.warnings, sorted(m for m in sys.modules if m.split('.')[0] == 'PIL'))")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[] []"
    with zipfile.ZipFile(tmp_path / "deck.pptx") as deck_file:
        assert photo in [deck_file.read(name) for name in deck_file.namelist() if name.startswith("ppt/media/")]
