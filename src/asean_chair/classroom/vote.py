"""What a class vote decides, the same on a projector and in students' browsers.

Options are named by letters; :func:`majority` says which option the votes
chose. A tie is never broken by chance: the teacher picks among the tied
options.

>>> majority({"a": 7, "b": 7, "c": 2}, legal={"a", "b", "c"})
Majority(winner=None, tied=('a', 'b'), votes=7)
>>> majority({"a": 3, "b": 9}, legal={"a"})
Majority(winner='a', tied=(), votes=3)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Letters for a card's options, in order.
LETTERS = "ABCDEFGHIJ"
def letter(index: int) -> str:
    """The letter of the ``index``-th option (0 -> ``A``)."""
    return LETTERS[index] if 0 <= index < len(LETTERS) else str(index + 1)


@dataclass(frozen=True)
class Majority:
    """What a tally decides: a ``winner``, or the ``tied`` options (or neither: no votes)."""

    winner: str | None
    tied: tuple[str, ...] = ()
    votes: int = 0


def majority(tallies: dict[str, int], legal: Iterable[str]) -> Majority:
    """The option with the most votes among the ``legal`` ones.

    Unavailable options never win, whatever their votes. With no votes for
    any available option there is no winner and no tie.
    """
    allowed = [o for o in tallies if o in set(legal)]
    best = max((tallies[o] for o in allowed), default=0)
    if best <= 0:
        return Majority(None)
    top = tuple(o for o in allowed if tallies[o] == best)
    if len(top) == 1:
        return Majority(top[0], (), best)
    return Majority(None, top, best)
