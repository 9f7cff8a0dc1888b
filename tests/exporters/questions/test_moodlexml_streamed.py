"""Moodle XML written as text, question by question: the bytes lxml's element tree gave, and never half a file.

The reference is the writer as it was (tests/support/moodle_lxml_reference.py):
the same questions, context and images must give the same file and the same
report, for every question type and for text that needs escaping.
"""

from __future__ import annotations

import io

import pytest

from lecturer_app.core.model import ImageRef, Option, Question, RubricItem
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.ids import uuid7
from lecturer_app.exporters.questions import moodlexml_writer
from lecturer_app.exporters.questions.common import ExportContext
from tests.exporters.questions.test_question_export_round_trip import sample_questions
from tests.support import moodle_lxml_reference

# Everything XML or HTML escapes, a CR, a tab, quotes, and the end of a CDATA section.
AWKWARD = "A & B < C > D \"trích\" 'nháy'\r\n\tdòng ]]> hết"


def awkward_questions(image: str) -> list[Question]:
    """Questions whose every written field holds AWKWARD text, and the cases with their own branches."""
    return [
        Question(type="single_choice", stem=f"<p>{AWKWARD}</p>", stem_format="html", name=AWKWARD,
                 feedback=AWKWARD, level=AWKWARD, tags=[AWKWARD, "thẻ"], topic_ids=["t1"], points=0.3333333333,
                 options=[Option(AWKWARD, True, image=ImageRef(image, "ảnh \"1\" & <2>.png", alt=AWKWARD)),
                          Option("Tất cả các đáp án trên", pinned=True)],
                 images=[ImageRef(image, "hình\t1.png"), ImageRef("0" * 64, "thiếu.png")]),
        Question(type="multiple_choice", stem=AWKWARD, topic_ids=["t2"],
                 options=[Option(f"Ý {n}", True) for n in range(11)] + [Option("Sai")]),
        Question(type="short_answer", stem="   ", answers=[AWKWARD, ""], topic_ids=["t2"]),
        Question(type="essay", stem=AWKWARD, guide=AWKWARD, rubric=[RubricItem(AWKWARD, 1.0)]),
        Question(type="oral", stem="Vấn đáp", guide=""),
        Question(type="single_choice", stem="", options=[Option("Đúng"), Option("Sai", True)]),
    ]


@pytest.fixture
def context(tmp_path) -> tuple[ExportContext, str]:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(buffer, "PNG")
    blobs = BlobStore(tmp_path / "blobs")
    sha = blobs.put_bytes(buffer.getvalue())
    return ExportContext(topic_codes={"t1": "NTD-01", "t2": "A&B<1>"}, topic_programs={"t1": "NTD"},
                         blobs=blobs), sha


def both(questions: list[Question], context: ExportContext, tmp_path) -> tuple[tuple, tuple]:
    for question in questions:
        question.id = question.id or uuid7()
    written = []
    for name, module in (("text", moodlexml_writer), ("lxml", moodle_lxml_reference)):
        path = tmp_path / f"{name}.xml"
        report = module.export(questions, path, context)
        written.append((path.read_bytes(), report.written, report.skipped))
    return written[0], written[1]


def test_every_question_type_is_written_as_the_element_tree_wrote_it(context, tmp_path):
    ctx, sha = context
    text, reference = both(sample_questions(sha), ctx, tmp_path)
    assert text == reference


def test_text_that_needs_escaping_is_written_as_lxml_escaped_it(context, tmp_path):
    ctx, sha = context
    text, reference = both(awkward_questions(sha), ctx, tmp_path)
    assert text == reference
    assert b"]]]]><![CDATA[>" in text[0]  # the CDATA section split where the stem closes one
    assert text[2]  # the missing picture and the eleven right answers are reported


def test_an_empty_export_is_the_same_empty_quiz(context, tmp_path):
    assert both([], context[0], tmp_path)[0] == both([], context[0], tmp_path)[1]


def test_the_written_file_parses_back_to_the_texts_given(context, tmp_path):
    from lxml import etree

    ctx, sha = context
    questions = awkward_questions(sha)
    moodlexml_writer.export(questions, tmp_path / "m.xml", ctx)
    root = etree.parse(str(tmp_path / "m.xml")).getroot()
    assert root.xpath("//question[@type!='category']/name/text/text()")[0] == AWKWARD
    # A CR inside CDATA reaches a parser as a line break (XML end-of-line handling), as it did from lxml.
    stem = root.xpath("//question[@type!='category']/questiontext/text/text()")[0]
    assert stem.startswith(f"<p>{AWKWARD}</p>".replace("\r\n", "\n"))
    assert root.xpath("//file/@name") == ["hình\t1.png", "ảnh \"1\" & <2>.png"]
    assert root.xpath("//category/text/text()") == ["$course$/top/NTD/NTD-01", "$course$/top/A&B<1>",
                                                        "$course$/top"]


def failing_after(questions: list[Question], count: int):
    yield from questions[:count]
    raise RuntimeError("đọc hỏng giữa chừng")


@pytest.mark.parametrize("existing", [False, True])
def test_a_failure_mid_stream_leaves_no_half_written_file(context, tmp_path, existing):
    ctx, sha = context
    questions = sample_questions(sha)
    for question in questions:
        question.id = uuid7()
    path = tmp_path / "ngan_hang.xml"
    if existing:
        path.write_bytes(b"<quiz/>\n")
    with pytest.raises(RuntimeError):
        moodlexml_writer.export(failing_after(questions, 3), path, ctx)
    assert (path.read_bytes() == b"<quiz/>\n") if existing else not path.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
