"""The briefing: the situation, what each track means, how to win and lose."""

from __future__ import annotations

import pygame

from ..layout import row
from ..scene import Scene, esc
from ..session import MONTHS
from .common import screen_title


class BriefingScene(Scene):
    """Shown before the first month, and from the menu."""

    name = "briefing"

    def __init__(self, app: object, then_board: bool = False) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.then_board = then_board

    def build(self) -> None:
        m = self.m
        s = self.app.session
        assert s is not None
        sc = s.scenario
        rs = s.ruleset
        w, h = self.app.screen.get_size()
        months = s.months()
        first, last = MONTHS[months[0] - 1], MONTHS[months[-1] - 1]
        year = f" {sc.year}" if sc.year else ""
        sub = (f"{len(months)} months, {first} to {last}{year}  \u00b7  seed {s.state.game.seed}"
               f"  \u00b7  {rs.main_pack.name}")
        y = screen_title(self, sc.name, sub)
        bh = m.button_h
        bottom = h - m.pad * 2 - bh
        x = m.pad * 2
        cols = row(pygame.Rect(x, y, w - 4 * m.pad, bottom - y - m.gap * 2), 2, m.pad * 2)
        accent = self.theme.hex("accent")
        bad = self.theme.hex("bad")
        left = [f"<font color='{accent}'><b>The situation</b></font><br>{esc(sc.briefing.strip())}"]
        cap = sc.capital
        left.append(
            f"<br><br><font color='{accent}'><b>Each month</b></font><br>"
            f"Event cards arrive one by one: pick one option on each (keys 1-4). Options may "
            f"cost {esc(cap.name.lower())}; you get more every month (at most {cap.max}). "
            f"Then use diplomacy: up to {sc.actions_per_turn} action"
            f"{'s' * (sc.actions_per_turn != 1)} a month, each at most once a month, and end the "
            f"month. Hints show which "
            f"way an option moves things: <b>+</b> up, <b>\u2212</b> down, <b>?</b> it depends "
            f"on luck.")
        defeats = [e for e in sc.endings if e.defeat]
        left.append(f"<br><br><font color='{accent}'><b>How to win and lose</b></font><br>"
                    f"Reach the end of {last} with the best score you can: it adds up your "
                    f"tracks and relations, so keep every partner on side.")
        if defeats:
            items = "".join(f"<br>\u2022 <font color='{bad}'><b>{esc(e.title)}</b></font>: "
                            f"{esc(e.text)}" for e in defeats)
            left.append(f"<br>You lose at once with:{items}")
        tiers = ", ".join(f"{esc(t.name)}" + (f" ({t.min_score:g}+)" if t.min_score > -100 else "")
                          for t in sc.tiers)
        left.append(f"<br>Ranks, best first: {tiers}.")
        self.textbox(cols[0], "".join(left), cls="@panel_text")
        right = [f"<font color='{accent}'><b>What you look after</b></font>"]
        for t in rs.tracks.values():
            if not t.visible:
                continue
            danger = ""
            if t.danger and t.danger.below is not None:
                danger = f" <font color='{bad}'>Danger at {t.danger.below} or less.</font>"
            elif t.danger and t.danger.above is not None:
                danger = f" <font color='{bad}'>Danger at {t.danger.above} or more.</font>"
            right.append(f"<br><b>{esc(t.name)}</b> ({t.start} of {t.max}): "
                         f"{esc(t.description)}{danger}")
        right.append(f"<br><br><font color='{accent}'><b>Relations</b></font> "
                     "(bars centred at 0: warm to the right, cold to the left)")
        for a in rs.actors.values():
            rivals = ""
            if a.rivals:
                names = ", ".join(rs.actors[r].short or rs.actors[r].name
                                  for r in a.rivals if r in rs.actors)
                rivals = f" Warming up to them cools {esc(names)}."
            right.append(f"<br><b>{esc(a.name)}</b>: {esc(a.description)}{rivals}")
        self.textbox(cols[1], "".join(right), cls="@panel_text")
        text = "Begin the year" if self.then_board else "Back to the game"
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
