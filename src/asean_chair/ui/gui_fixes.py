"""Three small corrections to pygame_gui 0.6, applied once when the window opens.

- Line breaks at zero-width spaces: pygame_gui breaks text only at spaces;
  Khmer text gets zero-width spaces between its syllables (see
  :mod:`.scripts`) and may break there too.
- A small cache key for theming ids: pygame_gui 0.6 looks up each widget's
  theming ids under a key built with nested ``str.join`` calls, which makes
  a string of some hundreds of kilobytes for a widget inside a scrolling
  container, and keeps every such key in the theme for good (tens of
  megabytes over a game). The replacement gives the same ids under a key
  of a few dozen bytes.
- A widget's looks drawn when first shown: pygame_gui draws every state of
  a widget (normal, hovered, selected, active) as soon as it is built, each
  state three surfaces of the widget's size (with and without its text),
  and draws them all again whenever the text or size changes. Most buttons
  are never hovered before they are rebuilt, so at large text sizes these
  copies were a good part of the window's memory. Only the normal look and
  the one shown are drawn now; any other is drawn when it is first shown
  (pygame_gui's own path for the disabled look). A rectangle without a
  shadow no longer keeps a blank surface of its size to copy each look
  from: pygame_gui makes a blank one when it has none.

Each leaves pygame_gui as it is if its internals are not the expected ones.
"""

from __future__ import annotations

from collections import deque
from typing import Any

ZWSP = "\u200b"
_applied = False


def apply() -> None:
    """Install both corrections (once; later calls do nothing)."""
    global _applied
    if _applied:
        return
    _applied = True
    _break_at_zero_width_spaces()
    _compact_theming_ids()
    _draw_states_when_shown()
    _no_blank_base_surface()


def _split_points(text: str) -> list[int]:
    return [i + 1 for i, ch in enumerate(text) if ch == " " or ch == ZWSP]


def _break_at_zero_width_spaces() -> None:
    try:
        from pygame_gui.core.text.text_line_chunk import TextLineChunkFTFont
    except ImportError:  # another pygame_gui: lines break at spaces only
        return
    cls: Any = TextLineChunkFTFont

    def after(name: str) -> None:
        original = getattr(cls, name, None)
        if original is None:
            return

        def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
            result = original(self, *args, **kwargs)
            self.split_points = _split_points(self.text)
            return result

        wrapped.__doc__ = original.__doc__
        setattr(cls, name, wrapped)

    for name in ("__init__", "split", "_perform_normal_split",
                 "_update_chunk_count_splits_and_size"):
        after(name)


def _compact_theming_ids() -> None:
    try:
        from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme
    except ImportError:
        return
    cls: Any = UIAppearanceTheme
    needed = ("_get_next_id_node", "build_all_combined_ids")
    if not all(hasattr(cls, n) for n in needed):
        return

    def build_all_combined_ids(self: Any, element_base_ids: Any, element_ids: Any,
                               class_ids: Any, object_ids: Any) -> list[str]:
        key = repr((element_base_ids, element_ids, class_ids, object_ids))
        cache: dict[str, list[str]] = self.unique_theming_ids
        found = cache.get(key)
        if found is not None:
            return found
        combined_ids: list[str] = []
        if (object_ids is not None and element_ids is not None and class_ids is not None
                and element_base_ids is not None):
            if not (len(object_ids) == len(element_ids) == len(class_ids)
                    == len(element_base_ids)):
                raise ValueError(f"Object & class ID hierarchy is not equal in length to "
                                 f"Element ID hierarchy. Element IDs: {element_ids}, "
                                 f"class IDs: {class_ids}, object IDs: {object_ids}")
            if element_ids:
                self._get_next_id_node(None, element_base_ids, element_ids, class_ids,
                                       object_ids, 0, len(element_ids), combined_ids)
            # Then the same ids without their outer containers, shortest last.
            current = combined_ids[:]
            done = False
            while not done and current:
                for index, current_id in enumerate(current):
                    stop = current_id.find(".")
                    if stop == -1:
                        done = True
                    else:
                        current[index] = current_id[stop + 1:]
                        combined_ids.append(current[index])
        cache[key] = combined_ids
        return combined_ids

    build_all_combined_ids.__doc__ = cls.build_all_combined_ids.__doc__
    cls.build_all_combined_ids = build_all_combined_ids


def _draw_states_when_shown() -> None:
    try:
        import pygame
        from pygame_gui.core.drawable_shapes.drawable_shape import DrawableShape
    except ImportError:
        return
    cls: Any = DrawableShape
    if not all(hasattr(cls, n) for n in ("redraw_all_states", "redraw_state",
                                          "set_active_state")):
        return
    original = cls.redraw_all_states

    def redraw_all_states(self: Any, force_full_redraw: bool = False) -> None:
        states = getattr(self, "states", None)
        active = getattr(self, "active_state", None)
        if not isinstance(states, dict) or "normal" not in states or active is None:
            original(self, force_full_redraw)
            return
        # The normal look first (pygame_gui's order), then the one on screen if another.
        queue = ["normal"] + ([active.state_id] if active.state_id != "normal" else [])
        for state_id, state in states.items():
            if state_id not in queue:
                # Out of date now: set_active_state draws it again when it is shown.
                state.generated = False
                state.surface = pygame.Surface((0, 0), flags=pygame.SRCALPHA, depth=32)
                state.text_surface = None
                state.pre_text_surface = None
        self.states_to_redraw_queue = deque(queue[1:])
        self.redraw_state(queue[0])

    redraw_all_states.__doc__ = original.__doc__
    cls.redraw_all_states = redraw_all_states


def _no_blank_base_surface() -> None:
    try:
        from pygame_gui.core.drawable_shapes.rect_drawable_shape import RectDrawableShape
    except ImportError:
        return
    cls: Any = RectDrawableShape
    original = getattr(cls, "full_rebuild_on_size_change", None)
    if original is None:
        return

    def full_rebuild_on_size_change(self: Any) -> None:
        original(self)
        if getattr(self, "shadow_width", None) == 0:
            self.base_surface = None  # blank: redraw_state makes one when it needs it

    full_rebuild_on_size_change.__doc__ = original.__doc__
    cls.full_rebuild_on_size_change = full_rebuild_on_size_change
