"""Starting classroom sessions, and playing one as a team."""

from __future__ import annotations

import argparse
import re
import secrets
from pathlib import Path
from typing import Any

from ..engine import Game, GameState
from ..engine.saves import save_game
from ..rules.ruleset import Ruleset
from .codes import MAX_SEED, CodeError, make_code, read_code


def run_new(args: argparse.Namespace) -> int:
    """``asean-chair classroom new``: print a session code and how to use it."""
    from ..cli.main import UserError, load_rules

    ruleset = load_rules(args.pack)
    seed = args.seed if args.seed is not None else secrets.randbelow(MAX_SEED + 1)
    try:
        code = make_code(ruleset, args.scenario, args.preset, seed, args.difficulty)
        sc = ruleset.scenario_with(args.scenario, args.preset)
    except (CodeError, KeyError) as exc:
        raise UserError(str(exc.args[0])) from None
    preset = next((p for p in ruleset.scenario(args.scenario).presets if p.id == args.preset), None)
    packs = ", ".join(f"{p.id} {p.version}" for p in ruleset.packs)
    print(f"Session code:  {code}")
    print(f"  {packs} · {sc.name} · "
          + (f"{preset.name} · " if preset else "full game · ")
          + f"{sc.turns} months · seed {seed}")
    pack_arg = "".join(f" --pack {p}" for p in args.pack) if args.pack else ""
    print("\nEach team starts the same game: in the window, New game, then type the code")
    print("and the team's name; or from a terminal:")
    for n in range(1, max(args.teams, 1) + 1):
        print(f"  asean-chair play{pack_arg} --code {code} --team \"Team {n}\"")
    print("(add --text to play in the terminal, without a window.)")
    print("\nAt the end each team saves its result file. Collect them and run:")
    print(f"  asean-chair classroom compare{pack_arg} RESULT_FILES... -o class-debrief.html")
    return 0


def start_session(ruleset: Ruleset, code: str) -> Game:
    """The game a session code stands for (raises ``CodeError``)."""
    session = read_code(code, ruleset)
    return Game(ruleset, session.scenario, session.seed, preset=session.preset,
                difficulty=session.difficulty)


def team_file_name(team: str) -> str:
    """A safe file name for a team's result."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", team).strip("-").lower() or "team"
    return f"result-{slug}.json"


def save_result(state: GameState, code: str, team: str, path: Path | None = None) -> Path:
    """Save a team's result file: the game record plus the session and team."""
    target = path or Path(team_file_name(team))
    extra: dict[str, Any] = {"classroom": {"code": code, "team": team}}
    return save_game(state, target, label=f"{team} — result", extra=extra)
