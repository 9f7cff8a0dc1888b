"""A written plan is signed once, and the signature block never splits across pages."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Topic
from lecturer_app.core.workspace import open_workspace
from lecturer_app.exporters.lesson_export import export_lesson
from lecturer_app.exporters.plan_document import PlanDocument, without_signature
from lecturer_app.exporters.plan_pdf import write_plan_pdf

SIGNED = "## KẾT LUẬN\nNghiên cứu lịch sử Đảng.\n\n**Người soạn**\n\nBan biên soạn (mẫu)\n"


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_a_signature_typed_at_the_end_of_the_plan_is_taken_out_with_its_name():
    sections, name = without_signature([("I. MỤC TIÊU", "Nắm được."), ("KẾT LUẬN", SIGNED)])
    assert name == "Ban biên soạn (mẫu)"
    assert sections == [("I. MỤC TIÊU", "Nắm được."), ("KẾT LUẬN", "## KẾT LUẬN\nNghiên cứu lịch sử Đảng.\n")]


def test_a_hint_under_the_label_is_not_taken_for_the_name_and_other_text_stays():
    body = "Kết luận.\n\nNGƯỜI SOẠN:\n(Ký, ghi rõ họ tên)\nNguyễn Văn A"
    assert without_signature([("KẾT LUẬN", body)]) == ([("KẾT LUẬN", "Kết luận.\n")], "Nguyễn Văn A")
    text = "Người soạn giáo án cần chuẩn bị kỹ.\n\nHết."
    assert without_signature([("KẾT LUẬN", text)]) == ([("KẾT LUẬN", text)], "")


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The shipped sample plans."""
    root = tmp_path_factory.mktemp("samples")
    workspace = open_workspace(root / "data")
    bank = LessonBank(workspace.store)
    codes = [s.topic.code for s in bank.summaries() if s.slides]   # the written samples (others are skeletons)
    yield workspace, codes, root
    workspace.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_every_sample_plan_pdf_prints_one_signature_block_on_one_page(samples):
    workspace, codes, root = samples
    assert len(codes) >= 3
    for code in codes:
        pdf = root / f"{code}.pdf"
        export_lesson(workspace, code, "pdf", pdf)
        pages = _pages(pdf)
        signed = [page for page in pages if "NGƯỜI SOẠN" in page]
        assert len(signed) == 1 and signed[0].count("NGƯỜI SOẠN") == 1, code
        assert "Ban biên soạn (mẫu)" in signed[0].split("NGƯỜI SOẠN")[1], code
        # The last paragraph and its heading come along: no heading is left alone at a page foot.
        assert "KẾT LUẬN" in signed[0], code
        assert sum(page.count("Ban biên soạn (mẫu)") for page in pages) == 2, code  # field line + signature


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_signature_that_would_start_at_the_foot_of_a_page_moves_whole_to_the_next(tmp_path):
    # With 19 to 21 short paragraphs the label fits on page 1 and the name would not.
    for extra in range(17, 24):
        body = "\n\n".join("Thêm một dòng." for _ in range(extra))
        document = PlanDocument(Topic(code="T", title="Bài"), {"nguoi_soan": "Nguyễn Văn A"}, [("I.", body)])
        pdf = tmp_path / f"split-{extra}.pdf"
        write_plan_pdf(document, pdf, images=lambda sha: None)
        write_plan_pdf(document, pdf, images=lambda sha: None)
        pages = _pages(pdf)
        label = [n for n, page in enumerate(pages) if "NGƯỜI SOẠN" in page]
        name = [n for n, page in enumerate(pages) if "Nguyễn Văn A" in map(str.strip, page.splitlines())]
        assert label == name and len(label) == 1, extra
