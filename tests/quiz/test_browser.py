"""The learner's pages in a real browser (Debian's chromium, phone-sized): join, answer, lose Wi-Fi,
reload, submit, resubmit, and the closed screen with the score."""

from __future__ import annotations

import time

import pytest
from quiz_browser import close_browser, keep_screenshot, phone_browser

from lecturer_app.core.model import Option, Question
from lecturer_app.quiz.paper import paper_from_questions
from lecturer_app.quiz.server import QuizServer
from lecturer_app.quiz.session import QuizSession, QuizSettings

PIN = "5739"
STEMS = (
    ("Đảng Cộng sản Việt Nam được thành lập vào ngày, tháng, năm nào?",
     ("Ngày 3/2/1930", "Ngày 19/5/1890", "Ngày 2/9/1945", "Ngày 6/1/1930")),
    ("Đại hội nào của Đảng đề ra đường lối đổi mới toàn diện đất nước?",
     ("Đại hội VI (12/1986)", "Đại hội IV (12/1976)", "Đại hội V (3/1982)", "Đại hội VII (6/1991)")),
    ("Nguyên tắc tổ chức cơ bản của Đảng là gì?",
     ("Tập trung dân chủ", "Tập thể lãnh đạo", "Tự phê bình và phê bình", "Đoàn kết thống nhất")),
    ("Chi bộ sinh hoạt thường kỳ mấy lần mỗi tháng?", ("Một lần", "Hai lần", "Ba tháng một lần", "Tùy chi bộ")),
)


def _paper():
    questions = [Question(type="single_choice", stem=stem, id=f"b{n}", status="approved",
                          options=[Option(text, correct=(k == 0)) for k, text in enumerate(options)])
                 for n, (stem, options) in enumerate(STEMS)]
    questions.append(Question(type="true_false_4", stem="Về đảng viên dự bị, các nhận định sau đúng hay sai?",
                              id="b9", status="approved", options=[
                                  Option("Thời gian dự bị là 12 tháng", True), Option("Đảng viên dự bị được biểu quyết"),
                                  Option("Đảng viên dự bị phải đóng đảng phí", True),
                                  Option("Đảng viên dự bị được ứng cử vào cấp ủy")]))
    return paper_from_questions(questions, "Kiểm tra nhanh: Công tác Đảng", seed=3)[0]


@pytest.fixture
def browser():
    driver, profile = phone_browser()
    yield driver
    close_browser(driver, profile)


def _wait(predicate, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.1)


def _visible_question(driver) -> str:
    shown = [f.get_attribute("id") for f in driver.find_elements("css selector", "fieldset.q") if f.is_displayed()]
    assert len(shown) == 1, shown
    return shown[0]


def _answer_right(driver, paper, index: int) -> str:
    """Tap the right answer of question *index* (a letter, or Đúng/Sai per statement); returns it."""
    key = paper.items[index].key
    if paper.items[index].type == "true_false_4":
        for k, mark in enumerate(key):
            driver.find_element("css selector", f"input[name=a{index}_{k}][value={mark}]").click()
    else:
        driver.find_element("css selector", f"input[name=a{index}][value={key}]").click()
    return key


def test_a_learner_on_a_phone_joins_answers_survives_lost_wifi_reloads_submits_once_and_sees_the_score(
        browser, tmp_path):
    paper = _paper()
    session = QuizSession(paper, QuizSettings(minutes=15, pin=PIN, one_per_screen=True, show_answers=True,
                                              quiz_id="b1"))
    server = QuizServer(session, "127.0.0.1", 0).start()
    try:
        _scenario(browser, session, server, tmp_path)
    finally:
        server.stop()


