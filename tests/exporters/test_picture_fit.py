"""Pictures are resampled for their printed size: small files, bounded memory, upright photos."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lecturer_app.exporters.picture_fit import (
    MAX_DPI,
    display_size,
    fitted,
    placed_size,
)

PHOTOS = 10


def _photo(width: int = 4000, height: int = 3000, mark: int = 0, orientation: int | None = None) -> bytes:
    """A 12-megapixel JPEG that compresses like a phone photo (~3.4 MB): gradient and soft noise."""
    from PIL import Image, ImageDraw

    base = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width // 4, height // 4), 30).resize((width, height))
    image = Image.merge("RGB", (base, noise, base.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    ImageDraw.Draw(image).rectangle((mark * 60, 0, mark * 60 + 50, 50), fill=(mark * 20, 0, 0))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def _drawing() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (3000, 2000), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 2900, 1900), outline="black", width=12)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_photo_is_resampled_to_220_dpi_at_its_placed_size_as_jpeg():
    picture = fitted(_photo(), 467.7, 350.8)
    assert picture.format == "jpeg"
    assert picture.width <= 467.7 / 72 * MAX_DPI + 1 and picture.width >= 467.7 / 72 * MAX_DPI * 0.95
    assert len(picture.data) < 600_000


def test_a_drawing_stays_lossless_and_a_small_picture_is_embedded_unchanged():
    assert fitted(_drawing(), 400, 266).format == "png"
    small = fitted(_drawing(), 400, 266).data
    assert fitted(small, 400, 266).data == small


def test_a_photo_a_little_larger_than_needed_is_embedded_as_it_is_and_a_larger_one_is_resampled():
    from lecturer_app.exporters.picture_fit import UNCHANGED_UP_TO

    target = 460 / 72 * MAX_DPI                      # pixels across a 460-pt slide picture
    near = _photo(round(target * 1.14), round(target * 1.14 * 9 / 16))
    assert fitted(near, 460, 460 * 9 / 16).data == near
    far = _photo(round(target * (UNCHANGED_UP_TO + 0.1)), round(target * (UNCHANGED_UP_TO + 0.1) * 9 / 16))
    assert fitted(far, 460, 460 * 9 / 16).width <= target + 1


def test_a_portrait_photo_from_a_phone_is_placed_upright():
    data = _photo(1200, 900, orientation=6)   # stored landscape, shown rotated 90°
    assert display_size(data) == (900, 1200)
    width, height = placed_size(display_size(data), 400, 400)
    picture = fitted(data, width, height)
    assert picture.height > picture.width


def test_unreadable_bytes_are_not_a_picture():
    assert display_size(b"not a picture") is None
    assert fitted(b"not a picture", 100, 100) is None


# VmHWM, not ru_maxrss: Linux folds the parent's peak (the whole pytest run) into a child's ru_maxrss at exec.
CHILD = """
import json, sys
from pathlib import Path
from lecturer_app.core.model import Topic
from lecturer_app.exporters.plan_document import PlanDocument
from lecturer_app.exporters.plan_docx import write_plan_docx
from lecturer_app.exporters.plan_pdf import write_plan_pdf

folder = Path(sys.argv[1])
photos = {p.stem: p.read_bytes() for p in sorted(folder.glob("*.jpg"))}
body = "\\n\\n".join(f"Ảnh {n}.\\n\\n![Ảnh {n}](blob:{sha})" for n, sha in enumerate(photos, start=1))
document = PlanDocument(Topic(code="T", title="Ảnh tư liệu"), {"nguoi_soan": "Nguyễn Văn A"}, [("I. ẢNH", body)])
write_plan_pdf(document, folder / "plan.pdf", images=photos.get)
write_plan_docx(document, folder / "plan.docx", images=photos.get)
status = Path("/proc/self/status").read_text().splitlines()
print(json.dumps({"peak_mb": int(next(l.split()[1] for l in status if l.startswith("VmHWM:"))) / 1024}))
"""


@pytest.mark.slow
def test_a_plan_with_ten_phone_photos_is_a_small_pdf_and_docx_written_in_bounded_memory(tmp_path):
    for mark in range(PHOTOS):
        data = _photo(mark=mark)
        (tmp_path / f"{hashlib.sha256(data).hexdigest()}.jpg").write_bytes(data)
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], check=False, capture_output=True, text=True,
                            timeout=300, env=_env())
    assert result.returncode == 0, result.stderr
    peak = json.loads(result.stdout.splitlines()[-1])["peak_mb"]
    assert peak < 400, peak
    assert (tmp_path / "plan.pdf").stat().st_size < 15_000_000
    assert (tmp_path / "plan.docx").stat().st_size < 15_000_000
    with zipfile.ZipFile(tmp_path / "plan.docx") as package:
        media = [name for name in package.namelist() if name.startswith("word/media/")]
    assert len(media) == PHOTOS and all(name.endswith((".jpg", ".jpeg")) for name in media)


def _env() -> dict[str, str]:
    import os

    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH", "")]))}


def test_an_exam_paper_prints_a_phone_photo_resampled_in_pdf_and_docx(tmp_path):
    from lecturer_app.core.model import ImageRef, Option, Question
    from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
    from lecturer_app.exam.paper_settings import PaperSettings
    from lecturer_app.exporters.exam.paper_docx import write_paper_docx
    from lecturer_app.exporters.exam.paper_pdf import write_paper_pdf

    photo = _photo()
    question = Question(type="single_choice", stem="Ảnh chụp sự kiện nào?", images=[ImageRef("p" * 64, "anh.jpg")],
                        options=[Option("Đại hội VI", correct=True), Option("Đại hội VII")])
    version = PaperVersion("101", [PrintedQuestion(question, 1.0, [0, 1], "A")], [])
    pdf = write_paper_pdf(version, PaperSettings(), tmp_path / "de.pdf", images=lambda sha: photo)
    docx = write_paper_docx(version, PaperSettings(), tmp_path / "de.docx", images=lambda sha: photo)
    assert pdf.stat().st_size < len(photo) / 4
    with zipfile.ZipFile(docx) as package:
        media, = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) < len(photo) / 4 and display_size(media)[0] <= 100 / 25.4 * MAX_DPI + 1
