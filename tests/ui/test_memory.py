"""What the window keeps in memory: nothing of a screen, a theme or a text size it left.

These tests look at the mechanisms (what stays alive, what is drawn), never
at megabytes: ``tools/bench_ui.py`` measures the peak memory of a session.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pygame
from pygame_gui.core.drawable_shapes.rect_drawable_shape import RectDrawableShape
from pygame_gui.core.utility import get_default_manager

from asean_chair.ui import i18n
from asean_chair.ui.app import App
from asean_chair.ui.loop import DIM_STRIP
from asean_chair.ui.scenes.legend import LegendScene
from asean_chair.ui.scenes.menu import MenuScene
from asean_chair.ui.scenes.settings import SettingsScene
from asean_chair.ui.settings import TEXT_SIZES

from .conftest import MakeApp, hover


def board_app(ui_app: MakeApp) -> App:
    app = ui_app()
    app.new_game(app.pack_folders, None, 1)
    app.show_game()
    app.render()
    return app


def theme_of(app: App) -> Any:
    return app.stack.manager(0).get_theme()


def buttons(app: App) -> list[Any]:
    """The top scene's widgets that draw looks for their states (buttons and the like)."""
    return [item.element for item in app.top.focus.items
            if getattr(getattr(item.element, "drawable_shape", None), "states", None)]


def test_no_theme_of_a_left_text_size_or_language_stays_alive(ui_app: MakeApp) -> None:
    app = board_app(ui_app)
    # A screen over the board: the board sleeps (it is rebuilt when it shows again).
    app.push(MenuScene(app))
    app.push(SettingsScene(app))
    app.render()
    board = app.find("board")
    assert board is not None and board.dormant
    themes = [weakref.ref(theme_of(app))]
    try:
        for language in ("km", "en"):
            app.settings.language = language
            app.apply_settings()
            app.render()
            themes.append(weakref.ref(theme_of(app)))
        for _, scale in TEXT_SIZES:
            app.settings.text_scale = scale
            app.apply_settings()
            app.render()
            themes.append(weakref.ref(theme_of(app)))
    finally:
        i18n.set_language("en")
    gc.collect()
    alive = [ref() for ref in themes if ref() is not None]
    # Only the theme in use: the old ones (their fonts, shape caches and the widgets
    # built with them) are gone, whatever held a widget of theirs.
    assert alive == [theme_of(app)]
    # pygame_gui's default manager is the window's own, not the first ever made.
    assert get_default_manager() is app.stack.manager(0)


def test_a_sleeping_scene_holds_no_widget_and_finds_its_focus_again(ui_app: MakeApp) -> None:
    app = board_app(ui_app)
    board = app.top
    key = [item.key for item in board.focus.items if board.focus.usable(item)][-1]
    assert board.focus.focus_key(key)
    old = [weakref.ref(el) for part in board._parts.values() for el in part]
    assert old and board.scroll is not None
    app.push(MenuScene(app))
    app.push(SettingsScene(app))
    app.render()
    assert board.dormant
    assert board._parts == {} and board.focus.items == [] and board.scroll is None
    gc.collect()
    assert all(ref() is None for ref in old), "a sleeping scene kept widgets alive"
    app.pop()
    app.pop()
    app.render()
    assert not board.dormant and board.focus.key == key


def test_a_widget_draws_only_the_looks_it_shows(ui_app: MakeApp) -> None:
    app = board_app(ui_app)
    for _ in range(10):  # pygame_gui used to draw the other looks over the next frames
        app.top.ui.update(1 / 30)
    app.render()
    shown = buttons(app)
    assert shown
    for el in shown:
        shape = el.drawable_shape
        drawn = {name for name, state in shape.states.items() if state.generated}
        assert drawn <= {"normal", shape.active_state.state_id}, drawn
    # The pointer over a button draws its hovered look then.
    target = next(el for el in shown if "hovered" in el.drawable_shape.states
                  and el.is_enabled and el.visible)
    hover(app, target)
    app.top.ui.update(1 / 30)
    shape = target.drawable_shape
    assert shape.active_state.state_id == "hovered" and shape.states["hovered"].generated
    assert shape.states["hovered"].surface.get_size() == shape.states["normal"].surface.get_size()
    # New text makes every look out of date: the ones not shown are drawn again when shown.
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(-500, -500), rel=(1, 1),
                                         buttons=(0, 0, 0)))
    app.pump()
    app.top.ui.update(1 / 30)
    assert shape.active_state.state_id == "normal"
    target.set_text("x")
    assert not shape.states["hovered"].generated
    assert shape.states["hovered"].surface.get_size() == (0, 0)


def test_blank_rectangles_keep_no_surface_to_copy_from(ui_app: MakeApp) -> None:
    app = board_app(ui_app)
    shapes = [el.drawable_shape for el in app.top.ui.get_sprite_group().sprites()
              if isinstance(getattr(el, "drawable_shape", None), RectDrawableShape)]
    assert shapes
    for shape in shapes:
        if shape.shadow_width == 0:
            assert shape.base_surface is None


def test_the_dimming_under_an_overlay_is_a_strip(ui_app: MakeApp) -> None:
    app = board_app(ui_app)
    app.push(LegendScene(app))
    app.render()
    dim = app.loop._dim
    assert dim is not None and dim.get_size() == (app.screen.get_width(), DIM_STRIP)
