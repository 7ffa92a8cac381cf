"""A scenario's calendar: how many turns, what a turn is called, and the name
of each turn.

Three ways to name turns (``calendar.names`` in a scenario):

- ``numbers``: "Week 3" (short "W3"), from the unit word;
- ``months``: calendar months from a start month and year, "November 2022"
  (short "Nov"), the year rolling over after December;
- a list, one name per turn: "Early spring" (short "Spr").

A scenario without ``calendar`` is a month calendar from its ``start_month``
and ``year``, its turns called ``turn_word`` (the format before calendars).

Turn numbers are positions in the scenario's calendar, 1 to ``turns``; a
preset plays a stretch of them. Packs refer to turns by number or by name:
:meth:`Clock.resolve` reads both.

>>> clock = Clock(turns=16, unit="week", units="weeks", kind="numbers")
>>> clock.name(3), clock.short(3), clock.resolve("W3"), clock.resolve("week 16")
('Week 3', 'W3', 3, 16)
>>> months = Clock(turns=14, unit="month", units="months", kind="months", start_month=11,
...                year=2022)
>>> months.name(3), months.year_of(3), months.month(14)
('January', 2023, 12)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..phrases import phrase

CalendarKind = Literal["numbers", "months", "list"]


#: The months as packs write them, in English. The game's English words
#: (``assets/locale/en.yaml``) name them the same (a test checks); they are
#: written here too so that loading a pack need not read that file.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                 "Dec")


def english_month(month: int, short: bool = False) -> str:
    """A calendar month's English name, as packs write it (``March``, ``Mar``)."""
    if 1 <= month <= 12:
        return (_MONTHS_SHORT if short else _MONTHS)[month - 1]
    return phrase(f"{'month_short' if short else 'month'}.{month}", "en")


@dataclass(frozen=True)
class Clock:
    """The calendar of one scenario, ready to name and find turns."""

    turns: int
    unit: str = "turn"
    units: str = "turns"
    kind: CalendarKind = "numbers"
    start_month: int = 1
    year: int | None = None
    #: For a list calendar: (name, short name) of each turn.
    names: tuple[tuple[str, str], ...] = ()

    @property
    def _lookup(self) -> dict[str, int]:
        """Every name a pack may use for a turn, folded to lower case."""
        return _turn_names(self)

    # ----------------------------------------------------------- naming

    def month(self, turn: int) -> int:
        """The calendar month (1-12) of a turn of a month calendar; else the turn."""
        if self.kind != "months":
            return turn
        return (self.start_month - 1 + turn - 1) % 12 + 1

    def year_of(self, turn: int) -> int | None:
        """The year of a turn of a month calendar with a year (it rolls over)."""
        if self.kind != "months" or self.year is None:
            return None
        return self.year + (self.start_month - 1 + turn - 1) // 12

    def name(self, turn: int) -> str:
        """A turn's name in English, as packs refer to it."""
        if self.kind == "months":
            return english_month(self.month(turn))
        if self.kind == "list" and 1 <= turn <= len(self.names):
            return self.names[turn - 1][0]
        return f"{self.unit[:1].upper()}{self.unit[1:]} {turn}"

    def short(self, turn: int) -> str:
        """A turn's short name in English (``Mar``, ``W3``)."""
        if self.kind == "months":
            return english_month(self.month(turn), short=True)
        if self.kind == "list" and 1 <= turn <= len(self.names):
            name, short = self.names[turn - 1]
            return short or name
        return f"{self.unit[:1].upper()}{turn}"

    def count(self, n: int) -> str:
        """``1 week``, ``3 weeks``."""
        return f"{n} {self.unit if n == 1 else self.units}"

    # ---------------------------------------------------------- reading

    def resolve(self, ref: int | str) -> int | None:
        """The turn a pack means by a number or a name; ``None`` if none."""
        if isinstance(ref, bool):
            return None
        if isinstance(ref, int):
            return ref if 1 <= ref <= self.turns else None
        text = ref.strip()
        if text.isdigit():
            return self.resolve(int(text))
        return self._lookup.get(text.casefold())

    def turns_in_month(self, month: int) -> list[int]:
        """Every turn that falls in a calendar month (a month calendar only)."""
        if self.kind != "months":
            return []
        return [t for t in range(1, self.turns + 1) if self.month(t) == month]

    def known_names(self, limit: int = 6) -> str:
        """A few of the turns' names, for a message: ``W1, W2, … W16``."""
        shorts = [self.short(t) for t in range(1, self.turns + 1)]
        if len(shorts) <= limit:
            return ", ".join(shorts)
        return ", ".join(shorts[: limit - 1]) + f", \u2026 {shorts[-1]}"


@lru_cache(maxsize=64)
def _turn_names(clock: Clock) -> dict[str, int]:
    """Every name a pack may use for a turn of ``clock``, folded to lower case.

    Shared by equal clocks: a scenario makes a new :class:`Clock` each time it
    is asked, and loading asks for one for every turn reference it reads.
    """
    lookup: dict[str, int] = {}
    for turn in range(clock.turns, 0, -1):  # the earliest turn wins a shared name
        for name in (clock.name(turn), clock.short(turn), f"{clock.unit} {turn}"):
            lookup[name.casefold()] = turn
        if clock.kind == "months":
            month = clock.month(turn)
            lookup[english_month(month).casefold()] = turn
            lookup[english_month(month, short=True).casefold()] = turn
    return lookup
