"""``asean-chair screenshots -o DIR``: render every screen of the window to PNG.

Runs off screen (SDL's dummy video driver) in a temporary data folder, so
the player's saves and settings are not touched. Each screen is rendered
at each size as ``<screen>-<W>x<H>.png``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

DEFAULT_SIZES = ((1280, 720), (1024, 600))


def parse_size(text: str) -> tuple[int, int]:
    """``1280x720`` -> ``(1280, 720)``; raises ``ValueError``."""
    w, sep, h = text.lower().replace("\u00d7", "x").partition("x")
    if not sep or not w.strip().isdigit() or not h.strip().isdigit():
        raise ValueError(f"not a size: {text!r} (write it like 1280x720)")
    size = (int(w), int(h))
    if size[0] < 320 or size[1] < 240 or size[0] > 8000 or size[1] > 8000:
        raise ValueError(f"size out of range: {text!r}")
    return size


def run_screenshots(args: argparse.Namespace) -> int:
    """Render every screen at every size; returns the exit code."""
    try:
        sizes = [parse_size(s) for s in args.size] if args.size else list(DEFAULT_SIZES)
    except ValueError as exc:
        print(f"asean-chair: {exc}", file=sys.stderr)
        return 1
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"asean-chair: cannot create {out}: {exc.strerror}", file=sys.stderr)
        return 1
    from .app import use_dummy_display

    use_dummy_display()
    old_home = os.environ.get("ASEAN_CHAIR_HOME")
    home = tempfile.mkdtemp(prefix="asean-chair-shots-")
    os.environ["ASEAN_CHAIR_HOME"] = home
    try:
        written: list[Path] = []
        for size in sizes:
            written += render_all(size, [Path(p) for p in args.pack] if args.pack else None, out)
    finally:
        if old_home is None:
            os.environ.pop("ASEAN_CHAIR_HOME", None)
        else:
            os.environ["ASEAN_CHAIR_HOME"] = old_home
        shutil.rmtree(home, ignore_errors=True)
    for p in written:
        print(p)
    return 0


def render_all(size: tuple[int, int], packs: list[Path] | None, out: Path,
               only: set[str] | None = None) -> list[Path]:
    """Render every screen at ``size`` into ``out``; returns the files written."""
    import pygame

    from ..bots import make_bot
    from ..engine import Action
    from ..rules import RulesError
    from .app import App
    from .scenes.board import BoardScene
    from .scenes.briefing import BriefingScene
    from .scenes.debrief import DebriefScene
    from .scenes.error import ErrorScene
    from .scenes.menu import MenuScene
    from .scenes.settings import SettingsScene
    from .scenes.summary import MonthSummaryScene
    from .scenes.title import LoadScene, NewGameScene, TitleScene
    from .session import load_rules
    from .settings import Settings

    ns = argparse.Namespace(pack=[str(p) for p in packs] if packs else None, scenario=None,
                            seed=None, load=None)
    app = App(ns, size=size, settings=Settings(), persist_settings=False)
    written: list[Path] = []
    tag = f"{size[0]}x{size[1]}"

    def shot(name: str, prepare: Callable[[], object]) -> None:
        if only is not None and name not in only:
            return
        prepare()
        app.keyboard_mode = name == "keyboard-focus"
        app.render()
        path = out / f"{name}-{tag}.png"
        pygame.image.save(app.screen, str(path))
        written.append(path)

    folders = app.pack_folders
    shot("title", lambda: app.reset(TitleScene(app)))
    shot("new-game", lambda: app.push(NewGameScene(app)))
    shot("settings", lambda: (app.reset(TitleScene(app)), app.push(SettingsScene(app))))
    if not app.new_game(folders, None, 7):
        return written
    session = app.session
    assert session is not None

    shot("briefing", lambda: (app.reset(TitleScene(app)),
                              app.push(BriefingScene(app, then_board=True))))
    shot("board", lambda: app.show_game())

    def focus() -> None:
        app.show_game()
        board = app.top
        board.focus.focus_key("opt1")
    shot("keyboard-focus", focus)

    # Play on until a card shows chance odds or an unavailable option.
    bot = make_bot("random", 3)
    st = session.state

    def interesting() -> bool:
        if st.pending.kind != "event":
            return False
        cs = st.choices()
        return any(c.odds for c in cs) or any(not c.legal for c in cs)

    for _ in range(200):
        if st.is_over or interesting():
            break
        session.apply(bot.choose(st))
    if not st.is_over and st.pending.kind == "event":
        shot("event-card", lambda: app.show_game())
    for _ in range(200):
        if st.is_over or st.pending.kind == "diplomacy":
            break
        session.apply(bot.choose(st))
    if not st.is_over:
        # Take one action if possible so that the diplomacy screen shows a cooldown.
        acts = [a for a in st.legal_actions() if a.kind == "act"]
        if acts:
            session.apply(acts[0])
        shot("diplomacy", lambda: app.show_game())
        turn = st.turn

        def summary() -> None:
            session.apply(Action.end_turn())
            app.show_game()
            if not st.is_over:
                app.push(MonthSummaryScene(app, turn))
        shot("month-summary", summary)
    def menu() -> None:
        app.show_game()
        app.push(MenuScene(app))
    shot("menu", menu)

    def load() -> None:
        session.save_as(label="example")
        app.reset(TitleScene(app))
        app.push(LoadScene(app))
    shot("load", load)

    def end() -> None:
        history = make_bot("history", 7)
        while not st.is_over:
            session.apply(history.choose(st))
        app.show_game()
        if not isinstance(app.top, DebriefScene):
            app.push(DebriefScene(app))
    shot("debrief", end)

    def error() -> None:
        problems = _broken_pack_problems(load_rules, RulesError)
        app.reset(TitleScene(app))
        app.push(ErrorScene(app, problems=problems))
    shot("error", error)

    def contrast() -> None:
        app.settings.high_contrast = True
        app.apply_settings()
        app.new_game(folders, None, 7)
        app.reset(TitleScene(app))
        app.push(BoardScene(app))
    shot("board-high-contrast", contrast)
    app.close()
    return written


def _broken_pack_problems(load_rules: Callable[..., object], error: type[Exception]) -> list[str]:
    """The validator's messages for a copy of the tutorial pack with typical mistakes."""
    from ..paths import rules_dir

    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "my_mod"
        shutil.copytree(rules_dir() / "tutorial", pack)
        cards = pack / "cards.yaml"
        text = cards.read_text(encoding="utf-8")
        text = text.replace("rel.usa: 12", "rel.uas: 12", 1)
        text = text.replace("chance: 0.3", "chance: 0.4", 1)
        text = text.replace("card: port_follow_up", "card: port_folow_up", 1)
        cards.write_text(text, encoding="utf-8")
        try:
            load_rules([pack])
        except error as exc:
            return [str(p).replace(tmp + os.sep, "") for p in exc.problems]  # type: ignore[attr-defined]
    return ["my_mod: (no problems found)"]
