"""Docs are part of the build: every CLI command is documented in docs/cli.md."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from lecturer_app.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def _commands(parser: argparse.ArgumentParser, prefix: str = "lecturer-app") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _commands(sub, f"{prefix} {name}")
                found.extend(nested or [f"{prefix} {name}"])
    return found


COMMANDS = _commands(build_parser())


def test_the_parser_has_commands():
    assert "lecturer-app topics list" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command):
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## `{command}`" in text, f"{command} is missing from docs/cli.md"