def _scenario(driver, session, server, shots) -> None:
    driver.get(server.url)
    driver.find_element("name", "name").send_keys("Nguyễn Thị Hoa")
    driver.find_element("name", "sbd").send_keys("07")
    driver.find_element("name", "unit").send_keys("Chi bộ Xã Tân Lập")
    driver.find_element("name", "pin").send_keys(PIN)
    keep_screenshot(driver, shots, "kiem-tra-nhanh-dien-thoai-vao-bai")
    driver.find_element("css selector", "button[type=submit]").click()
    _wait(lambda: "Câu 1" in driver.page_source)
    assert _visible_question(driver) == "q0"
    token = next(iter(session.learners))
    learner = session.learner(token)
    keys = [_answer_right(driver, session.paper, 0)]
    _wait(lambda: learner.answers[0] == keys[0])
    driver.find_element("id", "next").click()
    keys.append(_answer_right(driver, session.paper, 1))
    _wait(lambda: learner.answers[1] == keys[1])
    _wait(lambda: "Đã lưu" in driver.find_element("id", "save").text)
    keep_screenshot(driver, shots, "kiem-tra-nhanh-dien-thoai-cau-hoi")
    keys.append(_lost_wifi_then_back(driver, session.paper, learner))
    driver.refresh()  # reload: the same question, the same answers
    _wait(lambda: "Câu 3" in driver.page_source)
    assert _visible_question(driver) == "q2"
    assert session.paper.items[2].type != "single_choice" or driver.find_element(
        "css selector", f"input[name=a2][value={keys[2]}]").is_selected()
    for _step in range(len(session.paper.items) - 3):
        driver.find_element("id", "next").click()
    driver.find_element("id", "send").click()
    driver.switch_to.alert.accept()
    _wait(lambda: "Đã nộp bài" in driver.page_source)
    assert learner.submitted and learner.answers[:3] == keys
    keep_screenshot(driver, shots, "kiem-tra-nhanh-dien-thoai-da-nop")
    _resubmit(driver, token)
    assert "nộp bài rồi" in driver.page_source and session.counts().submitted == 1
    session.close()
    _wait(lambda: "Điểm của bạn" in driver.page_source, seconds=15)  # the page notices the closing by itself
    assert "Điểm của bạn: 6,0" in driver.page_source and "Đáp án" in driver.page_source
    keep_screenshot(driver, shots, "kiem-tra-nhanh-dien-thoai-ket-qua")


def _lost_wifi_then_back(driver, paper, learner) -> str:
    """Offline: the answer waits in the phone's storage; back online, it is resent and acknowledged."""
    driver.find_element("id", "next").click()
    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    key = _answer_right(driver, paper, 2)
    _wait(lambda: "đang thử lại" in driver.find_element("id", "save").text)
    assert learner.answers[2] == ""
    assert f'"2":"{key}"' in driver.execute_script("return localStorage.getItem('quiz_b1_pending')")
    driver.delete_network_conditions()
    _wait(lambda: learner.answers[2] == key, seconds=15)
    _wait(lambda: driver.execute_script("return localStorage.getItem('quiz_b1_pending')") == "{}")
    return key


def _resubmit(driver, token: str) -> None:
    """The same phone posts the form again (back button, double tap): refused politely, nothing changes."""
    driver.execute_script(
        "var f=document.createElement('form');f.method='post';f.action='/submit';"
        "var t=document.createElement('input');t.name='t';t.value=arguments[0];f.appendChild(t);"
        "var a=document.createElement('input');a.name='a0';a.value='D';f.appendChild(a);"
        "document.body.appendChild(f);f.submit();", token)
    _wait(lambda: "nộp bài rồi" in driver.page_source)


def test_all_questions_on_one_page_are_answered_and_submitted_in_one_go(browser):
    paper = _paper()
    session = QuizSession(paper, QuizSettings(pin=PIN, one_per_screen=False, quiz_id="b2"))
    server = QuizServer(session, "127.0.0.1", 0).start()
    try:
        browser.get(server.url)
        browser.find_element("name", "name").send_keys("Phạm Văn Bốn")
        browser.find_element("name", "pin").send_keys(PIN)
        browser.find_element("css selector", "button[type=submit]").click()
        _wait(lambda: "Câu 5" in browser.page_source)
        shown = [f for f in browser.find_elements("css selector", "fieldset.q") if f.is_displayed()]
        assert len(shown) == len(paper.items) and not browser.find_element("id", "nav").is_displayed()
        for index in range(len(paper.items)):
            _answer_right(browser, paper, index)
        browser.find_element("id", "send").click()
        browser.switch_to.alert.accept()
        _wait(lambda: "Đã nộp bài" in browser.page_source)
        learner = next(iter(session.learners.values()))
        assert learner.submitted and learner.answers == [item.key for item in paper.items]
    finally:
        server.stop()
