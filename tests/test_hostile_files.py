"""Pack folders that try to hang, flood or leave the game: each is refused with
one clear ``file:line:col: error:`` line and exit 1, never a traceback, a
hang or a pile of memory."""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from asean_chair.rules import packfiles, yamlread

from .conftest import TUTORIAL, write_pack

Cli = Callable[..., tuple[int, str, str]]
LINE = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): "
                  r"(?P<msg>.+)$")


@pytest.fixture(autouse=True)
def _never_hang() -> Iterator[None]:
    """Fail, rather than wait forever, if a test opens a pipe nobody writes to."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError("the game waited on a file for 20 seconds")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def refused(cli: Cli, pack: Path, file: str, *words: str, args: tuple[str, ...] = ()) -> str:
    """Validate ``pack``: exit 1, and an error line naming ``file`` with ``words``."""
    code, out, err = cli("validate", str(pack), *args)
    assert code == 1, out + err
    assert "Traceback" not in out + err
    errors = [m for m in map(LINE.match, out.splitlines()) if m and m["sev"] == "error"]
    mine = [m for m in errors if m["file"].replace(os.sep, "/").endswith(file)]
    assert mine, out
    for w in words:
        assert w in mine[0]["msg"], mine[0].group(0)
    return mine[0].group(0)


# ------------------------------------------------------------ size and kind


def test_a_huge_file_is_refused_before_it_is_read_or_hashed(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    pack = make_pack(mini)
    with open(pack / "huge.yaml", "wb") as f:
        f.truncate(64 * 1024 * 1024)  # sparse: 64 MB on paper, nothing on the disk
    tracemalloc.start()
    try:
        line = refused(cli, pack, "mini/huge.yaml", "67,108,864 bytes")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert line.startswith(("mini/huge.yaml:1:1", str(pack / "huge.yaml") + ":1:1"))
    assert peak < 16 * 1024 * 1024, f"{peak:,} bytes held while refusing it"


def test_a_named_pipe_is_refused_without_waiting(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    pack = make_pack(mini)
    os.mkfifo(pack / "cards-more.yaml")
    refused(cli, pack, "mini/cards-more.yaml", "named pipe", "not a file")


def test_a_named_pipe_as_pack_yaml_is_refused_without_waiting(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    del mini["pack.yaml"]
    pack = make_pack(mini)
    os.mkfifo(pack / "pack.yaml")
    refused(cli, pack, "mini/pack.yaml", "named pipe")


def test_a_named_pipe_as_a_translation_is_refused_without_waiting(
        cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, pack)
    (pack / "locale" / "km.yaml").unlink()
    os.mkfifo(pack / "locale" / "km.yaml")
    refused(cli, pack, "tutorial/locale/km.yaml", "named pipe", args=("--lang", "km"))


def test_a_device_is_refused(cli: Cli, make_pack: Callable[..., Path],
                             mini: dict[str, Any]) -> None:
    pack = make_pack(mini)
    try:
        os.mknod(pack / "zero.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    except (PermissionError, AttributeError):
        pytest.skip("making a device file needs root")
    refused(cli, pack, "mini/zero.yaml", "a device")


# ------------------------------------------------------------------- links


def test_a_file_linked_from_outside_the_pack_is_refused(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any], tmp_path: Path) -> None:
    outside = write_pack(tmp_path / "elsewhere", {"cards.yaml": mini.pop("cards.yaml")})
    pack = make_pack(mini)
    (pack / "cards.yaml").symlink_to(outside / "cards.yaml")
    refused(cli, pack, "mini/cards.yaml", "link", "outside the pack folder")


def test_a_link_to_a_device_is_refused(cli: Cli, make_pack: Callable[..., Path],
                                       mini: dict[str, Any]) -> None:
    pack = make_pack(mini)
    (pack / "zero.yaml").symlink_to("/dev/zero")
    refused(cli, pack, "mini/zero.yaml", "outside the pack folder")


def test_a_folder_linked_from_outside_the_pack_is_refused(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any], tmp_path: Path) -> None:
    outside = write_pack(tmp_path / "elsewhere", {"cards.yaml": mini.pop("cards.yaml")})
    pack = make_pack(mini)
    (pack / "more").symlink_to(outside, target_is_directory=True)
    refused(cli, pack, "mini/more", "folder is a link", "outside the pack folder")


def test_pack_yaml_linked_from_outside_is_refused(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any], tmp_path: Path) -> None:
    outside = write_pack(tmp_path / "elsewhere", {"pack.yaml": mini.pop("pack.yaml")})
    pack = make_pack(mini)
    (pack / "pack.yaml").symlink_to(outside / "pack.yaml")
    refused(cli, pack, "mini/pack.yaml", "outside the pack folder")


def test_a_translation_linked_from_outside_is_refused(cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, pack)
    outside = tmp_path / "km.yaml"
    (pack / "locale" / "km.yaml").rename(outside)
    (pack / "locale" / "km.yaml").symlink_to(outside)
    refused(cli, pack, "tutorial/locale/km.yaml", "outside the pack folder",
            args=("--lang", "km"))


def test_a_link_that_loops_is_refused(cli: Cli, make_pack: Callable[..., Path],
                                      mini: dict[str, Any]) -> None:
    pack = make_pack(mini)
    (pack / "loop.yaml").symlink_to(pack / "loop.yaml")
    refused(cli, pack, "mini/loop.yaml", "leads nowhere")


def test_links_inside_the_pack_are_fine(cli: Cli, make_pack: Callable[..., Path],
                                        mini: dict[str, Any]) -> None:
    pack = make_pack(mini)
    (pack / "src").mkdir()
    (pack / "cards.yaml").rename(pack / "src" / "cards.txt")
    (pack / "cards.yaml").symlink_to(Path("src") / "cards.txt")
    (pack / "again").symlink_to(pack / "src", target_is_directory=True)  # not followed
    code, out, err = cli("validate", str(pack))
    assert code == 0, out + err


def test_a_pack_folder_reached_through_a_link_is_fine(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any], tmp_path: Path) -> None:
    pack = make_pack(mini)
    (tmp_path / "linked").symlink_to(pack, target_is_directory=True)
    code, out, err = cli("validate", str(tmp_path / "linked"))
    assert code == 0, out + err


# ------------------------------------------------------------ crowded packs


def test_too_many_yaml_files_are_refused(cli: Cli, make_pack: Callable[..., Path],
                                         mini: dict[str, Any]) -> None:
    for i in range(packfiles.MAX_FILES + 1):
        mini[f"more/empty-{i:03}.yaml"] = "cards: []\n"
    pack = make_pack(mini)
    refused(cli, pack, "mini/pack.yaml", f"more than {packfiles.MAX_FILES} YAML files")


def test_a_folder_crowded_with_other_files_is_bounded(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packfiles, "MAX_ENTRIES", 50)
    pack = make_pack(mini)
    (pack / "art").mkdir()
    for i in range(60):
        (pack / "art" / f"{i}.png").write_bytes(b"")
    refused(cli, pack, "mini/pack.yaml", "more than 50 files and folders")


def test_yaml_files_too_large_together_are_refused(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packfiles, "MAX_BYTES", 4000)
    for i in range(5):
        mini[f"more-{i}.yaml"] = "cards: []\n" + "# padding\n" * 100
    pack = make_pack(mini)
    refused(cli, pack, "mini/pack.yaml", "more than 4,000 bytes together")


def test_a_deep_folder_tree_is_bounded(cli: Cli, make_pack: Callable[..., Path],
                                       mini: dict[str, Any]) -> None:
    deep = "/".join(f"d{i}" for i in range(packfiles.MAX_FOLDER_DEPTH + 1))
    mini[f"{deep}/cards-deep.yaml"] = "cards: []\n"
    pack = make_pack(mini)
    refused(cli, pack, f"/d{packfiles.MAX_FOLDER_DEPTH}", "nest more than")


def test_values_across_many_files_share_one_budget(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_PACK_NODES", 300)
    for i in range(3):  # each file alone is far below the limit of one file
        mini[f"glossary-{i}.yaml"] = {"glossary": [
            {"id": f"term_{i}_{j}", "term": f"Term {j}", "text": "A word."} for j in range(20)]}
    pack = make_pack(mini)
    refused(cli, pack, ".yaml", "more than 300 values together")


def test_the_shipped_packs_are_far_from_the_bounds() -> None:
    for pack in sorted((TUTORIAL.parent).iterdir()):
        if not (pack / "pack.yaml").is_file():
            continue
        files, problems = packfiles.pack_files(pack, pack.name)
        assert not problems
        assert len(files) < packfiles.MAX_FILES // 10
        assert sum(f.stat().st_size for f in files) < packfiles.MAX_BYTES // 10


def test_watching_a_pack_sees_every_file_it_reads_and_stays_bounded(
        make_pack: Callable[..., Path], mini: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    mini["locale/km.yaml"] = "language: km\n"
    mini["more/extra.yaml"] = "cards: []\n"
    pack = make_pack(mini)
    stamps = packfiles.pack_stamps(pack)
    assert {p.relative_to(pack).as_posix() for p in stamps} == {
        "pack.yaml", "world.yaml", "cards.yaml", "scenario.yaml", "more/extra.yaml",
        "locale/km.yaml"}
    os.mkfifo(pack / "pipe.yaml")  # seen by name, never opened
    monkeypatch.setattr(packfiles, "MAX_ENTRIES", 3)
    assert len(packfiles.pack_stamps(pack)) <= 3 + 2
