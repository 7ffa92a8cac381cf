"""The loader's checks across items (rules/compile.py), message by message:
each test reads the exact ``file:line:col: error:`` lines a modder gets for a
mistake in an action, a rule, a card or a scenario, its presets, milestones,
difficulties, verdicts and endings. Written to kill the mutants mutation
testing found alive (see docs/testing.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.engine import Game
from asean_chair.engine.core import Action
from asean_chair.rules import RulesError, load_packs
from asean_chair.rules.ruleset import Ruleset

from .test_mutations import BASE_CARDS

MakePack = Callable[..., Path]

VALUE = "expected a value: a number, a name such as autonomy or rel.north, or '('"


def problems(make_pack: MakePack, mini: dict[str, Any], **files: str) -> list[str]:
    """Every problem of the mini pack with ``files`` (name without ``.yaml``) added or
    replaced."""
    for name, text in files.items():
        mini[f"{name}.yaml"] = text
    with pytest.raises(RulesError) as info:
        load_packs([make_pack(mini)])
    return [str(p) for p in info.value.problems]


ACTIONS = """\
actions:
  - id: summit
    name: Summit
    cost: "autonmy"
    requires: "autonomy >"
    window: [1, 9]
    effects: [{add: {ecnomy: 1}}]
    outcomes: [{chance: 0.5, effects: [{log: x}]}]
  - id: idle
    name: Idle
  - id: early
    name: Early
    window: [2, 1]
    effects: [{log: x}]
rules:
  - id: drift
    if: "  economy >> 1"
    window: [5, 6]
    effects: [{set_flag: dne}]
  - id: fine
    window: [1, 2]
    effects: [{log: x}]
"""


def test_mistakes_in_actions_and_rules_are_placed_and_named(make_pack: MakePack,
                                                            mini: dict[str, Any]) -> None:
    at = "mini/more.yaml:{}: error: "
    assert problems(make_pack, mini, more=ACTIONS) == [at.format(where) + m for where, m in [
        ("4:12", "action 'summit': unknown name 'autonmy'; did you mean 'autonomy'?"),
        ("5:26", f"action 'summit': not a valid expression: the expression ends after '>': "
                 f"{VALUE}"),
        ("6:13", "action 'summit': turn 9 does not exist: the calendar has 3 turns (1 to 3)"),
        ("7:22", "action 'summit': unknown target 'ecnomy'; did you mean 'economy'?"),
        ("8:15", "action 'summit': outcome chances add up to 0.5, not 1"),
        ("9:5", "action 'idle': the action has no effects"),
        ("13:13", "action 'early': the window [2, 1] ends before it starts"),
        # the column counts the spaces before the expression inside the quotes
        ("17:12", "rule 'drift': this operator is not allowed (use + - * / // %)"),
        ("18:13", "rule 'drift': turn 5 does not exist: the calendar has 3 turns (1 to 3)"),
        ("19:26", "rule 'drift': unknown flag 'dne'; did you mean 'done'? (declare it under "
                  "'flags:')"),
    ]]


CARDS = """\
cards:
  - id: first
    title: First
    text: t
    historical_option: bb
    when: {month: 2, if: " autonmy > 1", weight: "2 +"}
    options:
      - {id: a, label: A, cost: "1 +", requires: "x >", effects: [{log: x}]}
      - {id: a, label: B, outcomes: [{chance: 0.25, effects: [{log: x}]}]}
      - {id: b, label: B}
  - id: late
    title: Late
    text: t
    when: {month: 5}
    options: [{id: a, label: A, effects: [{log: x}]}]
  - id: never
    title: Never
    text: t
    when: {turn: 9}
    options: [{id: a, label: A, effects: [{log: x}]}]
  - id: backwards
    title: Backwards
    text: t
    when: {window: [2, 1]}
    options: [{id: a, label: A, effects: [{log: x}]}]
