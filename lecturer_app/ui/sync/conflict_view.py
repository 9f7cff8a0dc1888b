"""Two heads of a record in conflict as HTML, side by side: the fields that differ, line by line.

The rows come from ``core/plans/diff.line_diff`` and are coloured as in the
topic history (``ui/topic/history_panel.py``), so a lecturer reads both the
same way.  A deleted head is shown as a flagged column, never as an empty one.
"""

from __future__ import annotations

import html
import json
from typing import Any

from lecturer_app.core.plans.diff import line_diff
from lecturer_app.core.store.conflicts import differing_fields
from lecturer_app.core.store.revisions import Revision
from lecturer_app.core.text.markdown_inline import inline_html
from lecturer_app.i18n import N_, _
from lecturer_app.ui.topic.history_panel import ROW_COLORS

TYPE_NAMES = {"topic": N_("Chuyên đề"), "plan_section": N_("Mục giáo án viết"), "written_plan": N_("Giáo án viết"),
              "slide": N_("Trang chiếu"), "slide_deck": N_("Bộ trang chiếu"), "question": N_("Câu hỏi"),
              "attachment": N_("Tệp đính kèm"), "organization": N_("Cơ quan, đơn vị"),
              "program": N_("Chương trình"), "module": N_("Học phần")}
FIELD_NAMES = {"title": N_("Tên"), "body": N_("Nội dung"), "heading": N_("Tiêu đề mục"), "stem": N_("Câu hỏi"),
               "code": N_("Mã"), "notes": N_("Ghi chú"), "name": N_("Tên"), "options": N_("Phương án")}
FLAG_STYLE = "background:#fde2e1;padding:6px;border:1px solid #c0392b"


def type_name(record_type: str) -> str:
    return _(TYPE_NAMES[record_type]) if record_type in TYPE_NAMES else record_type


def head_label(head: Revision) -> str:
    """Who made *head*, where and when (the HLC's wall-clock part)."""
    when = head.hlc[:16].replace("T", " ")
    return _("{author} · máy {device} · {time}").format(author=head.author or _("(không tên)"),
                                                        device=head.device[:8], time=when)


def conflict_html(left: Revision, right: Revision, titles: tuple[str, str] | None = None) -> str:
    """The differing fields of *left* (bản này) and *right* (bản kia) as tables; *titles* names the columns."""
    parts = [_header(left, right, titles or (_("Bản này"), _("Bản kia")))]
    flag = _deleted_flag(left, right)
    if flag:
        parts.append(f"<p style='{FLAG_STYLE}'>{html.escape(flag)}</p>")
        shown = left if not left.deleted else right
        parts.append(_fields_table(shown, shown, list(shown.body)))
        return "".join(parts)
    fields = differing_fields([left, right])
    if not fields:
        parts.append("<p>" + html.escape(_("Hai bản có cùng nội dung; chọn bản nào cũng được.")) + "</p>")
    parts.append(_fields_table(left, right, fields))
    return "".join(parts)


def _header(left: Revision, right: Revision, titles: tuple[str, str]) -> str:
    cells = "".join(f"<th width='50%' align='left'>{html.escape(title)}<br><small>{html.escape(head_label(h))}"
                    "</small></th>" for title, h in zip(titles, (left, right)))
    return f"<table width='100%' cellpadding='3'><tr>{cells}</tr></table>"


def _deleted_flag(left: Revision, right: Revision) -> str:
    if left.deleted and right.deleted:
        return _("Cả hai bản đều là bản đã xóa.")
    if left.deleted or right.deleted:
        side = _("Bản này") if left.deleted else _("Bản kia")
        return _("{side} đã XÓA bản ghi; bản còn lại đã SỬA nó (nội dung sửa ở dưới). Lấy bản sửa để giữ "
                 "bản ghi; bản xóa vẫn nằm trong lịch sử.").format(side=side)
    return ""


def _fields_table(left: Revision, right: Revision, fields: list[str]) -> str:
    parts = []
    for name in fields:
        label = _(FIELD_NAMES[name]) if name in FIELD_NAMES else name
        parts.append(f"<h3>{html.escape(label)}</h3>")
        parts.append("<table width='100%' cellspacing='0' cellpadding='3' style='border-collapse:collapse'>")
        for row in line_diff(_text(left.body.get(name)), _text(right.body.get(name))):
            color = ROW_COLORS.get(row.kind, "")
            style = f" style='background:{color}'" if color else ""
            parts.append(f"<tr><td width='50%'{style}>{inline_html(row.left)}</td>"
                         f"<td width='50%'{style}>{inline_html(row.right)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
