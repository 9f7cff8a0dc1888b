"""``python -m lecturer_app ARGS`` with no forked helper process: the CLI as it runs on Windows (issue #16).

    PYTHONPATH=CHECKOUT .venv/bin/python bench/one_process.py --data-dir DIR questions check --json

Windows never forks, and most users run Windows: this is how to measure a
command's single-process cost on Linux.  ``spare_core`` (the one policy for
every fork, ``core/second_core.py``) answers "no core free" wherever it is
read, so no command forks; everything else is the real CLI.  The checkout
imported is the one on PYTHONPATH (``bench/paired_cli.py --one-process``
runs each side's).
"""

from __future__ import annotations

import sys


def main() -> None:
    from lecturer_app.core import second_core, second_process

    def busy(*_args: object, **_kwargs: object) -> bool:  # whatever samples a caller took
        return False

    second_core.spare_core = busy
    second_process.spare_core = busy  # imported by name there
    from lecturer_app.cli import run

    sys.argv = ["lecturer-app", *sys.argv[1:]]
    run()  # the console script's entry, exit included (cli.run may do more than main)


if __name__ == "__main__":
    main()
