"""The end of the year (or of a lesson ended early): score, tier and verdict,
a chart of every track over the months, the player's choices beside what
really happened (and the class's votes), and saving the record, a team's
result file and the printable debrief page.

The story is shown a page at a time: a text box holds its whole text as
one picture, so one long box would cost tens of megabytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from ...bots import history_baseline
from .. import draw
from ..i18n import t
from ..layout import row
from ..scene import Scene, esc
from ..session import Session
from ..vote import letter
from .common import screen_title

if TYPE_CHECKING:
    from ..context import SceneContext

_TAG = re.compile(r"<[^>]+>")


class DebriefScene(Scene):
    """The debrief after the last month, a defeat, or a lesson ended early."""

    name = "debrief"

    def __init__(self, app: SceneContext) -> None:
        super().__init__(app)
        self.relations = False
        self.page = 0
        self.pages: list[str] = []
        self.note = ""
        self.result_note = ""
        s = self.s
        try:
            self.baseline = history_baseline(s.state) if s.state.is_over else None
        except Exception:  # noqa: BLE001 - a bot failing must not take the debrief with it
            self.baseline = None
        if s.team is not None and s.state.is_over:
            try:
                path = s.save_team_result()
                self.result_note = t("debrief.team_saved", team=s.team.name, path=str(path))
            except OSError as exc:
                self.result_note = t("debrief.team_failed", why=exc.strerror or exc)

    @property
    def s(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    # ------------------------------------------------------------ layout

    def build(self) -> None:
        m = self.m
        s = self.s
        st = s.state
        r = st.result
        w, h = self.app.screen.get_size()
        if r is None:
            title = t("debrief.ended_title", month=s.turn_name())
            sub = t("debrief.ended_sub", n=st.turn, total=s.scenario.turns,
                    score=f"{st.score:.0f}")
        else:
            title = (t("debrief.defeat") + " " if r.defeat else "") + r.title
            sub = t("debrief.rank", rank=r.tier_name, score=f"{r.score:.0f}")
        y = screen_title(self, title, sub)
        bh = m.button_h
        x = m.pad * 2
        width = w - 4 * m.pad
        bottom = h - m.pad * 2 - bh
        notes = [n for n in (self.result_note, self.note) if n]
        if notes:
            tb = self.textbox(pygame.Rect(x, bottom, width, -1),
                              "<br>".join(esc(n) for n in notes), cls="@status")
            height = tb.rect.height
            tb.kill()
            self.backdrops.pop()
            bottom -= height + m.gap
            self.textbox(pygame.Rect(x, bottom, width, height),
                         "<br>".join(esc(n) for n in notes), cls="@status")
        left_w = round(width * 0.52)
        tabs = row(pygame.Rect(x, y, min(left_w, m.px(440)), bh), 2, m.gap)
        self.button(tabs[0], t("debrief.tracks"), lambda: self.show(False), key="tracks",
                    selected=not self.relations)
        self.button(tabs[1], t("debrief.relations"), lambda: self.show(True), key="relations",
                    selected=self.relations)
        self.chart_rect = pygame.Rect(x, y + bh + m.gap, left_w, bottom - y - bh - m.gap * 3)
        self.chart = self._chart()
        right = pygame.Rect(x + left_w + m.pad * 2, y, width - left_w - m.pad * 2,
                            bottom - y - m.gap * 2)
        self.pages = self._paginate(self._story_blocks(), right.width,
                                    right.height - bh - m.gap)
        self.page = min(self.page, len(self.pages) - 1)
        self.textbox(pygame.Rect(right.x, right.y, right.width, right.height - bh - m.gap),
                     self.pages[self.page], cls="@story")
        nav = pygame.Rect(right.x, right.bottom - bh, right.width, bh)
        if len(self.pages) > 1:
            third = row(nav, 3, m.gap)
            self.button(third[0], t("debrief.prev"), lambda: self.turn_page(-1), key="prev",
                        enabled=self.page > 0)
            self.label(third[1], t("debrief.page", n=self.page + 1, total=len(self.pages)),
                       cls="@muted")
            self.button(third[2], t("debrief.next"), lambda: self.turn_page(1), key="next",
                        enabled=self.page < len(self.pages) - 1)
        self._buttons(x, h - m.pad * 2 - bh, width)
        self.default_key = "back" if not st.is_over else "html"

    def _buttons(self, x: int, y: int, width: int) -> None:
        m = self.m
        bh = m.button_h
        over = self.s.state.is_over
        labels: list[tuple[str, Callable[[], None], str]] = [
            (t("debrief.save_html"), self.save_html, "html"),
            (t("debrief.save_record"), self.save, "save")]
        if over:
            labels.append((t("debrief.again"), self.again, "again"))
        else:
            labels.insert(0, (t("debrief.back"), self.app.pop, "back"))
        labels.append((t("debrief.title"), self.title, "title"))
        cls = None
        font = self.theme.font(m.body)
        gap = m.gap * 2
        widths = [font.size(text)[0] + m.px(40) for text, _, _ in labels]
        if sum(widths) + gap * (len(labels) - 1) > width:
            # Too wide in one row at body size: share the row, in smaller type.
            cls = "@small"
            small = self.theme.font(m.small)
            widths = [small.size(text)[0] + m.px(24) for text, _, _ in labels]
            spare = max(width - sum(widths) - gap * (len(labels) - 1), 0) // len(labels)
            widths = [w + spare for w in widths]
        bx = x
        for bw, (text, action, key) in zip(widths, labels):
            self.button(pygame.Rect(bx, y, bw, bh), text, action, key=key, cls=cls,
                        tooltip=esc(t(f"debrief.{key}_tip")))
            bx += bw + gap

    # ------------------------------------------------------------- story

    def _story_blocks(self) -> list[str]:
        """The story in pieces that are never split across pages."""
        s = self.s
        r = s.state.result
        accent = self.theme.hex("accent")
        good, bad, muted = self.theme.hex("good"), self.theme.hex("bad"), self.theme.hex("muted")
        blocks: list[str] = []
        if r is not None:
            blocks.append(esc(r.text) + "".join(f"<br>\u2022 {esc(v)}" for v in r.verdict))
        else:
            blocks.append(esc(t("debrief.ended_text")))
        if self.baseline is not None:
            blocks.append(t("debrief.baseline", score=f"<b>{self.baseline:.0f}</b>"))
        votes = {(v["turn"], v["card"]): v for v in s.votes}
        every = s.choice_rows()
        rows = [c for c in every if c.history is not None]
        if rows:
            same = sum(c.same for c in rows)
            blocks.append(f"<font color='{accent}'><b>{esc(t('debrief.choices_head'))}</b>"
                          f"</font><br>{esc(t('debrief.same_count', same=same, n=len(rows)))}")
        turns = [(turn, card) for turn, card, _ in s.state.choices_made]
        for i, c in enumerate(every):
            vote = votes.get(turns[i]) if i < len(turns) else None
            if c.history is None and vote is None:
                continue
            part = [f"<b>{esc(c.month)}: {esc(c.card)}</b>",
                    f"<br>{esc(t('debrief.you', choice=c.yours))}"]
            if vote is not None:
                part.append("<br>" + self._vote_html(turns[i][1], vote))
            if c.history is not None:
                mark = (f"<font color='{good}'>{esc(t('debrief.same'))}</font>" if c.same
                        else f"<font color='{bad}'>{esc(t('debrief.different'))}</font>")
                part.append(f"<br>{esc(t('debrief.real', choice=c.history))} {mark}")
            if c.note:
                part.append(f"<br><font color='{muted}'><i>{esc(c.note)}</i></font>")
            blocks.append("".join(part))
        return blocks

    def _vote_html(self, card_id: str, vote: dict[str, Any]) -> str:
        card = self.s.ruleset.cards.get(card_id)
        order = [o.id for o in card.options] if card is not None else list(vote["tallies"])
        bits = [f"{letter(order.index(o)) if o in order else o} {n}"
                for o, n in vote["tallies"].items()]
        text = t("debrief.class_vote", votes=" \u00b7 ".join(bits))
        if vote.get("tie_broken"):
            text += " " + t("debrief.tie_broken")
        return esc(text)

    def _paginate(self, blocks: list[str], width: int, height: int) -> list[str]:
        """The story's lines gathered into pages that fit ``height`` (estimated
        with the same font). Pages are filled; a block's first two lines are
        never left alone at the bottom of a page."""
        m = self.m
        font = self.theme.font(m.small)
        # pygame_gui's rows, with the theme's line spacing, come out at about this height.
        line = round(font.get_linesize() * 1.18)
        room = max(height - m.px(16) - line, line * 3)  # a line spare: wraps may differ

        def lines_of(piece: str) -> int:
            text = html.unescape(_TAG.sub("", piece))
            return max(1, len(draw.wrap(font, text, width - m.px(48))))

        pages: list[list[str]] = [[]]
        used = 0
        for block in blocks:
            parts = block.split("<br>")
            head = sum(lines_of(p) for p in parts[:2]) * line
            if pages[-1]:
                if used + line + head > room:
                    pages.append([])
                    used = 0
                else:
                    pages[-1].append("")
                    used += line
            for part in parts:
                h = lines_of(part) * line
                if pages[-1] and used + h > room:
                    pages.append([])
                    used = 0
                pages[-1].append(part)
                used += h
        return ["<br>".join(p) for p in pages if p] or [""]

    # ------------------------------------------------------------- chart

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
        for i, target in enumerate(targets):
            if target not in data:
                continue
            color = colors[i % len(colors)]
            if target.startswith("rel.") and not th.high_contrast:
                a = rs.actors[target[4:]]
                if a.color:
                    color = pygame.Color(a.color)
            series.append((s.label(target, short=True), data[target], color))
        n = max((len(v) for _, v, _ in series), default=1)
        labels = [t("debrief.start")] + [s.turn_short(i) for i in range(1, n)]
        if self.relations:
            lo = min([a.relation.min for a in rs.actors.values()] or [-100])
            hi = max([a.relation.max for a in rs.actors.values()] or [100])
        else:
            tracks = [rs.tracks[tg] for tg in targets]
            lo = min([tr.min for tr in tracks] or [0])
            hi = max([tr.max for tr in tracks] or [100])
        return series, labels, lo, hi

    # ----------------------------------------------------------- actions

    def show(self, relations: bool) -> None:
        self.relations = relations
        self.rebuild()

    def turn_page(self, step: int) -> None:
        self.page = max(0, min(self.page + step, len(self.pages) - 1))
        self.rebuild()

    def save(self) -> None:
        try:
            path = self.s.save_as(label="record")
            self.note = t("debrief.saved", path=str(path))
        except OSError as exc:
            self.note = t("debrief.save_failed", why=exc.strerror or exc)
        self.rebuild()

    def save_html(self) -> None:
        try:
            path = self.s.save_debrief()
            self.note = t("debrief.html_saved", path=str(path))
        except OSError as exc:
            self.note = t("debrief.save_failed", why=exc.strerror or exc)
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

        if not self.s.state.is_over:
            self.app.pop()
            return
        self.app.push(MenuScene(self.app))

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_PAGEDOWN and len(self.pages) > 1:
            self.turn_page(1)
            return True
        if event.key == pygame.K_PAGEUP and len(self.pages) > 1:
            self.turn_page(-1)
            return True
        return False
