"""What every command prints the same way: problems, plurals, written files."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO, TypeAlias

from ..common.text import for_terminal
from ..rules.source import Problem

#: What ``parser.add_subparsers()`` returns: commands are added to it.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def print_problems(problems: list[Problem], out: TextIO | None = None) -> None:
    """Print problems one per line, ``file:line:col: error: message``."""
    stream = out or sys.stderr
    for p in problems:
        # A message quotes the pack (names, expressions): no escape sequence
        # of a hostile pack reaches the terminal.
        print(for_terminal(str(p), single_line=True), file=stream)


def plural(n: int, word: str) -> str:
    """``1 team``, ``2 teams``."""
    return f"{n} {word}{'s' * (n != 1)}"

