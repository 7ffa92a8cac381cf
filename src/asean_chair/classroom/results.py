"""Reading and checking the result files of teams who played one session code.

``asean-chair classroom compare RESULTS...`` loads them here and the class
debrief page (:mod:`asean_chair.reports.compare`) lines the teams up.

A teacher collects files from USB sticks and shared folders, so the pile may
hold strays: results of another class, the same file twice, two teams who
both called themselves "Team 1". :func:`load_results` sorts the pile:

- files are grouped by session; the session most files name is compared (or
  the one the teacher gives), so one stray file never refuses the class;
- a result from another session, another game or other packs is refused,
  a damaged or hand-edited one is skipped, each named by its path;
- the same file given twice, or a copy of a result already counted, counts
  once; two different results with the same team name both count, told apart
  by their file names, with a warning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.saves import NotASave, SaveDamaged, SaveError, read_record, restore
from ..rules.ruleset import Ruleset
from .codes import CodeError, Session, read_code


@dataclass
class TeamResult:
    """One team's checked result file."""

    #: The team's name as the class debrief shows it (told apart from a
    #: namesake by its file name).
    team: str
    #: The session code, as the teacher gave it.
    code: str
    #: The game record, checked: it replays to the saved state.
    record: dict[str, Any]
    #: The file it came from.
    path: Path = field(default_factory=Path)


def classroom_info(record: dict[str, Any]) -> dict[str, Any]:
    """The ``classroom`` part of a result file (code and team), or ``{}``."""
    extra = record.get("extra")
    info = extra.get("classroom") if isinstance(extra, dict) else None
    return info if isinstance(info, dict) else {}


class NotThisSession(SaveError):
    """A result of another session, or a saved game that is no classroom result."""


@dataclass(frozen=True)
class Refusal:
    """A result file left out of the comparison, and why (the message names its path)."""

    message: str
    #: Damaged or edited (skipped with a warning), rather than from another session.
    damaged: bool
    path: Path = field(default_factory=Path)


@dataclass
class ClassResults:
    """The result files of a class, sorted: what is compared and what is not."""

    #: The session compared (``None`` when no file named a usable one).
    session: str | None
    results: list[TeamResult] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    #: Things the teacher should know that left nothing out (a tie between
    #: sessions, two teams with the same name), one line each.
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Candidate:
    path: Path
    record: dict[str, Any]
    session: Session
    team: str


def _same_name(name: str) -> str:
    return " ".join(name.casefold().split())


def load_results(paths: list[Path], ruleset: Ruleset, code: str | None = None) -> ClassResults:
    """Sort a class's result files into those compared and those left out (and why).

    ``code`` chooses the session; without it, the session most files name.
    Raises :class:`~asean_chair.classroom.codes.CodeError` when ``code`` is
    not a session code of these packs.
    """
    wanted = read_code(code, ruleset).code if code is not None else None
    refused: list[Refusal] = []
    candidates: list[_Candidate] = []
    seen: dict[Path, Path] = {}
    for path in paths:
        key = path.resolve()
        if key in seen:
            refused.append(Refusal(f"{path}: given twice (as {seen[key]}); counted once",
                                   False, path))
            continue
        seen[key] = path
        try:
            record = read_record(path)
            info = classroom_info(record)
            found = info.get("code")
            if not isinstance(found, str):
                raise NotThisSession(f"{path}: this is a saved game, not a classroom result "
                                     "(it has no session code)")
            try:
                session = read_code(found, ruleset)
            except CodeError as exc:
                raise NotThisSession(f"{path}: {exc}") from None
        except SaveError as exc:
            refused.append(Refusal(_with_path(str(exc), path),
                                   isinstance(exc, (SaveDamaged, NotASave)), path))
            continue
        team = str(info.get("team") or "").strip() or path.stem
        candidates.append(_Candidate(path, record, session, team))

    out = ClassResults(session=wanted)
    counts = Counter(c.session.code for c in candidates)
    if out.session is None and counts:
        most = max(counts.values())
        tied = [s for s in dict.fromkeys(c.session.code for c in candidates) if counts[s] == most]
        out.session = tied[0]
        if len(tied) > 1:
            out.warnings.append(f"the files name {len(tied)} sessions equally often "
                                f"({', '.join(tied)}); comparing {tied[0]}. Choose another "
                                "with --code")
    total = len(candidates)
    copies: dict[tuple[str, tuple[str, ...]], Path] = {}
    for c in candidates:
        if c.session.code != out.session:
            whose = "the session you chose" if wanted else \
                f"the session of {counts[out.session or '']} of the {total} results"
            refused.append(Refusal(f"{c.path}: a result of session {c.session.code}, not "
                                   f"{out.session} ({whose}); compare each session on its own",
                                   False, c.path))
            continue
        record, s = c.record, c.session
        try:
            if (record["scenario"], record.get("preset"), record["seed"],
                    record.get("difficulty")) != (s.scenario, s.preset, s.seed, s.difficulty):
                raise SaveDamaged(f"{c.path}: the result does not match its session code "
                                  "(edited by hand?)")
            restore(record, ruleset, str(c.path), explain=False)
        except SaveError as exc:
            refused.append(Refusal(_with_path(str(exc), c.path),
                                   isinstance(exc, (SaveDamaged, NotASave)), c.path))
            continue
        fingerprint = (_same_name(c.team), tuple(str(a) for a in record["actions"]))
        if fingerprint in copies:
            refused.append(Refusal(f"{c.path}: the same result as {copies[fingerprint]} (team "
                                   f"'{c.team}', the same moves): a copy; counted once",
                                   False, c.path))
            continue
        copies[fingerprint] = c.path
        out.results.append(TeamResult(c.team, s.code, record, c.path))
    out.refused = refused
    _tell_namesakes_apart(out)
    return out


def _with_path(message: str, path: Path) -> str:
    """A message that names the file by its path (save errors name it by its file name)."""
    if message.startswith(f"{path}:"):
        return message
    if message.startswith(f"{path.name}:"):
        return f"{path}{message[len(path.name):]}"
    return f"{path}: {message}"


def _tell_namesakes_apart(out: ClassResults) -> None:
    """Two different results with one team name both count, named with their files."""
    groups: dict[str, list[TeamResult]] = {}
    for r in out.results:
        groups.setdefault(_same_name(r.team), []).append(r)
    for same in groups.values():
        if len(same) < 2:
            continue
        files = ", ".join(str(r.path) for r in same)
        out.warnings.append(f"{len(same)} different results call their team '{same[0].team}' "
                            f"({files}); each is compared, told apart by its file name")
        names = [r.path.name for r in same]
        for r in same:
            tag = r.path.name if names.count(r.path.name) == 1 else \
                f"{r.path.parent.name}/{r.path.name}"
            r.team = f"{r.team} ({tag})"
