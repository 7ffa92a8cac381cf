"""Tests that kill mutants mutation testing found alive (see docs/testing.md): each
asserts a behaviour a player or modder sees that no other test pinned down."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.engine import Game
from asean_chair.engine.core import Action
from asean_chair.expr import ExprError, NotFinite, compile_expr
from asean_chair.expr.syntax import explain
from asean_chair.rules import RulesError, load_packs, timing
from asean_chair.rules.calendar import Clock
from asean_chair.rules.effects import kind_of
from asean_chair.rules.models import Effect
from asean_chair.rules.ruleset import Ruleset
from asean_chair.rules.words import describe_effects

MakePack = Callable[..., Path]

# ------------------------------------------------ what a broken expression says

VALUE = "expected a value: a number, a name such as autonomy or rel.north, or '('"
OPERATOR = ("expected an operator (+ - * / // %), a comparison (< <= > >= == !=), "
            "'and' or 'or'")
QUOTES = "text in quotes has no place in an expression (only numbers and names)"
NO_MEANING = "has no meaning in an expression"


@pytest.mark.parametrize("text, col, message", [
    # quoted text; a long text is shown cut to its first 12 characters
    ('morale > "high"', 9, f"'\"high\"' at character 10: {QUOTES}"),
    ("morale > 'a very long text in quotes'", 9, f"''a very long' at character 10: {QUOTES}"),
    # brackets and commas
    ("max() + 1", 4, ("')' at character 5: a function needs its values inside the brackets, "
                     "e.g. max(1, capital)")),
    ("max(,1)", 4, f"',' at character 5: {VALUE} after '('"),
    ("max(1, )", 7, f"')' at character 8: {VALUE} after ','"),
    ("morale, 3", 6, ("',' at character 7: a comma only separates the values of a function "
                     "such as max(a, b)")),
    ("(morale, 3)", 7, ("',' at character 8: a comma only separates the values of a function "
                       "such as max(a, b)")),
    ("()", 1, f"')' at character 2: {VALUE} after '('"),
    (")", 0, f"')' at character 1: {VALUE}"),
    ("max(1, morale", 13, "the '(' at character 4 is never closed: expected ')'"),
    # operators the language does not have, each with what to write instead
    ("morale >>= 35", 7, "'>>=' at character 8 is not an operator; did you mean '>='?"),
    ("morale <<= 3", 7, "'<<=' at character 8 is not an operator; did you mean '<='?"),
    ("morale >> 3", 7, "'>>' at character 8 is not an operator; did you mean '>'?"),
    ("morale << 3", 7, "'<<' at character 8 is not an operator; did you mean '<'?"),
    ("morale => 3", 7, "'=>' at character 8 is not an operator; did you mean '>='?"),
    ("morale =< 3", 7, "'=<' at character 8 is not an operator; did you mean '<='?"),
    ("morale = 3", 7, "'=' at character 8 does not compare; write '==' (or '>=', '<=')"),
    ("morale && flag.x", 7, "'&&' at character 8 is not an operator; write 'and'"),
    ("morale & flag.x", 7, "'&' at character 8 is not an operator; write 'and'"),
    ("morale || flag.x", 7, "'||' at character 8 is not an operator; write 'or'"),
    ("morale | flag.x", 7, "'|' at character 8 is not an operator; write 'or'"),
    ("!flag.x", 0, "'!' at character 1 is not an operator; write 'not' (or '!=' to compare)"),
    ("morale ** 2", 7, "'**' at character 8 is not allowed (no powers); multiply instead"),
    # signs with no meaning at all
    ("morale ^ 2", 7, f"'^' at character 8 {NO_MEANING}"),
    ("~morale", 0, f"'~' at character 1 {NO_MEANING}"),
    ("morale[1]", 6, f"'[' at character 7 {NO_MEANING}"),
    ("{morale}", 0, f"'{{' at character 1 {NO_MEANING}"),
    ("morale: 1", 6, f"':' at character 7 {NO_MEANING}"),
    ("morale ; 1", 7, f"';' at character 8 {NO_MEANING}"),
    ("@morale", 0, f"'@' at character 1 {NO_MEANING}"),
    ("# morale", 0, f"'#' at character 1 {NO_MEANING}"),
    ("morale ?", 7, f"'?' at character 8 {NO_MEANING}"),
    ("$morale", 0, f"'$' at character 1 {NO_MEANING}"),
    ("`morale`", 0, f"'`' at character 1 {NO_MEANING}"),
    ("morale \\ 2", 7, f"'\\' at character 8 {NO_MEANING}"),
    ("morale \u20ac 3", 7, f"'\u20ac' at character 8 {NO_MEANING}"),
    # values and operators out of turn
    ("morale > > 3", 9, f"'>' at character 10: {VALUE} after '>'"),
    ("morale 3", 7, f"'3' at character 8: {OPERATOR} between 'morale' and '3'"),
    ("morale not 3", 7, (f"'not' at character 8: 'not' goes before a condition, "
                        f"e.g. 'not flag.x'; {OPERATOR}")),
    ("morale > 3 or", 13, f"the expression ends after 'or': {VALUE}"),
    # a call of an unknown function is the compiler's to refuse, not the reader's
    ("f(1) ?", 5, f"'?' at character 6 {NO_MEANING}"),
])
def test_the_reader_names_the_first_mistake_in_full(text: str, col: int, message: str) -> None:
    found = explain(text)
    assert found is not None
    assert (found.message, found.col) == (message, col)


@pytest.mark.parametrize("text", [
    "+morale", "- morale > +3", "a or b", "not not flag.x", "x2(1)", "f(1)",
    "max(1, min(a, b), 3) if a else -b",
])
def test_the_reader_finds_nothing_wrong_in_what_parses(text: str) -> None:
    assert explain(text) is None


def test_a_mistake_the_reader_explains_is_the_message_at_its_column() -> None:
    with pytest.raises(ExprError) as info:
        compile_expr("max(1, morale) 3", {"morale"})
    assert str(info.value) == info.value.message == (
        f"not a valid expression: '3' at character 16: {OPERATOR} between ')' and '3'")
    assert info.value.col == 15


def test_a_mistake_python_finds_first_is_still_placed() -> None:
    # `3 if a` breaks the grammar where the reader sees nothing wrong.
    with pytest.raises(ExprError) as info:
        compile_expr("3 if a", {"a"})
    assert str(info.value).startswith("not a valid expression at character ")
    assert info.value.col == 0


def test_an_expression_refused_by_the_compiler_points_at_its_part() -> None:
    with pytest.raises(ExprError) as info:
        compile_expr("a + max(morals, 1)", {"a", "morale"})
    assert (str(info.value), info.value.col) == ("unknown name 'morals'; did you mean 'morale'?", 8)


# ---------------------------------------------- what an overflowing result says

BILLIONS = " * 1000000000" * 36
ADVICE = "not a finite number of at most 1e+15 in size; keep products and divisions small"


@pytest.mark.parametrize("source, shown", [
    ("a * 1000000000 * 1000000000", "5e+19"),
    ("-a * 1000000000 * 1000000000 / 2", "-2.5e+19"),
    (f"a / 3{BILLIONS}", "infinite"),
    (f"a{BILLIONS} // 3", "infinite"),
    (f"(a / 3{BILLIONS}) - (a / 3{BILLIONS})", "not a number"),
    # a whole number too large for a float, divided: no Python error escapes
    (f"a{BILLIONS} / 3", "infinite"),
])
def test_an_overflowing_result_says_what_it_gave(source: str, shown: str) -> None:
    expr = compile_expr(source, {"a"}, where="cards.yaml:3:5")
    with pytest.raises(NotFinite) as info:
        expr({"a": 50})
    message = f"the expression '{source}' gave {shown}, {ADVICE}"
    assert (str(info.value), info.value.message) == (message, message)
    assert (info.value.source, info.value.where) == (source, "cards.yaml:3:5")


def test_a_result_at_the_limit_is_a_number() -> None:
    expr = compile_expr("a * 1000000000", {"a"})
    assert expr({"a": 1_000_000}) == 10**15
    assert expr({"a": -1_000_000}) == -(10**15)
    with pytest.raises(NotFinite):
        expr({"a": 1_000_001})


# ------------------------------------------ where a mistake is, once a pack patches

BASE_CARDS = """\
cards:
  - id: first
    title: First
    text: The first card.
    when: {month: 1}
    options:
      - id: a
        label: A
        effects: [{add: {autonomy: 5}}]
      - id: b
        label: B
        effects: [{add: {autonomy: -5}}]
