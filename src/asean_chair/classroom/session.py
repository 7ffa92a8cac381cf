"""Starting classroom sessions, and playing one as a team.

A team's result must never be lost or mixed up with another team's: it goes
to the saves folder unless the team names a file, an existing file is never
overwritten (a second "Team 1" gets ``result-team-1-2.json`` and a warning),
and when the chosen place cannot be written the result is kept in the saves
folder and the message says where (:func:`keep_result`).
"""

from __future__ import annotations

import errno
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.outputs import OutputError, write_output
from ..common.userdata import saves_dir
from ..engine import Game, GameState
from ..engine.saves import save_text
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


def free_path(path: Path) -> Path:
    """``path`` if nothing is there yet, else ``stem-2.json`` (-3, ...) beside it."""
    candidate, number = path, 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


@dataclass(frozen=True)
class KeptResult:
    """Where a team's result file was written, and what the team should know."""

    path: Path
    #: Warnings for the team, one line each: the name was taken, the chosen
    #: place could not be written (and where the result went instead).
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """What to tell the team, one line each: the warnings, then where the file is."""
        return [f"warning: {n}" for n in self.notes] + [
            f"Your result is saved in {self.path}. Give this file to your teacher."]


def keep_result(state: GameState, code: str, team: str, path: Path | None = None) -> KeptResult:
    """Write a team's result file, never overwriting one and never losing it.

    ``path`` defaults to the saves folder (``result-<team>.json``). A file
    already there is kept and this result gets the next free name, with a
    warning. If the place cannot be written, the result goes to the saves
    folder instead and a note says where; :class:`OutputError` only when
    neither can be written.
    """
    target = Path(path) if path is not None else saves_dir() / team_file_name(team)
    notes: list[str] = []
    free = free_path(target)
    if free != target:
        notes.append(f"{target} already exists (another team with the same name, or an "
                     f"earlier game?); it is kept, and this result is saved as {free.name}")
    extra: dict[str, Any] = {"classroom": {"code": code, "team": team}}
    text = save_text(state, label=f"{team} — result", extra=extra)
    try:
        written = write_output(free, text, what="the team's result", keep=True,
                               create_folder=path is None or target.parent == saves_dir())
    except OutputError as exc:
        if exc.saved_copy is None:
            raise
        return KeptResult(exc.saved_copy, (*notes, str(exc)))
    return KeptResult(written, tuple(notes))


def save_result(state: GameState, code: str, team: str, path: Path | None = None) -> Path:
    """Save a team's result file (see :func:`keep_result`); returns where it went.

    Raises ``OSError`` (its ``strerror`` says why, in one line) only when
    neither the chosen place nor the saves folder can be written.
    """
    try:
        return keep_result(state, code, team, path).path
    except OutputError as exc:
        raise OSError(errno.EIO, str(exc)) from None
