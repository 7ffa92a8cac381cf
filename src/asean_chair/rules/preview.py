"""What an option or an action will do, shown before it is chosen.

Every front end previews a choice the same way, from the state as it is:

- the values it moves now, each as a range (one number when certain), with
  the rivals' share of a warmer relation counted as a knock-on;
- what it brings later (follow-ups, delayed effects, lasting conditions);
- what happens only if a condition holds.

"?" belongs only where the outcome is uncertain: a change is certain when
every chance branch moves the value by the same amount.

>>> p = preview(option, ruleset, state.v)                     # doctest: +SKIP
>>> [(m.target, m.low, m.high, m.knock_on) for m in p.moves]  # doctest: +SKIP
[('economy', 3, 6, False), ('rel.usa', -2, -2, True)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .models import Effect, Outcome
from .ruleset import Ruleset


@dataclass(frozen=True, slots=True)
class Move:
    """A value a choice moves at once: by ``low`` to ``high`` (equal when certain)."""

    target: str
    low: int
    high: int
    knock_on: bool = False  # a rival's share of a warmer relation

    @property
    def certain(self) -> bool:
        """Whether the change is the same whatever chance decides."""
        return self.low == self.high


@dataclass(frozen=True, slots=True)
class Preview:
    """A choice, before it is made."""

    moves: tuple[Move, ...]
    later: tuple[str, ...] = ()  # follow-ups, delayed effects, lasting conditions
    maybe: tuple[str, ...] = ()  # effects that need a condition


def _round(x: float) -> int:
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


Interval = tuple[int, int]


def _add(a: Interval, b: Interval) -> Interval:
    return (a[0] + b[0], a[1] + b[1])


class _Walk:
    def __init__(self, ruleset: Ruleset, values: Mapping[str, float],
                 language: str = "en") -> None:
        self.ruleset = ruleset
        self.values = values
        self.language = language
        self.later: list[str] = []
        self.maybe: list[str] = []

    def amount(self, e: Effect, field: str, target: str) -> int | None:
        compiled = e._exprs.get(field, {}).get(target)
        if compiled is None:
            return None
        try:
            return _round(float(compiled(self.values)))
        except (ArithmeticError, KeyError, TypeError, ValueError):
            return None

    def certain(self, effects: Iterable[Effect]) -> tuple[dict[str, Interval], dict[str, Interval]]:
        """The intervals of direct changes and of knock-ons of an effect list."""
        from .words import PackWords

        words = PackWords(self.ruleset, players=True, language=self.language)
        own: dict[str, Interval] = {}
        knock: dict[str, Interval] = {}
        for e in effects:
            kind = e.kind
            if kind == "add":
                for target in e.add or {}:
                    n = self.amount(e, "add", target)
                    if n is None:
                        continue
                    own[target] = _add(own.get(target, (0, 0)), (n, n))
                    if e.spill and n > 0:
                        for rival, factor in words.rivals(target).items():
                            loss = _round(n * factor)
                            if loss:
                                knock[rival] = _add(knock.get(rival, (0, 0)), (-loss, -loss))
            elif kind == "set":
                for target in e.set or {}:
                    n = self.amount(e, "set", target)
                    if n is not None:
                        delta = n - int(self.values.get(target, 0))
                        own[target] = _add(own.get(target, (0, 0)), (delta, delta))
            elif kind == "outcomes":
                o_own, o_knock = self.branches(e.outcomes or [])
                for target, span in o_own.items():
                    own[target] = _add(own.get(target, (0, 0)), span)
                for target, span in o_knock.items():
                    knock[target] = _add(knock.get(target, (0, 0)), span)
            elif kind in ("schedule", "modifier", "draw"):
                self.later += words.lines([e], nested=True)
            elif kind in ("if", "end_game"):
                self.maybe += words.lines([e], nested=True)
        return own, knock

    def branches(self, outcomes: list[Outcome]) -> tuple[dict[str, Interval], dict[str, Interval]]:
        """Each value's lowest and highest change over chance branches."""
        results = [self.certain(o.effects) for o in outcomes]
        own: dict[str, Interval] = {}
        knock: dict[str, Interval] = {}
        for part, out in ((0, own), (1, knock)):
            targets = {t for r in results for t in r[part]}
            for t in targets:
                spans = [r[part].get(t, (0, 0)) for r in results]
                out[t] = (min(s[0] for s in spans), max(s[1] for s in spans))
        return own, knock


def preview(choice: Any, ruleset: Ruleset, values: Mapping[str, float],
            language: str = "en") -> Preview:
    """What an option or action (a model with ``effects`` and ``outcomes``)
    does, from the state's ``values``; what it brings later in ``language``."""
    walk = _Walk(ruleset, values, language)
    own, knock = walk.certain(choice.effects)
    if choice.outcomes:
        o_own, o_knock = walk.branches(choice.outcomes)
        for target, span in o_own.items():
            own[target] = _add(own.get(target, (0, 0)), span)
        for target, span in o_knock.items():
            knock[target] = _add(knock.get(target, (0, 0)), span)
    for target in [t for t in knock if t in own]:  # the choice's own line counts it in
        own[target] = _add(own[target], knock.pop(target))
    moves = [Move(t, lo, hi) for t, (lo, hi) in own.items() if (lo, hi) != (0, 0)]
    moves += [Move(t, lo, hi, knock_on=True) for t, (lo, hi) in knock.items()
              if (lo, hi) != (0, 0)]
    return Preview(tuple(moves), tuple(walk.later), tuple(walk.maybe))
