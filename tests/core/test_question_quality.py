"""Kiểm tra chất lượng: per-question problems and duplicates across the bank."""

from __future__ import annotations

import random

from lecturer_app.core.model import Option, Question, RubricItem
from lecturer_app.core.questions.quality import (
    check_questions,
    near_duplicates,
    question_findings,
)


def mc(stem: str, options: list[tuple[str, bool]], qtype: str = "single_choice", qid: str = "") -> Question:
    return Question(id=qid or stem, type=qtype, stem=stem, level="Nhận biết", topic_ids=["t"],
                    options=[Option(t, c) for t, c in options])


def codes(question: Question) -> set[str]:
    return {f.code for f in question_findings(question)}


def test_a_clean_question_has_no_finding():
    assert codes(mc("Đảng ra đời năm nào?", [("1925", False), ("1930", True)])) == set()


def test_single_choice_with_no_or_several_correct_options_is_flagged():
    assert "no_correct" in codes(mc("a", [("x", False), ("y", False)]))
    assert "several_correct" in codes(mc("a", [("x", True), ("y", True)]))
    assert "several_correct" not in codes(mc("a", [("x", True), ("y", True)], "multiple_choice"))


def test_repeated_options_and_unpinned_all_of_the_above_are_flagged():
    question = mc("a", [("Hà Nội", True), ("ha noi", False), ("Tất cả các đáp án trên", False)])
    assert {"duplicate_options", "unpinned_reference"} <= codes(question)
    question.options[2].pinned = True
    assert "unpinned_reference" not in codes(question)
    assert "unpinned_reference" in codes(mc("a", [("x", True), ("Không có đáp án nào đúng", False)]))


def test_missing_level_topic_and_rubric_problems_are_flagged():
    essay = Question(id="e", type="essay", stem="Phân tích", points=2.0)
    assert {"missing_level", "missing_topic", "missing_rubric"} <= codes(essay)
    essay.rubric = [RubricItem("Ý 1", 0.5), RubricItem("Ý 2", 1.0)]
    assert "rubric_points" in codes(essay)
    essay.rubric.append(RubricItem("Ý 3", 0.5))
    assert "rubric_points" not in codes(essay)


def test_exact_and_near_duplicates_are_found_across_the_bank():
    a = mc("Đảng Cộng sản Việt Nam ra đời vào năm nào?", [("1930", True), ("1945", False)], qid="a")
    b = mc("ĐẢNG CỘNG SẢN VIỆT NAM RA ĐỜI VÀO NĂM NÀO", [("1945", False), ("1930", True)], qid="b")
    c = mc("Đảng Cộng sản Việt Nam được ra đời vào năm nào?", [("1930", True), ("1945", False)], qid="c")
    d = mc("Thủ đô của nước Việt Nam là thành phố nào?", [("Hà Nội", True), ("Huế", False)], qid="d")
    findings = check_questions([a, b, c, d])
    exact = [f for f in findings if f.code == "exact_duplicate"]
    near = [f for f in findings if f.code == "near_duplicate"]
    assert [sorted(f.question_ids) for f in exact] == [["a", "b"]]
    assert {frozenset(f.question_ids) for f in near} >= {frozenset({"a", "c"})}
    assert all("d" not in f.question_ids for f in near)


def test_the_threshold_is_configurable():
    a = mc("Hội nghị thành lập Đảng họp ở đâu?", [("Hương Cảng", True), ("Hà Nội", False)], qid="a")
    b = mc("Hội nghị hợp nhất các tổ chức cộng sản họp ở đâu?", [("Hương Cảng", True), ("Hà Nội", False)], qid="b")
    assert near_duplicates([a, b], threshold=95) == []
    assert near_duplicates([a, b], threshold=60)


def test_a_near_duplicate_hidden_in_a_large_bank_is_still_found():
    rng = random.Random(7)
    words = [f"từ{i}" for i in range(3000)]
    bank = [mc(" ".join(rng.choice(words) for _ in range(12)), [("A", True), ("B", False)], qid=f"q{i}")
            for i in range(3000)]
    twin = mc(bank[1234].stem + " không", [("A", True), ("B", False)], qid="twin")
    found = near_duplicates([*bank, twin])
    assert any(set(f.question_ids) == {"q1234", "twin"} for f in found)


def reference_pairs(texts: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """The near-duplicate scan as specified, pair by pair: each text's BLOCK_WORDS rarest shared words of two
    letters or more (fewest texts, then alphabetical) make its blocks; in a block sorted by length a text is
    compared with its next WINDOW neighbours until one is more than MAX_LENGTH_RATIO times as long."""
    from collections import Counter, defaultdict

    from rapidfuzz.fuzz import ratio

    from lecturer_app.core.questions.quality import BLOCK_WORDS, MAX_LENGTH_RATIO, WINDOW

    frequency = Counter(word for text in texts for word in set(text.split()))
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        rare = sorted((frequency[w], w) for w in set(text.split()) if frequency[w] > 1 and len(w) > 1)
        for _count, word in rare[:BLOCK_WORDS]:
            blocks[word].append(index)
    found = []
    for block in (b for b in blocks.values() if len(b) > 1):
        block.sort(key=lambda i: len(texts[i]))
        for pos, i in enumerate(block):
            for j in block[pos + 1:pos + 1 + WINDOW]:
                if len(texts[j]) > MAX_LENGTH_RATIO * (len(texts[i]) or 1):
                    break
                score = ratio(texts[i], texts[j], score_cutoff=threshold)
                if score and texts[i] != texts[j]:
                    found.append((i, j, score))
    return found


def test_the_near_duplicate_scan_pairs_what_a_pair_by_pair_scan_pairs_with_the_same_scores_in_the_same_order():
    from lecturer_app.core.questions.quality import _blocks, _similar

    rng = random.Random(16)
    words = [f"tu{i}" for i in range(400)] + ["a", "b", "x"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) for _ in range(1500)]
    for _ in range(300):  # near and exact copies, shorter and longer ones
        text = rng.choice(texts).split()
        text[rng.randrange(len(text))] = rng.choice(words)
        texts.append(" ".join(text[:rng.randint(1, len(text))]) if rng.random() < 0.3 else " ".join(text))
    # Texts with no word to block on: one-letter words and words no other text has.
    texts += ["", "", rng.choice(texts), "a b", "b a x", "onlyhere a b", "onlythere a b"]
    lengths = [len(t) for t in texts]
    for threshold in (90.0, 75.0, 40.0, 0.0):
        expected = reference_pairs(texts, threshold)
        assert _similar(_blocks(texts), texts, lengths, threshold) == expected, threshold
        assert len(expected) > 10, threshold
