"""The written-plan outline of domain.md §2: the skeleton and section kinds."""

from __future__ import annotations

import re

from lecturer_app.core.text.normalize import fold

# (kind, heading) of the skeleton every new written plan starts from.
SKELETON: tuple[tuple[str, str], ...] = (
    ("muc_tieu", "I. MỤC TIÊU"),
    ("phuong_phap", "II. PHƯƠNG PHÁP"),
    ("phuong_tien", "III. PHƯƠNG TIỆN, ĐỒ DÙNG DẠY HỌC"),
    ("tai_lieu", "IV. TÀI LIỆU"),
    ("ket_cau", "V. KẾT CẤU NỘI DUNG VÀ PHÂN BỔ THỜI GIAN"),
    ("tien_trinh", "VI. TIẾN TRÌNH LÊN LỚP"),
    ("cau_hoi", "VII. CÂU HỎI ÔN TẬP, THẢO LUẬN"),
    ("noi_dung", "B. NỘI DUNG BÀI GIẢNG"),
)

TIEN_TRINH_TABLE = (
    "| Bước | Nội dung | Phương pháp | Phương tiện | Thời gian |\n"
    "|---|---|---|---|---|\n"
    "| 1. Ổn định lớp |  |  |  |  |\n"
    "| 2. Kiểm tra bài cũ |  |  |  |  |\n"
    "| 3. Giảng bài mới |  |  |  |  |\n"
    "| 4. Củng cố, chốt kiến thức |  |  |  |  |\n"
    "| 5. Hướng dẫn tự nghiên cứu |  |  |  |  |\n"
)

# Folded keywords that identify a section kind from its heading.
_KIND_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("muc_tieu", ("muc tieu", "muc dich")),
    ("phuong_tien", ("phuong tien", "do dung")),
    ("phuong_phap", ("phuong phap",)),
    ("tai_lieu", ("tai lieu",)),
    ("ket_cau", ("ket cau", "phan bo thoi gian")),
    ("tien_trinh", ("tien trinh",)),
    ("cau_hoi", ("cau hoi",)),
    ("noi_dung", ("noi dung bai giang",)),
)

_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d+)\s*[.)/:-]\s*", re.IGNORECASE)


def section_kind(heading: str) -> str:
    """The kind of a section from its heading, accents and numbering optional."""
    folded = fold(_NUMBERING.sub("", heading, count=1))
    for kind, keywords in _KIND_KEYWORDS:
        if any(folded.startswith(k) for k in keywords):
            return kind
    return "other"


def skeleton_body(kind: str) -> str:
    """The initial body of a skeleton section (only the step table is pre-filled)."""
    return TIEN_TRINH_TABLE if kind == "tien_trinh" else ""


def split_markdown_sections(text: str) -> list[tuple[str, str]]:
    """Split Markdown at level-1 headings into (heading, body) pairs.

    Text before the first heading is dropped only if it is blank; otherwise it
    becomes a section with an empty heading, so nothing is lost.
    """
    sections: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith("# "):
            current = (line[2:].strip(), [])
            sections.append(current)
            continue
        if current is None:
            current = ("", [])
            sections.append(current)
        current[1].append(line)
    result = [(heading, "\n".join(lines).strip("\n") + ("\n" if any(lines) else "")) for heading, lines in sections]
    return [(h, b) for h, b in result if h or b.strip()]
