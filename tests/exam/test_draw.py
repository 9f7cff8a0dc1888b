"""Drawing a blueprint and building versions: checks, reproducibility, groups, history."""

from __future__ import annotations

import pytest
from exam_bank_data import TOPIC_CODES

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import (
    Blueprint,
    BlueprintCell,
    Exam,
    ExamVersion,
    Option,
    Question,
)
from lecturer_app.exam.blueprint import check_blueprint, quick_blueprint
from lecturer_app.exam.codes import CodeScheme, version_codes
from lecturer_app.exam.draw import DrawOptions, draw_exam
from lecturer_app.exam.pool import load_pool, recent_question_ids


def _blueprint(**counts) -> Blueprint:
    cells = [BlueprintCell("LS-01", "Nhận biết", "single_choice", counts.get("nb", 4), 1.0),
             BlueprintCell("LS-02", "Thông hiểu", "single_choice", counts.get("th", 4), 1.0),
             BlueprintCell("LS-03", "Vận dụng", "essay", counts.get("vd", 2), 8.0)]
    return Blueprint(name="Thử", cells=cells)


def test_the_check_says_which_cells_cannot_be_filled(exam_bank):
    pool = load_pool(exam_bank)
    check = check_blueprint(_blueprint(nb=30), pool)
    assert not check.ok
    assert [s.fillable for s in check.cells] == [False, True, True]
    assert check.cells[0].available == 7
    assert any("LS-01" in p and "30" in p for p in check.problems)


def test_the_points_must_add_up_to_the_total(exam_bank):
    blueprint = _blueprint()
    blueprint.cells[2].points = 7.0
    problems = check_blueprint(blueprint, load_pool(exam_bank)).problems
    assert any("9,0" in p and "10,0" in p for p in problems)


def test_an_unfillable_blueprint_is_refused_with_the_reasons(exam_bank):
    with pytest.raises(UserFacingError, match="LS-01"):
        draw_exam(_blueprint(nb=30), load_pool(exam_bank), DrawOptions())


def test_every_version_has_the_same_questions_in_its_own_order(exam_bank):
    result = draw_exam(_blueprint(), load_pool(exam_bank), DrawOptions(versions=4, seed=11))
    drawn = {d.question.id for d in result.drawn}
    orders = [v.question_ids for v in result.versions]
    assert all(set(order) == drawn for order in orders)
    assert len({tuple(order) for order in orders}) > 1
    for version in result.versions:
        assert [p.question.type for p in version.printed] == ["single_choice"] * 8 + ["essay"] * 2
        for printed in version.objective:
            assert printed.question.options[printed.order["ABCD".index(printed.key)]].correct


def test_the_same_seed_gives_the_same_exam_and_another_seed_does_not(exam_bank):
    pool = load_pool(exam_bank)
    first = draw_exam(_blueprint(), pool, DrawOptions(seed=5))
    again = draw_exam(_blueprint(), load_pool(exam_bank), DrawOptions(seed=5))
    other = draw_exam(_blueprint(), pool, DrawOptions(seed=6))
    same = lambda r: [(v.code, v.question_ids, v.key, [p.order for p in v.printed]) for v in r.versions]
    assert same(first) == same(again)
    assert same(first) != same(other)


def test_quick_mode_spreads_the_questions_evenly_over_the_topics(exam_bank):
    pool = load_pool(exam_bank)
    blueprint = quick_blueprint(pool, list(TOPIC_CODES), mc=40, essay=2)
    counts = {c.topic_code: c.count for c in blueprint.cells if c.type == "single_choice"}
    assert sorted(counts.values()) == [13, 13, 14]
    assert check_blueprint(blueprint, pool).ok
    assert sum(c.points for c in blueprint.cells) == pytest.approx(10.0)


def test_grouped_questions_stay_together_in_every_version(exam_bank):
    pool = load_pool(exam_bank)
    group = [q for q in pool.by_topic["LS-01"] if q.type == "single_choice"][:3]
    for question in group:
        question.group_id = "doan-van-1"
        exam_bank.save(question)
    pool = load_pool(exam_bank)
    blueprint = Blueprint(cells=[BlueprintCell("LS-01", "", "single_choice", 20, 10.0)])
    for version in draw_exam(blueprint, pool, DrawOptions(versions=6, seed=2)).versions:
        positions = [i for i, qid in enumerate(version.question_ids) if qid in {q.id for q in group}]
        assert positions == list(range(positions[0], positions[0] + 3))


def test_avoiding_the_last_exams_prefers_unused_questions(exam_bank):
    pool = load_pool(exam_bank)
    used = [q.id for q in pool.by_topic["LS-01"] if q.type == "single_choice"][:10]
    exam_bank.save(Exam(title="Đề cũ", created="2025-01-01T00:00:00+00:00",
                        versions=[ExamVersion("101", used, [], [])]))
    avoid = recent_question_ids(exam_bank, 1)
    assert avoid == set(used)
    blueprint = Blueprint(cells=[BlueprintCell("LS-01", "", "single_choice", 10, 10.0)])
    result = draw_exam(blueprint, pool, DrawOptions(seed=1), avoid)
    assert not {d.question.id for d in result.drawn} & avoid
    assert result.warnings == []
    tight = Blueprint(cells=[BlueprintCell("LS-01", "", "single_choice", 15, 10.0)])
    result = draw_exam(tight, pool, DrawOptions(seed=1), avoid)
    assert len({d.question.id for d in result.drawn} & avoid) == 5
    assert result.warnings


