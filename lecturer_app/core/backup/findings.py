"""What each finding of ``check`` means for a lecturer, and what to do about it, in plain Vietnamese.

``core/store/integrity.py`` words its findings for support staff ("bản ghi
…: bảng … không khớp lịch sử phiên bản"); the "Kiểm tra dữ liệu" dialog
shows each with the explanation chosen here.  Tests damage real data folders
to make every kind of finding, so a change of wording there fails here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lecturer_app.i18n import N_, _

RECOVER_ADVICE = N_("Bấm «Lấy lại từ bản sao lưu»: ứng dụng tìm tệp này trong các bản sao lưu và chép lại, "
                    "không thay đổi gì khác. Nếu không bản nào có, hãy khôi phục bản sao lưu gần nhất còn tốt.")
RESTORE_ADVICE = N_("Mở «Sao lưu và khôi phục», chọn bản sao lưu gần nhất và bấm «Kiểm tra bản sao lưu»; "
                    "nếu bản đó tốt, khôi phục nó (dữ liệu hiện tại được sao lưu trước).")


@dataclass(frozen=True)
class Finding:
    """Attributes:
        problem: the finding as ``check`` words it (for support).
        title: what is wrong, in one line.
        explanation: why it happens.
        advice: the way out.
    """

    problem: str
    title: str
    explanation: str
    advice: str


# (pattern on the finding, title, explanation, way out); the first match wins.
_KINDS: tuple[tuple[str, str, str, str], ...] = (
    (r"^SQLite:", N_("Tệp cơ sở dữ liệu bị hỏng"),
     N_("Thường do mất điện, tắt máy đột ngột hoặc rút USB khi ứng dụng đang ghi, hoặc ổ đĩa có lỗi."),
     RESTORE_ADVICE),
    (r"^thiếu tệp dữ liệu", N_("Thiếu một tệp đính kèm"),
     N_("Một tệp (ảnh, tài liệu đính kèm) mà giáo án hoặc câu hỏi dùng đã bị xóa khỏi thư mục dữ liệu."),
     RECOVER_ADVICE),
    (r"^tệp dữ liệu .* bị hỏng", N_("Một tệp đính kèm bị hỏng"),
     N_("Nội dung tệp đã bị thay đổi hoặc hỏng trên ổ đĩa nên không còn khớp với bản gốc."),
     RECOVER_ADVICE),
    (r"^phiên bản .*không khớp mã băm", N_("Một phiên bản cũ bị thay đổi"),
     N_("Lịch sử phiên bản đã bị sửa ngoài ứng dụng hoặc bị hỏng trên ổ đĩa."), RESTORE_ADVICE),
    (r"^bản ghi |phiên bản đầu", N_("Bảng tra cứu không khớp lịch sử phiên bản"),
     N_("Lịch sử các phiên bản vẫn còn, nhưng bản đang hiển thị không khớp với nó, "
        "thường do tệp dữ liệu bị sửa bằng chương trình khác."), RESTORE_ADVICE),
)


def explain(problem: str) -> Finding:
    """The Vietnamese explanation of one finding of ``check``."""
    for pattern, title, explanation, advice in _KINDS:
        if re.search(pattern, problem):
            return Finding(problem, _(title), _(explanation), _(advice))
    return Finding(problem, _("Phát hiện điều bất thường trong dữ liệu"),
                   _("Ứng dụng chưa có lời giải thích riêng cho lỗi này."), _(RESTORE_ADVICE))
