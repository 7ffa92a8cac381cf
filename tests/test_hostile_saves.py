"""Saves and result files that are damaged, edited or hostile: each gets one
clear message naming the file, of a class callers can test, never a
traceback, a hang or a file read past its cap."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from asean_chair.bots import RandomBot
from asean_chair.engine import Game
from asean_chair.engine.saves import (
    NotASave,
    PacksChanged,
    SaveDamaged,
    SaveError,
    SaveMismatch,
    SaveTooNew,
    SaveUnreadable,
    load_game,
    parse_json,
    read_record,
    save_game,
)
from asean_chair.files import clean_orphans
from asean_chair.rules import load_packs

from .conftest import ROOT, TUTORIAL, write_pack

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def _never_hang() -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError("the game waited on a file for 20 seconds")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The record of a few moves of the tutorial, as written to a save."""
    rs = load_packs([TUTORIAL])
    st = Game(rs, seed=3).new_state()
    bot = RandomBot(3)
    for _ in range(6):
        st.apply(bot.choose(st))
    path = save_game(st, tmp_path_factory.mktemp("saved") / "game.json",
                     extra={"classroom": {"code": "X", "team": "Reds"}, "votes": []})
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def write(tmp_path: Path, record: Any, name: str = "game.json") -> Path:
    path = tmp_path / name
    path.write_text(record if isinstance(record, str) else json.dumps(record), encoding="utf-8")
    return path


def changed(record: dict[str, Any], *path: Any, value: Any) -> dict[str, Any]:
    out = json.loads(json.dumps(record))
    here = out
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = value
    return out


def report_says(cli: Cli, path: Path, *words: str) -> str:
    """``asean-chair report`` on the file: exit 1 and one line naming it."""
    code, out, err = cli("report", str(path), "--pack", str(TUTORIAL), "-o",
                         str(path.with_suffix(".html")))
    assert code == 1, out + err
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert path.name in lines[0]
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


# ------------------------------------------------------------------ numbers


def test_a_seed_of_five_thousand_digits_is_damaged_not_a_crash(
        cli: Cli, saved: dict[str, Any], tmp_path: Path) -> None:
    text = json.dumps(saved).replace(f'"seed": {saved["seed"]}', '"seed": 1' + "0" * 5000)
    path = write(tmp_path, text)
    with pytest.raises(SaveDamaged, match=r"game\.json: .*5001 digits"):
        read_record(path)
    report_says(cli, path, "damaged", "digits")


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_numbers_that_are_not_finite_are_refused(number: str, saved: dict[str, Any],
                                                 tmp_path: Path) -> None:
    text = json.dumps(changed(saved, "snapshot", "values", "autonomy", value=12345)).replace(
        "12345", number)
    with pytest.raises(SaveDamaged, match="damaged"):
        read_record(write(tmp_path, text))


# -------------------------------------------------------------------- types


@pytest.mark.parametrize("path, value, words", [
    (("seed",), 7.0, "seed"),
    (("seed",), True, "seed"),
    (("seed",), "7", "seed"),
    (("actions",), [1, 2], "actions"),
    (("actions",), "choose a b", "actions"),
    (("actions", 0), {"kind": "choose"}, "actions"),
    (("actions", 0), "x" * 100_000, "actions"),
    (("packs",), [], "packs"),
    (("packs", 0, "hash"), 12, "packs"),
    (("snapshot", "values"), [1, 2], "snapshot"),
    (("snapshot", "values", "autonomy"), "high", "snapshot"),
    (("snapshot", "values", "autonomy"), True, "snapshot"),
    (("snapshot", "values", "autonomy"), None, "snapshot"),
    (("snapshot", "phase"), 3, "snapshot"),
    (("preset",), ["short"], "preset"),
    (("turn",), "3", "turn"),
    (("label",), {"a": 1}, "label"),
    (("extra",), "classroom", "extra"),
    (("extra",), [1], "extra"),
    (("extra", "classroom"), "Reds", "classroom"),
    (("extra", "classroom", "team"), 7, "classroom"),
    (("extra", "classroom", "result"), ["a"], "classroom"),
    (("extra", "votes"), "many", "votes"),
    (("extra", "votes"), [{"turn": "1"}], "votes"),
    (("extra", "votes"), [{"turn": 1, "month": 1, "card": "c", "chosen": "a",
                           "tallies": {"a": -5}}], "votes"),
    (("extra", "votes"), [{"turn": 1, "month": 1, "card": "c", "chosen": "a",
                           "tallies": {"a": "lots"}}], "votes"),
    (("extra", "pack_dirs"), [1], "pack folders"),
    (("extra", "exact_numbers"), "yes", "exact_numbers"),
])
def test_a_field_of_the_wrong_kind_is_damaged(path: tuple[Any, ...], value: Any, words: str,
                                              saved: dict[str, Any], tmp_path: Path) -> None:
    file = write(tmp_path, changed(saved, *path, value=value))
    with pytest.raises(SaveDamaged) as caught:
        read_record(file)
    assert str(caught.value).startswith("game.json: the save is damaged")
    assert words in str(caught.value)


def test_a_wrong_field_is_one_line_from_the_report_command(
        cli: Cli, saved: dict[str, Any], tmp_path: Path) -> None:
    path = write(tmp_path, changed(saved, "extra", "classroom", value=["not", "a", "team"]))
    report_says(cli, path, "damaged", "classroom")


