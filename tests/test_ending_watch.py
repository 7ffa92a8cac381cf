"""Endings are checked again only after a change that may make one hold,
and a game still ends exactly when an ending's condition holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.engine import Action, Game
from asean_chair.rules import load_packs


def _game(make_pack: Callable[..., Path], mini: dict[str, Any], condition: str) -> Game:
    mini["scenario.yaml"]["scenarios"][0]["endings"][0]["if"] = condition
    return Game(load_packs([make_pack(mini)]), seed=1)


@pytest.mark.parametrize(("condition", "watch"), [
    ("autonomy <= 45", {"autonomy": (45, float("inf"))}),
    ("autonomy < 45", {"autonomy": (45, float("inf"))}),
    ("46 > autonomy", {"autonomy": (46, float("inf"))}),
    ("autonomy >= 55", {"autonomy": (float("-inf"), 55)}),
    ("autonomy + economy <= 95", {"autonomy": (float("inf"), float("-inf")),
                                  "economy": (float("inf"), float("-inf"))}),
])
def test_what_each_condition_watches(make_pack: Callable[..., Path], mini: dict[str, Any],
                                     condition: str, watch: dict[str, tuple[float, float]]
                                     ) -> None:
    assert _game(make_pack, mini, condition).program.ending_watch == watch


@pytest.mark.parametrize("condition", ["autonomy <= 45", "46 > autonomy",
                                       "autonomy + economy <= 95"])
def test_the_game_ends_as_soon_as_the_condition_holds(make_pack: Callable[..., Path],
                                                      mini: dict[str, Any],
                                                      condition: str) -> None:
    st = _game(make_pack, mini, condition).new_state()
    st.apply(Action.choose("first", "b"))  # autonomy 50 -> 45
    assert st.is_over and st.result is not None and st.result.ending == "lost"


def test_a_change_away_from_the_ending_needs_no_check(make_pack: Callable[..., Path],
                                                      mini: dict[str, Any]) -> None:
    st = _game(make_pack, mini, "autonomy <= 45").new_state()
    st.apply(Action.choose("first", "a"))  # autonomy 50 -> 55: nowhere near
    assert not st.is_over and not st.endings_due
