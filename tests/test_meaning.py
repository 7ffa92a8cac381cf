"""Rules mean what they say: bounds, comparisons, odds, undo, repeats, tiers,
duplicate ids and the baseline score, each checked as a player would see it."""

from __future__ import annotations

import collections
import copy
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as hs

from asean_chair.bots import make_bot, play_out
from asean_chair.engine import Action, Game, GameState
from asean_chair.expr import compile_expr
from asean_chair.rules import RulesError, load_packs

from .conftest import ROOT
from .test_engine import add_card, choose_a, game_with

MakePack = Callable[..., Path]

# ------------------------------------------------------------------ bounds


def _within(st: GameState) -> list[str]:
    return [f"{name}={st.v[name]} outside {low}..{high}"
            for name, (low, high) in st.p.bounds.items() if not low <= st.v[name] <= high]


@pytest.mark.parametrize("effects", [
    [{"add": {"autonomy": -500, "economy": 900}}],
    [{"set": {"autonomy": -7, "economy": 1000}}],
    [{"set": {"capital": -3}}],
    [{"add": {"capital": -50}}],
    [{"add": {"rel.east": 250}}],                       # the rival's loss is clamped too
    [{"add": {"rel.east": 100}}, {"add": {"rel.east": 100}}],
    [{"drift": {"economy": 500}}],
    [{"add": {"counter.votes": -10**9}}],
])
def test_no_route_leaves_the_bounds(make_pack: MakePack, mini: dict[str, Any],
                                    effects: list[Any]) -> None:
    mini["world.yaml"]["actors"][1]["relation"] = {"start": -95, "min": -100, "max": 100}
    st = game_with(make_pack, mini, effects)
    choose_a(st)
    assert _within(st) == []


def test_payments_never_take_capital_below_zero(make_pack: MakePack, mini: dict[str, Any]) -> None:
    # Income may be negative; capital stops at its lower bound, 0.
    mini["scenario.yaml"]["scenarios"][0]["capital"] = {"start": 1, "income": -4, "max": 5}
    st = game_with(make_pack, mini)
    choose_a(st)
    while not st.is_over:
        st.apply(st.legal_actions()[-1])
        assert st.capital >= 0 and _within(st) == []


