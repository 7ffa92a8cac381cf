"""How the window was asked to start: what ``asean-chair play`` was given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WindowOptions:
    """The window's start-up choices; every one may be left out.

    With a save, a class code, or any of scenario, seed, preset and
    difficulty, the window starts that game at once; otherwise it shows
    the title screen.
    """

    #: Rule pack folders (default: the bundled game).
    packs: tuple[Path, ...] = ()
    scenario: str | None = None
    preset: str | None = None
    difficulty: str | None = None
    seed: int | None = None
    #: A save to continue.
    load: Path | None = None
    #: The language of the window and the packs' texts (``km``).
    language: str | None = None
    #: A classroom session code, the team's name and where its result goes.
    code: str | None = None
    team: str | None = None
    result: Path | None = None
    #: A class votes on each card (``--classroom vote``).
    vote: bool = False
