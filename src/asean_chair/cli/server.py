"""``asean-chair serve``: a lesson on the school network, from the teacher's computer.

Needs the optional extra: ``pip install "asean-chair[server]"``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..common.errors import UserError
from .output import Commands


def add_serve(sub: Commands) -> None:
    """The ``serve`` command."""
    p = sub.add_parser("serve", help="host a lesson on the local network: students play and "
                                     "vote from a browser")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--scenario", metavar="ID", help="scenario id (default: the pack's)")
    p.add_argument("--preset", metavar="ID", help="the lesson's length, e.g. short")
    p.add_argument("--difficulty", metavar="ID", help="an easier or harder start, e.g. easy")
    p.add_argument("--seed", type=int, metavar="N", help="the game's seed (default: random)")
    p.add_argument("--mode", choices=["teams", "vote"], default="teams",
                   help="teams: each team plays the same game on its own device (default); "
                        "vote: the class votes on one game on the projector")
    p.add_argument("--countdown", type=int, default=0, metavar="SECONDS",
                   help="in a class vote: seconds to vote on each card (default: none)")
    p.add_argument("--host", metavar="ADDRESS",
                   help="the address to listen on (default: this computer's address on the "
                        "local network; 0.0.0.0 for every address, 127.0.0.1 for this "
                        "computer only)")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="default: 8000")
    p.add_argument("--db", metavar="FILE",
                   help="the lesson's database (default: in the game's data folder)")
    p.add_argument("--new", action="store_true",
                   help="start a new lesson even if the database holds one that has not ended")
    p.add_argument("--lang", metavar="CODE", default="en", help="the language of the pages")
    p.add_argument("--rate", type=float, default=60.0, metavar="N",
                   help="requests a second one address may make (default: 60; raise it if "
                        "every device reaches the server through one address)")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the server and run it until Ctrl+C."""
    try:
        from ..server.run import ServeOptions, serve
        from ..server.security import Limits
    except ImportError as exc:
        raise UserError(f"the classroom server needs the 'server' extra ({exc.name} is "
                        "missing): pip install \"asean-chair[server]\"") from None
    if not 0 <= args.port <= 65535:
        raise UserError(f"--port must be from 0 to 65535, not {args.port}")
    if not 0 <= args.countdown <= 600:
        raise UserError("--countdown must be from 0 to 600 seconds")
    if not 1 <= args.rate <= 100_000:
        raise UserError("--rate must be from 1 to 100000 requests a second")
    options = ServeOptions(packs=args.pack, scenario=args.scenario, preset=args.preset,
                           difficulty=args.difficulty, seed=args.seed, mode=args.mode,
                           countdown=args.countdown, host=args.host, port=args.port,
                           db=Path(args.db) if args.db else None, new=args.new,
                           language=args.lang or "en",
                           limits=Limits(rate=args.rate, burst=4 * args.rate))
    return serve(options)
