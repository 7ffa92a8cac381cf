"""The new-game screen: lesson length and difficulty, and teams joining a
class with a session code; the end screen's result file and debrief page."""

from __future__ import annotations

from pathlib import Path

import pygame

from asean_chair.bots import make_bot
from asean_chair.classroom.codes import make_code
from asean_chair.common.userdata import saves_dir
from asean_chair.engine.saves import read_record
from asean_chair.rules import load_packs

from ..conftest import TUTORIAL
from .conftest import MakeApp, click, widget


def finish(app) -> None:  # type: ignore[no-untyped-def]
    """Play the game on to its end (as a bot would) and show the debrief."""
    session = app.session
    bot = make_bot("history", 1)
    while not session.state.is_over:
        session.apply(bot.choose(session.state))
    app.show_game()


def new_game_screen(app) -> None:  # type: ignore[no-untyped-def]
    click(app, widget(app, "new"))
    assert app.top.name == "new_game"


def test_the_lesson_length_and_difficulty_go_to_the_game(ui_app: MakeApp) -> None:
    app = ui_app()
    new_game_screen(app)
    assert widget(app, "preset-none").is_selected
    assert widget(app, "difficulty-none").is_selected
    click(app, widget(app, "preset-short"))
    click(app, widget(app, "difficulty-easy"))
    assert widget(app, "preset-short").is_selected
    click(app, widget(app, "start"))
    assert app.top.name == "briefing"
    game = app.session.state.game  # type: ignore[union-attr]
    assert game.preset == "short" and game.difficulty == "easy"
    assert game.length == 2


def test_full_game_and_normal_are_the_scenario_as_written(ui_app: MakeApp) -> None:
    app = ui_app()
    new_game_screen(app)
    click(app, widget(app, "start"))
    game = app.session.state.game  # type: ignore[union-attr]
    assert game.preset is None and game.difficulty is None


def test_a_bad_class_code_is_explained_on_the_screen(ui_app: MakeApp) -> None:
    app = ui_app()
    new_game_screen(app)
    scene = app.top
    scene.entries["code"].set_text("7K3M-QX2P-9RT4-WV8B")
    scene.entries["team"].set_text("Mekong")
    click(app, widget(app, "start"))
    assert app.top is scene and app.session is None
    assert "code" in scene.message.lower()
    scene.entries["team"].set_text("")
    scene.entries["code"].set_text("hello")
    click(app, widget(app, "start"))
    assert app.top is scene and "team" in scene.message.lower()


def test_a_team_joins_with_the_class_code(ui_app: MakeApp) -> None:
    code = make_code(load_packs([TUTORIAL]), None, "short", 4242, "hard")
    app = ui_app()
    new_game_screen(app)
    scene = app.top
    scene.entries["code"].set_text(code.lower())
    scene.entries["team"].set_text("Team Mekong")
    click(app, widget(app, "start"))
    assert app.top.name == "briefing"
    session = app.session
    assert session is not None and session.team is not None
    assert session.team.name == "Team Mekong"
    game = session.state.game
    assert (game.seed, game.preset, game.difficulty) == (4242, "short", "hard")


def test_play_code_team_opens_the_game_and_saves_the_result_at_the_end(
        ui_app: MakeApp, tmp_path: Path) -> None:
    code = make_code(load_packs([TUTORIAL]), None, "short", 77)
    result = tmp_path / "ours.json"
    app = ui_app(code=code, team="Tonle Sap", result=result)
    assert app.top.name == "briefing"
    assert app.session is not None and app.session.state.game.seed == 77
    finish(app)
    assert app.top.name == "debrief"
    record = read_record(result)
    assert record["extra"]["classroom"] == {"code": code, "team": "Tonle Sap"}
    assert str(result) in app.top.result_note


def test_a_team_result_goes_to_the_saves_folder_by_default(ui_app: MakeApp) -> None:
    code = make_code(load_packs([TUTORIAL]), None, "short", 5)
    app = ui_app(code=code, team="Angkor")
    finish(app)
    assert (saves_dir() / "result-angkor.json").is_file()


def test_a_bad_code_on_the_command_line_gets_a_message_not_a_traceback(
        ui_app: MakeApp) -> None:
    app = ui_app(code="NOT-A-CODE", team="x")
    assert app.top.name == "error"
    assert "code" in app.top.message.lower()


def test_the_end_screen_saves_the_printable_debrief(ui_app: MakeApp) -> None:
    app = ui_app()
    app.new_game(app.pack_folders, None, 9)
    finish(app)
    click(app, widget(app, "html"))
    pages = list(saves_dir().glob("debrief-*.html"))
    assert len(pages) == 1 and "<html" in pages[0].read_text(encoding="utf-8")
    assert str(pages[0]) in app.top.note
    app.render()
    pygame.event.clear()


def test_a_long_lesson_and_difficulty_text_stays_above_the_start_button(
        ui_app: MakeApp) -> None:
    """The chosen lesson length's and difficulty's descriptions (the packs' words,
    any length) sit in the right column and scroll there, never under Start."""
    from pygame_gui.elements import UITextBox

    app = ui_app(pack=Path(__file__).parents[2] / "rules" / "asean2022")
    new_game_screen(app)
    click(app, widget(app, "preset-short"))
    click(app, widget(app, "difficulty-hard"))
    app.render()
    start = widget(app, "start").rect
    boxes = [el for el in app.top.ui.get_sprite_group().sprites() if isinstance(el, UITextBox)
             and "At most 18 cards" in el.html_text]
    assert len(boxes) == 1
    box = boxes[0]
    assert box.rect.bottom <= start.top and box.rect.left >= start.left
    assert box.scroll_bar is not None  # the rest is a scroll away


def test_no_text_lies_under_start_in_khmer_at_1024x600(ui_app: MakeApp) -> None:
    """Where the right column has less than a line left, the description stays out
    (each button's tooltip says it) instead of lying under Start and Back."""
    from pygame_gui.elements import UITextBox

    from asean_chair.ui.settings import Settings

    app = ui_app(pack=Path(__file__).parents[2] / "rules" / "asean2022", size=(1024, 600),
                 settings=Settings(language="km"))
    new_game_screen(app)
    click(app, widget(app, "preset-short"))
    click(app, widget(app, "difficulty-hard"))
    app.render()
    buttons = [widget(app, "start").rect, widget(app, "back").rect]
    boxes = [el.rect for el in app.top.ui.get_sprite_group().sprites()
             if isinstance(el, UITextBox) and el.alive()]
    assert boxes and not [b for b in boxes if b.collidelist(buttons) != -1]


def test_at_huge_text_the_choices_scroll_inside_the_window(ui_app: MakeApp) -> None:
    """Huge text at 1280x720: the scenario, length and difficulty choices are taller
    than the window, so they sit in a box that scrolls and that focus scrolls."""
    from asean_chair.ui.settings import Settings

    app = ui_app(pack=Path(__file__).parents[2] / "rules" / "asean2022",
                 settings=Settings(text_scale=1.4))
    new_game_screen(app)
    stop = next(i for i in app.top.focus.items if i.key == "difficulty-hard")
    box = stop.scroll
    assert box is not None and box.rect.bottom <= 720
    area = box.get_container().rect  # what scrolls, taller than the box
    assert area.height > box.rect.height
    assert stop.activate is not None
    stop.activate()  # as Enter does once focus has scrolled to it
    assert app.top.name == "new_game"
    assert widget(app, "difficulty-hard").is_selected
