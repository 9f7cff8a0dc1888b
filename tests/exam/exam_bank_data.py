"""An exam-sized bank for tests: 3 topics, 60 MC (some with a pinned last option), 6 essays, 40 oral."""

from __future__ import annotations

from uuid import NAMESPACE_URL, uuid5

from lecturer_app.core.model import Option, Question, RubricItem, Topic
from tests.support.cli_runs import run_in

TOPIC_CODES = ("LS-01", "LS-02", "LS-03")
LEVELS = ("Nhận biết", "Thông hiểu", "Vận dụng")


def _id(name: str) -> str:
    # Fixed ids: a draw (and what a test prints and reads back) is the same in every run; time-based ids
    # made the same seed draw differently from run to run.
    return str(uuid5(NAMESPACE_URL, f"lecturer-app-test-bank/{name}"))


def make_exam_bank(store) -> dict[str, Topic]:
    """Save the bank (every question reviewed) and return its topics by code; every stem names its topic and number."""
    topics = {}
    with store.transaction():
        for index, code in enumerate(TOPIC_CODES, start=1):
            topic = Topic(id=_id(code), code=code, title=f"Chuyên đề lịch sử số {index}", periods=5)
            store.save(topic)
            topics[code] = topic
        for n in range(60):
            topic = topics[TOPIC_CODES[n % 3]]
            options = [Option(f"Phương án {n}-{k} về Đảng Cộng sản Việt Nam", correct=(k == n % 4))
                       for k in range(4)]
            if n % 10 == 9:
                options[3] = Option("Tất cả các phương án trên", correct=options[3].correct, pinned=True)
            store.save(Question(id=_id(f"mc-{n}"), type="single_choice", stem=f"Câu hỏi trắc nghiệm số {n:02d} của {topic.code}?",
                                options=options, level=LEVELS[(n // 3) % 3], topic_ids=[topic.id], points=0.25,
                                status="approved"))
        for n in range(6):
            topic = topics[TOPIC_CODES[n % 3]]
            store.save(Question(id=_id(f"essay-{n}"), type="essay", stem=f"Câu hỏi tự luận số {n} của {topic.code}: phân tích ý nghĩa.",
                                rubric=[RubricItem("Nêu bối cảnh lịch sử", 1.0), RubricItem("Phân tích ý nghĩa", 1.0)],
                                level="Vận dụng", topic_ids=[topic.id], points=2.0, status="approved"))
        for n in range(40):
            topic = topics[TOPIC_CODES[n % 3]]
            tags = ["liên hệ"] if n % 2 else []
            store.save(Question(id=_id(f"oral-{n}"), type="oral", stem=f"Câu hỏi vấn đáp số {n:02d} của {topic.code}",
                                guide=f"Hướng dẫn trả lời câu {n:02d}", level="Thông hiểu", tags=tags,
                                topic_ids=[topic.id], status="approved"))
    return topics




def build_small_exam(store, folder, *, versions: int = 1, seed: int = 2, essays: int = 1):
    """Save the bank, then build an exam of 8 MC (6 points) and *essays* essays (4 points) into *folder*, PDF only;
    the build's report."""
    from lecturer_app.exam.blueprint import quick_blueprint
    from lecturer_app.exam.draw import DrawOptions
    from lecturer_app.exam.paper_settings import PaperSettings
    from lecturer_app.exam.pool import load_pool
    from lecturer_app.exporters.exam.build import BuildRequest, build_exam

    make_exam_bank(store)
    pool = load_pool(store)
    blueprint = quick_blueprint(pool, list(TOPIC_CODES), mc=8, essay=essays)
    return build_exam(store, pool, BuildRequest(blueprint, DrawOptions(versions=versions, seed=seed),
                                                PaperSettings(), folder, docx=False))


def data_folder(tmp_path_factory):
    """A new data folder (the shipped bank imported at its first open) holding this bank too."""
    from lecturer_app.core.workspace import open_workspace

    folder = tmp_path_factory.mktemp("data")
    workspace = open_workspace(folder)
    make_exam_bank(workspace.store)
    workspace.close()
    return folder


def cli_built_exam(tmp_path_factory, *, versions: int):
    """A data folder holding this bank and an exam of 6 MC (6 points) and 1 essay (4 points) built by
    ``exam build`` (seed 5, PDF only): (data folder, exam folder, the build's ``--json`` versions)."""
    import json

    data_dir = data_folder(tmp_path_factory)
    out = tmp_path_factory.mktemp("exam") / "de"
    code, stdout, err = run_in(data_dir, "exam", "build", "--topics", ",".join(TOPIC_CODES), "--mc", "6",
                               "--essay", "1", "--versions", str(versions), "--seed", "5", "--no-docx", "-o", str(out),
                               "--json")
    assert code == 0, err
    return data_dir, out, json.loads(stdout)["versions"]

