"""The editor's schema, tested as a modder's editor uses it.

Every shipped YAML file is checked against the schema its first line names,
read the way the loader reads it (``yes`` and ``no`` stay words), and must
pass: the schema never refuses what the game accepts. Then typical
mistakes, each inside an item, must be flagged where they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from asean_chair.paths import rules_dir
from asean_chair.rules.locale import TEXT_FIELDS
from asean_chair.rules.models.base import EXPRESSION_PATTERN, TARGET_PATTERN
from asean_chair.rules.schema import (
    MODELINE,
    SCHEMA_DIR,
    editor_files,
    modeline,
    schema_for,
    schema_text,
    schemas,
    yaml_files,
)
from asean_chair.rules.yamlread import read_yaml_text

from .conftest import MINI, ROOT

Cli = Callable[..., tuple[int, str, str]]

SCHEMAS = schemas()
VALIDATORS = {name: Draft202012Validator(s) for name, s in SCHEMAS.items()}
SHIPPED = yaml_files(ROOT / "rules")


def problems(text: str, schema: str = "rules.schema.json") -> list[tuple[str, str]]:
    """Each error of the schema on a YAML text: (path as a/b/0/c, message)."""
    data = read_yaml_text(text, "test.yaml")
    return [("/".join(map(str, e.absolute_path)), e.message)
            for e in VALIDATORS[schema].iter_errors(data)]


# ------------------------------------------------------------ the files


def test_the_schemas_are_valid_json_schemas() -> None:
    for schema in SCHEMAS.values():
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("folder", ["docs/schema", f"rules/{SCHEMA_DIR}"])
def test_committed_schemas_are_current(folder: str) -> None:
    for name, schema in SCHEMAS.items():
        path = ROOT / folder / name
        option = " --meta" if "pack" in name else " --locale" if "locale" in name else ""
        assert path.read_text(encoding="utf-8") == schema_text(schema), (
            f"{folder}/{name} is stale: run `asean-chair schema --editor rules` and "
            f"`asean-chair schema{option}"
            f" -o docs/schema/{name}`")


def test_every_shipped_file_names_its_schema() -> None:
    assert len(SHIPPED) >= 20
    for path in SHIPPED:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(path, ROOT / "rules"), (
            f"{path.relative_to(ROOT)} lacks its modeline: run `asean-chair schema --editor rules`")
        target = (path.parent / first.removeprefix(MODELINE)).resolve()
        assert target.is_file() and target.name == schema_for(path)
    assert editor_files(ROOT / "rules") == {}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT / "rules")))
def test_every_shipped_file_passes_its_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = read_yaml_text(text, str(path))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in VALIDATORS[schema_for(path)].iter_errors(data)]
    assert errors == []


def test_the_bundled_packs_are_found_where_the_package_looks() -> None:
    assert (rules_dir() / SCHEMA_DIR / "rules.schema.json").is_file()


def test_the_test_packs_and_new_packs_pass(cli: Cli, tmp_path: Path) -> None:
    for name, data in MINI.items():
        schema = "pack.schema.json" if name == "pack.yaml" else "rules.schema.json"
        assert problems(json.dumps(data), schema) == []
    for args in (["new-pack", str(tmp_path / "alone")],
                 ["new-pack", str(tmp_path / "mod"), "--extends", "asean2022"]):
        code, _, err = cli(*args)
        assert code == 0, err
    written = yaml_files(tmp_path / "alone") + yaml_files(tmp_path / "mod")
    assert len(written) >= 5
    for path in written:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MODELINE)
        assert (path.parent / first.removeprefix(MODELINE)).is_file(), first
        assert problems(path.read_text(encoding="utf-8"), schema_for(path)) == [], path


def test_every_field_has_a_description() -> None:
    for name, schema in SCHEMAS.items():
        for where, definition in [("top", schema), *schema.get("$defs", {}).items()]:
            for field, prop in definition.get("properties", {}).items():
                assert isinstance(prop, dict) and prop.get("description"), \
                    f"{name}: {where}.{field} has no description"


# ------------------------------------------------------- mistakes flagged

A_CARD = """\
cards:
  - id: port
    title: The port
    text: A navy asks to use the port.
    when: {window: [1, 3]}
    options:
      - id: open
        label: Open the port
        effects: [{add: {autonomy: -3}}]
      - id: refuse
        label: Refuse
