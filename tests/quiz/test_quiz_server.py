"""The quiz served on 127.0.0.1: join, answer, submit once, closing, and what a phone may see when."""

from __future__ import annotations

import dataclasses
import re
import socket

import pytest
from quiz_phone import PIN, Phone, start

from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.i18n import SCREEN
from lecturer_app.quiz.paper import QuizPaper, paper_from_manifest
from lecturer_app.quiz.server import PortUnavailable, QuizServer
from lecturer_app.quiz.session import QuizSession, QuizSettings


def test_a_learner_joins_answers_submits_once_and_sees_the_score_only_after_closing(served, paper):
    session, server = served
    phone = Phone(server.port)
    assert "Mã PIN" in phone.get("/")
    page = phone.join("Trần Thị Bình", sbd="12", unit="Chi bộ 3")
    assert "Câu 7" in page and "Nộp bài" in page
    keys = [item.key for item in paper.items]
    singles = [i for i, item in enumerate(paper.items) if item.type == "single_choice"]
    for index in singles:
        assert phone.answer(index, keys[index]) == "ok"
    assert phone.answer(singles[0], "Z") == "invalid"
    assert "Đã nộp bài" in phone.post("/submit", form_with_keys(paper, skip=singles))
    assert "nộp bài rồi" in phone.post("/submit", {f"a{singles[0]}": "A"})
    assert "Điểm của bạn" not in phone.get("/")
    session.close()
    result = phone.get("/")
    learner = next(iter(session.learners.values()))
    assert learner.answers == keys and learner.submitted
    assert "Điểm của bạn: 10" in result and "Đáp án" not in result  # answers are shown only when allowed
    assert phone.answer(1, "A") == "closed"


def form_with_keys(paper: QuizPaper, skip=()) -> dict:
    """The plain form a phone without JavaScript posts when every answer is right."""
    form: dict = {}
    for index, item in enumerate(paper.items):
        if index in skip:
            continue
        if item.type == "true_false_4":
            form.update({f"a{index}_{k}": mark for k, mark in enumerate(item.key)})
        else:
            form[f"a{index}"] = list(item.key) if item.type == "multiple_choice" else item.key
    return form


def test_reloading_or_rejoining_from_the_same_phone_continues_with_the_saved_answers(served, paper):
    session, server = served
    phone = Phone(server.port)
    phone.join("Lê Văn Cường")
    single = next(i for i, item in enumerate(paper.items) if item.type == "single_choice")
    assert phone.answer(single, "C") == "ok"
    page = phone.get("/")
    assert re.search(rf'name="a{single}" value="C" checked', page)
    token = phone.cookie
    again = Phone(server.port)  # the cookie is gone, the phone's storage still holds the token
    again.join("Lê Văn Cường", token=token)
    assert again.cookie == token and len(session.learners) == 1


def test_a_wrong_pin_or_an_empty_name_is_refused_in_words(served):
    _session, server = served
    phone = Phone(server.port)
    assert "Mã PIN không đúng" in phone.join("An", pin="0000")
    assert "Hãy nhập họ và tên" in phone.join("   ")
    assert phone.cookie == ""


def _keyed_differently(paper: QuizPaper) -> QuizPaper:
    """The same printed paper (stems, options, order) with every key moved to another option."""
    manifest = paper.manifest
    version = manifest.versions[paper.code]
    moved = {"single_choice": lambda k: "ABCD"[("ABCD".index(k) + 1) % 4], "multiple_choice": lambda k: "B",
             "true_false_4": lambda k: "SSSS", "short_answer": lambda k: "1945"}
    items = [dataclasses.replace(item, key=moved[item.type](item.key)) for item in version.items]
    other = ExamManifest(**{**manifest.__dict__, "versions": {paper.code: dataclasses.replace(version, items=items)}})
    return paper_from_manifest(other, paper.code)[0]


