"""The month's summary: what changed and why; select a change to see its cause."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from ..i18n import digits, t
from ..layout import Column, centered
from ..scene import Scene, esc
from ..session import Change, Session, signed
from .common import panel

if TYPE_CHECKING:
    from ..context import SceneContext


class MonthSummaryScene(Scene):
    """An overlay over the board after each month (and on demand, key C)."""

    opaque = False
    name = "summary"

    def __init__(self, app: SceneContext, turn: int, closing: bool = True) -> None:
        super().__init__(app)
        self.turn = turn
        self.closing = closing
        s = self.s
        self.changes: list[Change] = s.changes_in(turn)
        self.items = [digits(self._item(i, c)) for i, c in enumerate(self.changes, 1)]
        self.selected = 0 if self.changes else -1
        self.detail: pygame_gui.elements.UITextBox | None = None

    @property
    def s(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    def _item(self, i: int, c: Change) -> str:
        return f"{i}. {c.label} {signed(c.entry.delta)}  \u2014  {c.cause}"

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        self.box = centered(w - 2 * m.pad * 3, h - 2 * m.pad * 2, self.app.screen.get_rect())
        box = self.box
        title = self.s.turn_name(min(self.turn, self.s.scenario.turns))
        col = Column(box.x + m.pad * 2, box.y + m.pad, box.width - 4 * m.pad, m.gap)
        self.label(col.take(m.line(m.title)),
                   t("summary.title", month=title) if self.closing
                   else t("summary.so_far", month=title),
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
            self.detail = self.textbox(area, esc(self.tw("summary.nothing")) + self._news_html(),
                                       cls="@panel_text")
        nxt = self._next_label()
        bw = min(self.theme.font(m.body).size(nxt)[0] + m.px(60), col.width)
        self.button(pygame.Rect(col.x, bottom, bw, bh), nxt, self.close, key="continue")
        self.default_key = "continue"

    def _next_label(self) -> str:
        st = self.s.state
        if not self.closing:
            return t("summary.back")
        if st.is_over:
            return t("summary.see_year")
        return t("summary.continue", month=self.s.turn_name(st.turn, year=False))

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
            return esc(self.tw("summary.net_nothing"))
        return (esc(self.tw("summary.net")) + " " + "  \u00b7  ".join(bits) +
                f"<br><i>{esc(t('summary.select'))}</i>")

    def _detail_html(self) -> str:
        if not 0 <= self.selected < len(self.changes):
            return esc(t("summary.select_one"))
        c = self.changes[self.selected]
        e = c.entry
        s = self.s
        accent = self.theme.hex("accent")

        def field(key: str, value: str) -> str:
            return f"<br><b>{esc(t(key))}</b> {esc(value)}"

        parts = [esc(t("summary.went", label=c.label, before=e.before, after=e.after,
                       delta=signed(e.delta)))]
        parts.append(f"<br><font color='{accent}'><b>{esc(t('summary.why'))}</b></font> "
                     f"{esc(c.cause)} ({esc(c.cause_kind)}).")
        if e.cause.kind == "option":
            card_id, _, option_id = e.cause.id.partition("/")
            card = s.ruleset.cards.get(card_id)
            if card is not None:
                opt = next((o for o in card.options if o.id == option_id), None)
                parts.append(field("summary.card", card.title))
                if opt is not None:
                    parts.append(field("summary.option", opt.label))
        elif e.cause.kind == "action":
            act = s.ruleset.actions.get(e.cause.id)
            if act is not None and act.text:
                parts.append(field("summary.action", act.text))
        elif e.cause.kind in ("rule", "spill", "modifier"):
            rule = s.ruleset.rules.get(e.cause.id)
            if rule is not None and rule.text:
                parts.append(field("summary.rule", rule.text))
            elif e.cause.kind == "spill":
                parts.append("<br>" + esc(t("summary.spill")))
        if c.where and s.modder:
            # Pack files and lines are for modders (Settings: modder's mode).
            parts.append(f"<br><font color='{self.theme.hex('muted')}'>"
                         f"{esc(t('summary.written_in', where=_short_path(c.where)))}</font>")
        return "".join(parts) + self._news_html()

    def _news_html(self) -> str:
        msgs = [self.s.log_text(e) for e in self.s.messages_in(self.turn)
                if not e.text.startswith(("You chose:", "Action:"))]
        if not msgs:
            return ""
        accent = self.theme.hex("accent")
        return (f"<br><br><font color='{accent}'><b>{esc(self.tw('summary.news'))}</b></font><br>" +
                "<br>".join(esc(m) for m in msgs))

    def on_ui(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            text = getattr(event, "text", "")
            if text in self.items:
                self.selected = self.items.index(text)
                if self.detail is not None:
                    self.detail.set_text(self.breakable(self._detail_html()))
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
