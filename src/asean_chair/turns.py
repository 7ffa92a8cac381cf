"""What a turn is called: the one place that turns turn numbers into names.

Every front end (the terminal, the window, the reports and the deck) names
turns through these functions, from the scenario's calendar (its first
month, its number of turns and its year) and the month names in
``assets/locale``. A scenario with another calendar changes only this file.

>>> class Lesson:
...     start_month, turns, year = 11, 3, 2022
>>> [turn_short(Lesson(), t) for t in (1, 2, 3)]
['Nov', 'Dec', 'Jan']
>>> turn_name(Lesson(), 2, year=True)
'December 2022'
"""

from __future__ import annotations

from typing import Protocol

from .phrases import phrase


class Calendar(Protocol):
    """What these functions read of a scenario."""

    @property
    def start_month(self) -> int: ...

    @property
    def turns(self) -> int: ...

    @property
    def year(self) -> int | None: ...


def month_of(calendar: Calendar, turn: int) -> int:
    """The calendar month (1-12) of a turn (1-based)."""
    return (calendar.start_month - 1 + turn - 1) % 12 + 1


def turn_months(calendar: Calendar) -> list[int]:
    """The calendar month of every turn, in order."""
    return [month_of(calendar, turn) for turn in range(1, calendar.turns + 1)]


def month_name(month: int, language: str = "en", *, short: bool = False) -> str:
    """A calendar month's name (``March``), or its short name (``Mar``)."""
    return phrase(f"{'month_short' if short else 'month'}.{month}", language)


def turn_name(calendar: Calendar, turn: int, language: str = "en", *,
              year: bool = False) -> str:
    """A turn's name (``March``); with ``year``, its month and year (``March 2022``)."""
    name = month_name(month_of(calendar, turn), language)
    if year and calendar.year:
        return phrase("month_year", language, month=name, year=calendar.year)
    return name


def turn_short(calendar: Calendar, turn: int, language: str = "en") -> str:
    """A turn's short name, for charts and tables (``Mar``)."""
    return month_name(month_of(calendar, turn), language, short=True)
