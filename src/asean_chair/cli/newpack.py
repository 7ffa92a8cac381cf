"""``asean-chair new-pack``: start a rule pack (or a mod) with an example of everything.

The files written carry a ``yaml-language-server`` line naming the JSON
Schema copied beside them, so a modder's editor completes and checks them.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..common.errors import UserError
from ..common.packs import index_packs
from ..rules.source import RulesError
from .output import Commands


def add_new_pack(sub: Commands) -> None:
    """The ``new-pack`` command."""
    p = sub.add_parser("new-pack", help="start a new rule pack with an example of everything")
    p.add_argument("name", metavar="NAME", help="the folder to create")
    p.add_argument("--extends", metavar="PACK", help="make a mod of this pack (e.g. asean2022)")
    p.set_defaults(func=cmd_new_pack)


SCHEMA_DIR = ".schema"
RULES_SCHEMA = f"{SCHEMA_DIR}/rules.schema.json"
PACK_SCHEMA = f"{SCHEMA_DIR}/pack.schema.json"


def _header(schema: str) -> str:
    return f"# yaml-language-server: $schema={schema}\n"


def _standalone(pack_id: str, name: str) -> dict[str, str]:
    return {
        "pack.yaml": f"""{_header(PACK_SCHEMA)}\
# A rule pack: this file says who made it; the other .yaml files hold the game.
# Check it with: asean-chair validate {pack_id}
id: {pack_id}
name: {name}
version: 0.1.0
format: 1                     # the rules format this pack is written for
description: A new scenario.
authors: [Your name]
license: CC-BY-SA-4.0
extends: []                   # ids of packs this one builds on
default_scenario: main
""",
        "world.yaml": f"""{_header(RULES_SCHEMA)}\
# The meters of the game (tracks), the powers (actors) and the facts it remembers.
tracks:
  - id: autonomy              # expressions use the id: `autonomy >= 40`
    name: Autonomy
    description: How freely the country decides for itself.
    start: 60                 # min 0 and max 100 unless you say otherwise
    danger: {{below: 20}}       # painted red on the meter
  - id: economy
    name: Economy
    description: Trade, investment and jobs.
    start: 50

actors:
  - id: north
    name: The northern power
    relation: {{start: 20}}     # from -100 to 100
    rivals: {{south: 0.5}}      # gaining 10 here costs 5 with the south
  - id: south
    name: The southern power
    relation: {{start: 10}}
    rivals: {{north: 0.5}}

flags:
  - id: signed_deal
    name: Signed the trade deal

counters: []
""",
        "cards.yaml": f"""{_header(RULES_SCHEMA)}\
# Event cards. `when: {{turn: N}}` puts a card in turn N (a number, or a turn's
# name); `when: {{window: [A, B]}}` lets it be drawn from turn A to B. Every
# option should cost something.
cards:
  - id: trade_offer
    title: A trade offer
    text: The northern power offers a trade deal, if you stop talking to the south.
    tags: [economy]
    when: {{turn: 1}}
    options:
      - id: sign
        label: Sign the deal
        effects:
          - {{add: {{economy: 8, rel.north: 10, autonomy: -4}}}}
          - {{set_flag: signed_deal}}
          - {{schedule: {{card: southern_protest, in: 1}}}}   # comes back next turn
      - id: refuse
        label: Refuse politely
        cost: 1                                          # 1 favour (the scenario's currency)
        effects:
          - {{add: {{autonomy: 3, rel.north: -6}}}}

  - id: southern_protest      # a follow-up: no `when`, only scheduled
    title: The south protests
    text: The southern power asks why you signed.
    options:
      - id: explain
        label: Explain it is only about trade
        effects: [{{add: {{rel.south: 3, autonomy: -2}}}}]
      - id: ignore
        label: Ignore the protest
        effects: [{{add: {{rel.south: -8, autonomy: 2}}}}]
""",
        "diplomacy.yaml": f"""{_header(RULES_SCHEMA)}\
# Actions (after the cards each turn) and standing rules (every turn).
actions:
  - id: state_visit
    name: A state visit to the south
    cost: 2
    cooldown: 1               # then wait a turn
    effects: [{{add: {{rel.south: 6}}}}]

rules:
  - id: drift
    name: Relations settle
    effects: [{{drift: {{rel.north: 2, rel.south: 2}}}}]
  - id: dependence
    name: Over-dependence
    if: "rel.north > 60"
    effects: [{{add: {{autonomy: -3}}}}]
""",
        "scenario.yaml": f"""{_header(RULES_SCHEMA)}\
