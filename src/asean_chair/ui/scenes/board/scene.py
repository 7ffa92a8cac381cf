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

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

import pygame
import pygame_gui
from pygame_gui.elements import UIImage, UIScrollingContainer, UITextEntryLine

from ....engine import Action, Choice, IllegalAction
from ....rules.history import reality
from ... import draw
from ...focus import Focusable
from ...i18n import t
from ...layout import Column
from ...scene import Scene, esc
from ...scrolling import Scroller
from ...session import Session, Touch
from ...vote import Ballot
from .diplomacy import build_diplomacy, unspent
from .layout import left_rows
from .paint import paint, paint_clock, paint_marks
from .result import build_result
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

#: The parts of the board, in the order Tab visits them: the card (or the result,
#: or the actions) first, then the log, then the top bar; the hover areas last.
CENTER, RIGHT, BAR, TIPS = 1, 2, 3, 4
#: How long the values a decision moved stay lit with their change.
FLASH_SECONDS = 2.5
#: How long the actions panel must have been on screen before ending the turn
#: with currency left needs no second press.
SEEN_SECONDS = 1.5


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
        #: Each option's or action's focus key -> what it moves (for the marks).
        self.models: dict[str, Any] = {}
        #: The option hovered or focused now, and the values it moves.
        self.touch_key: str | None = None
        self.touching: list[Touch] = []
        #: The values the last decision moved: (target, change), lit for a moment.
        self.flash: list[tuple[str, int]] = []
        self.flash_since = 0.0
        #: Each visible track and relation's row in the left column.
        self.rows: dict[str, pygame.Rect] = {}
        #: When the actions panel of a turn was first shown (turn, time).
        self.actions_seen: tuple[int, float] | None = None
        #: Ending the turn with currency left was asked once: the next press ends it.
        self.end_armed = False
        self._layout_key: tuple[int, int, bool] | None = None

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

    def let_go(self) -> None:
        super().let_go()
        self.scroll = None
        self.tally_entries = {}

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

    def _layout(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        vote = self.app.vote_mode
        bar_h = m.button_h + m.px(16)
        # A class vote needs the room for the card: the turn is in the top bar, and
        # while the class votes the card takes the right column too.
        cal_h = 0 if vote else m.line(m.small) + m.px(8)
        top = bar_h + m.gap * 2 + (cal_h + m.gap if cal_h else 0)
        left_w = round(w * (0.24 if vote else 0.30))
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
        self._layout_key = (w, h, self.voting)
        self.rows = dict(left_rows(self))

    def build(self) -> None:
        self.repaint()
        self._layout()
        self.begin_part(BAR)
        self._build_bar()
        self.begin_part(TIPS)
        self._build_left()
        self.begin_part(CENTER)
        self.build_center()
        self.begin_part(RIGHT)
        if self.rects["right"].width:
            self._build_right()

    def build_center(self) -> None:
        st = self.s.state
        self.tally_entries = {}
        self.models = {}
        self.touch_key = None
        self.touching = []
        self.scroll = None
        for key in ("clock", "total"):
            self.rects.pop(key, None)
        if self.s.outcome is not None:
            build_result(self)
        elif st.pending.kind == "event":
            if self.app.vote_mode:
                build_vote(self)
            else:
                self._build_card()
        elif st.pending.kind == "diplomacy":
            build_diplomacy(self)
        else:
            self._build_over()

    def refresh(self) -> None:
        """The game moved on within a turn: build the centre and the log again, keep the
        rest (faster than building the whole board), and paint the meters again."""
        w, h = self.app.screen.get_size()
        if self.manager is None or self.dormant or self._layout_key != (w, h, self.voting):
            self.rebuild()
            return
        self.repaint()
        self.rebuild_part(CENTER, self.build_center)
        if self.rects["right"].width:
            # The log follows just after the frame that shows the change.
            self.later(lambda: self.rebuild_part(RIGHT, self._build_right))
        undo = next((i.element for i in self.focus.items if i.key == "undo"), None)
        if undo is not None:
            if self.s.state.history:
                undo.enable()
            else:
                undo.disable()

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
            (self.tw("board.changes"), self.summary, "changes", self.tw("board.changes_tip"),
             True),
            (t("board.legend"), self.legend, "legend", t("board.legend_tip"), True),
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
        img = UIImage(rect, self._clear(rect.size), self.ui)
        img.set_tooltip(tip)
        self.keep(img)

    _blank: ClassVar[dict[tuple[int, int], pygame.Surface]] = {}

    def _clear(self, size: tuple[int, int]) -> pygame.Surface:
        surf = self._blank.get(size)
        if surf is None:
            surf = pygame.Surface(size, pygame.SRCALPHA)
            self._blank[size] = surf
        return surf

    def _build_left(self) -> None:
        """Tooltip areas over the meters and milestones (which are drawn, not widgets)."""
        rs = self.s.ruleset
        cal = self.rects["calendar"]
        if cal.height:
            cells = draw.calendar_cells(cal, self.s.state.game.clock.turns)
            for turn, found in self.s.milestones().items():
                if 1 <= turn <= len(cells):
                    tip = "<br>".join(f"<b>{esc(self.s.turn_name(turn))}: {esc(ms.name)}</b>"
                                      + (f"<br>{esc(ms.text)}" if ms.text else "")
                                      for ms in found)
                    self.hotspot(cells[turn - 1], tip)
        for key, rect in self.rows.items():
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
        sc = Scroller(rect, self.ui, allow_scroll_x=False)
        self.keep(sc)
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
        """The line above a card's title: which event of the turn it is; real or made up."""
        st = self.s.state
        card = st.current_card
        done = sum(1 for tu, _, _ in st.choices_made if tu == st.turn)
        total = done + len(st.upcoming)
        kicker = self.tw("board.event_n", n=done + 1, total=total)
        label = self.reality_label(card) if card is not None else ""
        # Real or made up comes first: it is never the part cut for room.
        return label + DOT + kicker if label else kicker

    def reality_label(self, card: Any, option: str | None = None, outcome: Any = None) -> str:
        """``Really happened`` or ``Made up for this game`` (nothing for a pack that does
        not tell history from invention), as every surface says it."""
        try:
            found = reality(self.s.ruleset, card, option, outcome)
        except (KeyError, ValueError):
            return ""
        return t(f"reality.{found}") if found else ""

    def _build_card(self) -> None:
        m = self.m
        st = self.s.state
        card = st.current_card
        assert card is not None
        content, _ = self.card_area(card.title, self.card_kicker())
        self.icon = draw.icon_for(card.icon, card.tags)
        sc, col, width = self.scroller(content)
        tb = self.richbox(pygame.Rect(0, col.y, width, -1), esc(card.text.strip()),
                          size=m.body, container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.gap)
        # The card's text is the first stop: the arrows scroll it, then go on to the options.
        self.focus.add(Focusable("card", tb, None, sc, scrolls=sc))
        self.choices = st.choices()
        opts = {o.id: o for o in card.options}
        for i, choice in enumerate(self.choices, 1):
            opt = opts.get(choice.action.option or "")
            moves = self.s.moves(opt) if opt is not None else []
            b = self.option_button(0, col.y, width, i, choice.label,
                                   partial(self.decide, choice.action), key=f"opt{i}",
                                   enabled=choice.legal, container=sc, scroll=sc)
            col.placed(b.relative_rect)
            hints = self.option_hints(sc, col, width, choice, moves)
            self.belongs(f"opt{i}", hints)
            if opt is not None:
                self.models[f"opt{i}"] = opt
        self.finish_scroller(sc, col, width)
        self.default_key = "card"

    def belongs(self, key: str, extent: Any) -> None:
        """``extent`` (an option's hint lines) is part of the stop ``key``: focus shows both."""
        for item in self.focus.items:
            if item.key == key:
                item.extent = extent

    def option_hints(self, sc: UIScrollingContainer, col: Column, width: int, choice: Choice,
                     moves: list[tuple[str, str, int]], indent: int | None = None) -> Any:
        """The line under an option: why it is unavailable, its cost and moves, its chances."""
        m = self.m
        ind = m.px(16) if indent is None else indent
        parts = []
        if not choice.legal:
            parts.append(f"<font color='{self.theme.hex('bad')}'><b>{esc(t('board.unavailable'))}"
                         f"</b> {esc(self.s.why(choice.why_not))}</font>")
        parts.append(moves_html(self, choice.cost, moves))
        if choice.hint:
            parts.append(f"<i>{esc(choice.hint)}</i>")
        if choice.odds:
            parts.append("<br>".join(odds_html(self, o.chance, o.text) for o in choice.odds))
        top = col.y - m.gap + m.px(6) if indent is None else col.y
        tb = self.richbox(pygame.Rect(col.x + ind, top, width - ind, -1),
                          "<br>".join(p for p in parts if p), container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.gap)
        return tb

    def _build_over(self) -> None:
        m = self.m
        content, _ = self.card_area(self.tw("board.year_over"), t("board.see_how"))
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
            tb = self.textbox(pygame.Rect(col.x, col.y, col.width, -1), status, cls="@status")
            col.placed(tb.relative_rect)
        col.skip(m.gap)
        self.rects["log_head"] = pygame.Rect(col.x, col.y, col.width, lh)
        col.skip(lh)
        height = inner.bottom - col.y
        if height > lh * 2 and not self.app.vote_mode:
            area = pygame.Rect(col.x, col.y, col.width, height)
            self.backdrops.append((area, True, RIGHT))
            sc = Scroller(area, self.ui, allow_scroll_x=False)
            self.keep(sc)
            text_w = area.width - m.px(20)
            log = self.richbox(pygame.Rect(m.px(4), m.px(2), text_w - m.px(4), -1),
                               log_html(self), container=sc, spacing=1.1)
            sc.set_scrollable_area_dimensions((text_w, log.rect.height + m.px(4)))
            self.focus.add(Focusable("log", sc, None, None, scrolls=sc))
        else:
            self.rects["log_head"] = pygame.Rect(col.x, col.y, 0, 0)

    # -------------------------------------------------------------- draw

    def draw(self, surface: pygame.Surface) -> None:
        if self._bg is None or self._bg.get_size() != surface.get_size():
            self._bg = pygame.Surface(surface.get_size())
            paint(self, self._bg)
        surface.blit(self._bg, (0, 0))
        paint_marks(self, surface)
        clock = self.rects.get("clock")
        if clock is not None:
            paint_clock(self, surface, clock)

    # ------------------------------------------------------------ clock

    def wake_in(self) -> float | None:
        ballot = shown_ballot(self)
        return ballot.countdown.next_change() if ballot is not None else None

    def animating(self) -> bool:
        return bool(self.flash) and self.flash_left() > 0

    def flash_left(self) -> float:
        """How much of the light on the values that moved is left (1 to 0)."""
        if not self.flash:
            return 0.0
        left = 1.0 - (time.perf_counter() - self.flash_since) / FLASH_SECONDS
        if left <= 0:
            self.flash = []
            return 0.0
        return left

    def touched(self) -> str | None:
        """The option or action the pointer is over, else the focused one."""
        for item in self.focus.items:
            if item.key in self.models and getattr(item.element, "hovered", False):
                return item.key
        cur = self.focus.current
        return cur.key if cur is not None and cur.key in self.models else None

    def tick(self) -> bool:
        changed = False
        key = self.touched()
        if key != self.touch_key:
            self.touch_key = key
            model = self.models.get(key) if key is not None else None
            self.touching = self.s.touches(model) if model is not None else []
            changed = True
            if key is not None and key.startswith("act"):
                self.saw_actions()
        ballot = shown_ballot(self)
        if ballot is None or not ballot.countdown.enabled:
            return changed
        shown = ballot.countdown.shown()
        if shown != self._shown_second:
            self._shown_second = shown
            if ballot.countdown.over() and self.s.outcome is None:
                # Voting has closed: the tallies can no longer be changed.
                self.rebuild_part(CENTER, self.build_center)
            return True
        return changed

    # ------------------------------------------------------------ input

    def decide(self, action: Action, vote: tuple[dict[str, int], bool] | None = None) -> None:
        """Apply a decision and show what it did: the result panel (until dismissed) and
        the values that moved lit up; at the end of a turn the turn's summary."""
        from ..summary import MonthSummaryScene

        s = self.s
        before = s.state.turn
        try:
            s.apply(action, vote, save=False)
        except IllegalAction as exc:
            s.status = t("status.not_possible", why=exc.reason)
            s.last_entries = []
            self.refresh()
            return
        self.end_armed = False
        self.light_up(s.last_entries)
        self.app.settle()
        self.later(s.save_autosave)
        if s.state.turn != before or s.state.is_over:
            s.outcome = None
            self.focus.index = -1
            self.rebuild()
            self.app.push(MonthSummaryScene(self.app, before))
            return
        self.focus.index = -1
        self.refresh()

    def light_up(self, entries: list[Any]) -> None:
        """Light the values these log entries moved, with their net change."""
        net: dict[str, int] = {}
        for e in entries:
            if e.target is not None and e.target in self.rows:
                net[e.target] = net.get(e.target, 0) + e.delta
        self.flash = [(k, d) for k, d in net.items() if d]
        self.flash_since = time.perf_counter()

    def dismiss(self) -> None:
        """Close the result panel: the next card (or the actions) shows."""
        if self.s.outcome is None:
            return
        self.s.outcome = None
        self.focus.index = -1
        self.app.settle()
        self.refresh()

    def pick(self, n: int) -> bool:
        """Number key ``n``: the n-th option or action (0 ends the turn)."""
        st = self.s.state
        if self.s.outcome is not None:
            return True  # the result is shown: keys never reach the card behind it
        if st.pending.kind == "diplomacy" and n == 0:
            self.end_month()
            return True
        if self.voting:
            return vote_by_letter(self, n - 1, 1)
        if not 1 <= n <= len(self.choices):
            return False
        choice = self.choices[n - 1]
        if not choice.legal:
            self.s.status = t("status.option_unavailable", n=n, why=self.s.why(choice.why_not))
            self.s.last_entries = []
            self.refresh()
            return True
        self.decide(choice.action)
        return True

    def saw_actions(self, at: float | None = None) -> None:
        """The actions panel is on screen (or the player looked at an action)."""
        turn = self.s.state.turn
        if self.actions_seen is None or self.actions_seen[0] != turn:
            self.actions_seen = (turn, self.app.now() if at is None else at - SEEN_SECONDS)

    def end_month(self) -> None:
        """End the turn; with currency left and the actions barely seen, ask first."""
        st = self.s.state
        seen = self.actions_seen is not None and self.actions_seen[0] == st.turn \
            and self.app.now() - self.actions_seen[1] >= SEEN_SECONDS
        if not seen and not self.end_armed and unspent(self):
            self.end_armed = True
            self.saw_actions(self.app.now() + SEEN_SECONDS)
            self.refresh()
            self.focus.focus_key("end")
            return
        self.decide(Action.end_turn())

    def undo(self) -> None:
        self.s.status = self.s.undo()
        self.flash = []
        self.rebuild()

    def legend(self) -> None:
        from ..legend import LegendScene

        self.app.push(LegendScene(self.app))

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
        if self.s.outcome is not None and key in (pygame.K_RETURN, pygame.K_KP_ENTER,
                                                  pygame.K_SPACE):
            self.dismiss()
            return True
        if self.voting and self.s.outcome is None and key in LETTER_KEYS:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            if vote_by_letter(self, LETTER_KEYS[key], step):
                return True
        if key in NUMBER_KEYS and not self.s.state.is_over:
            return self.pick(NUMBER_KEYS[key])
        shortcuts: dict[int, Callable[[], None]] = {pygame.K_u: self.undo, pygame.K_c: self.summary,
                                                    pygame.K_m: self.menu,
                                                    pygame.K_l: self.legend}
        if key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
            self.undo()
            return True
        if key == pygame.K_e and self.s.state.pending.kind == "diplomacy" \
                and self.s.outcome is None:
            self.end_month()
            return True
        if key in shortcuts and not (self.voting and key in LETTER_KEYS):
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
