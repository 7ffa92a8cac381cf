"""The game window: the display, its settings, and the games it shows.

:class:`App` opens the window and holds what every screen shares: the
settings, the sizes and colours, the game being played (a
:class:`~.session.Session`) and the :class:`~.stack.SceneStack`. The
event loop is in :mod:`.loop`; how a game is started, loaded, reloaded or
joined with a class code is here, as the screens ask for it.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core.utility import set_default_manager

from ..common.userdata import autosave_path
from ..engine import IllegalAction
from ..engine.saves import SaveError
from ..paths import default_pack
from ..rules import RulesError
from . import gui_fixes, i18n
from .i18n import t
from .loop import EventLoop
from .memory import return_big_blocks_to_the_system, trim_memory
from .options import WindowOptions
from .packs import load_rules
from .scene import Scene
from .session import Session
from .settings import MIN_SIZE, Settings, load_settings, save_settings
from .stack import Pointer, SceneStack, SharedThemeManager
from .theme import LINE_FACTORS, TYPE_FACTORS, Metrics, Theme

# pygame_gui warns when it loads a font size on first use; that is expected here.
warnings.filterwarnings("ignore", category=UserWarning, module=r"pygame_gui\..*")

#: The smallest text in a class vote, in pixels of a 1280x720 window (it scales with
#: the window): 24 px type has capitals 17 px tall, 1/42 of the picture's height.
#: InfoComm's rule of thumb reads text from 150 times its height: from 8 m that
#: asks for 53 mm letters, which 24 px gives on a projected picture 2.25 m tall or
#: more (a screen about 4 m wide). On a smaller screen the Huge text size (34 px)
#: reaches 8 m from a picture 1.6 m tall.
PROJECTOR_MIN_PX = 24
#: The text scale of a class vote: the small type (18 px) becomes PROJECTOR_MIN_PX.
VOTE_TEXT_SCALE = PROJECTOR_MIN_PX / 18


class App:
    """The window and its stack of scenes.

    ``App(options)`` opens the window; :meth:`run` plays until the player
    quits. Tests and the screenshot tool drive it with :meth:`step` (or
    :meth:`pump`) and read :attr:`top` and :attr:`session`.
    """

    def __init__(self, options: WindowOptions | None = None, *,
                 size: tuple[int, int] | None = None, settings: Settings | None = None,
                 persist_settings: bool = True) -> None:
        return_big_blocks_to_the_system()
        gui_fixes.apply()
        if sys.platform.startswith("linux"):
            # The game draws in software: SDL's plain X11/Wayland framebuffer copies it to
            # the screen in about a millisecond, where a GL "accelerated" one on a laptop
            # without a GPU driver (llvmpipe) takes ten and a hundred megabytes more.
            os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.options = options or WindowOptions()
        self.settings = settings if settings is not None else load_settings()
        if size is not None:
            self.settings.window_width, self.settings.window_height = size
            self.settings.fullscreen = False
        self.persist_settings = persist_settings
        lang = self.options.language
        if lang and i18n.known(lang):
            self.settings.language = lang
        i18n.set_language(self.settings.language)
        pygame.display.set_caption(t("app.caption"))
        #: The window was started for a class vote (``--classroom vote``).
        self.vote_asked = self.options.vote
        self.session: Session | None = None
        self.screen = self._open_window()
        self.theme = Theme(self.settings.high_contrast, i18n.script())
        self.metrics = self._metrics()
        self._gui_theme = self.theme.gui_theme(self.metrics)
        #: Where the mouse pointer is (every level's manager reads it).
        self.pointer = Pointer()
        self.stack = SceneStack(self._make_manager, self._changed)
        self.loop = EventLoop(self)
        self.pack_folders: list[Path] = list(self.options.packs) or [default_pack()]
        #: Something changed: draw a frame.
        self.dirty = True
        #: The player moves with the keyboard: draw the focus outline.
        self.keyboard_mode = False
        self.running = True
        #: Widgets were built since the last frame: give freed memory back after drawing.
        self.trim_pending = False

    # ------------------------------------------------------------ window

    @property
    def vote_mode(self) -> bool:
        """Whether a class votes on each card (from the command line or the save)."""
        return self.vote_asked or (self.session is not None and self.session.vote_mode)

    @property
    def language(self) -> str:
        """The window's language code (``en``, ``km``)."""
        return i18n.language()

    @property
    def text_scale(self) -> float:
        """The player's text size, at least large in a class vote."""
        scale = self.settings.text_scale
        return max(scale, VOTE_TEXT_SCALE) if self.vote_mode else scale

    def _open_window(self) -> pygame.Surface:
        s = self.settings
        if s.fullscreen:
            screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            if screen.get_width() < MIN_SIZE[0] or screen.get_height() < MIN_SIZE[1]:
                screen = pygame.display.set_mode(s.window_size, pygame.RESIZABLE)
        else:
            screen = pygame.display.set_mode(s.window_size, pygame.RESIZABLE)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                pygame.Window.from_display_module().minimum_size = MIN_SIZE
            except (AttributeError, pygame.error):
                pass
        return screen

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size: lay every scene out again (text is never scaled)."""
        w, h = max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1])
        surface = pygame.display.get_surface()
        if surface is None or surface.get_size() != (w, h):
            surface = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.screen = surface
        if not self.settings.fullscreen:
            self.settings.window_width, self.settings.window_height = w, h
        self.relayout()

    def apply_settings(self, reopen: bool = False) -> None:
        """Use changed settings now, and save them."""
        if reopen:
            self.screen = self._open_window()
        if self.settings.language != i18n.language():
            self._change_language(self.settings.language)
        self.theme = Theme(self.settings.high_contrast, i18n.script())
        if self.session is not None:
            self.session.exact = self.settings.exact_numbers
            self.session.modder = self.settings.modder
        if self.persist_settings:
            err = save_settings(self.settings)
            if err and self.session is not None:
                self.session.status = err
        self.relayout()

    def _metrics(self) -> Metrics:
        script = self.theme.script or ""
        return Metrics(*self.screen.get_size(), self.text_scale * TYPE_FACTORS.get(script, 1.0),
                       LINE_FACTORS.get(script, 1.45))

    def _change_language(self, language: str) -> None:
        """Show the window, and the game's texts, in another language."""
        i18n.set_language(language)
        pygame.display.set_caption(t("app.caption"))
        if self.session is None:
            return
        try:
            self.session = self.session.relabel(self.language)
        except (RulesError, IllegalAction, OSError):
            # The packs changed on disk in a way that no longer fits: keep the texts as they were.
            self.session.status = t("status.language_packs_failed")

    def relayout(self) -> None:
        """New sizes or theme: give every scene a fresh manager and build it again."""
        self.metrics = self._metrics()
        self._gui_theme = self.theme.gui_theme(self.metrics)
        self.loop.forget_dim()
        self.stack.relayout()
        # The old theme's fonts sit in reference cycles: free them now, and give
        # the memory back, or every change of size or language keeps its fonts.
        trim_memory(collect=True)

    def _make_manager(self, shared_theme: Any) -> pygame_gui.UIManager:
        manager = SharedThemeManager(self.screen.get_size(), shared_theme or self._gui_theme,
                                     self.pointer)
        if shared_theme is None:
            # pygame_gui keeps the first manager ever made as its default, for good: with
            # its theme, fonts, shape cache and widgets, long after a relayout replaced it.
            # The newest first level is the default instead (the window names its manager
            # for every widget anyway).
            set_default_manager(manager)
        # The HTML text uses bold and italic at these sizes: load them now, not mid-frame
        # (and with the language's script, which pygame_gui would not give them itself).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # some are loaded already by the theme
            manager.preload_fonts(self.theme.preload(self.metrics))
        return manager

    def _changed(self) -> None:
        self.dirty = True
        self.settle()

    def now(self) -> float:
        """The time input settling reads (seconds; tests move it by hand)."""
        return self.loop.now()

    def settle(self) -> None:
        """A decision was made or the screen changed: input already on its way (a
        double click, a key hit twice) must not act on what shows next."""
        loop = getattr(self, "loop", None)
        if loop is not None:
            loop.settle()

    # ------------------------------------------------------------- stack

    @property
    def top(self) -> Scene:
        """The scene that gets input."""
        return self.stack.top

    def push(self, scene: Scene) -> Scene:
        """Put a scene on top."""
        return self.stack.push(scene)

    def pop(self) -> None:
        """Close the top scene and return to the one below."""
        self.stack.pop()

    def replace(self, scene: Scene) -> Scene:
        """Swap the top scene for another."""
        return self.stack.replace(scene)

    def reset(self, scene: Scene) -> Scene:
        """Empty the stack and show ``scene``."""
        return self.stack.reset(scene)

    def find(self, name: str) -> Scene | None:
        """The topmost scene with this name."""
        return self.stack.find(name)

    # ----------------------------------------------------------- starting

    def start(self) -> None:
        """Show the first screen: a loaded save, a new game, or the title."""
        from .scenes.briefing import BriefingScene
        from .scenes.error import ErrorScene
        from .scenes.title import TitleScene

        options = self.options
        try:
            load_rules(self.pack_folders, self.language)
        except RulesError as exc:
            self.reset(TitleScene(self))
            self.push(ErrorScene(self, problems=[str(p) for p in exc.problems]))
            return
        except OSError as exc:
            self.reset(TitleScene(self))
            self.push(ErrorScene(self, message=t("error.cannot_read_pack", why=exc)))
            return
        self.reset(TitleScene(self))
        if options.load is not None:
            self.open_save(options.load, list(options.packs) or None)
            return
        if options.code:
            from ..classroom.codes import CodeError

            team = (options.team or "").strip() or t("new_game.default_team")
            try:
                self.join_class(options.code, team, options.result)
            except CodeError as exc:
                self.push(ErrorScene(self, message=str(exc), title=t("error.bad_code")))
                return
            except RulesError as exc:
                self.push(ErrorScene(self, problems=[str(p) for p in exc.problems]))
                return
            self.push(BriefingScene(self, then_board=True))
            return
        o = options
        if (o.seed is not None or o.scenario is not None or o.preset or o.difficulty) and \
                self.new_game(self.pack_folders, o.scenario, o.seed, preset=o.preset,
                              difficulty=o.difficulty):
            self.push(BriefingScene(self, then_board=True))

    def new_game(self, folders: list[Path], scenario: str | None, seed: int | None,
                 exact: bool | None = None, *, preset: str | None = None,
                 difficulty: str | None = None) -> bool:
        """Start a new game; shows the error screen and returns False if it cannot."""
        from .scenes.error import ErrorScene

        try:
            self.session = Session.new(folders, scenario, seed,
                                       self.settings.exact_numbers if exact is None else exact,
                                       preset=preset, difficulty=difficulty,
                                       language=self.language, vote_mode=self.vote_asked)
        except RulesError as exc:
            self.push(ErrorScene(self, problems=[str(p) for p in exc.problems]))
            return False
        except KeyError as exc:
            self.push(ErrorScene(self, message=str(exc.args[0])))
            return False
        self.pack_folders = list(folders)
        self.session.modder = self.settings.modder
        self._vote_layout()
        return True

    def join_class(self, code: str, team: str, result: Path | None = None) -> None:
        """Start a team's game from a session code.

        Raises ``CodeError`` (the message says what is wrong with the code)
        or ``RulesError``.
        """
        from .packs import pack_folders

        self.session = Session.from_code(pack_folders(self.pack_folders), code, team, result,
                                         self.settings.exact_numbers, language=self.language)
        self.session.modder = self.settings.modder
        self.pack_folders = list(self.session.folders)
        self._vote_layout()

    def _vote_layout(self) -> None:
        """A game in (or out of) vote mode changes the type size: lay out again."""
        if self._metrics() != self.metrics:
            self.relayout()

    def open_save(self, path: Path, folders: list[Path] | None = None) -> bool:
        """Load a save and show the board (or the debrief); errors get the error screen."""
        from .scenes.error import ErrorScene

        try:
            session = Session.load(path, folders, self.settings.exact_numbers,
                                   language=self.language)
        except SaveError as exc:
            self.push(ErrorScene(self, message=str(exc), title=t("error.bad_save")))
            return False
        except RulesError as exc:
            self.push(ErrorScene(self, problems=[str(p) for p in exc.problems]))
            return False
        session.vote_mode = session.vote_mode or self.vote_asked
        session.modder = self.settings.modder
        self.session = session
        self.pack_folders = list(session.folders)
        self._vote_layout()
        self.show_game()
        return True

    def continue_game(self) -> bool:
        """Resume the autosave exactly where the player was."""
        return self.open_save(autosave_path())

    def show_game(self) -> None:
        """The board for the current session, or the debrief if the game is over."""
        from .scenes.board import BoardScene
        from .scenes.debrief import DebriefScene
        from .scenes.title import TitleScene

        assert self.session is not None
        self.session.outcome = None  # a board shown afresh starts at the card, not a result
        self.reset(TitleScene(self))
        self.push(BoardScene(self))
        if self.session.state.is_over:
            self.push(DebriefScene(self))

    def reload_packs(self) -> None:
        """F5: read the packs from disk again and replay the game so far."""
        from .scenes.error import ErrorScene

        if self.session is None:
            # No game yet: check the packs again (e.g. from the error screen).
            self.start()
            return
        try:
            self.session = self.session.reload()
        except RulesError as exc:
            self.push(ErrorScene(self, problems=[str(p) for p in exc.problems], in_game=True))
            return
        except IllegalAction as exc:
            self.push(ErrorScene(self, message=t("error.replay_failed", why=exc.reason),
                                 title=t("error.replay_failed_title"), in_game=True))
            return
        self.show_game()

    def teacher_panel(self) -> bool:
        """F2 in a class vote: open (or close) the teacher's panel over the game."""
        from .scenes.teacher import TeacherScene

        if self.top.name == "teacher":
            self.pop()
            return True
        if not self.vote_mode or self.session is None or self.find("board") is None:
            return False
        while self.top.name != "board":
            self.pop()
        self.push(TeacherScene(self))
        return True

    # -------------------------------------------------------------- loop

    def run(self) -> int:
        """Play until the player quits; returns the exit code."""
        if not self.stack:
            self.start()
        self.render()
        while self.running:
            self.step()
        self.close()
        return 0

    def quit(self) -> None:
        """Stop the loop (the game is autosaved after every decision)."""
        self.running = False

    def close(self) -> None:
        """Close the window."""
        self.stack.close()
        pygame.display.quit()

    def step(self, block: bool = True) -> None:
        """One turn of the event loop (see :class:`.loop.EventLoop`)."""
        self.loop.step(block)

    def pump(self, rounds: int = 50) -> None:
        """Handle every queued event (and the events they cause) without waiting."""
        self.loop.pump(rounds)

    def render(self) -> None:
        """Draw the visible scenes and show them."""
        self.loop.render()


def run(options: WindowOptions) -> int:
    """``asean-chair play``: open the window and play; returns the exit code."""
    try:
        app = App(options)
    except pygame.error as exc:
        print(f"asean-chair: cannot open a window ({exc}); play in the terminal with: "
              "asean-chair play --text", file=sys.stderr)
        return 1
    return app.run()


def headless_env() -> dict[str, Any]:
    """Environment settings for running the window without a display."""
    return {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}


def use_dummy_display() -> None:
    """Render off screen (tests, screenshots, benchmarks)."""
    for k, v in headless_env().items():
        os.environ[k] = v
