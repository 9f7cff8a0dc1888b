"""The summaries the app itself writes on a revision: Vietnamese whatever the UI language, shown translated.

A revision's summary travels with it to every machine of the province (the
history is shared), so what the app writes there is worded once, in the
bank's language, never in the language of the screen it was made on: a
lecturer using the English UI wrote «Deleted the question» into a history
his colleagues read in Vietnamese.  A history list shows each of these in its
own UI language (:func:`summary_text`), including those with a name in them,
read back through their template.  Summaries people type stay as typed.
"""

from __future__ import annotations

import re

from lecturer_app.i18n import N_, _

AUTOSAVE = N_("Tự động lưu")
DISCARD = N_("Bỏ các thay đổi chưa lưu phiên bản")
SAVE_BLUEPRINT = N_("Lưu ma trận đề")
ORGANIZATION_SETTINGS = N_("Cài đặt cơ quan, đơn vị")
ORGANIZATION_UPDATE = N_("Cập nhật đơn vị")
HEADER_TEMPLATE = N_("Mẫu tiêu đề của đơn vị")
NEW_TOPIC = N_("Tạo chuyên đề")
CATALOG_IMPORT = N_("Nhập danh mục")
EDIT_QUESTION = N_("Sửa câu hỏi")
ADD_QUESTION = N_("Thêm câu hỏi")
DELETE_QUESTIONS = N_("Xóa câu hỏi")
UNDO_DELETE = N_("Hoàn tác xóa câu hỏi")
UNDO_MERGE = N_("Hoàn tác gộp câu hỏi")
MARK_OFFICIAL = N_("Đánh dấu chính thức")
RESOLVE_CONFLICT = N_("Giải quyết xung đột")
MERGE_DUPLICATES = N_("Gộp câu hỏi trùng")
# With a name in them: written with str.format, read back through the template.
DELETE_ATTACHMENT = N_("Xóa tệp đính kèm {name}")
IMPORT_DECK = N_("Nhập giáo án điện tử từ {name}")
IMPORT_PLAN = N_("Nhập giáo án viết từ {name}")
IMPORT_QUESTIONS = N_("Nhập từ {name}")
RESTORE_REVISION = N_("Khôi phục phiên bản {rev}")
MERGED_INTO = N_("Gộp vào câu hỏi {id}")
# «Khôi phục» from the history: the summary of the version brought back, itself shown translated when it is ours.
RESTORED_FROM = N_("Khôi phục: {summary}")

_PLAIN = frozenset((AUTOSAVE, DISCARD, SAVE_BLUEPRINT, ORGANIZATION_SETTINGS, ORGANIZATION_UPDATE, HEADER_TEMPLATE,
                    NEW_TOPIC, CATALOG_IMPORT, EDIT_QUESTION, ADD_QUESTION, DELETE_QUESTIONS, UNDO_DELETE, UNDO_MERGE,
                    MARK_OFFICIAL, RESOLVE_CONFLICT, MERGE_DUPLICATES))
_TEMPLATES = (DELETE_ATTACHMENT, IMPORT_DECK, IMPORT_PLAN, IMPORT_QUESTIONS, RESTORE_REVISION, MERGED_INTO,
              RESTORED_FROM)


def _pattern(template: str) -> re.Pattern[str]:
    """*template* as a pattern whose named groups are its fields: "Nhập từ {name}" → "Nhập\\ từ\\ (?P<name>.+)"."""
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+)", re.escape(template)), re.DOTALL)


_READ_BACK = tuple((template, _pattern(template)) for template in _TEMPLATES)


def summary_text(summary: str) -> str:
    """A revision's summary as a history list shows it: the app's own summaries in the interface's language."""
    if summary in _PLAIN:
        return _(summary)
    for template, pattern in _READ_BACK:
        found = pattern.fullmatch(summary)
        if found:
            fields = found.groupdict()
            if "summary" in fields:
                fields["summary"] = summary_text(fields["summary"])
            return _(template).format(**fields)
    return summary