"""


def test_mistakes_in_cards_and_options_are_placed_and_named(make_pack: MakePack,
                                                            mini: dict[str, Any]) -> None:
    at = "mini/cards.yaml:{}: error: "
    assert problems(make_pack, mini, cards=CARDS) == [at.format(where) + m for where, m in [
        ("5:24", "card 'first': historical_option 'bb' is not one of its options; did you "
                 "mean 'b'?"),
        ("6:28", "card 'first': unknown name 'autonmy'; did you mean 'autonomy'?"),
        ("6:54", f"card 'first': not a valid expression: the expression ends after '+': {VALUE}"),
        ("8:37", f"card 'first' option 'a': not a valid expression: the expression ends after "
                 f"'+': {VALUE}"),
        ("8:54", f"card 'first' option 'a': not a valid expression: the expression ends after "
                 f"'>': {VALUE}"),
        ("9:14", "card 'first': two options have the id 'a'"),
        ("9:37", "card 'first' option 'a': outcome chances add up to 0.25, not 1"),
        ("10:9", "card 'first' option 'b': the option has no effects; every choice should "
                 "change something"),
        ("14:19", "card 'late': its turns lie outside every scenario and preset, so it never "
                  "comes"),
        ("19:18", "card 'never': turn 9 does not exist: the calendar has 3 turns (1 to 3)"),
        ("24:20", "card 'backwards': the window [2, 1] ends before it starts"),
    ]]


SCENARIO = """\
scenarios:
  - id: main
    name: Main
    turns: 3
    draws: "1 +"
    capital: {start: 2, income: "economy // 0 +", max: 5}
    endings:
      - {id: lost, title: Lost, text: t, if: "autonomy <= 0", defeat: true}
      - {id: lost, title: Done, text: t, tier: tpo}
      - {id: late, title: Late, text: t, if: "autnomy > 1"}
    score: "autonomy + ecnomy"
    tiers:
      - {id: top, name: Top, min_score: 110}
      - {id: low, name: Low, min_score: 200}
      - {id: top, name: Top2, min_score: 0}
    verdicts:
      - {id: v, if: "flag.dne", text: t}
      - {id: v, if: "autonomy > 1", text: t}
    difficulties:
      - {id: easy, name: Easy, start: {autonomy: 5, ecnomy: 2}}
      - {id: easy, name: Easy2}
    presets:
      - {id: short, name: Short, draws: "2 *", turns: 9}
      - id: short
        name: Short2
        first_turn: 7
        tiers:
          - {id: top, name: Top, min_score: 1}
          - {id: low, name: Low, min_score: 5}
          - {id: low, name: Low, min_score: 0}
    milestones:
      - {turn: 8, name: Summit}
      - {month: 2, name: Vote}
"""


def test_mistakes_in_a_scenario_are_placed_and_named(make_pack: MakePack,
                                                     mini: dict[str, Any]) -> None:
    at = "mini/scenario.yaml:{}: error: scenario 'main': "
    assert problems(make_pack, mini, scenario=SCENARIO) == [at.format(where) + m for where, m in [
        ("5:16", f"not a valid expression: the expression ends after '+': {VALUE}"),
        ("6:48", f"not a valid expression: the expression ends after '+': {VALUE}"),
        ("9:14", "two endings have the id 'lost'"),
        ("9:48", "ending 'lost' names unknown tier 'tpo'; did you mean 'top'?"),
        ("10:47", "ending 'late': unknown name 'autnomy'; did you mean 'autonomy'?"),
        ("11:24", "unknown name 'ecnomy'; did you mean 'economy'?"),
        ("14:41", "tiers must be listed best first (highest min_score first)"),
        ("15:14", "two tiers have the id 'top'"),
        ("17:22", "verdict: unknown name 'flag.dne'; did you mean 'flag.done'?"),
        ("18:14", "two verdicts have the id 'v'"),
        ("20:53", "difficulty 'easy': unknown target 'ecnomy'; did you mean 'economy'?"),
        ("21:14", "two difficulties have the id 'easy'"),
        ("23:45", f"preset 'short': not a valid expression: the expression ends after '*': "
                  f"{VALUE}"),
        ("23:55", "preset 'short': it plays 9 turns from turn 1, past the calendar's end "
                  "(turn 3)"),
        ("24:13", "two presets have the id 'short'"),
        ("26:21", "preset 'short': turn 7 does not exist: the calendar has 3 turns (1 to 3)"),
        ("29:45", "preset 'short': tiers must be listed best first"),
        ("30:18", "preset 'short': two tiers have the id 'low'"),
        ("32:16", "milestone 'Summit': turn 8 does not exist: the calendar has 3 turns (1 to 3)"),
    ]]


@pytest.mark.parametrize("old, new, where, message", [
    # no final ending: both remaining endings have an 'if' or are defeats
    ("      - {id: done, title: Done, text: t}\n", "", "7:7",
     "needs exactly one ending with neither 'if' nor 'defeat' (reached by finishing the last "
     "turn); found 0"),
    ("      - {id: done, title: Done, text: t}\n",
     "      - {id: done, title: Done, text: t}\n      - {id: end, title: End, text: t}\n", "7:7",
     "needs exactly one ending with neither 'if' nor 'defeat' (reached by finishing the last "
     "turn); found 2"),
    ("    presets: []\n",
     "    presets:\n      - id: p\n        name: P\n        tiers: [{id: top, name: T, "
     "min_score: 0}]\n", "15:16",
     "preset 'p': give the same tier ids as the scenario (top, low)"),
    ("    milestones: []\n", "    milestones: [{month: 2, name: Vote}, {turn: 0, name: Zero}]\n",
     "13:49", "milestone 'Zero': turn 0 does not exist: the calendar has 3 turns (1 to 3)"),
])
def test_a_scenarios_endings_presets_and_milestones_are_checked(
        make_pack: MakePack, mini: dict[str, Any], old: str, new: str, where: str,
        message: str) -> None:
    scenario = """\