def _every_byte_a_class_sees_before_closing(paper: QuizPaper) -> bytes:
    tokens = iter(f"token{n}" for n in range(100))
    session = QuizSession(paper, QuizSettings(minutes=30, pin=PIN, quiz_id="same"), new_token=lambda: next(tokens))
    server = QuizServer(session, "127.0.0.1", 0).start()
    try:
        phones = [Phone(server.port) for _ in range(3)]
        for number, phone in enumerate(phones):
            phone.get("/")
            phone.join(f"Học viên {number}")
            for index in range(len(paper.items)):
                phone.answer(index, "A" if index < 4 else "")
            phone.get("/state")
            phone.get("/")
        phones[0].post("/submit", {"a0": "B", "a5_0": "Đ"})
        phones[0].get("/")
        phones[1].post("/submit", {})
        phones[1].post("/submit", {})
        seen = b"".join(b for phone in phones for b in phone.seen)
    finally:
        server.stop()
    # The only things that may differ: the date header and the seconds left.
    seen = re.sub(rb"\('date', '[^']*'\)", b"", seen)
    return re.sub(rb'"remaining": \d+|left=\d+', b"", seen)


def test_no_byte_served_before_closing_depends_on_the_answer_key(paper):
    other = _keyed_differently(paper)
    assert [i.key for i in other.items] != [i.key for i in paper.items]
    assert _every_byte_a_class_sees_before_closing(paper) == _every_byte_a_class_sees_before_closing(other)


def test_the_right_answers_are_shown_after_closing_only_when_the_lecturer_allows(paper):
    session, server = start(paper, show_answers=True)
    try:
        phone = Phone(server.port)
        phone.join("An")
        assert "Đáp án" not in phone.get("/")
        session.close()
        assert "Đáp án: " + paper.items[0].key in phone.get("/")
    finally:
        server.stop()


def test_names_stems_and_answers_are_escaped_everywhere(paper):
    session, server = start(paper, show_answers=True)
    try:
        phone = Phone(server.port)
        page = phone.join("<script>alert('x')</script>", unit="\"><img src=x>")
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page
        assert "<b>Đảng</b>" not in page and "&lt;b&gt;Đảng&lt;/b&gt;" in page
        short = next(i for i, item in enumerate(paper.items) if item.type == "short_answer")
        phone.answer(short, "</p><script>bad()</script>")
        session.close()
        result = phone.get("/")
        assert "<script>bad" not in result and "&lt;/p&gt;&lt;script&gt;bad()" in result
        assert "<script>alert" not in result
    finally:
        server.stop()


def test_only_the_quiz_routes_are_served(served):
    _session, server = served
    phone = Phone(server.port)
    for path in ("/etc/passwd", "/../pyproject.toml", "/static/x.js", "/admin", "/favicon.ico"):
        assert phone.request("GET", path)[0] == 404
    assert phone.request("POST", "/close", {})[0] == 404
    assert phone.request("DELETE", "/")[0] == 501


def test_a_body_over_the_size_limit_is_refused(served):
    _session, server = served
    phone = Phone(server.port)
    phone.join("An")
    status, _text, _ = phone.request("POST", "/submit", {"a0": "x" * 20_000})
    assert status == 413
    assert not next(iter(served[0].learners.values())).submitted


def test_a_phone_sending_too_fast_is_slowed_down_and_pin_guessing_is_stopped(paper):
    from lecturer_app.quiz.limits import Limits

    session = QuizSession(paper, QuizSettings(pin=PIN, quiz_id="t"))
    server = QuizServer(session, "127.0.0.1", 0, Limits(rate=1, burst=5, wrong_pins=3)).start()
    try:
        phone = Phone(server.port)
        statuses = [phone.request("GET", "/state")[0] for _ in range(8)]
        assert statuses[:5] == [200] * 5 and 429 in statuses[5:]
    finally:
        server.stop()
    server = QuizServer(session, "127.0.0.1", 0, Limits(wrong_pins=3)).start()
    try:
        phone = Phone(server.port)
        for guess in ("0000", "1111", "2222"):
            phone.join("Kẻ đoán", pin=guess)
        status, text, _ = phone.request("POST", "/join", {"name": "Kẻ đoán", "pin": PIN})
        assert status == 429 and "sai mã PIN quá nhiều lần" in text and not session.learners
    finally:
        server.stop()


