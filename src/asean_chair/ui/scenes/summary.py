"""The month's summary: what changed and why; select a change to see its cause."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from ..layout import Column, centered
from ..scene import Scene, esc
from ..session import MONTHS, Change, Session, signed
from .common import panel


class MonthSummaryScene(Scene):
    """An overlay over the board after each month (and on demand, key C)."""

    opaque = False
    name = "summary"

    def __init__(self, app: object, turn: int, closing: bool = True) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.turn = turn
        self.closing = closing
        s = self.s
        self.changes: list[Change] = s.changes_in(turn)
        self.items = [self._item(i, c) for i, c in enumerate(self.changes, 1)]
        self.selected = 0 if self.changes else -1
        self.detail: pygame_gui.elements.UITextBox | None = None

    @property
    def s(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    def _item(self, i: int, c: Change) -> str:
        return f"{i}. {c.label} {signed(c.entry.delta)}  \u2014  {c.cause}"

    def month(self) -> int:
        months = self.s.months()
        return months[min(self.turn, len(months)) - 1]

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        self.box = centered(w - 2 * m.pad * 3, h - 2 * m.pad * 2, self.app.screen.get_rect())
        box = self.box
        name = f"{MONTHS[self.month() - 1]}"
        year = self.s.scenario.year
        title = f"{name} {year}" if year else name
        col = Column(box.x + m.pad * 2, box.y + m.pad, box.width - 4 * m.pad, m.gap)
        self.label(col.take(m.line(m.title)),
                   f"{title}: what changed and why" if self.closing else f"{title} so far",
                   obj="#screen_title")
        net = self._net_html()
        tb = self.textbox(col.take(-1), net)
        col.placed(tb.rect)
        bh = m.button_h
        bottom = box.bottom - m.pad - bh
        area = pygame.Rect(col.x, col.y, col.width, bottom - col.y - m.gap)
        list_w = round(area.width * 0.5)
        if self.changes:
            sel = self.items[self.selected] if self.selected >= 0 else None
            self.list = self.selection(pygame.Rect(area.x, area.y, list_w, area.height),
                                       self.items, key="changes", selected=sel)
            self.detail = self.textbox(pygame.Rect(area.x + list_w + m.pad, area.y,
                                                   area.width - list_w - m.pad, area.height),
                                       self._detail_html(), cls="@panel_text")
        else:
            self.detail = self.textbox(area, "Nothing you can see moved this month."
                                       + self._news_html(), cls="@panel_text")
        nxt = self._next_label()
        bw = min(self.theme.font(m.body).size(nxt)[0] + m.px(60), col.width)
        self.button(pygame.Rect(col.x, bottom, bw, bh), nxt, self.close, key="continue")
        self.default_key = "continue"

    def _next_label(self) -> str:
        st = self.s.state
        if not self.closing:
            return "Back to the board"
        if st.is_over:
            return "See how the year went"
        return f"Continue to {MONTHS[st.month - 1]}"

    def _net_html(self) -> str:
        s = self.s
        net: dict[str, int] = {}
        for c in self.changes:
            if c.entry.target:
                net[c.entry.target] = net.get(c.entry.target, 0) + c.entry.delta
        good, bad = self.theme.hex("good"), self.theme.hex("bad")
        bits = []
        for target, d in net.items():
            if d and target != "capital":
                color = good if d > 0 else bad
                bits.append(f"<font color='{color}'><b>{esc(s.label(target, True))} "
                            f"{signed(d)}</b></font>")
        if not bits:
            return "Over the month, nothing moved in the end. Select a change below to see why."
        return ("Over the month: " + "  \u00b7  ".join(bits) +
                "<br><i>Select a change to see what caused it.</i>")

    def _detail_html(self) -> str:
        if not 0 <= self.selected < len(self.changes):
            return "Select a change."
        c = self.changes[self.selected]
        e = c.entry
        s = self.s
        accent = self.theme.hex("accent")
        parts = [(f"<b>{esc(c.label)}</b> went from {e.before} to {e.after} "
                  f"(<b>{signed(e.delta)}</b>).")]
        parts.append(f"<br><font color='{accent}'><b>Why:</b></font> {esc(c.cause)} "
                     f"({esc(c.cause_kind)}).")
        if e.cause.kind == "option":
            card_id, _, option_id = e.cause.id.partition("/")
            card = s.ruleset.cards.get(card_id)
            if card is not None:
                opt = next((o for o in card.options if o.id == option_id), None)
                parts.append(f"<br><b>Card:</b> {esc(card.title)}")
                if opt is not None:
                    parts.append(f"<br><b>Option:</b> {esc(opt.label)}")
        elif e.cause.kind == "action":
            act = s.ruleset.actions.get(e.cause.id)
            if act is not None and act.text:
                parts.append(f"<br><b>Action:</b> {esc(act.text)}")
        elif e.cause.kind in ("rule", "spill", "modifier"):
            rule = s.ruleset.rules.get(e.cause.id)
            if rule is not None and rule.text:
                parts.append(f"<br><b>Rule:</b> {esc(rule.text)}")
            elif e.cause.kind == "spill":
                parts.append("<br>A gain with one power costs you some favour with its rival.")
        if c.where:
            parts.append(f"<br><font color='{self.theme.hex('muted')}'>Written in "
                         f"{esc(_short_path(c.where))}</font>")
        return "".join(parts) + self._news_html()

    def _news_html(self) -> str:
        msgs = [e.text for e in self.s.messages_in(self.turn)
                if not e.text.startswith(("You chose:", "Action:"))]
        if not msgs:
            return ""
        accent = self.theme.hex("accent")
        return (f"<br><br><font color='{accent}'><b>News this month</b></font><br>" +
                "<br>".join(esc(t) for t in msgs))

    def on_ui(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            text = getattr(event, "text", "")
            if text in self.items:
                self.selected = self.items.index(text)
                if self.detail is not None:
                    self.detail.set_text(self._detail_html())
                return True
        return super().on_ui(event)

    def draw(self, surface: pygame.Surface) -> None:
        panel(surface, self, self.box)
        self.draw_backdrops(surface)

    def close(self) -> None:
        if self.closing and self.s.state.is_over:
            from .debrief import DebriefScene

            self.app.pop()
            self.app.push(DebriefScene(self.app))
            return
        self.app.pop()

    def on_escape(self) -> None:
        self.close()


def _short_path(where: str) -> str:
    """A pack file path shortened to ``pack/file.yaml:line``."""
    path, sep, line = where.rpartition(":")
    if not sep:
        return where
    p = Path(path)
    return f"{p.parent.name}/{p.name}:{line}" if p.parent.name else where
