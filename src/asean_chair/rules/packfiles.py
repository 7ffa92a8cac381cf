"""Which files of a pack folder are read, within bounds.

A pack folder comes from anyone, so listing it is bounded like reading it:
at most :data:`MAX_ENTRIES` files and folders are looked at, at most
:data:`MAX_FILES` YAML files of at most :data:`MAX_BYTES` together are read,
and folders nest at most :data:`MAX_FOLDER_DEPTH` deep. A YAML file that is
not a plain file (a named pipe, a device) or that is a link leading out of
the pack is refused with a message; a link to a folder is never followed
(a link inside the pack would read the same files twice, one leading out
is refused).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..files import is_inside
from . import yamlread
from .source import Mark, Problem

#: Files and folders looked at in one pack folder.
MAX_ENTRIES = 5_000
#: YAML files read from one pack.
MAX_FILES = 500
#: Bytes of YAML read from one pack, all files together.
MAX_BYTES = 16 * 1024 * 1024
#: Folders inside folders, below the pack folder.
MAX_FOLDER_DEPTH = 8
#: The largest ``pack.yaml``.
MAX_META_BYTES = 1024 * 1024

_SUFFIXES = (".yaml", ".yml")


def _is_pack_file(name: str) -> bool:
    return name.endswith(_SUFFIXES) and name != "pack.yaml"


def pack_files(folder: Path, label: str) -> tuple[list[Path], list[Problem]]:
    """The pack's YAML files (``locale`` folders and ``pack.yaml`` aside), sorted,
    and a problem for everything refused on the way.

    ``label`` is how the folder is named in messages (``mypack``); files are
    named below it (``mypack/cards/extra.yaml``).
    """
    problems: list[Problem] = []
    files: list[Path] = []
    meta = Mark(str(Path(label) / "pack.yaml"), 1, 1)
    seen = 0
    total = 0
    stack: list[tuple[Path, int]] = [(folder, 0)]
    while stack:
        here, depth = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as exc:
            where = Mark(str(Path(label) / here.relative_to(folder)), 1, 1)
            problems.append(Problem(where, "cannot read the folder "
                                                            f"({exc.strerror or exc})"))
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES:
                problems.append(Problem(meta, f"the pack folder holds more than {MAX_ENTRIES:,} "
                                              "files and folders; a pack needs far fewer "
                                              "(is it the right folder?)"))
                return sorted(files), problems
            path = Path(entry.path)
            shown = str(Path(label) / path.relative_to(folder))
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                refused = _refused_link(path, folder, _is_pack_file(entry.name))
                if refused:
                    problems.append(Problem(Mark(shown, 1, 1), refused))
                    continue
                if not _is_pack_file(entry.name):
                    continue  # a link to a folder, or to a file that is not YAML
                try:
                    info = os.stat(path)
                except OSError:
                    continue
            if stat.S_ISDIR(info.st_mode):
                if entry.name == "locale":
                    continue  # translations are read on their own
                if depth + 1 > MAX_FOLDER_DEPTH:
                    problems.append(Problem(Mark(shown, 1, 1), "folders nest more than "
                                                               f"{MAX_FOLDER_DEPTH} deep in this "
                                                               "pack; its files were not read"))
                    continue
                stack.append((path, depth + 1))
                continue
            if not _is_pack_file(entry.name):
                continue
            if not stat.S_ISREG(info.st_mode):
                what = "a named pipe" if stat.S_ISFIFO(info.st_mode) else (
                    "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                    else "not a plain file")
                problems.append(Problem(Mark(shown, 1, 1), f"this is {what}, not a file; "
                                                           "remove it from the pack"))
                continue
            files.append(path)
            if info.st_size <= yamlread.MAX_FILE_BYTES:  # a larger one is refused by name
                total += info.st_size
            if len(files) > MAX_FILES:
                problems.append(Problem(meta, f"the pack has more than {MAX_FILES} YAML files; "
                                              "put its items in fewer files"))
                return sorted(files[:MAX_FILES]), problems
            if total > MAX_BYTES:
                problems.append(Problem(meta, f"the pack's YAML files hold more than "
                                              f"{MAX_BYTES:,} bytes together; refusing to read "
                                              "them"))
                return sorted(files[:-1]), problems
    return sorted(files), problems


def _refused_link(path: Path, folder: Path, is_yaml: bool) -> str:
    """Why a link in the pack is refused, or ``""`` when it may stay."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # gone, or a loop of links
        return "this link leads nowhere (its target is gone, or it points to itself)" \
            if is_yaml else ""
    if is_inside(target, folder):
        return ""
    if target.is_dir():
        return "this folder is a link to somewhere outside the pack folder; copy what the " \
               "pack needs into it instead"
    if is_yaml:
        return "the file is a link to somewhere outside the pack folder; copy the file into " \
               "the pack instead"
    return ""


def pack_stamps(folder: Path) -> dict[Path, int]:
    """Every file the loader reads from a pack folder, with its modification time.

    For ``validate --watch`` and the window's reload: the same bounded walk as
    :func:`pack_files`, plus ``pack.yaml`` and the translations. A file that
    cannot be examined is left out; nothing is opened.
    """
    files, _ = pack_files(folder, folder.name)
    files.append(folder / "pack.yaml")
    locale = folder / "locale"
    if locale.is_dir() and not locale.is_symlink():
        try:
            files.extend(sorted(p for p in locale.iterdir() if p.name.endswith(_SUFFIXES))
                         [:MAX_FILES])
        except OSError:
            pass
    stamps: dict[Path, int] = {}
    for path in files:
        try:
            stamps[path] = os.stat(path).st_mtime_ns
        except OSError:
            continue
    return stamps
