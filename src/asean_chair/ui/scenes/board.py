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

from ...engine import Action, Choice, IllegalAction
from ...turns import month_name
from .. import draw
from ..i18n import language, t, tn
from ..layout import Column
from ..scene import Focusable, Scene, esc
from ..session import MINUS, Session, signed
from ..vote import Ballot, clock_text, letter, majority
from .common import panel

if TYPE_CHECKING:
    from ..context import SceneContext

NBSP = "\u00a0"
DOT = "  \u00b7  "
#: Between the moves of a hint: the dot stays at the end of a line, never starts one.
MOVES_DOT = "\u00a0\u00b7  "
NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{i}"): i for i in range(10)})
LETTER_KEYS = {getattr(pygame, f"K_{c}"): i for i, c in enumerate("abcdefghij")}


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
        self._bg = None

    # ------------------------------------------------------------ ballot

    def _ballot_key(self) -> tuple[int, str] | None:
        st = self.s.state
        card = st.current_card
        if not self.app.vote_mode or card is None:
            return None
        return (len(st.history), card.id)

    def shown_ballot(self) -> Ballot | None:
        """The vote on the current card, if it has begun (reading only: for drawing)."""
        key = self._ballot_key()
        current = self.s.ballot
        return current if key is not None and current is not None and current.key == key \
            else None

    def ballot(self) -> Ballot | None:
        """The vote on the current card (a new one when the card changes)."""
        st = self.s.state
        card = st.current_card
        key = self._ballot_key()
        if key is None or card is None:
            return None
        current = self.s.ballot
        if current is None or current.key != key:
            current = Ballot(key, tuple(o.id for o in card.options),
                             self.app.settings.vote_seconds)
            self.s.ballot = current
        return current

    # ------------------------------------------------------------ layout

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        st = self.s.state
        self._bg = None
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
                self._build_vote()
            else:
                self._build_card()
        elif st.pending.kind == "diplomacy":
            self._build_diplomacy()
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

    def _hotspot(self, rect: pygame.Rect, tip: str) -> None:
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
                    self._hotspot(cell, f"<b>{esc(month_name(mo, language()))}: {esc(ms.name)}</b>"
                                        + (f"<br>{esc(ms.text)}" if ms.text else ""))
        for key, rect in self._left_rows():
            if key.startswith("rel."):
                a = rs.actors[key[4:]]
                tip = f"<b>{esc(a.name)}</b>: {esc(a.description)}" if a.description \
                    else esc(a.name)
            else:
                tr = rs.tracks[key]
                tip = f"<b>{esc(tr.name)}</b>: {esc(tr.description)}" if tr.description \
                    else esc(tr.name)
            self._hotspot(rect, tip)

    def _left_layout(self) -> tuple[int, int, int, int, int, bool]:
        """(track row, relation row, heading, font size, name width, stacked).

        Track names sit beside their meters when they fit, else above them;
        type shrinks one step at a time until every row fits the column.
        """
        m = self.m
        rs = self.s.ruleset
        tracks = [tr for tr in rs.tracks.values() if tr.visible]
        actors = list(rs.actors.values())
        n_t, n_a = len(tracks), len(actors)
        inner = self.rects["left"].width - 2 * m.pad
        avail = self.rects["left"].height - 2 * m.pad
        for size in sorted({m.body, m.small, m.tx(16), m.tx(14), m.px(16), m.px(14)},
                           reverse=True):
            font = self.theme.font(size)
            head = m.line(m.small) + m.gap
            longest = max([font.size(tr.name)[0] for tr in tracks] +
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
        for tr in rs.tracks.values():
            if tr.visible:
                out.append((tr.id, pygame.Rect(box.x + m.pad, y, box.width - 2 * m.pad, row_t)))
                y += row_t
        y += head
        for a in rs.actors.values():
            out.append((f"rel.{a.id}", pygame.Rect(box.x + m.pad, y, box.width - 2 * m.pad,
                                                   row_a)))
            y += row_a
        return out

    # -------------------------------------------------------------- card

    def _card_area(self, title: str, kicker: str, reserve: int = 0
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

    def _scroller(self, rect: pygame.Rect) -> tuple[UIScrollingContainer, Column, int]:
        sc = UIScrollingContainer(rect, self.ui, allow_scroll_x=False)
        self.scroll = sc
        sb = self.m.px(20)
        return sc, Column(0, 0, rect.width - sb, self.m.gap), rect.width - sb

    def _finish_scroller(self, sc: UIScrollingContainer, col: Column, width: int) -> None:
        sc.set_scrollable_area_dimensions((width, max(col.y, 1)))
        if col.y > sc.rect.height:
            title, kicker, rows = self.header
            self.header = (title, kicker + DOT + t("board.scroll_more"), rows)

    def _card_kicker(self) -> str:
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
        content, _ = self._card_area(card.title, self._card_kicker())
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
            b = self.option_button(0, col.y, width, i, choice.label,
                                   partial(self.decide, choice.action), key=f"opt{i}",
                                   enabled=choice.legal, container=sc, scroll=sc)
            col.placed(b.relative_rect)
            self._option_hints(sc, col, width, choice, moves)
        self._finish_scroller(sc, col, width)
        self.default_key = next((f"opt{i}" for i, c in enumerate(self.choices, 1) if c.legal),
                                None)

    def _option_hints(self, sc: UIScrollingContainer, col: Column, width: int, choice: Choice,
                      moves: list[tuple[str, str, int]], indent: int | None = None) -> None:
        m = self.m
        ind = m.px(16) if indent is None else indent
        parts = []
        if not choice.legal:
            parts.append(f"<font color='{self.theme.hex('bad')}'><b>{esc(t('board.unavailable'))}"
                         f"</b> {esc(choice.why_not or '')}</font>")
        parts.append(self._moves_html(choice.cost, moves))
        if choice.hint:
            parts.append(f"<i>{esc(choice.hint)}</i>")
        if choice.odds:
            parts.append("<br>".join(self._odds_html(o.chance, o.text) for o in choice.odds))
        top = col.y - m.gap + m.px(2) if indent is None else col.y
        tb = self.textbox(pygame.Rect(col.x + ind, top, width - ind, -1),
                          "<br>".join(p for p in parts if p), cls="@small", container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.gap)

    def _odds_html(self, chance: float, text: str) -> str:
        return (f"<b>{esc(t('board.chance', p=round(chance * 100)))}</b> "
                f"{esc(text or t('board.nothing_more'))}")

    def _moves_html(self, cost: int, moves: list[tuple[str, str, int]]) -> str:
        good, bad = self.theme.hex("good"), self.theme.hex("bad")
        bits = [f"<b>{esc(t('board.costs', n=cost))}</b>" if cost else esc(t("board.free"))]
        for _, text, sign in moves:
            color = good if sign > 0 else bad if sign < 0 else self.theme.hex("muted")
            bits.append(f"<font color='{color}'>{esc(text).replace(' ', NBSP)}</font>")
        return MOVES_DOT.join(bits)

    # -------------------------------------------------------------- vote

    def _build_vote(self) -> None:
        """A card put to the class: options A, B, C side by side, each with its tally."""
        m = self.m
        st = self.s.state
        card = st.current_card
        assert card is not None
        ballot = self.ballot()
        assert ballot is not None
        box = self.rects["center"]
        clock_w = round(box.width * 0.2) if ballot.countdown.enabled else 0
        content, head_h = self._card_area(card.title, t("vote.kicker") + DOT + self._card_kicker(),
                                          reserve=clock_w + m.pad if clock_w else 0)
        self.rects.pop("clock", None)
        if clock_w:
            self.rects["clock"] = pygame.Rect(box.right - m.pad - clock_w, box.y + m.pad,
                                              clock_w, head_h - m.pad - m.gap)
        self.icon = draw.icon_for(card.icon, card.tags)
        bh = m.button_h
        apply_w = round(content.width * 0.68)
        apply_rect = pygame.Rect(content.x, content.bottom - bh, apply_w, bh)
        self.rects["total"] = pygame.Rect(apply_rect.right + m.gap, apply_rect.y,
                                          content.right - apply_rect.right - m.gap, bh)
        content.height -= bh + m.gap
        status = self._status_html()
        if status:
            tb = self.textbox(pygame.Rect(content.x, content.y, content.width, -1), status,
                              cls="@status")
            cap = m.line(m.small) * 2 + m.px(20)
            if tb.rect.height > cap:
                tb.kill()
                self.backdrops.pop()
                tb = self.textbox(pygame.Rect(content.x, content.y, content.width, cap),
                                  status, cls="@status")
            used = tb.rect.height + m.gap
            content = pygame.Rect(content.x, content.y + used, content.width,
                                  content.height - used)
        # The card's text in a box of its own (it scrolls if long), so that the
        # options below it stay in view for the class.
        text = card.text.strip()
        font = self.theme.font(m.body)
        lines = len(draw.wrap(font, text, content.width - m.px(30)))
        want = round(lines * font.get_linesize() * 1.2) + m.px(12)
        text_h = min(want, round(content.height * 0.32))
        self.textbox(pygame.Rect(content.x, content.y, content.width, text_h), esc(text))
        content = pygame.Rect(content.x, content.y + text_h + m.gap, content.width,
                              content.height - text_h - m.gap)
        sc, col, width = self._scroller(content)
        self.choices = st.choices()
        opts = {o.id: o for o in card.options}
        n = len(self.choices)
        per_row = n if n <= 3 else 2
        gap = m.gap * 2
        cell_w = (width - gap * (per_row - 1)) // max(per_row, 1)
        entry_w = font.size("0000")[0] + m.px(20)
        tally_w = 2 * bh + entry_w + 2 * m.px(4)
        y = 0
        for start in range(0, n, per_row):
            bottom = y
            row_choices = self.choices[start:start + per_row]
            tall = max(self.option_height(cell_w, letter(start + j), c.label, 4)
                       for j, c in enumerate(row_choices))
            for j, choice in enumerate(row_choices):
                i = start + j
                x = j * (cell_w + gap)
                opt_id = choice.action.option or ""
                opt = opts.get(opt_id)
                moves = self.s.moves(opt) if opt is not None else []
                b = self.option_button(x, y, cell_w, letter(i), choice.label,
                                       partial(self.add_vote, opt_id, 1), key=f"opt{i + 1}",
                                       enabled=choice.legal, container=sc, scroll=sc,
                                       tooltip=esc(t("vote.option_tip", letter=letter(i))),
                                       max_lines=4, height=tall)
                ty = int(b.relative_rect.bottom) + m.gap
                self._tally(sc, pygame.Rect(x + (cell_w - tally_w) // 2, ty, tally_w, bh), i,
                            opt_id, choice.legal, ballot.box.tallies.get(opt_id, 0), entry_w)
                cell = Column(x, ty + bh + m.gap, cell_w, m.gap)
                self._option_hints(sc, cell, cell_w, choice, moves, indent=0)
                bottom = max(bottom, cell.y)
            y = bottom + m.gap
        col.y = y
        self._finish_scroller(sc, col, width)
        self.option_button(apply_rect.x, apply_rect.y, apply_rect.width, "\u00bb",
                           t("vote.apply"), self.apply_majority, key="apply", max_lines=1,
                           tooltip=esc(t("vote.apply_tip")))
        self.default_key = "apply"

    def _tally(self, sc: UIScrollingContainer, row: pygame.Rect, i: int, option: str,
               legal: bool, votes: int, entry_w: int) -> None:
        """[−] [votes] [+] beside an option, centred on its button."""
        m = self.m
        bh = m.button_h
        y = row.y + (row.height - bh) // 2
        x = row.x
        name = letter(i)
        self.button(pygame.Rect(x, y, bh, bh), MINUS, partial(self.add_vote, option, -1),
                    key=f"minus{i + 1}", tooltip=esc(t("vote.minus_tip", letter=name)),
                    enabled=legal, container=sc, scroll=sc)
        x += bh + m.px(4)
        e = UITextEntryLine(pygame.Rect(x, y, entry_w, bh), self.ui, container=sc,
                            initial_text=str(votes))
        e.set_allowed_characters("numbers")
        e.set_text_length_limit(3)
        if not legal:
            e.disable()  # type: ignore[no-untyped-call]
        self.tally_entries[option] = e
        self.focus.add(Focusable(f"tally{i + 1}", e, partial(self.ui.set_focus_set, e), sc))
        x += entry_w + m.px(4)
        self.button(pygame.Rect(x, y, bh, bh), "+", partial(self.add_vote, option, 1),
                    key=f"plus{i + 1}", tooltip=esc(t("vote.plus_tip", letter=name)),
                    enabled=legal, container=sc, scroll=sc)

    def add_vote(self, option: str, step: int) -> None:
        """One more (or one fewer) vote for an option."""
        ballot = self.ballot()
        legal = {c.action.option for c in self.choices if c.legal}
        if ballot is None or option not in legal:
            return
        ballot.box.add(option, step)
        entry = self.tally_entries.get(option)
        if entry is not None:
            entry.set_text(str(ballot.box.tallies[option]))
        self._bg = None

    def typed_votes(self, entry: UITextEntryLine) -> None:
        """The teacher typed a tally."""
        ballot = self.ballot()
        if ballot is None:
            return
        for option, e in self.tally_entries.items():
            if e is entry:
                text = e.get_text().strip()
                ballot.box.set(option, int(text) if text.isdigit() else 0)
                self._bg = None

    def apply_majority(self) -> None:
        """Apply the option with the most votes; a tie asks the teacher to pick."""
        from .teacher import TieScene

        ballot = self.ballot()
        if ballot is None:
            return
        legal = [c.action.option or "" for c in self.choices if c.legal]
        result = majority(ballot.box.tallies, legal)
        if result.winner is not None:
            self.apply_vote(result.winner, tie_broken=False)
        elif result.tied:
            self.app.push(TieScene(self.app, result.tied, result.votes))
        else:
            self.s.status = t("vote.no_votes")
            self.s.last_entries = []
            self.rebuild()

    def apply_vote(self, option: str, tie_broken: bool) -> None:
        """Apply the class's choice, recording the tally with it."""
        ballot = self.ballot()
        card = self.s.state.current_card
        if ballot is None or card is None:
            return
        self.decide(Action.choose(card.id, option), vote=(dict(ballot.box.tallies), tie_broken))

    def _vote_by_letter(self, i: int, step: int) -> bool:
        if not 0 <= i < len(self.choices):
            return False
        self.add_vote(self.choices[i].action.option or "", step)
        return True

    # --------------------------------------------------------- diplomacy

    def _build_diplomacy(self) -> None:
        m = self.m
        s = self.s
        st = s.state
        left = s.actions_left()
        kicker = tn("board.actions_left", left) + DOT + t("board.capital_now", n=st.capital)
        content, _ = self._card_area(t("board.diplomacy"), kicker)
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
                why = (choice.why_not or "")
                line = (f"<font color='{bad}'>{esc(why[:1].upper() + why[1:])}</font>"
                        + DOT + esc(t("board.costs_lower", n=choice.cost)))
            if choice.odds:
                line += "".join("<br>" + self._odds_html(o.chance, o.text) for o in choice.odds)
            tb = self.textbox(pygame.Rect(m.px(16), col.y - m.gap + m.px(2), width - m.px(16),
                                          -1), line, cls="@small", container=sc)
            col.placed(tb.relative_rect)
            col.skip(m.px(2))
        self._finish_scroller(sc, col, width)
        nxt = st.turn < s.scenario.turns
        label = t("board.end_month") if nxt else t("board.end_year")
        self.option_button(end_rect.x, end_rect.y, end_rect.width, 0, label, self.end_month,
                           key="end", max_lines=1, tooltip=esc(t("board.end_month_tip")))
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
            bits.append(tn("board.per_month", per_turn))
        if cooldown:
            bits.append(tn("board.cooldown", cooldown))
        if max_uses:
            used = self.s.state.used.get(getattr(act, "id", ""), 0)
            bits.append(t("board.uses_left", left=max(max_uses - used, 0), total=max_uses))
        if window:
            bits.append(t("board.window", first=month_name(window[0], language(), short=True),
                          last=month_name(window[1], language(), short=True)))
        return "".join(DOT + esc(b) for b in bits)

    def _build_over(self) -> None:
        m = self.m
        content, _ = self._card_area(t("board.year_over"), t("board.see_how"))
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
        lines = self._queue_lines()
        lh = m.line(m.small)
        queue_top = col.y
        col.skip(lh + len(lines) * lh + m.gap)
        self.rects["queue"] = pygame.Rect(inner.x, queue_top, inner.width, col.y - queue_top)
        status = self._status_html()
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
            self.textbox(pygame.Rect(col.x, col.y, col.width, height), self._log_html(),
                         cls="@log")
        else:
            self.rects["log_head"] = pygame.Rect(col.x, col.y, 0, 0)

    def _queue_lines(self) -> list[tuple[str, str]]:
        """(state, text) for this month's steps: done, now, next."""
        st = self.s.state
        rs = self.s.ruleset
        out: list[tuple[str, str]] = []
        for tu, card_id, _ in st.choices_made:
            if tu == st.turn and card_id in rs.cards:
                out.append(("done", rs.cards[card_id].title))
        for i, card_id in enumerate(st.upcoming):
            out.append(("now" if i == 0 else "next", rs.cards[card_id].title))
        if not st.is_over:
            out.append(("now" if st.pending.kind == "diplomacy" else "next",
                        t("board.diplomacy")))
        months = self.s.months()
        for ms in self.s.scenario.milestones:
            turns = [i for i, mo in enumerate(months, 1) if mo == ms.month and i >= st.turn]
            if turns:
                when = t("board.this_month") if turns[0] == st.turn else month_name(ms.month, language(), short=True)
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
                    head = s.log_text(e)
                else:
                    msgs.append(s.log_text(e))
            elif s.shown(e.target) and e.target != "capital":
                moved[e.target] = moved.get(e.target, 0) + e.delta
        good, bad = self.theme.hex("good"), self.theme.hex("bad")
        parts = []
        if not head and entries[0].cause.kind not in ("option", "action"):
            head = t("board.end_of_month")
        if head:
            parts.append(f"<b>{esc(head)}</b>")
        if s.status:
            parts.append(esc(s.status))
        parts.extend(esc(tx) for tx in msgs)
        if moved:
            bits = []
            for target, d in moved.items():
                if d:
                    color = good if d > 0 else bad
                    bits.append(f"<font color='{color}'>"
                                f"{esc(s.label(target, True)).replace(' ', NBSP)}{NBSP}"
                                f"{signed(d)}</font>")
            if bits:
                parts.append(DOT.join(bits))
        return "<br>".join(parts)

    def _log_html(self) -> str:
        s = self.s
        log = s.state.log or []
        good, bad, muted = self.theme.hex("good"), self.theme.hex("bad"), self.theme.hex("muted")
        rows: list[str] = []
        for e in reversed(log[-40:]):
            if e.cause.kind == "turn":
                rows.append(f"<font color='{self.theme.hex('accent')}'><b>"
                            f"{esc(t('board.month_begins', month=s.turn_name(e.turn)))}"
                            f"</b></font>")
                continue
            if e.target is None:
                rows.append(esc(s.log_text(e)))
                continue
            if not s.shown(e.target):
                continue
            color = good if e.delta > 0 else bad
            rows.append(f"<font color='{color}'>{esc(s.label(e.target, True))} "
                        f"{signed(e.delta)}</font> <font color='{muted}'>"
                        f"({esc(s.cause_short(e))})</font>")
        return "<br>".join(rows) or esc(t("board.log_empty"))

    # -------------------------------------------------------------- draw

    def draw(self, surface: pygame.Surface) -> None:
        if self._bg is None or self._bg.get_size() != surface.get_size():
            self._bg = pygame.Surface(surface.get_size())
            self._paint(self._bg)
        surface.blit(self._bg, (0, 0))
        clock = self.rects.get("clock")
        if clock is not None:
            self._paint_clock(surface, clock)

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
        month = t("board.year_over") if st.is_over else s.turn_name()
        limit = self.rects["bar_buttons_x"].x - m.pad
        r = draw.text(surface, hfont, month, (m.pad, y), th.color("text"), limit - m.pad)
        cap = s.scenario.capital
        bfont = th.font(m.body, bold=True)
        turn_text = "" if st.is_over else t("board.month_n", n=st.turn, total=s.scenario.turns)
        label = f"{cap.name}:"
        size = sfont.get_height()
        pips_w = (sfont.size(label)[0] + m.gap * 3 + cap.max * (size + max(3, size // 3))
                  + bfont.size(str(st.capital))[0])
        short = t("board.capital_of", n=st.capital, max=cap.max)
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
        elif limit - x > bfont.size("0/0")[0]:
            draw.text(surface, bfont, short, (x, bar.centery - bfont.get_linesize() // 2),
                      th.color("accent"), max(limit - x, 10))
        # Calendar
        months = s.months()
        marks: dict[int, str] = {}
        for ms in s.scenario.milestones:
            for i, mo in enumerate(months, 1):
                if mo == ms.month:
                    marks[i] = ms.name
        if self.rects["calendar"].height:
            draw.calendar(surface, th, self.rects["calendar"],
                          [s.turn_short(i) for i in range(1, len(months) + 1)], st.turn, marks,
                          th.font(m.small, bold=True), over=st.is_over)
        self._paint_left(surface)
        self._paint_center(surface)
        if self.rects["right"].width:
            self._paint_right(surface)
        else:
            self.draw_backdrops(surface)

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
            draw.text(surface, hfont, t("board.your_country"),
                      (box.x + m.pad, tracks[0][1].y - head + 2), th.color("accent"),
                      box.width - 2 * m.pad)
        if rels:
            draw.text(surface, hfont, t("board.relations"),
                      (box.x + m.pad, rels[0][1].y - head + 2), th.color("accent"),
                      box.width - 2 * m.pad)
        val_w = bold.size(f"{MINUS}100")[0] + m.gap
        lh = font.get_linesize()
        for key, r in tracks:
            tr = rs.tracks[key]
            v = s.state.value(key)
            below = tr.danger.below if tr.danger else None
            above = tr.danger.above if tr.danger else None
            danger = (below is not None and v <= below) or (above is not None and v >= above)
            mh = max(m.px(12), lh // 3)
            if stacked:
                ty = r.y + m.px(2)
                draw.text(surface, font, tr.name, (r.x, ty), th.color("text"), r.width - val_w)
                meter = pygame.Rect(r.x, ty + lh + m.px(2), r.width, mh)
            else:
                ty = r.y + (r.height - lh) // 2
                draw.text(surface, font, tr.name, (r.x, ty), th.color("text"), name_w - m.gap)
                meter = pygame.Rect(r.x + name_w, r.centery - mh // 2, r.width - name_w - val_w,
                                    mh)
            draw.meter(surface, th, meter, v, tr.min, tr.max, below, above)
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
        parts = kicker.split(DOT)
        room = self.header_width
        while len(parts) > 1 and sfont.size(DOT.join(parts))[0] > room:
            parts.pop()
        draw.text(surface, sfont, DOT.join(parts), (x, y), th.color("muted"), room)
        y += m.line(m.small)
        tfont = th.font(m.heading, bold=True)
        for row in rows:
            draw.text(surface, tfont, row, (x, y), th.color("text"), room)
            y += m.line(m.heading)
        total = self.rects.get("total")
        if total is not None:
            ballot = self.shown_ballot()
            if ballot is not None:
                draw.text(surface, th.font(m.heading, bold=True),
                          tn("vote.total", ballot.box.total),
                          (total.centerx, total.centery - m.line(m.heading) // 2),
                          th.color("accent"), total.width, align="center")

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
        draw.text(surface, bfont, t("board.queue_head"), (q.x, q.y), th.color("accent"),
                  q.width)
        y = q.y + lh
        ind = lh
        for state, text in self._queue_lines():
            if y + lh > box.bottom - m.pad // 2:
                break
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
        if lr.width <= 0:
            return
        head = t("board.log_head")
        draw.text(surface, bfont, head, (lr.x, lr.y), th.color("accent"))
        mods = self.s.state.active_modifiers
        if mods:
            text = t("board.in_force", what="; ".join(f"{name} ({left})"
                                                     for _, name, left in mods))
            hw = bfont.size(head)[0] + m.gap * 2
            draw.text(surface, sfont, text, (lr.x + hw, lr.y), th.color("muted"), lr.width - hw)

    def _paint_clock(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The countdown, large; 'voting closed' when it is over."""
        ballot = self.shown_ballot()
        if ballot is None:
            return
        th = self.theme
        m = self.m
        cd = ballot.countdown
        panel(surface, self, rect)
        sfont = th.font(m.small, bold=True)
        # As large as the header allows: the class reads it from the back of the room.
        size = max(m.small, min(m.title * 2, round((rect.height - m.line(m.small)) / 1.1)))
        big = th.font(size, bold=True)
        if cd.over():
            head, color, value = t("vote.closed"), th.color("bad"), clock_text(0)
        elif cd.paused:
            head, color, value = t("vote.paused"), th.color("muted"), clock_text(cd.shown())
        else:
            urgent = cd.shown() <= 10
            head = t("vote.time_left")
            color = th.color("bad" if urgent else "text")
            value = clock_text(cd.shown())
        draw.text(surface, sfont, head, (rect.centerx, rect.y + m.px(4)), th.color("accent"),
                  rect.width - m.gap, align="center")
        draw.text(surface, big, value, (rect.centerx, rect.y + m.line(m.small) - size // 8),
                  color, rect.width - m.gap, align="center")

    # ------------------------------------------------------------ clock

    def wake_in(self) -> float | None:
        ballot = self.shown_ballot()
        return ballot.countdown.next_change() if ballot is not None else None

    def tick(self) -> bool:
        ballot = self.shown_ballot()
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
        from .summary import MonthSummaryScene

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
            return self._vote_by_letter(n - 1, 1)
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
        from .menu import MenuScene

        self.app.push(MenuScene(self.app))

    def teacher(self) -> None:
        self.app.teacher_panel()

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
        if self.voting and key in LETTER_KEYS:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            if self._vote_by_letter(LETTER_KEYS[key], step):
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
                self.typed_votes(el)
                return True
        return super().on_ui(event)
