"""``asean-chair simulate`` (many games with a bot, on every core, and a report)
and ``asean-chair bench`` (the engine's speed)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..common.errors import UserError
from ..common.packs import load_rules
from ..paths import default_pack
from .output import Commands


def add_simulate(sub: Commands) -> None:
    """The ``simulate`` command."""
    p = sub.add_parser("simulate", help="play many games with a bot and report on balance")
    p.add_argument("--games", type=int, default=1000, metavar="N")
    p.add_argument("--bot", default="random",
                   help="random, greedy, history, cautious, mcts[:N] or stance:<actor>")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--scenario", metavar="ID")
    p.add_argument("--preset", metavar="ID", help="play the scenario's preset, e.g. short")
    p.add_argument("--jobs", type=int, metavar="J", help="processes (default: every core)")
    p.add_argument("--seed", type=int, default=0, metavar="S")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    p.set_defaults(func=run_simulate)


def add_bench(sub: Commands) -> None:
    """The ``bench`` command."""
    p = sub.add_parser("bench", help="measure the engine's speed")
    p.add_argument("--pack", metavar="DIR")
    p.add_argument("--seconds", type=float, default=2.0, help="seconds per measurement")
    p.set_defaults(func=cmd_bench)


def run_simulate(args: argparse.Namespace) -> int:
    """Play the games, print the report (and write it as HTML with ``--html``)."""
    from ..balance.report import build_report, format_report
    from ..balance.simulate import run_games
    from ..bots import make_bot

    packs = [Path(p) for p in args.pack] if args.pack else [default_pack()]
    ruleset = load_rules(packs)
    try:
        ruleset.scenario_with(args.scenario, args.preset)
        make_bot(args.bot, 0, tuple(ruleset.actors), ruleset=ruleset)
    except (KeyError, ValueError) as exc:
        raise UserError(str(exc.args[0])) from None
    if args.games < 1:
        raise UserError("--games must be at least 1")
    from tqdm import tqdm

    started = time.perf_counter()
    with tqdm(total=args.games, unit="game", file=sys.stderr, disable=None,
              desc=f"{args.bot}") as bar:
        records = list(run_games(packs, args.bot, args.games, scenario=args.scenario,
                                 seed=args.seed, jobs=args.jobs, progress=bar.update,
                                 preset=args.preset))
    elapsed = time.perf_counter() - started
    report = build_report(ruleset, args.scenario, args.bot, args.seed, records, args.preset)
    if args.html:
        from ..balance.html import html_report
        from ..engine.saves import write_atomic

        write_atomic(Path(args.html), html_report(report, [r.score for r in records],
                                                  ruleset.label))
        print(f"wrote {args.html}", file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=1, sort_keys=True))
    else:
        print(format_report(report, ruleset.label))
        print(f"\n{args.games:,} games in {elapsed:.1f} s ({args.games / elapsed:,.0f} games/s)")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Measure the engine on a pack (its errors are reported first)."""
    from ..balance.bench import run_bench

    pack = Path(args.pack) if args.pack else default_pack()
    load_rules([pack])  # report pack errors before measuring
    run_bench(pack, seconds=args.seconds)
    return 0
