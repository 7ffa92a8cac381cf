"""``asean-chair report`` (the printable debrief of a save) and
``asean-chair print-deck`` (the game on paper)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..common.errors import UserError
from ..common.packs import load_rules
from .output import Commands, plural


def add_report(sub: Commands) -> None:
    """The ``report`` command."""
    p = sub.add_parser("report", help="the printable debrief of a saved game or result")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("-o", "--output", default="debrief.html", metavar="FILE")
    p.add_argument("--pack", action="append", metavar="DIR")
    p.add_argument("--lang", metavar="CODE", help="the language of the page, e.g. km")
    p.set_defaults(func=cmd_report)


def add_print_deck(sub: Commands) -> None:
    """The ``print-deck`` command."""
    p = sub.add_parser("print-deck",
                       help="write the cards, board and rules as a printable HTML page")
    p.add_argument("-o", "--output", metavar="FILE", default="deck.html")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--scenario", metavar="ID", help="scenario id (default: the pack's)")
    p.add_argument("--preset", metavar="ID", help="a lighter way to play, e.g. short")
    p.add_argument("--lang", metavar="CODE", help="the language of the texts, e.g. km")
    p.set_defaults(func=cmd_print_deck)


def cmd_report(args: argparse.Namespace) -> int:
    """Write the debrief page of a save or result file."""
    from ..common.outputs import OutputError, write_output
    from ..engine.saves import SaveError, read_record
    from ..reports.debrief import debrief_page
    from ..reports.frame import language_notice
    from .packs import rules_for_save

    try:
        record = read_record(args.save)
        ruleset = rules_for_save(record, args.pack, args.lang)
        notice = language_notice(ruleset, args.lang)
        if notice:
            print(notice, file=sys.stderr)
        page = debrief_page(record, ruleset, Path(args.save).name, args.lang)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    try:
        written = write_output(args.output, page, what="the debrief")
    except OutputError as exc:
        raise UserError(str(exc)) from None
    print(f"wrote {written}; print it on A4 at 100% with the browser's headers and footers off")
    return 0


def cmd_print_deck(args: argparse.Namespace) -> int:
    """Write the deck of the packs' scenario."""
    from ..common.outputs import OutputError, write_output
    from ..reports.deck import build_deck
    from ..reports.frame import language_notice

    ruleset = load_rules(args.pack, args.lang)
    notice = language_notice(ruleset, args.lang)
    if notice:
        print(notice, file=sys.stderr)
    try:
        deck = build_deck(ruleset, args.scenario, args.preset, args.lang)
    except KeyError as exc:
        raise UserError(str(exc.args[0]) if exc.args else str(exc)) from None
    try:
        written = write_output(args.output, deck.page, what="the deck")
        master = None
        if deck.master is not None:
            master = write_output(written.with_name(f"{written.stem}-game-master.html"),
                                  deck.master, what="the game master's sheet")
    except OutputError as exc:
        raise UserError(str(exc)) from None
    print(f"wrote {written}: {plural(deck.cards, 'card')}, {plural(deck.actions, 'action')}, "
          f"the board and the rules on {plural(deck.pages, 'page')}; print it on A4 at 100% "
          "(no scaling) with the browser's headers and footers off")
    if master is not None:
        print(f"wrote {master}: the game master's sheet (the hidden tracks); print it for "
              "the teacher only")
    return 0
