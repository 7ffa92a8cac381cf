"""``asean-chair``: play, validate packs, replay saves, print the schema.

Every user mistake (a broken pack, a damaged save, a missing file) ends
with a clear message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..rules.ruleset import Ruleset
from ..rules.source import Problem, RulesError


class UserError(Exception):
    """A mistake of the user's, reported in one message with exit code 1."""


def load_rules(packs: Sequence[str] | None, language: str | None = None) -> Ruleset:
    """Load packs (the default pack when none are given) or raise ``RulesError``."""
    from ..paths import default_pack
    from ..rules import load_packs

    folders = [Path(p) for p in packs] if packs else [default_pack()]
    ruleset: Ruleset = load_packs(folders, language=language)
    return ruleset


def print_problems(problems: list[Problem], out: TextIO | None = None) -> None:
    """Print problems one per line, ``file:line:col: error: message``."""
    stream = out or sys.stderr
    for p in problems:
        print(p, file=stream)


def cmd_validate(args: argparse.Namespace) -> int:
    if getattr(args, "watch", False):
        from .modding import cmd_watch

        args.watch = False
        return cmd_watch(args, cmd_validate)
    from ..paths import default_pack
    from ..rules import load_packs

    folders = [Path(p) for p in args.packs] if args.packs else [default_pack()]
    failed = False
    for folder in folders:
        try:
            ruleset = load_packs([folder], language=getattr(args, "lang", None))
        except RulesError as exc:
            print_problems(exc.problems, sys.stdout)
            errors = sum(p.severity == "error" for p in exc.problems)
            warnings = len(exc.problems) - errors
            print(f"{folder}: {errors} error{'s' * (errors != 1)}, {warnings} "
                  f"warning{'s' * (warnings != 1)}")
            failed = True
            continue
        print_problems(list(ruleset.warnings), sys.stdout)
        w = len(ruleset.warnings)
        counts = ", ".join(f"{len(getattr(ruleset, s))} {s}" for s in
                           ("cards", "actions", "rules", "tracks", "actors", "scenarios"))
        packs = " + ".join(f"{p.id} {p.version}" for p in ruleset.packs)
        print(f"{folder}: 0 errors, {w} warning{'s' * (w != 1)} ({packs}: {counts})")
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from ..rules.schema import pack_meta_schema, rules_schema

    if args.reference:
        from ..rules.reference import rules_reference

        text = rules_reference()
    else:
        schema = pack_meta_schema() if args.meta else rules_schema()
        text = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    if args.output:
        from ..engine.saves import write_atomic

        write_atomic(Path(args.output), text)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    if args.text or args.auto:
        from .textplay import run_text

        return run_text(args)
    from .window import run_window

    return run_window(args)


def cmd_replay(args: argparse.Namespace) -> int:
    from .replay import run_replay

    return run_replay(args)


def cmd_simulate(args: argparse.Namespace) -> int:
    from .simulate import run_simulate

    return run_simulate(args)


def cmd_bench(args: argparse.Namespace) -> int:
    from ..balance.bench import run_bench
    from ..paths import default_pack

    pack = Path(args.pack) if args.pack else default_pack()
    load_rules([str(pack)])  # report pack errors before measuring
    run_bench(pack, seconds=args.seconds)
    return 0


def _classroom(what: str, args: argparse.Namespace) -> int:
    if what == "new":
        from ..classroom.session import run_new

        return run_new(args)
    from ..classroom.compare import run_compare

    return run_compare(args)