scenarios:
  - id: main
    name: Main
    turns: 3
    score: "autonomy"
    endings:
      - {id: lost, title: Lost, text: t, if: "autonomy <= 0", defeat: true}
      - {id: done, title: Done, text: t}
    tiers:
      - {id: top, name: Top, min_score: 110}
      - {id: low, name: Low, min_score: 0}
    presets: []
    milestones: []
"""
    assert old in scenario
    found = problems(make_pack, mini, scenario=scenario.replace(old, new))
    assert found == [f"mini/scenario.yaml:{where}: error: scenario 'main': {message}"]


def _card(card_id: str, effects: str, extra: str = "") -> str:
    return (f"  - id: {card_id}\n    title: T\n    text: t\n{extra}"
            f"    options: [{{id: x, label: X, effects: [{effects}]}}]\n")


def test_cards_that_draw_each_other_are_refused_once_per_loop(make_pack: MakePack,
                                                              mini: dict[str, Any]) -> None:
    cards = ("cards:\n"
             + _card("a", "{draw: {card: b}}, {draw: {card: z}}", "    when: {month: 1}\n")
             + _card("b", "{draw: {card: c}}")
             + _card("c", "{draw: {card: a}}, {draw: {card: d}}")
             + _card("d", "{log: x}")
             + _card("z", "{draw: {card: z}}"))
    # the loop is named once, from its first card, at that card's draw
    assert problems(make_pack, mini, cards=cards) == [
        "mini/cards.yaml:6:57: error: cards draw each other in a loop: a -> b -> c -> a; "
        "break the loop",
        "mini/cards.yaml:22:57: error: card 'z' draws itself: it is being decided, so it "
        "cannot come again now; remove the draw"]


def test_the_shortest_loop_is_named(make_pack: MakePack, mini: dict[str, Any]) -> None:
    cards = ("cards:\n"
             + _card("a", "{draw: {card: b}}", "    when: {month: 1}\n")
             + _card("b", "{draw: {card: c}}, {draw: {card: a}}")
             + _card("c", "{draw: {card: b}}"))
    assert problems(make_pack, mini, cards=cards) == [
        "mini/cards.yaml:6:57: error: cards draw each other in a loop: a -> b -> a; "
        "break the loop",
        "mini/cards.yaml:10:57: error: cards draw each other in a loop: b -> c -> b; "
        "break the loop"]


def test_a_card_without_when_appears_if_something_brings_it(make_pack: MakePack,
                                                            mini: dict[str, Any]) -> None:
    cards = ("cards:\n"
             + _card("first", "{draw: {card: drawn}}, {draw: {tags: [storm]}}",
                     "    when: {month: 1}\n")
             + _card("drawn", "{log: x}")
             + _card("tagged", "{log: x}", "    tags: [storm]\n")
             + _card("more_tags", "{log: x}", "    tags: [sea, storm]\n")
             + _card("other_tag", "{log: x}", "    tags: [sea]\n")
             + _card("by_action", "{log: x}")
             + _card("by_chance", "{log: x}")
             + _card("by_rule", "{log: x}")
             + _card("by_outcome", "{log: x}")
             + _card("orphan", "{log: x}"))
    mini["more.yaml"] = """\
actions:
  - id: call
    name: Call
    effects: [{draw: {card: by_action}}]
    outcomes: [{chance: 1, effects: [{schedule: {card: by_chance, in: 1}}]}]
