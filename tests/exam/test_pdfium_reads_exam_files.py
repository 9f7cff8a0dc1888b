"""Every exam PDF opens in PDFium (Chrome, Edge; Foxit's lineage) and reads and looks as it does in poppler.

Papers, keys and the answer sheet of a real build (the app's own writer), a
paper with the school's header template and a key whose marking guide runs
over a page (reportlab), the vấn đáp cards and their examiners' guide, the
bài thu hoạch form.  ``tests/support/pdf_readers.py`` says what "reads and
looks alike" means; the complaint copy of a scanned sheet is checked in
``tests/omr/test_complaint_copy_in_pdfium.py``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from exam_bank_data import TOPIC_CODES, build_small_exam, make_exam_bank

from lecturer_app.core.model import Organization, Question, RubricItem
from lecturer_app.exam.blueprint import quick_blueprint
from lecturer_app.exam.draw import DrawOptions, PrintedQuestion
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exam.pool import load_pool
from lecturer_app.exporters.exam.build import BuildReport, BuildRequest, build_exam
from tests.support.header_template import header_template
from tests.support.pdf_readers import poppler_page_count, read_alike

ORG = Organization(name="Trung tâm thử", header_style="party", header_lines=["Tỉnh ủy Thử", "Trung tâm Chính trị Thử"])
CLASS_LINE = "Lớp bồi dưỡng nhận thức về Đảng, khóa I năm 2025"


@pytest.fixture(scope="module")
def bank():
    from lecturer_app.core.store.db import open_database
    from lecturer_app.core.store.record_store import Store

    db = open_database(None)
    store = Store(db, author="Nguyễn Văn A")
    make_exam_bank(store)
    yield store
    db.close()


def _build(bank, folder: Path, settings: PaperSettings, images=None) -> BuildReport:
    pool = load_pool(bank)
    blueprint = quick_blueprint(pool, list(TOPIC_CODES), mc=40, essay=2)
    request = BuildRequest(blueprint, DrawOptions(versions=2, seed=2025), settings, folder, docx=False)
    return build_exam(bank, pool, request, images)


@pytest.fixture(scope="module")
def built(bank, tmp_path_factory) -> BuildReport:
    settings = PaperSettings(class_line=CLASS_LINE, organization=ORG)
    return _build(bank, tmp_path_factory.mktemp("build") / "de", settings)


def _printed(printed: PrintedQuestion) -> list[str]:
    """The stem and each option as the paper prints them ("B. Phương án 12-3 về Đảng…")."""
    return [printed.question.stem] + [f"{LETTERS[n]}. {option.text}" for n, option in enumerate(printed.options)]


def test_every_paper_shows_its_heading_and_every_question_and_option(built):
    for version in built.versions:
        must = ["ĐỀ KIỂM TRA CUỐI KHÓA", CLASS_LINE, "Thời gian làm bài: 90 phút (không kể thời gian phát đề)",
                "TRUNG TÂM CHÍNH TRỊ THỬ", "ĐẢNG CỘNG SẢN VIỆT NAM", "Phần I. Trắc nghiệm", "Phần II. Tự luận",
                f"Mã đề {version.code}", "----- HẾT -----", "Họ và tên:", "Số báo danh:"]
        must += [text for printed in version.printed for text in _printed(printed)]
        pages = read_alike(built.papers[version.code], must).pages
        assert len(pages) >= 2
        for number, page in enumerate(pages, start=1):
            assert f"Mã đề {version.code} – Trang {number}/{len(pages)}" in page


def test_every_key_shows_its_letters_and_marking_guide(built):
    for version in built.versions:
        text = read_alike(built.keys[version.code], [
            "ĐÁP ÁN VÀ HƯỚNG DẪN CHẤM", f"ĐỀ KIỂM TRA CUỐI KHÓA – Mã đề {version.code}", CLASS_LINE,
            "Phần I. Trắc nghiệm (6,0 điểm)", "Phần II. Tự luận (4,0 điểm)", "Nêu bối cảnh lịch sử",
            "Phân tích ý nghĩa", "(2,0 điểm)", "Điểm"]).text
        # The letters row by row, as the table prints them: ten to a row under "Đáp án".
        for row in range(4):
            assert "Đáp án " + " ".join(version.key[10 * row:10 * row + 10]) in text


def test_the_answer_sheet_shows_its_fields_and_a_bubble_row_per_question(built):
    sheet = Path(built.exam.output_dir) / "phieu_tra_loi.pdf"
    text = read_alike(sheet, ["PHIẾU TRẢ LỜI TRẮC NGHIỆM", "Số báo danh", "Mã đề", "Họ và tên:", "Ngày sinh:",
                              "Chữ ký cán bộ coi thi 1:", "Tô kín một ô tròn cho mỗi câu; tô sai thì tẩy sạch rồi tô lại.",
                              "TRUNG TÂM CHÍNH TRỊ THỬ"]).text
    assert "40 A B C D" in text and "41 A B C D" not in text


def test_a_paper_under_the_schools_header_template_reads_alike(bank, tmp_path):
    """The template's paper goes through reportlab (``paper_pdf._write_paper_pdf_platypus``) and template_pdf."""
    org = replace(ORG, place="Tam Đường", header_template="t" * 64)
    settings = PaperSettings(class_line=CLASS_LINE, organization=org)
    result = _build(bank, tmp_path / "de", settings, images={org.header_template: header_template()}.get)
    version = result.versions[0]
    read_alike(result.papers[version.code], [
        "Tỉnh ủy Thử", f"ĐỀ KIỂM TRA CUỐI KHÓA – Mã đề {version.code}", "ĐỀ CHÍNH THỨC",
        "Thời gian: Thời gian làm bài: 90 phút (không kể thời gian phát đề)",
        *(text for printed in version.objective[:8] for text in _printed(printed))])