def test_the_quiz_closes_itself_when_the_time_is_up(paper):
    now = [0.0]
    session = QuizSession(paper, QuizSettings(minutes=10, pin=PIN), clock=lambda: now[0])
    learner = session.join("An", "", "", PIN)
    assert session.save(learner.token, 0, "A") == "ok"
    now[0] = 599.0
    assert session.remaining() == pytest.approx(1.0)
    now[0] = 600.0
    assert session.save(learner.token, 0, "B") == "closed"
    assert session.submit(learner.token, {}) == "closed"
    score = session.scores()[0]
    assert "chưa bấm Nộp bài" in score.worded_notes(SCREEN) and score.response.answers[0] == "A"


def test_nothing_listens_after_the_server_stops(paper):
    _session, server = start(paper)
    port = server.port
    server.stop()
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


def test_a_port_already_in_use_is_explained_in_vietnamese(paper):
    _session, server = start(paper)
    try:
        with pytest.raises(PortUnavailable, match="đang được một chương trình khác dùng"):
            QuizServer(QuizSession(paper, QuizSettings(pin=PIN)), "127.0.0.1", server.port)
    finally:
        server.stop()


def test_a_page_of_100_questions_stays_under_100_kb(tmp_path):
    from lecturer_app.core.model import Option, Question
    from lecturer_app.quiz.paper import paper_from_questions

    questions = [Question(type="single_choice", id=f"q{n:03d}", status="approved",
                          stem=f"Câu hỏi số {n}: nội dung của Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII "
                               "về xây dựng, chỉnh đốn Đảng và hệ thống chính trị là gì?",
                          options=[Option(f"Phương án {k} của câu {n}, một câu trả lời dài vừa phải", k == 0)
                                   for k in range(4)]) for n in range(100)]
    paper, _ = paper_from_questions(questions, "Kiểm tra nhanh", seed=1)
    session, server = start(paper)
    try:
        phone = Phone(server.port)
        sizes = [len(phone.get("/").encode()), len(phone.join("Nguyễn Thị Hoa").encode())]
        phone.post("/submit", {})
        sizes.append(len(phone.get("/").encode()))
        session.close()
        sizes.append(len(phone.get("/").encode()))
    finally:
        server.stop()
    assert max(sizes) <= 100 * 1024, sizes


def test_an_answer_that_is_no_answer_to_its_question_is_refused(paper):
    session = QuizSession(paper, QuizSettings(pin=PIN))
    token = session.join("An", "", "", PIN).token
    kinds = {item.type: index for index, item in enumerate(paper.items)}
    assert session.save(token, kinds["single_choice"], "E") == "invalid"
    assert session.save(token, kinds["single_choice"], "AB") == "invalid"
    assert session.save(token, kinds["multiple_choice"], "ca") == "ok"
    assert session.learner(token).answers[kinds["multiple_choice"]] == "AC"
    assert session.save(token, kinds["true_false_4"], "ĐSX-") == "invalid"
    assert session.save(token, kinds["true_false_4"], "Đ-S-") == "ok"
    assert session.save(token, kinds["short_answer"], "x" * 500) == "ok"
    assert len(session.learner(token).answers[kinds["short_answer"]]) == 200
    assert session.save(token, 99, "A") == "invalid" and session.save("nobody", 0, "A") == "unknown"


def test_a_name_typed_as_an_excel_formula_reaches_the_score_sheet_as_text(paper, tmp_path):
    from openpyxl import load_workbook

    from lecturer_app.exporters.exam.score_sheet import write_score_sheet

    session = QuizSession(paper, QuizSettings(pin=PIN))
    session.join('=HYPERLINK("http://x.invalid","Bấm")', "+1", "@đơn vị", PIN)
    session.close()
    cell = load_workbook(write_score_sheet(session.scores(), paper.manifest, tmp_path / "d.xlsx"))["Bảng điểm"]["B2"]
    assert cell.data_type == "s" and cell.value == 'HYPERLINK("http://x.invalid","Bấm")'


def test_scores_are_computed_once_after_closing(paper):
    session = QuizSession(paper, QuizSettings(pin=PIN))
    session.join("An", "", "", PIN)
    assert session.scores() is not session.scores()  # still open: every call scores anew
    session.close()
    assert session.scores() is session.scores()
