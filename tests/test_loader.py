"""Checks across items: unknown ids, dangling follow-ups, odds, calendars."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from asean_chair.rules import RulesError, load_packs


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(RulesError) as err:
        load_packs([folder])
    return [str(p) for p in err.value.problems if p.severity == "error"]


def option(mini: dict[str, Any], **changes: Any) -> dict[str, Any]:
    opt: dict[str, Any] = mini["cards.yaml"]["cards"][0]["options"][0]
    opt.update(changes)
    return opt


def test_the_tutorial_is_clean(tutorial: Any) -> None:
    assert tutorial.warnings == ()
    assert "port_question" in tutorial.cards
    assert tutorial.scenario().id == "first_quarter"


def test_ruleset_is_read_only(tutorial: Any) -> None:
    with pytest.raises(TypeError):
        tutorial.cards["x"] = None
    with pytest.raises(ValidationError):
        tutorial.cards["port_question"].title = "changed"


@pytest.mark.parametrize(("effect", "words"), [
    ({"add": {"rel.north": 3}}, "unknown target 'rel.north'"),
    ({"set_flag": "dnoe"}, "unknown flag 'dnoe'; did you mean 'done'"),
    ({"schedule": {"card": "frist", "in": 1}},
     "schedule names unknown card 'frist'; did you mean 'first'"),
    ({"draw": {"card": "nowhere"}}, "draw names unknown card 'nowhere'"),
    ({"remove_modifier": "calm"}, "unknown modifier 'calm'"),
    ({"end_game": "dnoe"}, "unknown ending 'dnoe'; did you mean 'done'"),
    ({"if": "counter.vote > 1", "then": [{"log": "x"}]},
     "unknown name 'counter.vote'; did you mean 'counter.votes'"),
    ({"outcomes": [{"chance": 0.5, "effects": [{"log": "a"}]},
                   {"chance": 0.4, "effects": [{"log": "b"}]}]}, "chances add up to 0.9, not 1"),
    ({"add": {"autonomy": 1}, "set_flag": "done"}, "exactly one kind"),
])
def test_bad_effects(make_pack: Callable[..., Path], mini: dict[str, Any], effect: dict[str, Any],
                     words: str) -> None:
    option(mini, effects=[effect])
    errors = errors_of(make_pack(mini))
    assert any(words in e for e in errors), errors


def test_errors_name_file_and_line(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    option(mini, effects=[{"add": {"autonomy": 1}}, {"set_flag": "dnoe"}])
    (error,) = errors_of(make_pack(mini))
    assert error.startswith("mini/cards.yaml:") or "/mini/cards.yaml:" in error
    line = int(error.split(":")[1])
    text = (make_pack(mini) / "cards.yaml").read_text().splitlines()
    assert "dnoe" in text[line - 1]


def test_duplicate_ids(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    cards = mini["cards.yaml"]["cards"]
    cards.append(dict(cards[0]))
    errors = errors_of(make_pack(mini))
    assert any("duplicate card id 'first'" in e and "first defined at" in e for e in errors)


def test_duplicate_option_ids(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["options"][1]["id"] = "a"
    assert any("two options have the id 'a'" in e for e in errors_of(make_pack(mini)))


def test_card_outside_the_scenario(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["when"] = {"window": [6, 9]}
    assert any("turn 6 does not exist: the calendar has 3 turns (1 to 3)" in e
               for e in errors_of(make_pack(mini)))
    # A month that no turn of the three-month calendar falls in.
    mini["cards.yaml"]["cards"][0]["when"] = {"month": 6}
    assert any("its turns lie outside every scenario" in e for e in errors_of(make_pack(mini)))


def test_option_with_no_effect(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    option(mini, effects=[])
    assert any("option 'a': the option has no effects" in e for e in errors_of(make_pack(mini)))


def test_historical_option_must_exist(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["historical_option"] = "c"
    assert any("historical_option 'c' is not one of its options" in e
               for e in errors_of(make_pack(mini)))


def test_unreachable_card_is_a_warning(make_pack: Callable[..., Path],
                                       mini: dict[str, Any]) -> None:
    orphan = {"id": "orphan", "title": "O", "text": "t",
              "options": [{"id": "x", "label": "X", "effects": [{"log": "x"}]}]}
    mini["cards.yaml"]["cards"].append(orphan)
    ruleset = load_packs([make_pack(mini)])
    assert any("card 'orphan'" in str(w) and "can never appear" in str(w) for w in ruleset.warnings)


def test_tiers_best_first_and_one_final_ending(make_pack: Callable[..., Path],
                                               mini: dict[str, Any]) -> None:
    sc = mini["scenario.yaml"]["scenarios"][0]
    sc["tiers"].reverse()
    sc["endings"].append({"id": "also", "title": "Also", "text": "t"})
    errors = errors_of(make_pack(mini))
    assert any("tiers must be listed best first" in e for e in errors)
    assert any("exactly one ending with neither 'if' nor 'defeat'" in e for e in errors)


def test_missing_pack_yaml(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    errors = errors_of(tmp_path / "empty")
    assert any("missing pack.yaml" in e for e in errors)


def test_unknown_section_suggests(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["extra.yaml"] = {"crads": []}
    assert any("unknown section 'crads'; did you mean 'cards'" in e
               for e in errors_of(make_pack(mini)))


def test_wrong_format_version(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["pack.yaml"]["format"] = 2
    assert any("format" in e and "2" in e for e in errors_of(make_pack(mini)))


def test_the_tutorial_uses_every_field_of_the_format(tutorial: Any) -> None:
    """The tutorial is where modders learn the format: every field appears in it."""
    from asean_chair.rules.models import SECTIONS, Model, PackMeta
    from asean_chair.rules.reference import models_in

    used: set[tuple[str, str]] = set()
    stack: list[Any] = [m for section in SECTIONS for m in getattr(tutorial, section).values()]
    from asean_chair.rules.packs import read_pack_meta

    from .conftest import TUTORIAL

    meta = read_pack_meta(TUTORIAL, [])
    assert meta is not None
    stack.append(meta.meta)
    while stack:
        m = stack.pop()
        if isinstance(m, Model):
            used.update((type(m).__name__, f) for f in m.model_fields_set)
            stack.extend(getattr(m, f) for f in type(m).model_fields)
        elif isinstance(m, (list, tuple)):
            stack.extend(m)
        elif isinstance(m, dict):
            stack.extend(m.values())

    every = {m for cls in [PackMeta, *SECTIONS.values()] for m in models_in(cls)}
    # Fields that exclude the ones the tutorial shows: a calendar listing its
    # turns by name (the tutorial names months), and a scenario's month
    # fields from before calendars.
    alternatives = {"TurnName.name", "TurnName.short", "Scenario.year", "Scenario.start_month",
                    "Scenario.turn_word"}
    missing = sorted(f"{cls.__name__}.{name}" for cls in every for name in cls.model_fields
                     if (cls.__name__, name) not in used
                     and f"{cls.__name__}.{name}" not in alternatives)
    assert missing == [], f"fields the tutorial never uses: {missing}"