"""
PATCH = "cards:\n  - id: first\n    patch:\n"


def _extended(make_pack: MakePack, mini: dict[str, Any], base_cards: str,
              patch: str) -> list[str] | Ruleset:
    """The problems of a mod patching the mini pack (whose cards are ``base_cards``),
    or its ruleset when it loads."""
    mini["cards.yaml"] = base_cards
    make_pack(mini)
    mod = make_pack({"pack.yaml": {"id": "mod", "name": "Mod", "version": "0.1.0",
                                   "format": 1, "extends": ["mini"]},
                     "p.yaml": PATCH + patch}, "mod")
    try:
        return load_packs([mod])
    except RulesError as exc:
        return [str(p) for p in exc.problems]


@pytest.mark.parametrize("base_change, patch, problem", [
    # what the base wrote is found in the base's file...
    (("        label: B\n", ""), "      options:\n        - {id: a, label: AA}\n",
     "mini/cards.yaml:10:9: error: card 'first' option 'b': missing field 'label'"),
    (("    title: First\n", "    title: [First]\n"), "      text: New\n",
     "mini/cards.yaml:3:12: error: card 'first': title: expected text, got a list"),
    (("    title: First\n", "    titel: First\n"), "      text: New\n",
     "mini/cards.yaml:3:5: error: card 'first': unknown field 'titel'; did you mean 'title'?"),
    # ...what the patch wrote, or left missing in what it changed, in the patch's
    (("", ""), "      options:\n        - id: c\n          effects: [{log: x}]\n",
     "mod/p.yaml:5:11: error: card 'first' option 'c': missing field 'label'"),
    (("        label: B\n", ""), "      options:\n        - {id: b, effects: [{log: x}]}\n",
     "mod/p.yaml:5:11: error: card 'first' option 'b': missing field 'label'"),
    (("    title: First\n", ""), "      text: New\n",
     "mod/p.yaml:4:7: error: card 'first': missing field 'title'"),
    (("", ""), "      titel: New\n",
     "mod/p.yaml:4:7: error: card 'first': unknown field 'titel'; did you mean 'title'?"),
    (("", ""), "      title: [1, 2]\n",
     "mod/p.yaml:4:14: error: card 'first': title: expected text, got a list"),
    (("    when:", "    tags: [x]\n    when:"), "      tags: [{id: y}]\n",
     "mod/p.yaml:4:14: error: card 'first': tags[1]: expected text, got a mapping"),
    (("", ""), "      options:\n        - {id: a, cost: 99}\n        - {id: b, cost: 99}\n",
     ("mini/cards.yaml:2:9: error: card 'first': no option can ever be taken ('a' costs 99, "
     "more than the 5 capital a scenario allows; 'b' costs 99, more than the 5 capital a "
     "scenario allows); lower a cost or a requirement")),
])
def test_a_mistake_in_a_patched_item_is_placed_where_it_was_written(
        make_pack: MakePack, mini: dict[str, Any], base_change: tuple[str, str], patch: str,
        problem: str) -> None:
    found = _extended(make_pack, mini, BASE_CARDS.replace(*base_change), patch)
    assert found == [problem]


@pytest.mark.parametrize("patch, options, tags", [
    ("      tags: [harbour]\n", ["a", "b"], ("harbour",)),           # a field the base lacks
    ("      options:\n        - {id: a, remove: true}\n", ["b"], ()),  # the first one removed
    ("      options:\n        - {id: zz, remove: true}\n", ["a", "b"], ()),  # nothing to remove
    (("      options:\n        - {id: c, label: C, effects: [{log: x}]}\n        - {id: a, "
     "label: AA}\n"), ["a", "b", "c"], ()),
])
def test_a_patch_changes_what_it_names_and_keeps_the_order(
        make_pack: MakePack, mini: dict[str, Any], patch: str, options: list[str],
        tags: tuple[str, ...]) -> None:
    rs = _extended(make_pack, mini, BASE_CARDS, patch)
    assert isinstance(rs, Ruleset), rs
    card = rs.cards["first"]
    assert [o.id for o in card.options] == options
    assert tuple(card.tags) == tags


@pytest.mark.parametrize("entry, problem", [
    ("just text", "each glossary entry must be a mapping with an id"),
    ("{term: x}", "this glossary entry has no id; add 'id: ...'"),
])
def test_an_item_is_named_by_its_kind_in_words(make_pack: MakePack, mini: dict[str, Any],
                                               entry: str, problem: str) -> None:
    mini["more.yaml"] = f"glossary:\n  - {entry}\n"
    with pytest.raises(RulesError) as info:
        load_packs([make_pack(mini)])
    assert [str(p) for p in info.value.problems] == [f"mini/more.yaml:2:5: error: {problem}"]


# ------------------------------------------------------------ effects in words


@pytest.fixture
def worded(make_pack: MakePack, mini: dict[str, Any]) -> Ruleset:
    """The mini pack with a hidden track, a rivalry of a quarter, a follow-up
    card and tags to draw by."""
    mini["world.yaml"]["tracks"].append({"id": "stamina", "name": "Stamina", "start": 5,
                                         "visible": False})
    mini["world.yaml"]["actors"][0]["rivals"] = {"west": 0.25}
    cards = mini["cards.yaml"]["cards"]
    cards.append({"id": "later", "title": "Later", "text": "A follow-up.",
                  "options": [{"id": "ok", "label": "OK", "effects": [{"add": {"economy": 1}}]}]})
    cards[0]["tags"] = ["storm", "sea"]
    cards[0]["options"][0]["effects"] = [
        {"modifier": {"id": "boom", "name": "Boom", "turns": 1, "text": "quiet"}},
        {"add": {"stamina": 1}}]
    return load_packs([make_pack(mini)])


M = "\u2212"


@pytest.mark.parametrize("effect, modder, player", [
    ({"add": {"rel.east": 4, "rel.west": 2}}, f"East +4, West +1 (rivalry {M}1)", None),
    ({"add": {"rel.east": "economy / 10"}},
     "East +(Economy / 10) (rivalry: West loses 25% of any gain)", None),
    ({"add": {"rel.east": "-economy"}}, f"East {M}(Economy)", None),
    ({"add": {"rel.east": 3, "rel.west": "economy"}}, f"East +3, West +(Economy) {M}1 (rivalry)",
     None),
    ({"add": {"rel.east": 3}, "spill": False}, "East +3", None),
    ({"add": {"rel.west": 3}}, "West +3", None),
    ({"add": {"rel.east": 2, "stamina": 3}}, f"East +2, Stamina +3, West {M}1 (rivalry)",
     f"East +2, West {M}1 (rivalry)"),
    ({"add": {"stamina": 3}}, "Stamina +3", ""),
    ({"set": {"economy": "autonomy / 2", "stamina": 1}},
     "Set Economy to Autonomy / 2, Set Stamina to 1", "Set Economy to Autonomy / 2"),
    ({"drift": {"autonomy": 2, "economy": 2}}, "Move 2 toward the usual level: Autonomy, Economy",
     None),
    ({"drift": {"autonomy": 1, "stamina": 2}},
     "Move toward the usual level: Autonomy 1, Stamina 2",
     "Move 1 toward the usual level: Autonomy"),
    ({"drift": {"stamina": 2}}, "Move 2 toward the usual level: Stamina", ""),
    ({"draw": {"tags": ["storm", "sea"], "count": 2}},
     "Draw 2 cards tagged 'storm' and 'sea' from the draw pile now", None),
    ({"draw": {"tags": ["storm"]}}, "Draw a card tagged 'storm' from the draw pile now", None),
    ({"draw": {"card": "later"}}, "Play card 'Later' next", None),
    ({"schedule": {"card": "later", "in": 1, "effects": [{"add": {"economy": 2}},
                                                         {"log": "hi"}]}},
     "Next turn, add card 'Later' to that turn, and: Economy +2", None),
    ({"schedule": {"card": "later", "in": 2}}, "In 2 turns, add card 'Later' to that turn", None),
    ({"schedule": {"in": 3, "effects": [{"log": "hi"}]}}, "In 3 turns: nothing changes", None),
    ({"schedule": {"in": 1, "effects": [{"add": {"economy": -2}}]}}, f"Next turn: Economy {M}2",
     None),
    ({"modifier": {"id": "b2", "name": "Boom", "turns": 3, "income": 2,
                   "each_turn": [{"add": {"economy": 1}}, {"set": {"autonomy": 3}}],
                   "scale": {"stamina": 2, "economy": 1.5}}},
     ("For 3 turns, 'Boom': capital income +2 a turn; at each upkeep Economy +1; Set Autonomy "
     "to 3; every change to Stamina counts \u00d72; every change to Economy counts \u00d71.5"),
     ("For 3 turns, 'Boom': capital income +2 a turn; at each upkeep Economy +1; Set Autonomy "
     "to 3; every change to Economy counts \u00d71.5")),
    ({"modifier": {"id": "b3", "name": "Calm", "turns": 1, "text": "All quiet."}},
     "For 1 turn, 'Calm': All quiet.", None),
    ({"modifier": {"id": "b4", "name": "Calm", "turns": 2}},
     "For 2 turns, 'Calm': in effect", None),
    ({"remove_modifier": "boom"}, "End 'Boom' now", None),
    ({"if": "economy > 3", "then": [{"log": "x"}]}, "If Economy > 3: nothing changes.", None),
    ({"if": "economy > 3", "then": [{"add": {"economy": 1}}], "else": [{"log": "x"}]},
     "If Economy > 3: Economy +1. Otherwise: nothing changes.", None),
    ({"if": "economy > 3", "then": [{"add": {"economy": 1}}, {"set_flag": "done"}],
      "else": [{"add": {"economy": -1}}, {"clear_flag": "done"}]},
     (f"If Economy > 3: Economy +1; Set the marker 'Done'. Otherwise: Economy {M}1; Clear the "
     "marker 'Done'."), None),
    ({"outcomes": [{"chance": 0.5, "effects": [{"add": {"economy": 3}}]},
                   {"chance": 0.5, "effects": [{"set": {"autonomy": 1}}]}]},
     "Roll a d6: 1\u20133 Economy +3; 4\u20136 Set Autonomy to 1", None),
    ({"log": "  Spaced.  "}, "Read out: \u201cSpaced.\u201d", None),
    ({"end_game": "done"}, "The game ends: 'Done'", None),
    ({"end_game": "lost"}, "The game ends: 'Lost' (a defeat)", None),
])
def test_each_effect_reads_as_written(worded: Ruleset, effect: dict[str, Any], modder: str,
                                      player: str | None) -> None:
    """What a modder reads in the deck's master sheet, and what players read
    (hidden tracks left out; ``None``: the same words)."""
    e = Effect.model_validate(effect)
    assert describe_effects([e], worded) == [modder]
    seen = modder if player is None else player
    assert describe_effects([e], worded, players=True) == ([seen] if seen else [])


@pytest.mark.parametrize("effect, moves", [
    ({"add": {"rel.east": 4, "economy": "autonomy"}}, [("rel.east", 4), ("economy", "autonomy")]),
    ({"set": {"economy": 3, "autonomy": 1}}, [("economy", "set"), ("autonomy", "set")]),
    ({"outcomes": [{"chance": 0.5, "effects": [{"add": {"economy": 3}}, {"set_flag": "done"}]},
                   {"chance": 0.5, "effects": [{"set": {"autonomy": 1}}]}]},
     [("economy", "?"), ("autonomy", "?")]),
    ({"log": "x"}, []),
    ({"if": "economy > 1", "then": [{"add": {"economy": 1}}]}, []),
])
def test_what_an_effect_moves_at_once(effect: dict[str, Any],
                                      moves: list[tuple[str, Any]]) -> None:
    """The values an option's hint highlights: what moves now, ``?`` when chance decides."""
    e = Effect.model_validate(effect)
    assert list(kind_of(e).moves(e)) == moves


