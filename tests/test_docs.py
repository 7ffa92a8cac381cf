"""Docs that never drift: the rules reference says what the engine does, the
help lists the bots the README lists, and the modding guide's outputs are
what its commands print (tools/guide.py runs them)."""

from __future__ import annotations

import re
import sys

import pytest
from jsonschema import Draft202012Validator

from asean_chair.bots import BOTS
from asean_chair.rules.models import SECTIONS
from asean_chair.rules.reference import rules_reference
from asean_chair.rules.schema import rules_schema
from asean_chair.rules.yamlread import read_yaml_text

from .conftest import ROOT

REFERENCE = rules_reference()


def test_the_reference_explains_what_the_tables_cannot() -> None:
    for heading in ("## The calendar and the words", "## Turn references", "## The turn",
                    "## Cards: fixed, drawn and follow-ups", "## Endings and `end_game`",
                    "## Hidden tracks", "## Real and invented", "## Numbers and limits",
                    "## What the loader refuses", "## Editors"):
        assert f"\n{heading}\n" in REFERENCE, heading
    for words in ("`visible: false`", "`repeat: true`", "`turn_steps`", "`end_game`",
                  "`when: {turn: W3}`", "`first_turn: Feb`", "`turns_left`",
                  "`invented: true`", "`historical_option`", "Tier thresholds",
                  "duplicate ids", "chained"):
        assert words in REFERENCE, words


def test_the_reference_describes_the_engines_turn() -> None:
    from asean_chair.engine.mutate import MAX_CARDS_PER_TURN
    from asean_chair.engine.turn import DEFAULT_TURN, STEP_NAMES

    section = REFERENCE.split("## The turn\n")[1].split("\n## ")[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)
    assert sorted(listed) == sorted(STEP_NAMES)
    assert "The usual order is `" + ", ".join(DEFAULT_TURN) + "`" in " ".join(section.split())
    assert f"more than {MAX_CARDS_PER_TURN} cards" in " ".join(REFERENCE.split())


def test_every_example_of_the_reference_passes_the_schema() -> None:
    validator = Draft202012Validator(rules_schema())
    blocks = re.findall(r"```yaml\n(.*?)```", REFERENCE, re.DOTALL)
    sections = "|".join(SECTIONS)
    whole = [b for b in blocks if re.match(rf"(?:#.*\n)*({sections}):\n", b)]
    assert len(whole) >= 10
    for block in whole:
        data = read_yaml_text(block, "reference.md")
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], block


def test_the_help_and_the_readme_list_every_bot() -> None:
    names = {b.split("[")[0].split(":")[0] for b in BOTS}
    assert names == {"random", "greedy", "history", "cautious", "mcts", "stance"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(ln for ln in readme.splitlines() if "--auto random" in ln)
    found = re.search(r"--auto ([^`]+)`", line)
    assert found is not None
    assert set(found.group(1).replace("\\", "").replace(":ACTOR", "").split("|")) == names
    guide = (ROOT / "docs" / "modding-guide.md").read_text(encoding="utf-8")
    for command in ("play", "simulate"):
        text = " ".join(_help(command).split())
        for name in names:
            assert name in text, (command, name)
    for name in names:
        assert f"- `{name}" in guide, name


def _help(command: str) -> str:
    from asean_chair.cli.main import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sub.choices[command].format_help()  # type: ignore[union-attr, no-any-return]


@pytest.mark.slow
def test_the_modding_guide_shows_what_its_commands_print(tmp_path_factory: pytest.TempPathFactory
                                                         ) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import guide

    differences = guide.check(ROOT / "docs" / "modding-guide.md",
                              tmp_path_factory.mktemp("guide"))
    assert differences == [], ("the modding guide differs from what its commands print; run "
                               "`python tools/guide.py` and read the diff:\n"
                               + "\n".join(differences))


def test_the_limits_the_reference_states_are_enforced() -> None:
    from pydantic import ValidationError

    from asean_chair.rules.models import Action, Draw, Modifier, Scenario, Schedule

    scenario = {"id": "s", "name": "S", "score": "1",
                "endings": [{"id": "e", "title": "E", "text": "T"}],
                "tiers": [{"id": "t", "name": "T", "min_score": 0}]}
    beyond = [
        (Scenario, {**scenario, "turns": 61}), (Scenario, {**scenario, "turns": 0}),
        (Schedule, {"card": "x", "in": 0}), (Schedule, {"card": "x", "in": 61}),
        (Draw, {"tags": ["a"], "count": 6}), (Modifier, {"id": "m", "name": "M", "turns": 61}),
        (Action, {"id": "a", "name": "A", "per_turn": 0}),
    ]
    for model, data in beyond:
        with pytest.raises(ValidationError):
            model.model_validate(data)
