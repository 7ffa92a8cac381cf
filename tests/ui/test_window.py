"""Resizing, autosave and continue, the error screen, F5, settings, idling."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from asean_chair.common.userdata import autosave_path
from asean_chair.ui.settings import load_settings

from ..conftest import ROOT, TUTORIAL
from .conftest import MakeApp, click, press, widget


def inside(app, rect) -> bool:  # type: ignore[no-untyped-def]
    return app.screen.get_rect().contains(pygame.Rect(rect))


def test_resizing_lays_everything_out_again_inside_the_window(ui_app: MakeApp) -> None:
    app = ui_app()
    app.new_game(app.pack_folders, None, 2)
    app.show_game()
    body = app.metrics.body
    for size in ((1024, 600), (1920, 1080), (1280, 720)):
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        app.pump()
        assert app.screen.get_size() == size
        assert app.top.name == "board"
        for item in app.top.focus.items:
            if item.scroll is None:
                assert inside(app, item.element.rect), (size, item.key)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080))
    app.pump()
    assert app.metrics.body > body   # type grows with the window, laid out again


def test_the_window_never_goes_below_1024_by_600(ui_app: MakeApp) -> None:
    app = ui_app()
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(640, 400), w=640, h=400))
    app.pump()
    assert app.screen.get_size() == (1024, 600)


def test_body_text_is_at_least_20_pixels_at_1280_by_720(ui_app: MakeApp) -> None:
    app = ui_app()
    assert app.metrics.body >= 20


def test_continue_resumes_exactly_where_the_player_was(ui_app: MakeApp) -> None:
    app = ui_app()
    app.new_game(app.pack_folders, None, 11)
    app.show_game()
    press(app, pygame.K_1, text="1")
    press(app, pygame.K_2, text="2")
    history = list(app.session.state.history)
    snapshot = app.session.state.snapshot()
    assert autosave_path().is_file()
    app.close()

    again = ui_app()
    assert again.top.name == "title"
    click(again, widget(again, "continue"))
    assert again.top.name == "board"
    assert again.session.state.history == history
    assert again.session.state.snapshot() == snapshot


def test_autosave_is_written_every_month(ui_app: MakeApp) -> None:
    app = ui_app()
    app.new_game(app.pack_folders, None, 4)
    app.show_game()
    while app.session.state.turn == 1:
        if app.top.name == "summary":
            break
        st = app.session.state
        if app.session.outcome is not None:
            press(app, pygame.K_RETURN)
            continue
        n = next(i for i, c in enumerate(st.choices(), 1) if c.legal) \
            if st.pending.kind == "event" else 0
        press(app, getattr(pygame, f"K_{n}"))
    from asean_chair.engine.saves import read_record

    assert read_record(autosave_path())["turn"] == 2


def broken_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "broken"
    shutil.copytree(TUTORIAL, pack)
    cards = pack / "cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace("rel.usa: 12", "rel.uas: 12", 1),
                     encoding="utf-8")
    return pack


def test_a_broken_pack_shows_the_validators_messages(ui_app: MakeApp, tmp_path: Path) -> None:
    pack = broken_pack(tmp_path)
    app = ui_app(pack=pack)
    assert app.top.name == "error"
    text = "\n".join(app.top.problems)
    assert "cards.yaml:" in text and "rel.uas" in text and "did you mean 'rel.usa'" in text
    # Fix the file and press F5: the title screen comes back.
    cards = pack / "cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace("rel.uas", "rel.usa"),
                     encoding="utf-8")
    press(app, pygame.K_F5)
    assert app.top.name == "title"


def test_f5_reloads_the_packs_and_replays_the_game(ui_app: MakeApp, tmp_path: Path) -> None:
    pack = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, pack)
    app = ui_app(pack=pack)
    app.new_game([pack], None, 8)
    app.show_game()
    press(app, pygame.K_1, text="1")
    history = list(app.session.state.history)
    glossary = pack / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "Keeping good relations", "Keeping warm relations"), encoding="utf-8")
    press(app, pygame.K_F5)
    assert app.top.name == "board"
    assert app.session.state.history == history
    assert "Keeping warm" in app.session.ruleset.glossary["hedging"].text
    assert "reloaded" in app.session.status


def test_settings_apply_at_once_and_are_saved(ui_app: MakeApp) -> None:
    app = ui_app()
    app.persist_settings = True
    click(app, widget(app, "settings"))
    assert app.top.name == "settings"
    click(app, widget(app, "contrast"))
    assert app.settings.high_contrast and app.theme.high_contrast
    click(app, widget(app, "textLarge"))
    assert app.settings.text_scale == 1.2
    saved = load_settings()
    assert saved.high_contrast and saved.text_scale == 1.2


def test_the_loop_sleeps_when_nothing_happens(ui_app: MakeApp) -> None:
    app = ui_app()
    app.pump()
    app.loop.awake_until = 0.0
    frames = app.loop.frames
    for _ in range(3):
        app.step()   # waits for events (20 ms here), draws nothing
    assert app.loop.frames == frames


def test_no_display_says_so_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["ASEAN_CHAIR_HOME"] = str(tmp_path)
    run = subprocess.run([sys.executable, "-m", "asean_chair", "play"], capture_output=True,
                         text=True, env=env, timeout=60, cwd=ROOT, check=False)
    if sys.platform.startswith("linux"):
        assert run.returncode == 1
        lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and "--text" in lines[0]
        assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_screenshots_render_every_screen(tmp_path: Path) -> None:
    from asean_chair.ui.screenshots import render_all

    files = render_all((1024, 600), [TUTORIAL], tmp_path)
    names = {f.name.rsplit("-", 1)[0] for f in files}
    for screen in ("title", "new-game", "briefing", "board", "diplomacy", "month-summary",
                   "debrief", "settings", "error", "load", "menu", "vote-board", "vote-teacher",
                   "vote-tie", "vote-ended-early", "new-game-class-code", "result", "hover-marks",
                   "legend", "debrief-chart", "debrief-choices", "board-huge-text",
                   "km-board", "km-event-card", "km-result", "km-debrief", "km-settings",
                   "km-vote-board"):
        assert screen in names
    assert all(f.stat().st_size > 1000 for f in files)


def test_loading_the_rules_again_mid_session_freezes_no_screen(ui_app: MakeApp) -> None:
    """A command freezes what is alive after loading its rules; the window loads
    them again with its screens open (a change of language, F5), and a frozen
    screen would never be collected once closed."""
    import gc

    from asean_chair.ui.packs import load_rules

    app = ui_app()
    app.new_game(app.pack_folders, None, 3)
    before = gc.get_freeze_count()
    load_rules(app.pack_folders, "km", fresh=True)
    load_rules(app.pack_folders, None, fresh=True)
    assert gc.get_freeze_count() == before
