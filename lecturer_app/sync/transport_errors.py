"""What a failed connection to the sync server means, said in Vietnamese.

httpx's messages ("[Errno 111] Connection refused", "Server disconnected without sending a response.") are
English and technical; a lecturer reads them in the status bar's tooltip and on Cài đặt → Máy chủ đồng bộ,
so each kind of failure gets a sentence saying what it most likely means.  The technical text goes to the
log for whoever helps them.
"""

from __future__ import annotations

import logging
import socket
import ssl

import httpx

from lecturer_app.i18n import _

log = logging.getLogger(__name__)


def reason(exc: httpx.TransportError) -> str:
    """A short Vietnamese clause for *exc* (no full stop), e.g. «kết nối bị cắt giữa chừng»."""
    log.info("sync connection failed: %s: %s", type(exc).__name__, exc)
    if isinstance(exc, httpx.ProxyError):
        return _("máy chủ trung gian (proxy) không cho kết nối đi qua")
    if isinstance(exc, httpx.TimeoutException):
        return _("máy chủ không trả lời kịp (quá thời gian chờ)")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return _("địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://")
    if isinstance(exc, httpx.ConnectError):
        return _connect_reason(exc)
    return _("kết nối bị cắt giữa chừng")


def _connect_reason(exc: BaseException) -> str:
    causes = _causes(exc)
    if any(isinstance(cause, socket.gaierror) for cause in causes) or "Name or service" in str(exc):
        return _("không tìm thấy máy chủ theo địa chỉ này (sai địa chỉ, hoặc máy chưa có mạng)")
    if any(isinstance(cause, ssl.SSLError) for cause in causes) or "SSL" in str(exc):
        return _("không lập được kết nối bảo mật (https); có thể máy chủ dùng http://")
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes) or "refused" in str(exc):
        return _("máy chủ không nhận kết nối (máy chủ chưa chạy, hoặc sai cổng)")
    return _("không kết nối được (máy chưa có mạng, hoặc máy chủ không mở)")


def _causes(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(found) < 10:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found
