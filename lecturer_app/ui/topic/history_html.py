"""The History tab's lower pane as HTML: plan sections, slides and other records, one visual style.

Every text comparison is a two-column table of line rows (``core/plans/diff``),
coloured by kind; the sync conflicts view uses the same table.  The content
comes computed from core (``core/bank/revision_change``); this module only
renders it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from lecturer_app.core.bank.attachments import human_size
from lecturer_app.core.bank.revision_change import RecordChange, RevisionChange
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.labels import topic_status_label
from lecturer_app.core.plans.diff import ADDED, REMOVED, SAME, DiffRow, SectionDiff
from lecturer_app.core.plans.slide_diff import MOVED, SlideDiff
from lecturer_app.core.slides.themes import load_theme
from lecturer_app.core.text.markdown_inline import inline_html
from lecturer_app.i18n import N_, NC_, _, ngettext
from lecturer_app.ui.plan.plan_header_form import FIELD_LABELS as HEADER_LABELS
from lecturer_app.ui.topic.attachment_model import ROLE_LABELS
from lecturer_app.ui.topic.history_model import TYPE_LABELS

ROW_COLORS = {"delete": "#fde2e1", "insert": "#dcf5dc", "replace": "#fff3c4"}
STATUS_TEXT = {ADDED: N_("mục mới"), REMOVED: N_("đã xóa"), "changed": N_("có thay đổi"), MOVED: N_("đổi vị trí")}
SLIDE_STATUS = {ADDED: N_("trang mới"), REMOVED: N_("đã xóa")}
# The slide editor's own names for the parts (ui/deck/slide_form.py), so both read alike.
PART_LABELS = {"title": N_("Tiêu đề"), "subtitle": N_("Phụ đề"), "bullets": N_("Nội dung"),
               "right_bullets": N_("Cột phải"), "table": N_("Bảng"), "images": N_("Ảnh"), "url": N_("Liên kết"),
               "notes": N_("Ghi chú")}
RECORD_FIELDS = {
    "topic": {"code": N_("Mã chuyên đề"), "title": N_("Tên chuyên đề"), "periods": N_("Số tiết"),
              "audience": N_("Đối tượng"), "legal_basis": N_("Căn cứ"), "year": N_("Năm"),
              "version": N_("Phiên bản"), "status": NC_("topic field", "Tình trạng"),
              "memberships": N_("Chương trình")},
    "slide_deck": {"title": N_("Tiêu đề"), "theme": N_("Mẫu trình bày"),
                   "source_attachment_ids": N_("Bản trình chiếu gốc")},
    "attachment": {"filename": N_("Tên tệp"), "sha256": N_("Nội dung tệp"), "size": N_("Dung lượng"),
                   "mime": N_("Kiểu tệp"), "role": N_("Loại")},
}
SUBTLE = "style='color:#666'"


def diff_table(rows: Sequence[DiffRow]) -> str:
    """Line-diff *rows* as a two-column HTML table, changed lines coloured by their kind."""
    parts = ["<table width='100%' cellspacing='0' cellpadding='3' style='border-collapse:collapse'>"]
    for row in rows:
        color = ROW_COLORS.get(row.kind, "")
        style = f" style='background:{color}'" if color else ""
        # Bold shown as bold, not as "**" (issue #15): the lecturer compares text, not Markdown.
        parts.append(f"<tr><td width='50%'{style}>{inline_html(row.left)}</td>"
                     f"<td width='50%'{style}>{inline_html(row.right)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def diff_html(diffs: list[SectionDiff], show_same: bool = False) -> str:
    """The diff as an HTML table per section: old text left, new text right."""
    parts = []
    shown = [d for d in diffs if show_same or d.status != SAME]
    if not shown:
        unchanged = _("Phiên bản này không thay đổi nội dung giáo án viết (có thể là một lần đặt tên "
                      "phiên bản, hoặc thay đổi ở trang chiếu, thông tin chuyên đề, tệp đính kèm).")
        return "<p>" + html.escape(unchanged) + "</p>"
    for diff in shown:
        heading = html.escape(diff.heading or diff.old_heading)
        status = _(STATUS_TEXT.get(diff.status, "")) if diff.status != SAME else _("không đổi")
        if diff.old_heading and diff.old_heading != diff.heading and diff.status != REMOVED:
            heading = f"{html.escape(diff.old_heading)} → {heading}"
        parts.append(f"<h3>{heading} <small {SUBTLE}>({html.escape(status)})</small></h3>")
        parts.append(diff_table(diff.rows))
    return "".join(parts)


def _slide_heading(diff: SlideDiff) -> str:
    number = diff.number or diff.old_number
    title = html.escape(diff.title)
    if diff.old_title != diff.title and diff.status not in (ADDED, REMOVED):
        title = f"{html.escape(diff.old_title)} → {title}"
    status = _(SLIDE_STATUS.get(diff.status) or STATUS_TEXT.get(diff.status, "")) if diff.changed else _("không đổi")
    name = html.escape(_("Trang chiếu {number}").format(number=number))
    return f"<h3>{name}: {title} <small {SUBTLE}>({html.escape(status)})</small></h3>"


def _layout_name(layout: str) -> str:
    # Imported here: the slide list model brings the slide layout engine, which the sync conflicts view
    # (it shares diff_table) must not load; a layout change is only shown once a topic's slides are open.
    from lecturer_app.ui.deck.slide_list_model import LAYOUT_LABELS

    return _(LAYOUT_LABELS[layout]) if layout in LAYOUT_LABELS else layout


def _slide_html(diff: SlideDiff) -> str:
    parts = [_slide_heading(diff)]
    if diff.moved:
        parts.append("<p>" + html.escape(_("Vị trí: trang {old} → trang {new}").format(
            old=diff.old_number, new=diff.number)) + "</p>")
    if diff.old_layout and diff.layout and diff.old_layout != diff.layout:
        parts.append("<p>" + html.escape(_("Bố cục: {old} → {new}").format(
            old=_layout_name(diff.old_layout), new=_layout_name(diff.layout))) + "</p>")
    for part in diff.parts:
        parts.append(f"<p style='margin:6px 0 2px 0'><b>{html.escape(_(PART_LABELS[part.name]))}</b></p>")
        parts.append(diff_table(part.rows))
    return "".join(parts)


def slides_html(diffs: list[SlideDiff], show_same: bool = False) -> str:
    """Each shown slide: its heading, a moved or re-laid-out note, then its parts side by side."""
    shown = [d for d in diffs if show_same or d.changed]
    if not shown:
        return "<p>" + html.escape(_("Không có trang chiếu nào thay đổi.")) + "</p>"
    return "".join(_slide_html(d) for d in shown)


def _field_label(record_type: str, name: str) -> str:
    if name.startswith("header."):
        key = name.split(".", 1)[1]
        return _(HEADER_LABELS[key]) if key in HEADER_LABELS else key
    labels = RECORD_FIELDS.get(record_type, {})
    return _(labels[name]) if name in labels else name


def _value(value: Any) -> str:
    """A field value as one short line; a list of records only by its length (ids mean nothing to a reader)."""
    if value is None or value == "":
        return _("(trống)")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return ", ".join(value) or _("(trống)")
        return ngettext("{count} mục", len(value)).format(count=len(value))
    text = " ".join(str(value).split())
    return text if len(text) <= 160 else text[:159] + "…"


def _theme_name(name: str) -> str:
    try:
        return _(load_theme(name).label)   # the shipped names are in the catalogue
    except InputFileError:
        return name   # a theme from a newer version, or removed: its name is all there is


def _field_value(record_type: str, name: str, value: Any) -> str:
    """*value* as the editor of that record shows it: theme, role and topic status by name, size in kB/MB."""
    if record_type == "slide_deck" and name == "theme" and isinstance(value, str):
        return _theme_name(value)
    if record_type == "attachment" and name == "size" and isinstance(value, int):
        return human_size(value)
    if record_type == "attachment" and name == "role" and value in ROLE_LABELS:
        return _(ROLE_LABELS[value])
    if record_type == "topic" and name == "status" and isinstance(value, str):
        return topic_status_label(value)  # «Hiện hành», not the stored code hien_hanh
    return _value(value)


def _field_line(record_type: str, name: str, value: Any) -> str:
    return f"{_field_label(record_type, name)}: {_field_value(record_type, name, value)}"


def record_html(change: RecordChange, single: bool = True) -> str:
    """A sentence naming the changed fields, then each one old (left) against new (right)."""
    kind = _(TYPE_LABELS[change.type]) if change.type in TYPE_LABELS else change.type
    what = f"{kind}: {change.label}" if change.label else kind
    if not change.fields:
        text = (_("Phiên bản này không thay đổi nội dung của {what} (có thể chỉ là một lần đặt tên phiên bản).")
                if single else _("{what} không thay đổi giữa hai thời điểm này."))
        return "<p>" + html.escape(text.format(what=what)) + "</p>"
    names = ", ".join(_field_label(change.type, f.name) for f in change.fields)
    if change.deleted:
        sentence = _("Phiên bản này xóa {what}.").format(what=what)
    elif single:
        sentence = _("Phiên bản này thay đổi: {fields}.").format(fields=names)
    else:
        sentence = _("{what} thay đổi: {fields}.").format(what=what, fields=names)
    row_kind = "insert" if change.created else ("delete" if change.deleted else "replace")
    rows = [DiffRow(row_kind, "" if change.created else _field_line(change.type, f.name, f.old),
                    "" if change.deleted else _field_line(change.type, f.name, f.new)) for f in change.fields]
    return f"<h3>{html.escape(what)}</h3><p>{html.escape(sentence)}</p>" + diff_table(rows)


def change_html(change: RevisionChange, show_same: bool = False, single: bool = True) -> str:
    """Everything the selection concerns: plan sections, then slides, then other records."""
    parts = []
    others = bool(change.records) or change.slides is not None
    if change.sections is not None:
        # A header-only change of the plan says so in its fields; "no change in the plan" would mislead.
        if not others or show_same or any(d.changed for d in change.sections):
            parts.append(diff_html(change.sections, show_same))
    if change.slides is not None:
        if single and not any(d.changed for d in change.slides):
            # A named version of an autosaved slide repeats its content: say so, then show the slide as it is.
            parts.append("<p>" + html.escape(_("Phiên bản này không thay đổi nội dung trang chiếu (có thể là "
                                               "một lần đặt tên phiên bản).")) + "</p>")
        # One selected slide revision is shown whole: the unchanged lines give the changed ones their place.
        parts.append(slides_html(change.slides, show_same or single))
    parts.extend(record_html(record, single) for record in change.records)
    return "".join(parts)
