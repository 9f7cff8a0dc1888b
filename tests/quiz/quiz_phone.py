"""Helpers of the quiz tests: a small paper of every objective type, a running quiz, and a phone (an HTTP client on 127.0.0.1)."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from lecturer_app.core.model import Option, Question
from lecturer_app.quiz.paper import QuizPaper
from lecturer_app.quiz.server import QuizServer
from lecturer_app.quiz.session import QuizSession, QuizSettings

PIN = "2468"


def quiz_questions() -> list[Question]:
    """Four single-choice questions, one multiple-answer, one Đúng/Sai, one short answer; stems with markup."""
    questions = [Question(type="single_choice", stem=f"Câu hỏi số {n} về <b>Đảng</b> & \"nhân dân\"?",
                          options=[Option(f"Phương án {n}-{k}", correct=(k == n % 4)) for k in range(4)],
                          status="approved", id=f"q{n}") for n in range(4)]
    questions.append(Question(type="multiple_choice", stem="Chọn các ý đúng", id="q4", status="approved",
                              options=[Option("Ý một", True), Option("Ý hai"), Option("Ý ba", True)]))
    questions.append(Question(type="true_false_4", stem="Đúng hay sai?", id="q5", status="approved",
                              options=[Option("Mệnh đề a", True), Option("Mệnh đề b"), Option("Mệnh đề c", True),
                                       Option("Mệnh đề d")]))
    questions.append(Question(type="short_answer", stem="Năm thành lập Đảng?", id="q6", status="approved",
                              answers=["1930"]))
    return questions


def start(paper: QuizPaper, **settings) -> tuple[QuizSession, QuizServer]:
    values = {"pin": PIN, "quiz_id": "t1", **settings}
    session = QuizSession(paper, QuizSettings(**values))
    return session, QuizServer(session, "127.0.0.1", 0).start()


@dataclass
class Phone:
    """One phone: its own connection and cookie, like a browser without JavaScript."""

    port: int
    cookie: str = ""
    seen: list[bytes] = field(default_factory=list)  # every byte the server sent (headers and bodies)

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, dict[str, str]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        body = urlencode(form, doseq=True).encode() if form is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        if self.cookie:
            headers["Cookie"] = f"qt={self.cookie}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            heads = {k.lower(): v for k, v in response.getheaders()}
        finally:
            connection.close()
        self.seen.append(f"{response.status} {sorted(heads.items())}".encode() + data)
        if "set-cookie" in heads:
            self.cookie = heads["set-cookie"].split(";")[0].split("=", 1)[1]
        return response.status, data.decode("utf-8"), heads

    def get(self, path: str = "/") -> str:
        status, text, _ = self.request("GET", path)
        assert status == 200, text
        return text

    def post(self, path: str, form: dict) -> str:
        status, text, heads = self.request("POST", path, form)
        if status == 303:
            return self.get(heads["location"])
        assert status == 200, text
        return text

    def join(self, name: str, pin: str = PIN, **extra) -> str:
        return self.post("/join", {"name": name, "pin": pin, **extra})

    def answer(self, index: int, value: str) -> str:
        _status, text, _ = self.request("POST", "/answer", {"i": index, "v": value})
        return json.loads(text)["status"]
