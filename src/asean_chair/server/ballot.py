"""The class's vote on one card, as the server stores it: open, paused, counted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .store import BallotRow


@dataclass
class Ballot:
    """The class's vote on one card (the class game's ``n``-th position)."""

    row: BallotRow

    def left(self, now: float) -> float | None:
        """Seconds left on the countdown (``None`` when there is none)."""
        r = self.row
        if not r.seconds:
            return None
        if r.paused_left is not None:
            return max(r.paused_left, 0.0)
        return max((r.deadline or now) - now, 0.0)

    def open(self, now: float) -> bool:
        """Whether devices may still vote."""
        if self.row.closed or self.row.chosen is not None:
            return False
        left = self.left(now)
        return left is None or left > 0

    @property
    def paused(self) -> bool:
        return bool(self.row.seconds) and self.row.paused_left is not None

    def tallies(self, options: Iterable[str]) -> dict[str, int]:
        """Votes per option, in the card's order."""
        out = {o: 0 for o in options}
        for choice in self.row.votes.values():
            if choice in out:
                out[choice] += 1
        return out
