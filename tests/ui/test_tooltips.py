"""Tooltips: on a solid background, inside the window, never over the widget the
player is about to use, and never left behind on the next screen."""

from __future__ import annotations

from typing import Any

import pygame

from asean_chair.ui.app import App

from .conftest import MakeApp, hover, press, wait, widget


def tooltip_after_hover(app: App, element: Any) -> Any:
    """Hover a widget long enough for its tooltip; returns the tooltip (or None)."""
    hover(app, element)
    for _ in range(20):
        app.top.ui.update(0.1)
    return getattr(element, "tool_tip", None)


def on_board(ui_app: MakeApp) -> App:
    app = ui_app(seed=7)
    press(app, pygame.K_RETURN)
    assert app.top.name == "board"
    return app


def test_a_tooltip_has_a_solid_background_inside_the_window_beside_its_widget(
        ui_app: MakeApp) -> None:
    app = on_board(ui_app)
    window = app.screen.get_rect()
    for key in ("changes", "legend", "menu"):
        button = widget(app, key)
        tip = tooltip_after_hover(app, button)
        assert tip is not None, key
        rect = pygame.Rect(tip.rect)
        assert window.contains(rect), key
        assert not rect.colliderect(pygame.Rect(button.rect)), key
        app.render()
        inside = app.screen.get_at((rect.x + 8, rect.bottom - 8))[:3]
        background = app.theme.gui_theme(app.metrics)["tool_tip.text_box"]["colours"]["dark_bg"]
        assert inside == tuple(pygame.Color(background))[:3], key


def test_no_tooltip_appears_on_the_next_screen_under_a_pointer_that_did_not_move(
        ui_app: MakeApp) -> None:
    app = on_board(ui_app)
    board = app.top
    option = widget(app, "opt1")
    hover(app, option)
    pos = pygame.Rect(option.rect).center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.pump()
    assert app.session is not None and app.session.outcome is not None
    wait(app)
    # The result's Continue button now lies under the pointer: a stray click or a
    # hover there must show nothing until the pointer moves.
    for _ in range(30):
        board.ui.update(0.1)
    shown = list(board.ui.get_sprite_group().sprites())
    assert not any(getattr(el, "tool_tip", None) for el in shown)
    assert not any(getattr(el, "hovered", False) for el in shown)