rules:
  - id: later
    effects: [{schedule: {card: by_rule, in: 1}}]
"""
    cards = cards.replace("{draw: {tags: [storm]}}]}",
                          "{draw: {tags: [storm]}}], "
                          "outcomes: [{chance: 1, effects: [{draw: {card: by_outcome}}]}]}", 1)
    mini["cards.yaml"] = cards
    rs = load_packs([make_pack(mini)])
    assert [str(w) for w in rs.warnings if "never appear" in str(w)] == [
        f"mini/cards.yaml:{line}:5: warning: card '{card}' has no 'when' and nothing schedules "
        "or draws it, so it can never appear" for line, card in ((21, "other_tag"),
                                                                 (42, "orphan"))]


# ------------------------------------------------ what an extending pack changes

REPLACED = "    title: T\n    text: t\n    options: [{id: a, label: A, effects: [{log: x}]}]\n"


def _mods(make_pack: MakePack, mini: dict[str, Any], *mods: tuple[str, str]) -> Any:
    """The ruleset of a chain of packs over the mini pack (with ``BASE_CARDS``),
    each mod extending the one before; its problems, when it does not load."""
    mini["cards.yaml"] = BASE_CARDS
    make_pack(mini)
    last, before = Path(), "mini"
    for name, text in mods:
        last = make_pack({"pack.yaml": {"id": name, "name": name, "version": "0.1.0",
                                        "format": 1, "extends": [before]},
                          "p.yaml": text}, name)
        before = name
    try:
        return load_packs([last])
    except RulesError as exc:
        return [str(p) for p in exc.problems]


@pytest.mark.parametrize("text, problem", [
    ("cards:\n  - id: first\n    title: X\n",
     "mod/p.yaml:2:9: error: card 'first' is already defined by pack 'mini' "
     "(mini/cards.yaml:2:9); to change it add 'replace: true', 'patch: {...}' or 'remove: true'"),
    ("cards:\n  - id: first\n    remove: false\n", "mod/p.yaml:3:13: error: write 'remove: true'"),
    ("cards:\n  - id: first\n    replace: no\n", "mod/p.yaml:3:14: error: write 'replace: true'"),
    ("cards:\n  - id: first\n    patch: 5\n",
     "mod/p.yaml:3:12: error: 'patch' must be a mapping of the fields to change"),
    ("cards:\n  - id: first\n    patch: {text: x}\n    title: T\n    tags: [a]\n",
     "mod/p.yaml:4:5: error: card 'first': with 'patch', put the changed fields inside 'patch:' "
     "(found 'title' beside it)"),
    ("cards:\n  - id: first\n    patch: {id: second}\n",
     "mod/p.yaml:3:17: error: a patch cannot change an item's id"),
    ("cards:\n  - id: fist\n    remove: true\n",
     "mod/p.yaml:3:5: error: card 'fist': cannot remove it, no earlier pack defines it; did you "
     "mean 'first'?"),
    ("cards:\n  - id: first\n    replace: true\n    titel: T\n    text: [t]\n"
     "    options: [{id: a, label: A, effects: [{log: x}]}]\n",
     "mod/p.yaml:4:5: error: card 'first': unknown field 'titel'; did you mean 'title'?\n"
     "mod/p.yaml:5:11: error: card 'first': text: expected text, got a list"),
    ("cards:\n  - id: first\n    replace: true\n    when: {month: 1}\n",
     "mod/p.yaml:2:5: error: card 'first': missing field 'title'\n"
     "mod/p.yaml:2:5: error: card 'first': missing field 'text'\n"
     "mod/p.yaml:2:5: error: card 'first': missing field 'options'"),
    # what a patch leaves of a list is placed where the patch wrote the list
    ("cards:\n  - id: first\n    patch:\n      options:\n        - {id: a, remove: true}\n"
     "        - {id: b, remove: true}\n",
     "mod/p.yaml:5:9: error: card 'first': options: List should have at least 1 item after "
     "validation, not 0"),
    ("cards:\n  - id: new\n" + REPLACED + "  - id: new\n    patch: {text: u}\n"
     "  - id: new\n    title: M\n",
     "mod/p.yaml:7:5: error: card 'new' is defined in this same pack; edit it there instead of "
     "using 'patch'\nmod/p.yaml:8:9: error: duplicate card id 'new' (first defined at "
     "mod/p.yaml:2:9)"),
    ("just text\n", "mod/p.yaml:1:1: error: a pack file must be a mapping of sections (tracks, "
                    "actors, flags, counters, cards, actions, rules, scenarios, glossary)"),
    ("cards:\n  - id: first\n    patch: {text: x}\n    remove: true\n",
     "mod/p.yaml:2:5: error: card 'first': use only one of replace, patch, remove (found patch, "
     "remove)"),
    # a section that is not a list does not hide the next one
    ("cards: {id: x}\nglossary:\n  - just text\n",
     "mod/p.yaml:1:8: error: 'cards' must be a list of items (each starting with '- id: ...')\n"
     "mod/p.yaml:3:5: error: each glossary entry must be a mapping with an id"),
    # a section the loader does not know does not hide the next one
    ("decks: []\nglossary:\n  - just text\n",
     "mod/p.yaml:1:1: error: unknown section 'decks' (sections: tracks, actors, flags, counters, "
     "cards, actions, rules, scenarios, glossary)\n"
     "mod/p.yaml:3:5: error: each glossary entry must be a mapping with an id"),
])
def test_a_mistaken_overlay_is_placed_and_named(make_pack: MakePack, mini: dict[str, Any],
                                                text: str, problem: str) -> None:
    assert _mods(make_pack, mini, ("mod", text)) == problem.split("\n")


def test_two_packs_changing_one_item_is_a_warning_naming_both(make_pack: MakePack,
                                                              mini: dict[str, Any]) -> None:
    rs = _mods(make_pack, mini, ("mod1", "cards:\n  - id: first\n    patch: {text: x}\n"),
               ("mod2", "cards:\n  - id: first\n    replace: true\n" + REPLACED))
    assert isinstance(rs, Ruleset), rs
    assert "mod2/p.yaml:3:5: warning: card 'first' is changed by two packs: 'mod1' (patch at " \
        "mod1/p.yaml:3:5) and 'mod2' (replace); the later pack wins" in map(str, rs.warnings)
    assert (rs.cards["first"].title, [o.id for o in rs.cards["first"].options]) == ("T", ["a"])


def test_a_patch_can_clear_a_field(make_pack: MakePack, mini: dict[str, Any]) -> None:
    """``when: null`` in a patch removes the card's 'when' (it is not a text cut at a
    comma, although the base's text comes just before it)."""
    rs = _mods(make_pack, mini, ("mod", "cards:\n  - id: first\n    patch:\n      when: null\n"))
    assert isinstance(rs, Ruleset), rs
    assert rs.cards["first"].when is None
    rs = _mods(make_pack, mini, ("mod", "cards:\n  - id: first\n    patch:\n      text: New\n"
                                        "      when: null\n"))
    assert isinstance(rs, Ruleset), rs
    assert (rs.cards["first"].text, rs.cards["first"].when) == ("New", None)


