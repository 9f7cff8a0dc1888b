"""The app keeps its server session by itself: an enrolled device signs the server's challenge with its key.

Sessions from a password expire after 8 hours; background sync must not
stop then.  Before a sync whose session is (nearly) over, or when the server
answers 401 mid-sync, the app asks ``/v1/device-login/challenge``, checks
the challenge is its server's (the trusted authority's signature, the
server id it logged in to), signs ``{kind: device_login, challenge,
fingerprint}`` and gets a new session — no password.  A revoked device or a
disabled account is refused (403) with a message saying so.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx

from lecturer_app.core.errors import UserFacingError
from lecturer_app.i18n import _
from lecturer_app.sync.answer_shapes import CHALLENGE, SESSION, checked
from lecturer_app.sync.device import Device
from lecturer_app.sync.http_state import ServerState, save_state
from lecturer_app.sync.server_answers import ask, json_of
from lecturer_app.sync.trust import document_signed_by, sign_document

RENEW_MARGIN = 120  # seconds: a session closer to its end than this is renewed before a sync starts


class SyncRefused(UserFacingError):
    """The server answered with an error (expired session, revoked device, …)."""


class SessionExpired(SyncRefused):
    """401: the session is over (expired, ended by the server); the device key may open a new one."""


def check(response: httpx.Response) -> httpx.Response:
    if response.status_code == 401:
        raise SessionExpired(_("Phiên đăng nhập máy chủ đã hết hạn hoặc tài khoản bị khóa; hãy đăng nhập lại."))
    if response.status_code >= 400:
        raise SyncRefused(_("Máy chủ từ chối ({status}): {text}").format(
            status=response.status_code, text=server_message(response)))
    return response


def server_message(response: httpx.Response) -> str:
    """The server's own sentence (``{"error": …}``), not its JSON; the body's start for anything else.

    *response* was read by server_answers.ask (its first MAX_REFUSAL_BYTES), so the JSON is read the bounded way.
    """
    found = _field(response, "error")
    return found if found else response.text[:300]


def _field(response: httpx.Response, name: str) -> str:
    """The text field *name* of a refusal's JSON object; "" when there is none or it is not JSON."""
    try:
        found = json_of(response, "").get(name)
    except UserFacingError:
        found = None
    return found if isinstance(found, str) else ""


def refused_login(response: httpx.Response) -> None:
    """A password refused (401) or too many tries (429): the server's sentence says which, never "session over"."""
    if response.status_code in (401, 429):
        raise SyncRefused(server_message(response))


def session_ending(state: ServerState, now: float | None = None) -> bool:
    return state.expires <= (time.time() if now is None else now) + RENEW_MARGIN


def renew_session(http: httpx.Client, device: Device, state: ServerState, data_dir: Path) -> None:
    """Open a new session with the device key; the token goes into *http* and the saved state."""
    doing = _("tự đăng nhập lại bằng khóa của thiết bị")
    found = checked(check(ask(http, "GET", "/v1/device-login/challenge", doing)), CHALLENGE, doing)["challenge"]
    if not _from_our_server(device, state, found):
        raise SyncRefused(_("Máy chủ {url} không phải máy chủ thiết bị này đã đăng nhập; hãy đăng nhập lại.").format(
            url=state.url))
    answer = sign_document(device.key, {"kind": "device_login", "challenge": found,
                                        "fingerprint": device.key.fingerprint})
    response = ask(http, "POST", "/v1/device-login", doing, json=answer)
    if response.status_code in (401, 403):
        raise SyncRefused(_refusal(response, state))
    session = checked(check(response), SESSION, doing)
    state.token, state.expires = session["token"], session["expires"]
    http.headers["Authorization"] = f"Bearer {state.token}"
    save_state(data_dir, state)


def _from_our_server(device: Device, state: ServerState, challenge: dict[str, Any]) -> bool:
    """Signed by an authority this device trusts, for the server it logged in to (not relayed from another)."""
    return challenge.get("server_id") == state.server_id and any(
        document_signed_by(challenge, anchor["public_key"]) for anchor in device.trust.anchors())


def _refusal(response: httpx.Response, state: ServerState) -> str:
    code = _field(response, "code")
    if code == "device_revoked":
        return _("Thiết bị này đã bị thu hồi trên máy chủ đồng bộ nên không tự đăng nhập được nữa; "
                 "hãy liên hệ quản trị viên máy chủ.")
    if code == "user_disabled":
        message = _("Tài khoản {user} đã bị khóa trên máy chủ đồng bộ; hãy liên hệ quản trị viên rồi đăng nhập lại.")
        return message.format(user=state.user)
    return _("Máy chủ không nhận chứng chỉ của thiết bị này; hãy đăng nhập lại ('sync login').")
