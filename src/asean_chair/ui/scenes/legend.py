"""The legend (L, or *Legend* on the board): what the bars, stripes and marks mean,
each beside a small drawing of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .. import draw
from ..i18n import t
from ..layout import Column, centered
from ..scene import Scene, esc
from .common import panel

if TYPE_CHECKING:
    from ..context import SceneContext

#: (sample drawn at the left, the locale key of its words)
ENTRIES = (("track", "legend.track"), ("danger", "legend.danger"),
           ("relation", "legend.relation"), ("question", "legend.question"),
           ("touch", "legend.touch"), ("knock_on", "legend.knock_on"),
           ("flash", "legend.flash"), ("real", "legend.real"),
           ("invented", "legend.invented"))


class LegendScene(Scene):
    """An overlay over the board."""

    opaque = False
    name = "legend"

    def __init__(self, app: SceneContext) -> None:
        super().__init__(app)
        self.samples: list[tuple[str, pygame.Rect]] = []
        self.box = pygame.Rect(0, 0, 0, 0)

    def entries(self) -> list[tuple[str, str]]:
        """The entries this game needs (real/made-up labels only where the pack has history)."""
        s = self.app.session
        history = False
        if s is not None:
            from ...rules.history import uses_history

            history = uses_history(s.ruleset.cards.values())
        return [(k, key) for k, key in ENTRIES if history or k not in ("real", "invented")]

    def sample_track(self) -> str:
        """A track of this game to show the question mark beside (its own words)."""
        s = self.app.session
        if s is not None:
            shown = [tr.name for tr in s.ruleset.tracks.values() if tr.visible]
            if shown:
                return shown[0]
        return t("legend.sample_track")

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        self.box = centered(min(m.px(1100), w - 2 * m.pad), h - 2 * m.pad,
                            self.app.screen.get_rect())
        inner = self.box.inflate(-4 * m.pad, -2 * m.pad)
        col = Column(inner.x, inner.y, inner.width, m.gap)
        self.label(col.take(m.line(m.title)), t("legend.title"), obj="#screen_title")
        bh = m.button_h
        # Wide enough for the real/made-up labels whole (a third of the box at most).
        tag = self.theme.font(m.small, bold=True)
        widest = max((tag.size(t(f"reality.{k}"))[0] for k, _ in self.entries()
                      if k in ("real", "invented")), default=0)
        sample_w = min(max(m.px(150), widest + m.px(10)), inner.width // 3)
        self.samples = []
        bottom = inner.bottom - bh - m.gap
        for kind, key in self.entries():
            if col.y >= bottom:
                break
            tb = self.textbox(pygame.Rect(col.x + sample_w + m.pad, col.y,
                                          col.width - sample_w - m.pad, -1),
                              esc(self.tw(key)), cls="@small")
            self.samples.append((kind, pygame.Rect(col.x, col.y, sample_w, tb.rect.height)))
            col.placed(tb.rect)
        self.button(pygame.Rect(inner.x, inner.bottom - bh, min(m.px(420), inner.width), bh),
                    t("legend.close"), self.app.pop, key="close")
        self.default_key = "close"

    def draw(self, surface: pygame.Surface) -> None:
        panel(surface, self, self.box)
        th = self.theme
        m = self.m
        font = th.font(m.small, bold=True)
        for kind, r in self.samples:
            lh = font.get_linesize()
            bar = pygame.Rect(r.x, r.y + lh // 2 - m.px(6), r.width - m.px(8), m.px(12))
            if kind == "track":
                draw.meter(surface, th, bar, 60, 0, 100)
            elif kind == "danger":
                draw.meter(surface, th, bar, 15, 0, 100, 20, None)
            elif kind == "relation":
                draw.relation_bar(surface, th, bar, 30, -100, 100, th.series[1])
            elif kind == "question":
                draw.text(surface, font, f"{self.sample_track()} ?", (r.x, r.y),
                          th.color("muted"), r.width - m.px(8))
            elif kind in ("touch", "knock_on"):
                mark = pygame.Rect(r.x, r.y + m.px(4), m.px(14), lh - m.px(8))
                hollow = kind == "knock_on"
                draw.direction(surface, mark, 1 if not hollow else -1,
                               th.color("good" if not hollow else "bad"), font, hollow=hollow)
                row = pygame.Rect(mark.right + m.px(6), r.y, r.width - mark.width - m.px(14), lh)
                pygame.draw.rect(surface, th.color("good" if not hollow else "bad"), row,
                                 width=max(1, m.px(3) - (1 if hollow else 0)),
                                 border_radius=m.px(6))
            elif kind == "flash":
                chip = pygame.Rect(r.x, r.y + m.px(2), font.size("+6")[0] + m.px(14),
                                   lh - m.px(4))
                pygame.draw.rect(surface, th.color("good"), chip, border_radius=chip.height // 2)
                draw.text(surface, font, "+6", (chip.centerx, chip.y), th.color("background"),
                          align="center")
            elif kind in ("real", "invented"):
                draw.text(surface, font, t(f"reality.{kind}"), (r.x, r.y),
                          th.color("good" if kind == "real" else "accent"), r.width)
        self.draw_backdrops(surface)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_l:
            self.app.pop()
            return True
        return False