"""



def scenario(*lines: str) -> str:
    """A small valid scenario with ``lines`` added to it."""
    return ("scenarios:\n  - id: s\n    name: S\n    turns: 4\n    score: autonomy\n"
            "    endings: [{id: e, title: E, text: The end.}]\n"
            "    tiers: [{id: t, name: T, min_score: 0}]\n"
            + "".join(f"    {line}\n" for line in lines))


#: (name, text, schema, where the error must be, a word of its message).
MISTAKES: list[tuple[str, str, str, str, str]] = [
    ("unknown field in a card", A_CARD.replace("    title:", "    titel: x\n    title:"),
     "rules", "cards/0", "titel"),
    ("unknown field in an option", A_CARD.replace("        label: Refuse",
                                                  "        label: Refuse\n        costs: 1"),
     "rules", "cards/0/options/1", "costs"),
    ("unknown field in an effect", A_CARD.replace("{add: {autonomy: -3}}", "{ad: {autonomy: 3}}"),
     "rules", "cards/0/options/0/effects/0", "ad"),
    ("unknown field in an action",
     "actions:\n  - id: visit\n    name: A visit\n    costs: 2\n", "rules", "actions/0", "costs"),
    ("unknown field in a track",
     "tracks:\n  - id: morale\n    name: Morale\n    start: 50\n    maximum: 80\n",
     "rules", "tracks/0", "maximum"),
    ("unknown field in a scenario",
     scenario("endingz: []"), "rules", "scenarios/0", "endingz"),
    ("unknown field in an outcome",
     A_CARD.replace("effects: [{add: {autonomy: -3}}]",
                    "outcomes: [{chance: 0.5, effects: []}, {chanse: 0.5}]"),
     "rules", "cards/0/options/0/outcomes/1", "chanse"),
    ("unknown field in the calendar",
     scenario("calendar: {unit: week, name: numbers}"), "rules", "scenarios/0/calendar", "name"),
    ("wrong type: start: fifty", "tracks:\n  - id: morale\n    name: Morale\n    start: fifty\n",
     "rules", "tracks/0/start", "fifty"),
    ("wrong type: a list expected", A_CARD.replace("    text:", "    tags: economy\n    text:"),
     "rules", "cards/0/tags", "array"),
    ("wrong type: true or false", A_CARD.replace("    text:", "    invented: maybe\n    text:"),
     "rules", "cards/0/invented", "boolean"),
    ("missing title", A_CARD.replace("    title: The port\n", ""), "rules", "cards/0", "title"),
    ("missing label", A_CARD.replace("        label: Refuse\n", ""),
     "rules", "cards/0/options/1", "label"),
    ("missing start of a track", "tracks:\n  - id: morale\n    name: Morale\n",
     "rules", "tracks/0", "start"),
    ("bad enum: kind: praise",
     scenario("verdicts: [{if: autonomy > 50, text: Well done., kind: praise}]"),
     "rules", "scenarios/0/verdicts/0/kind", "praise"),
    ("bad enum: phase: end",
     "rules:\n  - id: drift\n    phase: end\n    effects: [{drift: {autonomy: 1}}]\n",
     "rules", "rules/0/phase", "end"),
    ("bad enum: a turn step",
     scenario("turn_steps: [income, events, party]"), "rules", "scenarios/0/turn_steps/2", "party"),
    ("a broken expression", A_CARD.replace("        label: Refuse",
                                           "        label: Refuse\n"
                                           '        requires: "morale >>= 35"'),
     "rules", "cards/0/options/1/requires", ">>="),
    ("a lone = in a condition", A_CARD.replace("        label: Refuse",
                                               "        label: Refuse\n"
                                               '        requires: "autonomy = 3"'),
     "rules", "cards/0/options/1/requires", "autonomy"),
    ("a target that is no name", A_CARD.replace("{add: {autonomy: -3}}", "{add: {rel china: -3}}"),
     "rules", "cards/0/options/0/effects/0/add", "rel china"),
    ("two kinds in one effect",
     A_CARD.replace("{add: {autonomy: -3}}", "{add: {autonomy: -3}, set_flag: opened}"),
     "rules", "cards/0/options/0/effects/0", ""),
    ("spill without add", A_CARD.replace("{add: {autonomy: -3}}", "{set_flag: x, spill: false}"),
     "rules", "cards/0/options/0/effects/0", "add"),
    ("a when with both month and window", A_CARD.replace("{window: [1, 3]}",
                                                         "{window: [1, 3], month: 2}"),
     "rules", "cards/0/when", ""),
    ("a bad id", A_CARD.replace("id: port", "id: Port-Visit"), "rules", "cards/0/id", "Port-Visit"),
    ("a patch of an unknown field",
     "cards:\n  - id: port\n    patch:\n      titel: The new port\n",
     "rules", "cards/0/patch", "titel"),
    ("a patch beside a field", "cards:\n  - id: port\n    title: X\n    patch: {text: Y}\n",
     "rules", "cards/0", "title"),
    ("replace: false", A_CARD.replace("    title:", "    replace: false\n    title:"),
     "rules", "cards/0/replace", "True"),
    ("remove: yes", "cards:\n  - id: port\n    remove: yes\n", "rules", "cards/0/remove", "True"),
    ("an unknown section", "cardz: []\n", "rules", "", "cardz"),
    ("pack.yaml: an unknown field",
     "id: m\nname: M\nversion: 1.0.0\nformat: 1\nextend: [asean2022]\n", "pack", "", "extend"),
    ("pack.yaml: format 2", "id: m\nname: M\nversion: 1.0.0\nformat: 2\n", "pack", "format", "1"),
    ("translation: an unknown field", "cards:\n  port:\n    titel: ការិយាល័យ\n",
     "locale", "cards/port", "titel"),
    ("translation: a field that is no text", "cards:\n  port:\n    cost: 3\n",
     "locale", "cards/port", "cost"),
    ("translation: text expected", "cards:\n  port:\n    options:\n      open: {label: [a]}\n",
     "locale", "cards/port/options", ""),
]


@pytest.mark.parametrize("name, text, schema, where, word", MISTAKES,
                         ids=[m[0] for m in MISTAKES])
def test_a_mistake_is_flagged_inside_its_item(name: str, text: str, schema: str, where: str,
                                              word: str) -> None:
    found = problems(text, f"{schema}.schema.json")
    assert found, f"{name}: not flagged"
    assert any(path.startswith(where) and word in message for path, message in found), found


def test_the_fixed_texts_pass() -> None:
    """The mistakes' starting points are right, so each test above fails
    only because of its mistake."""
    assert problems(A_CARD) == []
    assert problems(scenario()) == []
    assert problems("cards:\n  - id: port\n    patch: {title: New, options: [{id: open, "
                    "label: Open it}, {id: refuse, remove: true}]}\n") == []
    assert problems("cards:\n  - id: port\n    remove: true\n") == []
    assert problems(A_CARD.replace("    title:", "    replace: true\n    title:")) == []
    translation = ("language: fr\nname: Français\ncards:\n  port:\n    title: Le port\n"
                   "    options:\n      open: {label: Ouvrir}\n      refuse: {}\n"
                   "scenarios:\n  s:\n    words: {currency: faveur, currencies: faveurs}\n"
                   "    calendar: {unit: semaine, names: [Automne, {name: Hiver, short: H}]}\n"
                   "    endings: {e: {title: La fin}}\n    debrief: [Pourquoi ?, {}]\n")
    assert problems(translation, "locale.schema.json") == []


def test_the_expression_pattern_keeps_every_valid_form() -> None:
    good = ["autonomy >= 40", "rel.north > 50 and not flag.deal", "20 <= cohesion < 60",
            "max(2, rel.south / 10)", "5 if flag.x else 2", "turns_left // 2 % 3", "a != b",
            "capital - 1", "-3", "counter.votes == 2", "(a or b)\nand c", "month >= 6"]
    bad = ["morale >>= 35", "a = 3", "a => 3", "a && b", "!flag.x", "a ** 2", "x['a']",
           "a || b", "a =< 3", "'text'"]
    for text in good:
        assert re.search(EXPRESSION_PATTERN, text), text
    for text in bad:
        assert not re.search(EXPRESSION_PATTERN, text), text
    assert re.search(TARGET_PATTERN, "rel.north") and re.search(TARGET_PATTERN, "capital")
    assert not re.search(TARGET_PATTERN, "rel china")


def test_the_translation_schema_offers_only_texts() -> None:
    card = SCHEMAS["locale.schema.json"]["$defs"]["CardTexts"]["properties"]
    assert {"title", "text", "history", "discuss", "options"} <= set(card)
    assert not {"cost", "when", "tags", "id"} & set(card)
    assert all(k in TEXT_FIELDS or "$ref" in str(v) or v.get("type") != "string"
               for k, v in card.items())

