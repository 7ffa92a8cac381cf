"""The end of the year: score, tier and verdict, a chart of every track over
the months, the player's choices beside what Cambodia really did, and
saving the game record."""

from __future__ import annotations

import pygame

from ...bots import history_baseline
from .. import draw
from ..layout import row
from ..scene import Scene, esc
from ..session import MONTHS, Session
from .common import screen_title


class DebriefScene(Scene):
    """The debrief after the last month (or a defeat)."""

    name = "debrief"

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.relations = False
        self.note = ""
        try:
            self.baseline = history_baseline(self.s.state)
        except Exception:  # noqa: BLE001 - a bot failing must not take the debrief with it
            self.baseline = None

    @property
    def s(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    def build(self) -> None:
        m = self.m
        s = self.s
        r = s.state.result
        w, h = self.app.screen.get_size()
        if r is None:
            title, sub = "The year is not over yet", ""
        else:
            title = ("Defeat: " if r.defeat else "") + r.title
            sub = f"Rank: {r.tier_name}   \u00b7   score {r.score:.0f}"
        y = screen_title(self, title, sub)
        bh = m.button_h
        bottom = h - m.pad * 2 - bh
        x = m.pad * 2
        width = w - 4 * m.pad
        left_w = round(width * 0.52)
        tabs = row(pygame.Rect(x, y, min(left_w, m.px(440)), bh), 2, m.gap)
        self.button(tabs[0], "Tracks", lambda: self.show(False), key="tracks",
                    selected=not self.relations)
        self.button(tabs[1], "Relations", lambda: self.show(True), key="relations",
                    selected=self.relations)
        self.chart_rect = pygame.Rect(x, y + bh + m.gap, left_w, bottom - y - bh - m.gap * 3)
        self.chart = self._chart()
        right = pygame.Rect(x + left_w + m.pad * 2, y, width - left_w - m.pad * 2,
                            bottom - y - m.gap * 2)
        self.textbox(right, self._story_html(), cls="@panel_text")
        labels = [("Save the game record", self.save, "save"), ("Play again", self.again, "again"),
                  ("Title screen", self.title, "title")]
        font = self.theme.font(m.body)
        bx = x
        for text, action, key in labels:
            bw = font.size(text)[0] + m.px(48)
            self.button(pygame.Rect(bx, bottom, bw, bh), text, action, key=key)
            bx += bw + m.gap * 2
        if self.note:
            self.label(pygame.Rect(bx, bottom, max(w - bx - m.pad * 2, 10), bh), self.note,
                       cls="@muted")
        self.default_key = "save"

    def _story_html(self) -> str:
        s = self.s
        r = s.state.result
        accent = self.theme.hex("accent")
        good, bad, muted = self.theme.hex("good"), self.theme.hex("bad"), self.theme.hex("muted")
        parts = []
        if r is not None:
            parts.append(esc(r.text))
            for v in r.verdict:
                parts.append(f"<br>\u2022 {esc(v)}")
        if self.baseline is not None:
            parts.append(f"<br><br>Cambodia's real choices, replayed on this seed, score "
                         f"<b>{self.baseline:.0f}</b>.")
        every = s.choice_rows()
        rows = [c for c in every if c.history is not None]
        if rows:
            same = sum(c.same for c in rows)
            parts.append(f"<br><br><font color='{accent}'><b>Your choices and what Cambodia "
                         f"did</b></font><br>You chose as Cambodia did on {same} of "
                         f"{len(rows)} historic cards.")
            for c in rows:
                parts.append(f"<br><b>{esc(c.month)}: {esc(c.card)}</b><br>You: {esc(c.yours)}")
                if c.history is not None:
                    mark = (f"<font color='{good}'>(the same)</font>" if c.same
                            else f"<font color='{bad}'>(different)</font>")
                    parts.append(f"<br>Cambodia: {esc(c.history)} {mark}")
                if c.note:
                    parts.append(f"<br><font color='{muted}'><i>{esc(c.note)}</i></font>")
        return "".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        draw.line_chart(surface, self.theme, self.chart_rect, *self.chart,
                        self.theme.font(self.m.small))

    def _chart(self) -> tuple[list[tuple[str, list[int], pygame.Color]], list[str], int, int]:
        """The chart's lines, month labels and value range (computed once per build)."""
        s = self.s
        th = self.theme
        targets = s.chart_targets(self.relations)
        data = s.series(targets)
        rs = s.ruleset
        colors = th.series
        series = []
        for i, t in enumerate(targets):
            if t not in data:
                continue
            color = colors[i % len(colors)]
            if t.startswith("rel.") and not th.high_contrast:
                a = rs.actors[t[4:]]
                if a.color:
                    color = pygame.Color(a.color)
            series.append((s.label(t, short=True), data[t], color))
        months = s.months()
        n = max((len(v) for _, v, _ in series), default=1)
        labels = ["Start"] + [MONTHS[months[min(i, len(months)) - 1] - 1][:3]
                              for i in range(1, n)]
        if self.relations:
            lo = min([a.relation.min for a in rs.actors.values()] or [-100])
            hi = max([a.relation.max for a in rs.actors.values()] or [100])
        else:
            tracks = [rs.tracks[t] for t in targets]
            lo = min([t.min for t in tracks] or [0])
            hi = max([t.max for t in tracks] or [100])
        return series, labels, lo, hi

    def show(self, relations: bool) -> None:
        self.relations = relations
        self.rebuild()

    def save(self) -> None:
        try:
            path = self.s.save_as(label="record")
            self.note = f"Saved {path.name}"
        except OSError as exc:
            self.note = f"Could not save: {exc.strerror}"
        self.rebuild()

    def again(self) -> None:
        from .title import NewGameScene, TitleScene

        self.app.reset(TitleScene(self.app))
        self.app.push(NewGameScene(self.app))

    def title(self) -> None:
        from .title import TitleScene

        self.app.reset(TitleScene(self.app))

    def on_escape(self) -> None:
        from .menu import MenuScene

        self.app.push(MenuScene(self.app))