def test_exams_are_stored_as_confidential_records(store):
    store.save(Exam(title="Đề"))
    exam = store.select(Exam)[0]
    assert exam.confidential is True and exam.shared is False
    assert store.select(Question) == []


@pytest.mark.parametrize("scheme, expected", [
    (CodeScheme("sequence", 101, 1), ["101", "102", "103"]),
    (CodeScheme("sequence", 132, 77), ["132", "209", "286"]),
])
def test_sequence_codes(scheme, expected):
    import random

    assert version_codes(scheme, 3, random.Random(0)) == expected


def test_random_codes_are_unique_three_digit_numbers():
    import random

    codes = version_codes(CodeScheme("random"), 50, random.Random(4))
    assert len(set(codes)) == 50
    assert all(len(c) == 3 and c.isdigit() and c[0] != "0" for c in codes)


def test_every_version_has_a_balanced_key_even_with_pinned_correct_answers(exam_bank):
    from collections import Counter

    pool = load_pool(exam_bank)
    blueprint = Blueprint(cells=[BlueprintCell(code, "", "single_choice", 20, 10 / 3) for code in TOPIC_CODES])
    result = draw_exam(blueprint, pool, DrawOptions(versions=12, seed=3))
    assert result.warnings == []
    pinned = {d.question.id for d in result.drawn if any(o.pinned and o.correct for o in d.question.options)}
    assert len(pinned) == 3
    for version in result.versions:
        key = version.key
        assert all(abs(n - len(key) / 4) <= 1 for n in Counter(key).values())
        assert all(not (key[i] == key[i + 1] == key[i + 2]) for i in range(len(key) - 2))
        for printed in version.objective:
            if printed.question.id in pinned:
                assert printed.key == "D"


def test_a_blueprint_row_can_name_a_program_or_module(store, mini_bank):
    from lecturer_app.core.bank.shipped_import import import_bank

    import_bank(store, mini_bank)
    pool = load_pool(store)
    assert [q.stem for q in pool.by_topic["AB"]] == [q.stem for q in pool.by_topic["AB-01"]]
    assert pool.by_topic["AB-A"] == pool.by_topic["AB-01"]
    assert "CD" in pool.by_topic  # AB-01 is also taught in CD
    assert pool.topic_titles["AB"] == "Bồi dưỡng nhận thức về Đảng"
    blueprint = Blueprint(cells=[BlueprintCell("AB", "", "single_choice", 1, 10.0)])
    assert check_blueprint(blueprint, pool).ok


def test_a_pool_for_some_codes_holds_what_the_whole_banks_pool_holds_for_them(store, mini_bank):
    """Only those codes' questions are read (``LessonBank.questions_of``); the groups and their order are the same."""
    from lecturer_app.core.bank.shipped_import import import_bank

    import_bank(store, mini_bank)
    store.save(Question(type="single_choice", stem="Câu của chuyên đề khác", topic_ids=["không có chủ đề này"],
                        options=[Option("Đúng", correct=True), Option("Sai")]))
    whole = load_pool(store)
    assert whole.by_topic["AB"] and whole.by_topic["CD"]
    for codes in (["AB"], ["AB-A"], ["CD", "AB-01"], sorted(whole.by_topic)):
        part = load_pool(store, codes)
        assert {code: [q.id for q in qs] for code, qs in part.by_topic.items()} == \
            {code: [q.id for q in whole.by_topic[code]] for code in codes if code in whole.by_topic}


def test_a_group_is_drawn_whole_or_not_at_all(exam_bank):
    pool = load_pool(exam_bank)
    group = [q for q in pool.by_topic["LS-01"] if q.type == "single_choice"][:3]
    for question in group:
        question.group_id = "doan-van-2"
        exam_bank.save(question)
    pool = load_pool(exam_bank)
    ids = {q.id for q in group}
    blueprint = Blueprint(cells=[BlueprintCell("LS-01", "", "single_choice", 5, 10.0)])
    seen_group = 0
    for seed in range(30):
        result = draw_exam(blueprint, pool, DrawOptions(versions=1, seed=seed))
        drawn = {d.question.id for d in result.drawn}
        assert len(drawn) == 5
        assert len(drawn & ids) in (0, 3)
        seen_group += bool(drawn & ids)
        assert not any("tách" in w for w in result.warnings)
    assert 0 < seen_group < 30  # the group is neither forced in nor left out


def test_a_cell_smaller_than_every_group_splits_one_and_says_so(exam_bank):
    pool = load_pool(exam_bank)
    questions = [q for q in pool.by_topic["LS-02"] if q.type == "single_choice"]
    assert len(questions) >= 2
    for index, question in enumerate(questions):
        question.group_id = f"cap-{min(index // 2, len(questions) // 2 - 1)}"  # pairs (a last triple if odd)
        exam_bank.save(question)
    pool = load_pool(exam_bank)
    single = Blueprint(cells=[BlueprintCell("LS-02", "", "single_choice", 1, 10.0)])
    result = draw_exam(single, pool, DrawOptions(versions=1, seed=1))
    assert len(result.drawn) == 1
    assert any("tách" in w for w in result.warnings)
