"""`lecturer-app quiz serve`, run as a new user would: a phone on 127.0.0.1 joins, answers, submits,
and the score sheet holds the right score."""

from __future__ import annotations

import html
import http.cookiejar
import io
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from lecturer_app.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "NTD-01"  # a shipped sample topic with reviewed single-choice questions


def _serve(data_dir: Path, *args: str) -> tuple[subprocess.Popen, dict]:
    """The command in its own process, in the data folder (where a default score sheet would go)."""
    command = [sys.executable, "-m", "lecturer_app", "--data-dir", str(data_dir), "quiz", "serve",
               "--port", "0", "--host", "127.0.0.1", "--json", *args]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", env={**os.environ, "PYTHONPATH": str(ROOT)},
                               cwd=data_dir)
    first = process.stdout.readline()
    if not first:
        process.kill()
        pytest.fail(process.stderr.read())
    return process, json.loads(first)


def _close(process: subprocess.Popen) -> dict:
    """Enter = thu bài; the last line is the results."""
    out, err = process.communicate("\n", timeout=60)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def _phone() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _printed(page: str) -> list[tuple[str, list[str]]]:
    """(stem, printed options) of every question on the quiz page."""
    found = []
    for block in re.findall(r"<fieldset.*?</fieldset>", page, re.S):
        stem = html.unescape(re.search(r"<p>(.*?)</p>", block, re.S).group(1))
        options = [html.unescape(o) for o in re.findall(r"<b>[A-H]\.</b> (.*?)</label>", block, re.S)]
        found.append((stem, options))
    return found


def _right_letter(data_dir: Path, stem: str, options: list[str]) -> str:
    """The right printed letter, found in the bank itself (not from anything the quiz says)."""
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data_dir)
    try:
        question = next(q for q in LessonBank(workspace.store).questions() if q.stem == stem)
    finally:
        workspace.close()
    right = next(o.text for o in question.options if o.correct)
    return "ABCDEFGH"[options.index(right)]


