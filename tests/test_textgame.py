"""The terminal game as a player reads it: the scenario's own words, nothing
hidden shown, previews that say what is certain, the debrief's core at the
end, and output that a pack cannot use to take over the terminal."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.engine import Game
from asean_chair.rules import load_packs
from asean_chair.rules.preview import preview

from .conftest import MINI, ROOT

Cli = Callable[..., tuple[int, str, str]]
MakePack = Callable[..., Path]


def weekly(mini: dict[str, Any]) -> dict[str, Any]:
    """The mini pack as a harbour in a storm season: weeks, favours, stakeholders."""
    sc = mini["scenario.yaml"]["scenarios"][0]
    for legacy in ("start_month",):
        sc.pop(legacy, None)
    sc.update(turns=4, calendar={"unit": "week", "names": "numbers"},
              words={"currency": "favour", "currencies": "favours", "side": "Your harbour",
                     "relations": "Stakeholders", "actions": "Harbour business"},
              milestones=[{"turn": 2, "name": "Spring tide", "text": "The quays flood."}])
    sc["capital"]["name"] = "Favours"
    mini["world.yaml"]["tracks"].append(
        {"id": "fatigue", "name": "Crew fatigue", "start": 10, "visible": False})
    mini["world.yaml"]["actions"][0]["effects"] = [{"add": {"autonomy": 1, "fatigue": 2}}]
    mini["cards.yaml"]["cards"][0]["when"] = {"turn": "Week 1"}
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [
        {"add": {"autonomy": 5, "fatigue": 3}},
        {"schedule": {"in": 2, "effects": [{"add": {"economy": 4}}]}}]
    return mini


FRAME = re.compile(r"\b(month|months|January|February|March|April|capital|country|"
                   r"Relations|2022|ASEAN|Diplomacy)\b")


def test_a_week_calendar_speaks_its_own_words(cli: Cli, make_pack: MakePack,
                                             mini: dict[str, Any]) -> None:
    folder = make_pack(weekly(mini))
    code, out, err = cli("play", "--text", "--pack", str(folder), "--auto", "random",
                         "--seed", "2")
    assert code == 0, err
    assert "Week 1 of 4" in out and "Week 1 · week" not in out
    assert "Stakeholders: East +0 · West +0" in out
    assert "This week: Spring tide. The quays flood." in out
    assert "Event 1 of 1 this week: FIRST" in out
    assert "HARBOUR BUSINESS" in out and "0) End the week" in out
    assert "costs 1 favour" in out
    assert FRAME.findall(out) == []


def test_a_hidden_track_never_reaches_the_player(cli: Cli, make_pack: MakePack,
                                                mini: dict[str, Any]) -> None:
    folder = make_pack(weekly(mini))
    code, out, _ = cli("play", "--text", "--pack", str(folder), "--auto", "random",
                       "--seed", "2")
    assert code == 0 and "Crew fatigue" not in out
    code, out, _ = cli("play", "--text", "--pack", str(folder), "--auto", "random",
                       "--seed", "2", "--modder")
    assert code == 0 and "Crew fatigue" in out  # a modder sees it


def test_file_positions_are_for_modders_only(cli: Cli, make_pack: MakePack,
                                            mini: dict[str, Any]) -> None:
    folder = make_pack(mini)
    code, out, _ = cli("play", "--text", "--pack", str(folder), "--seed", "1", stdin="1\nl\nq\n")
    assert code == 0 and "cards.yaml:" not in out
    code, out, _ = cli("play", "--text", "--pack", str(folder), "--seed", "1", "--modder",
                       stdin="1\nl\nq\n")
    assert code == 0 and "cards.yaml:" in out


def test_previews_mark_only_what_chance_leaves_open(make_pack: MakePack,
                                                   mini: dict[str, Any]) -> None:
    opt = mini["cards.yaml"]["cards"][0]["options"][0]
    opt["effects"] = [{"add": {"rel.east": 10}}]
    opt["outcomes"] = [  # every branch gives +2 economy; autonomy depends on chance
        {"chance": 0.5, "effects": [{"add": {"economy": 2, "autonomy": 3}}]},
        {"chance": 0.5, "effects": [{"add": {"economy": 2}}]},
    ]
    ruleset = load_packs([make_pack(mini)])
    st = Game(ruleset, seed=1).new_state()
    found = {m.target: m for m in preview(ruleset.cards["first"].options[0], ruleset, st.v).moves}
    assert (found["economy"].low, found["economy"].high) == (2, 2)
    assert (found["autonomy"].low, found["autonomy"].high) == (0, 3)
    assert found["rel.west"].knock_on and found["rel.west"].low == -5  # rivalry 0.5 of +10


def test_delayed_effects_are_previewed(cli: Cli, make_pack: MakePack,
                                       mini: dict[str, Any]) -> None:
    folder = make_pack(weekly(mini))
    _, out, _ = cli("play", "--text", "--pack", str(folder), "--seed", "1", stdin="q\n")
    assert "later: In 2 weeks: Economy +4" in out


def test_the_ending_prints_what_really_happened_and_how_to_print_the_rest(cli: Cli) -> None:
    answers = "1\n2\n3\n4\n0\n" * 60  # some answer fits every prompt
    code, out, _ = cli("play", "--text", "--pack", str(ROOT / "rules" / "tutorial"),
                       "--seed", "4", stdin=answers)
    assert code == 0 and "Score:" in out
    assert "WHAT REALLY HAPPENED" in out and "Source:" in out and "Discuss:" in out
    assert "Questions for the class:" in out
    assert "asean-chair report" in out and "-o debrief.html" in out


def test_the_history_bot_refuses_a_pack_with_no_history(cli: Cli, make_pack: MakePack,
                                                       mini: dict[str, Any]) -> None:
    code, _, err = cli("play", "--text", "--pack", str(make_pack(mini)), "--auto", "history")
    assert code == 1 and "no card of these packs records one" in err
    assert "Traceback" not in err


def test_a_bot_on_a_session_code_writes_the_teams_result(cli: Cli, tmp_path: Path) -> None:
    from asean_chair.classroom.codes import make_code

    tutorial = ROOT / "rules" / "tutorial"
    code_text = make_code(load_packs([tutorial]), seed=9)
    result = tmp_path / "team-a.json"
    code, out, err = cli("play", "--text", "--pack", str(tutorial), "--auto", "random",
                         "--quiet", "--code", code_text, "--team", "Team A", "--result",
                         str(result))
    assert code == 0, err
    assert result.is_file() and str(result) in out


def test_a_transcript_that_cannot_be_written_is_one_clear_line(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("play", "--text", "--pack", str(ROOT / "rules" / "tutorial"), "--auto",
                       "random", "--quiet", "--transcript", str(tmp_path / "no" / "t.jsonl"))
    assert code == 1 and "cannot write" in err and "Traceback" not in err


def test_pack_text_cannot_drive_the_terminal(cli: Cli, make_pack: MakePack) -> None:
    mini = copy.deepcopy(MINI)
    mini["cards.yaml"]["cards"][0]["title"] = "First\x1b[2J\x1b]0;pwned\x07 card"
    mini["cards.yaml"]["cards"][0]["text"] = "Bell\x07 and \x1b[31mred\x1b[0m."
    code, out, _ = cli("play", "--text", "--pack", str(make_pack(mini)), "--auto", "random",
                       "--seed", "1")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "FIRST CARD" in out.replace("  ", " ") or "FIRST" in out


@pytest.mark.parametrize("preset", [None, "short"])
def test_the_lesson_begins_with_its_own_briefing(cli: Cli, preset: str | None) -> None:
    args = ["play", "--text", "--pack", str(ROOT / "rules" / "asean2022"), "--auto", "random",
            "--seed", "1", "--quiet"]
    game = Game(load_packs([ROOT / "rules" / "asean2022"]), seed=1, preset=preset)
    first = game.clock.name(game.first_turn)
    assert first in game.briefing
    if preset:
        args += ["--preset", preset]
    code, _, _ = cli(*args)
    assert code == 0


def test_replay_refuses_a_save_with_a_number_too_long_to_read(cli: Cli, tmp_path: Path) -> None:
    import json

    from asean_chair.engine.saves import save_game

    st = Game(load_packs([ROOT / "rules" / "tutorial"]), seed=3).new_state()
    path = save_game(st, tmp_path / "s.json")
    record = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(record).replace('"seed": 3', '"seed": ' + "9" * 5000),
                    encoding="utf-8")
    code, out, err = cli("replay", str(path))
    assert code == 1 and "Traceback" not in out + err and "s.json" in err


def test_a_hostile_message_is_cleaned_before_the_terminal(cli: Cli, make_pack: MakePack,
                                                         mini: dict[str, Any]) -> None:
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [
        {"add": {"autonomy\x1b[2J": 1}}]
    code, out, err = cli("validate", str(make_pack(mini)))
    assert code == 1 and "\x1b" not in out + err


def test_a_second_team_of_the_same_name_gets_its_own_result_file(cli: Cli) -> None:
    from asean_chair.classroom.codes import make_code
    from asean_chair.common.userdata import saves_dir

    tutorial = ROOT / "rules" / "tutorial"
    code_text = make_code(load_packs([tutorial]), seed=9)
    outs = []
    for seed in ("1", "2"):
        code, out, err = cli("play", "--text", "--pack", str(tutorial), "--auto", "random",
                             "--quiet", "--code", code_text, "--team", "Team 1", "--seed", seed)
        assert code == 0, err
        outs.append(out)
    results = sorted(p.name for p in saves_dir().glob("result-*.json"))
    assert results == ["result-team-1-2.json", "result-team-1.json"]
    said = " ".join(outs[1].split())  # the terminal wraps long lines
    assert "already exists" in said and "saved as result-team-1-2.json" in said
