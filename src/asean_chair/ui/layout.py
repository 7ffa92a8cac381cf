"""Small helpers to place widgets: columns of rects, splits, centring."""

from __future__ import annotations

import pygame


class Column:
    """Rects stacked downwards from ``(x, y)`` with a gap between them."""

    def __init__(self, x: int, y: int, width: int, gap: int) -> None:
        self.x = x
        self.y = y
        self.width = width
        self.gap = gap

    def take(self, height: int, width: int | None = None, indent: int = 0) -> pygame.Rect:
        """The next rect of ``height`` (and optionally a narrower ``width``)."""
        r = pygame.Rect(self.x + indent, self.y, (width or self.width) - indent, height)
        self.y += height + self.gap
        return r

    def skip(self, height: int) -> None:
        """Leave some space."""
        self.y += height

    def placed(self, rect: pygame.Rect | pygame.FRect) -> None:
        """Move below a widget whose height was only known after it was made."""
        self.y = int(rect.bottom) + self.gap


def row(rect: pygame.Rect, n: int, gap: int) -> list[pygame.Rect]:
    """``rect`` split into ``n`` equal rects side by side."""
    if n <= 0:
        return []
    w = (rect.width - gap * (n - 1)) / n
    return [pygame.Rect(round(rect.x + i * (w + gap)), rect.y, round(w), rect.height)
            for i in range(n)]


def centered(width: int, height: int, outer: pygame.Rect) -> pygame.Rect:
    """A rect of the given size centred in ``outer``."""
    r = pygame.Rect(0, 0, min(width, outer.width), min(height, outer.height))
    r.center = outer.center
    return r