def test_a_marking_guide_longer_than_a_page_reads_alike(built, tmp_path):
    """Written by reportlab, which splits the guide's table across pages (``keys._write_key_pdf_platypus``)."""
    from lecturer_app.exporters.exam.keys import write_key_pdf

    essays = [PrintedQuestion(Question(type="essay", stem=f"Câu tự luận {n}", rubric=[
        RubricItem(f"Ý {n}.{k}: trình bày đủ, đúng sự kiện về Hội Việt Nam Cách mạng Thanh niên", 1.0)
        for k in range(6)]), 0.5, [], "") for n in range(8)]
    version = replace(built.versions[0], essays=essays)
    key = write_key_pdf(version, PaperSettings(class_line=CLASS_LINE, organization=ORG), tmp_path / "dap_an.pdf")
    assert poppler_page_count(key) >= 2
    read_alike(key, ["ĐÁP ÁN VÀ HƯỚNG DẪN CHẤM", "Câu 8", "(0,5 điểm)", "0,09", "0,08",
                     "Ý 0.0: trình bày đủ, đúng sự kiện về Hội Việt Nam Cách mạng Thanh niên",
                     "Ý 7.5: trình bày đủ, đúng sự kiện về Hội Việt Nam Cách mạng Thanh niên"])


def test_a_question_whose_marking_guide_alone_runs_over_a_page_reads_alike(built, tmp_path):
    """Its "Câu 1" cell cannot span rows over two pages: it is ruled between questions instead."""
    from lecturer_app.exporters.exam.keys import write_key_pdf

    rubric = [RubricItem(f"Ý {n}: nêu đúng bối cảnh, diễn biến và ý nghĩa của Hội nghị thành lập Đảng", 0.25)
              for n in range(1, 31)]
    version = replace(built.versions[0], essays=[PrintedQuestion(Question(type="essay", stem="Dài", rubric=rubric),
                                                                 7.5, [], "")])
    key = write_key_pdf(version, PaperSettings(class_line=CLASS_LINE, organization=ORG), tmp_path / "dap_an.pdf")
    assert poppler_page_count(key) == 2
    read_alike(key, ["Câu 1 (7,5 điểm)", *(item.text for item in rubric)])


def test_the_oral_cards_and_the_examiners_guide_read_alike(bank, tmp_path):
    from lecturer_app.exam.oral import draw_oral_cards
    from lecturer_app.exporters.exam.oral_pdf import write_answer_guide, write_oral_cards

    oral_set = draw_oral_cards([q for q in bank.select(Question) if q.type == "oral"], 6, seed=1)
    stems = [question.stem for card in oral_set.cards for question in card.questions]
    cards = write_oral_cards(oral_set.cards, tmp_path / "phieu.pdf", per_page=4, subtitle=CLASS_LINE)
    read_alike(cards, ["PHIẾU CÂU HỎI THI VẤN ĐÁP – Phiếu số 01", "Phiếu số 06", *stems])
    guide = write_answer_guide(oral_set.cards, tmp_path / "phieu_huong_dan.pdf", subtitle=CLASS_LINE)
    guides = [question.guide for card in oral_set.cards for question in card.questions]
    read_alike(guide, [*stems, *guides])


def test_the_thu_hoach_form_reads_alike(tmp_path):
    from lecturer_app.exporters.exam.thu_hoach import ThuHoachForm, write_thu_hoach

    form = ThuHoachForm(prompt="Liên hệ bản thân về học tập, quán triệt Nghị quyết Đại hội XIII của Đảng",
                        class_line=CLASS_LINE, organization=ORG)
    pdf = write_thu_hoach(form, tmp_path / "thu_hoach.pdf")
    read_alike(pdf, ["BÀI THU HOẠCH", CLASS_LINE, "Đề bài:", form.prompt, "Họ và tên:", "Chi bộ/Đơn vị:",
                     "I. MỞ ĐẦU", "II. NỘI DUNG", "III. KẾT LUẬN", "Điểm (bằng số, bằng chữ)",
                     "Nhận xét của giảng viên", "Xếp loại", "NGƯỜI VIẾT THU HOẠCH", "(Ký, ghi rõ họ tên)"])


def test_the_remark_minutes_read_alike(store, tmp_path):
    """The biên bản phúc khảo: each change, the totals before and after, the signature blocks."""
    from lecturer_app.exam.grading import Response
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exam.remarks import Remark
    from lecturer_app.exporters.exam.remark_minutes import write_remark_minutes

    report = build_small_exam(store, tmp_path / "de")
    key = report.versions[0].key
    learner = Response("Trần Văn Bình", "01", report.versions[0].code, list(key), {1: 3.75})
    remarks = [Remark("01", "Trần Văn Bình", "TL1", "2,5", "3,75", "Cộng sót ý 2 của câu tự luận", "Nguyễn Thị Hoa",
                      "2026-12-05T09:30:00+07:00")]
    minutes = write_remark_minutes(remarks, [learner], read_manifest(tmp_path / "de"), tmp_path / "bien_ban.pdf")
    read_alike(minutes, ["BIÊN BẢN PHÚC KHẢO BÀI THI", "Trần Văn Bình", "Cộng sót ý 2 của câu tự luận",
                         "Nguyễn Thị Hoa", "05/12/2026 09:30", "NGƯỜI CHẤM PHÚC KHẢO", "CHỦ TỊCH HỘI ĐỒNG",
                         "(Ký, ghi rõ họ tên)"])
