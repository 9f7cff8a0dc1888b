"""A PowerPoint shape's name as a Vietnamese lecturer reads it in an import report.

PowerPoint names every new shape in the language of the program that made it
("Chart Placeholder 2", "Picture 5", "TextBox 3").  The import report names a
dropped shape so the lecturer can find it on the slide; an English default
name says nothing to a Vietnamese reader, so it is put in Vietnamese ("ô biểu
đồ 2").  A name the author gave the shape is kept as it is.
"""

from __future__ import annotations

import re

from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import N_, _

# PowerPoint's default names (English UI), longest first so "Text Placeholder" wins over "Text".
DEFAULT_NAMES: dict[str, str] = {
    "chart placeholder": N_("ô biểu đồ"), "content placeholder": N_("ô nội dung"),
    "picture placeholder": N_("ô hình"), "table placeholder": N_("ô bảng"), "text placeholder": N_("ô chữ"),
    "smartart placeholder": N_("ô SmartArt"), "media placeholder": N_("ô đa phương tiện"),
    "slide number placeholder": N_("số trang"), "footer placeholder": N_("chân trang"),
    "date placeholder": N_("ngày tháng"), "straight arrow connector": N_("mũi tên"),
    "straight connector": N_("đường thẳng"), "elbow connector": N_("đường gấp khúc"),
    "curved connector": N_("đường cong"), "rounded rectangle": N_("hình chữ nhật bo góc"),
    "subtitle": N_("phụ đề"), "title": N_("tiêu đề"), "chart": N_("biểu đồ"), "diagram": N_("sơ đồ"),
    "picture": N_("hình"), "graphic": N_("hình vẽ"), "table": N_("bảng"), "textbox": N_("hộp chữ"),
    "text box": N_("hộp chữ"), "group": N_("nhóm hình"), "rectangle": N_("hình chữ nhật"),
    "oval": N_("hình tròn"), "line": N_("đường kẻ"), "freeform": N_("hình vẽ tay"), "object": N_("đối tượng"),
    "video": N_("video"), "audio": N_("âm thanh"), "ink": N_("nét vẽ"),
}
_DEFAULT = re.compile(r"^(?P<kind>[A-Za-z ]+?)\s*(?P<number>\d+)?$")


def shape_label(name: str | None) -> str:
    """" (ô biểu đồ 2)" for "Chart Placeholder 2", " (Sơ đồ tổ chức)" for an author's own name, "" for none."""
    if not name:
        return ""
    name = nfc(name).strip()
    found = _DEFAULT.match(name)
    kind = DEFAULT_NAMES.get(found["kind"].strip().lower()) if found else None
    if found is None or kind is None:
        return f" ({name})"
    return f" ({_(kind)} {found['number']})" if found["number"] else f" ({_(kind)})"
