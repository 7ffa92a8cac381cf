"""Hostile numbers, cards nobody can play and cards that deal themselves:
refused at load with one clear line, or handled in play without a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.bots import make_bot, play_out
from asean_chair.engine import Action, Game
from asean_chair.rules import load_packs

from .test_bad_input import Cli, one_error, problems

MakePack = Callable[..., Path]

HUGE = "9" * 400              # hundreds of digits
ENORMOUS = "9" * 5000         # past Python's limit for turning text into an int


def _pack(make_pack: MakePack, mini: dict[str, Any], file: str, old: str, new: str) -> Path:
    """Write the mini pack, then replace ``old`` by ``new`` in one of its files."""
    folder = make_pack(mini)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _line_of(folder: Path, file: str, needle: str) -> int:
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


# (file, text in the mini pack, replacement, the words of the message)
LITERALS = [
    ("world.yaml", "start: 50", "start: .inf", "finite"),
    ("world.yaml", "start: 50", "start: .nan", "finite"),
    ("world.yaml", "start: 50", "start: 1e999", "whole number"),
    ("world.yaml", "start: 50", f"start: {HUGE}", "1,000,000,000"),
    ("world.yaml", "start: 50", f"start: {ENORMOUS}", "digits"),
    ("world.yaml", "west: 0.5", "west: .inf", "finite"),
    ("world.yaml", "cost: 1", "cost: .nan", "finite"),
    ("world.yaml", "cost: 1", f"cost: -{HUGE}", "1,000,000,000"),
    ("cards.yaml", "autonomy: 5", "autonomy: .inf", "finite"),
    ("cards.yaml", "autonomy: 5", f"autonomy: {HUGE}", "1,000,000,000"),
    ("cards.yaml", "autonomy: 5", "autonomy: 1e999", "finite"),
    ("cards.yaml", "autonomy: 5", "autonomy: autonomy * 1e999", "finite"),
    ("cards.yaml", "autonomy: 5", f"autonomy: autonomy + {HUGE}", "1,000,000,000"),
    ("cards.yaml", "autonomy: 5", f"autonomy: autonomy + {ENORMOUS}", "longer than"),
    ("cards.yaml", "month: 1", "month: 2000000000", "month"),
    ("cards.yaml", "month: 1", f"month: {HUGE}", "1,000,000,000"),
    ("scenario.yaml", "income: 1", "income: 1e999", "finite"),
    ("scenario.yaml", "income: 1", "income: .nan", "finite"),
    ("scenario.yaml", "min_score: 110", "min_score: .inf", "finite"),
    ("scenario.yaml", "min_score: 110", f"min_score: {HUGE}", "1,000,000,000"),
    ("scenario.yaml", "turns: 3", f"turns: {HUGE}", "turns"),
    ("scenario.yaml", "max: 5", f"max: {HUGE}", "1,000,000,000"),
]


@pytest.mark.parametrize("file, old, new, words", LITERALS,
                         ids=[f"{f}:{n[:24]}" for f, _, n, _ in LITERALS])
def test_hostile_literal_numbers_are_refused_at_load(cli: Cli, make_pack: MakePack,
                                                     mini: dict[str, Any], file: str, old: str,
                                                     new: str, words: str) -> None:
    folder = _pack(make_pack, mini, file, old, new)
    line = _line_of(folder, file, new[:30])
    one_error(cli, folder, file, line, words)


def test_a_window_of_two_billion_turns_is_refused_before_anything_is_allocated(
        cli: Cli, make_pack: MakePack, mini: dict[str, Any]) -> None:
    import tracemalloc

    folder = _pack(make_pack, mini, "cards.yaml", "month: 1", "window: [1, 2000000000]")
    tracemalloc.start()
    try:
        one_error(cli, folder, "cards.yaml", _line_of(folder, "cards.yaml", "window:"), "window")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_an_expression_that_overflows_in_play_names_its_file_and_line(
        cli: Cli, make_pack: MakePack, mini: dict[str, Any]) -> None:
    # 40 nested products of a billion: finite at load (no constant is too big),
    # infinite in play.
    grow = "(" * 40 + "autonomy" + " * 1000000000)" * 40
    mini["cards.yaml"]["cards"][0]["options"] = [
        {"id": "a", "label": "A", "effects": [{"add": {"economy": grow}}]}]
    folder = make_pack(mini)
    code, out, err = cli("play", "--text", "--auto", "random", "--seed", "1", "--pack",
                         str(folder))
    assert code == 1, out + err
    assert "Traceback" not in out + err
    line = [ln for ln in err.splitlines() if ln.startswith("mini/cards.yaml:")]
    assert line and "error:" in line[0] and "not a finite number" in line[0], err


# ---------------------------------------------------- cards nobody can play


def test_a_card_nobody_can_afford_is_an_error(cli: Cli, make_pack: MakePack,
                                             mini: dict[str, Any]) -> None:
    for opt in mini["cards.yaml"]["cards"][0]["options"]:
        opt["cost"] = 99
    folder = make_pack(mini)
    one_error(cli, folder, "cards.yaml", _line_of(folder, "cards.yaml", "id: first"),
              "no option", "can ever be taken")


def test_a_card_with_no_possible_option_offers_to_set_it_aside(make_pack: MakePack,
                                                              mini: dict[str, Any]) -> None:
    # Nothing sets the flag, but the loader cannot prove that every state lacks it.
    for opt in mini["cards.yaml"]["cards"][0]["options"]:
        opt["requires"] = "flag.done"
    ruleset = load_packs([make_pack(mini)])
    st = Game(ruleset, seed=1).new_state()
    assert st.legal_actions() == [Action.skip()]
    offered = [c for c in st.choices() if c.legal]
    assert len(offered) == 1 and "set" in offered[0].label.lower()
    entries = st.apply(Action.skip())
    assert any("aside" in e.text for e in entries)
    for bot in ("random", "greedy", "history", "cautious", "mcts:20", "stance:east"):
        end = play_out(Game(ruleset, seed=2, explain=False).new_state(), make_bot(bot, 2))
        assert end.is_over, bot


# ------------------------------------------------ cards that deal themselves


def test_a_card_that_draws_itself_is_refused(cli: Cli, make_pack: MakePack,
                                            mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [{"draw": {"card": "first"}}]
    folder = make_pack(mini)
    one_error(cli, folder, "cards.yaml", _line_of(folder, "cards.yaml", "card: first"),
              "draws itself")


def test_cards_that_draw_each_other_in_a_loop_are_refused(cli: Cli, make_pack: MakePack,
                                                        mini: dict[str, Any]) -> None:
    cards = mini["cards.yaml"]["cards"]
    cards[0]["options"][0]["effects"] = [{"draw": {"card": "second"}}]
    cards.append({"id": "second", "title": "Second", "text": "t", "options": [
        {"id": "x", "label": "X", "effects": [{"draw": {"card": "first"}}]}]})
    folder = make_pack(mini)
    code, out, _ = cli("validate", str(folder))
    assert code == 1
    errors = [m for m in problems(out) if m["sev"] == "error"]
    assert len(errors) == 1 and "first -> second -> first" in errors[0]["msg"], out


def test_a_repeatable_card_that_keeps_dealing_stops_with_a_message(make_pack: MakePack,
                                                                   mini: dict[str, Any]) -> None:
    cards = mini["cards.yaml"]["cards"]
    cards.append({"id": "echo", "title": "Echo", "text": "t", "tags": ["echo"],
                  "when": {"window": [1, 3], "repeat": True},
                  "options": [{"id": "x", "label": "X",
                               "effects": [{"draw": {"tags": ["echo"]}}]}]})
    cards[0]["options"][0]["effects"] = [{"draw": {"tags": ["echo"]}}]
    mini["scenario.yaml"]["scenarios"][0]["draws"] = 0
    ruleset = load_packs([make_pack(mini)])
    st = Game(ruleset, seed=1).new_state()
    st = play_out(st, make_bot("random", 1), max_steps=500)
    assert st.is_over
    assert any("was not dealt" in e.text for e in st.log or [])
