"""The balance lab: many seeded games with a bot, and a report on what is broken."""

from .report import build_report, format_report
from .simulate import GameRecord, run_games, tally_games
from .tally import Tally

__all__ = ["GameRecord", "Tally", "build_report", "format_report", "run_games", "tally_games"]
