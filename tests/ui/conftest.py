"""The window under SDL's dummy video driver: no display needed.

``ui_app`` makes an :class:`~asean_chair.ui.app.App` on the tutorial pack;
``click``, ``press`` and ``type_keys`` post real pygame events and let the
app handle them, as a player's mouse and keyboard would.
"""

from __future__ import annotations

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
        app.start()
        app.render()
        made.append(app)
        return app

    yield make
    for app in made:
        app.close()


def click(app: App, element: Any, button: int = 1) -> None:
    """Click the middle of a widget with the mouse."""
    pos = pygame.Rect(element.rect).center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    app.pump()


def press(app: App, key: int, mod: int = 0, text: str = "") -> None:
    """Press and release a key."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text,
                                         scancode=0))
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text,
                                         scancode=0))
    app.pump()


def widget(app: App, key: str) -> Any:
    """The top scene's widget in the focus ring under ``key``."""
    for item in app.top.focus.items:
        if item.key == key:
            return item.element
    keys = [i.key for i in app.top.focus.items]
    raise AssertionError(f"no widget '{key}' on {app.top.name}; there are {keys}")
