"""The helpers every template may use: filters and functions.

Turn and month names come from :mod:`asean_chair.turns` (the scenario's
calendar and ``assets/locale``), never from a table here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import turns
from ..phrases import counted, phrase


def signed(n: float) -> str:
    """``+3``, ``-2``, ``+0``: a change with its sign."""
    return f"{n:+d}" if isinstance(n, int) else f"{n:+g}"


def percent(share: float) -> str:
    """``0.253`` -> ``25.3%``."""
    return f"{share:.1%}"


def count(n: int, word: str) -> str:
    """``1 team``, ``3 teams``."""
    return f"{n} {word}{'s' * (n != 1)}"


def translator(language: str = "en") -> Callable[..., str]:
    """``t("report.title", name=...)``: the frame words of a page in ``language``
    (``assets/locale``; English where a translation lacks a key)."""

    def t(key: str, /, **fields: Any) -> str:
        return phrase(key, language, **fields)

    return t


def count_translator(language: str = "en") -> Callable[..., str]:
    """``tn("report.decisions", 3)``: a counted phrase (``one``/``other``) in ``language``."""

    def tn(key: str, n: int, /, **fields: Any) -> str:
        return counted(key, n, language, **fields)

    return tn


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
