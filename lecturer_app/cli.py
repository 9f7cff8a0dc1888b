"""The headless entry point: ``lecturer-app`` / ``python -m lecturer_app``.

Every command lives in ``lecturer_app/commands/<name>.py`` with a
``register(subparsers)`` function, and is documented in docs/cli.md (a test
checks).  Command modules import their heavy dependencies inside their
handlers so that ``lecturer-app --version`` stays fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from lecturer_app import __version__

COMMAND_MODULES = ("gui", "topics", "search", "catalog", "history", "stats", "check", "exam", "questions", "lesson",
                   "handout", "org", "conflicts", "backup", "device", "ca", "trust", "bundle", "sync", "quiz",
                   "official", "server")

# Files the desktop opens with the app (the installers register them): sync bundles.
OPENED_SUFFIXES = (".lbb",)

# Runs (command, action) whose work is bounded and ends the process, so the console script runs them
# without the cyclic collector (``run``; never ``main``, which tests and the GUI's process call).  An exam
# build makes little cyclic garbage (peak RSS 37.0 → 37.6 MB at 24 versions, 49.0 → 51.3 MB at 120), yet
# its collections cost a fresh build 2.5 % of its instructions (callgrind, 1.730 → 1.686 G) and touch, in
# a forked child, pages it shares with its parent.  Pausing the collector for the handler alone gains a
# third of that: the collection deferred to its end walks everything the build made.
BOUNDED_RUNS = (("exam", "build"),)

# The languages of messages (``--lang``); Vietnamese is the source.
LANGUAGES = ("vi", "en")
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class CommandContext:
    """What a command handler gets: its arguments, the output, and the workspace on demand."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.out = out
        self.err = err
        self._workspace: Any = None

    @property
    def workspace(self) -> Any:
        if self._workspace is None:
            from lecturer_app.core.locations import data_dir
            from lecturer_app.core.workspace import open_workspace

            self._workspace = open_workspace(data_dir(self.args.data_dir))
        return self._workspace

    @property
    def bank(self) -> Any:
        from lecturer_app.core.bank.queries import LessonBank

        return LessonBank(self.workspace.store)

    def print_json(self, value: Any) -> None:
        """*value* as compact JSON in one write (indentation would force the pure-Python encoder)."""
        self.out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")

    def print_json_array(self, items: Iterable[Any]) -> None:
        """A compact JSON array written a thousand items at a time: memory stays flat however many.

        Each thousand is encoded by one call (a call per item cost a fifth of
        ``questions list --json``) and written without its brackets.
        """
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        opening = "["
        chunk: list[Any] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == 1000:
                self.out.write(opening + encode(chunk)[1:-1])
                opening, chunk = ",", []
        if chunk:
            self.out.write(opening + encode(chunk)[1:-1])
            opening = ","
        self.out.write(("[]" if opening == "[" else "]") + "\n")

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the arguments of a run, only their command's (``command_named``).

    Building all the commands' parsers cost a fresh process about 50 ms of
    CPU (argparse looks for its own translations on every string), as much
    as some commands' work; help, an unknown command or none still get all.
    """
    from lecturer_app.i18n import _

    parser = argparse.ArgumentParser(
        prog="lecturer-app",
        description=_("Ngân hàng chuyên đề, giáo án và đề thi cho giảng viên (chạy không cần mạng)."),
    )
    parser.add_argument("--version", action="version", version=f"lecturer-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=_("thư mục dữ liệu (mặc định: thư mục của người dùng)"))
    parser.add_argument("--debug", action="store_true", help=_("in chi tiết lỗi (traceback)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("ngôn ngữ thông báo"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = command_named(argv) if argv is not None else None
    for name in (named,) if named else COMMAND_MODULES:
        importlib.import_module(f"lecturer_app.commands.{name}").register(subparsers)
    return parser


# The global options that take a value (they come before the command).
_VALUED_OPTIONS = ("--data-dir", "--lang")


def command_named(argv: Sequence[str]) -> str | None:
    """The command module *argv* runs (its first word after the global options), or None."""
    index = _read_globals(argv).command_at
    return None if index is None else argv[index]


class _Globals(NamedTuple):
    """What *argv*'s global options say before the parser is built."""

    language: str | None  # what ``--lang en`` / ``--lang=en`` asks for (the last one, as argparse keeps)
    command_at: int | None  # where the command's name is; None without one, or when help is asked first


def _read_globals(argv: Sequence[str]) -> _Globals:
    """The global options of *argv* up to its first word that is not an option (the command's name).

    Read before the parser is built: its help texts are translated as it is
    built, and only the command's own parser is built.
    """
    language, helped = None, False
    words = iter(enumerate(argv))
    for index, word in words:
        if word in _VALUED_OPTIONS:
            value = next(words, (index, None))[1]
            if word == "--lang":
                language = value if value in LANGUAGES else None
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
            language = value if value in LANGUAGES else None
        elif word in ("-h", "--help"):
            helped = True
        elif not word.startswith("-"):
            return _Globals(language, None if helped or word not in COMMAND_MODULES else index)
    return _Globals(language, None)


