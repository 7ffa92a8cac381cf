"""Readable summaries of options for players: which values move, which way.

Front ends show these as hints beside an option, either with exact numbers
or as directions only (a setting), without running the option.
"""

from __future__ import annotations

from collections.abc import Iterable

from .effects import kind_of
from .models import Effect, Option


def _collect(effects: Iterable[Effect], out: dict[str, list[float | str]]) -> None:
    for e in effects:
        for target, amount in kind_of(e).moves(e):
            out.setdefault(target, []).append(amount)


def option_moves(option: Option) -> list[tuple[str, int | None]]:
    """(target, total) for every value the option's direct effects move.

    ``total`` is the sum of constant amounts, or ``None`` when it depends on
    chance, on an expression or on a condition. Conditional (``if``) effects
    and delayed ones are left out: they are surprises.
    """
    found: dict[str, list[float | str]] = {}
    _collect(option.effects, found)
    chancy: dict[str, list[float | str]] = {}
    for o in option.outcomes:
        _collect(o.effects, chancy)
    moves: list[tuple[str, int | None]] = []
    for target in list(found) + [t for t in chancy if t not in found]:
        amounts = found.get(target, [])
        if target in chancy or any(not isinstance(a, (int, float)) for a in amounts):
            moves.append((target, None))
        else:
            moves.append((target, int(sum(a for a in amounts if isinstance(a, (int, float))))))
    return moves
