"""Run mutmut over one group of modules, with only the tests that specify them.

    python scripts/mutation_run.py GROUP [--max-children N]     # one group
    python scripts/mutation_run.py --list                       # the groups

mutmut reads one ``[tool.mutmut]`` table and one test selection.  A module
such as ``exam_answers`` is reached by tests that build whole exams, which
would make every mutant of it (and of keying, which those tests reach too)
run for seconds; so each group runs in its own folder ``.mutation/GROUP``
(git-ignored) holding links to the source and tests and a ``pyproject.toml``
whose ``[tool.mutmut]`` names the group's modules and test files.  Results
stay in that folder, so a rerun retests only what changed, and
``scripts/mutation_summary.py`` reads them all.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = ROOT / ".mutation"
_LINKED = ("lecturer_app", "tests", "resources", "lesson_bank")

# group → (modules to mutate, test files that specify them)
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "keying": (["lecturer_app/exam/keying.py"], [
        "tests/exam/test_keying.py", "tests/exam/test_keying_rules.py", "tests/exam/test_key_and_grading_rules.py",
        "tests/exam/test_balanced_key_rules.py"]),
    "grading": (["lecturer_app/exam/grading.py"], [
        "tests/exam/test_key_and_grading_rules.py", "tests/exam/test_grading.py", "tests/exam/test_grading_messy.py",
        "tests/exam/test_grading_rules.py"]),
    "item_analysis": (["lecturer_app/exam/item_analysis.py"], [
        "tests/exam/test_key_and_grading_rules.py", "tests/exam/test_grading.py", "tests/exam/test_grading_messy.py",
        "tests/exam/test_item_analysis_rules.py"]),
    "store": (["lecturer_app/core/store/revisions.py", "lecturer_app/core/store/record_store.py"], [
        "tests/core/test_store.py", "tests/core/test_store_contract.py", "tests/core/test_revision_rules.py",
        "tests/core/test_bank_import.py", "tests/core/test_store_reading_rules.py",
        "tests/core/test_store_bulk_save.py", "tests/core/test_merge.py", "tests/core/test_revision_format.py",
        "tests/core/test_store_write_rules.py", "tests/core/test_replica.py"]),
    "exam_answers": (["lecturer_app/importers/exam_answers.py"], [
        "tests/exam/test_answer_file_rules.py", "tests/exam/test_grading_messy.py",
        "tests/exam/test_key_and_grading_rules.py"]),
    "marked_text": (["lecturer_app/importers/questions/marked_text.py"], [
        "tests/importers/questions/test_marked_text_rules.py", "tests/importers/questions/test_answer_conventions.py",
        "tests/importers/questions/test_marker_rules.py",
        "tests/importers/questions/test_essay_answers_and_statement_tables.py",
        "tests/importers/questions/test_answer_and_guide_lines.py"]),
    "statement_table": (["lecturer_app/importers/questions/statement_table.py"], [
        "tests/importers/questions/test_statement_table_rules.py",
        "tests/importers/questions/test_essay_answers_and_statement_tables.py"]),
}


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def _pyproject(modules: list[str], tests: list[str]) -> str:
    """The repository's pyproject.toml (pytest settings included) with this group's [tool.mutmut]."""
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    text = re.sub(r"\n\[tool\.mutmut\]\n.*?(?=\n\[)", "\n", text, flags=re.DOTALL)
    existing = [test for test in tests if (ROOT / test).exists()]
    return text + (
        "\n[tool.mutmut]\n"
        'source_paths = ["lecturer_app/"]\n'
        f"only_mutate = {_toml_list(modules)}\n"
        'also_copy = ["resources/", "lesson_bank/"]\n'
        f"pytest_add_cli_args_test_selection = {_toml_list(existing)}\n")


def prepare(group: str) -> Path:
    folder = RUNS / group
    folder.mkdir(parents=True, exist_ok=True)
    for name in _LINKED:
        link = folder / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    (folder / "pyproject.toml").write_text(_pyproject(*GROUPS[group]), "utf-8")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("group", nargs="?", choices=sorted(GROUPS))
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="forget earlier results of this group")
    parser.add_argument("mutants", nargs="*", help="rerun only these mutant names (globs allowed)")
    args = parser.parse_args()
    if args.list or not args.group:
        for name, (modules, tests) in GROUPS.items():
            print(f"{name}: {' '.join(modules)}  ←  {' '.join(tests)}")
        return 0
    folder = prepare(args.group)
    if args.fresh:
        subprocess.run(["rm", "-rf", str(folder / "mutants")], check=True)
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.max_children), *args.mutants]
    return subprocess.run(command, cwd=folder).returncode


if __name__ == "__main__":
    sys.exit(main())
