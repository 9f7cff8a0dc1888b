"""No input file makes the app use more than 500 MB over its baseline (issue #12, point 17).

Each hostile file is read in a child process whose address space is
limited (RLIMIT_AS) to what it uses with the readers loaded plus 500 MB:
the file must be refused with a clear message, not crash the process.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from zip_bombs import lying_zip, small_png, swap_pictures, zip_bomb

from lecturer_app.core.model import ImageRef

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc are Linux's")

ROOT = Path(__file__).resolve().parents[2]
LIMITED = """
import resource, sys
from pathlib import Path
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.formats.tabular import read_table
from lecturer_app.importers.docx_plan_import import read_docx_plan
from lecturer_app.importers.pptx_import import read_pptx
from lecturer_app.importers.questions import docx_reader, read_questions
import docx, pptx, python_calamine  # the readers' libraries are part of the baseline

def address_space() -> int:
    line = next(l for l in open("/proc/self/status") if l.startswith("VmSize:"))
    return int(line.split()[1]) * 1024

reader, path, blobs = sys.argv[1], Path(sys.argv[2]), BlobStore(Path(sys.argv[3]))
resource.setrlimit(resource.RLIMIT_AS, (address_space() + 500 * 1024 * 1024, resource.RLIM_INFINITY))
read = {"questions": docx_reader.read, "plan": lambda p: read_docx_plan(p, blobs),
        "deck": lambda p: read_pptx(p, blobs), "table": lambda p: list(read_table(p)),
        "any": read_questions}[reader]
try:
    result = read(path)
except InputFileError as error:
    print("REFUSED", error)
    sys.exit(2)
