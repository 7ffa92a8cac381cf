"""``asean-chair simulate``: many games with a bot, on every core, and a report."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..balance.report import build_report, format_report
from ..balance.simulate import run_games
from ..bots import make_bot
from ..paths import default_pack
from .main import UserError, load_rules


def run_simulate(args: argparse.Namespace) -> int:
    packs = [Path(p) for p in args.pack] if args.pack else [default_pack()]
    ruleset = load_rules([str(p) for p in packs])
    try:
        ruleset.scenario_with(args.scenario, args.preset)
        make_bot(args.bot, 0, tuple(ruleset.actors))
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
