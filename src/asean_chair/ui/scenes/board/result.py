"""The result panel: what a decision did, shown in place of the next card until
the player dismisses it.

It says what was chosen (and, on a real card, what was really chosen), what
happened (each chance branch marked real or made up), and every value that
moved with its cause: the choice's own changes first, then the knock-on
effects (a rival's relation cooling, a standing rule). Meanwhile the
meters that moved are lit up on the left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from ....engine import LogEntry
from ....rules.history import reality
from ... import draw
from ...focus import Focusable
from ...i18n import t
from ...scene import esc
from ...scrolling import Scroller
from ...session import Outcome, signed
from .text import DOT, NBSP

if TYPE_CHECKING:
    from .scene import BoardScene

_OWN = ("option", "action")


def build_result(board: BoardScene) -> None:
    """The centre of the board after a decision: the result and *Continue*."""
    m = board.m
    s = board.s
    o = s.outcome
    assert o is not None
    rs = s.ruleset
    kicker = t("result.kicker")
    card = rs.cards.get(o.action.card or "") if o.action.kind == "choose" else None
    if card is not None:
        title = card.title
        board.icon = draw.icon_for(card.icon, card.tags)
        label = board.reality_label(card)
        if label:
            kicker += DOT + label
    else:
        act = rs.actions.get(o.action.action or "")
        title = act.name if act is not None else s.action_label(o.action)
        board.icon = "globe"
    content, _ = board.card_area(title, kicker)
    bh = m.button_h
    button = pygame.Rect(content.x, content.bottom - bh, content.width, bh)
    content.height -= bh + m.gap
    board.backdrops.append((pygame.Rect(content), False, 1))
    sc = Scroller(content, board.ui, allow_scroll_x=False)
    board.keep(sc)
    inner = content.width - m.px(20)
    box = board.richbox(pygame.Rect(m.px(8), m.px(6), inner - m.px(10), -1),
                        result_html(board, o), container=sc)
    sc.set_scrollable_area_dimensions((inner, box.rect.height + m.px(12)))
    board.focus.add(Focusable("result", sc, None, None, scrolls=sc))
    board.option_button(button.x, button.y, button.width, "\u00bb", next_label(board),
                        board.dismiss, key="continue", max_lines=1)
    board.default_key = "continue"


def next_label(board: BoardScene) -> str:
    """*Continue* and what comes next (the next card, the actions, the turn's end)."""
    st = board.s.state
    if st.pending.kind == "event" and st.current_card is not None:
        what = t("result.next_card", card=st.current_card.title)
    elif st.pending.kind == "diplomacy":
        what = board.tw("result.next_actions")
    else:
        what = ""
    return t("result.continue") + (DOT + what if what else "")


def result_html(board: BoardScene, o: Outcome) -> str:
    """The result's text: the choice, what happened, every change with its cause."""
    s = board.s
    rs = s.ruleset
    th = board.theme
    accent, muted = th.hex("accent"), th.hex("muted")
    parts: list[str] = []
    card = rs.cards.get(o.action.card or "") if o.action.kind == "choose" else None
    option = None
    if card is not None:
        option = next((op for op in card.options if op.id == o.action.option), None)
    if card is not None and option is not None:
        parts.append(f"<b>{esc(t('result.you_chose', option=option.label))}</b>")
        found = _reality(rs, card, option.id)
        if found == "real":
            parts.append(f"<font color='{th.hex('good')}'>{esc(t('reality.real_choice'))}"
                         "</font>")
        elif _reality(rs, card) == "real" and card.historical_option:
            real = next((op.label for op in card.options if op.id == card.historical_option),
                        None)
            if real is not None:
                parts.append(f"<font color='{muted}'>"
                             f"{esc(t('result.really_chosen', option=real))}</font>")
    happened = [e for e in o.entries if e.target is None and e.cause.kind in _OWN
                and not e.text.startswith(("You chose:", "Action:"))]
    other = [e for e in o.entries if e.target is None and e.cause.kind not in _OWN
             and e.cause.kind != "turn"]
    for e in happened:
        line = f"<i>{esc(s.log_text(e))}</i>"
        label = _branch_label(board, o, e)
        if label:
            line += f" <font color='{muted}'>({esc(label)})</font>"
        parts.append(line)
    own = [e for e in o.entries if e.target is not None and e.cause.kind in _OWN]
    knock = [e for e in o.entries if e.target is not None and e.cause.kind not in _OWN]
    cost = -sum(e.delta for e in own if e.target == "capital")
    rows = [_change_html(board, e) for e in own
            if e.target != "capital" and s.shown(e.target or "")]
    parts.append(f"<br><font color='{accent}'><b>{esc(t('result.changed'))}</b></font>")
    if cost > 0:
        parts.append(esc(t("result.cost", amount=s.amount(cost))))
    parts.extend(rows or [esc(t("result.nothing"))])
    knock_rows = [_change_html(board, e) for e in knock if s.shown(e.target or "")
                  and e.target != "capital"]
    if knock_rows:
        parts.append(f"<br><font color='{accent}'><b>{esc(t('result.knock_on'))}</b></font>")
        parts.extend(knock_rows)
    if other:
        parts.append("<br>" + "<br>".join(esc(s.log_text(e)) for e in other))
    return "<br>".join(parts)


def _reality(rs: Any, card: Any, option: str | None = None, outcome: Any = None) -> str | None:
    try:
        return reality(rs, card, option, outcome)
    except (KeyError, ValueError):
        return None


def _branch_label(board: BoardScene, o: Outcome, e: LogEntry) -> str:
    """A chance branch's label: really happened or made up (nothing when unknown)."""
    rs = board.s.ruleset
    if o.action.kind == "choose":
        card = rs.cards.get(o.action.card or "")
        if card is None:
            return ""
        found = _reality(rs, card, o.action.option, e.text)
    else:
        act = rs.actions.get(o.action.action or "")
        branch = next((b for b in getattr(act, "outcomes", []) if b.text.strip() == e.text.strip()),
                      None)
        found = _reality(rs, None, None, branch) if branch is not None else None
    return t(f"reality.{found}") if found else ""


def _change_html(board: BoardScene, e: LogEntry) -> str:
    """``Economy +6 (45 → 51) · your choice``, green or red."""
    s = board.s
    th = board.theme
    color = th.hex("good") if e.delta > 0 else th.hex("bad")
    name = esc(s.label(e.target or "")).replace(" ", NBSP)
    return (f"<font color='{color}'><b>{name}{NBSP}{signed(e.delta)}</b></font> "
            f"({esc(t('result.from_to', before=e.before, after=e.after))})"
            f"<font color='{th.hex('muted')}'>{DOT}{esc(s.cause_short(e))}</font>")
