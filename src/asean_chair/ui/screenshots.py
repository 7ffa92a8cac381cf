"""Every screen of the window rendered to PNG (``asean-chair screenshots -o DIR``).

Runs off screen (SDL's dummy video driver) in a temporary data folder, so
the player's saves and settings are not touched. Each screen is rendered
at each size as ``<screen>-<W>x<H>.png``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from .options import WindowOptions

if TYPE_CHECKING:
    from .app import App


def take_screenshots(out: Path, sizes: list[tuple[int, int]],
                     packs: list[Path] | None = None) -> list[Path]:
    """Render every screen at every size into ``out``; returns the files written.

    Runs off screen, with a data folder of its own that is removed after.
    """
    from .app import use_dummy_display

    use_dummy_display()
    old_home = os.environ.get("ASEAN_CHAIR_HOME")
    home = tempfile.mkdtemp(prefix="asean-chair-shots-")
    os.environ["ASEAN_CHAIR_HOME"] = home
    try:
        written: list[Path] = []
        for size in sizes:
            written += render_all(size, packs, out)
    finally:
        if old_home is None:
            os.environ.pop("ASEAN_CHAIR_HOME", None)
        else:
            os.environ["ASEAN_CHAIR_HOME"] = old_home
        shutil.rmtree(home, ignore_errors=True)
    return written


def _camera(app: App, out: Path, size: tuple[int, int], only: set[str] | None,
            written: list[Path]) -> Callable[[str, Callable[[], object]], None]:
    """``shot(name, prepare)``: prepare a screen, render it, save ``NAME-WxH.png``
    (skipped when ``only`` leaves the name out)."""
    import pygame

    tag = f"{size[0]}x{size[1]}"

    def shot(name: str, prepare: Callable[[], object]) -> None:
        if only is not None and name not in only:
            return
        prepare()
        app.keyboard_mode = name.endswith("keyboard-focus")
        app.render()
        path = out / f"{name}-{tag}.png"
        pygame.image.save(app.screen, str(path))
        written.append(path)

    return shot


def render_all(size: tuple[int, int], packs: list[Path] | None, out: Path,
               only: set[str] | None = None, language: str = "en",
               prefix: str = "") -> list[Path]:
    """Render every screen at ``size`` into ``out``; returns the files written.

    In English the tour also renders the class vote and, with ``km-`` names,
    every screen again in Khmer (on the tutorial, whose cards have Khmer)."""

    from ..bots import make_bot
    from ..engine import Action
    from ..rules import RulesError
    from .app import App
    from .packs import load_rules
    from .scenes.board import BoardScene
    from .scenes.briefing import BriefingScene
    from .scenes.debrief import DebriefScene
    from .scenes.error import ErrorScene
    from .scenes.legend import LegendScene
    from .scenes.menu import MenuScene
    from .scenes.settings import SettingsScene
    from .scenes.summary import MonthSummaryScene
    from .scenes.title import LoadScene, NewGameScene, TitleScene
    from .settings import Settings

    app = App(WindowOptions(packs=tuple(packs or ()), language=language), size=size,
              settings=Settings(language=language), persist_settings=False)
    written: list[Path] = []
    camera = _camera(app, out, size, only, written)

    def shot(name: str, prepare: Callable[[], object]) -> None:
        camera(prefix + name, prepare)

    app.start()
    folders = app.pack_folders
    shot("title", lambda: app.reset(TitleScene(app)))
    shot("new-game", lambda: app.push(NewGameScene(app)))
    shot("settings", lambda: (app.reset(TitleScene(app)), app.push(SettingsScene(app))))
    app.reset(TitleScene(app))
    if not app.new_game(folders, None, 7):
        return written
    session = app.session
    assert session is not None

    shot("briefing", lambda: (app.reset(TitleScene(app)),
                              app.push(BriefingScene(app, then_board=True))))
    shot("board", lambda: app.show_game())

    def board() -> BoardScene:
        top = app.find("board")
        assert isinstance(top, BoardScene)
        return top

    def focus() -> None:
        app.show_game()
        b = board()
        b.focus.focus_key("opt1")
        b.tick()
    shot("keyboard-focus", focus)

    def hover() -> None:
        # The pointer over an option: the meters it moves are marked (knock-on hollow).
        app.show_game()
        b = board()
        el = next(i.element for i in b.focus.items if i.key == "opt1")
        app.pointer.pos = tuple(pygame.Rect(el.rect).center)  # type: ignore[assignment]
        b.ui.unpark_pointer()  # type: ignore[attr-defined]
        b.focus.index = -1
        b.ui.update(0.05)
        b.tick()
    shot("hover-marks", hover)

    def result() -> None:
        # A decision: its result panel, and the values it moved lit up.
        app.show_game()
        b = board()
        legal = [c for c in b.choices if c.legal]
        b.decide(legal[0].action)
        b.flash_since = time.perf_counter()
    shot("result", result)
    shot("legend", lambda: app.push(LegendScene(app)))

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
        # Take one action if possible so that the panel shows a cooldown.
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

    def page(n: int) -> Callable[[], None]:
        def turn() -> None:
            top = app.top
            if isinstance(top, DebriefScene):
                top.page = min(n, len(top.pages) - 1)
                top.rebuild()
        return turn
    shot("debrief-chart", page(1))
    shot("debrief-choices", page(2))

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

    def huge() -> None:
        app.settings.high_contrast = False
        app.settings.text_scale = 1.4
        app.apply_settings()
        app.new_game(folders, None, 7)
        app.show_game()
    shot("board-huge-text", huge)

    def huge_settings() -> None:
        app.reset(TitleScene(app))
        app.push(SettingsScene(app))
    shot("settings-huge-text", huge_settings)
    app.close()
    if language == "en":
        written += render_classroom(size, packs, out, only)
        written += render_khmer(size, out, only)
    return written


class _StillClock:
    """A clock that does not move: screenshots show the same countdown every time."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def render_classroom(size: tuple[int, int], packs: list[Path] | None, out: Path,
                     only: set[str] | None = None, language: str = "en",
                     prefix: str = "") -> list[Path]:
    """The class vote (board, teacher's panel, a tie, a lesson ended early) and a
    team joining with a class code."""
    import pygame

    from .app import App
    from .scenes.board import BoardScene
    from .scenes.debrief import DebriefScene
    from .scenes.title import NewGameScene, TitleScene
    from .settings import Settings
    from .vote import Countdown

    app = App(WindowOptions(packs=tuple(packs or ()), vote=True, language=language), size=size,
              settings=Settings(language=language, vote_seconds=60),
              persist_settings=False)
    written: list[Path] = []
    camera = _camera(app, out, size, only, written)

    def shot(name: str, prepare: Callable[[], object]) -> None:
        camera(prefix + name, prepare)

    app.start()
    shot("vote-title", lambda: None)
    if not app.new_game(app.pack_folders, None, 7):
        app.close()
        return written
    session = app.session
    assert session is not None
    clock = _StillClock()

    def board() -> BoardScene:
        app.show_game()
        top = app.find("board")
        assert isinstance(top, BoardScene)
        ballot = top.ballot()
        if ballot is not None:
            ballot.countdown = Countdown(60, clock=clock)
            ballot.countdown.start()
            clock.now += 18.4  # 42 seconds left
            legal = [c.action.option or "" for c in top.choices if c.legal]
            for option, votes in zip(legal, (12, 7, 4, 2), strict=False):
                ballot.box.set(option, votes)
            top.rebuild()
        return top

    shot("vote-board", board)

    def teacher() -> None:
        board()
        app.teacher_panel()
    shot("vote-teacher", teacher)

    def tie() -> None:
        top = board()
        ballot = top.ballot()
        legal = [c.action.option or "" for c in top.choices if c.legal]
        if ballot is not None and len(legal) >= 2:
            ballot.box.set(legal[0], 9)
            ballot.box.set(legal[1], 9)
            top.apply_majority()
    shot("vote-tie", tie)

    def ended() -> None:
        from ..bots import make_bot

        bot = make_bot("history", 7)
        st = session.state
        while st.turn < 4 and not st.is_over:
            top = board()
            ballot = top.ballot()
            if ballot is not None and st.pending.kind == "event":
                action = bot.choose(st)
                ballot.box.set(action.option or "", 14)
                top.apply_vote(action.option or "", tie_broken=False)
                while app.top.name != "board":
                    app.pop()
            else:
                session.apply(bot.choose(st))
        app.show_game()
        app.push(DebriefScene(app))
    shot("vote-ended-early", ended)
    app.close()

    if prefix:
        return written
    team_app = App(WindowOptions(packs=tuple(packs or ())), size=size,
                   settings=Settings(language="en"), persist_settings=False)

    def class_code() -> None:
        team_app.reset(TitleScene(team_app))
        scene = NewGameScene(team_app)
        team_app.push(scene)
        scene.code_text = "7K3M-QX2P-9RT4-WV8B"
        scene.team_text = "Mekong"
        scene.entries = {}
        scene.start()

    if only is None or "new-game-class-code" in only:
        class_code()
        team_app.render()
        path = out / f"new-game-class-code-{size[0]}x{size[1]}.png"
        pygame.image.save(team_app.screen, str(path))
        written.append(path)
    team_app.close()
    return written


def render_khmer(size: tuple[int, int], out: Path, only: set[str] | None = None) -> list[Path]:
    """Every screen again in Khmer (``km-*.png``), on the tutorial, whose cards have
    Khmer; and the class vote in Khmer."""
    from ..paths import rules_dir

    tutorial = rules_dir() / "tutorial"
    written = render_all(size, [tutorial], out, only, language="km", prefix="km-")
    written += render_classroom(size, [tutorial], out, only, language="km", prefix="km-")
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
