"""A written plan gathered for printing: what the DOCX and PDF writers both draw.

``plan_document`` collects the topic, the plan's header fields, its sections
and the organisation header; ``title_lines`` and ``field_lines`` give the
opening lines in the order both writers print them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Organization, PlanSection, Topic
from lecturer_app.core.org_header import HeaderSpec, header_spec
from lecturer_app.core.plans.outline import SKELETON
from lecturer_app.core.text.normalize import fold, scrub_xml_illegal, xml_safe
from lecturer_app.i18n import _

ImageSource = Callable[[str], "bytes | None"]

# The written plan is a Vietnamese document whatever the UI language (i18n.Translator says why).
DOCUMENT_TITLE = "GIÁO ÁN"
PART_A_HEADING = "A. KẾ HOẠCH BÀI GIẢNG"
FIELD_LABELS: tuple[tuple[str, str], ...] = (
    ("chuong_trinh", "Chương trình"),
    ("doi_tuong", "Đối tượng"),
    ("thoi_gian", "Thời gian"),
    ("nguoi_soan", "Người soạn"),
    ("ngay_soan", "Ngày soạn"),
    ("ngay_giang", "Ngày giảng"),
)
SIGNER_LABEL = "NGƯỜI SOẠN"
_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_SKELETON_KINDS = {kind for kind, _heading in SKELETON if kind != "noi_dung"}


@dataclass
class PlanDocument:
    """Everything a written-plan document shows.

    Attributes:
        topic: the topic; header: the plan's header fields (PLAN_HEADER_FIELDS keys).
        sections: (heading, Markdown body) in order, with "A. KẾ HOẠCH BÀI GIẢNG"
            inserted before the plan part when the plan has a "B." part but no "A.".
        organization: the issuing body of the header, or None (no issuing body, the Party heading only).
    """

    topic: Topic
    header: dict[str, str] = field(default_factory=dict)
    sections: list[tuple[str, str]] = field(default_factory=list)
    organization: Organization | None = None

    @property
    def title(self) -> str:
        return self.header.get("ten_bai") or self.topic.title

    @property
    def signed_on(self) -> date | None:
        match = _DATE.match(self.header.get("ngay_soan", ""))
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None

    def header_spec(self) -> HeaderSpec:
        return header_spec(self.organization, on=self.signed_on)

    def field_lines(self) -> list[tuple[str, str]]:
        """(label, value) for each filled header field."""
        return [(label, self.header[key]) for key, label in FIELD_LABELS if self.header.get(key, "").strip()]

    def signer(self) -> str:
        return self.header.get("nguoi_soan", "").strip()


def plan_document(bank: LessonBank, topic: Topic, organization: Organization | None) -> PlanDocument:
    """The written plan of *topic*.

    Raises:
        UserFacingError: the topic has no written plan.
    """
    plan = bank.plan(topic.id)
    if plan is None:
        raise UserFacingError(_("Chuyên đề {code} chưa có giáo án viết.").format(code=topic.code))
    header = dict(plan.header)
    sections, body_signer = without_signature(_with_part_a(bank.sections(plan.id)))
    if body_signer and not header.get("nguoi_soan", "").strip():
        header["nguoi_soan"] = body_signer
    document = PlanDocument(topic, header, sections, organization)
    # Text stored before the import boundary removed them: one NUL would make the DOCX writer fail.
    document.sections = [(xml_safe(heading), xml_safe(body)) for heading, body in document.sections]
    scrub_xml_illegal(document)
    return document


def without_signature(sections: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], str]:
    """The sections without a signature typed at the end of the last one, and the name it held.

    Plans typed in Word (and the shipped samples) end with "**Người soạn**" and a
    name; the writers print their own signature block, so the typed one would
    appear twice.  Returns the name ("" when there was none).
    """
    if not sections:
        return sections, ""
    heading, body = sections[-1]
    lines = body.rstrip().split("\n")
    for index in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
        if _is_signer_label(lines[index]):
            names = [line.strip().strip("*_").strip() for line in lines[index + 1:] if line.strip()]
            names = [name for name in names if not name.startswith("(")]   # "(Ký, ghi rõ họ tên)"
            kept = "\n".join(lines[:index]).rstrip()
            return [*sections[:-1], (heading, kept + "\n" if kept else "")], names[-1] if names else ""
    return sections, ""


def _is_signer_label(line: str) -> bool:
    return fold(line.strip().strip("*_#").strip().rstrip(":").strip()) == "nguoi soan"


def _with_part_a(sections: list[PlanSection]) -> list[tuple[str, str]]:
    pairs = [(s.heading, s.body) for s in sections]
    has_b = any(s.heading.strip().upper().startswith("B.") for s in sections)
    has_a = any(s.heading.strip().upper().startswith("A.") for s in sections)
    first_plan = next((i for i, s in enumerate(sections) if s.kind in _SKELETON_KINDS), None)
    if has_b and not has_a and first_plan is not None:
        pairs.insert(first_plan, (PART_A_HEADING, ""))
    return pairs
