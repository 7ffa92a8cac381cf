"""``asean-chair classroom new`` (a session code for the teams) and
``asean-chair classroom compare`` (the class debrief page from their result files)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..common.errors import UserError
from ..common.packs import load_rules
from .output import Commands, plural


def add_classroom(sub: Commands) -> None:
    """The ``classroom`` commands."""
    p = sub.add_parser("classroom", help="sessions for teams on many machines, and comparison")
    csub = p.add_subparsers(dest="classroom_command", metavar="COMMAND", required=True)
    q = csub.add_parser("new", help="make a session code that fixes the pack, preset and seed")
    q.add_argument("--teams", type=int, default=4, metavar="N")
    q.add_argument("--preset", metavar="ID", help="e.g. short")
    q.add_argument("--difficulty", metavar="ID", help="e.g. easy")
    q.add_argument("--seed", type=int, metavar="S", help="default: random")
    q.add_argument("--scenario", metavar="ID")
    q.add_argument("--pack", action="append", metavar="DIR")
    q.set_defaults(func=cmd_new)
    q = csub.add_parser("compare", help="line up the teams' result files in a debrief page")
    q.add_argument("results", nargs="+", metavar="RESULT")
    q.add_argument("-o", "--output", default="class-debrief.html", metavar="FILE")
    q.add_argument("--pack", action="append", metavar="DIR")
    q.add_argument("--code", metavar="CODE",
                   help="the session to compare (default: the one most files name)")
    q.add_argument("--lang", metavar="CODE", help="the language of the page, e.g. km")
    q.set_defaults(func=cmd_compare)


def cmd_new(args: argparse.Namespace) -> int:
    """Print a session code and how each team starts from it."""
    from ..classroom.codes import CodeError
    from ..classroom.session import plan_session
    from ..engine import Game
    from ..turns import unit_count

    ruleset = load_rules(args.pack)
    try:
        plan = plan_session(ruleset, args.scenario, args.preset, args.difficulty, args.seed)
    except (CodeError, KeyError) as exc:
        raise UserError(str(exc.args[0])) from None
    packs = ", ".join(f"{p.id} {p.version}" for p in ruleset.packs)
    sc = plan.scenario
    game = Game(ruleset, sc.id, plan.seed, preset=plan.preset.id if plan.preset else None,
                difficulty=args.difficulty)
    print(f"Session code:  {plan.code}")
    print(f"  {packs} · {sc.name} · "
          + (f"{plan.preset.name} · " if plan.preset else "full game · ")
          + f"{unit_count(game.clock, game.length)} · seed {plan.seed}")
    pack_arg = "".join(f" --pack {p}" for p in args.pack) if args.pack else ""
    print("\nEach team starts the same game: in the window, New game, then type the code")
    print("and the team's name; or from a terminal:")
    for n in range(1, max(args.teams, 1) + 1):
        print(f"  asean-chair play{pack_arg} --code {plan.code} --team \"Team {n}\"")
    print("(add --text to play in the terminal, without a window.)")
    print("\nAt the end each team saves its result file. Collect them and run:")
    print(f"  asean-chair classroom compare{pack_arg} RESULT_FILES... -o class-debrief.html")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Check the result files and write the class debrief page."""
    from ..classroom.codes import CodeError
    from ..classroom.results import load_results
    from ..common.outputs import OutputError, write_output
    from ..reports.compare import class_debrief_html
    from ..reports.frame import language_notice

    ruleset = load_rules(args.pack, args.lang)
    notice = language_notice(ruleset, args.lang)
    if notice:
        print(notice, file=sys.stderr)
    try:
        sorted_ = load_results([Path(p) for p in args.results], ruleset, args.code)
    except CodeError as exc:
        raise UserError(f"--code: {exc}") from None
    for r in sorted_.refused:
        print(f"warning: skipped {r.message}" if r.damaged else f"refused: {r.message}",
              file=sys.stderr)
    for w in sorted_.warnings:
        print(f"warning: {w}", file=sys.stderr)
    results = sorted_.results
    if not results:
        raise UserError("no result could be compared" + (f" ({len(sorted_.refused)} refused)"
                                                          if sorted_.refused else ""))
    page = class_debrief_html(results, ruleset, sorted_.refused, sorted_.warnings, args.lang)
    try:
        written = write_output(args.output, page, what="the class debrief")
    except OutputError as exc:
        raise UserError(str(exc)) from None
    print(f"compared {plural(len(results), 'team')} of session {sorted_.session}"
          + (f" ({plural(len(sorted_.refused), 'file')} not included)"
             if sorted_.refused else "")
          + f"; wrote {written}")
    return 0
