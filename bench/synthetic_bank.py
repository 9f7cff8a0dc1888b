"""Generator for a synthetic bank: 125 topics + 50,000 questions + 5,000 slides.

    .venv/bin/python bench/synthetic_bank.py DATA_DIR [--questions N] [--slides N]

Text is built from a fixed Vietnamese vocabulary with a seeded RNG, so every
run produces the same bank.  Records are written as real revisions through the
store, exactly as the app writes them.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lecturer_app.core.bank import LessonBank  # noqa: E402
from lecturer_app.core.model import Bullet, Option, Question, Slide, SlideDeck  # noqa: E402
from lecturer_app.core.positions import spread  # noqa: E402
from lecturer_app.core.workspace import Workspace, open_workspace  # noqa: E402

WORDS = (
    "Đảng Cộng sản Việt Nam nghị quyết chuyển đổi số công tác tư tưởng lý luận chính trị đảng viên chi bộ "
    "cơ sở nhân dân dân chủ pháp quyền xã hội chủ nghĩa kinh tế thị trường định hướng văn hóa con người "
    "quốc phòng an ninh đối ngoại hội nhập quốc tế đại đoàn kết toàn dân tộc Mặt trận Tổ quốc đoàn thể "
    "thanh niên phụ nữ nông dân cựu chiến binh công đoàn học tập làm theo tư tưởng đạo đức phong cách "
    "Hồ Chí Minh xây dựng chỉnh đốn kiểm tra giám sát kỷ luật tổ chức cán bộ tuyên truyền vận động"
).split()
LEVELS = ("Nhận biết", "Thông hiểu", "Vận dụng", "Vận dụng cao")


def sentence(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize()


def fill(workspace: Workspace, questions: int, slides: int, seed: int = 2024) -> None:
    rng = random.Random(seed)
    store = workspace.store
    topics = LessonBank(store).topics()
    with store.transaction():
        for index in range(questions):
            topic = topics[index % len(topics)]
            options = [Option(sentence(rng, 4)) for _ in range(4)]
            options[rng.randrange(4)].correct = True
            store.save(Question(stem=sentence(rng, 14) + "?", options=options, level=LEVELS[index % 4],
                                topic_ids=[topic.id], points=0.25))
        per_topic = max(1, slides // len(topics))
        for topic in topics:
            deck = SlideDeck(topic_id=topic.id, title=topic.title)
            store.save(deck)
            for position in spread(per_topic):
                store.save(Slide(deck_id=deck.id, topic_id=topic.id, position=position, title=sentence(rng, 5),
                                 bullets=[Bullet(sentence(rng, 9), rng.randrange(2)) for _ in range(5)]))


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
