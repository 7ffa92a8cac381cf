"""Lint warnings: packs that load, but probably not as their authors meant."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from asean_chair.rules import load_packs

MakePack = Callable[..., Path]


def warnings_of(make_pack: MakePack, mini: dict[str, Any]) -> list[str]:
    return [str(w) for w in load_packs([make_pack(mini)]).warnings]


def first_option(mini: dict[str, Any]) -> dict[str, Any]:
    return mini["cards.yaml"]["cards"][0]["options"][0]  # type: ignore[no-any-return]


def test_clean_mini_pack_has_no_warnings(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["world.yaml"]["flags"] = []
    mini["cards.yaml"]["cards"][0]["options"][1]["effects"] = [
        {"add": {"autonomy": -5, "economy": 8}}]
    assert warnings_of(make_pack, mini) == []


def test_flag_set_but_never_read(make_pack: MakePack, mini: dict[str, Any]) -> None:
    first_option(mini)["effects"].append({"set_flag": "done"})
    (warning,) = [w for w in warnings_of(make_pack, mini) if "flag" in w]
    assert "flag 'done' is set but never read" in warning and "cards.yaml" in warning


def test_flag_kept_as_a_record_is_fine(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["world.yaml"]["flags"][0]["record"] = True
    first_option(mini)["effects"].append({"set_flag": "done"})
    assert not any("flag" in w for w in warnings_of(make_pack, mini))


def test_flag_read_but_never_set(make_pack: MakePack, mini: dict[str, Any]) -> None:
    first_option(mini)["requires"] = "not flag.done"
    warnings = warnings_of(make_pack, mini)
    assert any("flag 'done' is read but nothing sets it" in w for w in warnings)


def test_card_that_can_never_be_drawn(make_pack: MakePack, mini: dict[str, Any]) -> None:
    opts = [{"id": "x", "label": "X", "effects": [{"add": {"economy": 1}}]}]
    mini["cards.yaml"]["cards"] += [
        {"id": "gated", "title": "G", "text": "t", "when": {"window": [1, 3], "if": "flag.done"},
         "options": opts},
        {"id": "weightless", "title": "W", "text": "t", "when": {"window": [1, 3], "weight": 0},
         "options": opts},
    ]
    warnings = warnings_of(make_pack, mini)
    assert any("card 'gated' can never appear" in w and "'done'" in w for w in warnings)
    assert any("card 'weightless' can never be drawn" in w for w in warnings)


def test_option_no_better_than_another(make_pack: MakePack, mini: dict[str, Any]) -> None:
    options = mini["cards.yaml"]["cards"][0]["options"]
    options[0]["effects"] = [{"add": {"autonomy": 5, "economy": -2}}]
    options[1]["effects"] = [{"add": {"autonomy": 3, "economy": -2}}]
    options[1]["cost"] = 1
    warnings = warnings_of(make_pack, mini)
    assert any("option 'b' is no better than option 'a'" in w for w in warnings)
    options[1]["effects"] = [{"add": {"autonomy": 3, "economy": 1}}]  # now a real trade-off
    assert not any("no better" in w for w in warnings_of(make_pack, mini))


def test_follow_up_after_the_end(make_pack: MakePack, mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"].append(
        {"id": "later", "title": "L", "text": "t",
         "options": [{"id": "x", "label": "X", "effects": [{"add": {"economy": 1}}]}]})
    first_option(mini)["effects"].append({"schedule": {"card": "later", "in": 5}})
    warnings = warnings_of(make_pack, mini)
    assert any("card 'later' would fall due in turn 6, after the scenario has ended (turn 3)"
               in w for w in warnings), warnings


def test_bundled_packs_are_lint_clean() -> None:
    from .conftest import ROOT

    for pack in sorted((ROOT / "rules").iterdir()):  # every pack shipped with the game
        if (pack / "pack.yaml").is_file():
            assert load_packs([pack]).warnings == (), pack.name
