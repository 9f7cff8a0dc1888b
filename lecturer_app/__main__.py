"""``python -m lecturer_app``: the CLI; with no command it starts the desktop app.

Also the entry of the packaged build (build.spec), where the exam helper
process (``exam.version_helper``, started with spawn) re-enters this file:
``freeze_support`` turns that start into the helper instead of a second app.
"""

import sys

from lecturer_app.cli import run

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # only a packaged build re-enters here for a helper (multiprocessing: 15 ms)
        import multiprocessing

        multiprocessing.freeze_support()
    run()
