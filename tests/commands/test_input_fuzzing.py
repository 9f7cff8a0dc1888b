"""The input fuzzer, small and seeded: broken, wrong, huge and hostile files of every kind never make a bug.

A few hundred mutants of every file the app reads (question files of each format, a lesson plan and a
deck, a catalogue, answer files, exam.json, a blueprint, a USB bundle, a «đã có» want file, the shipped
bank's files and the database itself), each run through its real command on a copy of a data folder on
the shipped bank, must be read or refused with one message naming the file, within the time and memory
limits, writing nothing when refused (docs/design/hardening.md).  ``scripts/fuzz_inputs.py`` runs the same
thing for thousands of mutants.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.input_fuzz import Limits, Seed, Template, build_seeds, make_template, mutant_bytes, run, run_mutant

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork, RLIMIT_AS and /proc are Linux's")

MUTANTS = 240
RUN_SEED = 12


@pytest.fixture(scope="module")
def fuzzing(tmp_path_factory) -> tuple[Template, list[Seed], Path]:
    work = tmp_path_factory.mktemp("fuzz")
    template = make_template(work)
    return template, build_seeds(template, work / "seeds"), work / "mutant"


def test_a_few_hundred_mutants_of_every_input_kind_give_no_bug(fuzzing):
    template, seeds, scratch = fuzzing
    verdicts = run(seeds, template, scratch, run_seed=RUN_SEED, count=MUTANTS, limits=Limits(seconds=60))
    bugs = [v for v in verdicts if v.is_bug]
    assert not bugs, "\n\n".join(
        f"{v.verdict}: {v.mutant} ({v.what})\n{v.message}\n{v.detail[-2000:]}\n"
        f"rerun: scripts/fuzz_inputs.py --work /tmp/fuzz --mutant {v.mutant} --keep /tmp/fuzz/kept" for v in bugs)
    # Not vacuous: every kind of seed ran, and mutants were both read and refused.
    assert {v.seed for v in verdicts} == {seed.name for seed in seeds}
    assert {v.verdict for v in verdicts} == {"ok", "refused"}


def test_a_mutant_is_the_same_bytes_every_time_from_its_name(fuzzing):
    _template, seeds, _scratch = fuzzing
    assert [mutant_bytes(seed, RUN_SEED, 7) for seed in seeds] == [mutant_bytes(seed, RUN_SEED, 7) for seed in seeds]
    assert mutant_bytes(seeds[0], RUN_SEED, 7) != mutant_bytes(seeds[0], RUN_SEED, 8)


def test_the_judge_calls_a_command_over_its_time_a_hang(fuzzing):
    template, seeds, scratch = fuzzing
    seed = next(seed for seed in seeds if seed.name == "lesson-docx")
    verdict = run_mutant(seed, seed.path.read_bytes(), template, scratch, Limits(seconds=0.001))
    assert verdict.verdict == "BUG hang"


def test_the_judge_calls_a_refusal_that_does_not_name_the_file_a_bug(fuzzing):
    template, seeds, scratch = fuzzing
    seed = next(seed for seed in seeds if seed.name == "questions-txt")
    unnamed = Seed(seed.name, seed.path, lambda path, data, out: ["--data-dir", str(data), "lesson", "import",
                                                                  "KHONG-CO", str(path)])
    verdict = run_mutant(unnamed, seed.path.read_bytes(), template, scratch, Limits())
    assert verdict.verdict == "BUG message does not name the file", verdict.message
