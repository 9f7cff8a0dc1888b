"""The pages on learners' phones are Vietnamese whatever the lecturer's UI language (docs/design/quiz.md).

A whole class's visit (join, refusals, answers, submit, resubmit, a page that
does not exist, the result with the right answers after closing) is served on
127.0.0.1 once with the app in Vietnamese and once in English: every byte the
phones receive is the same but for the date header and the seconds left, and
no English word of the catalogue is in it.  A phone that asks for English
(Accept-Language) gets the same Vietnamese page.
"""

from __future__ import annotations

import http.client
import re

import pytest
from quiz_phone import PIN, Phone

from lecturer_app import i18n
from lecturer_app.core.resources import resource_path
from lecturer_app.quiz.limits import Limits
from lecturer_app.quiz.paper import QuizPaper
from lecturer_app.quiz.server import QuizServer
from lecturer_app.quiz.session import QuizSession, QuizSettings

# The catalogue's English for the pages' words: none may reach a phone.
ENGLISH = ("Full name", "Candidate", "Start", "Question", "Submit", "Saved", "Time left", "Your score",
           "Correct answers", "True", "False", "Answer", "Wrong PIN", "Please", "finished", "Error", "No such page")


@pytest.fixture
def back_to_vietnamese():
    yield
    i18n.setup("vi", None)


def _a_class_visits(paper: QuizPaper) -> bytes:
    tokens = iter(f"token{n}" for n in range(100))
    session = QuizSession(paper, QuizSettings(minutes=30, pin=PIN, quiz_id="same", show_answers=True),
                          new_token=lambda: next(tokens))
    # Every phone here is 127.0.0.1: one room's worth of requests from one address.
    server = QuizServer(session, "127.0.0.1", 0, Limits(burst=1000)).start()
    try:
        phones = [Phone(server.port) for _ in range(3)]
        phones[2].join("Học viên", pin="0000")  # wrong PIN
        phones[2].join("   ")  # no name
        for number, phone in enumerate(phones):
            phone.get("/")
            phone.join(f"Học viên {number}")
            for index in range(len(paper.items)):
                phone.answer(index, "A" if index < 4 else "")
            phone.get("/")
        phones[0].post("/submit", {"a0": "B", "a5_0": "Đ"})
        phones[0].post("/submit", {})  # once only
        phones[0].get("/")
        phones[1].request("GET", "/khong-co")
        session.close()
        for phone in phones:
            phone.get("/")
        seen = b"".join(b for phone in phones for b in phone.seen)
    finally:
        server.stop()
    seen = re.sub(rb"\('date', '[^']*'\)", b"", seen)
    return re.sub(rb'"remaining": \d+|left=\d+', b"", seen)


def test_every_page_a_class_sees_is_the_same_vietnamese_in_an_english_ui(paper, back_to_vietnamese):
    vietnamese = _a_class_visits(paper)
    i18n.setup("en", resource_path("translations"))
    english = _a_class_visits(paper)
    assert english == vietnamese
    text = english.decode("utf-8")
    assert [word for word in ENGLISH if word in text] == []
    assert all(words in text for words in ("Họ và tên", "Mã PIN không đúng", "Hãy nhập họ và tên", "Nộp bài",
                                            "Đã nộp bài", "Không có trang này", "Điểm của bạn: ", "Đáp án: "))


def test_the_score_keeps_the_decimal_comma_in_an_english_ui(paper, served, back_to_vietnamese):
    i18n.setup("en", resource_path("translations"))
    session, server = served
    phone = Phone(server.port)
    phone.join("Lê Thị Ánh")
    phone.answer(0, paper.items[0].key)
    session.close()
    (score,) = session.scores()
    assert not float(score.total).is_integer()
    assert f"Điểm của bạn: {score.total:.2f}".rstrip("0").replace(".", ",") in phone.get("/")


def test_a_phone_asking_for_english_gets_the_vietnamese_page(served):
    _session, server = served
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", "/", headers={"Accept-Language": "en-US,en;q=0.9"})
        page = connection.getresponse().read().decode("utf-8")
    finally:
        connection.close()
    assert '<html lang="vi">' in page and "Họ và tên" in page and "Full name" not in page


def test_the_quiz_results_written_in_an_english_ui_note_in_vietnamese_who_did_not_submit(paper, back_to_vietnamese,
                                                                                        tmp_path):
    """A phone that never pressed Nộp bài is graded on what it saved, and the score sheet says so in Vietnamese
    (the projector's screen says it in the UI language)."""
    from openpyxl import load_workbook

    from lecturer_app.exporters.exam.responses_xlsx import write_quiz_results
    from lecturer_app.quiz.paper import manifest_body_of

    i18n.setup("en", resource_path("translations"))
    session = QuizSession(paper, QuizSettings(pin=PIN, quiz_id="t1"))
    learner = session.join("Lê Thị Ánh", "12", "Chi bộ 3", PIN)
    session.save(learner.token, 0, paper.items[0].key)
    session.close()
    (score,) = session.scores()
    assert score.worded_notes(i18n.SCREEN) == "did not press Submit: the saved answers are scored; unit: Chi bộ 3"
    sheet, _folder = write_quiz_results([score], paper.manifest, manifest_body_of(paper), tmp_path / "ket_qua.xlsx")
    rows = load_workbook(sheet)["Bảng điểm"]
    row = dict(zip((c.value for c in rows[1]), (c.value for c in rows[2])))
    assert row["Ghi chú"] == "chưa bấm Nộp bài: chấm các câu đã lưu; đơn vị: Chi bộ 3"
