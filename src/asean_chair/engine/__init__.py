"""The game engine: state, legal actions, turn flow, effects, RNG and saves.

It knows nothing of YAML, files of rules or windows: it plays a compiled
:class:`~asean_chair.rules.Ruleset`.
"""

from .core import (
    Action,
    Cause,
    Choice,
    IllegalAction,
    LogEntry,
    Odds,
    Pending,
    Reason,
    Result,
)
from .state import Game, GameState

__all__ = ["Action", "Cause", "Choice", "Game", "GameState", "IllegalAction", "LogEntry",
           "Odds", "Pending", "Reason", "Result"]
