"""The HTTP API (sync.md §3.6) on Starlette: thin handlers over revs.py, uploads.py and accounts.py.

Every handler authenticates first (``Authorization: Bearer <token>`` from
``/v1/login``), reads a bounded JSON body, and answers 4xx for anything it
cannot take — before writing anything.  Responses are gzip-compressed when
the client accepts it.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.core.json_reading import parse_json
from lecturer_app.server import bundles, revs, snapshot_worker, snapshots, uploads
from lecturer_app.server.accounts import LoginRefused, User, login, session_user
from lecturer_app.server.context import PROTOCOL, ServerContext
from lecturer_app.server.device_auth import DeviceLoginRefused, challenge, device_login
from lecturer_app.server.home_page import home_page
from lecturer_app.server.limits import SlowBody
from lecturer_app.server.openapi import openapi
from lecturer_app.server.repository import RepositoryBusy
from lecturer_app.server.revs import BadRequest
from lecturer_app.sync.bundle_format import BundleError
from lecturer_app.sync.trust import TrustError, issue_certificate, make_revocation_list

MAX_JSON = 32 << 20
REQUEST_BODY = "request body"  # what a problem in a body is said to be in (core/json_reading names a source)
# Cursors and counters are 64-bit signed integers in both engines; a larger number is a bad request.
MAX_INT = (1 << 63) - 1
Handler = Callable[[Request], Awaitable[Response]]
# uvicorn's own error log, so the line appears beside uvicorn's in what ``server run`` prints.
log = logging.getLogger("uvicorn.error")


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _error(status: int, message: str) -> JSONResponse:
    # A body left unread (too large, too slow) must not keep the connection: the client is told to close.
    headers = {"Connection": "close"} if status in (408, 413) else None
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def guarded(handler: Handler) -> Handler:
    """Turn the domain's refusals into 4xx answers."""
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except HttpError as exc:
            return _error(exc.status, str(exc))
        except (LoginRefused, uploads.UploadProblem) as exc:
            return _error(exc.status, str(exc))
        except DeviceLoginRefused as exc:  # the code tells the app which message to show
            return JSONResponse({"error": str(exc), "code": exc.code}, status_code=exc.status)
        except (BadRequest, TrustError) as exc:
            return _error(400, str(exc))
        except SlowBody as exc:
            return _error(408, str(exc))
        except ClientDisconnect as exc:
            # A dropped line or a closed laptop, not a server fault: one line, no traceback (nobody reads the answer).
            log.warning("%s %s: %s", request.method, request.url.path, str(exc) or "the client disconnected")
            return _error(400, "the client disconnected")
        except RepositoryBusy:
            answer = _error(503, "the database is busy; retry shortly")
            answer.headers["Retry-After"] = "1"
            return answer
    return wrapped


async def read_json(request: Request) -> Any:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_JSON):
        raise HttpError(413, "body too large")
    data = await _body(request)
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"malformed JSON: {exc}") from exc
    # The app's one bounded reader: NaN, Infinity, 1e999, a number of thousands of digits and nesting past
    # Python's limit are refused as a bad request, never taken as numbers or left to crash the worker.
    body = json_body(text, REQUEST_BODY)
    try:
        storable = revs.plain_text(text) or revs.storable(body)
    except RecursionError as exc:  # nested just under the reader's limit, deeper than any request of this API
        raise HttpError(400, "malformed JSON: nested too deeply") from exc
    if not storable:
        raise HttpError(400, "text with U+0000 or a lone surrogate")
    return body


def json_body(text: str, source: str) -> Any:
    """The JSON value in *text* (a request body, a line of an uploaded bundle), or a 400 saying what is wrong."""
    try:
        return parse_json(text, source)
    except InputFileError as exc:
        raise HttpError(400, f"malformed JSON: {exc}") from exc


