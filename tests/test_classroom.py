"""Classroom tools: session codes, team results, their comparison, the debrief."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.bots import RandomBot, play_out
from asean_chair.classroom.codes import ALPHABET, CodeError, make_code, read_code
from asean_chair.classroom.results import load_results
from asean_chair.classroom.session import keep_result, save_result, start_session
from asean_chair.common.userdata import saves_dir
from asean_chair.rules import load_packs

from .conftest import TUTORIAL

Cli = Callable[..., tuple[int, str, str]]


def text_of(page: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities decoded, spaces joined)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace(" :", ":")


def test_the_same_code_gives_the_same_game(tutorial: Any) -> None:
    code = make_code(tutorial, preset="short", seed=777)
    a = start_session(tutorial, code)
    b = start_session(tutorial, code.lower().replace("-", " "))
    assert (a.seed, a.preset) == (777, "short")
    one, two = play_out(a.new_state(), RandomBot(1)), play_out(b.new_state(), RandomBot(1))
    assert one.snapshot() == two.snapshot()
    assert read_code(code, tutorial).code == code


def _typos(code: str) -> list[str]:
    """Every code one wrong character or one swap of neighbours away from ``code``."""
    chars = code.replace("-", "")
    out = []
    for i, original in enumerate(chars):
        out += [chars[:i] + c + chars[i + 1:] for c in ALPHABET if c != original]
        if i + 1 < len(chars) and original != chars[i + 1]:
            out.append(chars[:i] + chars[i + 1] + original + chars[i + 2:])
    return out


@pytest.mark.parametrize("pack", ["tutorial", "mini"])
def test_every_single_typo_and_swap_is_caught(pack: str, tutorial: Any,
                                              make_pack: Callable[..., Path],
                                              mini: dict[str, Any]) -> None:
    """The check is a CRC over the code's bits: it refuses every one-character typo and
    every swap of two neighbours, for any seed, preset and packs (not by luck)."""
    import random

    ruleset = tutorial if pack == "tutorial" else load_packs([make_pack(mini)])
    presets = [None] + [p.id for p in ruleset.scenario().presets]
    rng = random.Random(pack)
    for _ in range(60):
        code = make_code(ruleset, preset=rng.choice(presets), seed=rng.randrange(1 << 24))
        for typo in _typos(code):
            # (Refused as a typo; once in 4,096 a typo of the version
            # character looks like an old code and is refused as one.)
            with pytest.raises(CodeError, match=r"typo|older version"):
                read_code(typo, ruleset)


def test_misread_letters_are_forgiven_and_old_codes_named(tutorial: Any) -> None:
    import hashlib

    code = make_code(tutorial, seed=31)
    assert read_code(code.replace("0", "O").replace("1", "I"), tutorial).code == code
    # A code of version 1 (a hash check) is refused as old, not as a typo.
    payload = (1 << 66) | (5 << 32) | int(tutorial.content_hash[:8], 16)
    check = int.from_bytes(hashlib.sha256(payload.to_bytes(10, "big")).digest()[:2],
                           "big") >> 4
    value = (payload << 12) | check
    old = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(16)))
    with pytest.raises(CodeError, match="older version of the game"):
        read_code(old, tutorial)


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


def test_compare_three_teams_with_a_stray_and_a_damaged_file(
        cli: Cli, tutorial: Any, tmp_path: Path) -> None:
    code = make_code(tutorial, seed=12)
    paths = _team_results(tutorial, tmp_path, code, 3)
    stranger = _team_results(tutorial, tmp_path / "other", make_code(tutorial, seed=13), 1)[0]
    damaged = tmp_path / "damaged.json"
    damaged.write_text(paths[0].read_text()[:300])
    out_file = tmp_path / "class.html"
    # The stray file comes first: the class's session still wins, by majority.
    code_, out, err = cli("classroom", "compare", "--pack", str(TUTORIAL), str(stranger),
                          *map(str, paths), str(damaged), "-o", str(out_file))
    assert code_ == 0
    assert f"compared 3 teams of session {code} (2 files not included)" in out
    assert f"refused: {stranger}: a result of session" in err
    assert f"warning: skipped {damaged}: the save is damaged or cut short" in err
    page = text_of(out_file.read_text(encoding="utf-8"))
    for team in ("Team 1", "Team 2", "Team 3"):
        assert team in page
    assert "Questions about the naval port" in page
    assert "Allow a short, guided visit (really chosen)" in page  # the real 2022 choice
    assert str(stranger) in page  # the page names the file left out


def test_a_teacher_chooses_the_session_by_its_code(cli: Cli, tutorial: Any,
                                                   tmp_path: Path) -> None:
    ours, theirs = make_code(tutorial, seed=12), make_code(tutorial, seed=13)
    mine = _team_results(tutorial, tmp_path / "a", ours, 1)
    other = _team_results(tutorial, tmp_path / "b", theirs, 2)
    status, out, err = cli("classroom", "compare", "--pack", str(TUTORIAL), *map(str, other),
                           *map(str, mine), "--code", ours, "-o", str(tmp_path / "c.html"))
    assert status == 0 and f"compared 1 team of session {ours}" in out
    assert err.count("the session you chose") == 2
    status, _, err = cli("classroom", "compare", "--pack", str(TUTORIAL), *map(str, mine),
                         "--code", "NOPE", "-o", str(tmp_path / "c.html"))
    assert status == 1 and "--code: 'NOPE' is not a session code" in err


def test_a_tie_between_sessions_is_said(tutorial: Any, tmp_path: Path) -> None:
    ours, theirs = make_code(tutorial, seed=12), make_code(tutorial, seed=13)
    paths = _team_results(tutorial, tmp_path / "a", ours, 1) + \
        _team_results(tutorial, tmp_path / "b", theirs, 1)
    sorted_ = load_results(paths, tutorial)
    assert sorted_.session == ours and len(sorted_.results) == 1
    assert "equally often" in sorted_.warnings[0] and "--code" in sorted_.warnings[0]


def test_the_same_file_twice_or_a_copy_counts_once(cli: Cli, tutorial: Any,
                                                   tmp_path: Path) -> None:
    code = make_code(tutorial, seed=12)
    one, two = _team_results(tutorial, tmp_path, code, 2)
    copy = tmp_path / "usb" / "copy-of-team1.json"
    copy.parent.mkdir()
    copy.write_bytes(one.read_bytes())
    status, out, err = cli("classroom", "compare", "--pack", str(TUTORIAL), str(one), str(two),
                           str(one), str(copy), "-o", str(tmp_path / "c.html"))
    assert status == 0 and "compared 2 teams" in out and "(2 files not included)" in out
    assert f"refused: {one}: given twice" in err
    assert f"refused: {copy}: the same result as {one}" in err


def test_two_teams_with_one_name_both_count_told_apart(cli: Cli, tutorial: Any,
                                                       tmp_path: Path) -> None:
    code = make_code(tutorial, seed=12)
    paths = []
    for i, folder in enumerate(("red", "blue")):
        state = play_out(start_session(tutorial, code).new_state(), RandomBot(40 + i))
        (tmp_path / folder).mkdir()
        paths.append(save_result(state, code, "Team 1", tmp_path / folder / "result.json"))
    out_file = tmp_path / "c.html"
    status, out, err = cli("classroom", "compare", "--pack", str(TUTORIAL), *map(str, paths),
                           "-o", str(out_file))
    assert status == 0 and "compared 2 teams" in out
    assert "warning: 2 different results call their team 'Team 1'" in err
    page = out_file.read_text(encoding="utf-8")
    assert "Team 1 (red/result.json)" in page and "Team 1 (blue/result.json)" in page


def test_a_second_team_of_the_same_name_never_overwrites(tutorial: Any) -> None:
    code = make_code(tutorial, seed=12)
    first = keep_result(play_out(start_session(tutorial, code).new_state(), RandomBot(1)),
                        code, "Team 1")
    second = keep_result(play_out(start_session(tutorial, code).new_state(), RandomBot(2)),
                         code, "team 1")
    assert first.path == saves_dir() / "result-team-1.json" and first.notes == ()
    assert second.path == saves_dir() / "result-team-1-2.json"
    assert "already exists" in second.notes[0] and "result-team-1-2.json" in second.notes[0]
    assert json.loads(first.path.read_text())["extra"]["classroom"]["team"] == "Team 1"
    assert json.loads(second.path.read_text())["extra"]["classroom"]["team"] == "team 1"
    assert second.lines()[-1].startswith(f"Your result is saved in {second.path}.")


def test_a_result_that_cannot_be_written_is_kept_in_the_saves_folder(
        tutorial: Any, tmp_path: Path) -> None:
    code = make_code(tutorial, seed=12)
    state = play_out(start_session(tutorial, code).new_state(), RandomBot(1))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    kept = keep_result(state, code, "Blue", blocked / "blue.json")
    assert kept.path.parent == saves_dir() and kept.path.is_file()
    assert f"cannot write {blocked / 'blue.json'}" in kept.notes[0]
    assert f"was saved to {kept.path} instead" in kept.notes[0]
    assert load_results([kept.path], tutorial).results[0].team == "Blue"


def test_a_hand_edited_result_is_refused(cli: Cli, tutorial: Any, tmp_path: Path) -> None:
    code = make_code(tutorial, seed=12)
    good, edited = _team_results(tutorial, tmp_path, code, 2)
    record = json.loads(edited.read_text())
    record["seed"] = 99
    edited.write_text(json.dumps(record))
    code_, out, err = cli("classroom", "compare", "--pack", str(TUTORIAL), str(good), str(edited),
                          "-o", str(tmp_path / "c.html"))
    assert code_ == 0 and "compared 1 team" in out
    assert f"{edited}: the result does not match its session code" in err


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
    code = make_code(tutorial, preset="short", seed=3)
    (path,) = _team_results(tutorial, tmp_path, code, 1)
    out_file = tmp_path / "debrief.html"
    status, out, _ = cli("report", str(path), "--pack", str(TUTORIAL), "-o", str(out_file))
    assert status == 0 and "headers and footers off" in out
    raw = out_file.read_text(encoding="utf-8")
    page = text_of(raw)
    assert "Team Team 1" not in page and "Team 1" in page and "points" in page
    short = tutorial.scenario().presets[0]
    assert short.name in page  # the lesson played is named
    assert raw.count("<svg") == 2  # the values turn by turn
    assert "The three biggest swings" in page and " went from " in page
    assert "What really happened: " in page and "Discuss: Why might a small country" in page
    for q in tutorial.scenario().debrief:
        assert q in page
    assert "@page{size:A4" in raw
    status, _, err = cli("report", str(tmp_path / "nothing.json"), "--pack", str(TUTORIAL))
    assert status == 1 and "no such save file" in err
