"""The window's event loop: wait, route input, redraw only when something changed.

The loop follows Pygame Zero: it redraws only when something changed (an
input event, a change of the game, a resize) and otherwise sleeps, so an
idle classroom laptop stays cool. For a short while after input it runs
at 30 frames a second so that pygame_gui's hover highlights, tooltips and
smooth scrolling can play out, then sleeps again.

Keys go to the window first (F2, F5, F11), then to the widgets, then to
the top scene; Tab and the arrows move the keyboard focus, Enter
activates it, Page Up/Down (and the arrows on a long text) scroll.

Input cannot run away: a held key repeats only what moves the focus,
scrolls or edits text (one press, one decision), and after a decision or
a new screen, clicks and acting keys wait until the new screen has been
shown for a moment (:data:`SETTLE_SECONDS`), so a double click, a key hit
twice, or input typed while the screen was being built never decides the
next card.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextEntryLine

from .memory import trim_memory
from .scrolling import move_selection

if TYPE_CHECKING:
    from .app import App

#: How long the loop keeps drawing after the last input, for hover and tooltips.
AWAKE_SECONDS = 1.5
#: Frames per second while awake.
AWAKE_FPS = 30
#: Seconds between looks at the event queue while idle.
IDLE_NAP = 0.03
#: The height of the dimming strip laid down the window under an overlay.
DIM_STRIP = 32

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
#: After a decision or a change of screen, how long clicks and acting keys wait
#: (counted from when the new screen is shown): longer than a double click.
SETTLE_SECONDS = 0.45
#: Keys that move the focus, scroll or edit text: they may repeat while held and
#: work while input settles. Every other key acts once per press.
_SCROLL = {pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END}
_ARROWS = {pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT}
REPEATABLE = {pygame.K_TAB, pygame.K_BACKSPACE, pygame.K_DELETE, *_ARROWS, *_SCROLL}
NAVIGATION = REPEATABLE | {pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL,
                           pygame.K_LALT, pygame.K_RALT, pygame.K_CAPSLOCK}
_CLICKS = {pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP}


class EventLoop:
    """Runs the window: :meth:`step` is one turn of the loop."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.awake_until = 0.0
        #: Frames drawn so far (tests count them to see that an idle window sleeps).
        self.frames = 0
        #: How long one idle wait for events lasts, in milliseconds.
        self.idle_timeout_ms = 1000
        self.clock = pygame.time.Clock()
        self._last_update = time.perf_counter()
        self._dim: pygame.Surface | None = None
        #: The clock input settling reads (tests replace it to let time pass).
        self.now: Callable[[], float] = time.perf_counter
        #: Until when clicks and acting keys are set aside (see :meth:`settle`).
        self.quiet_until = 0.0
        self._settle_on_show = False
        #: Keys held down now: a KEYDOWN for one of them is the key repeating.
        self.held: set[int] = set()
        #: Input set aside since the window opened (tests and the benchmark read it).
        self.ignored = 0

    def step(self, block: bool = True) -> None:
        """One turn of the loop: wait for events (when idle), handle them,
        update the widgets and redraw if anything changed."""
        app = self.app
        stack = app.stack
        awake = time.perf_counter() < self.awake_until or (bool(stack) and stack.top.animating())
        if block and not awake and not app.dirty:
            first = self._wait(self._timeout_ms())
            events = [] if first.type == pygame.NOEVENT else [first]
            events += pygame.event.get()
            self._last_update = time.perf_counter() - 1 / AWAKE_FPS
        else:
            events = pygame.event.get()
        for event in events:
            if not app.running:
                break
            self.handle(event)
        if not app.running or not stack:
            return
        if any(scene.tick() for scene in stack.visible()):
            app.dirty = True
        now = time.perf_counter()
        dt = min(max(now - self._last_update, 0.0), 0.1)
        self._last_update = now
        if events or awake:
            stack.top.ui.update(dt)
            app.dirty = True
        if app.dirty:
            self.render()
        if block and awake:
            self.clock.tick(AWAKE_FPS)

    def _timeout_ms(self) -> int:
        """How long to sleep: until the next event, or a clock on screen changes."""
        waits = [w for w in (s.wake_in() for s in self.app.stack.visible()) if w is not None]
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
            if not pygame.event.peek() or not self.app.running:
                break

    # -------------------------------------------------------------- input

    def settle(self) -> None:
        """Something was decided (or the screen changed): set clicks and acting keys
        aside until the new screen has been shown for :data:`SETTLE_SECONDS`."""
        self.quiet_until = math.inf
        self._settle_on_show = True

    def settling(self) -> bool:
        """Whether clicks and acting keys are being set aside now."""
        return self.now() < self.quiet_until

    def _set_aside(self, event: pygame.event.Event) -> bool:
        """Whether an input event must not act: a held key repeating, or a click or
        key arriving before the new screen has settled."""
        kind = event.type
        if kind == pygame.KEYDOWN:
            repeat = event.key in self.held
            self.held.add(event.key)
            if repeat and event.key not in REPEATABLE:
                return True
            return event.key not in NAVIGATION and self.settling()
        if kind == pygame.KEYUP:
            self.held.discard(event.key)
            return False
        if kind == pygame.WINDOWFOCUSLOST:
            self.held.clear()
            return False
        return kind in _CLICKS and self.settling()

    def _track_pointer(self, event: pygame.event.Event) -> None:
        """Where the pointer is; it moved (or clicked or scrolled): hover works again."""
        kind = event.type
        if kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.app.pointer.pos = (int(event.pos[0]), int(event.pos[1]))
        if kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL) \
                and self.app.stack:
            unpark = getattr(self.app.stack.top.ui, "unpark_pointer", None)
            if unpark is not None:
                unpark()

    def handle(self, event: pygame.event.Event) -> None:
        """Route one event: window events, global keys, widgets, then the scene."""
        app = self.app
        kind = event.type
        if kind == pygame.QUIT:
            app.quit()
            return
        if kind == pygame.VIDEORESIZE:
            app.resize(event.size)
            return
        if kind in _REDRAW:
            app.dirty = True
        if kind in _INPUT:
            self.awake_until = time.perf_counter() + AWAKE_SECONDS
            app.dirty = True
        if self._set_aside(event):
            self.ignored += 1
            return
        self._track_pointer(event)
        if kind == pygame.MOUSEBUTTONDOWN:
            app.keyboard_mode = False
        if not app.stack:
            return
        before = self._moment()
        self._route(event)
        if self._moment() != before:
            self.settle()

    def _moment(self) -> tuple[int, int, int]:
        """What a decision changes: the game, its decisions so far, the screen on top."""
        app = self.app
        session = app.session
        made = len(session.state.history) if session is not None else -1
        return (id(session), made, id(app.stack.top) if app.stack else 0)

    def _route(self, event: pygame.event.Event) -> None:
        app = self.app
        kind = event.type
        if kind == pygame.KEYDOWN and self._global_key(event):
            return
        top = app.stack.top
        consumed = top.ui.process_events(event)
        if kind in _UI_EVENTS:
            if top.on_ui(event):
                app.dirty = True
            return
        if kind == pygame.KEYDOWN and not consumed:
            self._key(event)

    def _global_key(self, event: pygame.event.Event) -> bool:
        app = self.app
        if event.key == pygame.K_F2:
            return app.teacher_panel()
        if event.key == pygame.K_F5:
            app.reload_packs()
            return True
        if event.key == pygame.K_F11:
            app.settings.fullscreen = not app.settings.fullscreen
            app.apply_settings(reopen=True)
            return True
        return False

    def _key(self, event: pygame.event.Event) -> None:
        app = self.app
        top = app.stack.top
        key = event.key
        focused = top.ui.get_focus_set() or set()  # type: ignore[no-untyped-call]
        typing = any(isinstance(el, UITextEntryLine) and el.is_focused for el in focused)
        if key == pygame.K_TAB:
            app.keyboard_mode = True
            top.focus.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            top.focus_moved()
            app.dirty = True
            return
        if typing:
            if key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
                top.ui.set_focus_set(None)
                if key != pygame.K_ESCAPE:
                    top.focus.move(1)
                    top.focus_moved()
                app.keyboard_mode = True
                app.dirty = True
            return
        cur = top.focus.current
        if (key in _SCROLL or key in (pygame.K_UP, pygame.K_DOWN)) and top.scroll_keys(key):
            app.keyboard_mode = True
            app.dirty = True
            return
        if key in (pygame.K_UP, pygame.K_DOWN) and cur is not None and isinstance(
                cur.element, UISelectionList):
            app.keyboard_mode = True
            picked = move_selection(cur.element, 1 if key == pygame.K_DOWN else -1)
            if picked is not None:
                top.on_ui(pygame.event.Event(pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                                             {"ui_element": cur.element, "text": picked}))
            app.dirty = True
            return
        if top.on_key(event):
            app.dirty = True
            return
        if key in (pygame.K_UP, pygame.K_LEFT, pygame.K_DOWN, pygame.K_RIGHT):
            app.keyboard_mode = True
            top.focus.move(-1 if key in (pygame.K_UP, pygame.K_LEFT) else 1)
            top.focus_moved()
            app.dirty = True
            return
        if key in _ENTER:
            app.keyboard_mode = True
            # Enter with nothing focused only shows where the focus is: it never
            # decides something the player has not seen focused.
            if not top.activate_focused() and top.focus.current is None and top.default_key:
                top.focus.focus_key(top.default_key)
                top.focus_moved()
            app.dirty = True
            return
        if key == pygame.K_ESCAPE:
            top.on_escape()
            app.dirty = True

    # ------------------------------------------------------------ drawing

    def render(self) -> None:
        """Draw the visible scenes, their widgets and the focus outline, then show it."""
        app = self.app
        if not app.stack:
            return
        surface = app.screen
        for i, scene in enumerate(app.stack.visible()):
            if i:
                self._dim_under(surface)
            scene.draw(surface)
            scene.ui.draw_ui(surface)
        self._draw_focus(surface)
        pygame.display.flip()
        app.dirty = False
        self.frames += 1
        # What a change put off until its frame was shown (the log, the autosave).
        ran = [scene.run_later() for scene in app.stack.visible()]  # every scene's, not the first
        if any(ran):
            app.dirty = True
        if self._settle_on_show:
            self._settle_on_show = False
            self.quiet_until = self.now() + SETTLE_SECONDS
        if app.trim_pending:
            # Widgets were built (and the old ones killed, in reference cycles): once
            # the frame is shown, free them and give the memory back.
            app.trim_pending = False
            trim_memory(collect=True)

    def forget_dim(self) -> None:
        """The size or the colours changed: make the dimming layer again."""
        self._dim = None

    def _dim_under(self, surface: pygame.Surface) -> None:
        """Dim what is drawn so far (the scenes under an overlay).

        The layer is a strip as wide as the window, laid down the screen: a
        layer the size of the window would keep megabytes for one colour.
        """
        width, height = surface.get_size()
        if self._dim is None or self._dim.get_width() != width:
            self._dim = pygame.Surface((width, DIM_STRIP), pygame.SRCALPHA)
            self._dim.fill(self.app.theme.color("dim"))
        for y in range(0, height, DIM_STRIP):
            surface.blit(self._dim, (0, y))

    def _draw_focus(self, surface: pygame.Surface) -> None:
        app = self.app
        cur = app.stack.top.focus.current
        if cur is None or not getattr(cur.element, "visible", True):
            return
        rect = pygame.Rect(cur.element.rect)
        clip = None
        if cur.scroll is not None:
            clip = pygame.Rect(cur.scroll.rect)
            if not clip.colliderect(rect):
                return
        w = max(3, app.metrics.px(4))
        outline = rect.inflate(w * 2, w * 2)
        surface.set_clip(clip.inflate(w * 2, w * 2) if clip else None)
        pygame.draw.rect(surface, app.theme.color("focus"), outline, width=w,
                         border_radius=app.metrics.px(10))
        surface.set_clip(None)
