"""Every output file: written whole, or one clear message; a result that cannot
be written where asked is kept in the saves folder and the message says where."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from asean_chair.common.outputs import OutputError, write_output
from asean_chair.common.userdata import saves_dir


def fail_in(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int, at: str = "mkstemp") -> None:
    """Make writing into ``folder`` fail with ``code``, as the system would."""
    real_mkstemp = tempfile.mkstemp
    real_fsync = os.fsync
    inside: set[int] = set()

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if Path(kwargs.get("dir", "")).resolve() == folder.resolve():
            if at == "mkstemp":
                raise OSError(code, os.strerror(code))
            fd, name = real_mkstemp(*args, **kwargs)
            inside.add(fd)
            return fd, name
        return real_mkstemp(*args, **kwargs)

    def fsync(fd: int) -> None:
        if fd in inside:
            raise OSError(code, os.strerror(code))
        real_fsync(fd)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "fsync", fsync)


def test_a_file_is_written(tmp_path: Path) -> None:
    path = write_output(tmp_path / "deck.html", "<p>deck</p>")
    assert path.read_text(encoding="utf-8") == "<p>deck</p>"


def test_a_full_disk_is_one_clear_message_and_leaves_nothing_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "deck.html").write_text("the old deck")
    fail_in(monkeypatch, tmp_path, errno.ENOSPC, at="fsync")
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path / "deck.html", "<p>new deck</p>")
    assert str(caught.value) == f"cannot write {tmp_path / 'deck.html'}: the disk is full"
    assert (tmp_path / "deck.html").read_text() == "the old deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.html"]


@pytest.mark.parametrize("code, words", [
    (errno.EACCES, "you may not write there (no permission)"),
    (errno.EROFS, "the disk is read-only"),
    (errno.EDQUOT, "quota"),
])
def test_unwritable_places_say_why(code: int, words: str, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fail_in(monkeypatch, tmp_path, code)
    with pytest.raises(OutputError, match=r"^cannot write .*report\.html: ") as caught:
        write_output(tmp_path / "report.html", "x")
    assert words in str(caught.value)
    assert caught.value.saved_copy is None


def test_a_folder_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError, match="it is a folder; give a file name"):
        write_output(tmp_path / "out", "x")


def test_a_missing_folder_is_not_created_unless_asked(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"the folder .*nowhere does not exist"):
        write_output(tmp_path / "nowhere" / "deck.html", "x")
    assert not (tmp_path / "nowhere").exists()
    path = write_output(tmp_path / "made" / "pack.yaml", "id: x\n", create_folder=True)
    assert path.read_text() == "id: x\n"


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        write_output(tmp_path / "notes" / "deck.html", "x")


def test_a_result_that_cannot_be_written_is_kept_in_the_saves_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    fail_in(monkeypatch, usb, errno.ENOSPC)
    (saves_dir()).mkdir(parents=True, exist_ok=True)
    (saves_dir() / "result-reds.json").write_text("an earlier result, kept")
    with pytest.raises(OutputError) as caught:
        write_output(usb / "result-reds.json", '{"team": "Reds"}', what="the team's result",
                     keep=True)
    copy = saves_dir() / "result-reds-2.json"
    assert caught.value.saved_copy == copy
    assert copy.read_text() == '{"team": "Reds"}'
    assert (saves_dir() / "result-reds.json").read_text() == "an earlier result, kept"
    assert str(caught.value) == (f"cannot write {usb / 'result-reds.json'}: the disk is full; "
                                 f"the team's result was saved to {copy} instead")


def test_when_even_the_copy_fails_the_message_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saves_dir().mkdir(parents=True, exist_ok=True)
    fail_in(monkeypatch, saves_dir(), errno.ENOSPC)
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path / "missing" / "result.json", "{}", what="the team's result",
                     keep=True)
    assert "the folder" in str(caught.value) and "does not exist" in str(caught.value)
    assert f"could not be kept in {saves_dir()} either (the disk is full)" in str(caught.value)
    assert caught.value.saved_copy is None


def test_a_team_result_kept_in_the_saves_folder_is_a_save_that_loads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tutorial: Any) -> None:
    from asean_chair.engine import Game
    from asean_chair.engine.saves import load_game, save_text

    state = Game(tutorial, seed=4).new_state()
    usb = tmp_path / "usb"
    usb.mkdir()
    fail_in(monkeypatch, usb, errno.EROFS)
    with pytest.raises(OutputError, match="the disk is read-only") as caught:
        write_output(usb / "result-blue.json", save_text(state, "Blue — result"),
                     what="the team's result", keep=True)
    assert caught.value.saved_copy is not None
    assert load_game(caught.value.saved_copy, tutorial).state.snapshot() == state.snapshot()
