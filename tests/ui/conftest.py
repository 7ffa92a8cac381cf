"""The window under SDL's dummy video driver: no display needed.

``ui_app`` makes an :class:`~asean_chair.ui.app.App` on the tutorial pack;
``click``, ``press`` and ``hover`` post real pygame events and let the app
handle them, as a player's mouse and keyboard would. Each of them lets a
second pass first (the window sets input aside for a moment after every
decision, as a player's hand would never notice); ``rush`` and ``hold``
send input with no time passing, as key spam and a held key do.
"""

from __future__ import annotations

import gc
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from asean_chair.ui.app import App
from asean_chair.ui.options import WindowOptions
from asean_chair.ui.settings import Settings

from ..conftest import TUTORIAL


@pytest.fixture(scope="module", autouse=True)
def _test_process_frozen() -> None:
    """Freeze what the test process holds before a module's windows open (its
    modules, fixtures and cached packs), as the game freezes its rules after
    loading: a window's collections after each screen then look at the window's
    own objects, not at the whole test process."""
    gc.collect()
    gc.freeze()

MakeApp = Callable[..., App]


@pytest.fixture
def ui_app() -> Iterator[MakeApp]:
    """A factory of started apps; every app made is closed after the test."""
    made: list[App] = []

    def make(pack: Path | str = TUTORIAL, size: tuple[int, int] = (1280, 720),
             settings: Settings | None = None, **extra: Any) -> App:
        options = WindowOptions(packs=(Path(pack),), **extra)
        app = App(options, size=size, settings=settings or Settings(), persist_settings=False)
        app.loop.idle_timeout_ms = 20
        clock = Clock()
        app.loop.now = clock
        app.start()
        app.render()
        made.append(app)
        return app

    yield make
    for app in made:
        app.close()


class Clock:
    """The time the window's input settling reads: it moves only when a test says so."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def wait(app: App, seconds: float = 1.0) -> None:
    """Let time pass (the player reads the screen, which is shown first)."""
    if app.dirty:
        app.render()
    clock = app.loop.now
    if isinstance(clock, Clock):
        clock.t += seconds


def hover(app: App, element: Any) -> None:
    """Move the pointer over a widget (and let a moment pass)."""
    wait(app)
    pos = pygame.Rect(element.rect).center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1),
                                         buttons=(0, 0, 0)))
    app.pump()


def click(app: App, element: Any, button: int = 1) -> None:
    """Click the middle of a widget with the mouse."""
    wait(app)
    pos = pygame.Rect(element.rect).center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    app.pump()


def press(app: App, key: int, mod: int = 0, text: str = "") -> None:
    """Press and release a key."""
    wait(app)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text,
                                         scancode=0))
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text,
                                         scancode=0))
    app.pump()


def rush(app: App, keys: list[int]) -> None:
    """Press and release keys as fast as a hand on a keyboard can: no time passes."""
    for key in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                             scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="",
                                             scancode=0))
    app.pump(200)


def hold(app: App, key: int, repeats: int = 40, seconds: float = 1.5) -> None:
    """Hold a key down: one press, then the repeats a keyboard sends, then the release."""
    wait(app)
    step = seconds / (repeats + 1)
    for _ in range(repeats + 1):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                             scancode=0))
        app.pump()
        wait(app, step)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    app.pump()


def widget(app: App, key: str) -> Any:
    """The top scene's widget in the focus ring under ``key``."""
    for item in app.top.focus.items:
        if item.key == key:
            return item.element
    keys = [i.key for i in app.top.focus.items]
    raise AssertionError(f"no widget '{key}' on {app.top.name}; there are {keys}")
