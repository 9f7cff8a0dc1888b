"""The quiz's HTTP server: the standard library's threading server, the quiz's routes and nothing else.

Bound to the one interface the lecturer chose.  Routes: ``GET /`` (join,
the questions, or the closed screen with the learner's score), ``POST /join``,
``POST /answer`` (one answer, JSON reply), ``POST /submit``, ``GET /state``.
Anything else is 404; bodies over the limit are 413; a phone over its rate
is 429.  ``stop()`` closes the listening socket, so nothing listens after it.
"""

from __future__ import annotations

import errno
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from lecturer_app.core.errors import UserFacingError, os_error_reason
from lecturer_app.i18n import _
from lecturer_app.quiz import pages
from lecturer_app.quiz.limits import Limits, RateLimiter
from lecturer_app.quiz.session import JoinRefused, QuizSession

COOKIE = "qt"
SECURITY_HEADERS = (
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                                "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-store"),
    ("X-Frame-Options", "DENY"),
)


class QuizHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # never share a port with another program
    request_queue_size = 128  # a whole class joining at once

    def __init__(self, address: tuple[str, int], session: QuizSession, limits: Limits) -> None:
        self.session = session
        self.limiter = RateLimiter(limits)
        self.limits = limits
        super().__init__(address, QuizHandler)


class QuizServer:
    """Start, address and stop; the GUI and the CLI own one each."""

    def __init__(self, session: QuizSession, host: str, port: int = 0, limits: Limits | None = None) -> None:
        self.session = session
        self.host = host
        self._httpd = _bind(host, port, session, limits or Limits())
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/" if self.port != 80 else f"http://{self.host}/"

    def start(self) -> QuizServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="quiz-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (idempotent)."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> QuizServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class PortUnavailable(UserFacingError):
    """The chosen port cannot be opened; the message says why and what to do, in plain words."""


def _bind(host: str, port: int, session: QuizSession, limits: Limits) -> QuizHTTPServer:
    try:
        return QuizHTTPServer((host, port), session, limits)
    except OSError as exc:
        raise PortUnavailable(port_message(host, port, exc)) from exc


def port_message(host: str, port: int, exc: OSError) -> str:
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return _("Cổng {port} đang được một chương trình khác dùng. Hãy chọn cổng khác (ví dụ 8089), "
                 "hoặc cổng 0 để máy tự chọn.").format(port=port)
    if exc.errno in (errno.EACCES, getattr(errno, "WSAEACCES", -1)):
        return _("Máy không cho mở cổng {port} (cổng dưới 1024 cần quyền quản trị, hoặc bị tường lửa chặn). "
                 "Hãy chọn cổng từ 1024 trở lên, ví dụ 8088.").format(port=port)
    if exc.errno in (errno.EADDRNOTAVAIL, getattr(errno, "WSAEADDRNOTAVAIL", -1)):
        return _("Máy không có địa chỉ {host} nữa (mạng Wi-Fi vừa đổi?). Hãy chọn lại địa chỉ mạng.").format(
            host=host)
    return _("Không mở được cổng {port} trên {host}: {reason}").format(port=port, host=host,
                                                                      reason=os_error_reason(exc))


def firewall_hint() -> str:
    return _("Nếu Windows hỏi có cho phép ứng dụng truy cập mạng không, hãy chọn «Mạng riêng» (Private "
             "networks) và bấm «Cho phép» (Allow); nếu không, điện thoại sẽ không mở được trang.")