def test_a_phone_joins_answers_five_questions_and_the_score_sheet_holds_its_score(data_dir, tmp_path):
    from openpyxl import load_workbook

    results = tmp_path / "ket_qua.xlsx"
    process, info = _serve(data_dir, "--topics", SAMPLE, "--mc", "5", "--results", str(results))
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", info["url"]) and re.fullmatch(r"\d{4}", info["pin"])
        phone = _phone()
        phone.open(info["url"]).read()
        form = urlencode({"name": "Đỗ Thị Giang", "sbd": "15", "pin": info["pin"]}).encode()
        page = phone.open(info["url"] + "join", form).read().decode()
        questions = _printed(page)
        assert len(questions) == 5
        right = [_right_letter(data_dir, stem, options) for stem, options in questions]
        wrong = ["B" if letter == "A" else "A" for letter in right]
        chosen = right[:3] + wrong[3:]
        for index, letter in enumerate(chosen):
            reply = phone.open(info["url"] + "answer", urlencode({"i": index, "v": letter}).encode()).read()
            assert json.loads(reply) == {"status": "ok"}
        assert "Đã nộp bài" in phone.open(info["url"] + "submit", b"x=1").read().decode()
    finally:
        summary = _close(process)
    assert summary["learners"][0]["name"] == "Đỗ Thị Giang" and summary["learners"][0]["score"] == 6.0
    sheet = load_workbook(results)["Bảng điểm"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert (row["Họ và tên"], row["SBD"], row["Số câu đúng"], row["Tổng điểm"]) == ("Đỗ Thị Giang", "15", 3, 6.0)
    assert load_workbook(results)["Phân tích câu hỏi"].max_row == 6
    # The grade book: the quiz's folder opens in Chấm điểm, and paper grading gives the same score.
    folder = Path(summary["grading"])
    out = io.StringIO()
    code = main(["--data-dir", str(data_dir), "exam", "grade", "--exam", str(folder), "--answers",
                 str(folder / "bai_lam.xlsx"), "-o", str(tmp_path / "lai.xlsx"), "--json"], out=out, err=io.StringIO())
    assert code == 0 and json.loads(out.getvalue())["learners"][0]["score"] == 6.0


def test_one_version_of_a_built_exam_is_served_in_its_printed_order_and_keyed_by_it(data_dir, tmp_path):
    exam = tmp_path / "de"
    code = main(["--data-dir", str(data_dir), "exam", "build", "--topics", SAMPLE, "--mc", "5", "--versions", "2",
                 "--seed", "9", "--no-docx", "-o", str(exam)], out=io.StringIO(), err=io.StringIO())
    assert code == 0
    manifest = json.loads((exam / "exam.json").read_text(encoding="utf-8"))
    version = next(v for v in manifest["versions"] if v["code"] == "102")
    process, info = _serve(data_dir, "--exam", str(exam), "--version", "102", "--results", str(tmp_path / "r.xlsx"))
    try:
        phone = _phone()
        form = urlencode({"name": "Vũ Văn Hùng", "sbd": "21", "pin": info["pin"]}).encode()
        page = phone.open(info["url"] + "join", form).read().decode()
        assert [options for _stem, options in _printed(page)] == [item["options"] for item in version["items"]]
        answers = {f"a{i}": item["key"] for i, item in enumerate(version["items"])}
        phone.open(info["url"] + "submit", urlencode(answers).encode()).read()
    finally:
        summary = _close(process)
    assert summary["learners"][0]["score"] == 10.0
    out = io.StringIO()  # the answers grade against the built exam's own folder too
    code = main(["--data-dir", str(data_dir), "exam", "grade", "--exam", str(exam), "--answers",
                 str(Path(summary["grading"]) / "bai_lam.xlsx"), "-o", str(tmp_path / "lai.xlsx"), "--json"],
                out=out, err=io.StringIO())
    assert code == 0 and json.loads(out.getvalue())["learners"][0]["score"] == 10.0


def test_a_port_in_use_and_a_missing_version_are_explained(data_dir, tmp_path):
    process, info = _serve(data_dir, "--topics", SAMPLE, "--mc", "2")  # no --results: the default name
    try:
        err = io.StringIO()
        code = main(["--data-dir", str(data_dir), "quiz", "serve", "--topics", SAMPLE, "--mc", "2", "--host",
                     "127.0.0.1", "--port", str(info["port"]), "--results", str(tmp_path / "x.xlsx")],
                    out=io.StringIO(), err=err)
        assert code == 1 and "đang được một chương trình khác dùng" in err.getvalue()
    finally:
        process.communicate("\n", timeout=60)
    assert len(list(data_dir.glob("kiem_tra_nhanh_*.xlsx"))) == 1
    err = io.StringIO()
    assert main(["--data-dir", str(data_dir), "quiz", "serve", "--exam", str(tmp_path), "--port", "0"],
                out=io.StringIO(), err=err) == 1
    assert "--version" in err.getvalue()
    err = io.StringIO()
    assert main(["--data-dir", str(data_dir), "quiz", "serve", "--topics", SAMPLE, "--mc", "2", "--pin", "12"],
                out=io.StringIO(), err=err) == 1
    assert "4 đến 8 chữ số" in err.getvalue()


def test_the_text_output_lists_the_addresses_and_shows_the_address_the_pin_and_a_qr_code(data_dir, tmp_path):
    from lecturer_app.quiz.network import lan_addresses

    command = [sys.executable, "-m", "lecturer_app", "--data-dir", str(data_dir), "quiz", "serve", "--topics", SAMPLE,
               "--mc", "2", "--port", "0", "--host", "127.0.0.1", "--pin", "4321", "--results", str(tmp_path / "r.xlsx")]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    lines = []
    while not lines or not lines[-1].startswith("Nhấn Enter"):
        line = process.stdout.readline()
        assert line, process.stderr.read()
        lines.append(line.rstrip("\n"))
    out, _err = process.communicate("\n", timeout=60)
    text = "\n".join(lines)
    assert re.search(r"Học viên mở trên điện thoại: http://127\.0\.0\.1:\d+/", text) and "Mã PIN: 4321" in text
    assert "▀" in text or "█" in text  # the QR code
    assert "Windows" in text and "Đã thu bài của 0 học viên" in out
    addresses = lan_addresses()
    if addresses:
        assert f"Địa chỉ mạng của máy này: {', '.join(addresses)}" in text