def test_a_turn_of_any_scenario_is_a_real_turn(make_pack: MakePack, mini: dict[str, Any]) -> None:
    """With two scenarios, a card or an action may name a turn only the longer one has;
    a turn neither has is explained with the first scenario's calendar."""
    long = {**mini["scenario.yaml"]["scenarios"][0], "id": "long", "turns": 12}
    mini["scenario.yaml"]["scenarios"].append(long)
    more = ("cards:\n" + _card("ninth", "{log: x}", "    when: {turn: 9}\n")
            + _card("late", "{log: x}", "    when: {window: [8, 9]}\n")
            + _card("never", "{log: x}", "    when: {turn: 20}\n")
            + _card("never2", "{log: x}", "    when: {window: [20, 21]}\n")
            + "actions:\n  - {id: late, name: Late, window: [8, 9], effects: [{log: x}]}\n"
            + "  - {id: never, name: Never, window: [20, 21], effects: [{log: x}]}\n")
    assert problems(make_pack, mini, more=more) == [
        "mini/more.yaml:15:18: error: card 'never': turn 20 does not exist: the calendar has 3 "
        "turns (1 to 3)",
        "mini/more.yaml:20:20: error: card 'never2': turn 20 does not exist: the calendar has 3 "
        "turns (1 to 3)",
        "mini/more.yaml:24:38: error: action 'never': turn 20 does not exist: the calendar has 3 "
        "turns (1 to 3)"]


