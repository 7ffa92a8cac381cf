"""A class vote on one projector: the tally of each card and its countdown.

Nothing here draws or changes a game. The board shows a :class:`VoteBox`
for the card on screen; the teacher types or clicks each option's votes,
and *Apply the majority* asks :func:`majority` which option won. A tie is
never broken by chance: the teacher picks among the tied options.

>>> box = VoteBox(("a", "b", "c"))
>>> box.set("a", 7); box.set("b", 7); box.set("c", 2)
>>> majority(box.tallies, legal={"a", "b", "c"})
Majority(winner=None, tied=('a', 'b'), votes=7)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..classroom.vote import LETTERS, Majority, letter, majority

__all__ = ["LETTERS", "MAX_VOTES", "Ballot", "Countdown", "Majority", "VoteBox", "clock_text",
           "letter", "majority", "read_votes", "vote_record"]

#: The most votes one option can get (a large lecture hall).
MAX_VOTES = 999


class Countdown:
    """A countdown that can be paused and resumed; reads a monotonic clock.

    ``clock`` is injectable for tests. The countdown never acts when it
    ends: it only reports that voting is closed.
    """

    def __init__(self, seconds: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = max(int(seconds), 0)
        self.clock = clock
        self._left = float(self.seconds)
        self._since: float | None = None  # when it last started running

    @property
    def enabled(self) -> bool:
        """Whether there is a countdown at all."""
        return self.seconds > 0

    def start(self) -> None:
        """Start (or restart) from the full length."""
        self._left = float(self.seconds)
        self._since = self.clock() if self.enabled else None

    @property
    def running(self) -> bool:
        """Counting down now (not paused, not over)."""
        return self._since is not None and self.left() > 0

    @property
    def paused(self) -> bool:
        """Stopped by the teacher before the end."""
        return self.enabled and self._since is None and self._left > 0

    def left(self) -> float:
        """Seconds left (0 when over)."""
        if self._since is None:
            return max(self._left, 0.0)
        return max(self._left - (self.clock() - self._since), 0.0)

    def over(self) -> bool:
        """Whether time is up (voting closed)."""
        return self.enabled and self.left() <= 0

    def pause(self) -> None:
        """Stop the clock where it is."""
        if self._since is not None:
            self._left = self.left()
            self._since = None

    def resume(self) -> None:
        """Run again from where it was paused."""
        if self._since is None and self._left > 0:
            self._since = self.clock()

    def shown(self) -> int:
        """The whole seconds a display shows (rounded up: 0:01 until the very end)."""
        left = self.left()
        return int(left) + (left % 1 > 0)

    def next_change(self) -> float | None:
        """Seconds until :meth:`shown` changes, or ``None`` when it will not by itself."""
        if not self.running:
            return None
        left = self.left()
        frac = left % 1
        return frac if frac > 0 else 1.0


def clock_text(seconds: int) -> str:
    """``75`` -> ``1:15``."""
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass
class VoteBox:
    """The tally of one card's vote, option by option, in the card's order."""

    options: tuple[str, ...]
    tallies: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tallies = {o: max(0, min(int(self.tallies.get(o, 0)), MAX_VOTES))
                        for o in self.options}

    def set(self, option: str, votes: int) -> None:
        """Set an option's votes (kept between 0 and :data:`MAX_VOTES`)."""
        if option in self.tallies:
            self.tallies[option] = max(0, min(int(votes), MAX_VOTES))

    def add(self, option: str, step: int = 1) -> None:
        """Add (or with a negative ``step``, take away) votes."""
        if option in self.tallies:
            self.set(option, self.tallies[option] + step)

    @property
    def total(self) -> int:
        """Votes cast so far."""
        return sum(self.tallies.values())


class Ballot:
    """The vote on the card on screen: its tally and countdown (kept across rebuilds).

    ``key`` is (decisions so far, card id): a new card, or the same card
    after an undo and a new decision, gets a new ballot.
    """

    def __init__(self, key: tuple[int, str], options: tuple[str, ...], seconds: int) -> None:
        self.key = key
        self.box = VoteBox(options)
        self.countdown = Countdown(seconds)
        self.countdown.start()


def vote_record(turn: int, month: int, card: str, tallies: dict[str, int], chosen: str,
                tie_broken: bool) -> dict[str, Any]:
    """One vote as saved in a game record's ``extra["votes"]``."""
    return {"turn": turn, "month": month, "card": card, "tallies": dict(tallies),
            "chosen": chosen, "tie_broken": tie_broken}


def read_votes(raw: Any) -> list[dict[str, Any]]:
    """The votes of a save's ``extra``, keeping only well-formed records."""
    out: list[dict[str, Any]] = []
    if not isinstance(raw, list):
        return out
    for item in raw:
        if not isinstance(item, dict):
            continue
        tallies = item.get("tallies")
        ok = (isinstance(item.get("turn"), int) and isinstance(item.get("month"), int)
              and isinstance(item.get("card"), str) and isinstance(item.get("chosen"), str)
              and isinstance(tallies, dict)
              and all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
                      for k, v in tallies.items()))
        if ok and isinstance(tallies, dict):
            out.append(vote_record(item["turn"], item["month"], item["card"], tallies,
                                   item["chosen"], bool(item.get("tie_broken", False))))
    return out
