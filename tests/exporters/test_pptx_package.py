"""The PPTX writer writes the package python-pptx wrote, part for part, without importing python-pptx.

The reference (tests/support/pptx_reference.py) is the writer as it was on
python-pptx's object model.  Both write a deck using every feature (title
and section slides, bullets at three levels, "(tiếp)" continuation pages,
two columns, a key message, PNG and JPEG pictures, one used twice, one
resampled, one missing, QR codes with links, tables with a header, merges
and continued rows, notes with markup, blank lines and several lines, a
slide without title); every part must be the same canonical XML once
relationship ids are replaced by what they point to.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lecturer_app.core.model import Bullet, ImageRef, Slide, SlideTable
from lecturer_app.core.resources import resource_path
from lecturer_app.exporters import pptx_writer
from lecturer_app.exporters.zip_members import read_members
from lecturer_app.formats.slide_layout import CONTINUED, layout_deck, load_theme, theme_names
from tests.support import pptx_reference

ROOT = Path(__file__).resolve().parents[2]
R_ATTRIBUTES = ("id", "embed", "link")
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LONG = "Đảng Cộng sản Việt Nam là đội tiên phong của giai cấp công nhân & <nhân dân> \"lao động\" " * 3
FIXED_TIME = datetime(2026, 12, 4, 8, 30, tzinfo=UTC)


def _picture(fmt: str, size: tuple[int, int], colour: tuple[int, int, int]) -> tuple[str, bytes]:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return hashlib.sha256(buffer.getvalue()).hexdigest(), buffer.getvalue()


def _every_feature() -> tuple[list[Slide], dict[str, bytes]]:
    png, jpeg, large = (_picture("PNG", (400, 100), (200, 30, 30)), _picture("JPEG", (1600, 900), (20, 60, 120)),
                        _picture("JPEG", (4000, 3000), (90, 60, 20)))
    steps = SlideTable([["Bước", "Nội dung", "Thời gian"], ["1. Ổn định", "Điểm danh", "5 phút"], ["", "", ""],
                        ["2. Giảng", "Hoàn cảnh ra đời của Đảng", "195 phút"]], merges=[[1, 2, 2, 1], [3, 0, 1, 2]])
    years = SlideTable([["Năm", "Sự kiện"]] + [[str(1930 + n), "Một sự kiện lịch sử quan trọng " * 2]
                                              for n in range(25)])
    url = "https://example.org/tai-lieu?a=1&b=2"
    slides = [
        Slide(layout="title", title="Lịch sử Đảng", subtitle="Bài 1", notes="Chào lớp & <bài>\n\nDòng ba\r\nbốn"),
        Slide(title="Kết cấu", bullets=[Bullet("Đặt vấn đề"), Bullet("Hội nghị", 1), Bullet("Sâu", 2)], notes="N"),
        Slide(title="Rất dài " * 12, bullets=[Bullet(LONG, n % 3) for n in range(16)], notes="tiếp"),
        Slide(layout="image", title="Ảnh", images=[ImageRef(png[0], "a.png", 'Ảnh "Hội nghị"')],
              bullets=[Bullet("Chú thích")]),
        Slide(layout="image", title="Ảnh JPEG", images=[ImageRef(jpeg[0], "b.jpg")]),
        Slide(layout="image", title="Ảnh lớn", images=[ImageRef(large[0], "c.jpg")]),
        Slide(layout="image", title="Ảnh lại", images=[ImageRef(png[0], "a.png")]),
        Slide(layout="qr", title="Tài liệu", url=url, subtitle="Quét mã"),
        Slide(layout="qr", title="Mã lại", url=url),
        Slide(layout="image", title="Ảnh bị thiếu", images=[ImageRef("b" * 64, "thieu.png")]),
        Slide(layout="two_columns", title="Hai cột", bullets=[Bullet(LONG)] * 4, right_bullets=[Bullet("Phải")]),
        Slide(layout="table", title="Tiến trình", table=steps, bullets=[Bullet("Trên bảng")]),
        Slide(layout="table", title="Niên biểu", table=years),
        Slide(layout="table", title="Không tiêu đề cột", table=SlideTable([["a", "b"], ["c", ""]], header=False)),
        Slide(layout="key_message", title="Thông điệp", bullets=[Bullet("Ghi nhớ!")]),
        Slide(layout="section", title="Phần II"),
        Slide(title="", bullets=[Bullet("Không có tiêu đề")]),
    ]
    return slides, dict([png, jpeg, large])


def _write(writer, path: Path, theme_name: str = "trang_trong") -> Path:
    slides, images = _every_feature()
    theme = load_theme(theme_name)
    writer(layout_deck(slides, theme, footer="Trung tâm chính trị · Bài 1"), path, theme=theme, images=images.get,
           title="Lịch sử <Đảng> & cách mạng", author="Nguyễn Văn A")
    return path


def _parts(path: Path) -> dict[str, bytes]:
    """Every part, XML in canonical form with each relationship id replaced by its type and target."""
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        raw = {name: package.read(name) for name in package.namelist()}
    return {name: _canonical(name, data, raw) for name, data in raw.items()}


def _canonical(name: str, data: bytes, raw: dict[str, bytes]) -> bytes:
    from lxml import etree  # here: test_the_writer_does_not_import_python_pptx imports this module

    if not name.endswith((".xml", ".rels")):
        return data
    root = etree.fromstring(data)
    if name.endswith(".rels"):
        items = sorted(f"{r.get('Type')} {r.get('Target')} {r.get('TargetMode')}" for r in root)
        return "\n".join(items).encode()
    if name == "[Content_Types].xml":
        return "\n".join(sorted(f"{t.get('Extension') or t.get('PartName')} {t.get('ContentType')}"
                                for t in root)).encode()
    targets = _targets(name, raw)
    for element in root.iter():
        for attribute in R_ATTRIBUTES:
            key = f"{{{R_NS}}}{attribute}"
            if element.get(key) in targets:
                element.set(key, targets[element.get(key)])
    return etree.tostring(root, method="c14n")


def _targets(name: str, raw: dict[str, bytes]) -> dict[str, str]:
    from lxml import etree

    folder, _, file = name.rpartition("/")
    rels = raw.get(f"{folder}/_rels/{file}.rels")
    if rels is None:
        return {}
    return {r.get("Id"): f"{r.get('Type')} {r.get('Target')}" for r in etree.fromstring(rels)}


@pytest.fixture(autouse=True)
def same_time(monkeypatch):
    """Both writers stamp the same creation time."""
    monkeypatch.setattr(pptx_writer, "stamp_time", lambda: FIXED_TIME)
    monkeypatch.setattr(pptx_reference, "stamp_time", lambda on=None: FIXED_TIME)


@pytest.mark.parametrize("theme_name", theme_names())
def test_every_part_is_the_part_python_pptx_wrote(tmp_path, theme_name):
    ours = _parts(_write(pptx_writer.write_pptx, tmp_path / "ours.pptx", theme_name))
    theirs = _parts(_write(pptx_reference.write_pptx, tmp_path / "theirs.pptx", theme_name))
    assert sorted(ours) == sorted(theirs)
    assert sum(name.startswith("ppt/slides/slide") for name in ours) > 17   # continued pages
    assert sum(name.startswith("ppt/media/") for name in ours) == 4         # png, jpeg, resampled, one QR code
    for name in theirs:
        assert ours[name] == theirs[name], name


def test_a_deck_without_notes_has_no_notes_master_as_before(tmp_path):
    slides = [Slide(title="Một", bullets=[Bullet("Ý")])]
    theme = load_theme("sang")
    for writer, name in ((pptx_writer.write_pptx, "ours.pptx"), (pptx_reference.write_pptx, "theirs.pptx")):
        writer(layout_deck(slides, theme), tmp_path / name, theme=theme, images=lambda sha: None)
    ours, theirs = _parts(tmp_path / "ours.pptx"), _parts(tmp_path / "theirs.pptx")
    assert not any("notesMaster" in name for name in ours)
    assert ours == theirs


def test_the_writer_does_not_import_python_pptx(tmp_path):
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tests.exporters import test_pptx_package as t; "
              f"from lecturer_app.exporters.pptx_writer import write_pptx; "
              f"t._write(write_pptx, __import__('pathlib').Path({str(tmp_path / 'deck.pptx')!r})); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'lxml', 'reportlab')))")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"
    assert (tmp_path / "deck.pptx").stat().st_size > 0


def test_the_stored_shared_parts_are_what_python_pptx_gives_today():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from pptx_base import base_parts
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    stored = {member.name: member.inflated() for member in read_members(resource_path("pptx", "base.zip").read_bytes())}
    assert stored == base_parts()


def test_python_pptx_reads_titles_notes_pictures_links_and_tables(tmp_path):
    from pptx import Presentation

    deck = Presentation(str(_write(pptx_writer.write_pptx, tmp_path / "bai.pptx")))
    titles = [slide.shapes.title.text if slide.shapes.title is not None else "" for slide in deck.slides]
    assert titles[0] == "Lịch sử Đảng" and any(title.endswith(CONTINUED) for title in titles) and titles[-1] == ""
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    assert notes == "Chào lớp & <bài>\n\nDòng ba_x000D_\nbốn"   # python-pptx's own escape of a carriage return
    qr, = [shape for shape in deck.slides[titles.index("Tài liệu")].shapes if shape.name.startswith("qr")]
    assert qr.click_action.hyperlink.address == "https://example.org/tai-lieu?a=1&b=2"
    table, = [shape.table for shape in deck.slides[titles.index("Tiến trình")].shapes if shape.has_table]
    assert table.cell(1, 2).is_merge_origin and table.cell(2, 2).is_spanned and table.cell(3, 0).span_width == 2
    assert deck.core_properties.title == "Lịch sử <Đảng> & cách mạng" and deck.core_properties.language == "vi-VN"


@pytest.mark.slow
def test_libreoffice_renders_every_slide(tmp_path):
    if not all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdfinfo")):
        pytest.skip("LibreOffice or poppler-utils not installed")
    path = _write(pptx_writer.write_pptx, tmp_path / "bai.pptx", "tuong_phan_cao")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True,
                   timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    pdf = tmp_path / "bai.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                            check=True).stdout).group(1))
    with zipfile.ZipFile(path) as package:
        assert pages == sum(name.startswith("ppt/slides/slide") for name in package.namelist())
    shown = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                                    check=True).stdout.split())
    for expected in ("Lịch sử Đảng", "Điểm danh", "195 phút", "Ghi nhớ!", "Không có tiêu đề", "1954"):
        assert expected in shown
