"""The actions of a turn on the board: what can be done first, the rest greyed
with its reason; each action's cost, moves and limits.

The order is set when the panel first shows in a turn and kept for the
turn, so an action's number never changes after another is used.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from ...focus import Focusable
from ...i18n import t
from ...scene import esc
from .text import DOT, moves_html, odds_html

if TYPE_CHECKING:
    from .scene import BoardScene


def build_diplomacy(board: BoardScene) -> None:
    """The centre of the board in the actions phase: the actions, then *End the turn*."""
    m = board.m
    s = board.s
    st = s.state
    left = s.actions_left()
    kicker = board.twn("board.actions_left", left) + DOT + board.tw(
        "board.currency_now", amount=s.amount(st.capital))
    content, _ = board.card_area(s.scenario.words.actions, kicker)
    board.icon = "globe"
    board.saw_actions()
    bh = m.button_h
    end_rect = pygame.Rect(content.x, content.bottom - bh, content.width, bh)
    content.height -= bh + m.gap
    sc, col, width = board.scroller(content)
    board.choices = ordered(board)
    board.focus.add(Focusable("actions", sc, None, None, scrolls=sc))
    rs = s.ruleset
    bad = board.theme.hex("bad")
    for i, choice in enumerate(board.choices, 1):
        act = rs.actions.get(choice.action.action or "")
        moves = s.moves(act) if act is not None else []
        b = board.option_button(0, col.y, width, i, choice.label,
                                partial(board.decide, choice.action), key=f"act{i}",
                                enabled=choice.legal, container=sc, scroll=sc, max_lines=1)
        col.placed(b.relative_rect)
        if choice.legal:
            line = moves_html(board, choice.cost, moves) + limits(board, act)
        else:
            why = s.why(choice.why_not)
            line = (f"<font color='{bad}'>{esc(why[:1].upper() + why[1:])}</font>"
                    + DOT + esc(t("board.costs_lower", amount=s.amount(choice.cost))))
        if act is not None and act.text:
            line += f"<br><i>{esc(act.text)}</i>"
        if choice.odds:
            line += "".join("<br>" + odds_html(board, o.chance, o.text) for o in choice.odds)
        tb = board.richbox(pygame.Rect(m.px(16), col.y - m.gap + m.px(6), width - m.px(16),
                                       -1), line, container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.px(2))
        board.belongs(f"act{i}", tb)
        if act is not None:
            board.models[f"act{i}"] = act
    board.finish_scroller(sc, col, width)
    last = st.turn >= s.last_turn
    if board.end_armed:
        label = board.tw("board.end_confirm", amount=s.amount(st.capital))
    else:
        label = board.tw("board.end_year" if last else "board.end_month")
    board.option_button(end_rect.x, end_rect.y, end_rect.width, 0, label, board.end_month,
                        key="end", max_lines=1, tooltip=esc(board.tw("board.end_month_tip")))
    board.default_key = "actions"


def ordered(board: BoardScene) -> list[Any]:
    """This turn's actions in a fixed order: those possible when the panel first
    showed come first; the order then stays for the turn."""
    s = board.s
    st = s.state
    acts = [c for c in st.choices() if c.action.kind == "act"]
    if s.action_order is None or s.action_order[0] != st.turn:
        first = [c for c in acts if c.legal] + [c for c in acts if not c.legal]
        s.action_order = (st.turn, tuple(c.action.action or "" for c in first))
    rank = {a: i for i, a in enumerate(s.action_order[1])}
    return sorted(acts, key=lambda c: rank.get(c.action.action or "", len(rank)))


def unspent(board: BoardScene) -> bool:
    """Whether an action could still be paid for and taken this turn."""
    st = board.s.state
    return st.pending.kind == "diplomacy" and any(
        c.legal and c.cost > 0 and c.action.kind == "act" for c in st.choices())


def limits(board: BoardScene, act: object) -> str:
    """An action's limits in words (per month, rest, uses left, months), each after a dot."""
    if act is None:
        return ""
    bits = []
    per_turn = getattr(act, "per_turn", 1)
    cooldown = getattr(act, "cooldown", 0)
    max_uses = getattr(act, "max_uses", None)
    window = getattr(act, "window", None)
    if per_turn != 1:
        bits.append(board.twn("board.per_month", per_turn))
    if cooldown:
        bits.append(board.tw("board.cooldown", count=board.s.unit_count(cooldown)))
    if max_uses:
        used = board.s.state.used.get(getattr(act, "id", ""), 0)
        bits.append(t("board.uses_left", left=max(max_uses - used, 0), total=max_uses))
    if window:
        clock = board.s.state.game.clock
        first, last = clock.resolve(window[0]), clock.resolve(window[1])
        if first is not None and last is not None:
            bits.append(t("board.window", first=board.s.turn_short(first),
                          last=board.s.turn_short(last)))
    return "".join(DOT + esc(b) for b in bits)
