"""The menu (Esc) over the board: resume, save, undo, briefing, settings, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ..i18n import t
from ..layout import Column, centered
from ..scene import Scene, esc
from .common import panel

if TYPE_CHECKING:
    from ..context import SceneContext


class MenuScene(Scene):
    """An overlay; the board stays visible beneath it."""

    opaque = False
    name = "menu"

    def __init__(self, app: SceneContext) -> None:
        super().__init__(app)
        self.note = ""

    def build(self) -> None:
        m = self.m
        bh = m.button_h
        n = 7
        width = min(m.px(520), self.app.screen.get_width() - 2 * m.pad)
        note_h = m.line(m.small) * 3 if self.note else 0
        height = m.line(m.title) + n * (bh + m.gap) + m.pad * 2 + note_h
        self.box = centered(width, height, self.app.screen.get_rect())
        col = Column(self.box.x + m.pad * 2, self.box.y + m.pad, self.box.width - 4 * m.pad, m.gap)
        self.label(col.take(m.line(m.title)), t("menu.title"), obj="#screen_title")
        s = self.app.session
        has_game = s is not None
        can_undo = bool(s and s.state.history)
        self.button(col.take(bh), t("menu.resume"), self.app.pop, key="resume")
        self.button(col.take(bh), t("menu.save"), self.save, key="save", enabled=has_game)
        self.button(col.take(bh), t("menu.undo"), self.undo, key="undo", enabled=can_undo)
        self.button(col.take(bh), t("menu.briefing"), self.briefing, key="briefing",
                    enabled=has_game)
        self.button(col.take(bh), t("menu.settings"), self.settings, key="settings")
        self.button(col.take(bh), t("menu.title_screen"), self.title, key="title")
        self.button(col.take(bh), t("menu.quit"), self.app.quit, key="quit")
        if self.note:
            self.textbox(col.take(-1), esc(self.note), cls="@small")
        self.default_key = "resume"

    def draw(self, surface: pygame.Surface) -> None:
        panel(surface, self, self.box)

    def save(self) -> None:
        s = self.app.session
        if s is None:
            return
        try:
            path = s.save_as()
            self.note = t("menu.saved", name=path.name)
        except OSError as exc:
            self.note = t("menu.save_failed", why=exc.strerror or exc)
        self.rebuild()

    def undo(self) -> None:
        s = self.app.session
        if s is not None:
            s.status = s.undo()
        self.app.pop()

    def briefing(self) -> None:
        from .briefing import BriefingScene

        self.app.replace(BriefingScene(self.app))

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.replace(SettingsScene(self.app))

    def title(self) -> None:
        from .title import TitleScene

        self.app.reset(TitleScene(self.app))
