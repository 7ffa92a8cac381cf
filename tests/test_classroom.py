"""Classroom tools: session codes, team results, their comparison, the debrief."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.bots import RandomBot, play_out
from asean_chair.classroom.codes import ALPHABET, CodeError, make_code, read_code
from asean_chair.classroom.session import save_result, start_session
from asean_chair.rules import load_packs

from .conftest import TUTORIAL

Cli = Callable[..., tuple[int, str, str]]


def test_the_same_code_gives_the_same_game(tutorial: Any) -> None:
    code = make_code(tutorial, preset="short", seed=777)
    a = start_session(tutorial, code)
    b = start_session(tutorial, code.lower().replace("-", " "))
    assert (a.seed, a.preset) == (777, "short")
    one, two = play_out(a.new_state(), RandomBot(1)), play_out(b.new_state(), RandomBot(1))
    assert one.snapshot() == two.snapshot()
    assert read_code(code, tutorial).code == code


def test_every_single_typo_is_caught(tutorial: Any) -> None:
    code = make_code(tutorial, seed=4242)
    chars = code.replace("-", "")
    for i, original in enumerate(chars):
        for c in ALPHABET:
            if c == original:
                continue
            typo = chars[:i] + c + chars[i + 1:]
            with pytest.raises(CodeError):
                read_code(typo, tutorial)


def test_codes_refuse_other_packs_and_nonsense(tutorial: Any, make_pack: Callable[..., Path],
                                               mini: dict[str, Any]) -> None:
    code = make_code(tutorial, seed=1)
    other = load_packs([make_pack(mini)])
    with pytest.raises(CodeError, match="different rule packs"):
        read_code(code, other)
    for bad in ("", "HELLO", "!!!!-!!!!-!!!!-!!!!"):
        with pytest.raises(CodeError, match="not a session code"):
            read_code(bad, tutorial)
    with pytest.raises(CodeError, match="no preset"):
        make_code(tutorial, preset="long")


def _team_results(tutorial: Any, tmp_path: Path, code: str, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        state = play_out(start_session(tutorial, code).new_state(), RandomBot(i))
        paths.append(save_result(state, code, f"Team {i + 1}", tmp_path / f"team{i + 1}.json"))
    return paths


def test_compare_three_teams_with_a_mismatched_and_a_damaged_file(
        cli: Cli, tutorial: Any, tmp_path: Path) -> None:
    code = make_code(tutorial, seed=12)
    paths = _team_results(tutorial, tmp_path, code, 3)
    stranger = _team_results(tutorial, tmp_path / "other", make_code(tutorial, seed=13), 1)[0]
    damaged = tmp_path / "damaged.json"
    damaged.write_text(paths[0].read_text()[:300])
    out_file = tmp_path / "class.html"
    code_, out, err = cli("classroom", "compare", "--pack", str(TUTORIAL), *map(str, paths),
                          str(stranger), str(damaged), "-o", str(out_file))
    assert code_ == 0
    assert "compared 3 teams (2 files not included)" in out
    assert "refused: team1.json: this result is from session" in err
    assert "warning: skipped damaged.json: the save is damaged or cut short" in err
    page = out_file.read_text(encoding="utf-8")
    for team in ("Team 1", "Team 2", "Team 3"):
        assert team in page
    assert "Questions about the naval port" in page
    assert "Allow a short, guided visit" in page  # the real 2022 choice
    assert "<svg" in page


def test_a_hand_edited_result_is_refused(cli: Cli, tutorial: Any, tmp_path: Path) -> None:
    code = make_code(tutorial, seed=12)
    good, edited = _team_results(tutorial, tmp_path, code, 2)
    record = json.loads(edited.read_text())
    record["seed"] = 99
    edited.write_text(json.dumps(record))
    code_, out, err = cli("classroom", "compare", "--pack", str(TUTORIAL), str(good), str(edited),
                          "-o", str(tmp_path / "c.html"))
    assert code_ == 0 and "compared 1 team" in out
    assert "does not match its session code" in err


def test_a_plain_save_is_not_a_result(cli: Cli, tutorial: Any, tmp_path: Path) -> None:
    from asean_chair.engine import Game
    from asean_chair.engine.saves import save_game

    path = save_game(Game(tutorial, seed=1).new_state(), tmp_path / "save.json")
    code_, _, err = cli("classroom", "compare", "--pack", str(TUTORIAL), str(path),
                        "-o", str(tmp_path / "c.html"))
    assert code_ == 1 and "not a classroom result" in err and "no result could be compared" in err


def test_team_plays_a_code_in_the_terminal(cli: Cli, tutorial: Any, tmp_path: Path) -> None:
    code = make_code(tutorial, preset="short", seed=5)
    result = tmp_path / "ours.json"
    status, out, _ = cli("play", "--text", "--pack", str(TUTORIAL), "--code", code, "--team",
                         "Blue", "--result", str(result), stdin="1\n1\n0\n1\n1\n0\n0\n0\n")
    assert status == 0 and f"Classroom session {code}, team Blue." in out
    assert result.is_file()
    record = json.loads(result.read_text())
    assert record["extra"]["classroom"] == {"code": code, "team": "Blue"}
    status, _, err = cli("play", "--text", "--pack", str(TUTORIAL), "--code", "ABCD-EFGH-JKMN-PQRS")
    assert status == 1 and "typo" in err


def test_classroom_new_prints_a_working_code(cli: Cli, tutorial: Any) -> None:
    status, out, _ = cli("classroom", "new", "--pack", str(TUTORIAL), "--teams", "2",
                         "--preset", "short", "--seed", "9")
    assert status == 0
    code = out.split("Session code:")[1].split()[0]
    assert read_code(code, tutorial).seed == 9
    assert out.count(f"--code {code}") == 2


def test_debrief_report(cli: Cli, tutorial: Any, tmp_path: Path) -> None:
    code = make_code(tutorial, seed=3)
    (path,) = _team_results(tutorial, tmp_path, code, 1)
    out_file = tmp_path / "debrief.html"
    status, _, _ = cli("report", str(path), "--pack", str(TUTORIAL), "-o", str(out_file))
    assert status == 0
    page = out_file.read_text(encoding="utf-8")
    assert "Team 1" in page and "points" in page
    assert page.count("<svg") == 2  # tracks and relations month by month
    assert "The three biggest swings" in page and " went from " in page
    assert "In reality:" in page and "Discuss: Why might a small country" in page
    for q in tutorial.scenario().debrief:
        assert q in html.unescape(page)
    assert "@page{size:A4" in page
    status, _, err = cli("report", str(tmp_path / "nothing.json"), "--pack", str(TUTORIAL))
    assert status == 1 and "no such save file" in err