# ------------------------------------------------- every change logged with its cause


def test_every_change_an_option_makes_is_logged_under_that_option(
        make_pack: MakePack, mini: dict[str, Any]) -> None:
    """The log feeds "why did this move?" in the debrief: each effect kind
    records its changes under the option chosen, and a delayed effect under
    the option, "(later)"."""
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [
        {"set_flag": "done"}, {"clear_flag": "done"}, {"log": "Noted."},
        {"add": {"autonomy": 2}}, {"set": {"economy": 45}}, {"drift": {"economy": 1}},
        {"if": "autonomy > 0", "then": [{"add": {"rel.west": 1}}],
         "else": [{"add": {"rel.west": -1}}]},
        {"if": "autonomy < 0", "then": [{"add": {"rel.west": 5}}],
         "else": [{"add": {"rel.east": 2}}]},
        {"outcomes": [{"chance": 1, "text": "It works.",
                       "effects": [{"add": {"counter.votes": 1}}]}]},
        {"modifier": {"id": "boom", "name": "Boom", "turns": 2, "income": 1}},
        {"schedule": {"in": 1, "effects": [{"add": {"autonomy": 3}}]}},
        {"draw": {"card": "next"}},
    ]
    mini["cards.yaml"]["cards"].append(
        {"id": "next", "title": "Next", "text": "t",
         "options": [{"id": "x", "label": "X", "effects": [{"remove_modifier": "boom"}]}]})
    st = Game(load_packs([make_pack(mini)]), seed=1).new_state()
    st.apply(Action.choose("first", "a"))
    chose = next(i for i, e in enumerate(st.log) if e.text == "You chose: A")
    made = [(e.cause.label, e.cause.where, e.target, e.before, e.after, e.text)
            for e in st.log[chose + 1:]]
    option = ("First: A", "mini/cards.yaml:8")
    assert made == [
        (*option, "flag.done", 0, 1, ""), (*option, "flag.done", 1, 0, ""),
        (*option, None, 0, 0, "Noted."),
        (*option, "autonomy", 50, 52, ""), (*option, "economy", 50, 45, ""),
        (*option, "economy", 45, 44, ""), (*option, "rel.west", 0, 1, ""),
        (*option, "rel.east", 0, 2, ""),
        ("rivalry: warmer ties with East", "mini/world.yaml:15", "rel.west", 1, 0, ""),
        (*option, None, 0, 0, "It works."), (*option, "counter.votes", 0, 1, ""),
        (*option, None, 0, 0, "Boom for 2 turns."),
    ]
    assert st.pending.card == "next"
    st.apply(Action.choose("next", "x"))
    assert [(e.cause.label, e.text) for e in st.log[-2:]] == [
        ("Next: X", "You chose: X"), ("Next: X", "Boom has ended.")]
    while st.turn == 1:
        st.apply(Action.end_turn())
    later = st.log[-1]
    assert (later.cause.kind, later.cause.id, later.cause.label, later.cause.where) == \
        ("schedule", "first/a", "First: A (later)", "mini/cards.yaml:8")
    assert (later.target, later.before, later.after) == ("autonomy", 52, 55)


