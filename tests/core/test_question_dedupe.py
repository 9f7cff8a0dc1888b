"""A question already in the bank is recognised whatever its spelling, spacing or option order."""

from __future__ import annotations

import os

import pytest

from lecturer_app.core import second_process
from lecturer_app.core.model import Option, Question, Topic
from lecturer_app.core.questions import dedupe
from lecturer_app.core.questions.dedupe import bank_keys, dedupe_key, key_of, merge_questions


def question(stem: str, *options: str) -> Question:
    return Question(type="single_choice", stem=stem, options=[Option(t, i == 0) for i, t in enumerate(options)])


def test_same_question_with_other_accents_case_spacing_and_order_has_the_same_key():
    a = question("Đảng ra đời năm nào?", "1930", "1925")
    b = question("  ĐẢNG ra đời   năm nào ", "1925", "1930")
    assert dedupe_key(a) == dedupe_key(b)


def test_different_options_make_a_different_question():
    assert dedupe_key(question("Đảng ra đời năm nào?", "1930", "1925")) != dedupe_key(
        question("Đảng ra đời năm nào?", "1930", "1945"))


def test_a_question_s_key_is_the_key_the_bank_scan_makes_of_its_texts_one_by_one():
    """dedupe_key folds a question's texts in one call (issue #16); the bank's keys fold each text alone
    (key_of): both must agree, or an imported question would not be recognised once in the bank."""
    import random

    pieces = ["Đảng", "ra đời", "<b>năm</b>", "\u0301", "ĐẢNG", "1930", "  ", "_", "a\u1dc0b", "Σ", "x\x1fy", ".", ""]
    rng = random.Random(16)
    for _ in range(1000):
        def text() -> str:
            return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))

        options = [text() for _ in range(rng.randint(0, 4))]
        item = question(text(), *options)
        item.answers = [text() for _ in range(rng.randint(0, 2))]
        assert dedupe_key(item) == key_of(item.stem, options, item.answers), (item.stem, options, item.answers)


def test_bank_keys_name_the_stored_question(store):
    stored = question("Thủ đô của Việt Nam?", "Hà Nội", "Huế")
    store.save(stored)
    assert bank_keys(store)[dedupe_key(question("thu do cua viet nam", "Huế", "Hà Nội"))] == stored.id


def test_merging_keeps_one_question_with_the_union_of_topics_and_tags(store):
    t1, t2 = Topic(code="A-01", title="Một"), Topic(code="A-02", title="Hai")
    store.save(t1), store.save(t2)
    keep = question("Câu?", "x", "y")
    keep.topic_ids, keep.tags = [t1.id], ["chương 1"]
    drop = question("Câu?", "x", "y")
    drop.topic_ids, drop.tags = [t2.id], ["ôn tập"]
    store.save(keep), store.save(drop)
    merged = merge_questions(store, keep.id, [drop.id])
    assert merged.topic_ids == [t1.id, t2.id] and merged.tags == ["chương 1", "ôn tập"]
    assert store.get(Question, drop.id) is None
    assert store.history(drop.id)[-1].deleted


def test_words_of_a_stored_folded_stem_equal_folding_the_stem_again():
    from lecturer_app.core.questions.dedupe import folded_words, folded_words_from_fold
    from lecturer_app.core.text.normalize import fold

    texts = ["Đảng Cộng sản Việt Nam ra đời năm nào?", "Chọn   ý ĐÚNG: (A) và [B]…", "<p>Nội <b>dung</b></p>",
             "a ≮ b và c ≯ d", "xin\u1dc0chào", "tiếng\u20d0Việt", "İstanbul và ß", "", "   ", "x_y 3,5%"]
    for text in texts:
        assert folded_words_from_fold(text, fold(text)) == folded_words(text), text


