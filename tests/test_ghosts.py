"""One mistake, one message: when an item fails to load, the checks that
depend on it are skipped, so every problem reported is real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from asean_chair.rules import RulesError, load_packs

from .conftest import TUTORIAL


def _broken(tmp_path: Path, file: str, old: str, new: str) -> list[str]:
    pack = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, pack)
    path = pack / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_packs([pack])
    return [f"{p.severity}: {p.message}" for p in err.value.problems]


def test_a_broken_scenario_does_not_make_its_endings_unknown(tmp_path: Path) -> None:
    assert _broken(tmp_path, "scenario.yaml", "    score: ", "    scor: ") == [
        "error: scenario 'first_quarter': unknown field 'scor'; did you mean 'score'?"]


def test_a_broken_card_does_not_orphan_its_follow_up_or_its_flags(tmp_path: Path) -> None:
    assert _broken(tmp_path, "cards.yaml", "    title: Questions about the naval port",
                   "    titel: Questions about the naval port") == [
        "error: card 'port_question': unknown field 'titel'; did you mean 'title'?"]


def test_a_broken_card_does_not_make_its_modifier_unknown(tmp_path: Path) -> None:
    assert _broken(tmp_path, "cards.yaml", "    title: An infrastructure loan",
                   "    titel: An infrastructure loan") == [
        "error: card 'loan_offer': unknown field 'titel'; did you mean 'title'?"]


def test_a_broken_flag_is_reported_once(tmp_path: Path) -> None:
    assert _broken(tmp_path, "world.yaml", "  - id: port_open\n",
                   "  - id: port_open\n    nam: x\n") == [
        "error: flag 'port_open': unknown field 'nam'; did you mean 'name'?"]


def test_a_broken_actor_does_not_break_the_relations_that_name_it(tmp_path: Path) -> None:
    assert _broken(tmp_path, "world.yaml", "    name: Japan\n", "    nme: Japan\n") == [
        "error: actor 'japan': unknown field 'nme'; did you mean 'name'?"]


def test_a_broken_expression_is_reported_once(tmp_path: Path) -> None:
    found = _broken(tmp_path, "scenario.yaml", 'income: "2 + (cohesion >= 60)"',
                    'income: "2 + (cohesoin >= 60)"')
    assert len(found) == 1 and "unknown name 'cohesoin'; did you mean 'cohesion'?" in found[0]