# ------------------------------------------- a wrong name in an effect, at its place

EFFECT_CARD = """\
cards:
  - id: port
    title: The port
    text: A navy asks.
    tags: [sea]
    when: {month: 1}
    options:
      - id: open
        label: Open
        effects: [{add: {autonomy: 1}}]
      - id: refuse
        label: Refuse
        effects: [EFFECT]
"""
AT = "mini/cards.yaml:13:{}: error: card 'port' option 'refuse': "
FLAG = "unknown flag 'dne'; did you mean 'done'? (declare it under 'flags:')"
ECONOMY = "unknown target 'ecnomy'; did you mean 'economy'?"


@pytest.mark.parametrize("effect, problems", [
    ("{draw: {card: prot}}", [(33, "draw names unknown card 'prot'; did you mean 'port'?")]),
    ("{schedule: {card: prot, in: 1}}",
     [(37, "schedule names unknown card 'prot'; did you mean 'port'?")]),
    ("{end_game: lsot}", [(30, "unknown ending 'lsot'; did you mean 'lost'?")]),
    ("{remove_modifier: bom}", [(37, "unknown modifier 'bom'")]),
    ("{set_flag: dne}", [(30, FLAG)]),
    ("{clear_flag: dne}", [(32, FLAG)]),
    ("{if: 'autonmy > 1', then: [{log: x}]}",
     [(25, "unknown name 'autonmy'; did you mean 'autonomy'?")]),
    ("{if: 'autonomy > 1', then: [{set_flag: dne}], else: [{add: {ecnomy: 1}}]}",
     [(58, FLAG), (79, ECONOMY)]),
    (("{outcomes: [{chance: 0.5, effects: [{log: x}]}, "
     "{chance: 0.2, effects: [{drift: {ecnomy: 1}}]}]}"),
     [(30, "outcome chances add up to 0.7, not 1"), (100, ECONOMY)]),
    (("{modifier: {id: m, name: M, turns: 2, scale: {ecnomy: 2}, "
     "each_turn: [{set: {ecnomy: 1}}]}}"), [(65, ECONOMY), (96, ECONOMY)]),
    ("{schedule: {in: 1, effects: [{set_flag: dne}]}}", [(59, FLAG)]),
])
def test_a_wrong_name_in_an_effect_is_placed_and_named(
        make_pack: MakePack, mini: dict[str, Any], effect: str,
        problems: list[tuple[int, str]]) -> None:
    mini["cards.yaml"] = EFFECT_CARD.replace("EFFECT", effect)
    with pytest.raises(RulesError) as info:
        load_packs([make_pack(mini)])
    assert [str(p) for p in info.value.problems] == \
        [AT.format(col) + message for col, message in problems]


