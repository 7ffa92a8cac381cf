"""One message per mistake, and a precise one: the item and the inner item
it is in, where an expression breaks and what was expected there, and the
hint for a text cut at a comma inside ``{ }``, whatever the key it leaves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.expr import ExprError, compile_expr
from asean_chair.expr.syntax import explain
from asean_chair.rules import RulesError, load_packs

MakePack = Callable[..., Path]

CARD = """\
cards:
  - id: port
    title: The port
    text: A navy asks to use the port.
    when: {month: 1}
    options:
      - id: open
        label: Open the port
        effects: [{add: {autonomy: -3}}]
      - id: refuse
        label: Refuse
        effects: [{add: {autonomy: 2}}]
"""


def messages(make_pack: MakePack, mini: dict[str, Any], cards: str) -> list[str]:
    """Every problem of the mini pack with ``cards`` as its cards file."""
    mini["cards.yaml"] = cards
    with pytest.raises(RulesError) as info:
        load_packs([make_pack(mini)])
    return [str(p) for p in info.value.problems]


def test_the_pack_used_here_is_valid(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = CARD
    load_packs([make_pack(mini)])


def test_an_option_without_a_label_is_named(make_pack: MakePack, mini: dict[str, Any]) -> None:
    found = messages(make_pack, mini, CARD.replace("        label: Refuse\n", ""))
    assert found == [("mini/cards.yaml:10:9: error: card 'port' option 'refuse': missing field "
                     "'label'")]


def test_a_misspelt_field_of_an_option_is_named(make_pack: MakePack,
                                                mini: dict[str, Any]) -> None:
    found = messages(make_pack, mini,
                     CARD.replace("        label: Refuse", "        lable: Refuse"))
    assert found == [("mini/cards.yaml:11:9: error: card 'port' option 'refuse': unknown field "
                     "'lable'; did you mean 'label'?")]


def test_an_effect_is_named_by_its_place(make_pack: MakePack, mini: dict[str, Any]) -> None:
    found = messages(make_pack, mini, CARD.replace("[{add: {autonomy: 2}}]",
                                                   "[{log: Fine.}, {ad: {autonomy: 2}}]"))
    assert len(found) == 1
    assert "card 'port' option 'refuse' effect 2: unknown field 'ad'; did you mean 'add'?" \
        in found[0]


def test_an_expression_says_where_it_breaks(make_pack: MakePack, mini: dict[str, Any]) -> None:
    broken = CARD.replace("        label: Refuse\n",
                          '        label: Refuse\n        requires: "autonomy >>= 35"\n')
    found = messages(make_pack, mini, broken)
    # The column is the '>>=' itself: `requires: "` ends at column 20.
    assert found == [("mini/cards.yaml:12:29: error: card 'port' option 'refuse': not a valid "
                     "expression: '>>=' at character 10 is not an operator; did you mean '>='?")]


@pytest.mark.parametrize("text, col, words", [
    ("morale >>= 35", 7, "'>>=' at character 8 is not an operator; did you mean '>='?"),
    ("morale = 35", 7, "'=' at character 8 does not compare; write '=='"),
    ("morale => 35", 7, "did you mean '>='?"),
    ("morale =< 35", 7, "did you mean '<='?"),
    ("morale > 3 && flag.x", 11, "write 'and'"),
    ("morale > 3 || flag.x", 11, "write 'or'"),
    ("!flag.x", 0, "write 'not'"),
    ("morale 35", 7, "'35' at character 8: expected an operator"),
    ("morale >", 8, "the expression ends after '>': expected a value"),
    ("morale > > 3", 9, "'>' at character 10: expected a value"),
    ("(morale > 3", 11, "the '(' at character 1 is never closed: expected ')'"),
    ("morale > 3)", 10, "')' at character 11 closes a '(' that was never opened"),
    ("morale > 3 and", 14, "ends after 'and': expected a value"),
    ("and morale", 0, "'and' at character 1: expected a value"),
    ("morale not 3", 7, "'not' goes before a condition"),
    ("morale ; 3", 7, "';' at character 8 has no meaning"),
])
def test_syntax_mistakes_are_explained(text: str, col: int, words: str) -> None:
    with pytest.raises(ExprError) as info:
        compile_expr(text, {"morale", "flag.x"})
    assert info.value.message.startswith("not a valid expression: ")
    assert words in info.value.message
    assert info.value.col == col


def test_the_explainer_finds_nothing_in_valid_text() -> None:
    for text in ("autonomy >= 40 and not flag.x", "max(1, min(capital, 3)) * 2",
                 "5 if flag.x else -2", "20 <= a < 60", "(a + b) // 2 % 3", "-a"):
        assert explain(text) is None, text


# ------------------------------------------------------ text cut at a comma

@pytest.mark.parametrize("option, key", [
    # an unknown key
    ("{id: refuse, label: Refuse, politely, effects: [{log: x}]}", "politely"),
    # a key with a space
    ("{id: refuse, label: Refuse, and wait, effects: [{log: x}]}", "and wait"),
    # a field, left empty
    ("{id: refuse, label: Refuse, cost, effects: [{log: x}]}", "cost"),
    # a field that may be empty
    ("{id: refuse, label: Refuse, requires, effects: [{log: x}]}", "requires"),
])
def test_a_text_cut_at_a_comma_always_gets_the_hint(make_pack: MakePack, mini: dict[str, Any],
                                                    option: str, key: str) -> None:
    cards = CARD.replace("      - id: refuse\n        label: Refuse\n"
                         "        effects: [{add: {autonomy: 2}}]\n", f"      - {option}\n")
    found = messages(make_pack, mini, cards)
    assert found == [(f"mini/cards.yaml:10:{9 + option.index(key)}: error: card 'port' option "
                     f"'refuse': '{key}' looks like the end of a text cut at a comma: inside "
                     "{ }, put text that holds commas in quotes")]


def test_a_text_cut_twice_gets_the_hint_twice(make_pack: MakePack,
                                              mini: dict[str, Any]) -> None:
    cards = CARD.replace("[{add: {autonomy: 2}}]", "[{log: Yes, but, no}]")
    found = messages(make_pack, mini, cards)
    assert [m.split("effect 1: ")[1].split(" looks")[0] for m in found] == ["'but'", "'no'"]


def test_commas_outside_braces_and_after_numbers_are_no_cut(make_pack: MakePack,
                                                            mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = CARD.replace("        label: Refuse", "        label: Refuse, politely")
    load_packs([make_pack(mini)])  # a comma in plain block text is text
    mini["world.yaml"]["actors"][0]["rivals"] = "{west: 0.5, south}"
    mini["world.yaml"] = ("tracks: [{id: autonomy, name: A, start: 50}, "
                          "{id: economy, name: E, start: 50}]\n"
                          "actors:\n  - {id: east, name: East, rivals: {west: 0.5, south}}\n"
                          "  - {id: west, name: West}\n")
    with pytest.raises(RulesError) as info:
        load_packs([make_pack(mini, "mini2")])
    text = " ".join(str(p) for p in info.value.problems)
    assert "cut at a comma" not in text and "rivals.south: expected a number" in text
