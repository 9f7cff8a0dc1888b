"""The app's side of HTTP sync (sync.md §3.6, §3.9): log in, enrol, then push and pull.

``sync_now``: (0) a new session signed with the device key when the last one is over (http_auth.py);
(1) the server's epoch — a new one (a restored server) drops
both marks so everything is reconciled both ways by set union; (2) the
revocation list; (3) push: local revisions after the push mark that the
server lacks (``revs/missing``), their blobs first by resumable upload,
then the revisions in batches; (4) pull: pages of ``changes`` judged like a
bundle import (signature, trusted signer, scope) and applied in one local
transaction per page (pulled_pages.py), the cursor saved after the commit; then the blobs
the new revisions reference, resumed with ``Range``.  A dropped connection
raises ``SyncOffline``; running again continues from the saved marks.  A
``CancelToken`` (cancel.py) stops it at once, a request in flight included:
``SyncCancelled``, the marks saved so far kept.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import urllib.request
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.conflicts import conflict_count
from lecturer_app.core.store.scopes import scope_of
from lecturer_app.i18n import N_, _
from lecturer_app.sync import answer_shapes as shapes
from lecturer_app.sync import resumable, snapshot, transport_errors
from lecturer_app.sync.answer_shapes import checked
from lecturer_app.sync.blob_refs import hashes_in, referenced_since
from lecturer_app.sync.cancel import CancelToken
from lecturer_app.sync.cancel import SyncCancelled as SyncCancelled  # callers catch it from here with the others
from lecturer_app.sync.device import Device
from lecturer_app.sync.http_auth import SessionExpired, refused_login, renew_session, session_ending
from lecturer_app.sync.http_auth import SyncRefused as SyncRefused  # callers catch both failures from here
from lecturer_app.sync.http_auth import check as _check
from lecturer_app.sync.http_state import ServerState, require_state, save_state
from lecturer_app.sync.pulled_pages import apply_page, last_seq
from lecturer_app.sync.push_wire import Outgoing, batch_json, read_page
from lecturer_app.sync.server_answers import AnswerTooLarge, ServerAnswerInvalid, ask, json_of
from lecturer_app.sync.signing import (
    BANK_ORIGIN,
    local_replicas,
    sign_own_revisions,
)
from lecturer_app.sync.trust import grants, iso, now_utc

CHUNK = 8 << 20
PAGE_ROWS = (0, 100, 10, 1)  # rows of a page of changes asked for (0: the server's own page, 1,000)
# What the app was doing, for the error of an answer it cannot read (server_answers.py); two threads use them.
PUSHING = N_("gửi các phiên bản mới lên máy chủ")
UPLOADING = N_("gửi tệp đính kèm lên máy chủ")
BATCH = 1000  # revisions per push request (the server takes up to 2,000)
TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class SyncOffline(UserFacingError):
    """The server cannot be reached (or vanished mid-sync); running again resumes."""


class AckFailed(UserFacingError):
    """The server did not confirm the ack that ends a sync; what was pushed and pulled is kept."""


Progress = Callable[[str, int, int], None]


def _client(state_url: str, token: str | None = None, proxy: str = "", stop: CancelToken | None = None) -> httpx.Client:
    """A client for the server; *proxy* (an office's HTTP proxy) overrides the system's proxy settings.

    With *stop*, cancelling it ends a request in flight at once (cancel.py).
    """
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    client = httpx.Client(base_url=state_url.rstrip("/"), headers=headers, timeout=TIMEOUT, trust_env=True,
                          proxy=proxy or None, verify=_uses_tls(state_url, proxy))
    return stop.watch(client) if stop is not None else client


def _uses_tls(url: str, proxy: str) -> bool:
    """Whether certificates must be checked: a plain-HTTP server reached without an HTTPS proxy needs none.

    Loading the system's CA bundle cost 0.1 s per sync for nothing on an office's http:// server.
    """
    proxies = [proxy] if proxy else list(urllib.request.getproxies().values())
    return any(address.lower().startswith("https:") for address in [url, *proxies])


def login(device: Device, data_dir: Path, url: str, user: str, password: str, proxy: str = "",
          before_keeping: Callable[[], None] | None = None, stop: CancelToken | None = None) -> dict[str, Any]:
    """Log in, trust the server's authority, enrol this device; returns what ``sync login`` prints.

    Logging in again starts both marks afresh (the account's scopes may differ): the union is taken again.
    *before_keeping* runs once the server has answered and before anything is kept here; raising there (the
    GUI's Hủy) leaves this machine as it was: not logged in, no certificate installed.  Cancelling *stop*
    ends a request in flight at once (SyncCancelled), leaving the machine as it was too.
    """
    try:
        with _client(url, proxy=proxy, stop=stop) as http:
            info = _server_info(http, url)
            answer = ask(http, "POST", "/v1/login", _("đăng nhập"), json={"user": user, "password": password})
            refused_login(answer)
            session = checked(_check(answer), shapes.LOGIN, _("đăng nhập"))
            http.headers["Authorization"] = f"Bearer {session['token']}"
            cert = _asked(http, "POST", "/v1/enroll", _("đăng ký thiết bị với máy chủ"), shapes.ENROLMENT,
                          json={"request": device.request()})["certificate"]
    except httpx.TransportError as exc:
        if stop is not None:
            stop.check()  # the connection was cut by Hủy, not by the network
        raise SyncOffline(_("Không kết nối được máy chủ {url}: {reason}.").format(
            url=url, reason=transport_errors.reason(exc))) from exc
    if before_keeping is not None:
        before_keeping()
    # The authority is trusted only now: a login stopped or refused before here keeps nothing of the server's.
    device.trust.add_anchor(info["authority"])
    device.trust.install_certificate(cert, device.key)
    sign_own_revisions(device.store, device.key)
    save_state(data_dir, ServerState(url, user, session["token"], int(session["expires"]), info["server_id"],
                                     info["epoch"], proxy=proxy))
    return {"url": url, "user": user, "role": session["role"], "scopes": cert["scopes"],
            "fingerprint": device.key.fingerprint, "server_id": info["server_id"]}


def _server_info(http: httpx.Client, url: str) -> dict[str, Any]:
    """``/v1/info`` of the server at *url*; an address where no sync server answers is said to be one."""
    doing = _("hỏi thông tin máy chủ")
    answer = ask(http, "GET", "/v1/info", doing)
    try:
        info = json_of(answer, "") if answer.status_code == 200 else None
    except ServerAnswerInvalid:  # a web page, or nothing like a sync server's answer: the address is wrong
        info = None
    if not isinstance(info, dict) or "authority" not in info:
        raise SyncRefused(_("Ở địa chỉ {url} không có máy chủ đồng bộ; hãy kiểm tra lại địa chỉ (chỉ gồm tên máy "
                            "và cổng, ví dụ https://dongbo.tinh.gov.vn hoặc http://192.168.1.10:8765).").format(url=url))
    shapes.require(answer, info, shapes.INFO_AT_LOGIN, doing)  # a sync server's answer, but is it whole?
    return info


def sync_now(device: Device, blobs: BlobStore, data_dir: Path, progress: Progress | None = None,
             stop: CancelToken | None = None) -> dict[str, Any]:
    """One full exchange; returns {pulled, pushed, blobs_in, blobs_out, conflicts, rejected, refused_certificates}.

    *progress(stage, done, total)*: "push" and "pull" per batch or page, "upload" and "download" in bytes
    per chunk of a file; it may raise to stop (the marks saved so far stay, the next run resumes).
    Cancelling *stop* (from another thread or a signal handler) stops it at once, mid-request too:
    ``SyncCancelled``, with the same marks kept.
    """
    state = require_state(data_dir)
    report: dict[str, Any] = {"pulled": 0, "pushed": 0, "blobs_in": 0, "blobs_out": 0, "conflicts": 0,
                              "rejected": [], "refused_certificates": [], "epoch_changed": False, "snapshot": False}
    stop = stop or CancelToken()
    tick = _stoppable(progress or _quiet, stop)
    try:
        with _client(state.url, state.token, proxy=state.proxy, stop=stop) as http:
            if session_ending(state):  # sessions last 8 hours; background sync goes on with the device key
                renew_session(http, device, state, data_dir)
            try:
                _exchange(http, device, blobs, data_dir, state, report, tick)
            except SessionExpired:  # ended early on the server's side: once more with a new session
                renew_session(http, device, state, data_dir)
                _exchange(http, device, blobs, data_dir, state, report, tick)
    except httpx.TransportError as exc:
        stop.check()  # cut by the cancel, not by the network: not an error to show as «Ngoại tuyến»
        state.last_error = _("Mất kết nối với máy chủ: {reason}.").format(reason=transport_errors.reason(exc))
        save_state(data_dir, state)
        raise SyncOffline(state.last_error + " " + _(
            "Những gì đã gửi, đã nhận vẫn được giữ; đồng bộ lại sẽ tiếp tục từ chỗ dừng.")) from exc
    report["conflicts"] = conflict_count(device.store)
    state.last_sync, state.last_error = iso(now_utc()), ""
    save_state(data_dir, state)
    return report


def _exchange(http: httpx.Client, device: Device, blobs: BlobStore, data_dir: Path, state: ServerState,
              report: dict[str, Any], tick: Progress) -> None:
    info = _epoch(http, state, data_dir, report)
    device.trust.add_crl(_asked(http, "GET", "/v1/crl", _("nhận danh sách thiết bị bị thu hồi"), shapes.CRL))
    post = Post(http, "gzip" in info.get("request_encodings", ()))
    if state.cursor == 0 and state.snapshot_asked != state.epoch and snapshot.eligible(device.store):
        _from_snapshot(http, device, data_dir, state, report, tick)
    else:
        snapshot.discard_parts(data_dir)  # a part kept from a cut that is no longer wanted: the feed is pulled
    pushed: list[tuple[int, int]] = []  # where the server put this sync's pushed revisions in its feed
    _push(http, post, device, blobs, data_dir, state, report, tick, pushed)
    _pull(http, device, blobs, data_dir, state, report, tick, pushed)
    _acknowledge(http, device, state)


def _acknowledge(http: httpx.Client, device: Device, state: ServerState) -> None:
    """Tell the server how far this device has pulled; its answer must say it kept that.

    Everything before was committed and its marks saved, so a failed ack loses nothing and leaves nothing half
    written: the sync is not counted as done (``last_sync`` stays), and the next one, with nothing new to push
    or pull, only asks again.  A session that ended (SessionExpired) is renewed by the caller as elsewhere.
    """
    doing = _("báo máy chủ đã nhận xong")
    try:
        shapes.acknowledged(_check(ask(http, "POST", "/v1/ack", doing, json={
            "fingerprint": device.key.fingerprint, "cursor": state.cursor, "vector": {}})), doing)
    except SessionExpired:
        raise
    except (ServerAnswerInvalid, SyncRefused) as exc:
        raise AckFailed(str(exc) + " " + _("Những gì đã gửi, đã nhận vẫn được giữ ở máy này; đồng bộ lại để báo "
                                           "máy chủ lần nữa.")) from exc


def _from_snapshot(http: httpx.Client, device: Device, data_dir: Path, state: ServerState, report: dict[str, Any],
                   tick: Progress) -> None:
    """A new device's first sync: the server's signed snapshot instead of the whole feed, when it offers one.

    Anything that makes it unusable (older server, other bank version, a file that does not check) leaves the
    database as it was and the feed is pulled from the start as before.
    """
    manifest = snapshot.offered(http)
    if manifest is None or snapshot.manifest_problem(device, manifest, state.server_id, state.epoch):
        _snapshot_answered(data_dir, state)
        return
    try:
        path = snapshot.set_aside(
            snapshot.download(http, data_dir, manifest, lambda done, total: tick("download", done, total)))
        try:
            top = snapshot.adopt(device, path, manifest, _own_scopes(device))
        finally:
            snapshot.remove(path)
    except snapshot.SnapshotRefused as exc:
        _snapshot_answered(data_dir, state)
        report["rejected"].append({"rev_id": "", "status": "invalid", "reason": f"snapshot: {exc}"})
        return
    state.snapshot_asked = state.epoch
    # Saved only after the new content is committed: a crash before repeats the first sync from the feed.
    state.cursor, state.pushed_seq, state.blobs_seq, state.pending_blobs = int(manifest["seq"]), top, 0, []
    save_state(data_dir, state)
    report["pulled"] += int(manifest["revisions"])
    report["snapshot"] = True


def _snapshot_answered(data_dir: Path, state: ServerState) -> None:
    """No snapshot will be taken in this epoch: not asked for again (the mark is saved with the marks of the
    rest of the exchange) and no part of one kept.  Only an answer sets the mark: a sync cut off while asking or
    downloading (the line, Hủy, a kill) leaves it unset, and the next one asks again and resumes the part."""
    state.snapshot_asked = state.epoch
    snapshot.discard_parts(data_dir)


def _epoch(http: httpx.Client, state: ServerState, data_dir: Path, report: dict[str, Any]) -> dict[str, Any]:
    info = _asked(http, "GET", "/v1/info", _("hỏi thông tin máy chủ"), shapes.INFO)
    if info["epoch"] != state.epoch or info["server_id"] != state.server_id:
        # A restored (or replaced) server: forget both marks and take the union both ways.
        state.epoch, state.server_id, state.cursor, state.pushed_seq = info["epoch"], info["server_id"], 0, 0
        report["epoch_changed"] = True
        save_state(data_dir, state)
    return dict(info)


Encoded = tuple[bytes, dict[str, str]]  # a request body ready to send, and its headers


class Post:
    """POST JSON bodies, gzipped when the server takes it: a full push is 80 MB of JSON, a sixth of it gzipped."""

    def __init__(self, http: httpx.Client, gzipped: bool) -> None:
        self.http, self.gzipped = http, gzipped

    def encode(self, body: Any) -> Encoded:
        """*body*: a JSON value, or a str holding JSON text already (a push batch, push_wire.py)."""
        # A lone surrogate goes as it is: the server refuses it, zipped or not.
        text = (body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)).encode(
            "utf-8", "surrogatepass")
        if not self.gzipped:
            return text, {"Content-Type": "application/json"}
        return gzip.compress(text, compresslevel=1, mtime=0), {"Content-Type": "application/json",
                                                                "Content-Encoding": "gzip"}

    def send(self, path: str, encoded: Encoded, doing: str) -> httpx.Response:
        """The answer, read within bounds (server_answers.ask); *doing* words what was sent, for its errors."""
        return _check(ask(self.http, "POST", path, doing, content=encoded[0], headers=encoded[1]))


def _asked(http: httpx.Client, method: str, path: str, doing: str, shape: shapes.Shape,
           **kwargs: Any) -> dict[str, Any]:
    """The JSON object the server answered to a request it accepted, once it has *shape* (answer_shapes.py)."""
    return checked(_check(ask(http, method, path, doing, **kwargs)), shape, doing)


def _own_scopes(device: Device) -> list[str]:
    cert = device.trust.certificate()
    return list(cert.get("scopes", [])) if cert else []


def _quiet(_stage: str, _done: int, _total: int) -> None:
    """No progress wanted (the CLI)."""


def _stoppable(progress: Progress, stop: CancelToken) -> Progress:
    """*progress*, stopping first once *stop* is cancelled: a cancel between requests ends at the next step."""
    def tick(stage: str, done: int, total: int) -> None:
        stop.check()
        progress(stage, done, total)

    return tick


def _push(http: httpx.Client, post: Post, device: Device, blobs: BlobStore, data_dir: Path, state: ServerState,
          report: dict[str, Any], progress: Progress, pushed: list[tuple[int, int]]) -> None:
    """Send what the server lacks, a batch at a time; the push mark is saved as each batch is answered.

    The next batch is read, encoded and compressed while the server checks the one on its way (a second
    thread waits for the answer): on a full push the two sides work at once instead of in turn.  It is sent
    only once that answer came, so the server receives batches in the log's order, as before (an exam
    before its files; a failed batch is never overtaken by the one after it).
    """
    store = device.store
    sign_own_revisions(store, device.key, after_seq=state.pushed_seq)  # earlier ones were signed when pushed
    last = last_seq(store)
    on_its_way: tuple[Future[httpx.Response] | None, list[str], int] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="push") as sender:
        after = state.pushed_seq
        while page := read_page(store.db, after, BATCH):
            progress("push", page[0].seq, last)
            # Once a push mark exists (after the first page), own edits are sent without asking (_lacking).
            body, sent = _batch_body(http, post, device, blobs, page, report, progress,
                                     own=set(local_replicas(store)) if after else set())
            encoded = post.encode(body) if body else None
            if on_its_way is not None:
                _answered(*on_its_way, data_dir, state, report, pushed)
            future = sender.submit(post.send, "/v1/revs", encoded, _(PUSHING)) if encoded else None
            on_its_way = (future, sent, page[-1].seq)
            after = page[-1].seq
        if on_its_way is not None:
            _answered(*on_its_way, data_dir, state, report, pushed)


def _batch_body(http: httpx.Client, post: Post, device: Device, blobs: BlobStore, page: list[Outgoing],
                report: dict[str, Any], progress: Progress, own: set[str]) -> tuple[str | None, list[str]]:
    """The body of ``POST /v1/revs`` for one page of the local log (its blobs uploaded first) and the ids it
    sends, in order; None: nothing to send."""
    store = device.store
    scopes = _own_scopes(device)
    partitions = _partitions(store, page)
    revs = [rev for rev in page if not rev.origin_replica.startswith(BANK_ORIGIN)
            and grants(scopes, partitions[rev.rev_id])]
    send = _lacking(post, revs, own)
    with_files = _with_files(store, page[0].seq, page[-1].seq)
    for sha in sorted(set().union(*(hashes_in(rev.body) for rev in send if rev.rev_id in with_files))):
        if blobs.has(sha):
            report["blobs_out"] += upload_blob(http, blobs.path(sha), sha,
                                               lambda done, total: progress("upload", done, total))
    if not send:
        return None, []
    sigs = _signatures(store, [rev.rev_id for rev in send])
    return batch_json(send, sigs, _certificates(device, {sig["signer"] for sig in sigs.values()})), [
        rev.rev_id for rev in send]


def _answered(future: Future[httpx.Response] | None, sent: list[str], through: int, data_dir: Path,
              state: ServerState, report: dict[str, Any], pushed: list[tuple[int, int]]) -> None:
    """Count one batch's answers and move the push mark past its page (raises what sending it raised)."""
    if future is not None:
        answered = shapes.push_results(future.result(), sent, _(PUSHING), max((p[1] for p in pushed), default=0))
        if "seqs" in answered:  # older servers do not say where the batch went
            # A stretch the pull may not skip is kept empty, at its end: the next batch's must start after it.
            end = answered["seqs"][1]
            pushed.append(shapes.own_stretch(answered) or (end, end))
        for answer in answered["results"]:
            if answer["status"] == "ok":
                report["pushed"] += 1
            elif answer["status"] in ("forbidden", "invalid"):
                report["rejected"].append(answer)
    state.pushed_seq = through
    save_state(data_dir, state)


def _lacking(post: Post, revs: list[Outgoing], own: set[str]) -> list[Outgoing]:
    """The revisions the server lacks; this replica's own edits since the push mark are not asked about.

    Only they can be new to the server (a retry after a crash gets "exists": pushes are idempotent); revisions
    relayed from USB bundles, or everything after a new login or epoch (*own* empty then), are asked first.
    """
    if all(rev.origin_replica in own for rev in revs):
        return revs
    asked = [r.rev_id for r in revs]
    doing = _("hỏi máy chủ còn thiếu phiên bản nào")
    answer = post.send("/v1/revs/missing", post.encode({"rev_ids": asked}), doing)
    lacking = shapes.lacking(answer, asked, doing)
    return [rev for rev in revs if rev.rev_id in lacking]


def _certificates(device: Device, signers: set[str]) -> list[dict[str, Any]]:
    """This device's certificate and those of the other signers in the batch (relayed from USB bundles)."""
    known = device.trust.devices()
    found = [known[fp]["certificate"] for fp in sorted(signers) if known.get(fp, {}).get("certificate")]
    own = device.trust.certificate()
    return [own, *found] if own else found


def _in_chunks(ids: list[str]) -> list[list[str]]:
    return [ids[start:start + 500] for start in range(0, len(ids), 500)]


def _partitions(store: Any, revs: list[Outgoing]) -> dict[str, str]:
    """Each revision's partition as this replica knows it (a file kept with an exam is the exam's); one query."""
    known: dict[str, str] = {}
    for part in _in_chunks(sorted({rev.record_id for rev in revs})):
        known.update(store.db.execute(f"SELECT id, scope FROM records WHERE id IN ({','.join('?' * len(part))})",
                                      part).fetchall())
    return {rev.rev_id: str(known[rev.record_id]) if rev.record_id in known
            else scope_of(rev.type, rev.record_id, rev.body) for rev in revs}


def _signatures(store: Any, rev_ids: list[str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for part in _in_chunks(rev_ids):
        rows = store.db.execute("SELECT rev_id, signer, signature FROM revision_signatures WHERE rev_id IN "
                                f"({','.join('?' * len(part))})", part).fetchall()
        found.update({rev_id: {"signer": signer, "signature": sig} for rev_id, signer, sig in rows})
    return found


def _with_files(store: Any, first: int, last: int) -> set[str]:
    """Revisions of local seq *first*..*last* whose body may name a blob (the rest need no walk)."""
    rows = store.db.execute("SELECT rev_id FROM revisions WHERE seq BETWEEN ? AND ? AND body LIKE '%sha256%'",
                            [first, last])
    return {row[0] for row in rows}


def upload_blob(http: httpx.Client, path: Path, sha: str, progress: Callable[[int, int], None] | None = None) -> int:
    """Resumable upload (tus): create, then PATCH from the server's offset; returns 1 if bytes were sent."""
    size = path.stat().st_size
    meta = "sha256 " + base64.b64encode(sha.encode("ascii")).decode("ascii")
    created = _check(ask(http, "POST", "/v1/uploads", _(UPLOADING), headers={
        "Upload-Length": str(size), "Upload-Metadata": meta, "Tus-Resumable": "1.0.0"}))
    offset = shapes.upload_offset(created, 0, size, _(UPLOADING))
    if offset >= size:
        return 0
    with open(path, "rb") as source:
        source.seek(offset)
        while offset < size:
            chunk = source.read(CHUNK)
            checksum = "sha256 " + base64.b64encode(hashlib.sha256(chunk).digest()).decode("ascii")
            answer = _check(ask(http, "PATCH", f"/v1/uploads/{sha}", _(UPLOADING), content=chunk, headers={
                "Upload-Offset": str(offset), "Upload-Checksum": checksum, "Tus-Resumable": "1.0.0",
                "Content-Type": "application/offset+octet-stream"}))
            offset = shapes.upload_offset(answer, offset + 1, size, _(UPLOADING))
            if progress:
                progress(offset, size)
    return 1


def _pull(http: httpx.Client, device: Device, blobs: BlobStore, data_dir: Path, state: ServerState,
          report: dict[str, Any], progress: Progress, pushed: list[tuple[int, int]]) -> None:
    while True:
        progress("pull", report["pulled"], report["pulled"] + 1)
        state.cursor = past_own(state.cursor, pushed)
        page = _page(http, state.cursor)
        before, through = apply_page(device, page, report)
        state.cursor = int(page["next"])
        if state.pushed_seq >= before:
            # What came from the server needs no push: without this the next sync asked the server about
            # every revision just pulled (50,000 after a first sync).
            state.pushed_seq = through
        save_state(data_dir, state)  # only after the page is committed locally
        if not page["more"]:
            break
    _fetch_blobs(http, device.store, blobs, state, report, progress)


def _page(http: httpx.Client, cursor: int) -> dict[str, Any]:
    """The page of the feed after *cursor*; one too large to read (pages of large exams) is asked in fewer rows.

    The server takes no push larger than MAX_ANSWER_BYTES, so a page of one revision always fits.
    """
    doing = _("nhận các thay đổi mới")
    for rows in PAGE_ROWS[:-1]:
        try:
            return shapes.page_after(_changes(http, cursor, rows, doing), cursor, doing)
        except AnswerTooLarge:
            continue
    return shapes.page_after(_changes(http, cursor, PAGE_ROWS[-1], doing), cursor, doing)


def _changes(http: httpx.Client, cursor: int, rows: int, doing: str) -> httpx.Response:
    return _check(ask(http, "GET", "/v1/changes", doing, params={"since": cursor, **({"limit": rows} if rows else {})}))


def past_own(cursor: int, pushed: list[tuple[int, int]]) -> int:
    """The cursor moved past the feed's stretches that hold only what this sync has just pushed.

    The server answers each pushed batch with ``[before, after]``: every row of its feed in between is one of
    that batch's, already committed here, so pulling them back would only download them to find them known
    (after a first push of 50,000 revisions, the whole feed again).  Only the stretch the cursor stands in
    is skipped: rows others pushed before or after are pulled as usual.
    """
    for before, after in sorted(pushed):
        if before <= cursor < after:
            cursor = after
    return cursor


def _fetch_blobs(http: httpx.Client, store: Any, blobs: BlobStore, state: ServerState, report: dict[str, Any],
                 progress: Progress) -> None:
    """Blobs referenced since the blob mark, and those still pending, so a download cut off last time ends now."""
    top = last_seq(store)
    wanted = referenced_since(store, state.blobs_seq) | set(state.pending_blobs)
    pending = []
    for sha in sorted(wanted):
        if not blobs.has(sha):
            got = download_blob(http, blobs, sha, lambda done, total: progress("download", done, total))
            report["blobs_in"] += got
            pending += [] if got else [sha]
    state.blobs_seq, state.pending_blobs = top, pending  # saved by the caller with the rest of the state


def download_blob(http: httpx.Client, blobs: BlobStore, sha: str,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Fetch a blob, resuming a partial download with Range; kept only if it hashes to its name."""
    final = blobs.path(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".partial-{sha}")
    got = resumable.fetch(http, f"/v1/blobs/{sha}", partial, progress)
    if got is None:
        return 0
    if got != sha:
        partial.unlink()
        return 0
    os.replace(partial, final)
    return 1


