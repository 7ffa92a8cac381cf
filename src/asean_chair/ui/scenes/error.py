"""The error screen: a pack that does not load, a save that cannot be read."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ..i18n import t, tn
from ..layout import row
from ..scene import Scene, esc
from .common import screen_title

if TYPE_CHECKING:
    from ..context import SceneContext


class ErrorScene(Scene):
    """The validator's messages (or one message), never a traceback."""

    name = "error"

    def __init__(self, app: SceneContext, *, problems: list[str] | None = None, message: str = "",
                 title: str = "", in_game: bool = False) -> None:
        super().__init__(app)
        self.problems = problems or []
        self.message = message
        self.title = title or (t("error.pack_title") if self.problems
                               else t("error.generic_title"))
        self.in_game = in_game

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        if self.problems:
            errors = sum(": error:" in p for p in self.problems)
            sub = tn("error.found", errors)
        else:
            sub = ""
        y = screen_title(self, self.title, sub)
        bh = m.button_h
        bottom = h - m.pad * 2 - bh
        x = m.pad * 2
        width = w - 4 * m.pad
        if self.problems:
            lines = []
            for p in self.problems:
                where, sep, rest = p.partition(": ")
                lines.append(f"<b>{esc(where)}</b>{sep}{esc(rest)}" if sep else esc(p))
            body = "<br>".join(lines)
        else:
            body = esc(self.message)
        self.textbox(pygame.Rect(x, y, width, bottom - y - m.gap * 2), body, cls="@log")
        labels: list[tuple[str, object, str]] = []
        if self.in_game:
            labels.append((t("error.back"), self.app.pop, "back"))
        else:
            labels.append((t("error.retry"), self.app.reload_packs, "retry"))
            labels.append((t("error.title_screen"), self.to_title, "title"))
        labels.append((t("error.quit"), self.app.quit, "quit"))
        rects = row(pygame.Rect(x, bottom, min(width, m.px(300) * len(labels)), bh), len(labels),
                    m.gap * 2)
        for r, (text, action, key) in zip(rects, labels, strict=True):
            self.button(r, text, action, key=key)  # type: ignore[arg-type]
        self.default_key = labels[0][2]

    def to_title(self) -> None:
        from .title import TitleScene

        self.app.reset(TitleScene(self.app))

    def on_escape(self) -> None:
        if self.in_game or len(self.app.stack) > 1:
            self.app.pop()