def test_a_well_formed_save_still_loads(saved: dict[str, Any], tmp_path: Path) -> None:
    loaded = load_game(write(tmp_path, saved), load_packs([TUTORIAL]))
    assert loaded.state.snapshot() == saved["snapshot"]


# ------------------------------------------------------------ version, BOM


@pytest.mark.parametrize("version", ["2", -1, 0, 1.5, None, True, [1]])
def test_a_malformed_format_version_is_damaged_not_newer(
        version: Any, saved: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(SaveDamaged) as caught:
        read_record(write(tmp_path, changed(saved, "version", value=version)))
    assert "format version" in str(caught.value)
    assert "newer" not in str(caught.value)


def test_a_newer_format_version_says_so(saved: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(SaveTooNew, match="newer version of the game"):
        read_record(write(tmp_path, changed(saved, "version", value=2)))


def test_a_save_with_a_byte_order_mark_loads(saved: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(saved).encode("utf-8"))
    loaded = load_game(path, load_packs([TUTORIAL]))
    assert loaded.state.snapshot() == saved["snapshot"]


# ------------------------------------------------------------------- files


def test_a_missing_save_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(SaveUnreadable, match=r"nothing\.json: no such save file"):
        read_record(tmp_path / "nothing.json")


def test_a_named_pipe_is_refused_without_waiting(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    with pytest.raises(SaveUnreadable, match=r"pipe\.json: this is a named pipe"):
        read_record(path)
    report_says(cli, path, "named pipe")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(SaveUnreadable, match="a folder"):
        read_record(tmp_path / "folder.json")


def test_a_huge_save_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(NotASave, match=r"huge\.json: the file is too large to be a save"):
            read_record(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


@pytest.mark.parametrize("content", [b"\x89PNG\r\n", b"[1, 2]", b'{"format": "other"}',
                                     b"hello"])
def test_other_files_are_not_saves(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(NotASave, match=r"x\.json: this is not"):
        read_record(path)


def test_transcript_lines_use_the_same_strict_json() -> None:
    with pytest.raises(SaveDamaged, match=r"t\.jsonl: the transcript is damaged"):
        parse_json('{"seed": ' + "9" * 5000 + "}", "t.jsonl", "transcript")
    assert parse_json('{"seed": 7}', "t.jsonl", "transcript") == {"seed": 7}


# ------------------------------------------------------- packs and classes


def copy_tutorial(dest: Path) -> Path:
    return write_pack(dest, {p.name: p.read_text(encoding="utf-8")
                             for p in TUTORIAL.glob("*.yaml")})


def test_other_packs_are_a_mismatch(saved: dict[str, Any], tmp_path: Path,
                                    make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    with pytest.raises(SaveMismatch, match="made with the packs tutorial"):
        load_game(write(tmp_path, saved), load_packs([make_pack(mini)]))


def test_changed_packs_that_change_the_game_are_their_own_class(tmp_path: Path) -> None:
    folder = copy_tutorial(tmp_path / "tutorial")
    st = Game(load_packs([folder]), seed=2).new_state()
    bot = RandomBot(2)
    for _ in range(8):
        st.apply(bot.choose(st))
    path = save_game(st, tmp_path / "game.json")
    world = folder / "world.yaml"
    world.write_text(world.read_text().replace("start: 55", "start: 45"))
    with pytest.raises(PacksChanged, match="has been edited"):
        load_game(path, load_packs([folder]))


def test_every_save_problem_is_a_save_error() -> None:
    for kind in (SaveUnreadable, NotASave, SaveDamaged, SaveTooNew, SaveMismatch, PacksChanged):
        assert issubclass(kind, SaveError)


# --------------------------------------------------- interrupted writes


def test_a_save_killed_half_way_leaves_a_temporary_file_the_next_save_removes(
        saved: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "autosave.json"
    killed = subprocess.run([sys.executable, "-c", (
        "import os, signal, sys\n"
        "from asean_chair import files\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"files.write_atomic({str(target)!r}, 'half a save')\n")],
        check=False, cwd=ROOT, capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    orphans = list(tmp_path.glob(".autosave.json.*.tmp"))
    assert len(orphans) == 1 and not target.exists()
    young = tmp_path / ".other.json.abcd1234.tmp"
    young.write_text("a save being written right now")
    stranger = tmp_path / ".notes.tmp"
    stranger.write_text("not ours")
    hour_ago = time.time() - 3600
    for p in (orphans[0], stranger):
        os.utime(p, (hour_ago, hour_ago))

    rs = load_packs([TUTORIAL])
    save_game(Game(rs, seed=1).new_state(), tmp_path / "game.json")

    assert not orphans[0].exists()
    assert young.exists() and stranger.exists()
    assert read_record(tmp_path / "game.json")["seed"] == 1


def test_cleaning_never_follows_links_or_touches_folders(tmp_path: Path) -> None:
    old = time.time() - 3600
    elsewhere = tmp_path / "keep.txt"
    elsewhere.write_text("precious")
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / ".game.json.abcd1234.tmp").symlink_to(elsewhere)
    (folder / ".game.json.efgh5678.tmp").mkdir()
    os.utime(folder / ".game.json.efgh5678.tmp", (old, old))
    assert clean_orphans(folder) == 0
    assert elsewhere.read_text() == "precious"