def test_capital_starts_within_its_bounds(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["scenario.yaml"]["scenarios"][0]["capital"] = {"start": 9, "max": 5}
    found = _problems(make_pack, mini)
    assert len(found) == 1 and "start (9) is above max (5)" in found[0]
    assert found[0].startswith("mini/scenario.yaml:")


def test_a_baseline_outside_the_bounds_is_refused(make_pack: MakePack,
                                                  mini: dict[str, Any]) -> None:
    # Drift pulls toward the baseline: one outside min..max would be unreachable.
    mini["world.yaml"]["tracks"][1].update(baseline=140)
    found = _problems(make_pack, mini)
    assert len(found) == 1 and "baseline (140) is outside min..max (0..100)" in found[0]


# ----------------------------------------------------------- comparisons


@given(hs.lists(hs.sampled_from(["<", "<=", ">", ">=", "==", "!="]), min_size=2, max_size=4),
       hs.lists(hs.integers(-3, 3), min_size=5, max_size=5))
def test_chained_comparisons_hold_only_when_every_link_holds(ops: list[str],
                                                            values: list[int]) -> None:
    names = ["a", "b", "c", "d", "e"]
    text = names[0] + "".join(f" {op} {names[i + 1]}" for i, op in enumerate(ops))
    env = dict(zip(names, values, strict=True))
    assert bool(compile_expr(text, set(names))(env)) == bool(eval(text, {}, env))


def test_a_range_test_reads_as_written() -> None:
    inside = compile_expr("20 <= autonomy < 50", {"autonomy"})
    assert [bool(inside({"autonomy": x})) for x in (19, 20, 49, 50, 80)] == \
        [False, True, True, False, False]


# ------------------------------------------------------------------ odds


def test_three_branches_come_out_at_their_written_odds(make_pack: MakePack,
                                                       mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["options"][0]["outcomes"] = [
        {"chance": 0.2, "effects": [{"add": {"economy": 1}}]},
        {"chance": 0.3, "effects": [{"add": {"economy": 2}}]},
        {"chance": 0.5, "effects": [{"add": {"economy": 3}}]},
    ]
    ruleset = load_packs([make_pack(mini)])
    seen: collections.Counter[int] = collections.Counter()
    games = 6000
    for seed in range(games):
        st = Game(ruleset, seed=seed).new_state()
        before = st.value("economy")
        choose_a(st)
        seen[st.value("economy") - before - 0] += 1
    shares = {k: seen[k] / games for k in (1, 2, 3)}
    # Three standard errors of a share near 0.5 over 6,000 games is about 0.02.
    assert shares[1] == pytest.approx(0.2, abs=0.02)
    assert shares[2] == pytest.approx(0.3, abs=0.02)
    assert shares[3] == pytest.approx(0.5, abs=0.02)


def test_nested_outcomes_come_out_at_their_written_odds(make_pack: MakePack,
                                                        mini: dict[str, Any]) -> None:
    branches = [{"chance": c, "effects": [{"add": {"economy": n}}]}
                for c, n in ((0.1, 1), (0.2, 2), (0.3, 3), (0.4, 4))]
    ruleset = load_packs([make_pack(_with_effects(mini, [{"outcomes": branches}]))])
    seen: collections.Counter[int] = collections.Counter()
    for seed in range(5000):
        st = Game(ruleset, seed=seed).new_state()
        before = st.value("economy")
        choose_a(st)
        seen[st.value("economy") - before] += 1
    for n, chance in ((1, 0.1), (2, 0.2), (3, 0.3), (4, 0.4)):
        assert seen[n] / 5000 == pytest.approx(chance, abs=0.025)


def _with_effects(mini: dict[str, Any], effects: list[Any]) -> dict[str, Any]:
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = effects
    return mini


# ------------------------------------------------------------------ undo


def _fields(st: GameState) -> dict[str, Any]:
    return {name: copy.deepcopy(getattr(st, name)) for name in GameState.__slots__
            if name not in ("game", "p")}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=hs.integers(0, 10_000), steps=hs.integers(0, 40), pick=hs.integers(0, 10**6))
def test_undo_after_any_legal_action_restores_every_field(tutorial: Any, seed: int, steps: int,
                                                         pick: int) -> None:
    rng = random.Random(pick)
    st = Game(tutorial, seed=seed).new_state()
    for _ in range(steps):
        if st.is_over:
            break
        st.apply(rng.choice(st.legal_actions()))
    assume(not st.is_over)  # a finished game has nothing to undo into: draw another
    before = _fields(st)
    action = rng.choice(st.legal_actions())
    st.apply(action)
    assert st.undo() == action
    after = _fields(st)
    assert after.keys() == before.keys()
    for name, value in before.items():
        assert after[name] == value, name


def test_undo_takes_back_the_record_of_choices(tutorial: Any) -> None:
    st = Game(tutorial, seed=3).new_state()
    st.apply(st.legal_actions()[0])
    made = list(st.choices_made)
    st.apply(st.legal_actions()[0])
    st.undo()
    assert st.choices_made == made


# --------------------------------------------------------------- repeats


def test_a_card_that_may_not_repeat_is_dealt_once(make_pack: MakePack,
                                                  mini: dict[str, Any]) -> None:
    # 'echo' is fixed in month 3; a tag draw in month 1 may deal it early, a
    # follow-up and a named draw name it again: it comes once all the same.
    add_card(mini, "echo", {"month": 3}, tags=["echo"])
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [
        {"draw": {"tags": ["echo"]}},
        {"schedule": {"card": "echo", "in": 1}},
        {"draw": {"card": "echo"}},
    ]
    ruleset = load_packs([make_pack(mini)])
    for seed in range(20):
        st = Game(ruleset, seed=seed).new_state()
        dealt: list[str] = []
        while not st.is_over:
            if st.pending.kind == "event":
                dealt.append(st.pending.card or "")
            st.apply(st.legal_actions()[0])
        assert dealt.count("echo") == 1, dealt


def test_a_repeatable_card_may_come_again(make_pack: MakePack, mini: dict[str, Any]) -> None:
    add_card(mini, "again", {"window": [1, 3], "repeat": True, "weight": 1})
    mini["scenario.yaml"]["scenarios"][0]["draws"] = 1
    ruleset = load_packs([make_pack(mini)])
    st = Game(ruleset, seed=1).new_state()
    dealt = []
    while not st.is_over:
        if st.pending.kind == "event":
            dealt.append(st.pending.card)
        st.apply(st.legal_actions()[0])
    assert dealt.count("again") == 3


# ----------------------------------------------------------------- tiers


@pytest.mark.parametrize("economy, tier", [(59, "low"), (60, "top"), (61, "top")])
def test_a_score_equal_to_a_threshold_gets_that_tier(make_pack: MakePack, mini: dict[str, Any],
                                                    economy: int, tier: str) -> None:
    # autonomy 50 + economy: the top tier starts at 110, inclusive.
    st = game_with(make_pack, mini, [{"set": {"economy": economy}}], turns=1)
    choose_a(st)
    st.apply(Action.end_turn())
    assert st.result is not None and st.result.score == 50 + economy
    assert st.result.tier == tier


# --------------------------------------------------------- duplicate ids


def _problems(make_pack: MakePack, mini: dict[str, Any]) -> list[str]:
    with pytest.raises(RulesError) as err:
        load_packs([make_pack(mini)])
    return [str(p) for p in err.value.problems if p.severity == "error"]


def _dup_scenario(mini: dict[str, Any], key: str, item: dict[str, Any]) -> None:
    sc = mini["scenario.yaml"]["scenarios"][0]
    sc[key] = [item, dict(item)]


@pytest.mark.parametrize("where", [
    "cards", "options", "actions", "tracks", "actors", "flags", "counters", "scenarios",
    "endings", "tiers", "verdicts", "difficulties", "presets", "preset_tiers", "glossary"])
def test_duplicate_ids_are_refused_in_every_collection(make_pack: MakePack, mini: dict[str, Any],
                                                       where: str) -> None:
    world, cards, sc = mini["world.yaml"], mini["cards.yaml"], mini["scenario.yaml"]
    scenario = sc["scenarios"][0]
    if where in ("tracks", "actors", "flags", "counters", "actions"):
        world[where].append(dict(world[where][0]))
    elif where == "cards":
        cards["cards"].append(dict(cards["cards"][0]))
    elif where == "options":
        opts = cards["cards"][0]["options"]
        opts.append(dict(opts[0]))
    elif where == "scenarios":
        sc["scenarios"].append(dict(scenario))
    elif where == "endings":
        scenario["endings"].insert(0, dict(scenario["endings"][0]))
    elif where == "tiers":
        scenario["tiers"].insert(0, dict(scenario["tiers"][0]))
    elif where == "verdicts":
        _dup_scenario(mini, "verdicts", {"id": "v", "if": "autonomy > 1", "text": "T."})
    elif where == "difficulties":
        _dup_scenario(mini, "difficulties", {"id": "easy", "name": "Easy", "capital": 1})
    elif where == "presets":
        _dup_scenario(mini, "presets", {"id": "short", "name": "Short", "turns": 2})
    elif where == "preset_tiers":
        tiers = [{"id": "top", "name": "Top", "min_score": 100},
                 {"id": "top", "name": "Top", "min_score": 90},
                 {"id": "low", "name": "Low", "min_score": -1000}]
        _dup_scenario(mini, "presets", {"id": "short", "name": "Short", "tiers": tiers})
        scenario["presets"].pop()
    else:
        world["glossary"] = [{"id": "g", "term": "G", "text": "x"}] * 2
    found = _problems(make_pack, mini)
    assert any("duplicate" in p or "two " in p or "already defined" in p for p in found), found


# -------------------------------------------------------------- baseline


@pytest.mark.slow
@pytest.mark.parametrize("preset", [None, "short"])
@pytest.mark.parametrize("difficulty", [None, "easy", "hard"])
def test_the_stated_baseline_is_the_history_bot_on_the_same_game(preset: str | None,
                                                                 difficulty: str | None) -> None:
    from asean_chair.bots import history_baseline

    ruleset = load_packs([ROOT / "rules" / "asean2022"])
    seed = 11
    game = Game(ruleset, seed=seed, preset=preset, difficulty=difficulty)
    played = play_out(game.new_state(), make_bot("random", seed))
    history = play_out(Game(ruleset, seed=seed, preset=preset, difficulty=difficulty,
                            explain=False).new_state(), make_bot("history", seed))
    assert history_baseline(played.game) == history.score
