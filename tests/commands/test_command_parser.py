"""A run builds only its own command's parser; help, a mistyped command and no command still see them all."""

from __future__ import annotations

import gc
import io
import sys

import pytest

from lecturer_app import cli
from lecturer_app.cli import COMMAND_MODULES, build_parser, command_named, main


@pytest.mark.parametrize(("argv", "expected"), [
    (["exam", "build", "--topics", "A"], "exam"),
    (["--data-dir", "exam", "lesson", "export"], "lesson"),      # a data folder named like a command
    (["--lang", "en", "--debug", "questions", "list"], "questions"),
    (["--data-dir=/tmp/x", "topics"], "topics"),
    (["--help"], None), (["-h", "exam"], None), (["exma", "build"], None), ([], None), (["--debug"], None),
])
def test_the_command_is_the_first_word_after_the_global_options(argv, expected):
    assert command_named(argv) == expected


def test_a_parser_built_for_one_command_parses_it_as_the_whole_parser_does():
    argv = ["--data-dir", "D", "exam", "build", "--topics", "A,B", "--mc", "40", "-o", "out"]
    whole, own = vars(build_parser().parse_args(argv)), vars(build_parser(argv).parse_args(argv))
    assert own == whole


def test_the_top_level_help_still_lists_every_command(capsys):
    assert main(["--help"], out=io.StringIO(), err=io.StringIO()) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in COMMAND_MODULES)


@pytest.mark.parametrize("asked", [["--lang", "en"], ["--lang=en"], ["--data-dir", "D", "--lang", "en"],
                                   ["--lang", "vi", "--lang", "en"]])  # the last one, as argparse keeps
def test_the_help_is_in_the_language_asked(capsys, asked):
    """The help texts are translated as the parser is built, so ``--lang`` is read before it."""
    assert main([*asked, "history", "--help"], out=io.StringIO(), err=io.StringIO()) == 0
    assert "ITEM_ID     item id (or topic code)" in capsys.readouterr().out
    assert main([*asked, "--help"], out=io.StringIO(), err=io.StringIO()) == 0
    assert "version history of an item" in capsys.readouterr().out


def test_the_help_is_vietnamese_unless_english_is_asked(capsys):
    assert main(["history", "--help"], out=io.StringIO(), err=io.StringIO()) == 0
    assert "mã bản ghi (hoặc mã chuyên đề)" in capsys.readouterr().out


def test_a_mistyped_command_is_still_refused_with_the_usage(capsys):
    assert main(["exma", "build"], out=io.StringIO(), err=io.StringIO()) == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "frozen"), [(["topics", "list"], True), (["--version"], False), ([], False)])
def test_a_headless_command_leaves_what_it_loaded_out_of_the_exit_collections(tmp_path, monkeypatch, argv, frozen):
    """The exit's cyclic collections are spared a command; never the desktop app (no command, or ``gui``)."""
    froze = []
    monkeypatch.setattr(gc, "freeze", lambda: froze.append(True))
    monkeypatch.setattr(cli, "main", lambda: 0)  # the command itself is not what is looked at here
    monkeypatch.setattr(sys, "argv", ["lecturer-app", "--data-dir", str(tmp_path), *argv])
    with pytest.raises(SystemExit) as exit_:
        cli.run()
    assert exit_.value.code == 0
    assert froze == ([True] if frozen else [])


@pytest.mark.parametrize(("argv", "collects"), [
    (["exam", "build", "--topics", "A"], False), (["--data-dir", "exam", "exam", "build"], False),
    (["exam", "grade"], True), (["questions", "import", "build"], True), (["server", "run"], True), ([], True),
])
def test_only_an_exam_build_runs_without_the_cyclic_collector(monkeypatch, argv, collects):
    """A build's work is bounded and ends the process; other commands (a server, an import) keep the collector."""
    disabled = []
    monkeypatch.setattr(gc, "disable", lambda: disabled.append(True))
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(cli, "main", lambda: 0)
    monkeypatch.setattr(sys, "argv", ["lecturer-app", *argv])
    with pytest.raises(SystemExit):
        cli.run()
    assert disabled == ([] if collects else [True])
