"""The input fuzzer, small and seeded: broken, wrong, huge and hostile files of every kind never make a bug.

A few hundred mutants of every file the app reads (question files of each format, a lesson plan and a
deck, a catalogue, answer files, exam.json, a blueprint, scanned answer sheets, a USB bundle (its bytes damaged, or its content
re-signed by its trusted producer), a «đã có» want file, the shipped bank's files, the database itself and a
backup folder), each run through its real command on a copy of a data folder on
the shipped bank, must be read or refused with one message naming the file, within the time and memory
limits, writing nothing when refused (docs/design/hardening.md).  ``scripts/fuzz_inputs.py`` runs the same
thing for thousands of mutants.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.input_fuzz import DATABASE, Seed, Template, build_seeds, judge, make_template, mutant_bytes

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork, RLIMIT_AS and /proc are Linux's")

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = 240
RUN_SEED = 12


def test_a_few_hundred_mutants_of_every_input_kind_give_no_bug(tmp_path):
    # In a process of its own: the fuzzer forks a child per mutant, and this process may hold threads
    # (Qt's, a test server's) that a forked child would inherit as held locks.
    work = tmp_path / "fuzz"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "fuzz_inputs.py"), "--count", str(MUTANTS),
                           "--seed", str(RUN_SEED), "--timeout", "60", "--work", str(work)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    verdicts = [json.loads(line) for line in (work / "verdicts.jsonl").read_text(encoding="utf-8").splitlines()]
    bugs = [v for v in verdicts if v["verdict"].startswith("BUG")]
    assert not bugs, "\n\n".join(
        f"{v['verdict']}: {v['mutant']} ({v['what']})\n{v['message']}\n{v['detail'][-2000:]}\n"
        f"rerun: scripts/fuzz_inputs.py --work /tmp/fuzz --mutant {v['mutant']} --keep /tmp/fuzz/kept" for v in bugs)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # Not vacuous: every mutant ran, and mutants were both read and refused.
    assert len(verdicts) == MUTANTS and {v["verdict"] for v in verdicts} == {"ok", "refused"}


@pytest.fixture(scope="module")
def fuzzing(tmp_path_factory) -> tuple[Template, list[Seed], Path]:
    work = tmp_path_factory.mktemp("fuzz")
    template = make_template(work)
    return template, build_seeds(template, work / "seeds"), work / "mutant"


def test_every_kind_of_input_file_has_a_seed(fuzzing):
    _template, seeds, _scratch = fuzzing
    kinds = {seed.name.split("-")[0] for seed in seeds}
    assert kinds == {"questions", "lesson", "org", "catalog", "answers", "exam", "scan", "blueprint", "bundle",
                     "want", "bank", "database", "backup"}
    # A bundle's content re-signed by its trusted producer, and a backup's database changed with its manifest
    # made to match: the content is judged, not only the signature or the hash.
    assert {"bundle-content", "backup-db-content-restore"} <= {seed.name for seed in seeds}


def test_a_mutant_is_the_same_bytes_every_time_from_its_name(fuzzing):
    _template, seeds, _scratch = fuzzing
    assert [mutant_bytes(seed, RUN_SEED, 7) for seed in seeds] == [mutant_bytes(seed, RUN_SEED, 7) for seed in seeds]
    assert mutant_bytes(seeds[0], RUN_SEED, 7) != mutant_bytes(seeds[0], RUN_SEED, 8)


def _judged(fuzzing, code: int | None, ended: str, stderr: str, left: str = "", written: bool = False,
            then: str = "") -> str:
    """The verdict on a run of the questions-txt seed that ended so (judged without running anything)."""
    template, seeds, scratch = fuzzing
    seed = next(seed for seed in seeds if seed.name == "questions-txt")
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "out").mkdir(parents=True)
    (scratch / "stderr").write_text(stderr, encoding="utf-8")
    if left:
        (scratch / "out" / left).write_bytes(b"")
    if then:  # what the child writes when a command run after a successful one failed
        (scratch / "then").write_text(then, encoding="utf-8")
    template.restore()
    if written:  # what a failed import that still wrote would leave
        connection = sqlite3.connect(template.folder / DATABASE)
        with connection:
            connection.execute("DELETE FROM revisions WHERE rowid = (SELECT max(rowid) FROM revisions)")
        connection.close()
    return judge(seed, scratch / seed.path.name, code, ended, scratch, template).verdict


def test_the_judge_tells_a_clean_refusal_from_each_kind_of_bug(fuzzing):
    named = "Lỗi: /tmp/x/cau_hoi.txt (dòng 3): tệp hỏng\n"
    assert _judged(fuzzing, 1, "", named) == "refused"
    assert _judged(fuzzing, 0, "", "") == "ok"
    assert _judged(fuzzing, None, "hang: still running after 30 s", "") == "BUG hang"
    assert _judged(fuzzing, None, "killed by signal 6", "") == "BUG crash"
    assert _judged(fuzzing, 1, "", "Lỗi: Lỗi không mong đợi: 'rId9'\n") == "BUG unexpected error"
    assert _judged(fuzzing, 1, "", "Lỗi: không tìm thấy chuyên đề KHONG-CO\n") == "BUG message does not name the file"
    assert _judged(fuzzing, 1, "", named, left=".diem.xlsx.partial") == "BUG output left behind"
    assert _judged(fuzzing, 1, "", named, written=True) == "BUG database changed by a failed command"
    assert _judged(fuzzing, 0, "", "", then="check exited 1\n- bản ghi x: phiên bản hiển thị không đúng\n") == \
        "BUG what was let in breaks a later command"


def test_a_scan_seed_reads_as_filled_and_the_judge_calls_a_changed_answer_without_a_doubt_a_bug(fuzzing):
    template, seeds, scratch = fuzzing
    seed = next(seed for seed in seeds if seed.name == "scan-pdf")
    template.restore()
    scratch.mkdir(parents=True, exist_ok=True)
    # In a process of its own, neither here (OpenCV's thread pool would stay in this one, and the tests after it
    # that fork, tests/exam/test_version_files.py, would skip) nor forked (this process may hold Qt's threads).
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "lecturer_app", *seed.argv(seed.path, template.folder, scratch)],
                          capture_output=True, text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    report = json.loads(done.stdout)
    # The seed itself: both learners read as filled, nothing in doubt, so a mutant's doubt is the mutant's.
    assert done.returncode == 0 and report["bad_pages"] == [], done.stderr
    assert [sheet["doubts"] for sheet in report["sheets"]] == [[], []]
    assert seed.misread is not None and seed.misread(json.dumps(report)) == ""

    first = report["sheets"][0]
    blank = next(number for number, answer in enumerate(first["answers"]) if answer)
    first["answers"][blank] = ""  # a filled answer read blank, silently
    assert f"câu {blank + 1} read - (filled " in seed.misread(json.dumps(report))
    first["answers"][blank] = "?"  # the same, in doubt: the officer decides
    assert seed.misread(json.dumps(report)) == ""
    first["sbd"] = "999999"
    assert "SBD read 999999" in seed.misread(json.dumps(report))
    first["doubts"] = [{"question": None, "field": "sheet", "reason": "mã QR của phiếu không đọc được"}]
    assert seed.misread(json.dumps(report)) == ""  # the whole page is in doubt
