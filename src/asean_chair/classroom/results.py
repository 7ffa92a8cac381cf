"""Reading and checking the result files of teams who played one session code.

``asean-chair classroom compare RESULTS...`` loads them here and the class
debrief page (:mod:`asean_chair.reports.compare`) lines the teams up. A
result from another session or other packs is refused with a clear
message; a damaged file is skipped with a warning; neither stops the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine.saves import NotASave, SaveDamaged, SaveError, read_record, restore
from ..rules.ruleset import Ruleset
from .codes import CodeError, read_code


@dataclass
class TeamResult:
    """One team's checked result file."""

    team: str
    #: The session code, as the teacher gave it.
    code: str
    #: The game record, checked: it replays to the saved state.
    record: dict[str, Any]


def classroom_info(record: dict[str, Any]) -> dict[str, Any]:
    """The ``classroom`` part of a result file (code and team), or ``{}``."""
    extra = record.get("extra")
    info = extra.get("classroom") if isinstance(extra, dict) else None
    return info if isinstance(info, dict) else {}


class NotThisSession(SaveError):
    """A result of another session, or a saved game that is no classroom result."""


@dataclass(frozen=True)
class Refusal:
    """A result file left out of the comparison, and why."""

    message: str
    #: Damaged or edited (skipped with a warning), rather than from another session.
    damaged: bool


def load_results(paths: list[Path], ruleset: Ruleset) -> tuple[list[TeamResult], list[Refusal]]:
    """Check every result file; returns the good ones and why each other one was left out."""
    results: list[TeamResult] = []
    refused: list[Refusal] = []
    session: str | None = None
    for path in paths:
        name = path.name
        try:
            record = read_record(path)
            info = classroom_info(record)
            code = info.get("code")
            if not isinstance(code, str):
                raise NotThisSession(f"{name}: this is a saved game, not a classroom result "
                                "(it has no session code)")
            try:
                sess = read_code(code, ruleset)
            except CodeError as exc:
                raise NotThisSession(f"{name}: {exc}") from None
            if session is None:
                session = sess.code
            elif sess.code != session:
                raise NotThisSession(f"{name}: this result is from session {sess.code}, not "
                                f"{session}; compare only the results of one session")
            if (record["scenario"], record.get("preset"), record["seed"],
                    record.get("difficulty")) != (sess.scenario, sess.preset, sess.seed,
                                                  sess.difficulty):
                raise SaveDamaged(f"{name}: the result does not match its session code "
                                "(edited by hand?)")
            restore(record, ruleset, name, explain=False)
        except SaveError as exc:
            refused.append(Refusal(str(exc), isinstance(exc, (SaveDamaged, NotASave))))
            continue
        team = str(info.get("team") or path.stem)
        results.append(TeamResult(team, sess.code, record))
    return results, refused
