"""The window speaks each pack's own words: a hospital's winter of weeks, with
favours to spend and stakeholders, shows no word of the 2022 game's frame
(month, capital, country, relations, 2022...), never its hidden track, and no
"what really happened" (it has no history). Also: its 16-week calendar, a
preset that plays weeks 5 to 12, and 1 to 12 relations laid out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from asean_chair.bots import make_bot
from asean_chair.ui import draw
from asean_chair.ui.app import App
from asean_chair.ui.scenes.board import BoardScene
from asean_chair.ui.scenes.debrief import DebriefScene
from asean_chair.ui.settings import Settings

from .conftest import MakeApp, click, hover, press, widget

FLU = Path(__file__).parent / "packs" / "flu_winter"
#: Frame words of the 2022 game that a hospital's winter never declared.
FOREIGN = re.compile(r"\b(months?|monthly|capital|country|relations|diplomacy|2022|asean|"
                     r"cambodia|political|year)\b", re.IGNORECASE)
HISTORY = re.compile(r"really happened|made up for this game|in reality", re.IGNORECASE)


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string the window draws itself (meters, calendar, headings)."""
    drawn: list[str] = []
    real = draw.text

    fit = draw.fit

    def text(surface: pygame.Surface, font: pygame.font.Font, s: str, *args: Any,
             **kwargs: Any) -> pygame.Rect:
        width = kwargs.get("width", args[2] if len(args) > 2 else None)
        drawn.append(fit(font, s, width) if width is not None else s)   # as it shows
        return real(surface, font, s, *args, **kwargs)

    monkeypatch.setattr(draw, "text", text)
    return drawn


def widget_texts(app: App) -> Iterator[str]:
    """The text of every widget on screen, tooltips included (not the list of the
    other packs' scenarios on the New game screen: their names are their own)."""
    others = {id(i.element) for i in app.top.focus.items if i.key.startswith("scenario")
              and not getattr(i.element, "is_selected", False)}
    for scene in app.stack.visible():
        for el in scene.ui.get_sprite_group().sprites():
            if id(el) in others:
                continue
            for name in ("text", "html_text", "tool_tip_text"):
                value = getattr(el, name, None)
                if isinstance(value, str) and value:
                    yield value


def sweep(app: App, drawn: list[str], where: str) -> None:
    app.render()
    texts = [*widget_texts(app), *drawn]
    drawn.clear()
    for text in texts:
        assert not FOREIGN.search(text), f"{where}: {text!r}"
        assert "Fatigue" not in text, f"{where}: the hidden track shows: {text!r}"
        assert not HISTORY.search(text), f"{where}: {text!r}"


@pytest.mark.slow
def test_a_week_calendar_pack_never_shows_the_2022_frame(ui_app: MakeApp,
                                                         seen: list[str]) -> None:
    app = ui_app(pack=FLU)
    sweep(app, seen, "title")
    click(app, widget(app, "new"))
    flu = next(i.key for i in app.top.focus.items if i.key.startswith("scenario")
               and i.element.text == "A flu winter")
    click(app, widget(app, flu))
    sweep(app, seen, "new game")
    click(app, widget(app, "start"))
    sweep(app, seen, "briefing")
    click(app, widget(app, "go"))
    board = app.top
    assert isinstance(board, BoardScene)
    sweep(app, seen, "board")
    hover(app, widget(app, "opt1"))
    sweep(app, seen, "board, an option hovered")
    press(app, pygame.K_1)
    assert app.session is not None and app.session.outcome is not None
    sweep(app, seen, "result")
    press(app, pygame.K_l)
    sweep(app, seen, "legend")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_RETURN)
    bot = make_bot("random", 4)
    session = app.session
    for _ in range(400):
        if session.state.is_over:
            break
        if app.top.name == "summary":
            sweep(app, seen, "summary")
            press(app, pygame.K_RETURN)
            continue
        if session.outcome is not None:
            press(app, pygame.K_RETURN)
            continue
        if session.state.pending.kind == "diplomacy":
            sweep(app, seen, "actions")
            press(app, pygame.K_0)
            press(app, pygame.K_0)
            continue
        session.apply(bot.choose(session.state))
        board.refresh()
    assert session.state.is_over
    if app.top.name == "summary":
        press(app, pygame.K_RETURN)
    debrief = app.top
    assert isinstance(debrief, DebriefScene)
    for _ in debrief.pages:
        sweep(app, seen, f"debrief page {debrief.page + 1}")
        press(app, pygame.K_PAGEDOWN)


