"""A question head broken label first, stem cached, gives the lines of breaking it whole."""

from __future__ import annotations

import random

from lecturer_app.exporters.exam.text_layout import break_after, break_lines, tokens
from lecturer_app.exporters.pdf_fonts import family_names

WORDS = "Đảng Cộng sản Việt Nam ra đời năm 1930 phát biểu nào đúng về Cương lĩnh chính trị đầu tiên".split()


def test_breaking_after_the_label_gives_the_lines_of_the_whole_head():
    family, rng = family_names(), random.Random(7)
    for _ in range(300):
        label = tokens(f"Câu {rng.randint(1, 120)} ({rng.choice(['0,25', '1,0', '10,5'])} điểm).", family.bold)
        stem = tokens(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 60))), family.regular)
        if rng.random() < 0.2:
            stem += tokens("\n" + " ".join(rng.sample(WORDS, 5)), family.italic)
        width = rng.choice([60.0, 200.5, 467.7165354330709, 1000.0])
        assert break_after(label, stem, width, 13.0) == break_lines(label + stem, width, 13.0)
