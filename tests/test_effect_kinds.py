"""Every kind of effect is one unit with its check, its compile step and its
words, registered in one table that matches the rules format's model."""

from __future__ import annotations

from typing import Any

from asean_chair.rules.effects import KINDS, EffectKind, missing_parts
from asean_chair.rules.models import COMPANION_OF, EFFECT_FIELDS, EFFECT_KINDS, Effect


def test_every_kind_of_the_model_has_a_complete_unit() -> None:
    assert missing_parts(KINDS, EFFECT_FIELDS) == []
    assert list(KINDS) == list(EFFECT_KINDS)


def test_the_registry_check_catches_a_missing_or_half_done_kind() -> None:
    class Praise(EffectKind):
        field = "praise"

        def describe(self, e: Any, words: Any) -> str:
            return "praise"

    broken = {**KINDS, "praise": Praise()}
    found = missing_parts(broken, [*EFFECT_FIELDS, "shout"])
    assert "kind 'shout' has no unit" in found
    assert "unit 'praise' is for no field of the model" in found
    assert "kind 'praise' has no check step of its own" in found
    assert "kind 'praise' has no compile step of its own" in found
    assert not any("praise' has no describe" in p for p in found)


def test_every_field_of_an_effect_is_a_kind_or_goes_with_one() -> None:
    fields = set(Effect.model_fields)
    assert fields == set(EFFECT_FIELDS) | set(COMPANION_OF)
    assert all(COMPANION_OF[c] in EFFECT_FIELDS for c in COMPANION_OF)


def test_a_companion_field_beside_another_kind_is_refused() -> None:
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError, match="`direction` belongs with `drift`"):
        Effect.model_validate({"add": {"autonomy": 1}, "direction": "up"})
    with pytest.raises(pydantic.ValidationError, match="`else` belongs with `if`"):
        Effect.model_validate({"log": "x", "else": [{"log": "y"}]})


def test_every_step_a_scenario_may_name_is_one_the_engine_runs() -> None:
    import typing

    from asean_chair.engine.turn import DEFAULT_TURN, STEP_NAMES
    from asean_chair.rules.models import TurnStep

    assert set(typing.get_args(TurnStep)) == set(STEP_NAMES)
    assert set(DEFAULT_TURN) <= set(STEP_NAMES)