def test_a_bank_scan_given_the_stored_folded_stems_finds_what_it_finds_by_folding():
    from lecturer_app.core.questions.quality import check_questions
    from lecturer_app.core.text.normalize import fold

    stems = ["Năm 1930 Đảng ra đời ở đâu?", "Năm 1930, Đảng ra đời ở đâu ?", "<p>Năm 1930 Đảng ra đời ở đâu?</p>",
             "Câu hỏi khác hẳn về kinh tế số?", "xin\u1dc0chào các bạn"]
    questions = [Question(id=f"q{n}", stem=stem, options=[Option("Hà Nội", True), Option("Hương Cảng")])
                 for n, stem in enumerate(stems)]
    plain = check_questions(questions)
    stored = check_questions(questions, stems_folded=[fold(q.stem) for q in questions])
    assert [f.to_json() for f in stored] == [f.to_json() for f in plain]
    assert any(f.code == "exact_duplicate" for f in plain)


def test_texts_folded_together_fold_as_each_alone():
    import random

    from lecturer_app.core.questions.dedupe import folded_words_from_fold, folds_and_words
    from lecturer_app.core.text.normalize import fold

    # Vietnamese, markup, marks the two foldings treat apart, sigma and ß, the separator itself, spacing.
    pieces = [*"aăâbcdđĐeêoôơuưyAÁẢ_-,.;!?<>0123 \t\n", "\u0301", "\u0323", "\u1dc0", "Σς", "ß", "ﬁ", "\x1f",
              "Đảng ", "tất cả ", "<b>", "Ỹ"]
    rng = random.Random(16)
    for _ in range(3000):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 5))]
        folds = [fold(t) for t in texts]
        assert folds_and_words(texts) == (folds, [folded_words_from_fold(t, f) for t, f in zip(texts, folds)])


def test_words_of_folded_texts_are_the_word_pattern_of_each_fold():
    """Folded Vietnamese is ASCII, whose words are found by bytes.translate and split (issue #16): the same
    words as the pattern of letters and digits finds, for ASCII text and any other."""
    import random
    import re

    from lecturer_app.core.questions.dedupe import folded_words_from_fold, folds_and_words
    from lecturer_app.core.text.normalize import fold

    pieces = [*"abcAZ09_-,.;!?()[]'\" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x7f\x00", "ăđ", "Đảng ", "–", "ß", "½"]
    rng = random.Random(5)
    for _ in range(5000):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(rng.randint(1, 5))]
        folds, words = folds_and_words(texts)
        assert folds == [fold(t) for t in texts]
        if not any("\x1f" in t for t in texts):
            assert words == [" ".join(re.findall(r"[^\W_]+", f)) for f in folds], texts
        for text in texts:
            assert folded_words_from_fold(text, fold(text)) == " ".join(re.findall(r"[^\W_]+", fold(text))), text


def many_questions() -> list[Question]:
    return [question(f"Câu {n} về Đảng {'ra đời' if n % 2 else 'lãnh đạo'}?", f"Năm {1930 + n}", "Năm 1945")
            for n in range(41)]


def test_keys_made_half_by_a_child_are_the_keys_made_one_by_one(monkeypatch):
    """A plan keys a long file in two processes when a core is free (issue #16); the keys are the same."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    monkeypatch.setattr(dedupe, "SPLIT_KEYS", 10)
    monkeypatch.setattr(second_process, "second_core_free", lambda samples=None: True)
    questions = many_questions()
    assert dedupe.dedupe_keys(questions) == [dedupe_key(q) for q in questions]


def test_a_child_failing_leaves_its_half_of_the_keys_to_this_process(monkeypatch):
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    parent, real = os.getpid(), dedupe.dedupe_key

    def key_or_die(q: Question) -> str:
        if os.getpid() != parent:
            os._exit(3)
        return real(q)

    monkeypatch.setattr(dedupe, "SPLIT_KEYS", 10)
    monkeypatch.setattr(dedupe, "dedupe_key", key_or_die)
    monkeypatch.setattr(second_process, "second_core_free", lambda samples=None: True)
    questions = many_questions()
    assert dedupe.dedupe_keys(questions) == [real(q) for q in questions]
