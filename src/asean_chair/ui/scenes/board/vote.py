"""A class vote on the board: options A, B, C side by side, each with its
tally, and *Apply the majority* (a tie asks the teacher to pick).

The ballot (tallies and countdown) lives on the session, so it survives a
rebuild, F5 and a change of language.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UIScrollingContainer, UITextEntryLine

from ....engine import Action
from ... import draw
from ...focus import Focusable
from ...i18n import t
from ...layout import Column
from ...scene import esc
from ...session import MINUS
from ...vote import Ballot, letter, majority
from .text import DOT, status_html

if TYPE_CHECKING:
    from .scene import BoardScene

#: Letter keys add a vote to an option (with Shift, take one away).
LETTER_KEYS = {getattr(pygame, f"K_{c}"): i for i, c in enumerate("abcdefghij")}


def ballot_key(board: BoardScene) -> tuple[int, str] | None:
    """The key of the ballot the card on screen needs, or ``None`` when nobody votes."""
    st = board.s.state
    card = st.current_card
    if not board.app.vote_mode or card is None:
        return None
    return (len(st.history), card.id)


def shown_ballot(board: BoardScene) -> Ballot | None:
    """The vote on the current card, if it has begun (reading only: for drawing)."""
    key = ballot_key(board)
    current = board.s.ballot
    return current if key is not None and current is not None and current.key == key \
        else None


def open_ballot(board: BoardScene) -> Ballot | None:
    """The vote on the current card (a new one when the card changes)."""
    st = board.s.state
    card = st.current_card
    key = ballot_key(board)
    if key is None or card is None:
        return None
    current = board.s.ballot
    if current is None or current.key != key:
        current = Ballot(key, tuple(o.id for o in card.options),
                         board.app.settings.vote_seconds)
        board.s.ballot = current
    return current


def build_vote(board: BoardScene) -> None:
    """A card put to the class: options A, B, C side by side, each with its tally."""
    m = board.m
    st = board.s.state
    card = st.current_card
    assert card is not None
    ballot = open_ballot(board)
    assert ballot is not None
    box = board.rects["center"]
    clock_w = round(box.width * 0.2) if ballot.countdown.enabled else 0
    content, head_h = board.card_area(card.title, board.card_kicker() + DOT + t("vote.kicker"),
                                      reserve=clock_w + m.pad if clock_w else 0)
    board.rects.pop("clock", None)
    if clock_w:
        board.rects["clock"] = pygame.Rect(box.right - m.pad - clock_w, box.y + m.pad,
                                           clock_w, head_h - m.pad - m.gap)
    board.icon = draw.icon_for(card.icon, card.tags)
    bh = m.button_h
    apply_w = round(content.width * 0.68)
    apply_rect = pygame.Rect(content.x, content.bottom - bh, apply_w, bh)
    board.rects["total"] = pygame.Rect(apply_rect.right + m.gap, apply_rect.y,
                                       content.right - apply_rect.right - m.gap, bh)
    content.height -= bh + m.gap
    status = status_html(board)
    if status:
        tb = board.textbox(pygame.Rect(content.x, content.y, content.width, -1), status,
                           cls="@status")
        cap = m.line(m.small) * 2 + m.px(20)
        if tb.rect.height > cap:
            tb.kill()
            board.backdrops.pop()
            tb = board.textbox(pygame.Rect(content.x, content.y, content.width, cap),
                               status, cls="@status")
        used = tb.rect.height + m.gap
        content = pygame.Rect(content.x, content.y + used, content.width,
                              content.height - used)
    # The card's text in a box of its own (it scrolls if long), so that the
    # options below it stay in view for the class.
    text = card.text.strip()
    font = board.theme.font(m.body)
    lines = len(draw.wrap(font, text, content.width - m.px(30)))
    want = round(lines * font.get_linesize() * 1.2) + m.px(12)
    text_h = min(want, round(content.height * 0.32))
    board.textbox(pygame.Rect(content.x, content.y, content.width, text_h), esc(text))
    content = pygame.Rect(content.x, content.y + text_h + m.gap, content.width,
                          content.height - text_h - m.gap)
    sc, col, width = board.scroller(content)
    board.choices = st.choices()
    opts = {o.id: o for o in card.options}
    n = len(board.choices)
    per_row = n if n <= 3 else 2
    gap = m.gap * 2
    cell_w = (width - gap * (per_row - 1)) // max(per_row, 1)
    entry_w = font.size("0000")[0] + m.px(20)
    tally_w = 2 * bh + entry_w + 2 * m.px(4)
    y = 0
    for start in range(0, n, per_row):
        bottom = y
        row_choices = board.choices[start:start + per_row]
        tall = max(board.option_height(cell_w, letter(start + j), c.label, 4)
                   for j, c in enumerate(row_choices))
        for j, choice in enumerate(row_choices):
            i = start + j
            x = j * (cell_w + gap)
            opt_id = choice.action.option or ""
            opt = opts.get(opt_id)
            moves = board.s.moves(opt) if opt is not None else []
            b = board.option_button(x, y, cell_w, letter(i), choice.label,
                                    partial(board.add_vote, opt_id, 1), key=f"opt{i + 1}",
                                    enabled=choice.legal, container=sc, scroll=sc,
                                    tooltip=esc(t("vote.option_tip", letter=letter(i))),
                                    max_lines=4, height=tall)
            ty = int(b.relative_rect.bottom) + m.gap
            tally(board, sc, pygame.Rect(x + (cell_w - tally_w) // 2, ty, tally_w, bh), i,
                  opt_id, choice.legal and not ballot.countdown.over(),
                  ballot.box.tallies.get(opt_id, 0), entry_w)
            cell = Column(x, ty + bh + m.gap, cell_w, m.gap)
            board.option_hints(sc, cell, cell_w, choice, moves, indent=0)
            bottom = max(bottom, cell.y)
        y = bottom + m.gap
    col.y = y
    board.finish_scroller(sc, col, width)
    board.option_button(apply_rect.x, apply_rect.y, apply_rect.width, "\u00bb",
                        t("vote.apply"), board.apply_majority, key="apply", max_lines=1,
                        tooltip=esc(t("vote.apply_tip")))
    board.default_key = "apply"


def tally(board: BoardScene, sc: UIScrollingContainer, row: pygame.Rect, i: int, option: str,
          legal: bool, votes: int, entry_w: int) -> None:
    """[−] [votes] [+] beside an option, centred on its button."""
    m = board.m
    bh = m.button_h
    y = row.y + (row.height - bh) // 2
    x = row.x
    name = letter(i)
    board.button(pygame.Rect(x, y, bh, bh), MINUS, partial(board.add_vote, option, -1),
                 key=f"minus{i + 1}", tooltip=esc(t("vote.minus_tip", letter=name)),
                 enabled=legal, container=sc, scroll=sc)
    x += bh + m.px(4)
    e = UITextEntryLine(pygame.Rect(x, y, entry_w, bh), board.ui, container=sc,
                        initial_text=str(votes))
    e.set_allowed_characters("numbers")
    e.set_text_length_limit(3)
    if not legal:
        e.disable()  # type: ignore[no-untyped-call]
    board.tally_entries[option] = e
    board.focus.add(Focusable(f"tally{i + 1}", e, partial(board.ui.set_focus_set, e), sc))
    x += entry_w + m.px(4)
    board.button(pygame.Rect(x, y, bh, bh), "+", partial(board.add_vote, option, 1),
                 key=f"plus{i + 1}", tooltip=esc(t("vote.plus_tip", letter=name)),
                 enabled=legal, container=sc, scroll=sc)


def closed(board: BoardScene) -> bool:
    """Whether the countdown has ended: voting is closed, no vote is added or taken."""
    ballot = shown_ballot(board)
    return ballot is not None and ballot.countdown.over()


def add_vote(board: BoardScene, option: str, step: int) -> None:
    """One more (or one fewer) vote for an option (none once voting has closed)."""
    ballot = open_ballot(board)
    legal = {c.action.option for c in board.choices if c.legal}
    if ballot is None or option not in legal or ballot.countdown.over():
        return
    if board.s.status == t("vote.no_votes"):
        board.s.status = ""
        board.rebuild_part(1, board.build_center)
    ballot.box.add(option, step)
    entry = board.tally_entries.get(option)
    if entry is not None:
        entry.set_text(str(ballot.box.tallies[option]))
    board.repaint()


def typed_votes(board: BoardScene, entry: UITextEntryLine) -> None:
    """The teacher typed a tally."""
    ballot = open_ballot(board)
    if ballot is None:
        return
    for option, e in board.tally_entries.items():
        if e is entry:
            if ballot.countdown.over():
                e.set_text(str(ballot.box.tallies.get(option, 0)))
                return
            text = e.get_text().strip()
            ballot.box.set(option, int(text) if text.isdigit() else 0)
            if board.s.status == t("vote.no_votes") and ballot.box.total:
                board.s.status = ""
            board.repaint()


def apply_majority(board: BoardScene) -> None:
    """Apply the option with the most votes; a tie asks the teacher to pick."""
    from ..teacher import TieScene

    ballot = open_ballot(board)
    if ballot is None:
        return
    legal = [c.action.option or "" for c in board.choices if c.legal]
    result = majority(ballot.box.tallies, legal)
    if result.winner is not None:
        apply_vote(board, result.winner, tie_broken=False)
    elif result.tied:
        board.app.push(TieScene(board.app, result.tied, result.votes))
    else:
        board.s.status = t("vote.no_votes")
        board.s.last_entries = []
        board.rebuild_part(1, board.build_center)


def apply_vote(board: BoardScene, option: str, tie_broken: bool) -> None:
    """Apply the class's choice, recording the tally with it."""
    ballot = open_ballot(board)
    card = board.s.state.current_card
    if ballot is None or card is None:
        return
    board.decide(Action.choose(card.id, option), vote=(dict(ballot.box.tallies), tie_broken))


def vote_by_letter(board: BoardScene, i: int, step: int) -> bool:
    """A letter key: one vote more (``step`` 1) or less for the ``i``-th option.

    Once voting has closed the key is taken but adds nothing."""
    if not 0 <= i < len(board.choices):
        return False
    add_vote(board, board.choices[i].action.option or "", step)
    return True
