"""The command line as a person uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from asean_chair.rules.reference import rules_reference

from .conftest import ROOT, TUTORIAL

Cli = Callable[..., tuple[int, str, str]]


def test_validate_a_clean_pack(cli: Cli) -> None:
    code, out, err = cli("validate", str(TUTORIAL))
    assert code == 0, out + err
    assert out.strip().endswith("0 errors, 0 warnings (tutorial 1.0.0: 7 cards, 4 actions, "
                                "5 rules, 4 tracks, 3 actors, 1 scenarios)")


def test_auto_play_reaches_the_end(cli: Cli) -> None:
    code, out, err = cli("play", "--text", "--pack", str(TUTORIAL), "--auto", "random",
                         "--seed", "1")
    assert code == 0, err
    assert "A FIRST QUARTER AS CHAIR" in out
    assert "Score:" in out and "Rank:" in out
    assert "What changed:" in out


def test_unknown_bot_and_scenario_are_explained(cli: Cli) -> None:
    code, _, err = cli("play", "--text", "--pack", str(TUTORIAL), "--auto", "genius")
    assert code == 1 and "unknown bot 'genius'" in err and "Traceback" not in err
    code, _, err = cli("play", "--text", "--pack", str(TUTORIAL), "--scenario", "nope")
    assert code == 1 and "no scenario 'nope'" in err


def test_a_person_can_play_save_quit_load_and_finish(cli: Cli, tmp_path: Path) -> None:
    save = tmp_path / "mine.json"
    code, out, _ = cli("play", "--text", "--pack", str(TUTORIAL), "--seed", "3",
                       stdin=f"h\n9\n1\nu\n2\n1\n0\ns {save}\nq\n")
    assert code == 0
    assert "Type the number of an option" in out  # help
    assert "Type a number from 1 to 3." in out  # 9 is not an option
    assert "Taken back: 'Open the port to a full inspection'" in out
    assert "Saved to" in out
    assert save.is_file()
    answers = "1\n2\n3\n0\n" * 40
    code, out, _ = cli("play", "--text", "--load", str(save), "--pack", str(TUTORIAL),
                       stdin=answers)
    assert code == 0
    assert "Loaded" in out and "February 2022" in out
    assert "Score:" in out


def test_unavailable_option_says_why(cli: Cli, make_pack: Callable[..., Path],
                                     mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["options"][1].update(
        requires="economy > 80", requires_text="Needs a booming economy.")
    pack = make_pack(mini)
    _, out, _ = cli("play", "--text", "--pack", str(pack), "--seed", "1", stdin="2\nq\n")
    assert "2) (unavailable: Needs a booming economy.) B" in out
    assert "Option 2 is unavailable: Needs a booming economy." in out


def test_loading_a_damaged_save_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "asean-chair-save", "vers')
    code, out, err = cli("play", "--text", "--load", str(bad), "--pack", str(TUTORIAL))
    assert code == 1
    assert "bad.json: the save is damaged or cut short" in err
    assert "Traceback" not in out + err


def test_schema_is_json_schema(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("schema")
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "cards" in schema["properties"] and "Card" in schema["$defs"]
    assert schema["$defs"]["Card"]["properties"]["title"]["description"]
    code, _, _ = cli("schema", "-o", str(tmp_path / "s.json"))
    assert code == 0 and json.loads((tmp_path / "s.json").read_text()) == schema


def test_rules_reference_is_current() -> None:
    committed = (ROOT / "docs" / "rules-reference.md").read_text(encoding="utf-8")
    assert committed == rules_reference(), (
        "docs/rules-reference.md is stale: run "
        "`asean-chair schema --reference -o docs/rules-reference.md`")


def test_rules_reference_covers_every_field() -> None:
    from asean_chair.rules.models import EFFECT_KINDS, SECTIONS

    text = rules_reference()
    for section, model in SECTIONS.items():
        assert f"## {section}" in text
        for name, field in model.model_fields.items():
            assert f"`{field.alias or name}`" in text
    for kind in EFFECT_KINDS:
        assert f"`{kind.rstrip('_')}`" in text


def test_python_dash_m_works() -> None:
    run = subprocess.run([sys.executable, "-m", "asean_chair", "validate", str(TUTORIAL)],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert "0 errors" in run.stdout
