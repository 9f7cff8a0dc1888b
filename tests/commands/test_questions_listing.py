"""`questions list --json` read from the stored bodies says what the questions themselves say (docs/cli.md).

The listing no longer builds a Question per row; these tests derive the
documented entry from the Question objects the store gives, and compare,
on a bank with bodies an older client wrote (fields missing) and a newer one
(fields unknown here), several topics and a topic that is gone.
"""

from __future__ import annotations

import json

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Option, Question
from lecturer_app.core.store.revisions import Revision
from tests.support.cli_runs import stdout_in


def documented_entry(q: Question, codes: dict[str, str]) -> dict[str, object]:
    """The entry docs/cli.md describes, from the question as the store revives it."""
    return {"id": q.id, "type": q.type, "stem": q.stem,
            "options": [{"text": o.text, "correct": o.correct, "pinned": o.pinned} for o in q.options],
            "answers": q.answers, "topic_code": codes.get(q.topic_ids[0], "") if q.topic_ids else "",
            "topic_codes": [codes[t] for t in q.topic_ids if t in codes], "level": q.level, "points": q.points,
            "status": q.status, "tags": q.tags}


@pytest.fixture
def bank(workspace):
    store = workspace.store
    first, second, *_ = LessonBank(store).topics()
    old, _short, essay, newer = questions = [
        Question(stem="Năm thành lập, câu thử?", options=[Option("1930", True), Option("Tất cả", pinned=True)],
                 level="Nhận biết", topic_ids=[first.id, "không-còn", second.id], tags=["lịch sử"], points=0.25),
        Question(type="short_answer", stem="Thủ đô?", answers=["Hà Nội"], topic_ids=["không-còn", first.id]),
        Question(type="essay", stem="Phân tích \"ý nghĩa\"\nlịch sử.", status="approved", points=2),
        Question(type="true_false_4", stem="Về Đảng:", topic_ids=[second.id],
                 options=[Option(f"Ý {n}", n % 2 == 0) for n in range(4)]),
    ]
    store.save_many(questions)
    # Bodies an older client wrote (fields missing) and a newer one (fields unknown here), taken by sync.
    arrive(store, old, lambda body: ([body.pop(k) for k in ("points", "tags", "status")],
                                     body["options"][0].pop("pinned"), body["options"][1].pop("text")))
    arrive(store, essay, lambda body: [body.pop(k) for k in ("type", "answers", "level")])
    arrive(store, newer, lambda body: (body.update({"mới": [1, 2]}), body["options"][0].update({"mới": 1})))
    return workspace


def arrive(store, question: Question, change) -> None:
    """A new revision of *question* whose body is its own changed by *change*, as sync takes one in."""
    body = question.to_body()
    change(body)
    heads = store.log.heads(question.id)
    store.apply(Revision.create(record_id=question.id, type=question.TYPE, parents=tuple(h.rev_id for h in heads),
                                generation=1 + max(h.generation for h in heads), body=body, deleted=False,
                                author="máy khác", device="máy khác", hlc=store.clock.now(), summary=""))


def listed(data_dir, *args: str) -> list[dict]:
    return json.loads(stdout_in(data_dir, "questions", "list", "--json", *args))


def test_every_entry_is_what_the_question_says(bank):
    lesson_bank = LessonBank(bank.store)
    codes = {t.id: t.code for t in lesson_bank.topics()}
    questions = bank.store.select(Question, order_by="rowid")
    assert len(questions) >= 4
    assert listed(bank.data_dir) == [documented_entry(q, codes) for q in questions]


def test_a_body_missing_fields_lists_their_defaults(bank):
    by_stem = {entry["stem"]: entry for entry in listed(bank.data_dir)}
    old = by_stem["Năm thành lập, câu thử?"]
    assert (old["points"], old["tags"], old["status"]) == (1.0, [], "draft")
    assert old["options"] == [{"text": "1930", "correct": True, "pinned": False},
                              {"text": "", "correct": False, "pinned": True}]
    essay = by_stem["Phân tích \"ý nghĩa\"\nlịch sử."]
    assert (essay["type"], essay["answers"], essay["level"]) == ("single_choice", [], "")


def test_topic_codes_skip_a_topic_that_is_gone_and_the_first_names_the_topic(bank):
    lesson_bank = LessonBank(bank.store)
    first, second, *_ = lesson_bank.topics()
    by_stem = {entry["stem"]: entry for entry in listed(bank.data_dir)}
    assert by_stem["Năm thành lập, câu thử?"]["topic_codes"] == [first.code, second.code]
    assert by_stem["Thủ đô?"]["topic_code"] == ""  # its first topic is gone
    assert [e["stem"] for e in listed(bank.data_dir, "--topic", second.code)] == ["Năm thành lập, câu thử?", "Về Đảng:"]
