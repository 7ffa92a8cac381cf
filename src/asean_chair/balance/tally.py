"""What a balance report needs from many games, counted as they are played.

A :class:`Tally` keeps counts of values, never one record per game, so its
size is bounded by how many different things can happen (scores, tiers,
cards, the options available at a decision), not by how many games were
played: 100,000 games take about the memory of 1,000. Tallies of separate
runs of games merge (:meth:`Tally.merge`), so a worker process, or a machine
of a cluster, tallies its own games and sends back one small object.

Every figure of the report is computed from the counts exactly as from the
records (means are exact sums, standard deviations exact fractions,
quantiles read from the sorted counts), so a report does not depend on how
the games were split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .simulate import GameRecord

#: One decision on a card: the options that could be chosen, the one picked
#: and the game's final score.
Decision = tuple[frozenset[str], str, float]


@dataclass
class Tally:
    """Counts of what happened in a run of games (see the module's docstring)."""

    games: int = 0
    tiers: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    scores: Counter[float] = field(default_factory=Counter)
    finals: dict[str, Counter[int]] = field(default_factory=dict)
    appeared: Counter[str] = field(default_factory=Counter)  # games a card came up in
    offered: Counter[str] = field(default_factory=Counter)  # decisions on a card
    decisions: dict[str, Counter[Decision]] = field(default_factory=dict)  # by card
    actions: Counter[str] = field(default_factory=Counter)
    decisions_per_game: Counter[int] = field(default_factory=Counter)
    turns: Counter[int] = field(default_factory=Counter)

    def add(self, r: GameRecord) -> None:
        """Count one game."""
        self.games += 1
        self.tiers[r.tier] += 1
        self.endings[r.ending] += 1
        self.scores[r.score] += 1
        for name, value in r.final.items():
            counts = self.finals.get(name)
            if counts is None:
                counts = self.finals[name] = Counter()
            counts[value] += 1
        self.appeared.update(set(r.offered))
        self.offered.update(r.offered)
        for (card_id, option), ids in zip(r.picks, r.available, strict=False):
            mine = self.decisions.get(card_id)
            if mine is None:
                mine = self.decisions[card_id] = Counter()
            mine[(frozenset(ids), option, r.score)] += 1
        self.actions.update(r.actions)
        self.decisions_per_game[r.decisions] += 1
        self.turns[r.turns] += 1

    def merge(self, other: Tally) -> Tally:
        """Add ``other``'s counts to these; returns ``self``."""
        self.games += other.games
        self.tiers.update(other.tiers)
        self.endings.update(other.endings)
        self.scores.update(other.scores)
        self.appeared.update(other.appeared)
        self.offered.update(other.offered)
        self.actions.update(other.actions)
        self.decisions_per_game.update(other.decisions_per_game)
        self.turns.update(other.turns)
        for name, counts in other.finals.items():
            self.finals.setdefault(name, Counter()).update(counts)
        for card, found in other.decisions.items():
            self.decisions.setdefault(card, Counter()).update(found)
        return self

    @classmethod
    def of(cls, records: Iterable[GameRecord]) -> Tally:
        """The tally of ``records``."""
        t = cls()
        for r in records:
            t.add(r)
        return t

    def score_list(self) -> list[float]:
        """Every game's score, in increasing order (for a histogram)."""
        return list(expand(self.scores))


def expand(counts: Mapping[Any, int]) -> Iterator[Any]:
    """Each counted value as many times as it was counted, in increasing order."""
    for value in sorted(counts):
        yield from (value,) * counts[value]


__all__ = ["Decision", "Tally", "expand"]
