"""Nothing is written until confirmed; what is written is new, in one transaction."""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.model import Option, Question, Topic
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.importers.questions import read_questions
from lecturer_app.importers.questions.commit import commit_import, plan_import

GIFT = """$CATEGORY: $course$/top/AB-01/Thông hiểu

::a:: Đảng ra đời năm nào? {=1930 ~1945}

::b:: Thủ đô? {=Hà Nội}

::c:: ĐẢNG RA ĐỜI NĂM NÀO {~1945 =1930}

$CATEGORY: $course$/top/Chương 2

::d:: Câu mới? {=x ~y}
"""


def gift_file(tmp_path: Path) -> Path:
    path = tmp_path / "bank.gift"
    path.write_text(GIFT, encoding="utf-8")
    return path


def test_preview_writes_nothing_and_lists_in_file_repeats(tmp_path, store):
    plan = plan_import(read_questions(gift_file(tmp_path)), store)
    assert [i.question.stem for i in plan.new] == ["Đảng ra đời năm nào?", "Thủ đô?", "Câu mới?"]
    assert plan.skipped[0].place == "bank.gift, dòng 7" and "dòng 3" in plan.skipped[0].reason
    assert store.counts().get("question", 0) == 0


def test_categories_become_topic_level_and_tags(tmp_path, store):
    topic = Topic(code="AB-01", title="Lịch sử Đảng")
    store.save(topic)
    plan = plan_import(read_questions(gift_file(tmp_path)), store)
    first, last = plan.new[0].question, plan.new[-1].question
    assert first.topic_ids == [topic.id] and first.level == "Thông hiểu"
    assert last.topic_ids == [] and last.tags == ["Chương 2"]


def test_questions_already_in_the_bank_are_not_added_twice(tmp_path, store):
    store.save(Question(type="short_answer", stem="thu do", answers=["ha noi"]))
    blobs = BlobStore(tmp_path / "blobs")
    plan = plan_import(read_questions(gift_file(tmp_path)), store)
    assert any("đã có trong ngân hàng" in p.reason for p in plan.skipped)
    saved = commit_import(plan, store, blobs)
    assert len(saved) == 2 and store.counts()["question"] == 3
    again = plan_import(read_questions(gift_file(tmp_path)), store)
    assert again.new == []


def test_a_topic_given_by_the_user_overrides_the_categories(tmp_path, store):
    topic = Topic(code="CD-09", title="Khác")
    store.save(topic)
    plan = plan_import(read_questions(gift_file(tmp_path)), store, topic_ids=[topic.id])
    assert all(i.question.topic_ids == [topic.id] for i in plan.new)


def test_images_are_stored_as_blobs_only_on_commit(tmp_path, store):
    from lecturer_app.importers.questions.report import ImportResult

    result = ImportResult(tmp_path / "x.xml", "moodlexml")
    ref = result.add_image(b"picture-bytes", "h.png")
    result.add(Question(type="single_choice", stem="Hình?", images=[ref], options=[Option("a", True), Option("b")]),
               "dòng 1")
    blobs = BlobStore(tmp_path / "blobs")
    plan = plan_import(result, store)
    assert not blobs.has(ref.sha256)
    commit_import(plan, store, blobs)
    assert blobs.read_bytes(ref.sha256) == b"picture-bytes"
    assert store.get(Question, plan.new[0].question.id).source == "x.xml"
