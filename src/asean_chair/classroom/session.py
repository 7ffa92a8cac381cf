"""Starting classroom sessions, and playing one as a team."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import Game, GameState
from ..engine.saves import save_game
from ..rules.models import Preset, Scenario
from ..rules.ruleset import Ruleset
from .codes import MAX_SEED, make_code, read_code


@dataclass(frozen=True)
class SessionPlan:
    """A classroom session ready to announce: its code and the game it stands for."""

    code: str
    #: The scenario as the teams play it (the preset applied).
    scenario: Scenario
    #: The lighter way to play chosen, if any.
    preset: Preset | None
    seed: int


def plan_session(ruleset: Ruleset, scenario: str | None = None, preset: str | None = None,
                 difficulty: str | None = None, seed: int | None = None) -> SessionPlan:
    """A new session code for ``ruleset`` (a random seed unless given).

    Raises ``CodeError`` or ``KeyError`` (no such scenario or preset), whose
    first argument says why.
    """
    if seed is None:
        seed = secrets.randbelow(MAX_SEED + 1)
    code = make_code(ruleset, scenario, preset, seed, difficulty)
    played = ruleset.scenario_with(scenario, preset)
    chosen = next((p for p in ruleset.scenario(scenario).presets if p.id == preset), None)
    return SessionPlan(code, played, chosen, seed)


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
