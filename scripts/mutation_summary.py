"""Per-module figures of the last `mutmut run`, as the table in docs/testing.md.

Run from the repository root after `scripts/mutation_run.py GROUP` (each
group's results are in .mutation/GROUP):  python scripts/mutation_summary.py
Equivalent survivors (no behaviour change) are counted apart: those that only
change the letter case of an SQL statement (SQLite ignores it), found here,
and those listed with their reason in docs/testing.md.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

RUNS = Path(__file__).resolve().parent.parent / ".mutation"

_SQL = re.compile(r"\b(SELECT|INSERT|DELETE|UPDATE|FROM|WHERE|VALUES)\b", re.IGNORECASE)
_LITERAL = re.compile(r"'[^']*'")


def mutmut(folder: Path, *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "mutmut", *args], capture_output=True, text=True,
                          cwd=folder).stdout


def results() -> dict[str, dict[str, list[tuple[Path, str]]]]:
    """module → status → (run folder, mutant name)."""
    found: dict[str, dict[str, list[tuple[Path, str]]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for folder in sorted(p for p in RUNS.glob("*") if (p / "mutants").is_dir()):
        for line in mutmut(folder, "results", "--all", "true").splitlines():
            line = line.strip()
            if "__mutmut_" in line and ": " in line:
                name, status = line.rsplit(": ", 1)
                found[re.split(r"\.x_|\.xǁ", name)[0]][status].append((folder, name))
    return found


def sql_case_only(mutant: tuple[Path, str]) -> bool:
    diff = mutmut(*mutant[:1], "show", mutant[1]).splitlines()
    minus = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    plus = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    # A quoted SQL literal ('origin_seq', 'delete-all') is data, not a keyword: its case may matter.
    return bool(minus) and len(minus) == len(plus) and all(
        a != b and a.lower() == b.lower() and _SQL.search(a) and _LITERAL.findall(a) == _LITERAL.findall(b)
        for a, b in zip(minus, plus))


def documented_equivalent() -> set[str]:
    """Mutant names listed in docs/testing.md as equivalent (a row "| `NAME` | reason |")."""
    text = (RUNS.parent / "docs" / "testing.md").read_text("utf-8")
    return set(re.findall(r"^\| `([\w.ǁ]+__mutmut_\d+)` \|", text, re.MULTILINE))


def row(name: str, total: int, killed: int, unchecked: int, survived: int, untested: int, equivalent: int) -> str:
    raw = 100 * (survived + untested) / total
    real = 100 * (survived + untested - equivalent) / (total - equivalent)
    return (f"| {name} | {total} | {killed} | {unchecked} | {survived} | {untested} | {equivalent} | {raw:.1f} % "
            f"| {real:.1f} % |")


def main() -> None:
    # "not rerun": a rerun of named mutants (scripts/mutation_run.py GROUP NAME…) leaves the others "not
    # checked"; they were killed by the group's last full run (the module unchanged since, tests only added).
    print("| module | mutants | killed | not rerun | survived | no test reaches it | of the survivors, equivalent "
          "(documented or SQL case) | survival | survival without equivalent |")
    print("|---|---|---|---|---|---|---|---|---|")
    sums = [0] * 6
    documented = documented_equivalent()
    for module, by_status in sorted(results().items()):
        survivors = by_status["survived"]
        equivalent = sum(1 for m in survivors if m[1] in documented or sql_case_only(m))
        figures = [sum(len(v) for v in by_status.values()), len(by_status["killed"]), len(by_status["not checked"]),
                   len(survivors), len(by_status["no tests"]), equivalent]
        sums = [a + b for a, b in zip(sums, figures)]
        print(row(module.removeprefix("lecturer_app."), *figures))
    print(row("all", *sums))


if __name__ == "__main__":
    main()
