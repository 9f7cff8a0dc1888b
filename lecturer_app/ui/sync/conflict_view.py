"""The heads of a record in conflict as HTML, side by side: the fields that differ.

Two heads are compared line by line: the rows come from
``core/plans/diff.line_diff`` and are coloured as in the topic history
(``ui/topic/history_html.py``), so a lecturer reads both the same way.
More heads (three machines edited one field) get one column each, a value
unlike the first head's coloured.  A deleted head is flagged, never shown
as an empty column.
"""

from __future__ import annotations

import html
import json
from typing import Any

from lecturer_app.core.plans.diff import line_diff
from lecturer_app.core.store.conflicts import differing_fields
from lecturer_app.core.store.ids import short_replica
from lecturer_app.core.store.revisions import Revision
from lecturer_app.core.text.markdown_inline import inline_html
from lecturer_app.i18n import N_, NC_, _
from lecturer_app.ui.topic.history_html import ROW_COLORS, diff_table

TYPE_NAMES = {"topic": N_("Chuyên đề"), "plan_section": N_("Mục giáo án viết"), "written_plan": N_("Giáo án viết"),
              "slide": N_("Trang chiếu"), "slide_deck": N_("Bộ trang chiếu"), "question": N_("Câu hỏi"),
              "attachment": NC_("record kind", "Tệp đính kèm"), "organization": N_("Cơ quan, đơn vị"),
              "program": N_("Chương trình"), "module": N_("Học phần")}
FIELD_NAMES = {"title": NC_("record field", "Tên"), "body": N_("Nội dung"), "heading": N_("Tiêu đề mục"),
               "stem": N_("Câu hỏi"), "code": N_("Mã"), "notes": N_("Ghi chú"), "name": N_("Tên"),
               "options": N_("Phương án")}
FLAG_STYLE = "background:#fde2e1;padding:6px;border:1px solid #c0392b"


def type_name(record_type: str) -> str:
    return _(TYPE_NAMES[record_type]) if record_type in TYPE_NAMES else record_type


def machine_name(device: str, this_device: str) -> str:
    """«máy này», or «máy» and 8 characters of the replica id that set machines apart.

    A replica id is a UUIDv7: its first 8 characters are its creation time (to about a minute), alike for
    every machine a class sets up together; the last 12 are random.
    """
    if device == this_device:
        return _("máy này")
    return _("máy {device}").format(device=short_replica(device))


def head_label(head: Revision, this_device: str = "") -> str:
    """Who made *head*, where and when (the HLC's wall-clock part)."""
    when = head.hlc[:16].replace("T", " ")
    return _("{author} · {machine} · {time}").format(author=head.author or _("(không tên)"),
                                                     machine=machine_name(head.device, this_device), time=when)


def this_machine_first(heads: list[Revision], this_device: str) -> list[Revision]:
    """*heads* with this machine's own version first, so «Bản này» (and «Lấy bản này») means the one made here."""
    return sorted(heads, key=lambda head: head.device != this_device)  # stable: the rest keep the display order


def head_titles(count: int) -> list[str]:
    """Column titles: «Bản này», «Bản kia» for two heads; «Bản 1»… «Bản N» for more."""
    if count == 2:
        return [_("Bản này"), _("Bản kia")]
    return [_("Bản {n}").format(n=n) for n in range(1, count + 1)]


def conflict_html(*heads: Revision, titles: list[str] | None = None, this_device: str = "") -> str:
    """The differing fields of every head (in the order given), side by side, one column each; *titles* names
    the columns (by default «Bản này», «Bản kia» or «Bản 1…N»); the head made on *this_device* says «máy này»."""
    titles = titles or head_titles(len(heads))
    parts = [_header(heads, titles, this_device)]
    live = [head for head in heads if not head.deleted]
    flag = _deleted_flag(heads, titles)
    if flag:
        parts.append(f"<p style='{FLAG_STYLE}'>{html.escape(flag)}</p>")
    if len(live) == 1:
        parts.append(_fields_table(live[0], live[0], list(live[0].body)))
    elif len(live) == 2 and len(heads) == 2:
        fields = differing_fields(live)
        if not fields:
            parts.append("<p>" + html.escape(_("Hai bản có cùng nội dung; chọn bản nào cũng được.")) + "</p>")
        parts.append(_fields_table(live[0], live[1], fields))
    elif live:
        parts.append(_columns_table(heads, differing_fields(live) or sorted(live[0].body)))
    return "".join(parts)


def _header(heads: tuple[Revision, ...], titles: list[str], this_device: str) -> str:
    width = 100 // len(heads)
    cells = "".join(f"<th width='{width}%' align='left'>{html.escape(title)}<br><small>"
                    f"{html.escape(head_label(h, this_device))}"
                    "</small></th>" for title, h in zip(titles, heads, strict=True))
    return f"<table width='100%' cellpadding='3'><tr>{cells}</tr></table>"


def _deleted_flag(heads: tuple[Revision, ...], titles: list[str]) -> str:
    deleted = [title for title, head in zip(titles, heads, strict=True) if head.deleted]
    if not deleted:
        return ""
    if len(deleted) == len(heads):
        return _("Cả hai bản đều là bản đã xóa.") if len(heads) == 2 else _("Mọi bản đều là bản đã xóa.")
    if len(heads) == 2:
        return _("{side} đã XÓA bản ghi; bản còn lại đã SỬA nó (nội dung sửa ở dưới). Lấy bản sửa để giữ "
                 "bản ghi; bản xóa vẫn nằm trong lịch sử.").format(side=deleted[0])
    return _("{sides} đã XÓA bản ghi; các bản còn lại đã SỬA nó (nội dung sửa ở dưới). Lấy một bản sửa để giữ "
             "bản ghi; bản xóa vẫn nằm trong lịch sử.").format(sides=", ".join(deleted))


def _columns_table(heads: tuple[Revision, ...], fields: list[str]) -> str:
    """More than two heads: per field, each head's value in its column; a value unlike the first is coloured."""
    width = 100 // len(heads)
    first = next(head for head in heads if not head.deleted)
    parts = []
    for name in fields:
        label = _(FIELD_NAMES[name]) if name in FIELD_NAMES else name
        parts.append(f"<h3>{html.escape(label)}</h3>")
        parts.append("<table width='100%' cellspacing='0' cellpadding='3' style='border-collapse:collapse'><tr>")
        for head in heads:
            text = "" if head.deleted else _text(head.body.get(name))
            changed = not head.deleted and head.body.get(name) != first.body.get(name)
            style = f" style='background:{ROW_COLORS['replace']}'" if changed else ""
            cell = "<br>".join(inline_html(line) for line in text.split("\n"))
            parts.append(f"<td width='{width}%' valign='top'{style}>{cell}</td>")
        parts.append("</tr></table>")
    return "".join(parts)


def _fields_table(left: Revision, right: Revision, fields: list[str]) -> str:
    parts = []
    for name in fields:
        label = _(FIELD_NAMES[name]) if name in FIELD_NAMES else name
        parts.append(f"<h3>{html.escape(label)}</h3>")
        parts.append(diff_table(line_diff(_text(left.body.get(name)), _text(right.body.get(name)))))
    return "".join(parts)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
