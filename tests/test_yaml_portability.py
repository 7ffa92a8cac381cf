"""Every shipped YAML file means the same with and without libyaml.

PyYAML's C parser (libyaml) and its pure-Python parser disagree on some
plain text (a '?' before '}' in a flow mapping, for one). An install without
libyaml must still read the game, so every shipped file is parsed both
ways, and the pack loader is run with the pure parser alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from asean_chair.rules import load_packs, yamlread
from asean_chair.rules.source import MDict, MList
from asean_chair.rules.yamlread import YamlProblem, read_yaml_text

from .conftest import ROOT

SHIPPED = sorted(p for top in ("rules", "assets") for p in (ROOT / top).rglob("*")
                 if p.suffix in (".yaml", ".yml") and p.is_file())
needs_libyaml = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False),
                                   reason="PyYAML was built without libyaml")


def _ids(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_shipped_files_are_found() -> None:
    assert any(p.name == "scenario.yaml" for p in SHIPPED)
    assert any("locale" in p.parts for p in SHIPPED)


@needs_libyaml
@pytest.mark.parametrize("path", SHIPPED, ids=_ids)
def test_pure_python_and_libyaml_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    fast = yaml.load(text, Loader=yaml.CSafeLoader)
    assert pure == fast


def _with_marks(value: Any) -> Any:
    """A value with every position the reader records, for comparing two reads."""
    if isinstance(value, MDict):
        return ("map", str(value.mark), {k: (str(value.key_marks[k]), str(value.value_marks[k]),
                                             _with_marks(v)) for k, v in value.items()})
    if isinstance(value, MList):
        return ("list", str(value.mark), [(str(m), _with_marks(v))
                                          for m, v in zip(value.item_marks, value, strict=True)])
    return value


@needs_libyaml
@pytest.mark.parametrize("path", [p for p in SHIPPED if "rules" in p.relative_to(ROOT).parts[:1]],
                         ids=_ids)
def test_the_pack_reader_gives_the_same_values_and_positions_both_ways(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast = _with_marks(read_yaml_text(text, path.name))
    monkeypatch.setattr(yamlread, "FAST_LOADER", None)
    pure = _with_marks(read_yaml_text(text, path.name))
    assert pure == fast


def test_the_game_loads_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    with_default = load_packs([ROOT / "rules" / "asean2022"])
    monkeypatch.setattr(yamlread, "FAST_LOADER", None)
    without = load_packs([ROOT / "rules" / "asean2022"])
    assert without.content_hash == with_default.content_hash
    assert sorted(without.cards) == sorted(with_default.cards)
    assert [m.text for m in without.scenarios[next(iter(without.scenarios))].milestones] == \
        [m.text for m in with_default.scenarios[next(iter(with_default.scenarios))].milestones]


@pytest.mark.parametrize("pure", [False, True], ids=["default", "pure-python"])
@pytest.mark.parametrize("text, line, words", [
    ("a: [1, 2\n", 2, "YAML syntax error"),
    ("a:\n\t- 1\n", 2, "tab character"),
    ("a: 1\na: 2\n", 2, "duplicate key"),
    ("a: !!python/object:os.system x\n", 1, "not allowed"),
    ("a: !!int twelve\n", 1, "cannot read the value 'twelve'"),
    ("a: !!map text\n", 1, "does not fit"),
    ("a: " + "[" * 200 + "]" * 200 + "\n", 1, "levels deep"),
])
def test_hostile_text_gets_the_same_clear_problem_with_either_parser(
        text: str, line: int, words: str, pure: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if pure:
        monkeypatch.setattr(yamlread, "FAST_LOADER", None)
    with pytest.raises(YamlProblem) as caught:
        read_yaml_text(text, "x.yaml")
    assert caught.value.problem.mark is not None
    assert caught.value.problem.mark.line == line, str(caught.value)
    assert words in caught.value.problem.message, str(caught.value)
