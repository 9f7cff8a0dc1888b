"""``lecturer-app`` run in the test process, as a user would type it: the one runner of the CLI tests.

A run goes through :func:`lecturer_app.cli.main` with its output captured, so a test sees the exit
code and both streams without a subprocess (tests that need a fresh process, a killed one or a
frozen build start one themselves).
"""

from __future__ import annotations

import io
from collections.abc import Collection
from pathlib import Path

from lecturer_app.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    """``lecturer-app ARGV…``: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def run_in(data_dir: Path | str, *argv: str) -> tuple[int, str, str]:
    """``lecturer-app --data-dir DATA_DIR ARGV…``: exit code, stdout, stderr."""
    return run("--data-dir", str(data_dir), *argv)


def stdout_of(*argv: str, codes: Collection[int] = (0,)) -> str:
    """The stdout of ``lecturer-app ARGV…``, which must exit with one of *codes* (else its stderr fails the test)."""
    code, out, err = run(*argv)
    assert code in codes, err
    return out


def stdout_in(data_dir: Path | str, *argv: str, codes: Collection[int] = (0,)) -> str:
    """:func:`stdout_of` ``--data-dir DATA_DIR ARGV…``."""
    return stdout_of("--data-dir", str(data_dir), *argv, codes=codes)
