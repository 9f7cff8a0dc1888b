"""Two single-choice questions that the quality check finds as near duplicates, saved in two topics."""

from __future__ import annotations

from lecturer_app.core.model import Option, Question

KEEP = "Đảng Cộng sản Việt Nam ra đời vào năm nào?"
DROP = "Đảng Cộng sản Việt Nam được ra đời vào năm nào?"


def saved_pair(context) -> tuple[Question, Question]:
    """KEEP in the bank's first topic and DROP in its second, with the same options, saved in *context*'s store."""
    first, second = context.bank.topics()[:2]
    made = (Question(type="single_choice", stem=KEEP, level="Biết", topic_ids=[first.id], tags=["chương 1"],
                     options=[Option("1930", True), Option("1945")]),
            Question(type="single_choice", stem=DROP, level="Biết", topic_ids=[second.id], tags=["ôn tập"],
                     options=[Option("1930", True), Option("1945")]))
    for question in made:
        context.store.save(question)
    return made
