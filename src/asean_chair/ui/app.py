"""The game window: the display, the scene stack and the event loop.

The loop follows Pygame Zero: it redraws only when something changed (an
input event, a change of the game, a resize) and otherwise sleeps in
``pygame.event.wait``, so an idle classroom laptop stays cool. For a short
while after input it runs at 30 frames a second so that pygame_gui's hover
highlights, tooltips and smooth scrolling can play out, then sleeps again.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextEntryLine

from ..engine import IllegalAction
from ..engine.saves import SaveError
from ..paths import default_pack
from ..rules import RulesError
from ..userdata import autosave_path
from . import gui_fixes, i18n
from .i18n import t
from .scene import Scene, move_selection
from .session import Session, load_rules
from .settings import MIN_SIZE, Settings, load_settings, save_settings
from .theme import LINE_FACTORS, TYPE_FACTORS, Metrics, Theme

# pygame_gui warns when it loads a font size on first use; that is expected here.
warnings.filterwarnings("ignore", category=UserWarning, module=r"pygame_gui\..*")

#: How long the loop keeps drawing after the last input, for hover and tooltips.
AWAKE_SECONDS = 1.5
#: Frames per second while awake.
AWAKE_FPS = 30
#: Seconds between looks at the event queue while idle.
IDLE_NAP = 0.03

_INPUT = {pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL,
          pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT, pygame.TEXTEDITING}
_REDRAW = {pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED,
           pygame.WINDOWFOCUSGAINED, pygame.WINDOWMAXIMIZED, pygame.ACTIVEEVENT}
_UI_EVENTS = {pygame_gui.UI_BUTTON_PRESSED, pygame_gui.UI_CHECK_BOX_CHECKED,
              pygame_gui.UI_CHECK_BOX_UNCHECKED, pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
              pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION,
              pygame_gui.UI_TEXT_ENTRY_FINISHED, pygame_gui.UI_TEXT_ENTRY_CHANGED,
              pygame_gui.UI_TEXT_BOX_LINK_CLICKED}
_ENTER = {pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE}
#: The smallest text scale in a class vote: type readable from the back of a room.
VOTE_TEXT_SCALE = 1.25


_LIBC: Any = None


def trim_memory(collect: bool = False) -> None:
    """Give freed heap memory back to the system (glibc only; a no-op elsewhere).

    Building a screen's widgets allocates and frees many surfaces; without
    this the freed space stays in the process after every rebuild.
    """
    # Killed widgets sit in reference cycles holding their surfaces until the
    # cycle collector runs; after a change of screen, run it now.
    if collect:
        gc.collect()
    if _LIBC is not None:
        try:
            _LIBC.malloc_trim(0)
        except (OSError, AttributeError):
            pass


def _return_big_blocks_to_the_system() -> None:
    """Let glibc give large freed blocks back at once.

    pygame_gui draws rounded corners on surfaces four times the widget's
    size and frees them straight away; with glibc's default (a threshold
    that rises after each such block is freed) those blocks stay in the
    heap and the process grows with every rebuild. A fixed threshold keeps
    big blocks in their own mappings, returned to the system when freed.
    """
    if not sys.platform.startswith("linux"):
        return
    global _LIBC
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 256 * 1024)  # M_MMAP_THRESHOLD
        _LIBC = libc
    except (OSError, AttributeError):
        pass


class SharedThemeManager(pygame_gui.UIManager):
    """A pygame_gui manager that can reuse another manager's loaded theme."""

    def __init__(self, size: tuple[int, int], theme: Any) -> None:
        self._shared_theme = theme if not isinstance(theme, dict) else None
        super().__init__(size, theme if isinstance(theme, dict) else None,
                         enable_live_theme_updates=False)

    def create_new_theme(self, theme_path: Any = None) -> Any:
        if self._shared_theme is not None:
            return self._shared_theme
        return super().create_new_theme(theme_path)


