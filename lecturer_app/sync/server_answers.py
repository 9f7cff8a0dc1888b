"""The sync server's answers, read within bounds; JSON through the app's one reader (core/json_reading.py).

httpx's ``Response.json()`` takes whatever arrives, and a plain ``get`` reads
the whole body first: a broken or hostile server (or whatever answers at its
address) could send gigabytes, a gzip bomb (kilobytes inflating to
gigabytes), ``NaN``, ``1e999``, a number of 5,000 digits, or nesting a
hundred thousand deep.  Every request whose answer the app reads goes through
:func:`ask`: the body is streamed and inflated here (only gzip is asked for
and taken), and the reading stops once it passes :data:`MAX_ANSWER_BYTES`;
:func:`json_of` parses it with ``parse_json``.  What is wrong is said by a
:class:`ServerAnswerInvalid` naming the server and what the app was asking
for, raised before anything from that answer is written (a page is applied,
a mark saved, a certificate kept, only after its answer parsed).  Files
(blobs, the snapshot) are streamed to disk by ``resumable.py`` and judged by
their hash instead.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import httpx

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.core.json_reading import MAX_JSON_BYTES, parse_json
from lecturer_app.i18n import _

# The largest JSON the app reads from a file; a page of changes larger than this is asked for again in smaller
# pages (http_client._page), and the server takes no request larger either (server/app.py MAX_JSON).
MAX_ANSWER_BYTES = MAX_JSON_BYTES
# A refusal's body: only its sentence is shown (http_auth.server_message); the rest is not read.
MAX_REFUSAL_BYTES = 64 << 10
BLOCK = 64 << 10


class ServerAnswerInvalid(UserFacingError):
    """The server's answer cannot be read (too large, not JSON, numbers no value can be); nothing of it was kept."""

    def __init__(self, request: httpx.Request, doing: str, reason: str) -> None:
        self.reason = reason
        server = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        super().__init__(_(
            "Máy chủ đồng bộ {server} trả lời không hợp lệ khi {doing} ({request}): {reason}. Không có gì từ câu "
            "trả lời này được ghi vào máy; hãy báo quản trị viên máy chủ.").format(
                server=server, doing=doing, request=f"{request.method} {request.url.path}", reason=reason))


class AnswerTooLarge(ServerAnswerInvalid):
    """The answer passed MAX_ANSWER_BYTES once inflated; reading stopped there."""


def ask(http: httpx.Client, method: str, path: str, doing: str, **kwargs: Any) -> httpx.Response:
    """Send a request; its answer with the body read, at most MAX_ANSWER_BYTES once inflated.

    *doing* says what the app was doing, for the error («nhận các thay đổi mới»).  A refusal (4xx, 5xx) keeps
    only the first MAX_REFUSAL_BYTES of its body, enough for the server's sentence.
    """
    headers = {**kwargs.pop("headers", {}), "Accept-Encoding": "gzip"}
    with http.stream(method, path, headers=headers, **kwargs) as answer:
        return bounded(answer, doing)


def bounded(answer: httpx.Response, doing: str) -> httpx.Response:
    """*answer*, a streamed one, as a read answer: its body inflated here within bounds."""
    refusal = answer.status_code >= 400
    body = _body(answer, MAX_REFUSAL_BYTES if refusal else MAX_ANSWER_BYTES, doing, cut=refusal)
    # The body is inflated already: its Content-Encoding goes, or httpx would inflate it a second time.
    headers = [(k, v) for k, v in answer.headers.raw if k.lower() != b"content-encoding"]
    return httpx.Response(answer.status_code, headers=headers, content=body, request=answer.request)


def json_of(answer: httpx.Response, doing: str) -> dict[str, Any]:
    """The JSON object the (read) *answer* holds; every answer of the sync server is one."""
    try:
        value = parse_json(answer.content.decode("utf-8"), str(answer.request.url))
    except UnicodeDecodeError as exc:
        raise ServerAnswerInvalid(answer.request, doing, _("không phải văn bản UTF-8 (byte {n})").format(
            n=exc.start)) from exc
    except InputFileError as exc:
        raise ServerAnswerInvalid(answer.request, doing, exc.reason) from exc
    if not isinstance(value, dict):
        raise ServerAnswerInvalid(answer.request, doing, _("không phải một đối tượng JSON"))
    return value


def _body(answer: httpx.Response, limit: int, doing: str, *, cut: bool) -> bytes:
    """At most *limit* inflated bytes of the body; past it the answer is refused, or (*cut*) the rest dropped."""
    data = bytearray()
    for block in _inflating(answer, limit + 1, doing):
        data += block
        if len(data) > limit:
            if cut:
                return bytes(data[:limit])
            raise AnswerTooLarge(answer.request, doing, _("câu trả lời quá lớn (tối đa {mb} MB)").format(
                mb=limit >> 20))
    return bytes(data)


def _inflating(answer: httpx.Response, most: int, doing: str) -> Iterator[bytes]:
    """The body's bytes, inflated if gzipped; never more than *most* bytes out of one received block."""
    encoding = answer.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        raise ServerAnswerInvalid(answer.request, doing, _("nén theo kiểu {encoding} không được hỗ trợ").format(
            encoding=encoding[:40]))
    inflate = zlib.decompressobj(wbits=31) if encoding == "gzip" else None
    received = False
    try:
        for raw in answer.iter_raw(BLOCK):
            received = received or bool(raw)
            if inflate is None:
                yield raw
                continue
            # max_length: a bomb's block inflates only as far as the limit (the rest waits in unconsumed_tail).
            yield inflate.decompress(raw, most)
            while inflate.unconsumed_tail:
                yield inflate.decompress(inflate.unconsumed_tail, most)
    except zlib.error as exc:
        raise ServerAnswerInvalid(answer.request, doing, _("dữ liệu nén hỏng")) from exc
    if inflate is not None and received and not inflate.eof:
        raise ServerAnswerInvalid(answer.request, doing, _("dữ liệu nén bị cắt cụt"))
