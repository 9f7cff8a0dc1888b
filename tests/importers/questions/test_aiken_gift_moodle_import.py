"""Aiken, GIFT and Moodle XML read the way Moodle writes them."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.importers.questions import detect_format, read_questions


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_aiken_reads_vietnamese_questions_and_refuses_an_unknown_answer_letter(tmp_path):
    path = write(tmp_path, "de.txt", "Đại hội nào đề ra đường lối Đổi mới?\nA) Đại hội IV\nB. Đại hội V\n"
                 "C) Đại hội VI\nANSWER: C\n\nCâu hai?\nA) x\nB) y\nANSWER: E\n")
    result = read_questions(path)
    assert result.format == "aiken"
    assert [o.correct for o in result.items[0].question.options] == [False, False, True]
    assert "ANSWER 'E'" in result.problems[0].reason and result.problems[0].place == "de.txt, dòng 7"


def test_gift_category_tags_escapes_and_weights(tmp_path):
    path = write(tmp_path, "q.gift", "$CATEGORY: $course$/CĐ03/Nhận biết\n\n"
                 "// [tag:Lịch sử]\n::CĐ03-NB-001:: Năm \\{1930\\} có sự kiện gì: {\n  ~Đổi mới\n  =Thành lập Đảng # Đúng.\n"
                 "  ####Xem Chủ đề 3.\n}\n\n"
                 "::CĐ03-TH-002:: Chọn các phát biểu đúng. { ~%50%Ý 1 ~%50%Ý 2 ~%-100%Ý 3 }\n\n"
                 "Phân tích ý nghĩa lịch sử. {}\n")
    items = read_questions(path).items
    first = items[0]
    assert first.question.stem == "Năm {1930} có sự kiện gì:"
    assert first.question.name == "CĐ03-NB-001" and first.question.feedback == "Xem Chủ đề 3."
    assert first.question.tags == ["Lịch sử"] and first.category == "$course$/CĐ03/Nhận biết"
    assert [o.correct for o in items[1].question.options] == [True, True, False]
    assert items[1].question.type == "multiple_choice" and items[2].question.type == "essay"


def test_gift_missing_word_question_keeps_a_gap(tmp_path):
    path = write(tmp_path, "m.gift", "Đảng ra đời năm {=1930 ~1945} tại Hương Cảng.\n")
    question = read_questions(path, "gift").items[0].question
    assert question.stem == "Đảng ra đời năm _____ tại Hương Cảng."


def test_moodle_xml_images_become_blobs_and_type_tags_restore_types(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    data = base64.b64encode(png).decode()
    xml = f"""<?xml version="1.0" encoding="UTF-8"?><quiz>
<question type="category"><category><text>$course$/top/NTD/NTD-01</text></category></question>
<question type="multichoice"><name><text>Ảnh</text></name>
<questiontext format="html"><text><![CDATA[<p>Biển báo <b>này</b> là gì?</p><img src="@@PLUGINFILE@@/bien%20bao.png">]]></text>
<file name="bien bao.png" path="/" encoding="base64">{data}</file></questiontext>
<defaultgrade>0.5</defaultgrade><single>false</single>
<answer fraction="100"><text>Nhận định 1</text></answer><answer fraction="0"><text>Nhận định 2</text></answer>
<answer fraction="100"><text>Nhận định 3</text></answer><answer fraction="-100"><text>Nhận định 4</text></answer>
<tags><tag><text>Thông hiểu</text></tag><tag><text>dung-sai-4-y</text></tag></tags></question>
<question type="ddwtos"><name><text>x</text></name><questiontext><text>x</text></questiontext></question>
</quiz>"""
    path = write(tmp_path, "m.xml", xml)
    result = read_questions(path)
    question = result.items[0].question
    assert question.type == "true_false_4" and question.level == "Thông hiểu" and question.tags == []
    assert question.stem == "Biển báo này là gì?" and question.points == 0.5
    assert question.images[0].filename == "bien bao.png" and result.blobs[question.images[0].sha256] == png
    assert [o.correct for o in question.options] == [True, False, True, False]
    assert "ddwtos" in result.problems[0].reason and result.problems[0].place == "m.xml, dòng 10"


def test_broken_or_hostile_xml_is_refused_with_the_file_named(tmp_path):
    broken = write(tmp_path, "broken.xml", "<quiz><question type='essay'>")
    with pytest.raises(InputFileError) as info:
        read_questions(broken)
    assert "broken.xml" in str(info.value)
    bomb = write(tmp_path, "bomb.xml", '<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaaaaaaaa">'
                 '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz><question type="essay"><questiontext>'
                 '<text>&b;</text></questiontext></question></quiz>')
    result = read_questions(bomb)
    assert all("aaaaaaaaaa" not in i.question.stem for i in result.items)


def test_text_files_are_told_apart_by_content(tmp_path):
    assert detect_format(write(tmp_path, "a.txt", "Q?\nA) x\nB) y\nANSWER: A\n")) == "aiken"
    assert detect_format(write(tmp_path, "g.txt", "::n:: Q? {=a ~b}\n")) == "gift"
    assert detect_format(write(tmp_path, "w.txt", "Câu 1: Q?\nA. x  B. y\nĐáp án: A\n")) == "txt"
    with pytest.raises(InputFileError):
        detect_format(tmp_path / "x.pdf")
