"""The briefing: the situation, what each track means, how to win and lose."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ..i18n import t
from ..layout import row
from ..scene import Scene, esc
from .common import screen_title

if TYPE_CHECKING:
    from ..context import SceneContext


class BriefingScene(Scene):
    """Shown before the first month, and from the menu."""

    name = "briefing"

    def __init__(self, app: SceneContext, then_board: bool = False) -> None:
        super().__init__(app)
        self.then_board = then_board

    def build(self) -> None:
        m = self.m
        s = self.app.session
        assert s is not None
        sc = s.scenario
        rs = s.ruleset
        w, h = self.app.screen.get_size()
        first_turn, last_turn = s.first_turn, s.last_turn
        first = s.turn_name(first_turn, year=False)
        last = s.turn_name(last_turn, year=True)
        bits = [self.twn("briefing.turns", s.state.game.length, first=first, last=last,
                         count=s.unit_count(s.state.game.length)),
                t("briefing.seed", seed=s.state.game.seed), rs.main_pack.name]
        game = s.state.game
        if game.preset:
            bits.append(next((p.name for p in rs.scenario(sc.id).presets if p.id == game.preset),
                             game.preset))
        if game.difficulty:
            bits.append(next((d.name for d in sc.difficulties if d.id == game.difficulty),
                             game.difficulty))
        if s.team is not None:
            bits.append(t("briefing.team", team=s.team.name))
        y = screen_title(self, sc.name, "  \u00b7  ".join(bits))
        bh = m.button_h
        bottom = h - m.pad * 2 - bh
        x = m.pad * 2
        cols = row(pygame.Rect(x, y, w - 4 * m.pad, bottom - y - m.gap * 2), 2, m.pad * 2)
        accent = self.theme.hex("accent")
        bad = self.theme.hex("bad")

        def head(key: str) -> str:
            return f"<font color='{accent}'><b>{esc(t(key))}</b></font>"

        def head_words(key: str) -> str:
            return f"<font color='{accent}'><b>{esc(self.tw(key))}</b></font>"

        left = [f"{head('briefing.situation')}<br>{esc(sc.briefing.strip())}"]
        cap = sc.capital
        each = self.tw("briefing.each_month_vote" if self.app.vote_mode
                       else "briefing.each_month",
                       capital=sc.words.currencies, max=cap.max,
                       actions_word=sc.words.actions.lower(),
                       actions=self.twn("briefing.actions", sc.actions_per_turn))
        left.append(f"<br><br>{head_words('briefing.each_month_head')}<br>" + esc(each))
        left.append(" " + t("briefing.hints_html"))
        defeats = [e for e in sc.endings if e.defeat]
        left.append(f"<br><br>{head('briefing.win_lose')}<br>"
                    + esc(t("briefing.win", last=s.turn_name(last_turn, year=False),
                            relations_word=sc.words.relations.lower())))
        if defeats:
            items = "".join(f"<br>\u2022 <font color='{bad}'><b>{esc(e.title)}</b></font>: "
                            f"{esc(e.text)}" for e in defeats)
            left.append(f"<br>{esc(t('briefing.lose_at_once'))}{items}")
        tiers = ", ".join(tier.name + (f" ({tier.min_score:g}+)" if tier.min_score > -100 else "")
                          for tier in sc.tiers)
        left.append("<br>" + esc(t("briefing.ranks", tiers=tiers)))
        box = self.textbox(cols[0], "".join(left), cls="@panel_text")
        self.reader(box, "situation")
        right = [head("briefing.look_after")]
        for tr in rs.tracks.values():
            if not tr.visible:
                continue
            danger = ""
            if tr.danger and tr.danger.below is not None:
                danger = (f" <font color='{bad}'>"
                          f"{esc(t('briefing.danger_below', n=tr.danger.below))}</font>")
            elif tr.danger and tr.danger.above is not None:
                danger = (f" <font color='{bad}'>"
                          f"{esc(t('briefing.danger_above', n=tr.danger.above))}</font>")
            right.append(f"<br><b>{esc(tr.name)}</b> "
                         f"{esc(t('briefing.of', start=tr.start, max=tr.max))}: "
                         f"{esc(tr.description)}{danger}")
        right.append(f"<br><br><font color='{accent}'><b>{esc(sc.words.relations)}</b></font> "
                     f"{esc(t('briefing.relations_how'))}")
        for a in rs.actors.values():
            rivals = ""
            if a.rivals:
                names = ", ".join(rs.actors[r].short or rs.actors[r].name
                                  for r in a.rivals if r in rs.actors)
                rivals = " " + esc(t("briefing.rivals", names=names))
            right.append(f"<br><b>{esc(a.name)}</b>: {esc(a.description)}{rivals}")
        box = self.textbox(cols[1], "".join(right), cls="@panel_text")
        self.reader(box, "tracks")
        text = t("briefing.begin") if self.then_board else t("briefing.back")
        self.button(pygame.Rect(x, bottom, min(m.px(360), w - 4 * m.pad), bh), text, self.go,
                    key="go")
        self.default_key = "go"

    def go(self) -> None:
        if self.then_board:
            from .board import BoardScene

            self.app.replace(BoardScene(self.app))
        else:
            self.app.pop()

    def on_escape(self) -> None:
        self.go()