print("READ", [getattr(result, name, None) for name in ("problems", "skipped", "notes")])
"""


def _read_limited(reader: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LIMITED, reader, str(path), str(path.parent / "blobs")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _assert_refused_as_too_big(done: subprocess.CompletedProcess, path: Path) -> None:
    assert done.returncode == 2, done.stdout + done.stderr[-2000:]
    assert "REFUSED" in done.stdout and path.name in done.stdout and "quá lớn" in done.stdout, done.stdout


@pytest.mark.parametrize(("reader", "kind"), [("questions", "docx"), ("plan", "docx"), ("deck", "pptx"),
                                              ("table", "xlsx")])
def test_a_small_office_file_that_inflates_to_a_huge_part_is_refused_within_the_budget(tmp_path, reader, kind):
    path = zip_bomb(tmp_path / f"bom.{kind}", 100, kind)  # about 300 KB on disk
    assert path.stat().st_size < 400_000
    _assert_refused_as_too_big(_read_limited(reader, path), path)


@pytest.mark.parametrize(("reader", "kind"), [("questions", "docx"), ("deck", "pptx"), ("table", "xlsx")])
def test_an_office_file_that_lies_about_its_sizes_is_refused_by_what_it_inflates_to(tmp_path, reader, kind):
    path = lying_zip(tmp_path / f"noi_doi.{kind}", 100, kind)
    _assert_refused_as_too_big(_read_limited(reader, path), path)


def test_a_text_bank_of_millions_of_short_lines_is_refused_within_the_budget(tmp_path):
    path = tmp_path / "ngan_hang.txt"
    path.write_text("Câu 1: Hỏi?\n*A. Có\nB. Không\n" * 750_000, encoding="utf-8")  # 2.25 million lines, 24 MB
    _assert_refused_as_too_big(_read_limited("any", path), path)


def test_a_moodle_xml_of_millions_of_tiny_elements_is_refused_within_the_budget(tmp_path):
    path = tmp_path / "moodle.xml"
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?><quiz>')
        unit = '<question type="description"><name><text>a</text></name></question>'
        out.write(unit * 900_000)  # 60 MB, 5.4 million tags
        out.write("</quiz>")
    _assert_refused_as_too_big(_read_limited("any", path), path)


def test_a_csv_of_millions_of_cells_is_refused_within_the_budget(tmp_path):
    path = tmp_path / "bai_lam.csv"
    path.write_text(("ab," * 39 + "ab\n") * 190_000, encoding="utf-8")  # 7.6 million cells, 23 MB, under MAX_ROWS
    _assert_refused_as_too_big(_read_limited("table", path), path)


def test_a_workbook_with_one_cell_far_away_is_refused_within_the_budget(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Câu hỏi"
    workbook.active["XFD100000"] = "xa"  # 5 KB on disk, 1.6 billion cells for a reader that fills the rectangle
    path = tmp_path / "thua.xlsx"
    workbook.save(path)
    _assert_refused_as_too_big(_read_limited("table", path), path)


def test_a_real_sized_question_bank_still_reads_within_the_budget(tmp_path):
    import docx

    document = docx.Document()
    for number in range(1, 1001):
        document.add_paragraph(f"Câu {number}: Đảng Cộng sản Việt Nam ra đời năm nào?")
        for letter, year in zip("ABCD", (1925, 1930, 1945, 1954)):
            document.add_paragraph(f"{'*' if year == 1930 else ''}{letter}. Năm {year}")
    path = tmp_path / "ngan_hang.docx"
    document.save(str(path))
    done = _read_limited("questions", path)
    assert done.returncode == 0 and done.stdout.startswith("READ"), done.stdout + done.stderr[-2000:]


def test_a_picture_of_nine_hundred_million_pixels_is_refused_at_import(pixel_bomb):
    from PIL import Image

    from lecturer_app.formats.pictures import MAX_PIXELS, oversized

    assert len(pixel_bomb) < 120_000
    assert "900 triệu điểm ảnh" in oversized(pixel_bomb) and 30_000 * 30_000 > MAX_PIXELS
    photo = io.BytesIO()
    Image.new("1", (4000, 3000)).save(photo, "PNG")
    assert oversized(photo.getvalue()) == ""  # a 12-megapixel photo is welcome


def _question_docx_with_picture(path: Path, picture: bytes) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Câu 1: Hình dưới đây là lá cờ nào?")
    document.add_paragraph().add_run().add_picture(io.BytesIO(small_png()))
    for text in ("*A. Cờ Đảng", "B. Cờ Đoàn"):
        document.add_paragraph(text)
    document.add_paragraph("Câu 2: Đảng ra đời năm nào?")
    for text in ("A. 1925", "*B. 1930"):
        document.add_paragraph(text)
    document.save(str(path))
    return swap_pictures(path, picture)


def test_a_question_file_with_a_pixel_bomb_imports_without_the_picture_and_says_why(tmp_path, pixel_bomb):
    from lecturer_app.importers.questions import docx_reader

    result = docx_reader.read(_question_docx_with_picture(tmp_path / "co.docx", pixel_bomb))
    assert [len(item.question.images) for item in result.items] == [0, 0] and result.blobs == {}
    assert any("hình quá lớn" in warning.reason for warning in result.warnings) and result.problems == []


def test_a_lesson_plan_with_a_pixel_bomb_is_imported_without_the_picture_and_says_why(tmp_path, pixel_bomb):
    from lecturer_app.core.store.blobs import BlobStore
    from lecturer_app.importers.docx_plan_import import read_docx_plan

    plan = read_docx_plan(_question_docx_with_picture(tmp_path / "giao_an.docx", pixel_bomb), BlobStore(tmp_path / "blobs"))
    assert plan.images == [] and any("hình quá lớn" in reason for reason in plan.skipped)
    assert not (tmp_path / "blobs").exists() or not any((tmp_path / "blobs").rglob("*"))


def test_a_deck_with_a_pixel_bomb_is_imported_without_the_picture_and_says_why(tmp_path, pixel_bomb):
    import pptx

    from lecturer_app.core.store.blobs import BlobStore
    from lecturer_app.importers.pptx_import import read_pptx

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Lá cờ"
    slide.shapes.add_picture(io.BytesIO(small_png()), 0, 0)
    path = tmp_path / "bai.pptx"
    presentation.save(str(path))
    deck = read_pptx(swap_pictures(path, pixel_bomb), BlobStore(tmp_path / "blobs"))
    skipped = [reason for report in deck.reports for reason in report.skipped]
    assert any("hình quá lớn" in reason for reason in skipped), skipped


def test_a_pixel_bomb_already_in_the_bank_is_reported_by_the_pptx_export_not_fatal(tmp_path, pixel_bomb):
    from lecturer_app.core.model import Slide
    from lecturer_app.core.slides.themes import load_theme
    from lecturer_app.exporters.pptx_writer import write_pptx
    from lecturer_app.formats.slide_layout import layout_deck

    theme = load_theme("sang")
    slide = Slide(layout="image", title="Lá cờ", images=[ImageRef(sha256="b" * 64, filename="co.png")])
    report = write_pptx(layout_deck([slide], theme), tmp_path / "bai.pptx", theme=theme, images=lambda sha: pixel_bomb)
    assert report.missing_images == ["co.png"] and (tmp_path / "bai.pptx").is_file()


def test_the_sheet_extent_counts_cell_references_and_the_dimension_but_no_other_attribute():
    """The extent scan (two patterns since issue #16) finds what the one pattern before it found."""
    from lecturer_app.formats.memory_budget import _sheet_extent

    sheet = (b'<worksheet><dimension ref="A1:C40"/><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c>'
             b'<c r="AB7"/></row></sheetData><x spr="ZZZ99999"/></worksheet>')
    assert _sheet_extent(iter([sheet])) == (40, 28)
    assert _sheet_extent(iter([b'r="D9"', b'<c r="A1"/>'])) == (9, 4)  # a reference at a chunk's very start
    # A reference cut between two chunks is still found.
    assert _sheet_extent(iter([b'<c r="ZZ12', b'345"/>'])) == (12345, 702)


def test_a_sheet_is_measured_cell_by_cell_only_when_one_search_cannot_prove_it_small(tmp_path, monkeypatch):
    """One search proves most sheets fit (no column past Z, no row past 99,999: issue #16); a sheet that
    reaches past either is measured exactly, and refused only when its grid is really too large."""
    from openpyxl import Workbook

    from lecturer_app.core.errors import InputFileError
    from lecturer_app.formats import memory_budget
    from lecturer_app.formats.memory_budget import GRID_CELL_BYTES, MEMORY_BUDGET, SHEET_TAG_BYTES, check_zip

    rows, columns = memory_budget._SMALL_GRID
    assert rows * columns * GRID_CELL_BYTES <= MEMORY_BUDGET  # what the search proves must fit

    def workbook(far: str) -> Path:
        book = Workbook()
        book.active["A1"] = "Câu hỏi"
        book.active[far] = "xa"
        path = tmp_path / f"{far}.xlsx"
        book.save(path)
        return path

    measured: list[tuple[int, int]] = []
    real_extent = memory_budget._sheet_extent
    monkeypatch.setattr(memory_budget, "_sheet_extent", lambda chunks: measured.append(real_extent(chunks))
                        or measured[-1])
    check_zip(workbook("Z99999"), SHEET_TAG_BYTES, sheet_grids=True)  # proven small: never measured
    assert measured == []
    check_zip(workbook("A150000"), SHEET_TAG_BYTES, sheet_grids=True)  # 150,000 × 1 cells: measured, fits
    check_zip(workbook("AB150000"), SHEET_TAG_BYTES, sheet_grids=True)  # 150,000 × 28: measured, fits
    assert measured == [(150_000, 1), (150_000, 28)]
    with pytest.raises(InputFileError):
        check_zip(workbook("AZ300000"), SHEET_TAG_BYTES, sheet_grids=True)  # 300,000 × 52: too large
