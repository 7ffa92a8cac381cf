"""The teacher's panel of a class vote (F2), and the tie-break question.

The panel sits over the board: pause or restart the countdown, change its
length, reveal the exact effects of every option, set the current card
aside, bring in any card of the pack, or end the lesson early and go to
the debrief of what was played.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from ...engine import Action, IllegalAction
from .. import draw
from ..i18n import t, tn
from ..layout import Column, centered, row
from ..scene import Scene, esc
from ..scrolling import selected_text
from ..session import Session
from ..settings import VOTE_SECONDS
from ..vote import Ballot, Countdown, clock_text, letter
from .common import panel

if TYPE_CHECKING:
    from ..context import SceneContext
    from .board import BoardScene


def _seconds_label(n: int) -> str:
    return t("teacher.seconds_off") if n == 0 else t("teacher.seconds", n=n)


class TeacherScene(Scene):
    """The teacher's panel, an overlay over the board."""

    opaque = False
    name = "teacher"

    def __init__(self, app: SceneContext) -> None:
        super().__init__(app)
        self.confirm_end = False
        self.note = ""
        rs = self.s.ruleset
        titles: dict[str, int] = {}
        for card in rs.cards.values():
            titles[card.title] = titles.get(card.title, 0) + 1
        #: The list's text of each card (the title; the id too when titles repeat).
        self.cards = {(c.title if titles[c.title] == 1 else f"{c.title} ({c.id})"): c.id
                      for c in sorted(rs.cards.values(), key=lambda c: c.title.lower())}
        self.card_list: pygame_gui.elements.UISelectionList | None = None
        self.clock_rect = pygame.Rect(0, 0, 0, 0)
        self._shown: tuple[int, bool, bool] | None = None

    @property
    def s(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    def ballot(self) -> Ballot | None:
        """The vote on the card beneath the panel, if one is under way."""
        from .board import BoardScene

        board = self.app.find("board")
        if not isinstance(board, BoardScene) or self.s.state.pending.kind != "event":
            return None
        return board.shown_ballot()

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        self.box = centered(min(m.px(1180), w - 2 * m.pad), h - 2 * m.pad,
                            self.app.screen.get_rect())
        box = self.box
        bh = m.button_h
        lh = m.line(m.heading)
        inner = box.inflate(-4 * m.pad, -2 * m.pad)
        top = Column(inner.x, inner.y, inner.width, m.gap)
        close_w = self.theme.font(m.body).size(t("teacher.close"))[0] + m.px(40)
        title = top.take(m.line(m.title))
        self.label(pygame.Rect(title.x, title.y, title.width - close_w - m.gap, title.height),
                   t("teacher.title"), cls="@heading_title")
        self.button(pygame.Rect(inner.right - close_w, title.y + (title.height - bh) // 2,
                                close_w, bh), t("teacher.close"), self.app.pop, key="close")
        self.label(top.take(m.line(m.small)), t("teacher.subtitle"), cls="@muted")
        top.skip(m.gap)
        cols = row(pygame.Rect(inner.x, top.y, inner.width, inner.bottom - top.y), 2, m.pad * 2)
        left = Column(cols[0].x, cols[0].y, cols[0].width, m.gap)
        ballot = self.ballot()
        cd = ballot.countdown if ballot is not None else None
        self.label(left.take(lh), t("teacher.countdown"), cls="@heading")
        self.clock_rect = left.take(m.line(m.body))
        r = row(left.take(bh), 2, m.gap)
        running = cd is not None and cd.running
        self.button(r[0], t("teacher.pause") if running else t("teacher.resume"),
                    self.pause, key="pause",
                    enabled=cd is not None and cd.enabled and not cd.over())
        self.button(r[1], t("teacher.restart"), self.restart, key="restart",
                    enabled=cd is not None and cd.enabled)
        r = row(left.take(bh), len(VOTE_SECONDS), m.px(4))
        for rect, n in zip(r, VOTE_SECONDS, strict=True):
            self.button(rect, _seconds_label(n), partial(self.set_length, n), key=f"len{n}",
                        selected=n == self.app.settings.vote_seconds,
                        tooltip=esc(t("teacher.length_tip")))
        left.skip(m.gap)
        self.label(left.take(lh), t("teacher.this_card"), cls="@heading")
        self.checkbox(left.take(bh), t("teacher.reveal"), self.s.reveal, self.set_reveal,
                      key="reveal", tooltip=esc(t("teacher.reveal_tip")))
        event = self.s.state.pending.kind == "event"
        self.button(left.take(bh), t("teacher.skip"), self.skip, key="skip", enabled=event,
                    tooltip=esc(t("teacher.skip_tip")))
        left.skip(m.gap)
        self.label(left.take(lh), t("teacher.lesson"), cls="@heading")
        end_text = t("teacher.end_confirm") if self.confirm_end else t("teacher.end")
        self.button(left.take(bh), end_text, self.end_lesson, key="end",
                    cls="@danger" if self.confirm_end else None,
                    tooltip=esc(t("teacher.end_tip")))
        if self.note:
            tb = self.textbox(left.take(-1), esc(self.note), cls="@small")
            left.placed(tb.rect)
        right = Column(cols[1].x, cols[1].y, cols[1].width, m.gap)
        self.label(right.take(lh), t("teacher.inject_head"), cls="@heading")
        list_h = cols[1].bottom - right.y - bh - m.gap
        first = next(iter(self.cards), None)
        self.card_list = self.selection(right.take(list_h), list(self.cards), key="cards",
                                        selected=first, on_enter=self.inject)
        self.button(right.take(bh), t("teacher.inject"), self.inject, key="inject",
                    enabled=not self.s.state.is_over and bool(self.cards),
                    tooltip=esc(self.tw("teacher.inject_tip")))
        self.default_key = "close"

    # -------------------------------------------------------------- clock

    def _clock_state(self) -> tuple[int, bool, bool]:
        ballot = self.ballot()
        if ballot is None:
            return (-1, False, False)
        cd = ballot.countdown
        return (cd.shown(), cd.running, cd.over())

    def wake_in(self) -> float | None:
        ballot = self.ballot()
        return ballot.countdown.next_change() if ballot is not None else None

    def tick(self) -> bool:
        state = self._clock_state()
        if state != self._shown:
            self._shown = state
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        panel(surface, self, self.box)
        self.draw_backdrops(surface)
        ballot = self.ballot()
        th = self.theme
        font = th.font(self.m.body)
        if ballot is None:
            text, color = t("teacher.no_card"), th.color("muted")
        elif not ballot.countdown.enabled:
            text, color = t("teacher.countdown_off"), th.color("muted")
        elif ballot.countdown.over():
            text, color = t("vote.closed"), th.color("bad")
        else:
            cd = ballot.countdown
            key = "teacher.left_paused" if cd.paused else "teacher.left"
            text, color = t(key, time=clock_text(cd.shown())), th.color("text")
        draw.text(surface, font, text, self.clock_rect.topleft, color, self.clock_rect.width)

    # ------------------------------------------------------------ actions

    def pause(self) -> None:
        ballot = self.ballot()
        if ballot is None:
            return
        cd = ballot.countdown
        if cd.running:
            cd.pause()
        else:
            cd.resume()
        self._refresh()

    def restart(self) -> None:
        ballot = self.ballot()
        if ballot is not None:
            ballot.countdown.start()
        self._refresh()

    def set_length(self, seconds: int) -> None:
        self.app.settings.vote_seconds = seconds
        if self.app.persist_settings:
            from ..settings import save_settings

            save_settings(self.app.settings)
        ballot = self.ballot()
        if ballot is not None:
            ballot.countdown = Countdown(seconds)
            ballot.countdown.start()
        self._refresh()

    def set_reveal(self, on: bool) -> None:
        self.s.reveal = on
        self._refresh()

    def _refresh(self) -> None:
        """Build the panel and the board beneath it again (the board shows the clock)."""
        board = self.app.find("board")
        if board is not None:
            board.rebuild()
        self.rebuild()

    def _apply(self, action: Action) -> None:
        try:
            self.s.apply(action)
        except IllegalAction as exc:
            self.note = t("status.not_possible", why=exc.reason)
            self.rebuild()
            return
        self.app.pop()

    def skip(self) -> None:
        self._apply(Action.skip())

    def inject(self) -> None:
        text = selected_text(self.card_list) if self.card_list is not None else None
        card = self.cards.get(text or "")
        if card is not None:
            self._apply(Action.inject(card))

    def end_lesson(self) -> None:
        from .debrief import DebriefScene

        if not self.confirm_end:
            self.confirm_end = True
            self.rebuild()
            self.focus.focus_key("end")
            return
        self.app.pop()
        self.app.push(DebriefScene(self.app))

    def on_escape(self) -> None:
        self.app.pop()


class TieScene(Scene):
    """A tie: the teacher picks which of the tied options the class takes."""

    opaque = False
    name = "tie"

    def __init__(self, app: SceneContext, tied: tuple[str, ...], votes: int) -> None:
        super().__init__(app)
        self.tied = tied
        self.votes = votes

    def _board(self) -> BoardScene | None:
        from .board import BoardScene

        board = self.app.find("board")
        return board if isinstance(board, BoardScene) else None

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        width = min(m.px(900), w - 2 * m.pad)
        # Lay out once to learn the height, then again centred in the window.
        self.box = pygame.Rect(0, 0, width, h - 2 * m.pad)
        used = self._layout()
        self.ui.clear_and_reset()  # type: ignore[no-untyped-call]
        self._actions.clear()
        self.backdrops = []
        self.focus.clear()
        self.box = centered(width, min(used + m.pad, h - 2 * m.pad),
                            self.app.screen.get_rect())
        self._layout()
        self.default_key = "tie1"

    def _layout(self) -> int:
        """Build the widgets in :attr:`box`; returns the height they take."""
        m = self.m
        board = self._board()
        bh = m.button_h
        choices = board.choices if board is not None else []
        order = [c.action.option for c in choices]
        letters = {opt: letter(order.index(opt)) for opt in self.tied if opt in order}
        labels = {c.action.option: c.label for c in choices}
        text = tn("vote.tie_text", self.votes,
                  letters=t("vote.and").join(letters.get(o, "?") for o in self.tied))
        col = Column(self.box.x + m.pad * 2, self.box.y + m.pad, self.box.width - 4 * m.pad,
                     m.gap)
        self.label(col.take(m.line(m.title)), t("vote.tie_title"), obj="#screen_title")
        tb = self.textbox(col.take(-1), esc(text), cls="@big")
        col.placed(tb.rect)
        for i, opt in enumerate(self.tied, 1):
            b = self.option_button(col.x, col.y, col.width, letters.get(opt, "?"),
                                   labels.get(opt, opt), partial(self.pick, opt), key=f"tie{i}",
                                   max_lines=2)
            col.placed(b.rect)
        col.skip(m.gap)
        self.button(col.take(bh, width=min(col.width, m.px(360))), t("vote.tie_back"),
                    self.app.pop, key="back")
        return col.y - self.box.y

    def draw(self, surface: pygame.Surface) -> None:
        panel(surface, self, self.box)
        self.draw_backdrops(surface)

    def on_key(self, event: pygame.event.Event) -> bool:
        """A, B... pick the tied option with that letter (a letter not tied does nothing)."""
        from .board.vote import LETTER_KEYS

        board = self._board()
        index = LETTER_KEYS.get(event.key)
        if board is None or index is None or not 0 <= index < len(board.choices):
            return False
        option = board.choices[index].action.option or ""
        if option in self.tied:
            self.pick(option)
        return True

    def pick(self, option: str) -> None:
        board = self._board()
        self.app.pop()
        if board is not None:
            board.apply_vote(option, tie_broken=True)

    def on_escape(self) -> None:
        self.app.pop()
