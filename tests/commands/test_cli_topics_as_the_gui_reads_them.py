"""The CLI's ``--topics`` reads codes as the GUI's topics fields do (``TopicCatalogue.resolve``, one function).

Any case, program and module codes too; unknown codes named in one error; a code typed in a case that fits
several stored codes refused, never guessed.  And no script that worked before changes meaning: every topic
code of the shipped lesson bank still names that topic alone (before, the CLI looked each code up with
``LessonBank.topic_by_code``, exact case, topics only).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.bank.topic_codes import TopicCatalogue
from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Topic
from lecturer_app.core.workspace import open_workspace
from lecturer_app.exam.pool import load_pool
from tests.support.cli_runs import run_in as run


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """A data folder past its first start: the shipped lesson bank imported."""
    folder = tmp_path_factory.mktemp("shipped")
    open_workspace(folder).close()
    return folder


def _template_codes(path: Path) -> list[str]:
    """The codes of the rows of a blueprint template, in order, each once."""
    rows = list(load_workbook(path)["Ma trận"].iter_rows(min_row=2, values_only=True))
    return list(dict.fromkeys(str(row[0]) for row in rows))


def test_every_topic_code_of_the_shipped_bank_still_names_that_topic_alone(shipped):
    workspace = open_workspace(shipped)
    try:
        bank = LessonBank(workspace.store)
        catalogue = TopicCatalogue.of(bank)
        topics = bank.topics()
        assert len(topics) == 125
        codes = [topic.code for topic in topics]
        assert catalogue.resolve(",".join(codes)) == codes  # a script naming them all, in its order
        pool = load_pool(workspace.store, codes)
        for topic in topics:
            assert catalogue.resolve(f" {topic.code} ") == [topic.code]
            assert bank.topic_by_code(topic.code) == topic  # what the CLI looked up before
            assert pool.topic_titles[topic.code] == topic.title  # the topic's group, not a program's of that code
            assert {q.id for q in pool.by_topic.get(topic.code, [])} == {q.id for q in bank.questions(topic.id)}
    finally:
        workspace.close()


def test_a_topic_code_in_any_case_and_a_programs_code_are_taken(shipped, tmp_path):
    template = tmp_path / "mau.xlsx"
    code, out, err = run(shipped, "exam", "blueprint", "--topics", "ntd-01, Ntd-01,NTD-A", "-o", str(template))
    assert code == 0, err
    assert _template_codes(template) == ["NTD-01", "NTD-A"]  # as stored, each once


def test_unknown_codes_are_each_named_in_vietnamese_and_nothing_is_written(shipped, tmp_path):
    code, _, err = run(shipped, "exam", "build", "--topics", "NTD-01,KHONG-CO,xx-9", "--mc", "5",
                       "-o", str(tmp_path / "de"))
    assert code == 1
    assert "Không có chuyên đề mã «KHONG-CO», «xx-9» trong ngân hàng." in err
    assert not (tmp_path / "de").exists()


def test_the_oral_cards_and_the_quiz_read_the_topics_the_same_way(shipped, tmp_path):
    for argv in (["exam", "oral", "--topics", "khong-co", "--cards", "2", "-o", str(tmp_path / "p.pdf")],
                 ["quiz", "serve", "--topics", "khong-co", "--mc", "2", "--port", "0"]):
        code, _, err = run(shipped, *argv)
        assert code == 1 and "Không có chuyên đề mã «khong-co» trong ngân hàng." in err, err


@pytest.fixture
def two_cases(tmp_path) -> Path:
    """A bank with two topic codes that differ only in case."""
    folder = tmp_path / "data"
    workspace = open_workspace(folder, import_shipped_bank=False)
    workspace.store.save_many([Topic(code="NTD-01", title="Nguyên tắc tổ chức"),
                               Topic(code="Ntd-01", title="Nguyên tắc tập trung dân chủ")])
    workspace.close()
    return folder


def test_a_code_that_fits_two_codes_in_another_case_is_refused_naming_both(two_cases, tmp_path):
    template = tmp_path / "mau.xlsx"
    code, _, err = run(two_cases, "exam", "blueprint", "--topics", "ntd-01", "-o", str(template))
    assert code == 1
    assert "Mã «ntd-01» ứng với nhiều mã trong ngân hàng" in err and "«NTD-01», «Ntd-01»" in err
    assert not template.exists()
    code, _, err = run(two_cases, "exam", "blueprint", "--topics", "Ntd-01", "-o", str(template))
    assert code == 0, err  # typed exactly as stored: that code
    assert _template_codes(template) == ["Ntd-01"]


def test_unknown_and_ambiguous_codes_are_named_in_one_error(two_cases):
    workspace = open_workspace(two_cases, import_shipped_bank=False)
    try:
        catalogue = TopicCatalogue.of(LessonBank(workspace.store))
    finally:
        workspace.close()
    assert catalogue.lookup("ntd-01") is None and catalogue.unknown("ntd-01") == []
    assert catalogue.ambiguous("ntd-01, NTD-01") == {"ntd-01": ("NTD-01", "Ntd-01")}
    with pytest.raises(UserFacingError) as raised:
        catalogue.resolve("XX, ntd-01")
    assert str(raised.value) == (
        "Không có chuyên đề mã «XX» trong ngân hàng. Mã «ntd-01» ứng với nhiều mã trong ngân hàng, chỉ khác nhau "
        "ở chữ hoa, chữ thường: «NTD-01», «Ntd-01». Hãy gõ đúng mã cần chọn.")
