"""The board: the month, the calendar, tracks and relations, the card or
the diplomacy of this month, the queue of cards and the log.

The left and right columns and the card header are drawn from the game
state; options, actions and the log are pygame_gui widgets. Number keys
pick options (1-9) and 0 ends the month.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame
import pygame_gui
from pygame_gui.elements import UIImage, UIScrollingContainer

from ...engine import Action, Choice, IllegalAction, LogEntry
from .. import draw
from ..layout import Column
from ..scene import Scene, esc
from ..session import MINUS, MONTHS, Session, signed
from .common import panel

NBSP = "\u00a0"
NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{i}"): i for i in range(10)})


class BoardScene(Scene):
    """The main screen of a game."""

    name = "board"

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.rects: dict[str, pygame.Rect] = {}
        self.choices: list[Choice] = []
        self.scroll: UIScrollingContainer | None = None
        self._bg: pygame.Surface | None = None

    @property
    def s(self) -> Session:
        """The game being played."""
        assert self.app.session is not None
        return self.app.session

    # ------------------------------------------------------------ layout

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        st = self.s.state
        self._bg = None
        bar_h = m.button_h + m.px(16)
        cal_h = m.line(m.small) + m.px(8)
        top = bar_h + m.gap + cal_h + m.gap * 2
        left_w = round(w * 0.30)
        right_w = round(w * 0.22)
        self.rects = {
            "bar": pygame.Rect(0, 0, w, bar_h),
            "calendar": pygame.Rect(m.pad, bar_h + m.gap, w - 2 * m.pad, cal_h),
            "left": pygame.Rect(m.pad, top, left_w, h - top - m.pad),
            "right": pygame.Rect(w - m.pad - right_w, top, right_w, h - top - m.pad),
        }
        center_x = m.pad * 2 + left_w
        self.rects["center"] = pygame.Rect(center_x, top, w - center_x - right_w - 2 * m.pad,
                                           h - top - m.pad)
        self._build_bar()
        self._build_left()
        if st.pending.kind == "event":
            self._build_card()
        elif st.pending.kind == "diplomacy":
            self._build_diplomacy()
        else:
            self._build_over()
        self._build_right()

    def _build_bar(self) -> None:
        m = self.m
        bar = self.rects["bar"]
        bh = m.button_h
        y = bar.y + (bar.height - bh) // 2
        font = self.theme.font(m.body)
        x = bar.right - m.pad
        undo_ok = bool(self.s.state.history)
        for text, action, key, tip, enabled in (
                ("Menu", self.menu, "menu", "Save, settings, briefing, quit (Esc)", True),
                ("Changes", self.summary, "changes",
                 "What changed this month, and why (C)", True),
                ("Undo", self.undo, "undo", "Take back your last decision (U)", undo_ok)):
            bw = font.size(text)[0] + m.px(36)
            x -= bw
            self.button(pygame.Rect(x, y, bw, bh), text, action, key=key, tooltip=tip,
                        enabled=enabled)
            x -= m.gap
        self.rects["bar_buttons_x"] = pygame.Rect(x, y, 0, bh)

    def _hotspot(self, rect: pygame.Rect, tip: str) -> None:
        img = UIImage(rect, pygame.Surface(rect.size, pygame.SRCALPHA), self.ui)
        img.set_tooltip(tip)

    def _build_left(self) -> None:
        """Tooltip areas over the meters and milestones (which are drawn, not widgets)."""
        rs = self.s.ruleset
        cal = self.rects["calendar"]
        months = self.s.months()
        n = max(len(months), 1)
        gap = max(2, cal.width // 300)
        cell_w = (cal.width - gap * (n - 1)) / n
        for ms in self.s.scenario.milestones:
            for i, mo in enumerate(months):
                if mo == ms.month:
                    cell = pygame.Rect(round(cal.x + i * (cell_w + gap)), cal.y, int(cell_w),
                                       cal.height)
                    self._hotspot(cell, f"<b>{esc(MONTHS[mo - 1])}: {esc(ms.name)}</b>"
                                        + (f"<br>{esc(ms.text)}" if ms.text else ""))
        for key, rect in self._left_rows():
            if key.startswith("rel."):
                a = rs.actors[key[4:]]
                tip = f"<b>{esc(a.name)}</b>: {esc(a.description)}" if a.description \
                    else esc(a.name)
            else:
                t = rs.tracks[key]
                tip = f"<b>{esc(t.name)}</b>: {esc(t.description)}" if t.description \
                    else esc(t.name)
            self._hotspot(rect, tip)

    def _left_layout(self) -> tuple[int, int, int, int, int, bool]:
        """(track row, relation row, heading, font size, name width, stacked).

        Track names sit beside their meters when they fit, else above them;
        type shrinks one step at a time until every row fits the column.
        """
        m = self.m
        rs = self.s.ruleset
        tracks = [t for t in rs.tracks.values() if t.visible]
        actors = list(rs.actors.values())
        n_t, n_a = len(tracks), len(actors)
        inner = self.rects["left"].width - 2 * m.pad
        avail = self.rects["left"].height - 2 * m.pad
        for size in (m.body, m.small, m.tx(16), m.tx(14)):
            font = self.theme.font(size)
            head = m.line(m.small) + m.gap
            longest = max([font.size(t.name)[0] for t in tracks] +
                          [font.size(a.name)[0] for a in actors] + [1])
            name_w = min(longest + m.gap * 2, round(inner * 0.55))
            stacked = longest + m.gap * 2 > name_w
            row_a = m.line(size) + m.px(4)
            row_t = m.line(size) + m.px(8)
            if stacked:
                row_t = m.line(size) + max(m.px(12), m.line(size) // 3) + m.px(10)
                name_w = max((font.size(a.name)[0] for a in actors), default=1) + m.gap * 2
                name_w = min(name_w, round(inner * 0.55))
            need = 2 * head + n_t * row_t + n_a * row_a
            if need <= avail:
                # Share out spare height so the column does not end in a gap.
                extra = min((avail - need) // max(n_t + n_a, 1), m.px(10))
                return row_t + extra, row_a + extra, head, size, name_w, stacked
        size = m.tx(14)
        head = m.line(m.small)
        row = max((avail - 2 * head) // max(n_t + n_a, 1), 12)
        return row, row, head, size, round(inner * 0.5), False

    def _left_rows(self) -> list[tuple[str, pygame.Rect]]:
        m = self.m
        rs = self.s.ruleset
        box = self.rects["left"]
        row_t, row_a, head, _, _, _ = self._left_layout()
        out = []
        y = box.y + m.pad + head
        for t in rs.tracks.values():
            if t.visible:
                out.append((t.id, pygame.Rect(box.x + m.pad, y, box.width - 2 * m.pad, row_t)))
                y += row_t
        y += head
        for a in rs.actors.values():
            out.append((f"rel.{a.id}", pygame.Rect(box.x + m.pad, y, box.width - 2 * m.pad,
                                                   row_a)))
            y += row_a
        return out

    # -------------------------------------------------------------- card

    def _card_area(self, title: str, kicker: str) -> tuple[pygame.Rect, int]:
        """The header height of the centre panel and the rect left for its content."""
        m = self.m
        box = self.rects["center"]
        icon = m.line(m.heading) * 2
        tfont = self.theme.font(m.heading, bold=True)
        text_w = box.width - 3 * m.pad - icon
        rows = draw.wrap(tfont, title, text_w)[:2]
        head_h = max(icon, m.line(m.small) + len(rows) * m.line(m.heading)) + m.pad * 2
        self.header = (title, kicker, rows)
        content = pygame.Rect(box.x + m.pad, box.y + head_h, box.width - 2 * m.pad,
                              box.height - head_h - m.pad)
        return content, head_h

    def _scroller(self, rect: pygame.Rect) -> tuple[UIScrollingContainer, Column, int]:
        sc = UIScrollingContainer(rect, self.ui, allow_scroll_x=False)
        self.scroll = sc
        sb = self.m.px(20)
        return sc, Column(0, 0, rect.width - sb, self.m.gap), rect.width - sb

    def _finish_scroller(self, sc: UIScrollingContainer, col: Column, width: int) -> None:
        sc.set_scrollable_area_dimensions((width, max(col.y, 1)))
        if col.y > sc.rect.height:
            title, kicker, rows = self.header
            self.header = (title, kicker + "  \u00b7  scroll for more", rows)

    def _build_card(self) -> None:
        m = self.m
        st = self.s.state
        card = st.current_card
        assert card is not None
        done = sum(1 for t, _, _ in st.choices_made if t == st.turn)
        total = done + len(st.upcoming)
        kicker = f"Event {done + 1} of {total} this month"
        if "historic" in card.tags:
            kicker += "  \u00b7  this really happened"
        content, _ = self._card_area(card.title, kicker)
        self.icon = draw.icon_for(card.icon, card.tags)
        sc, col, width = self._scroller(content)
        tb = self.textbox(pygame.Rect(0, col.y, width, -1), esc(card.text.strip()),
                          container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.gap)
        self.choices = st.choices()
        opts = {o.id: o for o in card.options}
        for i, choice in enumerate(self.choices, 1):
            opt = opts.get(choice.action.option or "")
            moves = self.s.moves(opt) if opt is not None else []
            self._option(sc, col, width, i, choice, moves, opt.text if opt else "")
        self._finish_scroller(sc, col, width)
        self.default_key = next((f"opt{i}" for i, c in enumerate(self.choices, 1) if c.legal),
                                None)

    def _option(self, sc: UIScrollingContainer, col: Column, width: int, n: int, choice: Choice,
                moves: list[tuple[str, str, int]], after: str) -> None:
        m = self.m
        b = self.option_button(0, col.y, width, n, choice.label,
                               partial(self.decide, choice.action), key=f"opt{n}",
                               enabled=choice.legal, container=sc, scroll=sc)
        col.placed(b.relative_rect)
        parts = []
        if not choice.legal:
            parts.append(f"<font color='{self.theme.hex('bad')}'><b>Unavailable:</b> "
                         f"{esc(choice.why_not or '')}</font>")
        parts.append(self._moves_html(choice.cost, moves))
        if choice.hint:
            parts.append(f"<i>{esc(choice.hint)}</i>")
        if choice.odds:
            parts.append("<br>".join(
                f"<b>{round(o.chance * 100)}% chance:</b> {esc(o.text or 'nothing more')}"
                for o in choice.odds))
        tb = self.textbox(pygame.Rect(m.px(16), col.y - m.gap + m.px(2), width - m.px(16), -1),
                          "<br>".join(p for p in parts if p), cls="@small", container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.gap)

    def _moves_html(self, cost: int, moves: list[tuple[str, str, int]]) -> str:
        good, bad = self.theme.hex("good"), self.theme.hex("bad")
        bits = []
        if cost:
            bits.append(f"<b>Costs {cost}</b>")
        else:
            bits.append("Free")
        for _, text, sign in moves:
            color = good if sign > 0 else bad if sign < 0 else self.theme.hex("muted")
            bits.append(f"<font color='{color}'>{esc(text).replace(' ', NBSP)}</font>")
        return "  \u00b7  ".join(bits)

    # --------------------------------------------------------- diplomacy

    def _build_diplomacy(self) -> None:
        m = self.m
        s = self.s
        st = s.state
        left = s.actions_left()
        kicker = f"{left} action{'s' * (left != 1)} left  \u00b7  {st.capital} capital"
        content, _ = self._card_area("Diplomacy", kicker)
        self.icon = "globe"
        bh = m.button_h
        end_rect = pygame.Rect(content.x, content.bottom - bh, content.width, bh)
        content.height -= bh + m.gap
        sc, col, width = self._scroller(content)
        # What can be done now comes first; the rest is greyed with its reason.
        acts = [c for c in st.choices() if c.action.kind == "act"]
        self.choices = [c for c in acts if c.legal] + [c for c in acts if not c.legal]
        rs = s.ruleset
        bad = self.theme.hex("bad")
        for i, choice in enumerate(self.choices, 1):
            act = rs.actions.get(choice.action.action or "")
            moves = s.moves(act) if act is not None else []
            tip = esc(act.text) if act is not None and act.text else None
            b = self.option_button(0, col.y, width, i, choice.label,
                                   partial(self.decide, choice.action), key=f"act{i}",
                                   enabled=choice.legal, container=sc, scroll=sc, tooltip=tip,
                                   max_lines=1)
            col.placed(b.relative_rect)
            if choice.legal:
                line = self._moves_html(choice.cost, moves) + self._limits(act)
            else:
                line = (f"<font color='{bad}'>{esc((choice.why_not or '').capitalize())}</font>"
                        f"  \u00b7  costs {choice.cost}")
            if choice.odds:
                line += "".join(
                    f"<br><b>{round(o.chance * 100)}% chance:</b> {esc(o.text or 'nothing more')}"
                    for o in choice.odds)
            tb = self.textbox(pygame.Rect(m.px(16), col.y - m.gap + m.px(2), width - m.px(16),
                                          -1), line, cls="@small", container=sc)
            col.placed(tb.relative_rect)
            col.skip(m.px(2))
        self._finish_scroller(sc, col, width)
        nxt = st.turn < s.scenario.turns
        label = "End the month" if nxt else "End the year"
        self.option_button(end_rect.x, end_rect.y, end_rect.width, 0, label, self.end_month,
                           key="end", max_lines=1,
                           tooltip="Finish this month: standing rules run, then the next "
                                   "month begins.")
        self.default_key = "end"

    def _limits(self, act: object) -> str:
        if act is None:
            return ""
        bits = []
        per_turn = getattr(act, "per_turn", 1)
        cooldown = getattr(act, "cooldown", 0)
        max_uses = getattr(act, "max_uses", None)
        window = getattr(act, "window", None)
        if per_turn != 1:
            bits.append(f"{per_turn} times a month")
        if cooldown:
            bits.append(f"then wait {cooldown} month{'s' * (cooldown != 1)}")
        if max_uses:
            used = self.s.state.used.get(getattr(act, "id", ""), 0)
            bits.append(f"{max(max_uses - used, 0)}/{max_uses} uses left")
        if window:
            bits.append(f"{MONTHS[window[0] - 1][:3]}-{MONTHS[window[1] - 1][:3]} only")
        return "".join(f"  \u00b7  {b}" for b in bits)

    def _build_over(self) -> None:
        m = self.m
        content, _ = self._card_area("The year is over", "See how you did")
        self.icon = "ballot"
        self.button(pygame.Rect(content.x, content.y, content.width, m.button_h),
                    "See the debrief", self.debrief, key="debrief")
        self.default_key = "debrief"

    # ------------------------------------------------------------- right

    def _build_right(self) -> None:
        m = self.m
        box = self.rects["right"]
        inner = box.inflate(-2 * m.pad, -2 * m.pad)
        col = Column(inner.x, inner.y, inner.width, m.px(4))
        lines = self._queue_lines()
        lh = m.line(m.small)
        col.skip(lh + len(lines) * lh + m.gap)
        self.rects["queue"] = pygame.Rect(inner.x, inner.y, inner.width, col.y - inner.y)
        status = self._status_html()
        if status:
            tb = self.textbox(pygame.Rect(col.x, col.y, col.width, -1), status, cls="@status")
            if tb.rect.height > inner.height // 3:
                tb.kill()
                self.backdrops.pop()
                tb = self.textbox(pygame.Rect(col.x, col.y, col.width, inner.height // 3), status,
                                  cls="@status")
            col.placed(tb.relative_rect)
        col.skip(m.gap)
        self.rects["log_head"] = pygame.Rect(col.x, col.y, col.width, lh)
        col.skip(lh)
        height = inner.bottom - col.y
        if height > lh * 2:
            self.textbox(pygame.Rect(col.x, col.y, col.width, height), self._log_html(),
                         cls="@log")

    def _queue_lines(self) -> list[tuple[str, str]]:
        """(state, text) for this month's steps: done, now, next."""
        st = self.s.state
        rs = self.s.ruleset
        out: list[tuple[str, str]] = []
        for t, card_id, _ in st.choices_made:
            if t == st.turn and card_id in rs.cards:
                out.append(("done", rs.cards[card_id].title))
        for i, card_id in enumerate(st.upcoming):
            out.append(("now" if i == 0 else "next", rs.cards[card_id].title))
        if not st.is_over:
            out.append(("now" if st.pending.kind == "diplomacy" else "next", "Diplomacy"))
        months = self.s.months()
        for ms in self.s.scenario.milestones:
            turns = [i for i, mo in enumerate(months, 1) if mo == ms.month and i >= st.turn]
            if turns:
                when = "This month" if turns[0] == st.turn else MONTHS[ms.month - 1][:3]
                out.append(("mark", f"{when}: {ms.name}"))
                break
        return out

    def _status_html(self) -> str:
        s = self.s
        if s.status and not s.last_entries:
            return esc(s.status)
        entries = s.last_entries
        if not entries:
            return ""
        head = ""
        msgs = []
        moved: dict[str, int] = {}
        for e in entries:
            if e.cause.kind == "turn":
                break
            if e.target is None:
                if e.text.startswith(("You chose:", "Action:")):
                    head = e.text
                else:
                    msgs.append(e.text)
            elif s.shown(e.target) and e.target != "capital":
                moved[e.target] = moved.get(e.target, 0) + e.delta
        good, bad = self.theme.hex("good"), self.theme.hex("bad")
        parts = []
        if not head and entries[0].cause.kind not in ("option", "action"):
            head = "At the end of the month:"
        if head:
            parts.append(f"<b>{esc(head)}</b>")
        if s.status:
            parts.append(esc(s.status))
        parts.extend(esc(t) for t in msgs)
        if moved:
            bits = []
            for target, d in moved.items():
                if d:
                    color = good if d > 0 else bad
                    bits.append(f"<font color='{color}'>"
                                f"{esc(s.label(target, True)).replace(' ', NBSP)}{NBSP}"
                                f"{signed(d)}</font>")
            if bits:
                parts.append("  \u00b7  ".join(bits))
        return "<br>".join(parts)

    def _log_html(self) -> str:
        s = self.s
        log = s.state.log or []
        good, bad, muted = self.theme.hex("good"), self.theme.hex("bad"), self.theme.hex("muted")
        rows: list[str] = []
        for e in reversed(log[-40:]):
            if e.cause.kind == "turn":
                rows.append(f"<font color='{self.theme.hex('accent')}'><b>"
                            f"{esc(s.month_name(e.month))} begins</b></font>")
                continue
            if e.target is None:
                rows.append(esc(e.text))
                continue
            if not s.shown(e.target):
                continue
            color = good if e.delta > 0 else bad
            rows.append(f"<font color='{color}'>{esc(s.label(e.target, True))} "
                        f"{signed(e.delta)}</font> <font color='{muted}'>"
                        f"({esc(s.cause_short(e))})</font>")
        return "<br>".join(rows) or "Nothing has happened yet."

    # -------------------------------------------------------------- draw

    def draw(self, surface: pygame.Surface) -> None:
        if self._bg is None or self._bg.get_size() != surface.get_size():
            self._bg = pygame.Surface(surface.get_size())
            self._paint(self._bg)
        surface.blit(self._bg, (0, 0))

    def _paint(self, surface: pygame.Surface) -> None:
        """Draw everything that is not a widget, once per change of state or size."""
        th = self.theme
        m = self.m
        s = self.s
        st = s.state
        surface.fill(th.color("background"))
        bar = self.rects["bar"]
        pygame.draw.rect(surface, th.color("panel"), bar)
        pygame.draw.line(surface, th.color("border"), bar.bottomleft, bar.bottomright, 2)
        hfont = th.font(m.heading, bold=True)
        sfont = th.font(m.small)
        y = bar.centery - hfont.get_linesize() // 2
        month = "The year is over" if st.is_over else s.month_name()
        r = draw.text(surface, hfont, month, (m.pad, y), th.color("text"))
        cap = s.scenario.capital
        limit = self.rects["bar_buttons_x"].x - m.pad
        bfont = th.font(m.body, bold=True)
        turn_text = "" if st.is_over else f"month {st.turn} of {s.scenario.turns}"
        label = f"{cap.name}:"
        size = sfont.get_height()
        pips_w = (sfont.size(label)[0] + m.gap * 3 + cap.max * (size + max(3, size // 3))
                  + bfont.size(str(st.capital))[0])
        short = f"Capital {st.capital}/{cap.max}"
        after_turn = r.right + m.gap * 2 + sfont.size(turn_text)[0] + m.pad * 2
        # Pips when they fit, else the number; the turn count goes first when space is short.
        if after_turn + pips_w < limit or after_turn + bfont.size(short)[0] < limit:
            if turn_text:
                draw.text(surface, sfont, turn_text,
                          (r.right + m.gap * 2, bar.centery - sfont.get_linesize() // 2),
                          th.color("muted"))
            x = after_turn
        else:
            x = r.right + m.pad * 2
        if x + pips_w < limit:
            r2 = draw.text(surface, sfont, label, (x, bar.centery - sfont.get_linesize() // 2),
                           th.color("muted"))
            pw = draw.pips(surface, th, (r2.right + m.gap, bar.centery - size // 2), st.capital,
                           cap.max, size)
            draw.text(surface, bfont, f"{st.capital}",
                      (r2.right + m.gap * 2 + pw, bar.centery - bfont.get_linesize() // 2),
                      th.color("accent"))
        else:
            draw.text(surface, bfont, short, (x, bar.centery - bfont.get_linesize() // 2),
                      th.color("accent"), max(limit - x, 10))
        # Calendar
        months = s.months()
        marks: dict[int, str] = {}
        for ms in s.scenario.milestones:
            for i, mo in enumerate(months, 1):
                if mo == ms.month:
                    marks[i] = ms.name
        draw.calendar(surface, th, self.rects["calendar"], [MONTHS[mo - 1][:3] for mo in months],
                      st.turn, marks, th.font(m.small, bold=True), over=st.is_over)
        self._paint_left(surface)
        self._paint_center(surface)
        self._paint_right(surface)

    def _paint_left(self, surface: pygame.Surface) -> None:
        th = self.theme
        m = self.m
        s = self.s
        rs = s.ruleset
        box = self.rects["left"]
        panel(surface, self, box)
        _, _, head, size, name_w, stacked = self._left_layout()
        font = th.font(size)
        bold = th.font(size, bold=True)
        hfont = th.font(m.small, bold=True)
        rows = self._left_rows()
        tracks = [(k, r) for k, r in rows if not k.startswith("rel.")]
        rels = [(k, r) for k, r in rows if k.startswith("rel.")]
        if tracks:
            draw.text(surface, hfont, "YOUR COUNTRY", (box.x + m.pad, tracks[0][1].y - head + 2),
                      th.color("accent"))
        if rels:
            draw.text(surface, hfont, "RELATIONS", (box.x + m.pad, rels[0][1].y - head + 2),
                      th.color("accent"))
        val_w = bold.size(f"{MINUS}100")[0] + m.gap
        lh = font.get_linesize()
        for key, r in tracks:
            t = rs.tracks[key]
            v = s.state.value(key)
            below = t.danger.below if t.danger else None
            above = t.danger.above if t.danger else None
            danger = (below is not None and v <= below) or (above is not None and v >= above)
            mh = max(m.px(12), lh // 3)
            if stacked:
                ty = r.y + m.px(2)
                draw.text(surface, font, t.name, (r.x, ty), th.color("text"), r.width - val_w)
                meter = pygame.Rect(r.x, ty + lh + m.px(2), r.width, mh)
            else:
                ty = r.y + (r.height - lh) // 2
                draw.text(surface, font, t.name, (r.x, ty), th.color("text"), name_w - m.gap)
                meter = pygame.Rect(r.x + name_w, r.centery - mh // 2, r.width - name_w - val_w,
                                    mh)
            draw.meter(surface, th, meter, v, t.min, t.max, below, above)
            vr = draw.text(surface, bold, str(v), (r.right, ty),
                           th.color("bad") if danger else th.color("text"), align="right")
            if danger:
                draw.icon(surface, "warning", pygame.Rect(vr.x - lh, vr.y, lh, lh),
                          th.color("bad"), th.color("panel"))
        series = th.series
        for i, (key, r) in enumerate(rels):
            a = rs.actors[key[4:]]
            v = s.state.value(key)
            rel = a.relation
            ty = r.y + (r.height - lh) // 2
            draw.text(surface, font, a.name, (r.x, ty), th.color("text"), name_w - m.gap)
            bh = max(m.px(12), lh // 3)
            bar = pygame.Rect(r.x + name_w, r.centery - bh // 2, r.width - name_w - val_w, bh)
            color = pygame.Color(a.color) if a.color and not th.high_contrast \
                else series[i % len(series)]
            below = rel.danger.below if rel.danger else None
            above = rel.danger.above if rel.danger else None
            draw.relation_bar(surface, th, bar, v, rel.min, rel.max, color, below, above)
            danger = (below is not None and v <= below) or (above is not None and v >= above)
            vr = draw.text(surface, bold, signed(v), (r.right, ty),
                           th.color("bad") if danger else th.color("text"), align="right")
            if danger:
                draw.icon(surface, "warning", pygame.Rect(vr.x - lh, vr.y, lh, lh),
                          th.color("bad"), th.color("panel"))

    def _paint_center(self, surface: pygame.Surface) -> None:
        th = self.theme
        m = self.m
        box = self.rects["center"]
        panel(surface, self, box, alt=True)
        _, kicker, rows = self.header
        size = m.line(m.heading) * 2
        ic = pygame.Rect(box.x + m.pad, box.y + m.pad, size, size)
        draw.icon(surface, self.icon, ic, th.color("background"), th.color("accent"))
        x = ic.right + m.pad
        y = box.y + m.pad
        sfont = th.font(m.small)
        parts = kicker.split("  \u00b7  ")
        while len(parts) > 1 and sfont.size("  \u00b7  ".join(parts))[0] > box.right - x - m.pad:
            parts.pop()
        draw.text(surface, sfont, "  \u00b7  ".join(parts), (x, y), th.color("muted"),
                  box.right - x - m.pad)
        y += m.line(m.small)
        tfont = th.font(m.heading, bold=True)
        for row in rows:
            draw.text(surface, tfont, row, (x, y), th.color("text"), box.right - x - m.pad)
            y += m.line(m.heading)

    def _paint_right(self, surface: pygame.Surface) -> None:
        th = self.theme
        m = self.m
        box = self.rects["right"]
        panel(surface, self, box)
        self.draw_backdrops(surface)
        q = self.rects["queue"]
        sfont = th.font(m.small)
        bfont = th.font(m.small, bold=True)
        lh = m.line(m.small)
        draw.text(surface, bfont, "THIS MONTH", (q.x, q.y), th.color("accent"))
        y = q.y + lh
        ind = lh
        for state, text in self._queue_lines():
            cy = y + lh // 2
            if state == "done":
                draw.tick(surface, (q.x + ind // 2, cy), lh // 4, th.color("good"))
                draw.text(surface, sfont, text, (q.x + ind, y), th.color("muted"), q.width - ind)
            elif state == "now":
                r = lh // 4
                pygame.draw.polygon(surface, th.color("accent"),
                                    [(q.x + ind // 2 - r, cy - r), (q.x + ind // 2 + r, cy),
                                     (q.x + ind // 2 - r, cy + r)])
                draw.text(surface, bfont, text, (q.x + ind, y), th.color("text"), q.width - ind)
            elif state == "mark":
                draw.flag(surface, (q.x + ind // 4, cy - lh // 3), lh * 2 // 3, th.color("accent"))
                draw.text(surface, sfont, text, (q.x + ind, y), th.color("accent"), q.width - ind)
            else:
                pygame.draw.circle(surface, th.color("muted"), (q.x + ind // 2, cy),
                                   max(2, lh // 10))
                draw.text(surface, sfont, text, (q.x + ind, y), th.color("text"), q.width - ind)
            y += lh
        lr = self.rects["log_head"]
        draw.text(surface, bfont, "LOG", (lr.x, lr.y), th.color("accent"))
        mods = self.s.state.active_modifiers
        if mods:
            text = "In force: " + "; ".join(f"{name} ({left})" for _, name, left in mods)
            draw.text(surface, sfont, text, (lr.x + bfont.size("LOG")[0] + m.gap * 2, lr.y),
                      th.color("muted"), lr.width - bfont.size("LOG")[0] - m.gap * 2)

    # ------------------------------------------------------------ input

    def decide(self, action: Action) -> None:
        """Apply a decision; at the end of a month show the month's summary."""
        from .summary import MonthSummaryScene

        s = self.s
        before = s.state.turn
        try:
            s.apply(action)
        except IllegalAction as exc:
            s.status = f"Not possible: {exc.reason}"
            s.last_entries = []
            self.rebuild()
            return
        if action.kind == "choose":
            card = s.ruleset.cards.get(action.card or "")
            opt = next((o for o in card.options if o.id == action.option), None) if card else None
            if opt is not None and opt.text:
                s.status = opt.text.strip()
        self.focus.index = -1
        self.rebuild()
        if s.state.turn != before or s.state.is_over:
            self.app.push(MonthSummaryScene(self.app, before))

    def pick(self, n: int) -> bool:
        """Number key ``n``: the n-th option or action (0 ends the month)."""
        st = self.s.state
        if st.pending.kind == "diplomacy" and n == 0:
            self.end_month()
            return True
        if not 1 <= n <= len(self.choices):
            return False
        choice = self.choices[n - 1]
        if not choice.legal:
            self.s.status = f"Option {n} is unavailable: {choice.why_not}"
            self.s.last_entries = []
            self.rebuild()
            return True
        self.decide(choice.action)
        return True

    def end_month(self) -> None:
        self.decide(Action.end_turn())

    def undo(self) -> None:
        self.s.status = self.s.undo()
        self.rebuild()

    def menu(self) -> None:
        from .menu import MenuScene

        self.app.push(MenuScene(self.app))

    def summary(self) -> None:
        from .summary import MonthSummaryScene

        st = self.s.state
        turn = st.turn
        if not self.s.changes_in(turn) and turn > 1:
            turn -= 1
        self.app.push(MonthSummaryScene(self.app, turn, closing=False))

    def debrief(self) -> None:
        from .debrief import DebriefScene

        self.app.push(DebriefScene(self.app))

    def on_escape(self) -> None:
        self.menu()

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if key in NUMBER_KEYS and not self.s.state.is_over:
            return self.pick(NUMBER_KEYS[key])
        shortcuts: dict[int, Callable[[], None]] = {pygame.K_u: self.undo, pygame.K_c: self.summary,
                                                    pygame.K_m: self.menu}
        if key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
            self.undo()
            return True
        if key == pygame.K_e and self.s.state.pending.kind == "diplomacy":
            self.end_month()
            return True
        if key in shortcuts:
            shortcuts[key]()
            return True
        return False

    def on_ui(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            return False
        return super().on_ui(event)


def _entries_text(entries: list[LogEntry]) -> str:
    return "; ".join(e.text for e in entries if e.text)
