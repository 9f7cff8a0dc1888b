"""What a printed paper says besides its questions: title, class line, time, organisation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from lecturer_app.core.model import Organization
from lecturer_app.exam.vn_numbers import decimal_comma

# Reads a picture's bytes by its sha256 (BlobStore.read_bytes); None = not available.
ImageSource = Callable[[str], bytes | None]

CLOSING_NO_MATERIALS = "Học viên không được sử dụng tài liệu. Cán bộ coi thi không giải thích gì thêm."
CLOSING_MATERIALS = "Học viên được sử dụng tài liệu. Cán bộ coi thi không giải thích gì thêm."


@dataclass(frozen=True)
class PaperSettings:
    """Attributes:
        title: "ĐỀ KIỂM TRA CUỐI KHÓA", "ĐỀ THI HẾT HỌC PHẦN" …
        class_line: e.g. "Lớp bồi dưỡng nhận thức về Đảng, khóa I năm 2025".
        duration_minutes: printed as "Thời gian làm bài: 90 phút (không kể thời gian phát đề)".
        organization: whose header is printed (None = no issuing body, the Party heading only).
        official: print "ĐỀ CHÍNH THỨC" under the header.
        allow_materials: chooses the closing sentence.
        on: the date in the header (None = no date line).
    """

    title: str = "ĐỀ KIỂM TRA CUỐI KHÓA"
    class_line: str = ""
    duration_minutes: int = 90
    organization: Organization | None = None
    official: bool = True
    allow_materials: bool = False
    on: date | None = None

    @property
    def duration_line(self) -> str:
        return f"Thời gian làm bài: {self.duration_minutes} phút (không kể thời gian phát đề)"

    @property
    def closing(self) -> str:
        return CLOSING_MATERIALS if self.allow_materials else CLOSING_NO_MATERIALS


def question_label(number: int, points: float) -> str:
    """"Câu 1 (0,25 điểm)"."""
    return f"Câu {number} ({decimal_comma(points)} điểm)"


def page_count_text(pages: int) -> str:
    """"(Đề có 04 trang)"."""
    return f"(Đề có {pages:02d} trang)"


def footer_text(code: str, page: int, pages: int) -> str:
    """"Mã đề 101 – Trang 1/4"."""
    return f"Mã đề {code} – Trang {page}/{pages}"
