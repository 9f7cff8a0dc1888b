"""Generator for a synthetic bank: 125 topics + 50,000 questions + 5,000 slides.

    .venv/bin/python bench/synthetic_bank.py DATA_DIR [--questions N] [--slides N]

Text is drawn, with a seeded RNG, from the words of the shipped sample
content at their natural frequencies (``corpus_words``), so every run
produces the same bank and search meets realistic match-set sizes.  Records are written as real revisions through the
store, exactly as the app writes them.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lecturer_app.core.bank.queries import LessonBank  # noqa: E402
from lecturer_app.core.model import Bullet, Option, Question, Slide, SlideDeck  # noqa: E402
from lecturer_app.core.positions import spread  # noqa: E402
from lecturer_app.core.workspace import Workspace, open_workspace  # noqa: E402


def corpus_words() -> list[str]:
    """Every word of the shipped sample content, repeated as often as it occurs.

    Drawing from this list gives synthetic text the word frequencies of real
    Vietnamese lesson material (a few very common words, a long tail), so
    search match sets are as large as they would be in a real bank.
    """
    import re

    from lecturer_app.core.resources import bank_path

    words: list[str] = []
    for path in sorted(bank_path("topics").rglob("*")):
        if path.suffix in (".md", ".toml"):
            words += re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8"))
    return words


CHUNK = 5_000
LEVELS = ("Nhận biết", "Thông hiểu", "Vận dụng", "Vận dụng cao")


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize()


def fill(workspace: Workspace, questions: int, slides: int, seed: int = 2024) -> None:
    rng = random.Random(seed)
    words = corpus_words()
    store = workspace.store
    topics = LessonBank(store).topics()
    with store.transaction():
        # Saved as an import saves them (Store.save_many), a chunk at a time so memory stays small.
        for start in range(0, questions, CHUNK):
            batch = []
            for index in range(start, min(questions, start + CHUNK)):
                options = [Option(sentence(rng, words, 4)) for _ in range(4)]
                options[rng.randrange(4)].correct = True
                batch.append(Question(stem=sentence(rng, words, 14) + "?", options=options, level=LEVELS[index % 4],
                                      topic_ids=[topics[index % len(topics)].id], points=0.25))
            store.save_many(batch)
        per_topic = max(1, slides // len(topics))
        for topic in topics:
            deck = SlideDeck(topic_id=topic.id, title=topic.title)
            store.save(deck)
            store.save_many([Slide(deck_id=deck.id, topic_id=topic.id, position=position,
                                   title=sentence(rng, words, 5),
                                   bullets=[Bullet(sentence(rng, words, 9), rng.randrange(2)) for _ in range(5)])
                             for position in spread(per_topic)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--questions", type=int, default=50_000)
    parser.add_argument("--slides", type=int, default=5_000)
    args = parser.parse_args()
    workspace = open_workspace(args.data_dir)
    fill(workspace, args.questions, args.slides)
    print(workspace.store.counts())
    workspace.close()


if __name__ == "__main__":
    main()
