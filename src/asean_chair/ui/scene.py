"""Scenes on a stack: what every screen of the window shares.

Modelled on Tuxemon's state stack: the window shows the top scene (and
those under it while the top one is an overlay); only the top scene gets
input. Each scene builds its pygame_gui widgets in :meth:`Scene.build`
from the current window size, and builds them again on resize, so text is
always laid out at its final size.

Every scene keeps a keyboard focus ring (``focus.py``); keys and the wheel
scroll what has focus (``scrolling.py``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import (
    UIButton,
    UICheckBox,
    UILabel,
    UIScrollingContainer,
    UISelectionList,
    UITextBox,
    UITextEntryLine,
)

from .focus import ClickThroughLabel, Focusable, FocusRing
from .i18n import digits, html_digits
from .scrolling import beyond, scroll_bar_of, scroll_by, scroll_into_view
from .theme import Metrics, Theme

if TYPE_CHECKING:
    from .context import SceneContext

Element = Any  # a pygame_gui element


class Scene:
    """A screen of the game. Subclasses build widgets and handle input.

    ``opaque = False`` makes an overlay: the scenes below stay visible,
    dimmed, and get no input.
    """

    opaque = True
    #: A short name, used by screenshots and tests.
    name = "scene"

    def __init__(self, app: SceneContext) -> None:
        #: What the scene may use of the window: the game, settings, navigation.
        self.app = app
        self.manager: pygame_gui.UIManager | None = None
        self.focus = FocusRing()
        self._actions: dict[Element, Callable[[], None]] = {}
        self._checks: dict[Element, Callable[[bool], None]] = {}
        self.default_key: str | None = None
        #: Rounded panels drawn behind widgets (cheaper than pygame_gui's rounded shapes):
        #: (rect, alternate colour, part of the screen).
        self.backdrops: list[tuple[pygame.Rect, bool, int]] = []
        #: Hidden under another screen: the widgets are gone until it shows again.
        self.dormant = False
        #: Work put off until the frame showing a change is on screen (see :meth:`later`).
        self._later: list[Callable[[], None]] = []
        #: The widgets of each part of the screen (see :meth:`rebuild_part`).
        self._parts: dict[int, list[Element]] = {}
        self._part = 0

    # ------------------------------------------------------- conveniences

    @property
    def m(self) -> Metrics:
        """The current sizes."""
        return self.app.metrics

    @property
    def theme(self) -> Theme:
        """The current colours and fonts."""
        return self.app.theme

    def words(self) -> dict[str, str]:
        """The game's frame words (``{unit}``, ``{currency}``, ``{side}``...) for phrases."""
        session = self.app.session
        return session.words() if session is not None else {}

    def tw(self, key: str, **fields: Any) -> str:
        """:func:`~.i18n.t` with the game's frame words filled in too."""
        from .i18n import t

        return t(key, **{**self.words(), **fields})

    def twn(self, key: str, n: int, **fields: Any) -> str:
        """:func:`~.i18n.tn` with the game's frame words filled in too."""
        from .i18n import tn

        return tn(key, n, **{**self.words(), **fields})

    @property
    def ui(self) -> pygame_gui.UIManager:
        """This scene's pygame_gui manager."""
        assert self.manager is not None
        return self.manager

    # ---------------------------------------------------------- lifecycle

    def attach(self, manager: pygame_gui.UIManager) -> None:
        """Take a fresh manager and build the widgets in it."""
        self.manager = manager
        self.rebuild()

    def rebuild(self) -> None:
        """Build every widget again (after a resize or a change of state)."""
        if self.manager is None:
            return
        keep = self.focus.key
        self.dormant = False
        self.manager.clear_and_reset()  # type: ignore[no-untyped-call]
        self._actions.clear()
        self._checks.clear()
        self._parts = {}
        self._part = 0
        self.backdrops = []
        self.focus.clear()
        self.build()
        self._part = 0
        self.focus.part = 0
        if not self.focus.focus_key(keep):
            self.focus.focus_key(self.default_key)
        self.manager.update(0.0)
        self.after_build()

    def after_build(self) -> None:
        """Widgets changed under the pointer: no hover or tooltip until it moves; draw."""
        park = getattr(self.manager, "park_pointer", None)
        if park is not None:
            park()
        self.app.dirty = True
        self.app.trim_pending = True

    def later(self, work: Callable[[], None]) -> None:
        """Do ``work`` just after the next frame is shown (the frame after a decision
        shows its result at once; the log and the autosave follow a moment later)."""
        self._later.append(work)
        self.app.dirty = True

    def run_later(self) -> bool:
        """Run the work put off for after the frame; returns whether there was any."""
        if not self._later:
            return False
        work, self._later = self._later, []
        for job in work:
            job()
        return True

    # ------------------------------------------------------ parts of a screen

    def begin_part(self, part: int) -> None:
        """Widgets made from now on belong to ``part`` (a number; the ring keeps parts in
        order), so that :meth:`rebuild_part` can build that part alone again."""
        self._part = part
        self.focus.part = part

    def keep(self, element: Element) -> Element:
        """Record a widget made outside the helpers below as one of the current part's."""
        self._parts.setdefault(self._part, []).append(element)
        return element

    def drop(self, element: Element) -> None:
        """Kill one widget of the current part (made again another way)."""
        kept = self._parts.get(self._part, [])
        if element in kept:
            kept.remove(element)
        element.kill()

    def kill_part(self, part: int) -> None:
        """Remove the widgets (and focus stops) of one part of the screen."""
        dead = self._parts.pop(part, [])
        for el in dead:
            el.kill()
        gone = set(map(id, dead))
        for store in (self._actions, self._checks):
            for el in [e for e in store if id(e) in gone or not e.alive()]:
                del store[el]
        self.focus.drop_part(part)
        self.backdrops = [b for b in self.backdrops if b[2] != part]

    def rebuild_part(self, part: int, build: Callable[[], None]) -> None:
        """Build one part of the screen again (faster than :meth:`rebuild`): ``build``
        makes its widgets; the focus stays on the same stop when it still exists."""
        if self.manager is None or self.dormant:
            return
        keep = self.focus.key
        self.kill_part(part)
        self.begin_part(part)
        build()
        self.begin_part(0)
        if not self.focus.focus_key(keep):
            self.focus.focus_key(self.default_key)
        self.manager.update(0.0)
        self.after_build()

    def build(self) -> None:
        """Create this scene's widgets for the current window size."""

    def sleep(self) -> None:
        """A screen covers this one: give up the widgets (and caches) until it shows again.

        Nothing of the game is lost: a scene builds its widgets from its own
        state and the session's, as after a resize.
        """
        if self.manager is None or self.dormant:
            return
        self.dormant = True
        self.manager.clear_and_reset()  # type: ignore[no-untyped-call]
        self.let_go()

    def let_go(self) -> None:
        """Hold no widget of the scene any longer (they are killed, or their manager is
        gone). A killed widget keeps its images, its manager and the manager's theme (a
        shape cache of 1024x1024 surfaces, every font): a sleeping scene that held on to
        its widgets would keep a whole screen, and after a change of text size or
        language the old theme, alive until it shows again. Subclasses that keep widgets
        of their own let go of them here too."""
        self._actions.clear()
        self._checks.clear()
        self._parts = {}
        self.backdrops = []
        self.focus.forget()

    def resume(self) -> None:
        """The scene above was closed: the game may have changed, so build again."""
        self.rebuild()

    def leave(self) -> None:
        """The scene is being removed from the stack."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a widget (background, meters, charts). Never changes the game."""
        surface.fill(self.theme.color("background"))
        self.draw_backdrops(surface)

    def draw_backdrops(self, surface: pygame.Surface) -> None:
        """The rounded panels behind text boxes."""
        th = self.theme
        r = self.m.px(10)
        for rect, alt, _ in self.backdrops:
            pygame.draw.rect(surface, th.color("panel_alt" if alt else "panel"), rect,
                             border_radius=r)
            pygame.draw.rect(surface, th.color("border"), rect, width=max(1, self.m.px(2) - 1),
                             border_radius=r)

    def animating(self) -> bool:
        """Whether the scene needs frames without input (e.g. an animation)."""
        return False

    def wake_in(self) -> float | None:
        """Seconds until the scene looks different by itself (a clock), or ``None``."""
        return None

    def tick(self) -> bool:
        """Called every turn of the loop; returns whether the scene needs redrawing
        (a countdown showed a new second). Never changes the game."""
        return False

    # -------------------------------------------------------------- input

    def on_key(self, event: pygame.event.Event) -> bool:
        """A key the widgets did not use (number keys, Esc...). Returns whether handled."""
        return False

    def on_escape(self) -> None:
        """Esc: by default go back to the scene below."""
        if len(self.app.stack) > 1:
            self.app.pop()

    def on_ui(self, event: pygame.event.Event) -> bool:
        """A pygame_gui event: runs the action bound to the widget."""
        el = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and el in self._actions:
            self._focus_element(el)
            self._actions[el]()
            return True
        if event.type in (pygame_gui.UI_CHECK_BOX_CHECKED, pygame_gui.UI_CHECK_BOX_UNCHECKED) \
                and el in self._checks:
            self._focus_element(el)
            self._checks[el](event.type == pygame_gui.UI_CHECK_BOX_CHECKED)
            return True
        return False

    def _focus_element(self, el: Element) -> None:
        for i, item in enumerate(self.focus.items):
            if item.element is el:
                self.focus.index = i
                return

    def activate_focused(self) -> bool:
        """Enter on the focused widget; returns whether something happened."""
        cur = self.focus.current
        if cur is None or not self.focus.usable(cur):
            return False
        if isinstance(cur.element, UICheckBox):
            new = not bool(cur.element.get_state())
            cur.element.set_state(new)
            cb = self._checks.get(cur.element)
            if cb:
                cb(new)
            return True
        if cur.activate is not None:
            cur.activate()
            return True
        return False

    def focus_moved(self) -> None:
        """Focus moved by keyboard: scroll it into view and give text fields the keys."""
        cur = self.focus.current
        if cur is None:
            return
        if isinstance(cur.element, UITextEntryLine):
            self.ui.set_focus_set(cur.element)
        else:
            self.ui.set_focus_set(None)
        if cur.scroll is not None:
            scroll_into_view(cur.scroll, cur.element, cur.extent)

    def scroll_keys(self, key: int) -> bool:
        """Page Up/Down, Home/End and the arrows on the focused stop scroll what it shows.

        Page keys scroll the focused text, or the scrolling area the focused
        widget sits in; the arrows scroll a focused text by a line and return
        ``False`` at its end (the focus moves on then). Returns whether the
        key was used.
        """
        cur = self.focus.current
        if cur is None:
            return False
        target = cur.scrolls if cur.scrolls is not None else cur.scroll
        if target is None:
            return False
        line = self.m.line(self.m.body)
        page = max(int(target.rect.height) - line * 2, line)
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return scroll_by(target, page if key == pygame.K_PAGEDOWN else -page)
        if key in (pygame.K_HOME, pygame.K_END):
            return scroll_by(target, 1e9 if key == pygame.K_END else -1e9)
        if cur.scrolls is not None and key in (pygame.K_UP, pygame.K_DOWN):
            if cur.scrolls is cur.scroll and not beyond(cur.element, cur.scroll, key):
                return False  # the focused text is in view: the arrows move on
            return scroll_by(cur.scrolls, line if key == pygame.K_DOWN else -line)
        return False

    # ----------------------------------------------------------- widgets

    def button(self, rect: pygame.Rect, text: str, action: Callable[[], None] | None, *,
               key: str | None = None, tooltip: str | None = None, cls: str | None = None,
               enabled: bool = True, container: Any = None, focus: bool = True,
               scroll: UIScrollingContainer | None = None, selected: bool = False) -> UIButton:
        """A button bound to ``action``, added to the focus ring under ``key``."""
        b = UIButton(rect, digits(text), self.ui, container=container,
                     tool_tip_text=html_digits(tooltip) if tooltip else tooltip,
                     object_id=ObjectID(class_id=cls))
        if container is None:
            self.keep(b)
        if not enabled:
            b.disable()  # type: ignore[no-untyped-call]
        if selected:
            b.select()  # type: ignore[no-untyped-call]
        if action is not None:
            self._actions[b] = action
            if focus:
                self.focus.add(Focusable(key or text, b, action, scroll))
        return b

    def reader(self, box: Element, key: str, scroll: UIScrollingContainer | None = None,
               always: bool = False) -> None:
        """Make a long text a stop of the focus ring: with focus, the arrows and Page
        Up/Down scroll it (only when it has more than fits, unless ``always``)."""
        if always or scroll_bar_of(box) is not None:
            self.focus.add(Focusable(key, box, None, scroll, scrolls=box))

    def _option_layout(self, width: int, number: int | str, text: str, max_lines: int
                       ) -> tuple[int, int, list[str]]:
        """(indent, text width, lines) of an option button's label."""
        from . import draw

        m = self.m
        font = self.theme.font(m.body)
        text = digits(text)
        indent = max(font.size("00")[0], font.size(str(number))[0]) + m.px(22)
        text_w = width - indent - m.px(12)
        rows = draw.wrap(font, text, text_w)
        if len(rows) > max_lines:
            rows = rows[:max_lines]
            rows[-1] = draw.fit(font, rows[-1] + " \u2026", text_w)
        return indent, text_w, rows

    def option_height(self, width: int, number: int | str, text: str,
                      max_lines: int = 3) -> int:
        """The height :meth:`option_button` gives this label."""
        m = self.m
        rows = self._option_layout(width, number, text, max_lines)[2]
        step = m.line(m.body) - m.px(4)
        return max(m.button_h, len(rows) * step + m.px(16))

    def option_button(self, x: int, y: int, width: int, number: int | str, text: str,
                      action: Callable[[], None], *, key: str, enabled: bool = True,
                      container: Any = None, scroll: UIScrollingContainer | None = None,
                      tooltip: str | None = None, max_lines: int = 3,
                      height: int = 0) -> UIButton:
        """A big button for an option: its number key (or letter) at the left
        and its label wrapped on up to ``max_lines`` lines (at least ``height`` tall)."""
        m = self.m
        indent, text_w, rows = self._option_layout(width, number, text, max_lines)
        lh = m.line(m.body)
        step = lh - m.px(4)
        height = max(height, self.option_height(width, number, text, max_lines))
        b = self.button(pygame.Rect(x, y, width, height), str(number), action, key=key,
                        cls="@option", enabled=enabled, container=container, scroll=scroll,
                        tooltip=tooltip)
        top = y + (height - (len(rows) - 1) * step - lh) // 2
        for i, row_text in enumerate(rows):
            line = ClickThroughLabel(pygame.Rect(x + indent, top + i * step, text_w, lh),
                                     row_text, self.ui, container=container,
                                     object_id=ObjectID(class_id="@option_line" if enabled
                                                        else "@option_line_off"))
            if container is None:
                self.keep(line)
        return b

    def label(self, rect: pygame.Rect, text: str, *, cls: str | None = None,
              container: Any = None, obj: str | None = None) -> UILabel:
        """One line of text (pygame_gui's label)."""
        lab = UILabel(rect, digits(text), self.ui, container=container,
                      object_id=ObjectID(object_id=obj, class_id=cls))
        if container is None:
            self.keep(lab)
        return lab

    def textbox(self, rect: pygame.Rect, html_text: str, *, cls: str | None = None,
                container: Any = None) -> UITextBox:
        """Wrapped text with pygame_gui's HTML subset; height -1 fits the text.

        ``@panel_text`` and ``@status`` boxes get a rounded panel behind them.
        """
        box = UITextBox(self.breakable(html_text), rect, self.ui, container=container,
                        object_id=ObjectID(class_id=cls))
        if container is None:
            self.keep(box)
        if cls in ("@panel_text", "@story", "@summary", "@status") and container is None:
            self.backdrops.append((pygame.Rect(box.rect), cls == "@status", self._part))
        return box

    def richbox(self, rect: pygame.Rect, html_text: str, *, size: int | None = None,
                container: Any = None, color: str = "text", spacing: float = 1.2) -> Any:
        """Styled text drawn as a picture (see :mod:`.richtext`): far faster to make than
        a text box, for what changes after every decision. The height follows the text."""
        from pygame_gui.elements import UIImage

        from . import richtext

        m = self.m
        surf = richtext.render(self.theme, size or m.small, html_digits(html_text), rect.width,
                               self.theme.color(color), spacing, pad=m.px(2))
        img = UIImage(pygame.Rect(rect.x, rect.y, rect.width, surf.get_height()), surf,
                      self.ui, container=container)
        if container is None:
            self.keep(img)
        return img

    def breakable(self, html_text: str) -> str:
        """Text for a pygame_gui text box, with places to break Khmer lines."""
        html_text = html_digits(html_text)
        if self.theme.script is None:
            return html_text
        from .scripts import break_opportunities

        return break_opportunities(html_text)

    def checkbox(self, rect: pygame.Rect, text: str, state: bool,
                 on_change: Callable[[bool], None], *, key: str,
                 tooltip: str | None = None) -> UICheckBox:
        """A check box bound to ``on_change``, in the focus ring. A label too long for
        ``rect`` wraps beside the box (see :meth:`checkbox_height`) rather than being cut."""
        size = min(rect.height, self.m.button_h)
        lines = self._checkbox_lines(rect.width, text)
        box = UICheckBox(pygame.Rect(rect.x, rect.y, size, size), text if len(lines) <= 1
                         else "", self.ui, initial_state=state, tool_tip_text=tooltip)
        self.keep(box)
        if len(lines) > 1:
            self.textbox(pygame.Rect(rect.x + size + self.m.gap, rect.y,
                                     rect.width - size - self.m.gap, -1),
                         "<br>".join(html.escape(line) for line in lines))
        self._checks[box] = on_change
        self.focus.add(Focusable(key, box, None))
        return box

    def _checkbox_lines(self, width: int, text: str) -> list[str]:
        from . import draw

        m = self.m
        room = width - m.button_h - m.gap - m.px(16)
        font = self.theme.font(m.body)
        return [text] if font.size(text)[0] <= room else draw.wrap(font, text, room)

    def checkbox_height(self, width: int, text: str) -> int:
        """How tall :meth:`checkbox` is with this label in this width."""
        m = self.m
        lines = len(self._checkbox_lines(width, text))
        return m.button_h if lines <= 1 else lines * m.line(m.body) + m.px(8)

    def heading(self, rect: pygame.Rect, text: str) -> int:
        """A heading in ``rect``'s width: one line, or wrapped when it is too long
        (large text, a long translation); returns the height it takes."""
        from . import draw

        m = self.m
        font = self.theme.font(m.heading, bold=True)
        if font.size(text)[0] <= rect.width - m.px(8):
            self.label(rect, text, cls="@heading")
            return rect.height
        lines = draw.wrap(font, text, rect.width - m.px(16))
        box = self.textbox(pygame.Rect(rect.x, rect.y, rect.width, -1),
                           "<br>".join(html.escape(line) for line in lines), cls="@heading")
        return int(box.rect.height)

    def entry(self, rect: pygame.Rect, text: str, *, key: str,
              placeholder: str = "") -> UITextEntryLine:
        """A one-line text field, in the focus ring."""
        e = UITextEntryLine(rect, self.ui, initial_text=text or None,
                            placeholder_text=placeholder or None)
        self.keep(e)
        self.focus.add(Focusable(key, e, lambda: self.ui.set_focus_set(e)))
        return e

    def selection(self, rect: pygame.Rect, items: list[str], *, key: str,
                  selected: str | None = None,
                  on_enter: Callable[[], None] | None = None) -> UISelectionList:
        """pygame_gui's selection list, in the focus ring (Up/Down select)."""
        sl = UISelectionList(rect, list[str | tuple[str, str]](items), self.ui,
                             default_selection=selected)
        self.keep(sl)
        self.focus.add(Focusable(key, sl, on_enter))
        return sl


def esc(s: str) -> str:
    """Text made safe for pygame_gui's HTML."""
    return html.escape(s, quote=False)
