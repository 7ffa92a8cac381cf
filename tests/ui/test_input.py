"""Input that cannot run away: one decision per press or click, never more.

A player who holds Enter, hits keys in a hurry or double-clicks an option
makes one decision; what arrives while the next screen is being built is
not applied to it.
"""

from __future__ import annotations

import pygame

from asean_chair.ui.app import App
from asean_chair.ui.loop import SETTLE_SECONDS

from .conftest import MakeApp, hold, press, rush, wait, widget


def on_board(ui_app: MakeApp) -> App:
    """A new game on the board, the player having read the first card."""
    app = ui_app(seed=7)
    press(app, pygame.K_RETURN)          # Begin the year (briefing)
    assert app.top.name == "board"
    wait(app, 2.0)
    return app


def decisions(app: App) -> int:
    assert app.session is not None
    return len(app.session.state.history)


def double_click(app: App, element: object) -> None:
    """Two clicks on the same spot with no time between them."""
    pos = pygame.Rect(element.rect).center  # type: ignore[attr-defined]
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1),
                                         buttons=(0, 0, 0)))
    for _ in range(2):
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.pump(200)


def test_holding_a_number_key_makes_one_decision(ui_app: MakeApp) -> None:
    app = on_board(ui_app)
    hold(app, pygame.K_1, repeats=40, seconds=1.5)
    assert decisions(app) == 1


def test_holding_enter_makes_one_decision(ui_app: MakeApp) -> None:
    app = on_board(ui_app)
    press(app, pygame.K_TAB)             # focus on something that decides
    before = decisions(app)
    hold(app, pygame.K_RETURN, repeats=40, seconds=1.5)
    assert decisions(app) - before <= 1


def test_key_spam_makes_at_most_one_decision(ui_app: MakeApp) -> None:
    app = on_board(ui_app)
    keys = [pygame.K_1, pygame.K_2, pygame.K_RETURN, pygame.K_SPACE, pygame.K_0, pygame.K_3] * 20
    rush(app, keys)
    assert decisions(app) == 1
    assert app.loop.ignored > 0


def test_a_double_click_on_an_option_makes_one_decision(ui_app: MakeApp) -> None:
    app = on_board(ui_app)
    double_click(app, widget(app, "opt1"))
    assert decisions(app) == 1


def test_input_while_the_next_screen_settles_is_set_aside_then_keys_work_again(
        ui_app: MakeApp) -> None:
    app = on_board(ui_app)
    rush(app, [pygame.K_1])
    assert decisions(app) == 1
    rush(app, [pygame.K_RETURN, pygame.K_1])   # still settling: set aside
    assert decisions(app) == 1
    wait(app, SETTLE_SECONDS + 0.1)
    # Tab still moves the focus while input settles; after it, keys act again.
    assert app.loop.settling() is False


def test_tab_and_scrolling_keys_repeat_while_held(ui_app: MakeApp) -> None:
    app = on_board(ui_app)
    first = app.top.focus.key
    hold(app, pygame.K_TAB, repeats=3, seconds=0.4)
    assert app.top.focus.key != first
    assert decisions(app) == 0
