"""Writing every output file a front end makes, with one clear message when it fails.

Every file a player, teacher or modder asks for goes through
:func:`write_output`: ``-o`` of ``print-deck``, ``report`` and ``schema``,
``--transcript``, a team's ``--result``, ``new-pack`` and ``simulate --html``.
The file is written atomically (never half old, half new). When it cannot be
written (a full disk, no permission, a read-only disk, a folder that does not
exist, a folder in the file's place) the caller gets an :class:`OutputError`
saying which file and why, in one line. For a file that must not be lost (a
team's result, a save), ``keep=True`` first saves a copy in the player's
saves folder and the message says where it is.
"""

from __future__ import annotations

import errno
from pathlib import Path

from ..files import write_atomic
from .errors import UserError
from .userdata import saves_dir


class OutputError(UserError):
    """An output file that could not be written; the message says why in one line.

    ``saved_copy`` is where a copy was kept instead (with ``keep=True``), or
    ``None``.
    """

    def __init__(self, message: str, saved_copy: Path | None = None) -> None:
        super().__init__(message)
        self.saved_copy = saved_copy


_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "you may not write there (no permission)",
    errno.EPERM: "you may not write there (no permission)",
    errno.EROFS: "the disk is read-only",
    errno.EISDIR: "it is a folder; give a file name",
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EFBIG: "the file is too large for this disk",
    errno.EIO: "the disk reported an error",
}


def why_not_written(exc: OSError) -> str:
    """An ``OSError`` from writing a file, in a user's words."""
    if exc.errno in _WHY:
        return _WHY[exc.errno]
    return (exc.strerror or str(exc)).lower()


def _check_place(path: Path, create_folder: bool) -> str:
    """Why ``path`` obviously cannot be written, or ``""``."""
    if path.is_dir():
        return "it is a folder; give a file name"
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if not folder.exists() and not create_folder:
        return f"the folder {folder} does not exist; create it first or choose another place"
    return ""


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem-2.suffix`` (-3, ...) when that is taken."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def write_output(path: Path | str, text: str, *, what: str = "the file", keep: bool = False,
                 create_folder: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically and return the path written.

    Raises :class:`OutputError` with a one-line message when the file cannot
    be written. With ``keep=True`` (a result or save that must not be lost) a
    copy is first written to the saves folder, and the message says where;
    ``what`` names the file in that message ("the team's result"). With
    ``create_folder=True`` a missing folder is created instead of refused.

    >>> write_output("deck.html", page)                      # doctest: +SKIP
    >>> write_output(args.result, text, what="the team's result", keep=True)  # doctest: +SKIP
    """
    target = Path(path)
    why = _check_place(target, create_folder)
    if not why:
        try:
            write_atomic(target, text)
            return target
        except OSError as exc:
            why = why_not_written(exc)
    message = f"cannot write {target}: {why}"
    if not keep:
        raise OutputError(message)
    try:
        copy = _free_name(saves_dir(), target.name or "result.json")
        write_atomic(copy, text)
    except OSError as exc:
        raise OutputError(f"{message}; {what} could not be kept in {saves_dir()} either "
                          f"({why_not_written(exc)})") from None
    raise OutputError(f"{message}; {what} was saved to {copy} instead", copy)


__all__ = ["OutputError", "why_not_written", "write_output"]
