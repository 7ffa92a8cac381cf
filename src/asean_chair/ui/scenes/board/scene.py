"""The board: the month, the calendar, tracks and relations, the card or
the diplomacy of this month, the queue of cards and the log.

The left and right columns and the card header are drawn from the game
state; options, actions and the log are pygame_gui widgets. Number keys
pick options (1-9) and 0 ends the month.

In a class vote (``--classroom vote``) each card shows its options as
A, B, C, D with a tally beside each; the teacher types or clicks the
class's votes, and *Apply the majority* takes the winning option (a tie
asks the teacher to pick). A countdown, if set, runs large in the right
column; when it ends voting closes, but nothing is applied by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIImage, UIScrollingContainer, UITextEntryLine

from ....engine import Action, Choice, IllegalAction
from ....turns import month_name
from ... import draw
from ...i18n import language, t
from ...layout import Column
from ...scene import Scene, esc
from ...session import Session
from ...vote import Ballot
from .diplomacy import build_diplomacy
from .layout import left_rows
from .paint import paint, paint_clock
from .text import DOT, log_html, moves_html, odds_html, queue_lines, status_html
from .vote import (
    LETTER_KEYS,
    add_vote,
    apply_majority,
    apply_vote,
    build_vote,
    open_ballot,
    shown_ballot,
    typed_votes,
    vote_by_letter,
)

if TYPE_CHECKING:
    from ...context import SceneContext

NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{i}"): i for i in range(10)})


class BoardScene(Scene):
    """The main screen of a game."""

    name = "board"

    def __init__(self, app: SceneContext) -> None:
        super().__init__(app)
        self.rects: dict[str, pygame.Rect] = {}
        self.choices: list[Choice] = []
        self.scroll: UIScrollingContainer | None = None
        self._bg: pygame.Surface | None = None
        self.header: tuple[str, str, list[str]] = ("", "", [])
        self.header_width = 0
        self.icon = "paper"
        self.tally_entries: dict[str, UITextEntryLine] = {}
        self._shown_second: int | None = None

    @property
    def s(self) -> Session:
        """The game being played."""
        assert self.app.session is not None
        return self.app.session

    @property
    def voting(self) -> bool:
        """Whether the class votes on the card on screen."""
        return self.app.vote_mode and self.s.state.pending.kind == "event"

    def sleep(self) -> None:
        super().sleep()
        self.repaint()

    def repaint(self) -> None:
        """What is painted changed (not only the widgets): paint it again on the next frame."""
        self._bg = None

    # ----------------------------------------------------------- a vote

    def ballot(self) -> Ballot | None:
        """The class's vote on the card on screen (a new one when the card changes)."""
        return open_ballot(self)

    def shown_ballot(self) -> Ballot | None:
        """The vote on the card on screen, if it has begun (reading only: for drawing)."""
        return shown_ballot(self)

    def add_vote(self, option: str, step: int) -> None:
        """One more (or one fewer) vote for an option."""
        add_vote(self, option, step)

    def apply_majority(self) -> None:
        """Apply the option with the most votes; a tie asks the teacher to pick."""
        apply_majority(self)

    def apply_vote(self, option: str, tie_broken: bool) -> None:
        """Apply the class's choice, recording the tally with it."""
        apply_vote(self, option, tie_broken)

    # ------------------------------------------------------------ layout

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        st = self.s.state
        self.repaint()
        self.tally_entries = {}
        for key in ("clock", "total"):
            self.rects.pop(key, None)
        vote = self.app.vote_mode
        bar_h = m.button_h + m.px(16)
        # A class vote needs the room for the card: the month is in the top bar, and
        # while the class votes the card takes the right column too.
        cal_h = 0 if vote else m.line(m.small) + m.px(8)
        top = bar_h + m.gap * 2 + (cal_h + m.gap if cal_h else 0)
        left_w = round(w * (0.22 if vote else 0.30))
        right_w = 0 if self.voting else round(w * (0.19 if vote else 0.22))
        self.rects = {
            "bar": pygame.Rect(0, 0, w, bar_h),
            "calendar": pygame.Rect(m.pad, bar_h + m.gap, w - 2 * m.pad, cal_h),
            "left": pygame.Rect(m.pad, top, left_w, h - top - m.pad),
            "right": pygame.Rect(w - m.pad - right_w, top, right_w, h - top - m.pad),
        }
        center_x = m.pad * 2 + left_w
        right_gap = 2 * m.pad if right_w else m.pad
        self.rects["center"] = pygame.Rect(center_x, top, w - center_x - right_w - right_gap,
                                           h - top - m.pad)
        self._build_bar()
        self._build_left()
        if st.pending.kind == "event":
            if self.app.vote_mode:
                build_vote(self)
            else:
                self._build_card()
        elif st.pending.kind == "diplomacy":
            build_diplomacy(self)
        else:
            self._build_over()
        if right_w:
            self._build_right()

    def _build_bar(self) -> None:
        m = self.m
        bar = self.rects["bar"]
        bh = m.button_h
        y = bar.y + (bar.height - bh) // 2
        font = self.theme.font(m.body)
        x = bar.right - m.pad
        undo_ok = bool(self.s.state.history)
        buttons: list[tuple[str, Callable[[], None], str, str, bool]] = [
            (t("board.menu"), self.menu, "menu", t("board.menu_tip"), True),
            (t("board.changes"), self.summary, "changes", t("board.changes_tip"), True),
            (t("board.undo"), self.undo, "undo", t("board.undo_tip"), undo_ok)]
        if self.app.vote_mode:
            buttons.append((t("board.teacher"), self.teacher, "teacher",
                            t("board.teacher_tip"), True))
        for text, action, key, tip, enabled in buttons:
            bw = font.size(text)[0] + m.px(36)
            x -= bw
            self.button(pygame.Rect(x, y, bw, bh), text, action, key=key, tooltip=esc(tip),
                        enabled=enabled)
            x -= m.gap
        self.rects["bar_buttons_x"] = pygame.Rect(x, y, 0, bh)

    def hotspot(self, rect: pygame.Rect, tip: str) -> None:
        """An invisible widget over something drawn, to show ``tip`` on hover."""
        img = UIImage(rect, pygame.Surface(rect.size, pygame.SRCALPHA), self.ui)
        img.set_tooltip(tip)

    def _build_left(self) -> None:
        """Tooltip areas over the meters and milestones (which are drawn, not widgets)."""
        rs = self.s.ruleset
        cal = self.rects["calendar"]
        months = self.s.months() if cal.height else []
        n = max(len(months), 1)
        gap = max(2, cal.width // 300)
        cell_w = (cal.width - gap * (n - 1)) / n
        for ms in self.s.scenario.milestones:
            for i, mo in enumerate(months):
                if mo == ms.month:
                    cell = pygame.Rect(round(cal.x + i * (cell_w + gap)), cal.y, int(cell_w),
                                       cal.height)
                    self.hotspot(cell, f"<b>{esc(month_name(mo, language()))}: {esc(ms.name)}</b>"
                                        + (f"<br>{esc(ms.text)}" if ms.text else ""))
        for key, rect in left_rows(self):
            if key.startswith("rel."):
                a = rs.actors[key[4:]]
                tip = f"<b>{esc(a.name)}</b>: {esc(a.description)}" if a.description \
                    else esc(a.name)
            else:
                tr = rs.tracks[key]
                tip = f"<b>{esc(tr.name)}</b>: {esc(tr.description)}" if tr.description \
                    else esc(tr.name)
            self.hotspot(rect, tip)

    # -------------------------------------------------------------- card

    def card_area(self, title: str, kicker: str, reserve: int = 0
                  ) -> tuple[pygame.Rect, int]:
        """The header height of the centre panel and the rect left for its content
        (``reserve``: room kept at the header's right, for the countdown)."""
        m = self.m
        box = self.rects["center"]
        icon = m.line(m.heading) * 2
        tfont = self.theme.font(m.heading, bold=True)
        text_w = box.width - 3 * m.pad - icon - reserve
        self.header_width = text_w
        rows = draw.wrap(tfont, title, text_w)
        if len(rows) > 2:
            rows = rows[:2]
            rows[-1] = draw.fit(tfont, rows[-1] + " \u2026", text_w)
        head_h = max(icon, m.line(m.small) + len(rows) * m.line(m.heading)) + m.pad * 2
        self.header = (title, kicker, rows)
        content = pygame.Rect(box.x + m.pad, box.y + head_h, box.width - 2 * m.pad,
                              box.height - head_h - m.pad)
        return content, head_h

    def scroller(self, rect: pygame.Rect) -> tuple[UIScrollingContainer, Column, int]:
        """A scrolling container filling ``rect``, the column to place widgets in, and its width."""
        sc = UIScrollingContainer(rect, self.ui, allow_scroll_x=False)
        self.scroll = sc
        sb = self.m.px(20)
        return sc, Column(0, 0, rect.width - sb, self.m.gap), rect.width - sb

    def finish_scroller(self, sc: UIScrollingContainer, col: Column, width: int) -> None:
        """Size the scrolling area to its content; say in the header when there is more below."""
        sc.set_scrollable_area_dimensions((width, max(col.y, 1)))
        if col.y > sc.rect.height:
            title, kicker, rows = self.header
            self.header = (title, kicker + DOT + t("board.scroll_more"), rows)

    def card_kicker(self) -> str:
        """The line above a card's title: which event of the turn it is; history or not."""
        st = self.s.state
        card = st.current_card
        done = sum(1 for tu, _, _ in st.choices_made if tu == st.turn)
        total = done + len(st.upcoming)
        kicker = t("board.event_n", n=done + 1, total=total)
        if card is not None and "historic" in card.tags:
            kicker += DOT + t("board.historic")
        return kicker

    def _build_card(self) -> None:
        m = self.m
        st = self.s.state
        card = st.current_card
        assert card is not None
        content, _ = self.card_area(card.title, self.card_kicker())
        self.icon = draw.icon_for(card.icon, card.tags)
        sc, col, width = self.scroller(content)
        tb = self.textbox(pygame.Rect(0, col.y, width, -1), esc(card.text.strip()),
                          container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.gap)
        self.choices = st.choices()
        opts = {o.id: o for o in card.options}
        for i, choice in enumerate(self.choices, 1):
            opt = opts.get(choice.action.option or "")
            moves = self.s.moves(opt) if opt is not None else []
            b = self.option_button(0, col.y, width, i, choice.label,
                                   partial(self.decide, choice.action), key=f"opt{i}",
                                   enabled=choice.legal, container=sc, scroll=sc)
            col.placed(b.relative_rect)
            self.option_hints(sc, col, width, choice, moves)
        self.finish_scroller(sc, col, width)
        self.default_key = next((f"opt{i}" for i, c in enumerate(self.choices, 1) if c.legal),
                                None)

    def option_hints(self, sc: UIScrollingContainer, col: Column, width: int, choice: Choice,
                     moves: list[tuple[str, str, int]], indent: int | None = None) -> None:
        """The line under an option: why it is unavailable, its cost and moves, its chances."""
        m = self.m
        ind = m.px(16) if indent is None else indent
        parts = []
        if not choice.legal:
            parts.append(f"<font color='{self.theme.hex('bad')}'><b>{esc(t('board.unavailable'))}"
                         f"</b> {esc(choice.why_not or '')}</font>")
        parts.append(moves_html(self, choice.cost, moves))
        if choice.hint:
            parts.append(f"<i>{esc(choice.hint)}</i>")
        if choice.odds:
            parts.append("<br>".join(odds_html(self, o.chance, o.text) for o in choice.odds))
        top = col.y - m.gap + m.px(2) if indent is None else col.y
        tb = self.textbox(pygame.Rect(col.x + ind, top, width - ind, -1),
                          "<br>".join(p for p in parts if p), cls="@small", container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.gap)

    def _build_over(self) -> None:
        m = self.m
        content, _ = self.card_area(t("board.year_over"), t("board.see_how"))
        self.icon = "ballot"
        self.button(pygame.Rect(content.x, content.y, content.width, m.button_h),
                    t("board.see_debrief"), self.debrief, key="debrief")
        self.default_key = "debrief"

    # ------------------------------------------------------------- right

    def _build_right(self) -> None:
        m = self.m
        box = self.rects["right"]
        inner = box.inflate(-2 * m.pad, -2 * m.pad)
        col = Column(inner.x, inner.y, inner.width, m.px(4))
        lines = queue_lines(self)
        lh = m.line(m.small)
        queue_top = col.y
        col.skip(lh + len(lines) * lh + m.gap)
        self.rects["queue"] = pygame.Rect(inner.x, queue_top, inner.width, col.y - queue_top)
        status = status_html(self)
        if status:
            room = max(inner.bottom - col.y, lh * 2)
            tb = self.textbox(pygame.Rect(col.x, col.y, col.width, -1), status, cls="@status")
            if tb.rect.height > max(inner.height // 3, room // 2):
                tb.kill()
                self.backdrops.pop()
                tb = self.textbox(pygame.Rect(col.x, col.y, col.width,
                                              max(inner.height // 3, room // 2)), status,
                                  cls="@status")
            col.placed(tb.relative_rect)
        col.skip(m.gap)
        self.rects["log_head"] = pygame.Rect(col.x, col.y, col.width, lh)
        col.skip(lh)
        height = inner.bottom - col.y
        if height > lh * 2 and not self.app.vote_mode:
            self.textbox(pygame.Rect(col.x, col.y, col.width, height), log_html(self),
                         cls="@log")
        else:
            self.rects["log_head"] = pygame.Rect(col.x, col.y, 0, 0)

    # -------------------------------------------------------------- draw

    def draw(self, surface: pygame.Surface) -> None:
        if self._bg is None or self._bg.get_size() != surface.get_size():
            self._bg = pygame.Surface(surface.get_size())
            paint(self, self._bg)
        surface.blit(self._bg, (0, 0))
        clock = self.rects.get("clock")
        if clock is not None:
            paint_clock(self, surface, clock)

    # ------------------------------------------------------------ clock

    def wake_in(self) -> float | None:
        ballot = shown_ballot(self)
        return ballot.countdown.next_change() if ballot is not None else None

    def tick(self) -> bool:
        ballot = shown_ballot(self)
        if ballot is None or not ballot.countdown.enabled:
            return False
        shown = ballot.countdown.shown()
        if shown != self._shown_second:
            self._shown_second = shown
            return True
        return False

    # ------------------------------------------------------------ input

    def decide(self, action: Action, vote: tuple[dict[str, int], bool] | None = None) -> None:
        """Apply a decision; at the end of a month show the month's summary."""
        from ..summary import MonthSummaryScene

        s = self.s
        before = s.state.turn
        try:
            s.apply(action, vote)
        except IllegalAction as exc:
            s.status = t("status.not_possible", why=exc.reason)
            s.last_entries = []
            self.rebuild()
            return
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
        if self.voting:
            return vote_by_letter(self, n - 1, 1)
        if not 1 <= n <= len(self.choices):
            return False
        choice = self.choices[n - 1]
        if not choice.legal:
            self.s.status = t("status.option_unavailable", n=n, why=choice.why_not or "")
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
        from ..menu import MenuScene

        self.app.push(MenuScene(self.app))

    def teacher(self) -> None:
        self.app.teacher_panel()

    def summary(self) -> None:
        from ..summary import MonthSummaryScene

        st = self.s.state
        turn = st.turn
        if not self.s.changes_in(turn) and turn > 1:
            turn -= 1
        self.app.push(MonthSummaryScene(self.app, turn, closing=False))

    def debrief(self) -> None:
        from ..debrief import DebriefScene

        self.app.push(DebriefScene(self.app))

    def on_escape(self) -> None:
        self.menu()

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if self.voting and key in LETTER_KEYS:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            if vote_by_letter(self, LETTER_KEYS[key], step):
                return True
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
        if event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_TEXT_ENTRY_FINISHED):
            el = getattr(event, "ui_element", None)
            if isinstance(el, UITextEntryLine):
                typed_votes(self, el)
                return True
        return super().on_ui(event)
