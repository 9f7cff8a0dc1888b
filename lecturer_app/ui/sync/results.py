"""What the lecturer reads after a bundle export or import, and the question before trusting a new device."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from lecturer_app.i18n import _
from lecturer_app.ui.sync.conflict_view import type_name
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

# Rejected revisions listed by name; the rest are counted (a bundle may reject thousands).
SHOWN_REJECTIONS = 8


def export_summary(report: Any, fingerprint: str, bank_total: int | None = None) -> str:
    """*bank_total*: the bank's revisions here when a want file was used (a full bundle holds at most those)."""
    lines = [_("Đã xuất {path}: {r} phiên bản, {b} tệp dữ liệu.").format(
        path=report.path, r=report.revisions, b=report.blobs)]
    if bank_total is not None:
        lines.append(_("Chỉ phần máy nhận chưa có: {r} trong {total} phiên bản của ngân hàng trên máy này "
                       "(gói đầy đủ sẽ mang cả {total}).").format(r=report.revisions, total=bank_total))
    if len(report.parts) > 1:
        lines.append(_("Gói chia thành {n} phần; chép đủ các phần.").format(n=len(report.parts)))
    if report.unsigned_skipped:
        lines.append(_("{n} phiên bản chưa có chữ ký không được gửi.").format(n=report.unsigned_skipped))
    lines.append(_("Mang gói tới máy kia và chọn Tệp › Nhập gói đồng bộ…"))
    lines.append(_("Dấu vân tay máy này (máy kia sẽ hỏi để so): {fp}").format(fp=fingerprint))
    return "\n".join(lines)


def want_summary(path: Any) -> str:
    return _("Đã ghi tệp «đã có» {path}.\n\nMang tệp này (trên USB) tới máy gửi. Ở đó, trong Tệp › Xuất gói "
             "đồng bộ (USB)…, chọn tệp này ở ô «Chỉ xuất phần máy nhận chưa có»: gói sẽ nhỏ hơn nhiều.").format(
        path=path)


def import_summary(report: Any) -> str:
    if report.already_imported and not report.revisions_new:
        return _("Gói {name} đã được nhập trước đây: không có gì thay đổi.").format(name=report.path.name)
    lines = [_("Đã nhập {name}: {new} phiên bản mới, {known} đã có, {blobs} tệp dữ liệu mới.").format(
        name=report.path.name, new=report.revisions_new, known=report.revisions_known, blobs=report.blobs_new)]
    if report.conflicts_new:
        lines.append(_("{n} bản ghi bị sửa khác nhau ở hai máy: xem nút «Xung đột» ở thanh trạng thái.").format(
            n=report.conflicts_new))
    lines.extend(_("Đã tin cậy thiết bị mới {fp}.").format(fp=fp) for fp in report.new_devices)
    return "\n".join(lines + _rejections(report.rejected))


def _rejections(rejected: list[dict[str, str]]) -> list[str]:
    if not rejected:
        return []
    lines = [_("Từ chối {n} phiên bản:").format(n=len(rejected))]
    lines.extend(_("- {type} «{title}»: {reason}").format(
        type=type_name(item["type"]), title=item.get("title") or item["record_id"][:12], reason=item["reason"])
                 for item in rejected[:SHOWN_REJECTIONS])
    if len(rejected) > SHOWN_REJECTIONS:
        lines.append(_("… và {n} phiên bản khác.").format(n=len(rejected) - SHOWN_REJECTIONS))
    lines.append(_("Bấm «Chi tiết…» để xem từng phiên bản: chữ ký ghi thiết bị nào, vì sao bị từ chối, cần làm gì."))
    return lines


def summary_box(title: str, text: str, warn: bool, parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Close, parent)
    translate_buttons(box)
    return box


def trust_question(fingerprints: list[str], parent: QWidget | None) -> QMessageBox:
    """Asks whether to trust the devices *fingerprints*; Yes means import with trust_new."""
    text = _("Gói này đến từ thiết bị chưa được tin cậy trên máy này.\n\nDấu vân tay:\n{fps}\n\n"
             "Hãy hỏi người gửi dấu vân tay máy của họ (in trong thông báo khi họ xuất gói) và so từng ký tự. "
             "Chỉ tin cậy khi trùng khớp.").format(fps="\n".join(fingerprints))
    box = QMessageBox(QMessageBox.Icon.Question, _("Tin cậy thiết bị mới?"), text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    translate_buttons(box)  # first: it would put the stock «Có»/«Không» over the texts below
    box.button(QMessageBox.StandardButton.Yes).setText(_("Tin cậy và nhập"))
    box.button(QMessageBox.StandardButton.No).setText(_("Không nhập"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box
