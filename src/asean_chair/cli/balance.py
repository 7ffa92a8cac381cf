"""``asean-chair simulate`` (many games with a bot, on every core, and a report)
and ``asean-chair bench`` (the engine's speed)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from ..common.errors import UserError
from ..common.packs import load_rules
from ..paths import default_pack
from .output import Commands

#: The bots, as the help of `play --auto` and `simulate --bot` names them
#: (asean_chair.bots.BOTS; a test keeps the three lists the same).
BOT_HELP = "random, greedy, history, cautious, mcts[:N] or stance:<actor>"


def add_simulate(sub: Commands) -> None:
    """The ``simulate`` command."""
    p = sub.add_parser("simulate", help="play many games with a bot and report on balance")
    p.add_argument("--games", type=int, default=1000, metavar="N")
    p.add_argument("--bot", default="random", help=f"the player: {BOT_HELP}")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--scenario", metavar="ID")
    p.add_argument("--preset", metavar="ID", help="play the scenario's preset, e.g. short")
    p.add_argument("--difficulty", metavar="ID", help="play at one of the scenario's "
                                                      "difficulties, e.g. easy")
    p.add_argument("--jobs", type=int, metavar="J", help="processes (default: every core)")
    p.add_argument("--seed", type=int, default=0, metavar="S")
    p.add_argument("--json", action="store_true",
                   help="print the report as JSON (only JSON on standard output)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    p.set_defaults(func=run_simulate)


def add_sweep(sub: Commands) -> None:
    """The ``sweep`` command."""
    p = sub.add_parser(
        "sweep", help="play a grid of variants of a pack and show which meet balance targets",
        description="Each --vary PATH=VALUES changes numbers of the pack, as an overlay would "
                    "(tracks.autonomy.start=40..60/10, cards.ID.options.*.cost=+-1, "
                    "actions.*.cost=1,2); the grid is every combination. Each variant plays "
                    "the same seeds. See docs/balance-lab.md.")
    p.add_argument("--vary", action="append", required=True, metavar="PATH=VALUES",
                   help="numbers to vary: a list 1,2,5, a range 40..60[/STEP] or an offset +-N")
    p.add_argument("--games", type=int, default=500, metavar="N", help="games per variant")
    p.add_argument("--bot", default="random", help=f"the player: {BOT_HELP}")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--scenario", metavar="ID")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--jobs", type=int, metavar="J",
                   help="local processes, or CPUs of a local Ray (default: every core)")
    p.add_argument("--ray", metavar="ADDRESS",
                   help="run on a Ray cluster (ray://HOST:10001, HOST:6379 or auto), or on a "
                        "Ray started here ('local'); needs pip install 'asean-chair[cluster]'")
    p.add_argument("--wins", metavar="LOW..HIGH",
                   help="target share of wins (top two tiers), e.g. 0.05..0.25")
    p.add_argument("--allow-dominant", action="store_true",
                   help="do not count dominant options against a variant")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(func=cmd_sweep)


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run the sweep and print the variants side by side."""
    from ..balance.sweep import SweepError, Targets, format_sweep, parse_vary, timed_sweep

    packs = [Path(p) for p in args.pack] if args.pack else [default_pack()]
    load_rules(packs)  # report pack errors before anything else
    if args.games < 1:
        raise UserError("--games must be at least 1")
    wins = None
    if args.wins:
        low, sep, high = args.wins.partition("..")
        try:
            wins = (float(low), float(high))
        except ValueError:
            raise UserError(f"--wins '{args.wins}': write LOW..HIGH, e.g. 0.05..0.25") from None
        if not sep or wins[0] > wins[1]:
            raise UserError(f"--wins '{args.wins}': write LOW..HIGH, e.g. 0.05..0.25")
    targets = Targets(wins=wins, no_dominant=not args.allow_dominant)
    from tqdm import tqdm

    try:
        axes = [parse_vary(v) for v in args.vary]
        with tqdm(unit="game", file=sys.stderr, disable=None, desc="sweep") as bar:
            outcomes, elapsed = timed_sweep(packs, axes, args.games, bot=args.bot,
                                            scenario=args.scenario, seed=args.seed,
                                            jobs=args.jobs, ray=args.ray, targets=targets,
                                            progress=bar.update)
    except SweepError as exc:
        raise UserError(str(exc)) from None
    jobs = args.jobs or os.cpu_count() or 1
    where = (f"Ray ({args.ray})" if args.ray else
             f"{jobs} local process{'es' if jobs > 1 else ''}")
    if args.json:
        print(json.dumps({"targets": targets.describe(), "games_per_variant": args.games,
                          "seconds": round(elapsed, 2), "where": where,
                          "variants": [o.row() for o in outcomes]}, indent=1))
    else:
        print(format_sweep(outcomes, targets, args.games, args.bot, elapsed, where))
    return 0


