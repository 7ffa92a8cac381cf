"""The window's event loop: wait, route input, redraw only when something changed.

The loop follows Pygame Zero: it redraws only when something changed (an
input event, a change of the game, a resize) and otherwise sleeps, so an
idle classroom laptop stays cool. For a short while after input it runs
at 30 frames a second so that pygame_gui's hover highlights, tooltips and
smooth scrolling can play out, then sleeps again.

Keys go to the window first (F2, F5, F11), then to the widgets, then to
the top scene; Tab and the arrows move the keyboard focus, Enter
activates it.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextEntryLine

from .memory import trim_memory
from .scene import move_selection

if TYPE_CHECKING:
    from .app import App

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
        if kind == pygame.MOUSEBUTTONDOWN:
            app.keyboard_mode = False
        if not app.stack:
            return
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
            if not top.activate_focused() and top.default_key:
                top.focus.focus_key(top.default_key)
                top.activate_focused()
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
                surface.blit(self._dim_surface(), (0, 0))
            scene.draw(surface)
            scene.ui.draw_ui(surface)
        if app.keyboard_mode:
            self._draw_focus(surface)
        pygame.display.flip()
        app.dirty = False
        self.frames += 1
        if app.trim_pending:
            app.trim_pending = False
            trim_memory()

    def forget_dim(self) -> None:
        """The size or the colours changed: make the dimming layer again."""
        self._dim = None

    def _dim_surface(self) -> pygame.Surface:
        screen = self.app.screen
        if self._dim is None or self._dim.get_size() != screen.get_size():
            self._dim = pygame.Surface(screen.get_size(), pygame.SRCALPHA)
            self._dim.fill(self.app.theme.color("dim"))
        return self._dim

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
