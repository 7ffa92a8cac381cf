"""The keyboard focus ring of a scene: its stops, their order, the one focused.

pygame_gui has no keyboard focus order, so every scene keeps a
:class:`FocusRing`: Tab and Shift-Tab (or the arrow keys) move through its
widgets, Enter or Space activates the focused one, and the window draws a
thick outline around it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pygame_gui.elements import UILabel, UIScrollingContainer

Element = Any  # a pygame_gui element


class ClickThroughLabel(UILabel):
    """A line of text on a button that lets the mouse through to the button.

    pygame_gui buttons draw a single line of text; an option's label often
    needs two, so the extra lines sit on the button as these labels.
    """

    def hover_point(self, hover_x: float, hover_y: float) -> bool:
        return False


@dataclass
class Focusable:
    """One stop of the focus ring.

    ``scroll`` is the scrolling container the stop sits in (focus scrolls it
    into view, with ``extent``: a widget that belongs to the stop, such as an
    option's hint lines under its button). ``scrolls`` is what the arrow and
    Page keys scroll while the stop has focus (a long text, the card).
    """

    key: str
    element: Element
    activate: Callable[[], None] | None = None
    scroll: UIScrollingContainer | None = None
    extent: Element | None = None
    scrolls: Element | None = None
    #: The part of the screen the stop belongs to (parts keep their order in the ring).
    part: int = 0


class FocusRing:
    """The keyboard focus order of a scene's widgets."""

    def __init__(self) -> None:
        self.items: list[Focusable] = []
        self.index: int = -1
        #: The part of the screen new stops belong to.
        self.part = 0
        #: The key focused when the stops were let go (:meth:`forget`), found again later.
        self.kept: str | None = None

    def clear(self) -> None:
        """Forget every stop (the widgets are being built again)."""
        self.items = []
        self.index = -1
        self.part = 0
        self.kept = None

    def forget(self) -> None:
        """Let go of every stop's widget (the scene sleeps) but remember which had focus."""
        key = self.key
        self.clear()
        self.kept = key

    def add(self, item: Focusable) -> None:
        """Add a stop after the others of its part (the current part unless it has one)."""
        if not item.part:
            item.part = self.part
        at = len(self.items)
        while at > 0 and self.items[at - 1].part > item.part:
            at -= 1
        self.items.insert(at, item)
        if 0 <= at <= self.index:
            self.index += 1

    def drop_part(self, part: int) -> None:
        """Forget the stops of one part (its widgets are being built again)."""
        key = self.key
        self.items = [i for i in self.items if i.part != part]
        self.index = -1
        if key is not None:
            self.focus_key(key)

    @property
    def current(self) -> Focusable | None:
        """The focused stop, if any."""
        if 0 <= self.index < len(self.items):
            return self.items[self.index]
        return None

    @property
    def key(self) -> str | None:
        """The key of the focused stop, to find it again after a rebuild."""
        cur = self.current
        return cur.key if cur else self.kept

    def usable(self, item: Focusable) -> bool:
        """Whether a stop can take focus now (enabled and visible)."""
        el = item.element
        return bool(getattr(el, "is_enabled", True)) and bool(getattr(el, "visible", True))

    def focus_key(self, key: str | None) -> bool:
        """Focus the stop with ``key``; returns whether it exists."""
        for i, item in enumerate(self.items):
            if item.key == key and self.usable(item):
                self.index = i
                return True
        return False

    def move(self, step: int) -> Focusable | None:
        """Move focus forward (``1``) or back (``-1``), skipping disabled widgets."""
        n = len(self.items)
        if n == 0:
            return None
        i = self.index
        if i < 0:
            i = -1 if step > 0 else n
        for _ in range(n):
            i = (i + step) % n
            if self.usable(self.items[i]):
                self.index = i
                return self.items[i]
        return None
