"""Determinism, saves, replays and undo."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.bots import RandomBot, play_out
from asean_chair.engine import Game
from asean_chair.engine.saves import SaveError, load_game, save_game
from asean_chair.rules import load_packs

from .conftest import TUTORIAL, write_pack

Cli = Callable[..., tuple[int, str, str]]


def played(ruleset: Any, seed: int, steps: int) -> Any:
    st = Game(ruleset, seed=seed).new_state()
    bot = RandomBot(seed)
    for _ in range(steps):
        if st.is_over:
            break
        st.apply(bot.choose(st))
    return st


def test_same_seed_same_game(tutorial: Any) -> None:
    a = play_out(Game(tutorial, seed=11).new_state(), RandomBot(11))
    b = play_out(Game(tutorial, seed=11).new_state(), RandomBot(11))
    assert a.history == b.history and a.snapshot() == b.snapshot()
    assert ([(e.target, e.after, e.text) for e in a.log]
            == [(e.target, e.after, e.text) for e in b.log])


def test_transcripts_are_byte_identical_and_replay(cli: Cli, tmp_path: Path) -> None:
    paths = [tmp_path / "one.jsonl", tmp_path / "two.jsonl"]
    for path in paths:
        code, out, _ = cli("play", "--text", "--pack", str(TUTORIAL), "--auto", "random",
                           "--seed", "7", "--transcript", str(path))
        assert code == 0 and "Score:" in out
    assert paths[0].read_bytes() == paths[1].read_bytes()
    lines = paths[0].read_text().splitlines()
    assert json.loads(lines[0])["seed"] == 7 and len(lines) > 5
    code, out, _ = cli("replay", str(paths[0]), "--pack", str(TUTORIAL))
    assert code == 0 and "reproduce exactly" in out


def test_replay_catches_a_changed_transcript(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    cli("play", "--text", "--pack", str(TUTORIAL), "--auto", "random", "--seed", "7",
        "--transcript", str(path))
    lines = path.read_text().splitlines()
    record = json.loads(lines[2])
    record["values"]["autonomy"] += 1
    lines[2] = json.dumps(record, sort_keys=True, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n")
    code, out, _ = cli("replay", str(path), "--pack", str(TUTORIAL))
    assert code == 1 and "t.jsonl:3: MISMATCH" in out and "autonomy" in out


def test_save_and_load_round_trip(tutorial: Any, tmp_path: Path) -> None:
    st = played(tutorial, 4, 6)
    path = save_game(st, tmp_path / "game.json")
    record = json.loads(path.read_text())
    assert record["packs"][0]["id"] == "tutorial" and record["seed"] == 4
    assert record["actions"] == [str(a) for a in st.history]
    loaded = load_game(path, tutorial)
    assert not loaded.migrated
    assert loaded.state.snapshot() == st.snapshot()
    # and it plays on identically
    a, b = st.clone(), loaded.state
    play_out(a, RandomBot(9))
    play_out(b, RandomBot(9))
    assert a.snapshot() == b.snapshot()


def test_save_writes_are_atomic(tutorial: Any, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    st = played(tutorial, 4, 3)
    path = save_game(st, tmp_path / "game.json")
    good = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", crash)
    with pytest.raises(OSError):
        save_game(played(tutorial, 5, 5), path)
    assert path.read_bytes() == good  # the old save is intact
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # no temp file left


def test_truncated_save_is_refused(tutorial: Any, tmp_path: Path) -> None:
    path = save_game(played(tutorial, 4, 6), tmp_path / "game.json")
    other = save_game(played(tutorial, 5, 6), tmp_path / "other.json")
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(SaveError) as err:
        load_game(path, tutorial)
    assert "damaged or cut short" in str(err.value)
    assert load_game(other, tutorial).state.turn >= 1  # the others are unharmed


def test_hand_edited_save_is_refused(tutorial: Any, tmp_path: Path) -> None:
    path = save_game(played(tutorial, 4, 6), tmp_path / "game.json")
    record = json.loads(path.read_text())
    record["snapshot"]["values"]["autonomy"] = 99
    path.write_text(json.dumps(record))
    with pytest.raises(SaveError) as err:
        load_game(path, tutorial)
    assert "edited or damaged" in str(err.value)
    record["snapshot"]["values"]["autonomy"] = 55
    record["actions"].insert(0, "act:no_such_action")
    path.write_text(json.dumps(record))
    with pytest.raises(SaveError) as err:
        load_game(path, tutorial)
    assert "edited or damaged" in str(err.value)


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n", b"[1, 2]", b'{"format": "other"}',
                                     b'{"format": "asean-chair-save", "version": 1}',
                                     b"[" * 100_000 + b"]" * 100_000],
                         ids=["empty", "png", "list", "other", "fields", "deep"])
def test_files_that_are_not_saves(tutorial: Any, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(SaveError):
        load_game(path, tutorial)


def copy_tutorial(dest: Path) -> Path:
    files = {p.name: p.read_text(encoding="utf-8") for p in TUTORIAL.glob("*.yaml")}
    return write_pack(dest, files)


def test_save_from_a_changed_pack_is_refused(tmp_path: Path) -> None:
    folder = copy_tutorial(tmp_path / "tutorial")
    rs = load_packs([folder])
    st = played(rs, 2, 8)
    path = save_game(st, tmp_path / "game.json")
    cards = folder / "world.yaml"
    cards.write_text(cards.read_text().replace("start: 55", "start: 45"))
    with pytest.raises(SaveError) as err:
        load_game(path, load_packs([folder]))
    assert "pack 'tutorial' 1.0.0 has been edited" in str(err.value)
    assert "different game" in str(err.value) or "no longer fit" in str(err.value)


def test_save_from_a_harmlessly_changed_pack_is_migrated(tmp_path: Path) -> None:
    folder = copy_tutorial(tmp_path / "tutorial")
    rs = load_packs([folder])
    st = played(rs, 2, 8)
    path = save_game(st, tmp_path / "game.json")
    cards = folder / "cards.yaml"
    cards.write_text(cards.read_text().replace("A tropical storm", "A typhoon"))
    loaded = load_game(path, load_packs([folder]))
    assert loaded.migrated and "does not affect this game" in loaded.note
    assert loaded.state.snapshot() == st.snapshot()


def test_save_with_other_packs_is_refused(tutorial: Any, tmp_path: Path,
                                          make_pack: Callable[..., Path],
                                          mini: dict[str, Any]) -> None:
    path = save_game(played(tutorial, 2, 3), tmp_path / "game.json")
    with pytest.raises(SaveError) as err:
        load_game(path, load_packs([make_pack(mini)]))
    assert "made with the packs tutorial" in str(err.value)


def test_saved_files_are_readable_by_others(tutorial: Any, tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = save_game(played(tutorial, 1, 2), tmp_path / "shared.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
