"""Playing the window with a mouse, and with a keyboard alone."""

from __future__ import annotations

import copy
from pathlib import Path

import pygame

from asean_chair.ui.scenes.board import BoardScene

from ..conftest import MINI, write_pack
from .conftest import MakeApp, click, press, widget


def visible(app, element) -> bool:  # type: ignore[no-untyped-def]
    """Whether a widget can be clicked: inside the window and its scrolling view."""
    rect = pygame.Rect(element.rect)
    if not app.screen.get_rect().contains(rect):
        return False
    for item in app.top.focus.items:
        if item.element is element and item.scroll is not None:
            return pygame.Rect(item.scroll.rect).contains(rect)
    return True


def test_a_whole_game_with_the_mouse_reaches_the_debrief(ui_app: MakeApp) -> None:
    app = ui_app()
    assert app.top.name == "title"
    click(app, widget(app, "new"))
    assert app.top.name == "new_game"
    click(app, widget(app, "start"))
    assert app.top.name == "briefing"
    click(app, widget(app, "go"))
    assert app.top.name == "board"
    for _ in range(200):
        top = app.top
        if top.name == "debrief":
            break
        if top.name == "summary":
            click(app, widget(app, "continue"))
            continue
        assert isinstance(top, BoardScene)
        state = app.session.state
        if app.session.outcome is not None:
            # The result panel stays until the player has read it.
            click(app, widget(app, "continue"))
            assert app.session.outcome is None
            continue
        if state.pending.kind == "event":
            options = [i.element for i in top.focus.items if i.key.startswith("opt")
                       and i.element.is_enabled and visible(app, i.element)]
            assert options, "no option can be clicked"
            before = len(state.history)
            click(app, options[0])
            assert len(app.session.state.history) == before + 1
        else:
            click(app, widget(app, "end"))
    assert app.top.name == "debrief"
    assert app.session.state.is_over
    assert app.session.state.result is not None


def test_keyboard_alone_plays_a_game_with_number_keys_enter_and_tab(ui_app: MakeApp) -> None:
    app = ui_app()
    press(app, pygame.K_RETURN)          # New game (focused by default)
    assert app.top.name == "new_game"
    press(app, pygame.K_RETURN)          # Start the year
    press(app, pygame.K_RETURN)          # Begin (briefing)
    assert app.top.name == "board"
    press(app, pygame.K_TAB)
    assert app.keyboard_mode and app.top.focus.current is not None
    first = app.top.focus.key
    press(app, pygame.K_TAB)
    assert app.top.focus.key != first
    press(app, pygame.K_TAB, pygame.KMOD_SHIFT)
    assert app.top.focus.key == first
    for _ in range(200):
        if app.top.name == "debrief":
            break
        if app.top.name == "summary":
            press(app, pygame.K_RETURN)
            continue
        state = app.session.state
        if app.session.outcome is not None:
            press(app, pygame.K_RETURN)      # Continue: the result has been read
            continue
        if state.pending.kind == "event":
            n = next(i for i, c in enumerate(state.choices(), 1) if c.legal)
            press(app, getattr(pygame, f"K_{n}"), text=str(n))
        else:
            press(app, pygame.K_0, text="0")
    assert app.top.name == "debrief"


def test_the_focus_outline_is_drawn_where_the_focus_is(ui_app: MakeApp) -> None:
    app = ui_app()
    press(app, pygame.K_TAB)
    item = app.top.focus.current
    assert item is not None
    app.render()
    edge = pygame.Rect(item.element.rect).inflate(6, 6).topleft
    color = app.screen.get_at((edge[0] + 8, edge[1]))
    assert color[:3] == tuple(app.theme.color("focus"))[:3]


def test_an_unavailable_option_says_why_and_changes_nothing(ui_app: MakeApp,
                                                          tmp_path: Path) -> None:
    mini = copy.deepcopy(MINI)
    mini["cards.yaml"]["cards"][0]["options"][0]["cost"] = 5  # more than the 3 at the start
    app = ui_app(pack=write_pack(tmp_path / "mini", mini))
    app.new_game(app.pack_folders, None, 1)
    app.show_game()
    state_before = app.session.state.snapshot()
    assert not app.top.choices[0].legal
    press(app, pygame.K_1, text="1")
    assert app.session.state.snapshot() == state_before
    assert "unavailable" in app.session.status


def test_undo_takes_back_the_last_decision(ui_app: MakeApp) -> None:
    app = ui_app()
    app.new_game(app.pack_folders, None, 3)
    app.show_game()
    press(app, pygame.K_1, text="1")
    assert len(app.session.state.history) == 1
    press(app, pygame.K_u, text="u")
    assert app.session.state.history == []
    assert app.session.status.startswith("Undone")


def test_esc_opens_the_menu_and_esc_closes_it(ui_app: MakeApp) -> None:
    app = ui_app()
    app.new_game(app.pack_folders, None, 3)
    app.show_game()
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "menu"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"


def test_drawing_never_changes_the_game(ui_app: MakeApp) -> None:
    app = ui_app()
    app.new_game(app.pack_folders, None, 5)
    app.show_game()
    snap = app.session.state.snapshot()
    for _ in range(3):
        app.render()
    assert app.session.state.snapshot() == snap
