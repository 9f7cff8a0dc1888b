"""What each finding of ``check`` means for a lecturer, and what to do about it, in plain Vietnamese.

``core/store/integrity.py`` words its findings for support staff ("bản ghi
…: bảng … không khớp lịch sử phiên bản", in the UI language); the "Kiểm tra
dữ liệu" dialog shows each with the explanation chosen here, found by the
finding's text (integrity's templates).  Tests damage real data folders to
make every kind of finding, so a change of wording there fails here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from string import Formatter

from lecturer_app.core.store import integrity
from lecturer_app.i18n import N_, _, current_language, ngettext, written_forms

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


# (the findings of this kind as ``check`` words them, title, explanation, way out); the first match wins.
_KINDS: tuple[tuple[tuple[str, ...], str, str, str], ...] = (
    ((integrity.SQLITE_PROBLEM, integrity.BROKEN_FOREIGN_KEY), N_("Tệp cơ sở dữ liệu bị hỏng"),
     N_("Thường do mất điện, tắt máy đột ngột hoặc rút USB khi ứng dụng đang ghi, hoặc ổ đĩa có lỗi."),
     RESTORE_ADVICE),
    ((integrity.MISSING_BLOB,), N_("Thiếu một tệp đính kèm"),
     N_("Một tệp (ảnh, tài liệu đính kèm) mà giáo án hoặc câu hỏi dùng đã bị xóa khỏi thư mục dữ liệu."),
     RECOVER_ADVICE),
    ((integrity.DAMAGED_BLOB,), N_("Một tệp đính kèm bị hỏng"),
     N_("Nội dung tệp đã bị thay đổi hoặc hỏng trên ổ đĩa nên không còn khớp với bản gốc."),
     RECOVER_ADVICE),
    ((integrity.CHANGED_REVISION,), N_("Một phiên bản cũ bị thay đổi"),
     N_("Lịch sử phiên bản đã bị sửa ngoài ứng dụng hoặc bị hỏng trên ổ đĩa."), RESTORE_ADVICE),
    ((integrity.STALE_HEAD, integrity.WRONG_HEAD, integrity.DELETED_STILL_SHOWN, integrity.TABLE_MISMATCH,
      integrity.ORPHAN_HEADS), N_("Bảng tra cứu không khớp lịch sử phiên bản"),
     N_("Lịch sử các phiên bản vẫn còn, nhưng bản đang hiển thị không khớp với nó, "
        "thường do tệp dữ liệu bị sửa bằng chương trình khác."), RESTORE_ADVICE),
)
BLOB_FINDINGS = (integrity.MISSING_BLOB, integrity.DAMAGED_BLOB)


def _pattern_text(text: str) -> str:
    """A regular expression for *text* with every ``{field}`` standing for any text."""
    return "".join(re.escape(literal) + ("(?:.+?)" if field is not None else "")
                   for literal, field, _spec, _conv in Formatter().parse(text))


@lru_cache(maxsize=64)
def _pattern(templates: tuple[str, ...], language: str) -> re.Pattern[str]:
    """One expression for *templates* as ``check`` writes them in *language* (the active one), or in Vietnamese.

    A report made before the UI language changed still reads; a count's two
    English forms (ngettext) both match.
    """
    texts = sorted({text for template in templates for text in written_forms(template)})
    return re.compile("|".join(f"(?:{_pattern_text(text)})" for text in texts), re.DOTALL)


def is_finding(problem: str, *templates: str) -> bool:
    """Whether *problem* is one of *templates* filled in (in the UI language or in Vietnamese)."""
    return _pattern(templates, current_language()).fullmatch(problem) is not None


def awaited_note(count: int) -> str:
    """What *count* attachments that sync has not brought yet mean (``CheckReport.awaited_blobs``: not damage,
    sync.md §3.5: metadata syncs first, the blobs after), and the way out; "" for none."""
    if not count:
        return ""
    return ngettext("{n} tệp đính kèm nhận qua đồng bộ từ máy khác chưa được tải về. Đây không phải lỗi dữ liệu: "
                    "lần đồng bộ sau (với máy chủ của tỉnh, hoặc gói USB xuất kèm tệp «đã có» của máy này) sẽ mang "
                    "tới. Nếu đã đồng bộ mà vẫn thiếu, hãy bấm «Lấy lại từ bản sao lưu» (dòng lệnh: «lecturer-app "
                    "backup recover») hoặc nhờ máy gửi xuất lại.", count).format(n=count)


def explain(problem: str) -> Finding:
    """The Vietnamese explanation of one finding of ``check``."""
    for templates, title, explanation, advice in _KINDS:
        if is_finding(problem, *templates):
            return Finding(problem, _(title), _(explanation), _(advice))
    return Finding(problem, _("Phát hiện điều bất thường trong dữ liệu"),
                   _("Ứng dụng chưa có lời giải thích riêng cho lỗi này."), _(RESTORE_ADVICE))
