"""The DOCX paper skeleton written as text is, part for part and byte for byte, the one python-docx wrote."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from lecturer_app.core.model import Organization
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.paper_docx_skeleton import docx_skeleton, make_skeleton
from lecturer_app.exporters.zip_members import Packed

ROOT = Path(__file__).resolve().parents[2]
PARTY = Organization(name="Trường Chính trị tỉnh A & B", header_style="party",
                     header_lines=["Tỉnh ủy Bình Phước", "Trường Chính trị"], place="Đồng Xoài")
STATE = Organization(name="Sở <Nội vụ>", header_style="state", header_lines=["UBND tỉnh", "Sở Nội vụ"], place="Huế")
CUSTOM = Organization(name="  Trung tâm  ", header_style="custom",
                      header_lines=[" Ban Tuyên giáo ", "Trung tâm chính trị có một cái tên rất dài rất dài"], place=" ")
LONG_STATE = Organization(name="N", header_style="state", place="Thành phố Hồ Chí Minh, một địa danh rất dài",
                          header_lines=["Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu, một tên rất dài"] * 3)

SETTINGS = {
    "defaults": PaperSettings(),
    "party header, date, class line": PaperSettings(organization=PARTY, on=date(2025, 3, 1), class_line="Lớp K1"),
    "state header, not official, materials allowed, title with blanks, tab, newline and markup":
        PaperSettings(organization=STATE, on=date(2025, 12, 31), official=False, allow_materials=True,
                      title=" Đề\tthi\nhết <học> & phần "),
    "custom header without lines, empty title": PaperSettings(organization=Organization(header_style="custom"),
                                                              title=""),
    "custom header, blank-edged lines, carriage return": PaperSettings(organization=CUSTOM, on=date(2024, 1, 2),
                                                                       class_line=" a\r\nb\t ", title="x\r y"),
    "header shrunk to fit": PaperSettings(organization=LONG_STATE, on=date(2024, 1, 2)),
}


def _raw(data: bytes | Packed) -> bytes:
    return data.inflated() if isinstance(data, Packed) else data


@pytest.mark.parametrize("name", list(SETTINGS))
def test_the_text_skeleton_is_the_python_docx_skeleton_part_for_part(name):
    settings = SETTINGS[name]
    written, reference = make_skeleton(settings, None), docx_skeleton(settings, None)
    assert [member for member, _ in written.members] == [member for member, _ in reference.members]
    assert written.style_ids == reference.style_ids
    for (member, data), (_, expected) in zip(written.members, reference.members):
        assert type(data) is type(expected), member  # the same members change per version
        assert _raw(data) == _raw(expected), member


@pytest.mark.parametrize("title", ["vertical\x0btab", "nul\x00byte", "not a character\ufffe", "lone \ud800 surrogate"])
def test_text_python_docx_refused_is_refused_the_same_way(title):
    settings = PaperSettings(title=title)
    with pytest.raises((ValueError, UnicodeEncodeError)) as refused:
        docx_skeleton(settings, None)
    with pytest.raises(refused.type):
        make_skeleton(settings, None)


def test_a_build_without_a_header_template_does_not_import_python_docx(tmp_path):
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from lecturer_app.core.model import Option, Question\n"
            "from lecturer_app.exam.draw import PaperVersion, PrintedQuestion\n"
            "from lecturer_app.exam.paper_settings import PaperSettings\n"
            "from lecturer_app.exporters.exam.paper_docx_skeleton import make_skeleton, write_from_skeleton\n"
            "question = Question(type='single_choice', stem='Câu?', options=[Option('A', correct=True), Option('B')])\n"
            "version = PaperVersion('101', [PrintedQuestion(question, 1.0, [0, 1], 'A')], [])\n"
            "write_from_skeleton(make_skeleton(PaperSettings(), None), version, Path(sys.argv[1]))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml')))\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "de.docx")], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
    with zipfile.ZipFile(tmp_path / "de.docx") as package:
        assert "Mã đề 101".encode() in package.read("word/document.xml")


def test_the_stored_parts_are_what_python_docx_writes_today():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from docx_paper_base import base_parts
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    with zipfile.ZipFile(ROOT / "resources" / "docx" / "paper_base.zip") as stored:
        assert [(info.filename, stored.read(info)) for info in stored.infolist()] == base_parts()


def test_a_header_template_still_goes_through_python_docx():
    import io

    from docx import Document

    template = Document()
    template.add_paragraph("{don_vi} – ĐỀ THI MÃ {ma_de}")
    buffer = io.BytesIO()
    template.save(buffer)
    settings = PaperSettings(organization=Organization(name="Trường", header_template="mau"))
    images = {"mau": buffer.getvalue()}.get
    document = dict(make_skeleton(settings, images).members)["word/document.xml"]
    assert "ĐỀ THI MÃ".encode() in _raw(document)
