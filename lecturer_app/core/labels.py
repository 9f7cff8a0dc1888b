"""The one table of names a screen shows for question types and statuses.

File formats keep their own spellings (the Excel template's cells in
``formats/question_template.py``, the blueprint workbook's in
``exporters/exam/blueprint_xlsx.py``); screens, reports and the CLI use these.
"""

from __future__ import annotations

from lecturer_app.i18n import N_, _

QUESTION_TYPE_LABELS = {
    "single_choice": N_("Nhiều lựa chọn"),
    "multiple_choice": N_("Nhiều đáp án đúng"),
    "true_false_4": N_("Đúng/Sai 4 ý"),
    "short_answer": N_("Trả lời ngắn"),
    "essay": N_("Tự luận"),
    "oral": N_("Vấn đáp"),
}
QUESTION_STATUS_LABELS = {"draft": N_("Nháp"), "approved": N_("Đã duyệt")}
TOPIC_STATUS_LABELS = {"hien_hanh": N_("Hiện hành"), "da_thay_the": N_("Đã thay thế")}


def type_label(question_type: str) -> str:
    """The name of a question type as teachers say it, in the UI language."""
    return _(QUESTION_TYPE_LABELS[question_type]) if question_type in QUESTION_TYPE_LABELS else question_type


def question_status_label(status: str) -> str:
    return _(QUESTION_STATUS_LABELS[status]) if status in QUESTION_STATUS_LABELS else status


def topic_status_label(status: str) -> str:
    return _(TOPIC_STATUS_LABELS[status]) if status in TOPIC_STATUS_LABELS else status
