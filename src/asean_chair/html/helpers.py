"""The helpers every template may use: filters and functions.

Turn and month names come from :mod:`asean_chair.turns` (the scenario's
calendar and ``assets/locale``), never from a table here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import turns


def signed(n: float) -> str:
    """``+3``, ``-2``, ``+0``: a change with its sign."""
    return f"{n:+d}" if isinstance(n, int) else f"{n:+g}"


def percent(share: float) -> str:
    """``0.253`` -> ``25.3%``."""
    return f"{share:.1%}"


def count(n: int, word: str) -> str:
    """``1 team``, ``3 teams``."""
    return f"{n} {word}{'s' * (n != 1)}"


FILTERS: dict[str, Callable[..., Any]] = {
    "signed": signed,
    "percent": percent,
}
GLOBALS: dict[str, Any] = {
    "count": count,
    "zip": zip,
    "turn_name": turns.turn_name,
    "turn_short": turns.turn_short,
    "month_name": turns.month_name,
}