WORLD = """\
tracks:
  - {id: autonomy, name: Autonomy, start: 50}
  - {id: economy, name: Economy, start: 50, baseline: 40}
  - {id: turn, name: Turn, start: 1}
actors:
  - {id: east, name: East, rivals: {wset: 0.5, west: 0.2}}
  - {id: west, name: West}
flags: [{id: done, name: Done}]
counters: [{id: votes, name: Votes}]
"""


def test_a_track_with_a_built_in_name_and_an_unknown_rival_are_named(
        make_pack: MakePack, mini: dict[str, Any]) -> None:
    assert problems(make_pack, mini, world=WORLD) == [
        "mini/world.yaml:4:10: error: 'turn' is a built-in name; choose another id for the track",
        "mini/world.yaml:6:37: error: actor 'east': unknown rival 'wset'; did you mean 'west'?"]


def test_an_expression_on_several_lines_is_placed_at_its_start(make_pack: MakePack,
                                                               mini: dict[str, Any]) -> None:
    cards = CARDS.split("  - id: late")[0].replace(
        '      - {id: a, label: A, cost: "1 +", requires: "x >", effects: [{log: x}]}\n'
        '      - {id: a, label: B, outcomes: [{chance: 0.25, effects: [{log: x}]}]}\n'
        '      - {id: b, label: B}\n',
        "      - id: a\n        label: A\n        requires: |\n          autonomy >\n"
        "        effects: [{log: x}]\n").replace(
        '    historical_option: bb\n    when: {month: 2, if: " autonmy > 1", weight: "2 +"}\n',
        "    when: {month: 1}\n")
    assert problems(make_pack, mini, cards=cards) == [
        f"mini/cards.yaml:9:19: error: card 'first' option 'a': not a valid expression: the "
        f"expression ends after '>': {VALUE}"]


def test_packs_with_no_scenario_are_refused_at_the_last_packs_file(
        make_pack: MakePack, mini: dict[str, Any]) -> None:
    del mini["scenario.yaml"]
    with pytest.raises(RulesError) as info:
        load_packs([make_pack(mini)])
    assert [str(p) for p in info.value.problems] == [
        "mini/pack.yaml:1:1: error: the packs define no scenario; add one under 'scenarios:'"]


@pytest.mark.parametrize("a, b, problem", [
    ("cost: 99", "requires: false",
     "card 'first': no option can ever be taken ('a' costs 99, more than the 5 capital a "
     "scenario allows; 'b' requires false); lower a cost or a requirement"),
    ("requires: 0", "cost: 6",          # a condition of 0 is false
     "card 'first': no option can ever be taken ('a' requires false; 'b' costs 6, more than "
     "the 5 capital a scenario allows); lower a cost or a requirement"),
    ("cost: 5", "requires: false", None),     # the most capital a scenario allows is enough
    ("cost: 99", "requires: true", None),
    ("cost: 99", "requires: autonomy > 200", None),   # only play can tell
])
def test_a_card_none_of_whose_options_can_be_taken_is_refused(
        make_pack: MakePack, mini: dict[str, Any], a: str, b: str, problem: str | None) -> None:
    cards = ("cards:\n  - id: first\n    title: First\n    text: t\n    when: {month: 1}\n"
             f"    options:\n      - {{id: a, label: A, {a}, effects: [{{log: x}}]}}\n"
             f"      - {{id: b, label: B, {b}, effects: [{{log: x}}]}}\n")
    mini["cards.yaml"] = cards
    if problem is None:
        load_packs([make_pack(mini)])
    else:
        assert problems(make_pack, mini) == [f"mini/cards.yaml:2:9: error: {problem}"]


def test_a_packs_fingerprint_follows_its_every_byte(make_pack: MakePack,
                                                    mini: dict[str, Any]) -> None:
    """A save names the exact packs it was played with by their fingerprints: the same
    files give the same one; any change to a file's bytes, to a file's name or to
    pack.yaml gives another."""
    def digest(files: dict[str, Any], name: str) -> str:
        return str(load_packs([make_pack(files, name)]).packs[0].digest)

    first = digest(mini, "a")
    assert len(first) == 64 and digest(mini, "b") == first
    changed = {**mini, "cards.yaml": {"cards": [{**mini["cards.yaml"]["cards"][0],
                                                 "text": "Another text."}]}}
    renamed = {**{k: v for k, v in mini.items() if k != "cards.yaml"},
               "deck.yaml": mini["cards.yaml"]}
    described = {**mini, "pack.yaml": {**mini["pack.yaml"], "description": "Mine."}}
    others = {digest(changed, "c"), digest(renamed, "d"), digest(described, "e")}
    assert len(others) == 3 and first not in others


