"""Exports and listings stream: their memory does not grow with the number of questions.

Measured in a fresh process (tracemalloc's peak of the command alone), on a
bank with one small topic (1,500 questions) inside a larger bank (6,000):
a writer that gathered every question first would need about four times the
memory for the whole bank.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Option, Question
from lecturer_app.core.workspace import open_workspace

SMALL, LARGE = 1_500, 6_000

PEAK = textwrap.dedent("""
    import io, json, sys, tracemalloc
    from lecturer_app.cli import main
    args = json.loads(sys.argv[1])
    main(["--version"], out=io.StringIO())
    import lecturer_app.core.workspace, lxml.etree, openpyxl  # imported before measuring: not per question
    tracemalloc.start()
    code = main(args, out=open("/dev/null", "w"), err=sys.stderr)
    print(json.dumps([code, tracemalloc.get_traced_memory()[1]]))
""")


@pytest.fixture(scope="module")
def bank(shipped_data, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("streaming") / "data"
    import shutil

    shutil.copytree(shipped_data, folder)
    workspace = open_workspace(folder)
    small, large = LessonBank(workspace.store).topics()[:2]
    workspace.store.save_many(
        Question(stem=f"Câu hỏi số {n}: nội dung đủ dài để mỗi câu chiếm bộ nhớ như câu thật?",
                 options=[Option(f"Phương án {k} của câu {n}", k == n % 4) for k in range(4)],
                 level="Nhận biết", topic_ids=[(small if n < SMALL else large).id], points=0.25)
        for n in range(LARGE))
    workspace.close()
    return folder


def first_topic_code(bank: Path) -> str:
    workspace = open_workspace(bank)
    try:
        return LessonBank(workspace.store).topics()[0].code
    finally:
        workspace.close()


def peak(bank: Path, *args: str) -> int:
    proc = subprocess.run([sys.executable, "-c", PEAK, json.dumps(["--data-dir", str(bank), *args])],
                          capture_output=True, text=True, check=True)
    code, peak_bytes = json.loads(proc.stdout)
    assert code == 0, proc.stderr
    return peak_bytes


@pytest.mark.parametrize("fmt", ["moodlexml", "qti", "gift", "xlsx"])
def test_exporting_four_times_the_questions_takes_no_more_memory(bank, tmp_path, fmt):
    first = first_topic_code(bank)
    few = peak(bank, "questions", "export", str(tmp_path / f"few.{fmt}"), "--format", fmt, "--topic", first)
    many = peak(bank, "questions", "export", str(tmp_path / f"all.{fmt}"), "--format", fmt)
    assert many < 1.5 * few, (few, many)


def test_listing_four_times_the_questions_as_json_takes_no_more_memory(bank):
    first = first_topic_code(bank)
    few = peak(bank, "questions", "list", "--json", "--topic", first)
    many = peak(bank, "questions", "list", "--json")
    assert many < 1.5 * few, (few, many)


@pytest.mark.parametrize("count", [0, 1, 999, 1000, 1001, 2500])
def test_a_streamed_json_array_reads_back_whole_at_every_chunk_boundary(count):
    import argparse
    import io

    from lecturer_app.cli import CommandContext

    out = io.StringIO()
    items = ({"n": n, "văn bản": "Đảng \"trích\"\n"} for n in range(count))
    CommandContext(argparse.Namespace(), out, io.StringIO()).print_json_array(items)
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1
    assert json.loads(text) == [{"n": n, "văn bản": "Đảng \"trích\"\n"} for n in range(count)]


def test_json_output_is_compact_utf8_on_one_line():
    import argparse
    import io

    from lecturer_app.cli import CommandContext

    out = io.StringIO()
    CommandContext(argparse.Namespace(), out, io.StringIO()).print_json({"tên": ["Đảng", 1]})
    assert out.getvalue() == '{"tên":["Đảng",1]}\n'
