"""The engine, through small packs: every effect kind and the turn flow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.engine import Action, Game, GameState, IllegalAction
from asean_chair.rules import load_packs

MakePack = Callable[..., Path]


def game_with(make_pack: MakePack, mini: dict[str, Any], effects: list[Any] | None = None,
              seed: int = 1, **scenario: Any) -> GameState:
    """A new game of the mini pack whose first option has ``effects``."""
    if effects is not None:
        mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = effects
    mini["scenario.yaml"]["scenarios"][0].update(scenario)
    return Game(load_packs([make_pack(mini)]), seed=seed).new_state()


def choose_a(st: GameState) -> list[Any]:
    return st.apply(Action.choose("first", "a"))


def add_card(mini: dict[str, Any], card_id: str, when: dict[str, Any] | None = None,
             effects: list[Any] | None = None, **extra: Any) -> None:
    card: dict[str, Any] = {"id": card_id, "title": card_id.title(), "text": "t", **extra,
                            "options": [{"id": "ok", "label": "OK",
                                         "effects": effects or [{"add": {"economy": 1}}]}]}
    if when is not None:
        card["when"] = when
    mini["cards.yaml"]["cards"].append(card)


# ------------------------------------------------------------------ effects


def test_add_is_clamped_and_logged_with_its_cause(make_pack: MakePack,
                                                  mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"add": {"autonomy": 80, "economy": -7}}])
    entries = choose_a(st)
    assert st.value("autonomy") == 100 and st.value("economy") == 43
    change = next(e for e in entries if e.target == "autonomy")
    assert (change.before, change.after) == (50, 100)
    assert change.cause.kind == "option" and change.cause.id == "first/a"
    assert change.cause.where.endswith("cards.yaml:" + change.cause.where.split(":")[-1])
    assert "cards.yaml:" in change.cause.where


def test_gains_spill_over_to_rivals_but_losses_do_not(make_pack: MakePack,
                                                      mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"add": {"rel.east": 10}}, {"add": {"rel.east": -4}}])
    entries = choose_a(st)
    assert st.value("rel.east") == 6 and st.value("rel.west") == -5
    spill = next(e for e in entries if e.target == "rel.west")
    assert spill.cause.kind == "spill"


def test_spill_can_be_switched_off(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"add": {"rel.east": 10}, "spill": False}])
    choose_a(st)
    assert st.value("rel.west") == 0


def test_set_flags_and_counters(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"set": {"economy": 12}}, {"set_flag": "done"},
                                     {"add": {"counter.votes": 2}}, {"clear_flag": "done"},
                                     {"set_flag": "done"}])
    choose_a(st)
    assert st.value("economy") == 12
    assert st.value("flag.done") == 1
    assert st.value("counter.votes") == 2


def test_expressions_as_amounts(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"add": {"economy": "autonomy / 4"}}])
    choose_a(st)
    assert st.value("economy") == 63  # 50 + round(12.5) rounds half away from zero


def test_conditional_effects(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"if": "autonomy > 40", "then": [{"add": {"economy": 1}}],
                                      "else": [{"add": {"economy": -1}}]},
                                     {"if": "autonomy > 90", "then": [{"add": {"economy": 10}}]}])
    choose_a(st)
    assert st.value("economy") == 51


def test_schedule_a_follow_up_card(make_pack: MakePack, mini: dict[str, Any]) -> None:
    add_card(mini, "later")
    st = game_with(make_pack, mini, [{"schedule": {"card": "later", "in": 2}}])
    entries = choose_a(st)
    assert any("will come back" in e.text for e in entries)
    st.apply(Action.end_turn())
    assert st.pending.kind == "diplomacy" and st.turn == 2
    st.apply(Action.end_turn())
    assert st.turn == 3 and st.pending.card == "later"


def test_schedule_delayed_effects(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"schedule": {"in": 1, "text": "It pays off.",
                                                   "effects": [{"add": {"economy": 5}}]}}])
    choose_a(st)
    entries = st.apply(Action.end_turn())
    assert st.value("economy") == 55
    assert any(e.text == "It pays off." for e in entries)
    assert any(e.target == "economy" and e.cause.kind == "schedule" for e in entries)


def test_draw_a_card_now(make_pack: MakePack, mini: dict[str, Any]) -> None:
    add_card(mini, "urgent")
    st = game_with(make_pack, mini, [{"draw": {"card": "urgent"}}])
    choose_a(st)
    assert st.pending.card == "urgent"


def test_draw_by_tags(make_pack: MakePack, mini: dict[str, Any]) -> None:
    add_card(mini, "storm", {"window": [1, 3]}, tags=["weather"])
    add_card(mini, "quake", {"window": [1, 3]}, tags=["ground"])
    st = game_with(make_pack, mini, [{"draw": {"tags": ["weather"]}}])
    choose_a(st)
    assert st.upcoming == ["storm"]


def test_modifier_each_turn_income_scale_and_expiry(make_pack: MakePack,
                                                    mini: dict[str, Any]) -> None:
    mod = {"id": "boom", "name": "Boom", "turns": 2, "income": 2,
           "each_turn": [{"add": {"economy": 3}}], "scale": {"autonomy": 0.5}}
    add_card(mini, "second", {"month": 2}, effects=[{"add": {"autonomy": 10}}])
    st = game_with(make_pack, mini, [{"modifier": mod}])
    choose_a(st)
    assert st.value("mod.boom") == 2 and st.active_modifiers == [("boom", "Boom", 2)]
    capital = st.capital
    st.apply(Action.end_turn())  # upkeep: +3 economy, then turn 2 income 1 + 2
    assert st.value("economy") == 53
    assert st.capital == min(capital + 3, 5)
    st.apply(Action.choose("second", "ok"))
    assert st.value("autonomy") == 55  # +10 halved
    st.apply(Action.end_turn())
    assert st.value("mod.boom") == 0 and st.active_modifiers == []
    assert st.value("economy") == 56


def test_remove_modifier(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mod = {"id": "boom", "name": "Boom", "turns": 5, "each_turn": [{"add": {"economy": 3}}]}
    add_card(mini, "second", {"month": 2}, effects=[{"remove_modifier": "boom"}])
    st = game_with(make_pack, mini, [{"modifier": mod}])
    choose_a(st)
    assert st.value("mod.boom") == 5
    st.apply(Action.end_turn())
    entries = st.apply(Action.choose("second", "ok"))
    assert st.value("mod.boom") == 0 and st.active_modifiers == []
    assert any(e.text == "Boom has ended." for e in entries)
    st.apply(Action.end_turn())
    assert st.value("economy") == 53  # one upkeep only


def test_outcomes_follow_their_odds(make_pack: MakePack, mini: dict[str, Any]) -> None:
    effects = [{"outcomes": [
        {"chance": 0.25, "text": "Win", "effects": [{"add": {"economy": 10}}]},
        {"chance": 0.75, "text": "Lose", "effects": [{"add": {"economy": -10}}]}]}]
    game = Game(load_packs([make_pack(dict(mini))]), seed=0)
    del game
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = effects
    rs = load_packs([make_pack(mini)])
    wins = 0
    for seed in range(400):
        st = Game(rs, seed=seed).new_state()
        entries = choose_a(st)
        won = st.value("economy") == 60
        wins += won
        assert any(e.text == ("Win" if won else "Lose") for e in entries)
    assert 70 <= wins <= 130


def test_drift_moves_toward_the_baseline(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"drift": {"economy": 4}}, {"drift": {"autonomy": 3}}])
    choose_a(st)
    assert st.value("economy") == 46  # baseline 40
    assert st.value("autonomy") == 50  # already at its baseline (start)


def test_log_and_end_game(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"log": "A note."}, {"end_game": "lost"},
                                     {"add": {"economy": 30}}])
    entries = choose_a(st)
    assert any(e.text == "A note." for e in entries)
    assert st.is_over and st.result is not None and st.result.ending == "lost"
    assert st.value("economy") == 50  # nothing after the end runs
    assert st.legal_actions() == []


# ---------------------------------------------------------------- turn flow


def test_income_and_capital_cap(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini)
    assert st.capital == 3  # start 2 + income 1
    choose_a(st)
    for _ in range(2):
        st.apply(Action.end_turn())
    assert st.capital == 5  # capped at max


def test_fixed_cards_and_drawn_cards(make_pack: MakePack, mini: dict[str, Any]) -> None:
    add_card(mini, "feb", {"month": 2})
    add_card(mini, "gated", {"month": 2, "if": "economy > 90"})
    add_card(mini, "drawn", {"window": [2, 3], "weight": 5})
    add_card(mini, "never", {"window": [2, 3], "weight": 0})
    st = game_with(make_pack, mini, draws=1)
    assert st.upcoming == ["first"]  # nothing drawable in month 1
    choose_a(st)
    st.apply(Action.end_turn())
    assert st.upcoming == ["feb", "drawn"]


def test_drawn_cards_vary_with_the_seed(make_pack: MakePack, mini: dict[str, Any]) -> None:
    for name in ("one", "two", "three"):
        add_card(mini, name, {"window": [1, 3]})
    mini["scenario.yaml"]["scenarios"][0]["draws"] = 1
    rs = load_packs([make_pack(mini)])
    seen = {Game(rs, seed=s).new_state().upcoming[1] for s in range(30)}
    assert seen == {"one", "two", "three"}


def test_action_limits(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["world.yaml"]["actions"] = [
        {"id": "visit", "name": "Visit", "cost": 1, "cooldown": 1,
         "effects": [{"add": {"rel.east": 2}}]},
        {"id": "speak", "name": "Speak", "per_turn": 2, "max_uses": 2, "requires": "economy > 10",
         "requires_text": "The economy is too weak.", "effects": [{"add": {"autonomy": 1}}]},
        {"id": "late", "name": "Late", "window": [3, 3], "effects": [{"add": {"autonomy": 1}}]},
    ]
    st = game_with(make_pack, mini, actions_per_turn=3)
    choose_a(st)
    assert st.why_not(Action.act("late")) == "only available in March"
    st.apply(Action.act("visit"))
    assert st.why_not(Action.act("visit")) == "already taken this turn"
    st.apply(Action.act("speak"))
    st.apply(Action.act("speak"))
    assert st.why_not(Action.act("late")) is not None
    assert "no actions left this turn (3 per turn)" == st.why_not(Action.act("speak"))
    st.apply(Action.end_turn())
    assert st.why_not(Action.act("visit")) == "cooling down: available again in 1 turn"
    assert st.why_not(Action.act("speak")) == "used up (2 times a game)"
    st.apply(Action.end_turn())
    assert st.why_not(Action.act("visit")) is None
    assert st.why_not(Action.act("late")) is None


def test_requires_text_explains_unavailable_options(make_pack: MakePack,
                                                    mini: dict[str, Any]) -> None:
    opt = mini["cards.yaml"]["cards"][0]["options"][1]
    opt.update(requires="economy > 80", requires_text="Needs a booming economy.")
    mini["cards.yaml"]["cards"][0]["options"][0]["cost"] = 9
    st = game_with(make_pack, mini)
    a, b, aside = st.choices()
    assert not a.legal and a.why_not == "costs 9 points; you have 3"  # the neutral currency
    assert not b.legal and b.why_not == "Needs a booming economy."
    # With no possible option, the card can only be set aside.
    assert aside.legal and aside.action == Action.skip()
    assert st.legal_actions() == [Action.skip()]


def test_illegal_apply_raises_and_changes_nothing(make_pack: MakePack,
                                                  mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini)
    before = st.snapshot()
    for bad in (Action.end_turn(), Action.act("visit"), Action.choose("first", "z"),
                Action.choose("other", "a")):
        with pytest.raises(IllegalAction) as err:
            st.apply(bad)
        assert err.value.reason
    assert st.snapshot() == before and st.history == []


def test_rules_run_at_start_and_upkeep(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["world.yaml"]["rules"] = [
        {"id": "tax", "name": "Tax", "phase": "start", "if": "turn >= 2",
         "effects": [{"add": {"economy": 1}}]},
        {"id": "drift", "name": "Drift", "effects": [{"drift": {"economy": 2}}]},
        {"id": "summer", "name": "Summer", "window": [2, 2], "effects": [{"add": {"autonomy": 1}}]},
    ]
    st = game_with(make_pack, mini)
    choose_a(st)
    entries = st.apply(Action.end_turn())
    causes = [(e.cause.label, e.target) for e in entries if e.target]
    assert ("Drift", "economy") in causes and ("Tax", "economy") in causes
    assert causes.index(("Drift", "economy")) < causes.index(("Tax", "economy"))
    assert st.value("economy") == 49
    st.apply(Action.end_turn())
    assert st.value("autonomy") == 56


def test_defeat_ends_the_game_at_once(make_pack: MakePack, mini: dict[str, Any]) -> None:
    st = game_with(make_pack, mini, [{"add": {"autonomy": -60}}])
    choose_a(st)
    assert st.is_over and st.result is not None
    assert st.result.defeat and st.result.ending == "lost" and st.result.tier == "low"
    assert st.pending.kind == "over"


def test_final_score_tier_and_verdict(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["scenario.yaml"]["scenarios"][0]["verdicts"] = [
        {"if": "autonomy > 50", "kind": "strength", "text": "You stood tall."},
        {"if": "economy < 10", "kind": "mistake", "text": "Never shown."},
    ]
    mini["scenario.yaml"]["scenarios"][0]["tiers"][0]["text"] = "Well done."
    st = game_with(make_pack, mini)
    choose_a(st)
    for _ in range(3):
        st.apply(Action.end_turn())
    r = st.result
    assert r is not None and not r.defeat and r.ending == "done"
    assert r.score == 105 and r.tier == "low"
    st2 = game_with(make_pack, mini, [{"add": {"autonomy": 20}}])
    choose_a(st2)
    for _ in range(3):
        st2.apply(Action.end_turn())
    assert st2.result is not None and st2.result.tier == "top"
    assert st2.result.verdict == ("Well done.", "You stood tall.")


def test_clone_is_independent(tutorial: Any) -> None:
    st = Game(tutorial, seed=3).new_state()
    copy = st.clone()
    copy.apply(copy.legal_actions()[0])
    assert st.history == [] and len(copy.history) == 1
    assert st.snapshot() != copy.snapshot()


def test_undo_takes_back_the_last_decision(tutorial: Any) -> None:
    st = Game(tutorial, seed=3).new_state()
    start = st.snapshot()
    st.apply(st.legal_actions()[0])
    middle = st.snapshot()
    st.apply(st.legal_actions()[-1])
    st.undo()
    assert st.snapshot() == middle
    st.undo()
    assert st.snapshot() == start
    with pytest.raises(IllegalAction):
        st.undo()


def test_every_change_names_pack_file_and_line(tutorial: Any) -> None:
    from asean_chair.bots import RandomBot, play_out

    st = play_out(Game(tutorial, seed=5).new_state(), RandomBot(5))
    changes = [e for e in st.log or [] if e.target is not None]
    assert changes
    for e in changes:
        assert e.cause.label
        if e.cause.kind in ("option", "action", "rule", "spill", "income", "schedule", "modifier"):
            file, line = e.cause.where.rsplit(":", 1)
            assert file.endswith(".yaml") and int(line) > 0


def test_a_pack_without_actions_ends_turns_by_itself(make_pack: MakePack,
                                                     mini: dict[str, Any]) -> None:
    del mini["world.yaml"]["actions"]
    st = game_with(make_pack, mini)
    choose_a(st)
    assert st.is_over and st.result is not None and st.result.ending == "done"


def test_presets_shorten_a_scenario(tutorial: Any, tmp_path: Path) -> None:
    from asean_chair.bots import RandomBot, play_out
    from asean_chair.engine.saves import load_game, save_game

    full = Game(tutorial, seed=4).new_state()
    short = Game(tutorial, seed=4, preset="short").new_state()
    assert full.game.length == 4 and short.game.length == 2
    # A preset plays a stretch of the scenario's calendar; turns keep their numbers.
    spring = Game(tutorial, seed=4, preset="spring").new_state()
    assert (spring.game.first_turn, spring.game.last_turn, spring.turn) == (2, 4, 2)
    assert spring.turns_played == 1 and spring.game.clock.name(spring.turn) == "February"
    assert short.upcoming == ["port_question"]  # no drawn cards in the short lesson
    play_out(short, RandomBot(1))
    assert short.turn <= 2 and short.result is not None
    path = save_game(short, tmp_path / "short.json")
    assert load_game(path, tutorial).state.snapshot() == short.snapshot()
    with pytest.raises(KeyError):
        Game(tutorial, preset="nope")


def test_difficulties_change_the_start(tutorial: Any, tmp_path: Path) -> None:
    from asean_chair.engine.saves import load_game, save_game

    normal = Game(tutorial, seed=4).new_state()
    easy = Game(tutorial, seed=4, difficulty="easy").new_state()
    hard = Game(tutorial, seed=4, difficulty="hard").new_state()
    assert easy.value("rel.usa") == normal.value("rel.usa") + 10
    # more at the start and more income, capped
    assert easy.capital == min(normal.capital + 2 + 1, 5)
    assert hard.value("autonomy") == normal.value("autonomy") - 10
    assert hard.capital == normal.capital - 1
    easy.apply(easy.legal_actions()[0])
    path = save_game(easy, tmp_path / "easy.json")
    loaded = load_game(path, tutorial).state
    assert loaded.game.difficulty == "easy" and loaded.snapshot() == easy.snapshot()
    with pytest.raises(KeyError, match="no difficulty 'brutal'"):
        Game(tutorial, difficulty="brutal")


def test_the_chosen_option_text_is_logged(tutorial: Any) -> None:
    st = Game(tutorial, seed=1).new_state()
    entries = st.apply(Action.choose("port_question", "refuse"))
    assert any(e.text == "The US ambassador cancels a planned aid event." for e in entries)


def test_a_teacher_can_skip_and_inject_cards(tutorial: Any) -> None:
    st = Game(tutorial, seed=2).new_state()
    first = st.pending.card
    assert Action.skip() not in st.legal_actions()  # not a player's move
    st.apply(Action.skip())
    assert st.pending.card != first and first not in st.upcoming
    st.apply(Action.inject("summit"))
    assert st.pending.card == "summit"
    with pytest.raises(IllegalAction):
        st.apply(Action.inject("no_such_card"))
    replayed = st.game.replay(st.history)
    assert replayed.snapshot() == st.snapshot()
    assert [str(a) for a in st.history] == ["skip", "inject:summit"]
    assert Action.parse("inject:summit") == Action.inject("summit")


def test_one_sided_drift(make_pack: MakePack, mini: dict[str, Any]) -> None:
    effects = [{"add": {"economy": 20, "autonomy": -20}},
               {"drift": {"economy": 3, "autonomy": 3}, "direction": "down"}]
    st = game_with(make_pack, mini, effects)
    choose_a(st)
    assert st.value("economy") == 67  # 70 pulled down toward 40
    assert st.value("autonomy") == 30  # below its baseline 50: not lifted


def test_draw_by_tags_can_pick_a_follow_up(tutorial: Any) -> None:
    st = Game(tutorial, seed=3).new_state()
    st.apply(Action.inject("storm"))
    st.apply(Action.choose("storm", "both"))  # draws a card tagged 'relief': a follow-up
    assert st.pending.card == "relief_thanks"