def cmd_screenshots(args: argparse.Namespace) -> int:
    from ..ui.screenshots import run_screenshots

    return int(run_screenshots(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asean-chair",
        description="ASEAN Chair: chair ASEAN for a year and hedge between the powers.",
    )
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("play", help="play a game (a window; --text for the terminal)")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--scenario", metavar="ID", help="scenario id (default: the pack's)")
    p.add_argument("--preset", metavar="ID", help="a lighter way to play, e.g. short")
    p.add_argument("--difficulty", metavar="ID", help="an easier or harder start, e.g. easy")
    p.add_argument("--seed", type=int, metavar="N", help="random seed (default: random)")
    p.add_argument("--load", metavar="FILE", help="continue a saved game")
    p.add_argument("--auto", metavar="BOT",
                   help="let a bot play: random, greedy, history or stance:<actor>")
    p.add_argument("--transcript", metavar="FILE",
                   help="write one JSON line per decision with the state after it")
    p.add_argument("--quiet", action="store_true", help="with --auto: print only the result")
    p.add_argument("--lang", metavar="CODE", help="the language of the texts, e.g. km")
    p.add_argument("--code", metavar="CODE", help="a classroom session code from the teacher")
    p.add_argument("--team", metavar="NAME", help="with --code: your team's name")
    p.add_argument("--result", metavar="FILE", help="with --code: where to save the result file")
    p.add_argument("--classroom", choices=["vote"], help="run a class vote on one projector")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("validate", help="check rule packs and list every problem")
    p.add_argument("packs", nargs="*", metavar="PACK_DIR")
    p.add_argument("--watch", action="store_true", help="check again whenever a file is saved")
    p.add_argument("--lang", metavar="CODE", help="also check the translation, e.g. km")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("new-pack", help="start a new rule pack with an example of everything")
    p.add_argument("name", metavar="NAME", help="the folder to create")
    p.add_argument("--extends", metavar="PACK", help="make a mod of this pack (e.g. asean2022)")
    p.set_defaults(func=lambda a: __import__("asean_chair.cli.modding", fromlist=["x"])
                   .cmd_new_pack(a))

    p = sub.add_parser("explain", help="what each pack adds, replaces, patches and removes")
    p.add_argument("packs", nargs="+", metavar="PACK_DIR")
    p.set_defaults(func=lambda a: __import__("asean_chair.cli.modding", fromlist=["x"])
                   .cmd_explain(a))

    p = sub.add_parser("schema", help="print the JSON Schema of the rules format")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--meta", action="store_true", help="the schema of pack.yaml instead")
    p.add_argument("--reference", action="store_true",
                   help="the rules reference (Markdown) instead")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("replay", help="re-run a save or transcript and verify it")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.set_defaults(func=cmd_replay)
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
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("classroom", help="sessions for teams on many machines, and comparison")
    csub = p.add_subparsers(dest="classroom_command", metavar="COMMAND", required=True)
    q = csub.add_parser("new", help="make a session code that fixes the pack, preset and seed")
    q.add_argument("--teams", type=int, default=4, metavar="N")
    q.add_argument("--preset", metavar="ID", help="e.g. short")
    q.add_argument("--difficulty", metavar="ID", help="e.g. easy")
    q.add_argument("--seed", type=int, metavar="S", help="default: random")
    q.add_argument("--scenario", metavar="ID")
    q.add_argument("--pack", action="append", metavar="DIR")
    q.set_defaults(func=lambda a: _classroom("new", a))
    q = csub.add_parser("compare", help="line up the teams' result files in a debrief page")
    q.add_argument("results", nargs="+", metavar="RESULT")
    q.add_argument("-o", "--output", default="class-debrief.html", metavar="FILE")
    q.add_argument("--pack", action="append", metavar="DIR")
    q.set_defaults(func=lambda a: _classroom("compare", a))

    p = sub.add_parser("report", help="the printable debrief of a saved game or result")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("-o", "--output", default="debrief.html", metavar="FILE")
    p.add_argument("--pack", action="append", metavar="DIR")
    p.set_defaults(func=lambda a: __import__("asean_chair.reports.debrief", fromlist=["x"])
                   .run_report(a))

    p = sub.add_parser("bench", help="measure the engine's speed")
    p.add_argument("--pack", metavar="DIR")
    p.add_argument("--seconds", type=float, default=2.0, help="seconds per measurement")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("screenshots", help="render every screen of the window to PNG files")
    p.add_argument("-o", "--output", metavar="DIR", default="docs/screenshots")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--size", metavar="WxH", action="append",
                   help="window size(s), e.g. 1280x720 (default: 1280x720 and 1024x600)")
    p.set_defaults(func=cmd_screenshots)

    p = sub.add_parser("print-deck",
                       help="write the cards, board and rules as a printable HTML page")
    p.add_argument("-o", "--output", metavar="FILE", default="deck.html")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--scenario", metavar="ID", help="scenario id (default: the pack's)")
    p.add_argument("--preset", metavar="ID", help="a lighter way to play, e.g. short")
    p.add_argument("--lang", metavar="CODE", help="the language of the texts, e.g. km")
    p.set_defaults(func=lambda a: __import__("asean_chair.reports.deck", fromlist=["x"])
                   .run_print_deck(a))
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
        print(f"asean-chair: {exc}", file=sys.stderr)
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