def test_a_draw_by_tags_no_card_has_is_a_warning_at_the_tags(
        make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = EFFECT_CARD.replace("EFFECT", "{draw: {tags: [air]}}")
    rs = load_packs([make_pack(mini)])
    assert ("mini/cards.yaml:13:33: warning: card 'port' option 'refuse': no card has all the "
            "tags ['air'], so this draw finds nothing") in [str(w) for w in rs.warnings]
    mini["cards.yaml"] = EFFECT_CARD.replace("EFFECT", "{draw: {tags: [sea]}}")
    assert not any("draw finds nothing" in str(w) for w in load_packs([make_pack(mini)]).warnings)


# ------------------------------------------------------------- naming turns


def test_a_turn_that_is_not_there_is_explained_with_the_calendars_names() -> None:
    weeks = Clock(turns=16, unit="week", units="weeks")
    assert timing.explain_unknown("W17", weeks) == \
        "no turn is called 'W17' (turns: W1, W2, W3, W4, W5, \u2026 W16)"
    assert timing.explain_unknown(17, weeks) == \
        "turn 17 does not exist: the calendar has 16 weeks (1 to 16)"
    assert timing.explain_unknown("X", Clock(turns=6, unit="week", units="weeks")) == \
        "no turn is called 'X' (turns: W1, W2, W3, W4, W5, W6)"
    months = Clock(turns=14, unit="month", units="months", kind="months", start_month=11,
                   year=2022)
    found = timing.refs([0, "Dec", "W2", 14], months)
    assert found == timing.Turns(frozenset({2, 14}), (
        "turn 0 does not exist: the calendar has 14 months (1 to 14)",
        "no turn is called 'W2' (turns: Nov, Dec, Jan, Feb, Mar, \u2026 Dec)"))
    assert timing.months([0, 13, 2], months) == timing.Turns(frozenset({4}), (
        "month 0 does not exist (months are 1-12)", "month 13 does not exist (months are 1-12)"))


def test_a_list_calendar_names_its_turns_and_numbers_the_rest() -> None:
    clock = Clock(turns=3, kind="list", names=(("Early spring", "Spr"), ("Summer", "")))
    assert [clock.name(t) for t in (1, 2, 3)] == ["Early spring", "Summer", "Turn 3"]
    assert [clock.short(t) for t in (1, 2, 3)] == ["Spr", "Summer", "T3"]
    assert (clock.resolve("summer"), clock.resolve("Turn 3"), clock.resolve("T3")) == (2, 3, 3)


def test_the_turns_of_a_month_roll_over_the_year() -> None:
    clock = Clock(turns=14, unit="month", units="months", kind="months", start_month=11,
                  year=2022)
    assert [clock.turns_in_month(m) for m in (11, 12, 1, 10)] == [[1, 13], [2, 14], [3], [12]]
    assert Clock(turns=16).turns_in_month(1) == []


# ------------------------------------------------ what the words promise, play does


@pytest.mark.parametrize("factor, gain, west", [
    (0.5, 3, -2), (0.5, 1, -1), (0.5, 5, -3),          # halves round away from zero
    (-0.5, 3, 2), (-0.5, 1, 1), (-0.5, 5, 3),          # a negative factor: the rival gains
    (-0.25, 3, 1), (-0.25, 1, 0), (-0.25, 5, 1),
])
def test_the_rivalry_a_card_describes_is_what_play_does(
        make_pack: MakePack, mini: dict[str, Any], factor: float, gain: int, west: int) -> None:
    mini["world.yaml"]["actors"][0]["rivals"] = {"west": factor}
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [{"add": {"rel.east": gain}}]
    rs = load_packs([make_pack(mini)])
    st = Game(rs, seed=1).new_state()
    st.apply(Action.choose("first", "a"))
    assert st.value("rel.west") == west
    shown = f"{'+' if west > 0 else M}{abs(west)}"
    assert describe_effects(rs.cards["first"].options[0].effects, rs) == \
        [f"East +{gain}" + (f", West {shown} (rivalry)" if west else "")]


def test_a_one_sided_drift_moves_only_that_way(make_pack: MakePack,
                                               mini: dict[str, Any]) -> None:
    # economy starts at 50 above its baseline 40; autonomy at 50 below a baseline of 60
    mini["world.yaml"]["tracks"][0]["baseline"] = 60
    options = mini["cards.yaml"]["cards"][0]["options"]
    options[0]["effects"] = [{"drift": {"economy": 5, "autonomy": 5}, "direction": "up"}]
    options[1]["effects"] = [{"drift": {"economy": 5, "autonomy": 5}, "direction": "down"}]
    rs = load_packs([make_pack(mini)])
    moved = {}
    for option in ("a", "b"):
        st = Game(rs, seed=1).new_state()
        st.apply(Action.choose("first", option))
        moved[option] = (st.value("economy"), st.value("autonomy"))
    assert moved == {"a": (50, 55), "b": (45, 50)}


# ------------------------------------------------------- what the engine offers


@pytest.mark.parametrize("text", ["end_turn", "skip", "inject:later", "act:speech",
                                  "choose:first/a"])
def test_an_action_reads_back_from_its_save_form(text: str) -> None:
    assert str(Action.parse(text)) == text


@pytest.mark.parametrize("text", ["skip:x", "end_turn:1", "choose:first", "choose:/a", "act:",
                                  "inject:", "pass"])
def test_a_malformed_action_in_a_save_is_named(text: str) -> None:
    with pytest.raises(ValueError) as info:
        Action.parse(text)
    assert str(info.value) == f"not an action: {text!r}"


def test_actions_are_offered_with_why_not_and_logged_under_their_name(
        make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["world.yaml"]["actions"].append({"id": "summit", "name": "Summit", "cost": 9,
                                          "effects": [{"add": {"autonomy": 1}}]})
    st = Game(load_packs([make_pack(mini)]), seed=1).new_state()
    st.apply(Action.choose("first", "a"))
    offered = [(str(c.action), c.label, c.cost, c.legal, c.why_not) for c in st.choices()]
    assert offered == [("act:speech", "Speech", 1, True, None),
                       ("act:summit", "Summit", 9, False, "costs 9 points; you have 3"),
                       ("end_turn", "End the turn", 0, True, None)]
    st.apply(Action.act("speech"))
    st.apply(Action.end_turn())
    assert [(e.turn, e.month, e.cause.kind, e.cause.label, e.target, e.text)
            for e in st.log if e.cause.kind in ("option", "action", "turn")] == [
        (1, 1, "turn", "New turn", None, "Turn 1 begins."),
        (1, 1, "option", "First: A", None, "You chose: A"),
        (1, 1, "option", "First: A", "autonomy", ""),
        (1, 1, "action", "Speech", "capital", ""),
        (1, 1, "action", "Speech", None, "Action: Speech"),
        (1, 1, "action", "Speech", "autonomy", ""),
        (2, 2, "turn", "New turn", None, "Turn 2 begins."),
    ]
    while not st.is_over:
        st.apply(st.legal_actions()[0])
    assert (st.phase, st.pending.kind) == ("over", "over")


@pytest.mark.parametrize("text, col, message", [
    ("abs(a, a)", 0, "abs() takes 1 argument"),
    ("a + round()", 4, "round() takes 1 argument"),
    ("max(a)", 0, "max() takes 2 to 8 arguments"),
    ("min(a, a, a, a, a, a, a, a, a)", 0, "min() takes 2 to 8 arguments"),
    ("max(a, key=a)", 0, "max() takes no keyword arguments"),
    ("mx(a, 1)", 0, ("function 'mx' is not allowed (allowed: min, max, abs, round, floor, ceil); "
                    "did you mean 'max'?")),
    ("a + sum(a)", 4, ("function 'sum' is not allowed (allowed: min, max, abs, round, floor, "
                      "ceil)")),
    ("a.b(1)", 0, ("this call is not allowed; only the functions min, max, abs, round, floor, "
                  "ceil may be called")),
])
def test_a_call_the_language_refuses_says_what_it_allows(text: str, col: int,
                                                         message: str) -> None:
    with pytest.raises(ExprError) as info:
        compile_expr(text, {"a"})
    assert (str(info.value), info.value.col) == (message, col)


@pytest.mark.parametrize("text, value", [
    ("abs(a)", 3), ("abs(a - 10)", 7), ("round(a / 2)", 2), ("round(-a / 2)", -1),
    ("floor(a / 2)", 1), ("ceil(a / 2)", 2), ("max(a, 1)", 3), ("min(a, 10, 2)", 2),
    ("max(a - 10, -a, 1 - a)", -2),
])
def test_functions_give_what_their_names_say(text: str, value: float) -> None:
    assert compile_expr(text, {"a"})({"a": 3}) == value


@pytest.mark.parametrize("effect, line", [
    ({"add": {"autonomy": -1, "rel.east": 4}}, f"Autonomy {M}1, East +4, West {M}2 (rivalry)"),
    ({"add": {"rel.west": "economy"}}, "West +(Economy)"),
    ({"add": {"rel.north": "economy"}},
     "North +(Economy) (rivalry: East loses 33.3% of any gain, West loses 50% of any gain)"),
    # what two gains cost the same rival adds up
    ({"add": {"rel.north": 6, "rel.east": 4}},
     f"North +6, East +2 (rivalry {M}2), West {M}5 (rivalry)"),
    ({"schedule": {"in": 2, "effects": [{"add": {"economy": 1}}, {"set_flag": "done"}]}},
     "In 2 turns: Economy +1; Set the marker 'Done'"),
])
def test_rivalries_of_several_actors_in_words(make_pack: MakePack, mini: dict[str, Any],
                                              effect: dict[str, Any], line: str) -> None:
    mini["world.yaml"]["actors"].append({"id": "north", "name": "North", "relation": {"start": 0},
                                         "rivals": {"east": 1 / 3, "west": 0.5}})
    rs = load_packs([make_pack(mini)])
    assert describe_effects([Effect.model_validate(effect)], rs) == [line]


def test_a_card_drawn_only_inside_an_outcome_can_appear(make_pack: MakePack,
                                                       mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [
        {"outcomes": [{"chance": 1, "effects": [{"draw": {"card": "rare"}}]}]}]
    mini["cards.yaml"]["cards"].append(
        {"id": "rare", "title": "Rare", "text": "t",
         "options": [{"id": "x", "label": "X", "effects": [{"log": "x"}]}]})
    warnings = [str(w) for w in load_packs([make_pack(mini)]).warnings]
    assert not any("can never appear" in w for w in warnings), warnings


def test_amounts_that_are_expressions_are_read_in_play(make_pack: MakePack,
                                                       mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [
        {"set": {"economy": "autonomy / 2"}}, {"drift": {"autonomy": "economy / 5"}}]
    mini["world.yaml"]["tracks"][0]["baseline"] = 40
    st = Game(load_packs([make_pack(mini)]), seed=1).new_state()
    st.apply(Action.choose("first", "a"))
    # economy is set to half of autonomy; autonomy drifts a fifth of that toward 40
    assert (st.value("economy"), st.value("autonomy")) == (25, 45)


# ------------------------------------------------ the language's limits, exactly


@pytest.mark.parametrize("text, message, col", [
    # a call python's grammar refuses, where the reader sees nothing wrong: placed by python
    ("1 + (3 if a)", "not a valid expression at character 6: expected 'else' after 'if' "
                     "expression", 5),
    # a call the language refuses, inside a longer expression: placed at the call
    ("a + a.b(1)", "this call is not allowed; only the functions min, max, abs, round, floor, "
                   "ceil may be called", 4),
    ("a + max(a, key=a)", "max() takes no keyword arguments", 4),
    # what has no place of its own is placed at the start
    ("   ", "empty expression", 0),
    ("a" + " " * 1996 + " + 1 ", "expression is longer than 2000 characters", 0),
    # each call nests two levels deep; 40 levels are allowed
    ("abs(" * 21 + "a" + ")" * 21, "expression is nested too deeply", 84),
])
def test_a_refused_expression_is_named_at_its_column(text: str, message: str, col: int) -> None:
    with pytest.raises(ExprError) as info:
        compile_expr(text, {"a"})
    assert (info.value.message, info.value.col) == (message, col)


@pytest.mark.parametrize("text", [
    "a" + " " * 1995 + " + 1",          # 2000 characters: the longest allowed
    "abs(" * 20 + "a" + ")" * 20,       # 40 levels deep
])
def test_an_expression_at_the_limits_compiles(text: str) -> None:
    assert compile_expr(text, {"a"})({"a": -2}) in (-1, 2)


VALUES = {"a": 7, "b": -3, "c": 0, "d": 12}


@pytest.mark.parametrize("text, value", [
    # a division by zero gives 0, whatever the shapes around it
    ("a / c", 0), ("a // c", 0), ("a % c", 0), ("a / 0", 0), ("a // 0", 0), ("a % 0", 0),
    ("(a + 1) / c", 0), ("(a + 1) % c", 0), ("2 / c", 0),
    ("a / 2", 3.5), ("a // 2", 3), ("a % 4", 3), ("d / b", -4), ("d // -5", -3), ("a % b", -2),
    ("12 / 4", 3), ("(a + 1) // 2", 4), ("2 * 3 + 1", 7), ("2 - a", -5), ("a - 2", 5),
    ("b * c", 0), ("2 * b", -6),
    # choices, chains of comparisons, and/or of several terms
    ("1 if a > 5 else 2", 1), ("1 if c else 2", 2), ("a if c else b", -3), ("a if b else d", 7),
    ("b < c < a", True), ("b < a < c", False), ("a > c > b > -10", True), ("c == 0 != a", True),
    ("a and b and c", False), ("a and b and d", True), ("c or c or a", True),
    ("c or c or c", False), ("a and b", True), ("c or a", True), ("c and a", False),
    ("c or c", False), ("true and a", True), ("true", 1), ("false", 0),
    # signs
    ("not c", True), ("not a", False), ("not (a + b)", False), ("-a", -7), ("-(a + b)", -4),
    ("+a", 7), ("-5", -5), ("- -a", 7),
    # functions: rounding halves up, on names, constants and results alike
    ("round(2.5)", 3), ("round(-2.5)", -2), ("round(b / 2)", -1), ("floor(b / 2)", -2),
    ("ceil(b / 2)", -1), ("abs(b)", 3), ("abs(a + b)", 4), ("max(a, b, d)", 12),
    ("min(a, b, d, c)", -3), ("max(b, c)", 0), ("min(2, a)", 2), ("max(a + 1, 2)", 8),
    ("max(2, a + 1)", 8), ("min(a + 1, b + 1)", -2), ("min(b, a)", -3),
    # comparisons of every shape
    ("2 < a", True), ("a + 1 > 2", True), ("2 < a + 1", True), ("a + 1 < b + 10", False),
    ("a == 7", True), ("a != b", True),
    # every pair of shapes (a name, a number, a part computed) for each operator
    ("(a + 1) != 3", True), ("(a + 1) % 3", 2), ("(a + 1) % 0", 0), ("3 != a + 1", True),
    ("3 % (a + 1)", 3), ("a % (b + 1)", -1), ("(a + 1) // (b + 1)", -4), ("3 == a", False),
    ("3 != a", True), ("a == b", False), ("a / b", -7 / 3), ("3 / a", 3 / 7),
    ("a / (b + 1)", -3.5), ("3 // a", 0), ("3 % a", 3), ("(a + 1) == 8", True),
    ("a * (b + 1)", -14), ("(a + 1) - 2", 6), ("2 - (a + 1)", -6), ("2 < a + 1 < 9", True),
])
def test_an_expression_gives_what_it_says(text: str, value: float) -> None:
    assert compile_expr(text, set(VALUES))(VALUES) == value


@pytest.mark.parametrize("source, shown, value, constant", [
    (5, "5", 5, True), (2.5, "2.5", 2.5, True), (True, "true", 1, True), (False, "false", 0, True),
    ("-5", "-5", -5, True), (" 3 ", "3", 3, True), ("2 * 3", "2 * 3", 6, False),
    ("a", "a", 7, False), ("true", "true", 1, False),
])
def test_a_number_is_a_constant_expression(source: Any, shown: str, value: float,
                                           constant: bool) -> None:
    """What the loader reads as a plain number (a cost it can compare with the capital)."""
    expr = compile_expr(source, {"a"})
    assert (expr.source, expr({"a": 7}), expr.constant) == (shown, value, constant)


@pytest.mark.parametrize("source, message", [
    (1e10, "10000000000.0 is not a finite number of at most 1,000,000,000"),
    (-1_000_000_001, "-1000000001 is not a finite number of at most 1,000,000,000"),
    (float("nan"), "nan is not a finite number of at most 1,000,000,000"),
    (None, "expected an expression or a number"),
    ("1000000001", "1,000,000,001 is too large: numbers in an expression are at most "
                   "1,000,000,000"),
    ("a - 1e40", "a number of 41 digits is too large: numbers in an expression are at most "
                 "1,000,000,000"),
    ("1e999", "inf is not a finite number"),
    ("None", "only numbers are allowed here, not None"),
])
def test_a_number_out_of_bounds_is_refused(source: Any, message: str) -> None:
    with pytest.raises(ExprError) as info:
        compile_expr(source, {"a"})
    assert info.value.message == message


@pytest.mark.parametrize("text, message, col", [
    ("a + (lambda: 1)", "lambda is not allowed in an expression", 5),
    ("a + [a]", "a list is not allowed in an expression", 4),
    ("a + (a, 1)", "a tuple is not allowed in an expression", 4),
    ("a + {a: 1}", "a dict is not allowed in an expression", 4),
    ("a + {a}", "a set is not allowed in an expression", 4),
    ("a + f'{a}'", "an f-string is not allowed in an expression", 4),
    ("a + (b := 1)", "the := operator is not allowed in an expression", 5),
    ("a + [a for a in a]", "a comprehension is not allowed in an expression", 4),
    ("a + {a for a in a}", "a comprehension is not allowed in an expression", 4),
    ("a + {a: a for a in a}", "a comprehension is not allowed in an expression", 4),
    ("a + (a for a in a)", "a generator is not allowed in an expression", 4),
    ("a + a[1]", "indexing ([...]) is not allowed in an expression", 4),
    ("a + (yield)", "Yield is not allowed in an expression", 5),
    ("a + max(a, 1).b", "this attribute is not allowed; only names such as autonomy or "
                        "rel.north may have a dot", 4),
    ("a + a.__x", "'a.__x' is not allowed (no double underscores)", 4),
    ("a + rel.esat", "unknown name 'rel.esat'; did you mean 'rel.east'?", 4),
    ("a + zzz", "unknown name 'zzz'", 4),
    ("a + b.c.d", "unknown name 'b.c.d'", 4),
    ("1 + a ** 2", "this operator is not allowed (use + - * / // %)", 4),
    ("1 + ~a", "this operator is not allowed", 4),
    ("1 + (a is a)", "only < <= > >= == != comparisons are allowed", 5),
    ("a + ...", "only numbers are allowed here, not Ellipsis", 4),
    ("a if 'x' else 1", "only numbers are allowed here, not 'x'", 5),
])
def test_what_the_language_does_not_have_is_named(text: str, message: str, col: int) -> None:
    with pytest.raises(ExprError) as info:
        compile_expr(text, {"a", "rel.east"})
    assert (info.value.message, info.value.col) == (message, col)


def test_every_target_of_an_effect_is_checked(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = EFFECT_CARD.replace(
        "EFFECT", "{add: {ecnomy: 1, autonomy: 'autonmy / 2', rel.eas: 1}}")
    with pytest.raises(RulesError) as info:
        load_packs([make_pack(mini)])
    assert [str(p) for p in info.value.problems] == [AT.format(col) + m for col, m in [
        (26, ECONOMY), (48, "unknown name 'autonmy'; did you mean 'autonomy'?"),
        (62, "unknown target 'rel.eas'; did you mean 'rel.east'?")]]
