"""Where one `questions import` spends its time: each phase's wall and CPU seconds, in one process.

    .venv/bin/python bench/import_phases.py DATA_DIR FILE.xlsx

Runs what the CLI's ``questions import`` runs (``commands/questions.py``),
phase by phase, on DATA_DIR (a copy: it is written to) and prints the wall
and CPU (this process's user + system) seconds of each: the start (argument
parsing, language), the importer's imports, reading the file, opening the
workspace, planning (dedupe keys against the bank), committing, closing.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

STARTED = (time.perf_counter(), time.process_time())
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class Phases:
    """Prints each phase's wall and CPU seconds as it ends."""

    def __init__(self) -> None:
        self.wall, self.cpu = STARTED

    def end(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        print(f"{name:20s} wall {wall - self.wall:.3f} s  CPU {cpu - self.cpu:.3f} s", flush=True)
        self.wall, self.cpu = wall, cpu


def main() -> None:
    phases = Phases()
    from lecturer_app.cli import CommandContext, _setup_language, build_parser

    data, source = Path(sys.argv[1]), Path(sys.argv[2])
    argv = ["--data-dir", str(data), "questions", "import", str(source)]
    args = build_parser(argv).parse_args(argv)
    _setup_language(args.lang)
    context = CommandContext(args, sys.stdout, sys.stderr)
    phases.end("start")
    from lecturer_app.commands.questions import _levels
    from lecturer_app.importers.questions import read_questions
    from lecturer_app.importers.questions.commit import commit_import, plan_import
    phases.end("importer imports")
    result = read_questions(source)
    phases.end("read")
    store = context.workspace.store
    phases.end("open workspace")
    plan = plan_import(result, store, levels=_levels(context))
    phases.end("plan")
    written = commit_import(plan, store, context.workspace.blobs)
    phases.end("commit")
    context.close()
    phases.end("close")
    wall, cpu = time.perf_counter() - STARTED[0], time.process_time() - STARTED[1]
    print(f"{len(written)} questions written; total wall {wall:.3f} s, CPU {cpu:.3f} s (pid {os.getpid()})")


if __name__ == "__main__":
    main()
