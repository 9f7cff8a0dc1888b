"""Per-module figures of the last `mutmut run`, as the table in docs/testing.md.

Run from the repository root after `mutmut run`:  python scripts/mutation_summary.py
Survivors that only change the letter case of an SQL statement (SQLite
ignores it) are counted apart: they are equivalent mutants, not missing tests.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys

_SQL = re.compile(r"\b(SELECT|INSERT|DELETE|UPDATE|FROM|WHERE|VALUES)\b", re.IGNORECASE)


def mutmut(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "mutmut", *args], capture_output=True, text=True).stdout


def results() -> dict[str, dict[str, list[str]]]:
    """module → status → mutant names."""
    found: dict[str, dict[str, list[str]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for line in mutmut("results", "--all", "true").splitlines():
        line = line.strip()
        if "__mutmut_" in line and ": " in line:
            name, status = line.rsplit(": ", 1)
            found[re.split(r"\.x_|\.xǁ", name)[0]][status].append(name)
    return found


def sql_case_only(name: str) -> bool:
    diff = mutmut("show", name).splitlines()
    minus = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    plus = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return bool(minus) and len(minus) == len(plus) and all(
        a != b and a.lower() == b.lower() and _SQL.search(a) for a, b in zip(minus, plus))


def row(name: str, total: int, killed: int, survived: int, case: int, untested: int) -> str:
    raw = 100 * (survived + untested) / total
    real = 100 * (survived + untested - case) / (total - case)
    return f"| {name} | {total} | {killed} | {survived} | {case} | {untested} | {raw:.1f} % | {real:.1f} % |"


def main() -> None:
    print("| module | mutants | killed | survived | of which SQL case only | no test reaches it | survival | "
          "survival without SQL-case |")
    print("|---|---|---|---|---|---|---|---|")
    sums = [0] * 5
    for module, by_status in sorted(results().items()):
        figures = [sum(len(v) for v in by_status.values()), len(by_status["killed"]), len(by_status["survived"]),
                   sum(map(sql_case_only, by_status["survived"])), len(by_status["no tests"])]
        sums = [a + b for a, b in zip(sums, figures)]
        print(row(module.removeprefix("lecturer_app."), *figures))
    print(row("all", *sums))


if __name__ == "__main__":
    main()
