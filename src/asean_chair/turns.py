"""What a turn is called: the one place that turns turn numbers into names.

Every front end (the terminal, the window, the reports and the deck) names
turns through these functions, from the scenario's calendar (its clock: a
month calendar, numbered turns, or a list of names) and the month names and
patterns in ``assets/locale``.

Turn numbers are positions in the scenario's calendar (1 is its first turn);
a preset plays a stretch of them.

>>> from asean_chair.rules.calendar import Clock
>>> lesson = Clock(turns=3, unit="month", units="months", kind="months", start_month=11,
...                year=2022)
>>> [turn_short(lesson, t) for t in (1, 2, 3)]
['Nov', 'Dec', 'Jan']
>>> turn_name(lesson, 3, year=True)
'January 2023'
>>> season = Clock(turns=16, unit="week", units="weeks")
>>> turn_name(season, 3), turn_short(season, 3), unit_count(season, 2)
('Week 3', 'W3', '2 weeks')
"""

from __future__ import annotations

from typing import Protocol

from .phrases import phrase


class Clock(Protocol):
    """What these functions read of a scenario's calendar
    (:class:`asean_chair.rules.calendar.Clock`)."""

    @property
    def kind(self) -> str: ...

    @property
    def turns(self) -> int: ...

    @property
    def unit(self) -> str: ...

    @property
    def units(self) -> str: ...

    def month(self, turn: int) -> int: ...

    def year_of(self, turn: int) -> int | None: ...

    def name(self, turn: int) -> str: ...

    def short(self, turn: int) -> str: ...


class HasClock(Protocol):
    """A scenario (anything with a ``clock``)."""

    @property
    def clock(self) -> Clock: ...


def _clock(calendar: Clock | HasClock) -> Clock:
    return calendar.clock if hasattr(calendar, "clock") else calendar


def month_name(month: int, language: str = "en", *, short: bool = False) -> str:
    """A calendar month's name (``March``), or its short name (``Mar``)."""
    return phrase(f"{'month_short' if short else 'month'}.{month}", language)


def month_of(calendar: Clock | HasClock, turn: int) -> int:
    """The calendar month (1-12) of a turn of a month calendar (else the turn)."""
    return _clock(calendar).month(turn)


def turn_months(calendar: Clock | HasClock) -> list[int]:
    """The calendar month of every turn of a month calendar, in order."""
    clock = _clock(calendar)
    return [clock.month(turn) for turn in range(1, clock.turns + 1)]


def turn_name(calendar: Clock | HasClock, turn: int, language: str = "en", *,
              year: bool = False) -> str:
    """A turn's name (``March``, ``Week 3``); with ``year``, a month with its
    year (``March 2022``)."""
    clock = _clock(calendar)
    if clock.kind == "months":
        name = month_name(clock.month(turn), language)
        when = clock.year_of(turn)
        if year and when:
            return phrase("month_year", language, month=name, year=when)
        return name
    if clock.kind == "numbers":
        unit = clock.unit[:1].upper() + clock.unit[1:]
        return phrase("turn_numbered", language, unit=unit, n=turn)
    return clock.name(turn)


def turn_short(calendar: Clock | HasClock, turn: int, language: str = "en") -> str:
    """A turn's short name, for charts and tables (``Mar``, ``W3``)."""
    clock = _clock(calendar)
    if clock.kind == "months":
        return month_name(clock.month(turn), language, short=True)
    return clock.short(turn)


def unit_count(calendar: Clock | HasClock, n: int, language: str = "en") -> str:
    """A number of turns in the calendar's words: ``1 week``, ``3 weeks``."""
    clock = _clock(calendar)
    return phrase("unit_count", language, n=n, unit=clock.unit if n == 1 else clock.units)