class App:
    """The window and its stack of scenes.

    ``App(args)`` opens the window; :meth:`run` plays until the player
    quits. Tests and the screenshot tool drive it with :meth:`step` (or
    :meth:`pump`) and read :attr:`stack` and :attr:`session`.
    """

    def __init__(self, args: argparse.Namespace | None = None, *,
                 size: tuple[int, int] | None = None, settings: Settings | None = None,
                 persist_settings: bool = True) -> None:
        _return_big_blocks_to_the_system()
        gui_fixes.apply()
        if sys.platform.startswith("linux"):
            # The game draws in software: SDL's plain X11/Wayland framebuffer copies it to
            # the screen in about a millisecond, where a GL "accelerated" one on a laptop
            # without a GPU driver (llvmpipe) takes ten and a hundred megabytes more.
            os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.args = args
        self.settings = settings if settings is not None else load_settings()
        if size is not None:
            self.settings.window_width, self.settings.window_height = size
            self.settings.fullscreen = False
        self.persist_settings = persist_settings
        lang = getattr(args, "lang", None) if args is not None else None
        if lang and i18n.known(lang):
            self.settings.language = lang
        i18n.set_language(self.settings.language)
        pygame.display.set_caption(t("app.caption"))
        #: ``asean-chair play --classroom vote``: a class votes on each card.
        self.vote_args = getattr(args, "classroom", None) == "vote" if args is not None else False
        self.session: Session | None = None
        self.screen = self._open_window()
        self.theme = Theme(self.settings.high_contrast, i18n.script())
        self.metrics = self._metrics()
        self._gui_theme = self.theme.gui_theme(self.metrics)
        self._managers: list[pygame_gui.UIManager] = []  # one per level of the stack
        self.stack: list[Scene] = []
        folders = getattr(args, "pack", None) if args is not None else None
        self.pack_folders: list[Path] = [Path(p) for p in folders] if folders else [default_pack()]
        self.dirty = True
        self.keyboard_mode = False
        self.awake_until = 0.0
        self.running = True
        self.frames = 0
        self.clock = pygame.time.Clock()
        self._last_update = time.perf_counter()
        self._dim: pygame.Surface | None = None
        #: Widgets were built since the last frame: give freed memory back after drawing.
        self.trim_pending = False
        #: How long one idle wait for events lasts, in milliseconds.
        self.idle_timeout_ms = 1000
        #: The class vote on the card on screen (see :class:`.scenes.board.Ballot`).
        self.ballot: Any = None

    # ------------------------------------------------------------ window

    @property
    def vote_mode(self) -> bool:
        """Whether a class votes on each card (from the command line or the save)."""
        return self.vote_args or (self.session is not None and self.session.vote_mode)

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
        self._managers = []
        self._dim = None
        shown = {id(s) for s in self.visible_scenes()}
        for depth, scene in enumerate(self.stack):
            if id(scene) in shown:
                scene.attach(self._manager(depth))
            else:  # built when it shows again
                scene.manager = self._manager(depth)
                scene.dormant = True
        self.dirty = True

    def _manager(self, depth: int) -> pygame_gui.UIManager:
        while len(self._managers) <= depth:
            # Every level of the stack shares one theme: one set of fonts, one shape cache.
            theme = self._managers[0].get_theme() if self._managers else self._gui_theme
            manager = SharedThemeManager(self.screen.get_size(), theme)
            # The HTML text uses bold and italic at these sizes: load them now, not mid-frame
            # (and with the language's script, which pygame_gui would not give them itself).
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # some are loaded already by the theme
                manager.preload_fonts(self.theme.preload(self.metrics))
            self._managers.append(manager)
        found: pygame_gui.UIManager = self._managers[depth]
        found.set_focus_set(None)
        return found

    # ------------------------------------------------------------- stack

    @property
    def top(self) -> Scene:
        """The scene that gets input."""
        return self.stack[-1]

    def push(self, scene: Scene) -> Scene:
        """Put a scene on top."""
        depth = len(self.stack)
        self.stack.append(scene)
        scene.attach(self._manager(depth))
        self._sleep_covered()
        self.dirty = True
        return scene

    def _sleep_covered(self) -> None:
        """Scenes nobody can see give up their widgets (built again when uncovered)."""
        shown = {id(s) for s in self.visible_scenes()}
        for scene in self.stack:
            if id(scene) not in shown:
                scene.sleep()

    def _wake_visible(self) -> None:
        for scene in self.visible_scenes():
            if scene.dormant:
                scene.rebuild()

    def pop(self) -> None:
        """Close the top scene and return to the one below."""
        if not self.stack:
            return
        scene = self.stack.pop()
        scene.leave()
        self._manager(len(self.stack)).clear_and_reset()  # type: ignore[no-untyped-call]
        trim_memory(collect=True)
        if self.stack:
            self.stack[-1].resume()
            self._wake_visible()
        self.dirty = True

    def replace(self, scene: Scene) -> Scene:
        """Swap the top scene for another."""
        if self.stack:
            old = self.stack.pop()
            old.leave()
            self._manager(len(self.stack)).clear_and_reset()  # type: ignore[no-untyped-call]
            trim_memory(collect=True)
        return self.push(scene)

    def reset(self, scene: Scene) -> Scene:
        """Empty the stack and show ``scene``."""
        while self.stack:
            self.stack.pop().leave()
            self._manager(len(self.stack)).clear_and_reset()  # type: ignore[no-untyped-call]
        trim_memory(collect=True)
        return self.push(scene)

    def find(self, name: str) -> Scene | None:
        """The topmost scene with this name."""
        return next((s for s in reversed(self.stack) if s.name == name), None)

    # ----------------------------------------------------------- starting

    def start(self) -> None:
        """Show the first screen: a loaded save, a new game, or the title."""
        from .scenes.briefing import BriefingScene
        from .scenes.error import ErrorScene
        from .scenes.title import TitleScene

        args = self.args
        self.reset(TitleScene(self))
        try:
            load_rules(self.pack_folders, self.language)
        except RulesError as exc:
            self.push(ErrorScene(self, problems=[str(p) for p in exc.problems]))
            return
        except OSError as exc:
            self.push(ErrorScene(self, message=t("error.cannot_read_pack", why=exc)))
            return
        load = getattr(args, "load", None)
        if load:
            given = getattr(args, "pack", None)
            self.open_save(Path(load), [Path(p) for p in given] if given else None)
            return
        code = getattr(args, "code", None)
        if code:
            from ..classroom.codes import CodeError

            result = getattr(args, "result", None)
            team = (getattr(args, "team", None) or "").strip() or t("new_game.default_team")
            try:
                self.join_class(code, team, Path(result) if result else None)
            except CodeError as exc:
                self.push(ErrorScene(self, message=str(exc), title=t("error.bad_code")))
                return
            except RulesError as exc:
                self.push(ErrorScene(self, problems=[str(p) for p in exc.problems]))
                return
            self.push(BriefingScene(self, then_board=True))
            return
        seed = getattr(args, "seed", None)
        scenario = getattr(args, "scenario", None)
        preset = getattr(args, "preset", None)
        difficulty = getattr(args, "difficulty", None)
        if (seed is not None or scenario is not None or preset or difficulty) and \
                self.new_game(self.pack_folders, scenario, seed, preset=preset,
                              difficulty=difficulty):
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
                                       language=self.language, vote_mode=self.vote_args)
        except RulesError as exc:
            self.push(ErrorScene(self, problems=[str(p) for p in exc.problems]))
            return False
        except KeyError as exc:
            self.push(ErrorScene(self, message=str(exc.args[0])))
            return False
        self.pack_folders = list(folders)
        self.ballot = None
        self._vote_layout()
        return True

    def join_class(self, code: str, team: str, result: Path | None = None) -> None:
        """Start a team's game from a session code.

        Raises ``CodeError`` (the message says what is wrong with the code)
        or ``RulesError``.
        """
        from .session import pack_folders

        self.session = Session.from_code(pack_folders(self.pack_folders), code, team, result,
                                         self.settings.exact_numbers, language=self.language)
        self.pack_folders = list(self.session.folders)
        self.ballot = None
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
        session.vote_mode = session.vote_mode or self.vote_args
        self.session = session
        self.ballot = None
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
        while self.stack:
            self.stack.pop().leave()
        pygame.display.quit()

    def step(self, block: bool = True) -> None:
        """One turn of the loop: wait for events (when idle), handle them,
        update the widgets and redraw if anything changed."""
        awake = time.perf_counter() < self.awake_until or (
            bool(self.stack) and self.top.animating())
        if block and not awake and not self.dirty:
            first = self._wait(self._timeout_ms())
            events = [] if first.type == pygame.NOEVENT else [first]
            events += pygame.event.get()
            self._last_update = time.perf_counter() - 1 / AWAKE_FPS
        else:
            events = pygame.event.get()
        for event in events:
            if not self.running:
                break
            self.handle(event)
        if not self.running or not self.stack:
            return
        if any(scene.tick() for scene in self.visible_scenes()):
            self.dirty = True
        now = time.perf_counter()
        dt = min(max(now - self._last_update, 0.0), 0.1)
        self._last_update = now
        if events or awake:
            self.top.ui.update(dt)
            self.dirty = True
        if self.dirty:
            self.render()
        if block and awake:
            self.clock.tick(AWAKE_FPS)

    def visible_scenes(self) -> list[Scene]:
        """The scenes drawn now: the topmost opaque one and the overlays above it."""
        base = max((i for i, s in enumerate(self.stack) if s.opaque), default=0)
        return self.stack[base:]

    def _timeout_ms(self) -> int:
        """How long to sleep: until the next event, or a clock on screen changes."""
        waits = [w for w in (s.wake_in() for s in self.visible_scenes()) if w is not None]
        if not waits:
            return self.idle_timeout_ms
        return max(1, min(self.idle_timeout_ms, math.ceil(min(waits) * 1000)))

    def _wait(self, timeout_ms: int) -> pygame.event.Event:
        """Sleep until an event arrives (or the timeout passes).

        ``pygame.event.wait`` looks like the way to sleep, but pygame-ce
        polls inside it every millisecond (measured: about 3 % of a core,
        under X11 and off screen alike). Short naps between polls cost a
        tenth of that; a key pressed while idle waits at most one nap.
        """
        deadline = time.perf_counter() + timeout_ms / 1000
        while True:
            event = pygame.event.poll()
            if event.type != pygame.NOEVENT:
                return event
            left = deadline - time.perf_counter()
            if left <= 0:
                return event
            time.sleep(min(IDLE_NAP, left))

    def pump(self, rounds: int = 50) -> None:
        """Handle every queued event (and the events they cause) without waiting."""
        for _ in range(rounds):
            self.step(block=False)
            if not pygame.event.peek() or not self.running:
                break

    def handle(self, event: pygame.event.Event) -> None:
        """Route one event: window events, global keys, widgets, then the scene."""
        t = event.type
        if t == pygame.QUIT:
            self.quit()
            return
        if t == pygame.VIDEORESIZE:
            self.resize(event.size)
            return
        if t in _REDRAW:
            self.dirty = True
        if t in _INPUT:
            self.awake_until = time.perf_counter() + AWAKE_SECONDS
            self.dirty = True
        if t == pygame.MOUSEBUTTONDOWN:
            self.keyboard_mode = False
        if not self.stack:
            return
        if t == pygame.KEYDOWN and self._global_key(event):
            return
        top = self.top
        consumed = top.ui.process_events(event)
        if t in _UI_EVENTS:
            if top.on_ui(event):
                self.dirty = True
            return
        if t == pygame.KEYDOWN and not consumed:
            self._key(event)

    def _global_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F2:
            return self.teacher_panel()
        if event.key == pygame.K_F5:
            self.reload_packs()
            return True
        if event.key == pygame.K_F11:
            self.settings.fullscreen = not self.settings.fullscreen
            self.apply_settings(reopen=True)
            return True
        return False

    def _key(self, event: pygame.event.Event) -> None:
        top = self.top
        key = event.key
        focused = top.ui.get_focus_set() or set()  # type: ignore[no-untyped-call]
        typing = any(isinstance(el, UITextEntryLine) and el.is_focused for el in focused)
        if key == pygame.K_TAB:
            self.keyboard_mode = True
            top.focus.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            top.focus_moved()
            self.dirty = True
            return
        if typing:
            if key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
                top.ui.set_focus_set(None)
                if key != pygame.K_ESCAPE:
                    top.focus.move(1)
                    top.focus_moved()
                self.keyboard_mode = True
                self.dirty = True
            return
        cur = top.focus.current
        if key in (pygame.K_UP, pygame.K_DOWN) and cur is not None and isinstance(
                cur.element, UISelectionList):
            self.keyboard_mode = True
            picked = move_selection(cur.element, 1 if key == pygame.K_DOWN else -1)
            if picked is not None:
                top.on_ui(pygame.event.Event(pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                                             {"ui_element": cur.element, "text": picked}))
            self.dirty = True
            return
        if top.on_key(event):
            self.dirty = True
            return
        if key in (pygame.K_UP, pygame.K_LEFT, pygame.K_DOWN, pygame.K_RIGHT):
            self.keyboard_mode = True
            top.focus.move(-1 if key in (pygame.K_UP, pygame.K_LEFT) else 1)
            top.focus_moved()
            self.dirty = True
            return
        if key in _ENTER:
            self.keyboard_mode = True
            if not top.activate_focused() and top.default_key:
                top.focus.focus_key(top.default_key)
                top.activate_focused()
            self.dirty = True
            return
        if key == pygame.K_ESCAPE:
            top.on_escape()
            self.dirty = True

    # ------------------------------------------------------------ drawing

    def render(self) -> None:
        """Draw the visible scenes, their widgets and the focus outline, then show it."""
        if not self.stack:
            return
        surface = self.screen
        for i, scene in enumerate(self.visible_scenes()):
            if i:
                surface.blit(self._dim_surface(), (0, 0))
            scene.draw(surface)
            scene.ui.draw_ui(surface)
        if self.keyboard_mode:
            self._draw_focus(surface)
        pygame.display.flip()
        self.dirty = False
        self.frames += 1
        if self.trim_pending:
            self.trim_pending = False
            trim_memory()

    def _dim_surface(self) -> pygame.Surface:
        if self._dim is None or self._dim.get_size() != self.screen.get_size():
            self._dim = pygame.Surface(self.screen.get_size(), pygame.SRCALPHA)
            self._dim.fill(self.theme.color("dim"))
        return self._dim

    def _draw_focus(self, surface: pygame.Surface) -> None:
        cur = self.top.focus.current
        if cur is None or not getattr(cur.element, "visible", True):
            return
        rect = pygame.Rect(cur.element.rect)
        clip = None
        if cur.scroll is not None:
            clip = pygame.Rect(cur.scroll.rect)
            if not clip.colliderect(rect):
                return
        w = max(3, self.metrics.px(4))
        outline = rect.inflate(w * 2, w * 2)
        surface.set_clip(clip.inflate(w * 2, w * 2) if clip else None)
        pygame.draw.rect(surface, self.theme.color("focus"), outline, width=w,
                         border_radius=self.metrics.px(10))
        surface.set_clip(None)


def run(args: argparse.Namespace) -> int:
    """``asean-chair play``: open the window and play; returns the exit code."""
    try:
        app = App(args)
    except pygame.error as exc:
        import sys

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
