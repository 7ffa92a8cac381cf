"""``asean-chair play``: a game in the window, or in the terminal with ``--text``."""

from __future__ import annotations

import argparse

from .balance import BOT_HELP
from .output import Commands


def add_play(sub: Commands) -> None:
    """The ``play`` command."""
    p = sub.add_parser("play", help="play a game (a window; --text for the terminal)")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--scenario", metavar="ID", help="scenario id (default: the pack's)")
    p.add_argument("--preset", metavar="ID", help="a lighter way to play, e.g. short")
    p.add_argument("--difficulty", metavar="ID", help="an easier or harder start, e.g. easy")
    p.add_argument("--seed", type=int, metavar="N", help="random seed (default: random)")
    p.add_argument("--load", metavar="FILE", help="continue a saved game")
    p.add_argument("--auto", metavar="BOT", help=f"let a bot play: {BOT_HELP}")
    p.add_argument("--transcript", metavar="FILE",
                   help="write one JSON line per decision with the state after it")
    p.add_argument("--quiet", action="store_true", help="with --auto: print only the result")
    p.add_argument("--lang", metavar="CODE", help="the language of the texts, e.g. km")
    p.add_argument("--code", metavar="CODE", help="a classroom session code from the teacher")
    p.add_argument("--team", metavar="NAME", help="with --code: your team's name")
    p.add_argument("--result", metavar="FILE", help="with --code: where to save the result file")
    p.add_argument("--classroom", choices=["vote"], help="run a class vote on one projector")
    p.add_argument("--modder", action="store_true",
                   help="show where each rule is written and the hidden tracks (for modders)")
    p.set_defaults(func=cmd_play)


def cmd_play(args: argparse.Namespace) -> int:
    """The terminal game (``--text`` or ``--auto``), else the window."""
    if args.text or args.auto:
        from .textplay import run_text

        return run_text(args)
    from .window import run_window

    return run_window(args)
