"""Scrolling and lists by keyboard and wheel, which pygame_gui leaves to its users."""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIScrollingContainer, UISelectionList

Element = Any  # a pygame_gui element


class Scroller(UIScrollingContainer):
    """A scrolling container that the mouse wheel scrolls wherever the pointer is over it.

    pygame_gui scrolls only when a widget inside is hovered, and a disabled
    button or the gap between two widgets is not: the wheel did nothing there.
    """

    def are_contents_hovered(self) -> bool:
        if super().are_contents_hovered():
            return True
        x, y = self.ui_manager.get_mouse_position()
        return bool(self.visible) and self.rect.collidepoint(x, y)

    def set_scrollable_area_dimensions(self, dimensions: Any) -> None:
        super().set_scrollable_area_dimensions(dimensions)
        # The scroll bars ask the inner container whether it is hovered: ask this one.
        me: Any = self
        for bar in (self.vert_scroll_bar, self.horiz_scroll_bar):
            if bar is not None:
                bar.set_container_to_check_hover_for_mousewheel_events(me)


def beyond(el: Element, view: Element, key: int) -> bool:
    """Whether part of ``el`` lies beyond ``view`` in the direction of an arrow key."""
    r, v = pygame.Rect(el.rect), pygame.Rect(view.rect)
    return r.bottom > v.bottom if key == pygame.K_DOWN else r.top < v.top


def scroll_bar_of(target: Element) -> Any:
    """The vertical scroll bar of a scrolling container or a text box (``None``: it fits)."""
    bar = getattr(target, "vert_scroll_bar", None) or getattr(target, "scroll_bar", None)
    if bar is None or not bar.alive() or not getattr(bar, "visible", True):
        return None
    return bar


def scroll_by(target: Element, pixels: float) -> bool:
    """Scroll a scrolling container or text box by ``pixels`` of its content (up when
    negative); returns whether it moved."""
    bar = scroll_bar_of(target)
    if bar is None:
        return False
    shown = float(bar.visible_percentage)
    if shown >= 1.0:
        return False
    view = max(float(target.rect.height), 1.0)
    start = float(bar.start_percentage)
    new = min(max(start + pixels * shown / view, 0.0), 1.0 - shown)
    if abs(new - start) < 1e-6:
        return False
    bar.set_scroll_from_start_percentage(new)
    return True


def scroll_into_view(sc: UIScrollingContainer, el: Element, extent: Element | None = None
                     ) -> None:
    """Scroll a scrolling container so that ``el`` (down to the bottom of ``extent``,
    when it fits) is visible."""
    bar = getattr(sc, "vert_scroll_bar", None)
    inner: Any = sc.get_container()
    if bar is None or inner is None:
        return
    total = max(inner.rect.height, 1)
    view = sc.rect
    top = el.relative_rect.y
    bottom = top + el.rect.height
    if extent is not None:
        bottom = max(bottom, extent.relative_rect.y + extent.rect.height)
        bottom = min(bottom, top + view.height - 8)
    shown_top = -inner.relative_rect.y
    if top < shown_top:
        bar.set_scroll_from_start_percentage(max(0.0, top / total))
    elif bottom > shown_top + view.height:
        start = (bottom - view.height + 8) / total
        bar.set_scroll_from_start_percentage(min(start, 1.0))


def move_selection(sl: UISelectionList, step: int) -> str | None:
    """Select the next (``1``) or previous (``-1``) item of a selection list;
    returns its text. pygame_gui lists have no keyboard support of their own."""
    items = sl.item_list
    if not items:
        return None
    cur = next((i for i, it in enumerate(items) if it["selected"]), -1)
    new = min(max(cur + step, 0), len(items) - 1) if cur >= 0 else 0
    for it in items:
        if it["selected"]:
            it["selected"] = False
            if it["button_element"] is not None:
                it["button_element"].unselect()
    items[new]["selected"] = True
    if items[new]["button_element"] is not None:
        items[new]["button_element"].select()
    bar = getattr(sl, "scroll_bar", None)
    if bar is not None and sl.item_list_container is not None and len(items) > 1:
        visible = max(1, sl.item_list_container.rect.height // max(sl.list_item_height, 1))
        start = max(0, new - visible + 1) if new >= visible else 0
        bar.set_scroll_from_start_percentage(start / len(items))
    return str(items[new]["text"])


def selected_text(sl: UISelectionList) -> str | None:
    """The selected item of a single-selection list."""
    return next((str(it["text"]) for it in sl.item_list if it["selected"]), None)
