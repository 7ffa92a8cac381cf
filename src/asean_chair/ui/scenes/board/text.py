"""The board's words as pygame_gui HTML: an option's hint line, the
status after a decision, the queue of this turn's cards and the log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n import t
from ...scene import esc
from ...session import signed

if TYPE_CHECKING:
    from .scene import BoardScene

NBSP = "\u00a0"
#: Between the parts of a line (a kicker, a status).
DOT = "  \u00b7  "
#: Between the moves of a hint: the dot stays at the end of a line, never starts one.
MOVES_DOT = "\u00a0\u00b7  "


def odds_html(board: BoardScene, chance: float, text: str) -> str:
    """One chance of an option: ``30% chance:`` and what then happens."""
    return (f"<b>{esc(t('board.chance', p=round(chance * 100)))}</b> "
            f"{esc(text or t('board.nothing_more'))}")


def moves_html(board: BoardScene, cost: int, moves: list[tuple[str, str, int]]) -> str:
    """An option's cost and what it moves, each move green, red or grey."""
    good, bad = board.theme.hex("good"), board.theme.hex("bad")
    bits = [f"<b>{esc(t('board.costs', amount=board.s.amount(cost)))}</b>" if cost
            else esc(t("board.free"))]
    for _, text, sign in moves:
        color = good if sign > 0 else bad if sign < 0 else board.theme.hex("muted")
        bits.append(f"<font color='{color}'>{esc(text).replace(' ', NBSP)}</font>")
    return MOVES_DOT.join(bits)


def queue_lines(board: BoardScene) -> list[tuple[str, str]]:
    """(state, text) for this turn's steps: done, now, next; the next milestone."""
    s = board.s
    st = s.state
    rs = s.ruleset
    out: list[tuple[str, str]] = []
    for tu, card_id, _ in st.choices_made:
        if tu == st.turn and card_id in rs.cards:
            out.append(("done", rs.cards[card_id].title))
    for i, card_id in enumerate(st.upcoming):
        out.append(("now" if i == 0 and s.outcome is None else "next", rs.cards[card_id].title))
    if not st.is_over and st.game.program.actions:
        out.append(("now" if st.pending.kind == "diplomacy" and s.outcome is None else "next",
                    s.scenario.words.actions))
    for turn, found in sorted(s.milestones().items()):
        if st.turn <= turn <= s.last_turn:
            when = board.tw("board.this_month") if turn == st.turn else s.turn_short(turn)
            out.append(("mark", f"{when}: {found[0].name}"))
            break
    return out


def status_html(board: BoardScene) -> str:
    """A status message (undone, not possible, reloaded...) for the status box."""
    return esc(board.s.status) if board.s.status else ""


def log_html(board: BoardScene) -> str:
    """The log of the game, newest first, each change with its cause."""
    s = board.s
    log = s.state.log or []
    good, bad, muted = board.theme.hex("good"), board.theme.hex("bad"), board.theme.hex("muted")
    rows: list[str] = []
    for e in reversed(log[-18:]):
        if e.cause.kind == "turn":
            rows.append(f"<font color='{board.theme.hex('accent')}'><b>"
                        f"{esc(t('board.turn_begins', name=s.turn_name(e.turn)))}"
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
