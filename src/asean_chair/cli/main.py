"""``asean-chair``: play, validate packs, replay saves, print the schema.

The command line is the only place that reads arguments: each command
group has a module here that declares its arguments and turns them into a
call of the layer below (``ui``, ``reports``, ``classroom``, ``balance``,
``rules``). Every user mistake (a broken pack, a damaged save, a missing
file) ends with a clear message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..common.errors import UserError
from ..common.text import for_terminal
from ..rules.source import RulesError
from . import (
    balance,
    classroom,
    modding,
    newpack,
    play,
    replay,
    reports,
    server,
    translations,
    window,
)
from .output import print_problems


def build_parser() -> argparse.ArgumentParser:
    """Every command and its arguments."""
    parser = argparse.ArgumentParser(
        prog="asean-chair",
        description="ASEAN Chair: chair ASEAN for a year and hedge between the powers.",
    )
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    play.add_play(sub)
    modding.add_validate(sub)
    newpack.add_new_pack(sub)
    modding.add_explain(sub)
    modding.add_schema(sub)
    replay.add_replay(sub)
    balance.add_simulate(sub)
    balance.add_sweep(sub)
    classroom.add_classroom(sub)
    reports.add_report(sub)
    balance.add_bench(sub)
    window.add_screenshots(sub)
    reports.add_print_deck(sub)
    translations.add_translations(sub)
    server.add_serve(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args(["play", *(argv or [])])
    try:
        return int(args.func(args))
    except RulesError as exc:
        print_problems(exc.problems)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"the rule packs have {errors} error{'s' * (errors != 1)}; "
              "fix them and try again", file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"asean-chair: {for_terminal(str(exc), single_line=True)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
