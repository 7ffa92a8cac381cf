"""The balance lab's tallies: counts that merge, and the same report as the records."""

from __future__ import annotations

from asean_chair.balance import Tally, build_report, run_games, tally_games
from asean_chair.rules import load_packs

from .conftest import TUTORIAL


def test_a_tally_gives_the_same_report_as_the_records() -> None:
    records = list(run_games([TUTORIAL], "random", 120, seed=5, jobs=1))
    ruleset = load_packs([TUTORIAL])
    assert build_report(ruleset, None, "random", 5, Tally.of(records)) == \
        build_report(ruleset, None, "random", 5, records)


def test_tallies_of_parts_merge_into_the_tally_of_the_whole() -> None:
    records = list(run_games([TUTORIAL], "random", 60, seed=1, jobs=1))
    merged = Tally.of(records[:25]).merge(Tally.of(records[25:]))
    assert merged == Tally.of(records)
    assert merged.games == 60 and sum(merged.scores.values()) == 60


def test_the_tally_is_the_same_whatever_the_jobs() -> None:
    one = tally_games([TUTORIAL], "random", 90, seed=2, jobs=1)
    two = tally_games([TUTORIAL], "random", 90, seed=2, jobs=2)
    assert one == two
    assert one == Tally.of(run_games([TUTORIAL], "random", 90, seed=2, jobs=1))