# The scenario: its calendar and words, currency, endings, score and ranks.
scenarios:
  - id: main
    name: {name}
    briefing: Three seasons between two powers. Keep your autonomy and your economy.
    turns: 3
    calendar:
      unit: season            # "season 2 of 3", "End the season"
      names: [Spring, Summer, Autumn]
    words:                    # the frame words every screen shows
      currency: favour        # "costs 1 favour"
      currencies: favours
      side: Your country      # heads your own panel
      relations: Relations
      actions: Diplomacy      # heads the actions you take each turn
    capital: {{name: Favours, start: 2, income: 1, max: 5}}
    draws: 0                  # cards drawn at random each turn
    endings:
      - id: client_state
        title: A client state
        text: Decisions are now taken in another capital.
        if: "autonomy <= 5"
        defeat: true
      - id: done
        title: The season is over
        text: You kept your balance.
    score: "autonomy + economy + min(rel.north, 30) + min(rel.south, 30)"
    tiers:
      - {{id: good, name: Good balance, min_score: 140}}
      - {{id: fair, name: Fair, min_score: 100}}
      - {{id: poor, name: Poor, min_score: -1000}}
    verdicts:
      - {{if: "flag.signed_deal", kind: note, text: You signed the northern trade deal.}}
""",
        "glossary.yaml": f"""{_header(RULES_SCHEMA)}glossary:
  - id: hedging
    term: Hedging
    text: Keeping good relations with rival powers at once.
""",
    }


def _extension(pack_id: str, name: str, base: str) -> dict[str, str]:
    from ..rules import load_packs

    try:
        ruleset = load_packs([_find_base(base)])
    except RulesError as exc:
        raise UserError(f"the pack '{base}' does not load: {exc.problems[0]}") from None
    track = next(iter(ruleset.tracks))
    actor = next(iter(ruleset.actors))
    card = next(iter(ruleset.cards.values()))
    last = min(3, ruleset.scenario().turns)
    return {
        "pack.yaml": f"""{_header(PACK_SCHEMA)}\
# A mod of '{base}': it adds cards and changes the base pack's items by id.
# Check it with: asean-chair validate {pack_id}    and see what it changes with:
# asean-chair explain {pack_id}
id: {pack_id}
name: {name}
version: 0.1.0
format: 1
description: A mod of {base}.
authors: [Your name]
license: CC-BY-SA-4.0
extends: [{base}]
""",
        "cards.yaml": f"""{_header(RULES_SCHEMA)}cards:
  # A new card, using the base pack's tracks and actors.
  - id: {pack_id}_first_card
    title: A new dilemma
    text: Write the situation here, in words a 15-year-old understands.
    tags: [fictional]
    invented: true          # made up (a what-if); a real event gives history, source and discuss
    when: {{window: [1, {last}], weight: 2}}   # may be drawn in turns 1 to {last}
    options:
      - id: act
        label: Take a risk
        cost: 1
        effects: [{{add: {{{track}: 4, rel.{actor}: -3}}}}]
      - id: wait
        label: Wait and see
        effects: [{{add: {{{track}: -2}}}}]

  # Change a card of '{base}' by id: `patch` merges the fields you give
  # (options merge by their id), `replace: true` writes the whole card anew,
  # `remove: true` takes it out. Remove the # to try it:
  # - id: {card.id}
  #   patch:
  #     title: {card.title} (my version)
""",
    }


def _find_base(base: str) -> Path:
    from ..paths import rules_dir

    index = index_packs([Path.cwd(), Path("rules"), rules_dir()])
    if base not in index:
        from ..rules.messages import suggest

        raise UserError(f"no pack '{base}' found{suggest(base, index)} "
                        f"(packs: {', '.join(sorted(index)) or 'none'})")
    return index[base]


def cmd_new_pack(args: argparse.Namespace) -> int:
    """Write the pack's files and say how to check and play it."""
    from ..common.outputs import write_output
    from ..rules.schema import editor_files

    folder = Path(args.name)
    pack_id = re.sub(r"[^a-z0-9_]", "_", folder.name.lower()).strip("_") or "my_pack"
    if not pack_id[0].isalpha():
        pack_id = f"pack_{pack_id}"
    if folder.exists() and any(folder.iterdir()):
        raise UserError(f"{folder} already exists and is not empty; choose another name")
    name = folder.name.replace("_", " ").replace("-", " ").title()
    files = _extension(pack_id, name, args.extends) if args.extends else _standalone(pack_id, name)
    for file, text in files.items():
        write_output(folder / file, text, what="the new pack", create_folder=True)
    # The schemas beside the files (a translation's too, for locale/ later).
    for path, text in editor_files(folder).items():
        write_output(path, text, what="the new pack", create_folder=True)
    print(f"created {folder}/ with {', '.join(files)}")
    print(f"next: asean-chair validate {folder}")
    print(f"      asean-chair play --text --pack {folder}")
    return 0
