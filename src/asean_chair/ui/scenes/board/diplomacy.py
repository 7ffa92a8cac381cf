"""The diplomacy of a turn on the board: what can be done now first, the
rest greyed with its reason; each action's cost, moves and limits."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from ....turns import month_name
from ...i18n import language, t, tn
from ...scene import esc
from .text import DOT, moves_html, odds_html

if TYPE_CHECKING:
    from .scene import BoardScene


def build_diplomacy(board: BoardScene) -> None:
    """The centre of the board in the diplomacy phase: the actions, then *End the month*."""
    m = board.m
    s = board.s
    st = s.state
    left = s.actions_left()
    kicker = tn("board.actions_left", left) + DOT + t("board.capital_now", n=st.capital)
    content, _ = board.card_area(t("board.diplomacy"), kicker)
    board.icon = "globe"
    bh = m.button_h
    end_rect = pygame.Rect(content.x, content.bottom - bh, content.width, bh)
    content.height -= bh + m.gap
    sc, col, width = board.scroller(content)
    # What can be done now comes first; the rest is greyed with its reason.
    acts = [c for c in st.choices() if c.action.kind == "act"]
    board.choices = [c for c in acts if c.legal] + [c for c in acts if not c.legal]
    rs = s.ruleset
    bad = board.theme.hex("bad")
    for i, choice in enumerate(board.choices, 1):
        act = rs.actions.get(choice.action.action or "")
        moves = s.moves(act) if act is not None else []
        tip = esc(act.text) if act is not None and act.text else None
        b = board.option_button(0, col.y, width, i, choice.label,
                                partial(board.decide, choice.action), key=f"act{i}",
                                enabled=choice.legal, container=sc, scroll=sc, tooltip=tip,
                                max_lines=1)
        col.placed(b.relative_rect)
        if choice.legal:
            line = moves_html(board, choice.cost, moves) + limits(board, act)
        else:
            why = (choice.why_not or "")
            line = (f"<font color='{bad}'>{esc(why[:1].upper() + why[1:])}</font>"
                    + DOT + esc(t("board.costs_lower", n=choice.cost)))
        if choice.odds:
            line += "".join("<br>" + odds_html(board, o.chance, o.text) for o in choice.odds)
        tb = board.textbox(pygame.Rect(m.px(16), col.y - m.gap + m.px(2), width - m.px(16),
                                       -1), line, cls="@small", container=sc)
        col.placed(tb.relative_rect)
        col.skip(m.px(2))
    board.finish_scroller(sc, col, width)
    nxt = st.turn < s.scenario.turns
    label = t("board.end_month") if nxt else t("board.end_year")
    board.option_button(end_rect.x, end_rect.y, end_rect.width, 0, label, board.end_month,
                        key="end", max_lines=1, tooltip=esc(t("board.end_month_tip")))
    board.default_key = "end"


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
        bits.append(tn("board.per_month", per_turn))
    if cooldown:
        bits.append(tn("board.cooldown", cooldown))
    if max_uses:
        used = board.s.state.used.get(getattr(act, "id", ""), 0)
        bits.append(t("board.uses_left", left=max(max_uses - used, 0), total=max_uses))
    if window:
        bits.append(t("board.window", first=month_name(window[0], language(), short=True),
                      last=month_name(window[1], language(), short=True)))
    return "".join(DOT + esc(b) for b in bits)