def _setup_language(asked: str | None) -> None:
    import os

    from lecturer_app.core.resources import resource_path
    from lecturer_app.i18n import setup

    setup(asked or os.environ.get("LECTURER_APP_LANG", "vi"), resource_path("translations"))


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; returns the process exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = opened_file_request(list(sys.argv[1:] if argv is None else argv))
    if argv in (["--version"], ["-V"]):
        out.write(f"lecturer-app {__version__}\n")
        return EXIT_OK
    asked = _read_globals(argv).language
    _setup_language(asked)  # before the parser, so that `--lang en --help` is English
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.lang != asked and args.lang is not None:  # an abbreviated option (`--la en`)
        _setup_language(args.lang)
    if args.command is None:
        args = build_parser([*argv, "gui"]).parse_args([*argv, "gui"])
    context = CommandContext(args, out, err)
    try:
        return int(args.handler(context) or EXIT_OK)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, like other tools.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # every failure becomes a message, never a bare traceback
        return _report(exc, args, err)
    finally:
        context.close()


def opened_file_request(argv: list[str]) -> list[str]:
    """``lecturer-app FILE.lbb`` (a double-click on a sync bundle, packaging/windows) opens the app on it."""
    if len(argv) == 1 and argv[0].lower().endswith(OPENED_SUFFIXES) and Path(argv[0]).is_file():
        return ["gui", "--open", argv[0]]
    return argv


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _report(exc: Exception, args: argparse.Namespace, err: TextIO) -> int:
    from lecturer_app.core.errors import UserFacingError, os_error_reason
    from lecturer_app.core.store.db import user_error
    from lecturer_app.i18n import _

    if args.debug:
        import traceback  # here: only --debug needs it (and textwrap with it), every start paid it

        traceback.print_exception(exc, file=err)
    exc = user_error(exc) or exc  # a damaged or busy database says so, and what to do
    if isinstance(exc, UserFacingError):
        message = str(exc)
    elif isinstance(exc, OSError):
        message = _("Lỗi tệp {name}: {reason}").format(name=exc.filename or "", reason=os_error_reason(exc))
    else:
        message = _("Lỗi không mong đợi: {error}").format(error=exc)
        if not args.debug:
            message += " " + _("(chạy lại với --debug để xem chi tiết)")
    err.write(_("Lỗi: ") + message + "\n")
    return EXIT_ERROR


def run() -> None:
    """Console-script entry."""
    ensure_streams()
    headless = command_named(sys.argv[1:]) not in (None, "gui")
    if _bounded(sys.argv[1:]):
        gc.disable()  # for the rest of the process: see BOUNDED_RUNS
    code = main()
    if headless:
        _leave_to_the_system()
    raise SystemExit(code)


def _bounded(argv: Sequence[str]) -> bool:
    """Whether *argv* runs one of ``BOUNDED_RUNS``."""
    index = _read_globals(argv).command_at
    return index is not None and tuple(argv[index:index + 2]) in BOUNDED_RUNS


def _leave_to_the_system() -> None:
    """Spare the interpreter's exit its cyclic collections over everything the command imported.

    A command's work is over here: ``main`` closed the workspace (the database
    checkpointed and closed), every file was written through ``safe_write``
    (closed, then renamed) and its messages went to stdout/stderr, which the
    interpreter still flushes after the atexit handlers, which still run.
    What is still alive is memory the system takes back at exit, yet the
    exit walked it: the collections of the interpreter's finalisation over the modules,
    classes and functions cost a fresh ``exam build`` 15-20 ms of its
    0.3 s (measured: 21-24 ms from ``main``'s return to the process's end,
    5-8 ms frozen).  Frozen objects are never collected, so a ``__del__`` on
    a cycle does not run at exit, which the interpreter does not promise
    either; a file left open would say so first (tests turn ResourceWarning
    into errors).  The desktop app (``gui``, or no command) is left alone:
    Qt objects are destroyed as their Python wrappers go.
    """
    gc.freeze()


def ensure_streams() -> None:
    """Give a windowed program (``lecturer-app.exe`` on Windows, build.spec) the streams it lacks.

    There ``sys.stdout`` and ``sys.stderr`` are None: a command run from it (a
    shortcut with arguments, the ``.lbb`` association) does its work and its
    messages go nowhere, instead of failing on the first ``write``.  The
    console program ``lecturer-app-cli.exe`` is the one that prints.
    """
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # open for the rest of the process


if __name__ == "__main__":
    run()
