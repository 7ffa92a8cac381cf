"""Consequences a player can see, and a board a keyboard reaches: the result panel,
the values lit up, the meters an option will move, the legend, the focus ring,
scrolling by keys and wheel, numbers that stay put, ending a turn on purpose."""

from __future__ import annotations

import pygame

from asean_chair.ui.app import App
from asean_chair.ui.scenes.board import BoardScene
from asean_chair.ui.scenes.board.result import result_html
from asean_chair.ui.scenes.board.scene import FLASH_SECONDS, SEEN_SECONDS

from ..conftest import ROOT
from .conftest import MakeApp, hover, press, wait, widget

ASEAN = ROOT / "rules" / "asean2022"


def board_of(app: App) -> BoardScene:
    board = app.find("board")
    assert isinstance(board, BoardScene)
    return board


def game(ui_app: MakeApp, seed: int = 7, **extra: object) -> tuple[App, BoardScene]:
    app = ui_app(pack=ASEAN, **extra)
    assert app.new_game(app.pack_folders, None, seed)
    app.show_game()
    app.render()
    return app, board_of(app)


def test_a_choice_shows_its_result_until_dismissed(ui_app: MakeApp) -> None:
    app, board = game(ui_app)
    card = app.session.state.current_card  # type: ignore[union-attr]
    assert card is not None
    press(app, pygame.K_1)
    outcome = app.session.outcome  # type: ignore[union-attr]
    assert outcome is not None
    text = result_html(board, outcome)
    assert "You chose:" in text and "What changed" in text
    assert "Knock-on effects" in text and "rivalry" in text       # China up cools its rivals
    assert board.header[0] == card.title and "Really happened" in board.header[1]
    assert app.top.focus.key == "continue"
    wait(app, 10)
    app.render()
    assert app.session.outcome is not None                        # it stays until dismissed
    press(app, pygame.K_2)                                        # keys never reach the next card
    assert len(app.session.state.history) == 1
    press(app, pygame.K_RETURN)
    assert app.session.outcome is None and board.header[0] != card.title


def test_the_values_a_choice_moved_light_up_with_their_change(ui_app: MakeApp) -> None:
    app, board = game(ui_app)
    before = {k: app.session.state.value(k) for k in board.rows}  # type: ignore[union-attr]
    row = board.rows["economy"]
    plain = app.screen.get_at((row.x + 2, row.centery))
    press(app, pygame.K_1)
    after = {k: app.session.state.value(k) for k in board.rows}  # type: ignore[union-attr]
    moved = {k: after[k] - before[k] for k in board.rows if after[k] != before[k]}
    assert dict(board.flash) == moved and board.animating()
    app.render()
    assert app.screen.get_at((row.x + 2, row.centery)) != plain   # the row glows
    board.flash_since -= FLASH_SECONDS + 0.1
    assert not board.animating()


def test_an_option_under_the_pointer_marks_the_meters_it_moves(ui_app: MakeApp) -> None:
    app, board = game(ui_app)
    hover(app, widget(app, "opt1"))
    app.pump()
    marks = {t.target: t for t in board.touching}
    assert board.touch_key == "opt1"
    assert "rel.china" in marks and not marks["rel.china"].knock_on
    assert any(t.knock_on for t in marks.values())                # a rival cools: knock-on
    press(app, pygame.K_TAB)                                      # focus works the same way
    press(app, pygame.K_TAB)
    assert board.touching


def test_the_legend_explains_danger_zones_relation_bars_and_the_question_mark(
        ui_app: MakeApp) -> None:
    app, _ = game(ui_app)
    press(app, pygame.K_l)
    assert app.top.name == "legend"
    shown = " ".join(str(getattr(el, "html_text", "")) for el in
                     app.top.ui.get_sprite_group().sprites())
    assert "danger zone" in shown and "centred at 0" in shown and "? after a name" in shown
    assert "Really happened" in shown and "Made up" in shown
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"


def test_the_focus_ring_shows_from_launch(ui_app: MakeApp) -> None:
    app = ui_app()
    item = app.top.focus.current
    assert item is not None and not app.keyboard_mode
    app.render()
    edge = pygame.Rect(item.element.rect).inflate(6, 6).topleft
    assert app.screen.get_at((edge[0] + 8, edge[1]))[:3] == tuple(app.theme.color("focus"))[:3]