class QuizHandler(BaseHTTPRequestHandler):
    """One request: rate and size checked first, then one of the quiz's routes."""

    server: QuizHTTPServer
    protocol_version = "HTTP/1.1"  # keep-alive: a phone reuses its connection for every answer
    timeout = 20  # a phone that opens a connection and sends nothing does not hold a thread for long
    # Headers and body go out in two writes; with Nagle on, a kept-alive connection waits for the phone's
    # delayed ACK (~40 ms) before the body of every reply.
    disable_nagle_algorithm = True
    server_version = "lecturer-app-quiz"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 — the base class's name
        """Silent: the lecturer's terminal shows counts, not a line per answer."""

    # --- plumbing ---------------------------------------------------------------
    def _send(self, status: int, body: str, kind: str = "text/html; charset=utf-8",
              cookie: str | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        if cookie is not None:
            self.send_header("Set-Cookie", f"{COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Strict")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _json(self, value: dict, status: int = 200) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False), "application/json; charset=utf-8")

    def _redirect(self, cookie: str | None = None) -> None:
        self.send_response(303)
        self.send_header("Location", "/")
        self.send_header("Content-Length", "0")
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        if cookie is not None:
            self.send_header("Set-Cookie", f"{COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Strict")
        self.end_headers()

    # Every page and message below is for a learner's phone: Vietnamese whatever the lecturer's UI language
    # (quiz/pages.py says why), so its words are plain literals, never through _().

    def _form(self) -> dict[str, list[str]] | None:
        """The posted form, or None after answering 411/413 (no length, or too long)."""
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._send(411, pages.message_page("Lỗi", "Yêu cầu không hợp lệ.", "err"))
            return None
        if int(length) > self.server.limits.max_body:
            self.close_connection = True
            self._send(413, pages.message_page("Lỗi", "Dữ liệu gửi lên quá lớn.", "err"))
            return None
        raw = self.rfile.read(int(length)).decode("utf-8", "replace")
        return parse_qs(raw, keep_blank_values=True, max_num_fields=400)

    def _token(self, form: dict[str, list[str]] | None = None) -> str:
        given = (form or {}).get("t", [""])[0] or parse_qs(urlsplit(self.path).query).get("t", [""])[0]
        if given:
            return given
        for part in self.headers.get("Cookie", "").split(";"):
            name, _sep, value = part.strip().partition("=")
            if name == COOKIE:
                return value
        return ""

    def _allowed(self) -> bool:
        if self.server.limiter.allow(self.client_address[0]):
            return True
        self.close_connection = True
        self._send(429, pages.message_page("Chậm lại một chút", "Điện thoại gửi quá nhiều yêu cầu; "
                                                               "hãy đợi vài giây rồi thử lại.", "err"))
        return False

    # --- routes -----------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 — the base class's name
        if not self._allowed():
            return
        route = urlsplit(self.path).path
        if route == "/":
            self._home()
        elif route == "/state":
            self._state()
        else:
            self._send(404, pages.message_page("Không có trang này", "Hãy mở địa chỉ trên màn chiếu.", "err"))

    def do_POST(self) -> None:  # noqa: N802 — the base class's name
        if not self._allowed():
            return
        route = urlsplit(self.path).path
        handler = {"/join": self._join, "/answer": self._answer, "/submit": self._submit}.get(route)
        if handler is None:
            self.close_connection = True
            self._send(404, pages.message_page("Không có trang này", "Hãy mở địa chỉ trên màn chiếu.", "err"))
            return
        form = self._form()
        if form is not None:
            handler(form)

    # --- what each route does -------------------------------------------------------------
    @property
    def quiz(self) -> QuizSession:
        return self.server.session

    def _title(self) -> str:
        return self.quiz.paper.title

    def _home(self) -> None:
        quiz = self.quiz
        learner = quiz.learner(self._token())
        if quiz.closed:
            self._send(200, self._closed_page(learner))
        elif learner is None:
            self._send(200, pages.join_page(self._title(), quiz.settings.quiz_id))
        elif learner.submitted:
            self._send(200, pages.done_page(self._title(), quiz.settings.quiz_id,
                                            "Bạn đã nộp bài. Điểm sẽ hiện ở trang này khi bài kiểm tra kết thúc."))
        else:
            self._send(200, pages.quiz_page(self._title(), quiz.settings.quiz_id, learner, quiz.paper.questions(),
                                            one_per_screen=quiz.settings.one_per_screen, remaining=quiz.remaining()))

    def _closed_page(self, learner) -> str:
        score = self.quiz.score_of(learner.token) if learner is not None else None
        if score is None:
            return pages.message_page("Bài kiểm tra đã kết thúc", "Bài kiểm tra đã kết thúc. Cảm ơn bạn!")
        keys = [item.key for item in self.quiz.paper.items] if self.quiz.settings.show_answers else None
        return pages.result_page("Bài kiểm tra đã kết thúc", score, self.quiz.paper.questions(), keys)

    def _state(self) -> None:
        remaining = self.quiz.remaining()
        self._json({"closed": self.quiz.closed, "remaining": -1 if remaining is None else int(remaining)})

    def _join(self, form: dict[str, list[str]]) -> None:
        address = self.client_address[0]
        values = {key: form.get(key, [""])[0] for key in ("name", "sbd", "unit", "pin", "token")}
        if self.server.limiter.pin_blocked(address):
            self._send(429, pages.join_page(self._title(), self.quiz.settings.quiz_id,
                                            "Đã nhập sai mã PIN quá nhiều lần. Hãy hỏi giảng viên.", values))
            return
        try:
            learner = self.quiz.join(values["name"], values["sbd"], values["unit"], values["pin"], values["token"])
        except JoinRefused as refused:
            if values["pin"].strip() != self.quiz.settings.pin:
                self.server.limiter.wrong_pin(address)
            values["pin"] = ""
            self._send(200, pages.join_page(self._title(), self.quiz.settings.quiz_id, str(refused), values))
            return
        self._redirect(cookie=learner.token)

    def _answer(self, form: dict[str, list[str]]) -> None:
        index = form.get("i", [""])[0]
        status = self.quiz.save(self._token(form), int(index) if index.isdigit() else -1, form.get("v", [""])[0])
        self._json({"status": status})

    def _submit(self, form: dict[str, list[str]]) -> None:
        token = self._token(form)
        status = self.quiz.submit(token, _answers_of(form, len(self.quiz.paper.items), self.quiz))
        quiz_id = self.quiz.settings.quiz_id
        if status == "ok":
            self._send(200, pages.done_page(self._title(), quiz_id, "Đã nộp bài. Cảm ơn bạn! Điểm sẽ hiện ở trang này "
                                                                    "khi bài kiểm tra kết thúc."))
        elif status == "already":
            self._send(200, pages.done_page(self._title(), quiz_id, "Bạn đã nộp bài rồi; mỗi người chỉ nộp một lần. "
                                                                    "Bài đã nộp được giữ nguyên.", "err"))
        elif status == "closed":
            self._send(200, self._closed_page(self.quiz.learner(token)))
        else:
            self._send(200, pages.join_page(self._title(), quiz_id, "Hãy vào lại bài kiểm tra."))


def _answers_of(form: dict[str, list[str]], count: int, quiz: QuizSession) -> dict[int, str]:
    """The answers a plain form posts: a3=B, a4=A&a4=C, a5_0=Đ…; only questions present in the form."""
    answers: dict[int, str] = {}
    for index in range(count):
        item = quiz.paper.items[index]
        if item.type == "true_false_4":
            marks = [form.get(f"a{index}_{k}", ["-"])[0] or "-" for k in range(len(item.options))]
            if any(m != "-" for m in marks):
                answers[index] = "".join(marks)
        elif f"a{index}" in form:
            answers[index] = "".join(form[f"a{index}"])
    return answers
