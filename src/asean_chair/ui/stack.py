"""The window's scenes on a stack, modelled on Tuxemon's state stack.

The top scene gets input; the scenes under an overlay stay visible,
dimmed. Each level of the stack has its own pygame_gui manager (all
sharing one theme); a scene that nobody can see gives up its widgets and
builds them again when it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui

from .memory import trim_memory
from .scene import Scene


class Pointer:
    """Where the mouse pointer is, as the window's events tell it (shared by the managers).

    pygame_gui asks pygame for the pointer on every update; the window tells
    it instead, so that a screen built under a pointer that has not moved
    since shows no hover and no tooltip (see :meth:`SharedThemeManager.park_pointer`).
    """

    def __init__(self) -> None:
        #: The last position an event gave (``None``: none yet, ask pygame).
        self.pos: tuple[int, int] | None = None

    def where(self) -> tuple[int, int]:
        """The pointer's position in the window."""
        if self.pos is not None:
            return self.pos
        return tuple(pygame.mouse.get_pos())  # type: ignore[return-value]


#: Far outside any window: nothing is hovered there.
_NOWHERE = (-100_000, -100_000)


def place_beside(tip: pygame.Rect, target: pygame.Rect, window: pygame.Rect,
                 x: int) -> tuple[int, int]:
    """Where a tooltip goes: below the widget, else above it, else beside it; never
    over it and always inside the window (``x``: where the pointer is)."""
    gap = 6
    left = min(max(x - tip.width // 2, window.x), window.right - tip.width)
    if target.bottom + gap + tip.height <= window.bottom:
        return (left, target.bottom + gap)
    if target.top - gap - tip.height >= window.y:
        return (left, target.top - gap - tip.height)
    top = min(max(target.centery - tip.height // 2, window.y), window.bottom - tip.height)
    if target.right + gap + tip.width <= window.right:
        return (target.right + gap, top)
    return (max(window.x, target.x - gap - tip.width), top)


class SharedThemeManager(pygame_gui.UIManager):
    """A pygame_gui manager that can reuse another manager's loaded theme."""

    def __init__(self, size: tuple[int, int], theme: Any, pointer: Pointer | None = None
                 ) -> None:
        self._shared_theme = theme if not isinstance(theme, dict) else None
        self.pointer = pointer or Pointer()
        #: The widgets changed under a still pointer: hover nothing until it moves.
        self.parked = False
        super().__init__(size, theme if isinstance(theme, dict) else None,
                         enable_live_theme_updates=False)

    def park_pointer(self) -> None:
        """New widgets under the pointer: no hover or tooltip until the pointer moves
        (a tooltip of the next card must not appear where the last click was)."""
        self.parked = True

    def unpark_pointer(self) -> None:
        """The pointer moved (or the player clicked or scrolled): hover as usual."""
        self.parked = False

    def create_tool_tip(self, text: str, position: tuple[int, int],
                        hover_distance: tuple[int, int], parent_element: Any,
                        object_id: Any, *, wrap_width: int | None = None,
                        text_kwargs: dict[str, str] | None = None) -> Any:
        """A tooltip beside the widget it explains, never over it, inside the window."""
        tip: Any = super().create_tool_tip(text, position, hover_distance, parent_element,
                                           object_id, wrap_width=wrap_width,
                                           text_kwargs=text_kwargs)
        target = getattr(parent_element, "rect", None)
        root = self.get_root_container()
        if target is not None and root is not None:
            window = root.get_rect()
            tip.set_position(place_beside(pygame.Rect(tip.rect), pygame.Rect(target), window,
                                          position[0]))
        return tip

    def _update_mouse_position(self) -> None:
        pos = _NOWHERE if self.parked else self.pointer.where()
        self.mouse_position = self.calculate_scaled_mouse_position(pos)

    def create_new_theme(self, theme_path: Any = None) -> Any:
        if self._shared_theme is not None:
            return self._shared_theme
        return super().create_new_theme(theme_path)


class SceneStack:
    """The scenes of the window, bottom first.

    ``make_manager(theme)`` makes the manager of a new level (``theme`` is
    the loaded theme of the first level to share, or ``None`` for the
    first); ``changed()`` is called whenever what is shown changes.
    """

    def __init__(self, make_manager: Callable[[Any], pygame_gui.UIManager],
                 changed: Callable[[], None]) -> None:
        self.scenes: list[Scene] = []
        self._make_manager = make_manager
        self._changed = changed
        self._managers: list[pygame_gui.UIManager] = []  # one per level

    def __len__(self) -> int:
        return len(self.scenes)

    @property
    def top(self) -> Scene:
        """The scene that gets input."""
        return self.scenes[-1]

    def visible(self) -> list[Scene]:
        """The scenes drawn now: the topmost opaque one and the overlays above it."""
        base = max((i for i, s in enumerate(self.scenes) if s.opaque), default=0)
        return self.scenes[base:]

    def find(self, name: str) -> Scene | None:
        """The topmost scene with this name."""
        return next((s for s in reversed(self.scenes) if s.name == name), None)

    def manager(self, depth: int) -> pygame_gui.UIManager:
        """The manager of a level of the stack (made when first needed)."""
        while len(self._managers) <= depth:
            # Every level shares one theme: one set of fonts, one shape cache.
            shared = self._managers[0].get_theme() if self._managers else None
            self._managers.append(self._make_manager(shared))
        found = self._managers[depth]
        found.set_focus_set(None)
        return found

    def push(self, scene: Scene) -> Scene:
        """Put a scene on top."""
        depth = len(self.scenes)
        self.scenes.append(scene)
        scene.attach(self.manager(depth))
        self._sleep_covered()
        self._changed()
        return scene

    def pop(self) -> None:
        """Close the top scene and return to the one below."""
        if not self.scenes:
            return
        self._drop_top()
        trim_memory(collect=True)
        if self.scenes:
            self.scenes[-1].resume()
            self._wake_visible()
        self._changed()

    def replace(self, scene: Scene) -> Scene:
        """Swap the top scene for another."""
        if self.scenes:
            self._drop_top()
            trim_memory(collect=True)
        return self.push(scene)

    def reset(self, scene: Scene) -> Scene:
        """Empty the stack and show ``scene``."""
        while self.scenes:
            self._drop_top()
        trim_memory(collect=True)
        return self.push(scene)

    def relayout(self) -> None:
        """New sizes or theme: give every scene a fresh manager; build the visible ones."""
        self._managers = []
        shown = {id(s) for s in self.visible()}
        for depth, scene in enumerate(self.scenes):
            if id(scene) in shown:
                scene.attach(self.manager(depth))
            else:  # built when it shows again
                scene.sleep()  # lets go of the old manager's widgets (and so its theme)
                scene.manager = self.manager(depth)
                scene.dormant = True
        self._changed()

    def close(self) -> None:
        """Remove every scene (the window is closing)."""
        while self.scenes:
            self.scenes.pop().leave()

    def _drop_top(self) -> None:
        self.scenes.pop().leave()
        self.manager(len(self.scenes)).clear_and_reset()  # type: ignore[no-untyped-call]

    def _sleep_covered(self) -> None:
        """Scenes nobody can see give up their widgets (built again when uncovered)."""
        shown = {id(s) for s in self.visible()}
        for scene in self.scenes:
            if id(scene) not in shown:
                scene.sleep()

    def _wake_visible(self) -> None:
        for scene in self.visible():
            if scene.dormant:
                scene.rebuild()
