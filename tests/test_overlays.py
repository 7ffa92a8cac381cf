"""Packs that extend others: add, replace, patch, remove; collisions reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.engine import Game
from asean_chair.rules import RulesError, load_packs


def mod_meta(pid: str = "mod", extends: list[str] | None = None) -> dict[str, Any]:
    return {"id": pid, "name": pid.title(), "version": "0.1.0", "format": 1,
            "extends": extends if extends is not None else ["mini"]}


@pytest.fixture
def base(make_pack: Callable[..., Path], mini: dict[str, Any]) -> Path:
    return make_pack(mini)


def load(make_pack: Callable[..., Path], files: dict[str, Any], name: str = "mod") -> Any:
    return load_packs([make_pack(files, name)])


def problems(make_pack: Callable[..., Path], files: dict[str, Any], name: str = "mod") -> list[str]:
    with pytest.raises(RulesError) as err:
        load(make_pack, files, name)
    return [str(p) for p in err.value.problems]


NEW_CARD = {"id": "second", "title": "Second", "text": "t", "when": {"month": 2},
            "options": [{"id": "x", "label": "X", "effects": [{"add": {"economy": 2}}]}]}


def test_a_mod_adds_items(base: Path, make_pack: Callable[..., Path]) -> None:
    rs = load(make_pack, {"pack.yaml": mod_meta(), "more.yaml": {"cards": [NEW_CARD]}})
    assert [p.id for p in rs.packs] == ["mini", "mod"]
    assert set(rs.cards) == {"first", "second"}


def test_patch_merges_deeply_and_by_id(base: Path, make_pack: Callable[..., Path]) -> None:
    patch = {"id": "first", "patch": {
        "title": "First, patched",
        "options": [{"id": "a", "label": "A, patched"},
                    {"id": "b", "remove": True},
                    {"id": "c", "label": "C", "effects": [{"add": {"economy": 1}}]}],
    }}
    rs = load(make_pack, {"pack.yaml": mod_meta(), "p.yaml": {"cards": [patch]}})
    card = rs.cards["first"]
    assert card.title == "First, patched"
    assert card.text == "The first card."  # untouched fields stay
    assert [o.id for o in card.options] == ["a", "c"]
    assert card.options[0].label == "A, patched"
    assert card.options[0].effects[0].add == {"autonomy": 5}


def test_replace_and_remove(base: Path, make_pack: Callable[..., Path]) -> None:
    replaced = dict(NEW_CARD, id="first", replace=True, title="Brand new")
    rs = load(make_pack, {"pack.yaml": mod_meta(), "p.yaml": {
        "cards": [replaced], "counters": [{"id": "votes", "remove": True}]}})
    assert rs.cards["first"].title == "Brand new"
    assert [o.id for o in rs.cards["first"].options] == ["x"]
    assert "votes" not in rs.counters


def test_collision_without_an_overlay_is_an_error(base: Path,
                                                  make_pack: Callable[..., Path]) -> None:
    clash = dict(NEW_CARD, id="first")
    found = problems(make_pack, {"pack.yaml": mod_meta(), "p.yaml": {"cards": [clash]}})
    assert any("card 'first' is already defined by pack 'mini'" in p and "patch" in p
               for p in found)


def test_patch_of_a_missing_item(base: Path, make_pack: Callable[..., Path]) -> None:
    found = problems(make_pack, {"pack.yaml": mod_meta(),
                                 "p.yaml": {"cards": [{"id": "frist", "patch": {"title": "x"}}]}})
    assert any("cannot patch it, no earlier pack defines it; did you mean 'first'" in p
               for p in found)


def test_two_mods_changing_one_item_are_reported(base: Path,
                                                 make_pack: Callable[..., Path]) -> None:
    make_pack({"pack.yaml": mod_meta("moda"),
               "p.yaml": {"cards": [{"id": "first", "patch": {"title": "A"}}]}}, "moda")
    rs = load(make_pack, {"pack.yaml": mod_meta("modb", ["moda"]),
                          "p.yaml": {"cards": [{"id": "first", "patch": {"text": "B"}}]}}, "modb")
    assert (rs.cards["first"].title, rs.cards["first"].text) == ("A", "B")
    assert any("changed by two packs" in str(w) and "moda" in str(w) and "modb" in str(w)
               for w in rs.warnings)


def test_missing_base_pack(make_pack: Callable[..., Path]) -> None:
    found = problems(make_pack, {"pack.yaml": mod_meta("lonely", ["mnii"])}, "lonely")
    assert any("extends 'mnii', which was not found" in p for p in found)


def test_extends_cycle(make_pack: Callable[..., Path]) -> None:
    make_pack({"pack.yaml": mod_meta("one", ["two"])}, "one")
    found = problems(make_pack, {"pack.yaml": mod_meta("two", ["one"])}, "two")
    assert any("cycle" in p and "one" in p and "two" in p for p in found)


def test_patched_pack_plays(base: Path, make_pack: Callable[..., Path]) -> None:
    patch = {"id": "first", "patch": {"options": [
        {"id": "a", "effects": [{"add": {"autonomy": 40}}]}]}}
    rs = load(make_pack, {"pack.yaml": mod_meta(), "p.yaml": {"cards": [patch]}})
    st = Game(rs, seed=1).new_state()
    st.apply(st.legal_actions()[0])
    assert st.value("autonomy") == 90