def test_the_week_calendar_and_a_preset_that_plays_weeks_5_to_12(ui_app: MakeApp,
                                                                  seen: list[str]) -> None:
    app = ui_app(pack=FLU)
    assert app.new_game(app.pack_folders, None, 3, preset="middle")
    app.show_game()
    app.render()
    assert "Week 5" in seen and "week 1 of 8" in seen
    cells = [s for s in seen if re.fullmatch(r"W\d+", s)]
    assert cells[:1] == ["W1"] and "W16" in cells          # the whole calendar is drawn
    session = app.session
    assert session is not None and session.first_turn == 5 and session.last_turn == 12


def test_a_modders_mode_shows_the_hidden_track(ui_app: MakeApp, seen: list[str]) -> None:
    app = ui_app(pack=FLU, settings=Settings(modder=True))
    assert app.new_game(app.pack_folders, None, 3)
    app.show_game()
    app.render()
    assert "Fatigue" in seen


@pytest.mark.parametrize("tracks,actors", [(2, 1), (12, 12), (6, 12), (12, 1)])
@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_the_board_lays_out_2_to_12_tracks_and_1_to_12_relations(
        ui_app: MakeApp, tmp_path: Path, seen: list[str], tracks: int, actors: int,
        size: tuple[int, int]) -> None:
    pack = shaped_pack(tmp_path, tracks, actors)
    app = ui_app(pack=pack, size=size)
    assert app.new_game(app.pack_folders, None, 1)
    app.show_game()
    board = app.top
    assert isinstance(board, BoardScene)
    app.render()
    left = board.rects["left"]
    assert len(board.rows) == tracks + actors
    for key, rect in board.rows.items():
        assert left.contains(rect), key                     # every row inside its panel
    for i in range(actors):
        name = f"Stakeholder number {i}"
        assert name in seen or f"S{i}" in seen             # a name, or its short name
    assert not any(s.endswith("\u2026") and s.startswith("Stakeholder") for s in seen)


def shaped_pack(tmp_path: Path, tracks: int, actors: int) -> Path:
    """A copy of the winter with ``tracks`` visible tracks and ``actors`` stakeholders."""
    import shutil

    pack = tmp_path / f"shape_{tracks}_{actors}"
    shutil.copytree(FLU, pack)
    budget = "" if tracks >= 3 else "    visible: false\n"
    world = ("tracks:\n"
             "  - id: beds\n    name: Free beds\n    start: 50\n    danger: {below: 15}\n"
             "  - id: staff\n    name: Staff morale\n    start: 60\n"
             "  - id: budget\n    name: Budget\n    start: 55\n" + budget +
             "  - id: fatigue\n    name: Fatigue\n    start: 0\n    visible: false\n")
    world += "".join(f"  - id: t{i}\n    name: Track number {i}\n    start: 40\n"
                     for i in range(tracks - 3))
    world += "actors:\n" + "".join(
        f"  - id: s{i}\n    name: Stakeholder number {i}\n    short: S{i}\n"
        f"    relation: {{start: {i}}}\n" for i in range(actors))
    (pack / "world.yaml").write_text(world, encoding="utf-8")
    olds = ("board", "union", "council", "press", "families")

    def moves(found: re.Match[str]) -> str:
        kept = []
        for part in found.group(1).split(", "):
            name, _, amount = part.partition(": ")
            if name.startswith("rel."):
                i = olds.index(name[4:])
                if i >= actors:
                    continue
                name = f"rel.s{i}"
            kept.append(f"{name}: {amount}")
        return "{add: {" + (", ".join(kept) or "beds: 1") + "}}"

    for name in ("cards.yaml", "actions.yaml", "scenario.yaml"):
        body = re.sub(r"\{add: \{([^}]*)\}\}", moves,
                      (pack / name).read_text(encoding="utf-8"))
        for i, old in enumerate(olds):
            body = body.replace(f"rel.{old}", f"rel.s{min(i, actors - 1)}")
        (pack / name).write_text(body, encoding="utf-8")
    return pack
