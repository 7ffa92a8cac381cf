"""The engine's fast paths agree with its plain ones.

A game without a log (``explain=False``) changes values through the written-out
loops of ``mutate.adding`` and ``mutate.drifting`` and their compiled plans; a
game with a log goes through ``add``, ``drift`` and ``change`` one value at a
time. Played with the same seeds, both must pass through the same states.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from asean_chair.bots import RandomBot
from asean_chair.engine import Game, GameState
from asean_chair.rules import load_packs

from .conftest import ROOT

PACKS = ["asean2022", "tutorial", "examples/storm_season", "examples/strait_crisis"]


def _state(st: GameState) -> tuple[Any, ...]:
    return (dict(st.v), list(st.queue), list(st.scheduled), dict(st.modifiers), st.rng,
            st.seq, st.step, st.phase, st.over, st.result, sorted(st.seen), list(st.history))


@pytest.mark.parametrize("pack", PACKS)
def test_a_game_without_a_log_passes_through_the_same_states(pack: str) -> None:
    rules = load_packs([ROOT / "rules" / Path(pack)])
    for seed in range(12):
        fast = Game(rules, seed=seed, explain=False).new_state()
        plain = Game(rules, seed=seed, explain=True).new_state()
        fast_bot, plain_bot = RandomBot(seed), RandomBot(seed)
        assert _state(fast) == _state(plain)
        while not plain.over:
            assert fast.legal_actions() == plain.legal_actions()
            fast.apply(fast_bot.choose(fast))
            plain.apply(plain_bot.choose(plain))
            assert _state(fast) == _state(plain)
        assert fast.over


@pytest.mark.parametrize("pack", PACKS)
def test_draws_counted_when_compiled_are_the_expressions_value(pack: str) -> None:
    rules = load_packs([ROOT / "rules" / Path(pack)])
    game = Game(rules)
    p = game.program
    st = game.new_state()
    for turn, n in p.draw_counts.items():
        v = dict(st.v, turn=turn, month=p.clock.month(turn), turns_left=p.last_turn - turn)
        x = p.draws(v)
        assert n == (int(x + 0.5) if x >= 0 else -int(-x + 0.5))


@pytest.mark.parametrize("pack", PACKS)
def test_a_listed_move_applied_without_a_test_does_what_apply_does(pack: str) -> None:
    rules = load_packs([ROOT / "rules" / Path(pack)])
    for seed in range(12):
        tested = Game(rules, seed=seed, explain=False).new_state()
        untested = Game(rules, seed=seed, explain=False).new_state()
        bot = RandomBot(seed)
        while not tested.over:
            move = bot.choose(tested)
            assert move in untested.legal_actions()
            tested.apply(move)
            untested.apply_listed(move)
            assert _state(tested) == _state(untested)
