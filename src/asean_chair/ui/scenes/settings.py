"""Settings: language, full screen, window size, text size, high contrast,
exact numbers, and the countdown of a class vote."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from ..i18n import LANGUAGES, t
from ..layout import Column, row
from ..scene import Scene, esc
from ..settings import TEXT_SIZES, VOTE_SECONDS, WINDOW_SIZES
from .common import screen_title


class SettingsScene(Scene):
    """Every change applies at once and is saved."""

    name = "settings"

    def build(self) -> None:
        m = self.m
        s = self.app.settings
        w, h = self.app.screen.get_size()
        y = screen_title(self, t("settings.title"), t("settings.subtitle"))
        x = m.pad * 2
        width = w - 4 * m.pad
        bh = m.button_h
        lh = m.line(m.heading)
        two = width > m.px(900)
        col_w = (width - m.pad * 2) // 2 if two else width
        left = Column(x, y, col_w, m.gap)
        self.head(left, lh, t("settings.language"))
        rects = row(left.take(bh), len(LANGUAGES), m.gap)
        for r, (code, name) in zip(rects, LANGUAGES, strict=True):
            self.button(r, name, partial(self.set_language, code), key=f"lang-{code}",
                        selected=s.language == code, cls="@language")
        left.skip(m.gap)
        self.head(left, lh, t("settings.window_size"))
        sizes = [sz for sz in WINDOW_SIZES if sz[0] <= max(w, 1280) * 3]
        per = 3
        for i in range(0, len(sizes), per):
            rects = row(left.take(bh), per, m.gap)
            for r, (sw, sh) in zip(rects, sizes[i:i + per], strict=False):
                current = (sw, sh) == (w, h) and not s.fullscreen
                self.button(r, f"{sw} \u00d7 {sh}", partial(self.set_size, (sw, sh)),
                            key=f"size{sw}", selected=current, enabled=not s.fullscreen)
        self.check(left, t("settings.fullscreen"), s.fullscreen, self.set_fullscreen,
                   key="fullscreen")
        right = Column(x + col_w + m.pad * 2, y, col_w, m.gap) if two else left
        if not two:
            left.skip(m.gap)
        self.head(right, lh, t("settings.text_size"))
        rects = row(right.take(bh), len(TEXT_SIZES), m.gap)
        for r, (name, factor) in zip(rects, TEXT_SIZES, strict=True):
            self.button(r, t(f"settings.text_{name.lower()}"), partial(self.set_text, factor),
                        key=f"text{name}", selected=abs(s.text_scale - factor) < 0.01)
        right.skip(m.gap)
        self.check(right, t("settings.contrast"), s.high_contrast, self.set_contrast,
                   key="contrast")
        self.check(right, t("settings.exact"), s.exact_numbers, self.set_exact, key="exact")
        self.check(right, t("settings.modder"), s.modder, self.set_modder, key="modder",
                   tooltip=esc(t("settings.modder_tip")))
        right.skip(m.gap)
        self.head(right, lh, t("settings.vote_countdown"))
        rects = row(right.take(bh), len(VOTE_SECONDS), m.px(4))
        for r, n in zip(rects, VOTE_SECONDS, strict=True):
            label = t("teacher.seconds_off") if n == 0 else t("teacher.seconds", n=n)
            self.button(r, label, partial(self.set_vote_seconds, n), key=f"vote{n}",
                        selected=s.vote_seconds == n, tooltip=esc(t("settings.vote_tip")))
        by = max(max(left.y, right.y) + m.gap, h - m.pad * 2 - bh)
        self.button(pygame.Rect(x, min(by, h - bh - m.pad), min(width, m.px(300)), bh),
                    t("settings.back"), self.app.pop, key="back")
        self.default_key = "back"

    def head(self, col: Column, lh: int, text: str) -> None:
        """A heading that wraps rather than being cut (huge text, long translations)."""
        used = self.heading(pygame.Rect(col.x, col.y, col.width, lh), text)
        col.skip(used + col.gap)

    def check(self, col: Column, text: str, state: bool, on_change: Callable[[bool], None], *,
              key: str, tooltip: str | None = None) -> None:
        """A check box whose label wraps beside it when it is long."""
        height = self.checkbox_height(col.width, text)
        self.checkbox(col.take(height), text, state, on_change, key=key, tooltip=tooltip)

    def set_language(self, code: str) -> None:
        self.app.settings.language = code
        self.app.apply_settings()

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

    def set_modder(self, on: bool) -> None:
        self.app.settings.modder = on
        self.app.apply_settings()

    def set_vote_seconds(self, seconds: int) -> None:
        self.app.settings.vote_seconds = seconds
        self.app.apply_settings()
