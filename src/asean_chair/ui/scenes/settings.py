"""Settings: full screen, window size, text size, high contrast, exact numbers."""

from __future__ import annotations

from functools import partial

import pygame

from ..layout import Column, row
from ..scene import Scene
from ..settings import TEXT_SIZES, WINDOW_SIZES
from .common import screen_title


class SettingsScene(Scene):
    """Every change applies at once and is saved."""

    name = "settings"

    def build(self) -> None:
        m = self.m
        s = self.app.settings
        w, h = self.app.screen.get_size()
        y = screen_title(self, "Settings", "Changes apply at once and are kept for next time.")
        x = m.pad * 2
        width = min(w - 4 * m.pad, m.px(1100))
        col = Column(x, y, width, m.gap)
        bh = m.button_h
        lh = m.line(m.heading)
        self.checkbox(col.take(bh), "Full screen (F11)", s.fullscreen, self.set_fullscreen,
                      key="fullscreen")
        col.skip(m.gap)
        self.label(col.take(lh), "Window size", cls="@heading")
        sizes = [sz for sz in WINDOW_SIZES if sz[0] <= max(w, 1280) * 3]
        per = 3 if width < m.px(900) else len(sizes)
        for i in range(0, len(sizes), per):
            rects = row(col.take(bh), per, m.gap)
            for r, (sw, sh) in zip(rects, sizes[i:i + per]):
                current = (sw, sh) == (w, h) and not s.fullscreen
                self.button(r, f"{sw} \u00d7 {sh}", partial(self.set_size, (sw, sh)),
                            key=f"size{sw}", selected=current, enabled=not s.fullscreen)
        col.skip(m.gap)
        self.label(col.take(lh), "Text size", cls="@heading")
        rects = row(col.take(bh), len(TEXT_SIZES), m.gap)
        for r, (name, factor) in zip(rects, TEXT_SIZES):
            self.button(r, name, partial(self.set_text, factor), key=f"text{name}",
                        selected=abs(s.text_scale - factor) < 0.01)
        col.skip(m.gap)
        self.checkbox(col.take(bh), "High-contrast theme (for projectors)", s.high_contrast,
                      self.set_contrast, key="contrast")
        self.checkbox(col.take(bh), "Exact numbers in option hints (off: directions only)",
                      s.exact_numbers, self.set_exact, key="exact")
        by = max(col.y + m.gap, h - m.pad * 2 - bh)
        self.button(pygame.Rect(x, min(by, h - bh - m.pad), min(width, m.px(300)), bh), "Back",
                    self.app.pop, key="back")
        self.default_key = "back"

    def set_fullscreen(self, on: bool) -> None:
        self.app.settings.fullscreen = on
        self.app.apply_settings(reopen=True)

    def set_size(self, size: tuple[int, int]) -> None:
        s = self.app.settings
        s.window_width, s.window_height = size
        self.app.apply_settings(reopen=True)

    def set_text(self, factor: float) -> None:
        self.app.settings.text_scale = factor
        self.app.apply_settings()

    def set_contrast(self, on: bool) -> None:
        self.app.settings.high_contrast = on
        self.app.apply_settings()

    def set_exact(self, on: bool) -> None:
        self.app.settings.exact_numbers = on
        self.app.apply_settings()