async def _body(request: Request) -> bytes:
    """The request body, at most MAX_JSON bytes once inflated (``Content-Encoding: gzip`` is taken)."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        raise HttpError(415, "Content-Encoding is gzip or none")
    inflate = zlib.decompressobj(wbits=31) if encoding == "gzip" else None
    data = bytearray()
    try:
        async for chunk in request.stream():
            # At most one byte past the cap is inflated: a small bomb cannot fill the memory.
            data += inflate.decompress(chunk, MAX_JSON + 1 - len(data)) if inflate else chunk
            if len(data) > MAX_JSON or (inflate and inflate.unconsumed_tail):
                raise HttpError(413, "body too large")
    except zlib.error as exc:
        raise HttpError(400, f"malformed gzip body: {exc}") from exc
    if inflate and not inflate.eof:
        raise HttpError(400, "truncated gzip body")
    return bytes(data)


def build_app(ctx: ServerContext, refresh_snapshots: bool = False) -> Starlette:
    """The ASGI app; *refresh_snapshots* rebuilds stale snapshots in the background after pushes (server run)."""
    refresher = snapshots.Refresher(ctx, beside=snapshot_worker.wanted, worker=snapshot_worker.run_beside) \
        if refresh_snapshots else None

    def user_of(request: Request) -> User:
        scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HttpError(401, "log in first (Authorization: Bearer)")
        with ctx.repo.transaction() as tx:
            user = session_user(tx, token.strip())
        if user is None:
            raise HttpError(401, "session expired or account disabled")
        return user

    async def info(request: Request) -> Response:
        meta = await run_in_threadpool(ctx.meta)
        return JSONResponse({"server_id": meta["server_id"], "epoch": meta["epoch"], "protocol": PROTOCOL,
                             "name": ctx.name, "authority": ctx.authority.public(),
                             "request_encodings": ["gzip"]})

    async def home(request: Request) -> Response:
        # For people: an office checking that the server runs, a lecturer opening the address in a browser.
        return HTMLResponse(home_page(ctx.name, str(request.base_url).rstrip("/")))

    async def openapi_json(request: Request) -> Response:
        return JSONResponse(openapi())

    async def do_login(request: Request) -> Response:
        body = await read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("user"), str) \
                or not isinstance(body.get("password"), str):
            raise HttpError(400, "body is {user, password}")
        token, expires = await run_in_threadpool(login, ctx.repo, body["user"], body["password"])
        user = await run_in_threadpool(user_of_token, token)
        return JSONResponse({"token": token, "expires": expires, "role": user.role, "scopes": user.scopes})

    async def device_challenge(request: Request) -> Response:
        return JSONResponse({"challenge": await run_in_threadpool(challenge, ctx)})

    async def do_device_login(request: Request) -> Response:
        body = await read_json(request)
        token, expires, user = await run_in_threadpool(device_login, ctx, body)
        return JSONResponse({"token": token, "expires": expires, "role": user.role, "scopes": user.scopes})

    def user_of_token(token: str) -> User:
        with ctx.repo.transaction() as tx:
            found = session_user(tx, token)
        assert found is not None
        return found

    async def enroll(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        body = await read_json(request)
        request_doc = body.get("request") if isinstance(body, dict) else None
        if not isinstance(request_doc, dict) or request_doc.get("kind") != "device_request":
            raise HttpError(400, "body is {request: device request}")
        return JSONResponse(await run_in_threadpool(_enroll, user, request_doc))

    def _enroll(user: User, request_doc: dict[str, Any]) -> dict[str, Any]:
        fingerprint = str(request_doc.get("fingerprint", ""))
        with ctx.repo.transaction(write=True) as tx:
            row = tx.one("SELECT user_name, certificate, revoked FROM devices WHERE fingerprint = ?", [fingerprint])
            if row is not None and (row[0] not in ("", user.name) or row[2]):
                raise HttpError(403, "this device is revoked or enrolled by another user")
            if row is not None and row[0] == user.name \
                    and json.loads(row[1]).get("public_key") == request_doc.get("public_key"):
                return {"certificate": json.loads(row[1])}  # enrolling again is idempotent
            tx.run("DELETE FROM devices WHERE fingerprint = ? AND user_name = ''", [fingerprint])
            cert = issue_certificate(ctx.authority, request_doc, scopes=user.scopes)
            if cert["subject"] != fingerprint:
                raise HttpError(400, "fingerprint does not match the public key")
            tx.run("INSERT INTO devices VALUES (?, ?, ?, ?, 0, ?)",
                   [fingerprint, user.name, cert["serial"], json.dumps(cert), cert["not_before"]])
        return {"certificate": cert}

    async def crl(request: Request) -> Response:
        def current() -> dict[str, Any]:
            with ctx.repo.transaction() as tx:
                rows = tx.rows("SELECT serial, revoked FROM revoked_serials")
            issued = max([r[1] for r in rows], default="2000-01-01T00:00:00Z")
            from lecturer_app.sync.trust import parse_iso
            return make_revocation_list(ctx.authority, [r[0] for r in rows], now=parse_iso(issued))
        return JSONResponse(await run_in_threadpool(current))

    async def changes(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        try:
            since = int(request.query_params.get("since", "0"))
            limit = min(max(int(request.query_params.get("limit", revs.PAGE)), 1), revs.PAGE)
        except ValueError as exc:
            raise HttpError(400, "since and limit are integers") from exc
        if not 0 <= since <= MAX_INT:
            raise HttpError(400, "since is between 0 and 2^63-1")
        epoch = (await run_in_threadpool(ctx.meta))["epoch"]
        page = await run_in_threadpool(revs.changes_json, ctx, user, since, limit, epoch=epoch)
        return Response(page.encode("utf-8"), media_type="application/json")

    async def missing(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        body = await read_json(request)
        return JSONResponse({"missing": await run_in_threadpool(revs.missing, ctx, user, body)})

    async def push(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        body = await read_json(request)
        if refresher is None:
            return JSONResponse(await run_in_threadpool(_push, user, body))
        refresher.begin()  # the background snapshot refresh waits while a device is pushing
        try:
            return JSONResponse(await run_in_threadpool(_push, user, body))
        finally:
            refresher.pushed()

    def _push(user: User, body: Any) -> dict[str, Any]:
        # read_json checked every text of the body. "seqs": where the batch's rows sit in the feed, so the
        # pusher need not pull them back (sync/http_client.py).
        answers, seqs = revs.push_batch(ctx, user, body, text_checked=True)
        return {"results": answers, "seqs": seqs}

    async def blob(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        path = await run_in_threadpool(uploads.readable_blob, ctx, user, request.path_params["sha256"])
        if path is None:
            raise HttpError(404, "no such blob")
        return _file_answer(request, path)

    async def snapshot(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        try:
            found = await run_in_threadpool(snapshots.current, ctx, user.scopes)
        except (OSError, sqlite3.DatabaseError, UserFacingError) as exc:
            # A full disk or a damaged working copy must not stop new devices: they pull the feed instead.
            log.warning("snapshot for %s not available: %s", user.scopes, exc)
            found = None
        if found is None:
            raise HttpError(404, "no snapshot for this scope (pull the feed)")
        return JSONResponse(found.manifest)

    async def snapshot_file(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        path = await run_in_threadpool(snapshots.readable, ctx, user.scopes, request.path_params["sha256"])
        if path is None:
            raise HttpError(404, "no such snapshot")
        return _file_answer(request, path)

    def _file_answer(request: Request, path: Path) -> Response:
        """A file with ``Range`` (a resumed download gets 206 from its offset)."""
        size = path.stat().st_size
        span = uploads.byte_range(request.headers.get("range"), size)
        start, end = span or (0, size - 1)
        headers = {"Accept-Ranges": "bytes", "Content-Length": str(max(end - start + 1, 0))}
        if span:
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        status = 206 if span else 200
        if request.method == "HEAD":
            return Response(status_code=status, headers=headers)
        return StreamingResponse(_file_part(path, start, end), status_code=status, headers=headers,
                                 media_type="application/octet-stream")

    async def upload_create(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        meta = uploads.parse_metadata(request.headers.get("upload-metadata", ""))
        length = request.headers.get("upload-length", "")
        if not length.isdigit():
            raise HttpError(400, "Upload-Length is needed")
        sha = meta.get("sha256", "")
        done = await run_in_threadpool(uploads.create, ctx, user, int(length), sha)
        return Response(status_code=201, headers={"Location": f"/v1/uploads/{sha}", "Upload-Offset": str(done),
                                                  "Tus-Resumable": "1.0.0"})

    async def upload_head(request: Request) -> Response:
        await run_in_threadpool(user_of, request)
        done, length = await run_in_threadpool(uploads.offset, ctx, request.path_params["sha256"])
        return Response(headers={"Upload-Offset": str(done), "Upload-Length": str(length),
                                 "Cache-Control": "no-store", "Tus-Resumable": "1.0.0"})

    async def upload_patch(request: Request) -> Response:
        await run_in_threadpool(user_of, request)
        if request.headers.get("content-type") != "application/offset+octet-stream":
            raise HttpError(415, "Content-Type application/offset+octet-stream")
        at = request.headers.get("upload-offset", "")
        if not at.isdigit():
            raise HttpError(400, "Upload-Offset is needed")
        done = await uploads.append(ctx, request.path_params["sha256"], int(at),
                                    request.headers.get("upload-checksum"), request.stream())
        return Response(status_code=204, headers={"Upload-Offset": str(done), "Tus-Resumable": "1.0.0"})

    async def bundle(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        path = await _receive(ctx.uploads_dir, request, bundles.MAX_BUNDLE)
        try:
            if refresher is not None:
                refresher.begin()
            try:
                return JSONResponse(await run_in_threadpool(bundles.take_bundle, ctx, user, path))
            finally:
                if refresher is not None:
                    refresher.pushed()
        except bundles.UntrustedProducer as exc:
            raise HttpError(403, str(exc)) from exc
        except BundleError as exc:
            raise HttpError(400, str(exc)) from exc
        finally:
            path.unlink(missing_ok=True)

    async def ack(request: Request) -> Response:
        user = await run_in_threadpool(user_of, request)
        body = await read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("fingerprint"), str) \
                or not isinstance(body.get("cursor"), int) or not 0 <= body["cursor"] <= MAX_INT:
            raise HttpError(400, "body is {fingerprint, cursor (0 to 2^63-1), vector}")
        await run_in_threadpool(_ack, user, body)
        return JSONResponse({"ok": True})

    def _ack(user: User, body: dict[str, Any]) -> None:
        from lecturer_app.sync.trust import iso, now_utc
        with ctx.repo.transaction(write=True) as tx:
            owner = tx.one("SELECT user_name FROM devices WHERE fingerprint = ?", [body["fingerprint"]])
            if owner is None or owner[0] != user.name:
                raise HttpError(403, "not your device")
            tx.run("INSERT INTO acks VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET "
                   "cursor = excluded.cursor, vector = excluded.vector, at = excluded.at",
                   [body["fingerprint"], body["cursor"], json.dumps(body.get("vector", {})), iso(now_utc())])

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/v1/info", guarded(info), methods=["GET"]),
        Route("/v1/openapi.json", guarded(openapi_json), methods=["GET"]),
        Route("/v1/login", guarded(do_login), methods=["POST"]),
        Route("/v1/enroll", guarded(enroll), methods=["POST"]),
        Route("/v1/device-login/challenge", guarded(device_challenge), methods=["GET"]),
        Route("/v1/device-login", guarded(do_device_login), methods=["POST"]),
        Route("/v1/crl", guarded(crl), methods=["GET"]),
        Route("/v1/changes", guarded(changes), methods=["GET"]),
        Route("/v1/revs/missing", guarded(missing), methods=["POST"]),
        Route("/v1/revs", guarded(push), methods=["POST"]),
        Route("/v1/blobs/{sha256}", guarded(blob), methods=["GET", "HEAD"]),
        Route("/v1/snapshot", guarded(snapshot), methods=["GET"]),
        Route("/v1/snapshot/{sha256}", guarded(snapshot_file), methods=["GET", "HEAD"]),
        Route("/v1/uploads", guarded(upload_create), methods=["POST"]),
        Route("/v1/uploads/{sha256}", guarded(upload_head), methods=["HEAD"]),
        Route("/v1/uploads/{sha256}", guarded(upload_patch), methods=["PATCH"]),
        Route("/v1/bundles", guarded(bundle), methods=["POST"]),
        Route("/v1/ack", guarded(ack), methods=["POST"]),
    ]
    # Blobs (octet-stream) go as they are: most are compressed files already, and gzip at level 9 of a 500 MB
    # download made it four times slower than the upload (bench_province). JSON pages use zlib's default level.
    gzip = Middleware(GZipMiddleware, minimum_size=500, compresslevel=6,
                      exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/octet-stream"))
    return Starlette(routes=routes, middleware=[gzip])


async def _receive(folder: Path, request: Request, cap: int) -> Path:
    """The request body in a temporary file (at most *cap* bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".bundle-", suffix=".lbb", dir=folder)
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > cap:
                    raise HttpError(413, "bundle too large")
                out.write(chunk)
    except BaseException:  # too large, too slow or the client gone: no half bundle stays behind
        os.unlink(name)
        raise
    return Path(name)


async def _file_part(path: Any, start: int, end: int) -> Any:
    with open(path, "rb") as source:
        source.seek(start)
        left = end - start + 1
        while left > 0:
            block = source.read(min(1 << 20, left))
            if not block:
                break
            left -= len(block)
            yield block