def test_a_broken_file_does_not_hide_the_next_files_mistakes(make_pack: MakePack,
                                                            mini: dict[str, Any]) -> None:
    found = problems(make_pack, mini, a_broken="cards: [\n", b_text="just text\n",
                     c_more="glossary:\n  - just text\n  - {term: x}\n")
    assert [p.split(": error: ")[0] for p in found] == [
        "mini/a_broken.yaml:2:1", "mini/b_text.yaml:1:1", "mini/c_more.yaml:2:5",
        "mini/c_more.yaml:3:5"]
    assert found[1:] == [
        "mini/b_text.yaml:1:1: error: a pack file must be a mapping of sections (tracks, actors, "
        "flags, counters, cards, actions, rules, scenarios, glossary)",
        "mini/c_more.yaml:2:5: error: each glossary entry must be a mapping with an id",
        "mini/c_more.yaml:3:5: error: this glossary entry has no id; add 'id: ...'"]


@pytest.mark.parametrize("text, where", [
    ("# a list, after a comment\n- a\n- b\n", "2:1"),   # placed where the list starts
    ("\n\n  42\n", "1:1"),                               # a number has no place: the file's start
])
def test_a_file_that_is_not_a_mapping_is_placed(make_pack: MakePack, mini: dict[str, Any],
                                                text: str, where: str) -> None:
    assert problems(make_pack, mini, x=text) == [
        f"mini/x.yaml:{where}: error: a pack file must be a mapping of sections (tracks, actors, "
        "flags, counters, cards, actions, rules, scenarios, glossary)"]


def test_an_ending_that_is_not_a_mapping_is_one_clear_error(make_pack: MakePack,
                                                            mini: dict[str, Any]) -> None:
    scenario = SCENARIO.split("    score:")[0]
    for old, new in [("      - {id: lost, title: Done, text: t, tier: tpo}\n", "      - oops\n"),
                     ('    draws: "1 +"\n    capital: {start: 2, income: "economy // 0 +", '
                      'max: 5}\n', ""),
                     ('      - {id: late, title: Late, text: t, if: "autnomy > 1"}\n',
                      "      - {id: done, title: Done, text: t}\n")]:
        scenario = scenario.replace(old, new)
    mini["scenario.yaml"] = scenario + ("    score: autonomy\n"
                                        "    tiers: [{id: top, name: Top, min_score: 0}]\n")
    assert problems(make_pack, mini) == [
        "mini/scenario.yaml:7:9: error: scenario 'main' ending 2: expected a mapping, got 'oops'"]


def test_capital_is_a_target_effects_may_change(make_pack: MakePack,
                                               mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [{"add": {"capital": 2}}]
    st = Game(load_packs([make_pack(mini)]), seed=1).new_state()
    before = st.value("capital")
    st.apply(Action.choose("first", "a"))
    assert st.value("capital") == before + 2


def test_an_actions_requirement_holds_in_play(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["world.yaml"]["actions"].append({"id": "summit", "name": "Summit", "cost": 0,
                                          "requires": "autonomy > 100",
                                          "effects": [{"add": {"autonomy": 1}}]})
    st = Game(load_packs([make_pack(mini)]), seed=1).new_state()
    st.apply(Action.choose("first", "a"))
    assert [str(c.action) for c in st.choices() if c.legal] == ["act:speech", "end_turn"]


def test_chances_are_shown_to_six_places_and_equal_tiers_are_in_order(
        make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["scenario.yaml"]["scenarios"][0]["tiers"][1]["min_score"] = 110
    mini["cards.yaml"] = CARDS.split("  - id: late")[0].replace(
        '    historical_option: bb\n    when: {month: 2, if: " autonmy > 1", weight: "2 +"}\n',
        "    when: {month: 1}\n").replace(
        '      - {id: a, label: B, outcomes: [{chance: 0.25, effects: [{log: x}]}]}\n'
        '      - {id: b, label: B}\n',
        "      - {id: b, label: B, outcomes: [{chance: 0.1234567, effects: [{log: x}]}]}\n"
    ).replace('cost: "1 +", requires: "x >", ', "")
    assert problems(make_pack, mini) == [
        "mini/cards.yaml:8:37: error: card 'first' option 'b': outcome chances add up to "
        "0.123457, not 1"]