def add_bench(sub: Commands) -> None:
    """The ``bench`` command."""
    p = sub.add_parser("bench", help="measure the engine's speed")
    p.add_argument("--pack", metavar="DIR")
    p.add_argument("--seconds", type=float, default=2.0, help="seconds per measurement")
    p.add_argument("--quick", action="store_true",
                   help="fewer games everywhere (10,000 for memory, 2 per MCTS budget)")
    p.add_argument("--no-ray", action="store_true", help="skip the sweep on a local Ray")
    p.set_defaults(func=cmd_bench)


def run_simulate(args: argparse.Namespace) -> int:
    """Play the games, print the report (and write it as HTML with ``--html``).

    With ``--json`` the standard output holds the JSON report and nothing
    else; progress and messages go to the standard error.
    """
    from ..balance.report import build_report, format_report
    from ..balance.simulate import tally_games
    from ..bots import make_bot
    from ..engine import Game

    packs = [Path(p) for p in args.pack] if args.pack else [default_pack()]
    ruleset = load_rules(packs)
    try:
        Game(ruleset, args.scenario, args.seed, preset=args.preset, difficulty=args.difficulty,
             explain=False)
        make_bot(args.bot, 0, tuple(ruleset.actors), ruleset=ruleset)
    except (KeyError, ValueError) as exc:
        raise UserError(str(exc.args[0])) from None
    if args.games < 1:
        raise UserError("--games must be at least 1")
    from tqdm import tqdm

    started = time.perf_counter()
    with tqdm(total=args.games, unit="game", file=sys.stderr, disable=None,
              desc=f"{args.bot}") as bar:
        tally = tally_games(packs, args.bot, args.games, scenario=args.scenario,
                            seed=args.seed, jobs=args.jobs, progress=bar.update,
                            preset=args.preset, difficulty=args.difficulty)
    elapsed = time.perf_counter() - started
    report = build_report(ruleset, args.scenario, args.bot, args.seed, tally, args.preset,
                          args.difficulty)
    if args.html:
        from ..balance.html import html_report
        from ..common.outputs import write_output

        write_output(Path(args.html), html_report(report, tally.score_list()),
                     what="the report")
        print(f"wrote {args.html}", file=sys.stderr)
    rate = f"{args.games:,} games in {elapsed:.1f} s ({args.games / max(elapsed, 1e-9):,.0f} " \
           "games/s)"
    if args.json:
        print(json.dumps(report, indent=1, sort_keys=True))
        print(rate, file=sys.stderr)
    else:
        print(format_report(report))
        print(f"\n{rate}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Measure the engine on a pack (its errors are reported first)."""
    from ..balance.bench import run_bench

    pack = Path(args.pack) if args.pack else default_pack()
    load_rules([pack])  # report pack errors before measuring
    if args.quick:
        run_bench(pack, seconds=min(args.seconds, 1.0), mcts_games=2, sim_games=2000,
                  memory_games=10_000, sweep_games=100, ray=not args.no_ray)
    else:
        run_bench(pack, seconds=args.seconds, ray=not args.no_ray)
    return 0