def test_page_keys_scroll_the_card_and_focus_shows_a_whole_option(ui_app: MakeApp) -> None:
    app, board = game(ui_app, size=(1024, 600))
    assert app.top.focus.key == "card"
    bar = board.scroll.vert_scroll_bar  # type: ignore[union-attr]
    assert bar is not None
    press(app, pygame.K_PAGEDOWN)
    app.top.ui.update(0.1)
    assert bar.start_percentage > 0
    last = max(k for k in board.models if k.startswith("opt"))
    while app.top.focus.key != last:
        press(app, pygame.K_DOWN)
    app.top.ui.update(0.1)
    item = app.top.focus.current
    assert item is not None and item.extent is not None
    view = pygame.Rect(board.scroll.rect)  # type: ignore[union-attr]
    assert view.contains(pygame.Rect(item.element.rect))
    assert pygame.Rect(item.extent.rect).bottom <= view.bottom    # its hints too


def test_the_actions_keep_their_numbers_after_one_is_taken(ui_app: MakeApp) -> None:
    app, board = game(ui_app)
    session = app.session
    assert session is not None
    while session.state.pending.kind == "event":
        if session.outcome is not None:
            press(app, pygame.K_RETURN)
        else:
            press(app, pygame.K_1)
    if session.outcome is not None:
        press(app, pygame.K_RETURN)
    before = [c.action.action for c in board.choices]
    legal = next(i for i, c in enumerate(board.choices, 1) if c.legal)
    press(app, getattr(pygame, f"K_{legal}"))
    press(app, pygame.K_RETURN)
    assert [c.action.action for c in board.choices] == before


def test_ending_the_turn_with_currency_left_asks_once_unless_the_actions_were_seen(
        ui_app: MakeApp) -> None:
    app, board = game(ui_app)
    session = app.session
    assert session is not None
    while session.state.pending.kind == "event" or session.outcome is not None:
        press(app, pygame.K_RETURN if session.outcome is not None else pygame.K_1)
    turn = session.state.turn
    board.end_month()                       # at once: the actions were barely on screen
    assert session.state.turn == turn and board.end_armed
    assert "still have" in widget(app, "end").text or board.end_armed
    board.end_month()                       # asked once: the second press ends it
    assert session.state.turn == turn + 1 or session.state.is_over


def test_no_question_once_the_actions_have_been_seen(ui_app: MakeApp) -> None:
    app, board = game(ui_app)
    session = app.session
    assert session is not None
    while session.state.pending.kind == "event" or session.outcome is not None:
        press(app, pygame.K_RETURN if session.outcome is not None else pygame.K_1)
    turn = session.state.turn
    wait(app, SEEN_SECONDS + 0.5)
    board.end_month()
    assert session.state.turn == turn + 1 or session.state.is_over


def test_the_wheel_scrolls_over_an_unavailable_option(ui_app: MakeApp) -> None:
    app = ui_app(pack=ASEAN, size=(1024, 600))
    assert app.new_game(app.pack_folders, None, 0)
    session = app.session
    assert session is not None
    from asean_chair.bots import make_bot

    bot = make_bot("greedy", 0)
    st = session.state
    while not (st.pending.kind == "event" and any(not c.legal for c in st.choices())):
        session.apply(bot.choose(st))
    app.show_game()
    app.render()
    board = board_of(app)
    i = next(i for i, c in enumerate(board.choices, 1) if not c.legal)
    button = widget(app, f"opt{i}")
    bar = board.scroll.vert_scroll_bar  # type: ignore[union-attr]
    assert bar is not None and not button.is_enabled
    from asean_chair.ui.scrolling import scroll_into_view

    scroll_into_view(board.scroll, button)  # type: ignore[arg-type]
    for _ in range(5):
        app.top.ui.update(0.05)
    view = pygame.Rect(board.scroll.rect)  # type: ignore[union-attr]
    rect = pygame.Rect(button.rect).clip(view)
    assert rect.height > 0                  # the pointer goes on the unavailable option
    start = bar.start_percentage
    step = 1 if start > 0 else -1           # up if there is room above, else down
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(1, 1),
                                         buttons=(0, 0, 0)))
    app.pump()
    for _ in range(3):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=step, flipped=False,
                                             precise_x=0.0, precise_y=float(step)))
        app.pump()
    for _ in range(10):
        app.top.ui.update(0.05)
    assert bar.start_percentage != start
