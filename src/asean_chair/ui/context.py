"""What a screen may use of the window: the game, the settings, navigation.

Scenes are given a :class:`SceneContext` (the :class:`~.app.App` is one)
rather than the whole window, so a reader sees at a glance what a screen
can reach, and a test can hand a scene something smaller.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pygame

if TYPE_CHECKING:
    from .scene import Scene
    from .session import Session
    from .settings import Settings
    from .stack import SceneStack
    from .theme import Metrics, Theme


class Navigation(Protocol):
    """Moving between screens (see :class:`~.stack.SceneStack`)."""

    @property
    def stack(self) -> SceneStack: ...

    def push(self, scene: Scene) -> Scene: ...

    def pop(self) -> None: ...

    def replace(self, scene: Scene) -> Scene: ...

    def reset(self, scene: Scene) -> Scene: ...

    def find(self, name: str) -> Scene | None: ...

    def quit(self) -> None: ...


class Games(Protocol):
    """Starting, loading and reloading games; each shows its own error screen."""

    #: The pack folders the window was started with (or last played).
    pack_folders: list[Path]

    def new_game(self, folders: list[Path], scenario: str | None, seed: int | None,
                 exact: bool | None = None, *, preset: str | None = None,
                 difficulty: str | None = None) -> bool: ...

    def join_class(self, code: str, team: str, result: Path | None = None) -> None: ...

    def open_save(self, path: Path, folders: list[Path] | None = None) -> bool: ...

    def continue_game(self) -> bool: ...

    def show_game(self) -> None: ...

    def reload_packs(self) -> None: ...

    def teacher_panel(self) -> bool: ...


class SceneContext(Navigation, Games, Protocol):
    """Everything a scene may use of the window."""

    #: The game being played, if any.
    session: Session | None
    settings: Settings
    #: Whether changed settings are written to the player's data folder.
    persist_settings: bool
    screen: pygame.Surface
    metrics: Metrics
    theme: Theme
    #: Set when something changed: the window draws a frame.
    dirty: bool
    #: Set when widgets were built: freed memory is given back after drawing.
    trim_pending: bool

    @property
    def vote_mode(self) -> bool: ...

    @property
    def language(self) -> str: ...

    def apply_settings(self, reopen: bool = False) -> None: ...

    def settle(self) -> None: ...

    def now(self) -> float: ...

    def render(self) -> None: ...
