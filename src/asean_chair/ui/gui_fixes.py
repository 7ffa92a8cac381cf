"""Two small corrections to pygame_gui 0.6, applied once when the window opens.

- Line breaks at zero-width spaces: pygame_gui breaks text only at spaces;
  Khmer text gets zero-width spaces between its syllables (see
  :mod:`.scripts`) and may break there too.
- A small cache key for theming ids: pygame_gui 0.6 looks up each widget's
  theming ids under a key built with nested ``str.join`` calls, which makes
  a string of some hundreds of kilobytes for a widget inside a scrolling
  container, and keeps every such key in the theme for good (tens of
  megabytes over a game). The replacement gives the same ids under a key
  of a few dozen bytes.

Both leave pygame_gui as it is if its internals are not the expected ones.
"""

from __future__ import annotations

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
