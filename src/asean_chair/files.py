"""Reading and writing the game's files safely (a leaf: no other module needed).

Pack files, saves, transcripts and result files all come from people the
game cannot trust, so reading one

- refuses anything that is not a plain file before opening it: a folder, a
  device (``/dev/zero`` never ends) or a named pipe (opening one would wait
  for a writer forever); the file is also opened without blocking, in case it
  is swapped for a pipe between the check and the opening;
- refuses a file larger than the caller's cap before reading it, and reads at
  most one byte past the cap, so a file that grows while it is read cannot
  fill the memory either;
- with ``inside``, refuses a file that is (or is reached through) a link
  leading out of that folder.

Writing is atomic (a temporary file in the same folder, flushed and renamed
over the target), and the temporary files a killed process leaves behind
are removed the next time the same folder is written to.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path


class FileRefused(Exception):
    """A file that will not be read; ``reason`` says why in a user's words.

    The reason does not name the file: callers put the name in front, as
    ``cards.yaml:1:1: error: ...`` or ``mysave.json: ...``.
    """

    def __init__(self, reason: str, kind: str = "unreadable", size: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        #: ``"missing"``, ``"unreadable"``, ``"outside"``, ``"not_plain"`` or ``"too_large"``.
        self.kind = kind
        #: The file's size in bytes, for ``"too_large"``.
        self.size = size


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every link followed, lies inside ``folder``."""
    try:
        path.resolve(strict=False).relative_to(folder.resolve(strict=False))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links
        return False
    return True


def check_plain_file(path: Path, limit: int, *, inside: Path | None = None) -> int:
    """Check, without opening it, that ``path`` may be read; returns its size.

    Raises :class:`FileRefused` for a link leading out of ``inside``, anything
    but a plain file, or a file over ``limit`` bytes, and for a file that
    cannot be found or examined.
    """
    if inside is not None and not is_inside(path, inside):
        raise FileRefused("the file is a link to somewhere outside the pack folder; "
                          "copy the file into the pack instead", "outside")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileRefused("no such file (or a link to a file that is gone)", "missing") from None
    except OSError as exc:
        raise FileRefused(f"cannot read the file ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(f"this is {_kind(info.st_mode)}, not a file; remove it or give a file",
                          "not_plain")
    if info.st_size > limit:
        raise FileRefused(f"the file is {info.st_size:,} bytes; at most {limit:,} are allowed",
                          "too_large", info.st_size)
    return info.st_size


def read_capped(path: Path, limit: int, *, inside: Path | None = None) -> bytes:
    """The bytes of a plain file of at most ``limit`` bytes, read once.

    Raises :class:`FileRefused` (see :func:`check_plain_file`). The caller
    hashes and parses the same bytes, so what is checked is what is used.
    """
    check_plain_file(path, limit, inside=inside)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(f"cannot read the file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)  # what was opened, not what was checked
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"this is {_kind(info.st_mode)}, not a file; remove it or give "
                              "a file", "not_plain")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise FileRefused(f"cannot read the file ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if got > limit:
        raise FileRefused(f"the file is larger than {limit:,} bytes (it grew while it was "
                          "read)", "too_large", got)
    return b"".join(chunks)


# ------------------------------------------------------------------ writing

#: ``tempfile.mkstemp``'s random part: eight letters, digits or underscores.
_TEMP = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
#: A temporary file younger than this may belong to a write still under way.
ORPHAN_AGE = 60.0


def clean_orphans(folder: Path, name: str | None = None, *, older_than: float = ORPHAN_AGE) -> int:
    """Remove the temporary files interrupted writes left in ``folder``.

    Only files named as :func:`write_atomic` names them (``.NAME.xxxxxxxx.tmp``,
    for the target ``NAME`` if given), plain files (not links), and older
    than ``older_than`` seconds are removed. Returns how many were; never
    raises.
    """
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or (name is not None and m["name"] != name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` so that it is either wholly old or wholly new.

    Creates the folder if needed and removes the target's temporary files
    left by an earlier write that was killed. Raises ``OSError`` as the
    system does (a full disk, no permission, a folder in the way); callers
    that face users turn it into a message (``common.outputs`` does).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_orphans(path.parent, path.name)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        f = os.fdopen(fd, "w", encoding="utf-8")
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    try:
        with f:
            # mkstemp makes the file private; give it the usual permissions instead.
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable where the platform allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass
