"""Giving the memory the window frees back to the system (glibc only).

Building a screen's widgets allocates and frees many surfaces; without
this the freed space stays in the process, which grows with every change
of screen.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

_LIBC: Any = None


def trim_memory(collect: bool = False) -> None:
    """Give freed heap memory back to the system (glibc only; a no-op elsewhere).

    Building a screen's widgets allocates and frees many surfaces; without
    this the freed space stays in the process after every rebuild.
    """
    # Killed widgets sit in reference cycles holding their surfaces until the
    # cycle collector runs; after a change of screen, run it now.
    if collect:
        gc.collect()
    if _LIBC is not None:
        try:
            _LIBC.malloc_trim(0)
        except (OSError, AttributeError):
            pass


def return_big_blocks_to_the_system() -> None:
    """Let glibc give large freed blocks back at once.

    pygame_gui draws rounded corners on surfaces four times the widget's
    size and frees them straight away; with glibc's default (a threshold
    that rises after each such block is freed) those blocks stay in the
    heap and the process grows with every rebuild. A fixed threshold keeps
    big blocks in their own mappings, returned to the system when freed.
    """
    if not sys.platform.startswith("linux"):
        return
    global _LIBC
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 256 * 1024)  # M_MMAP_THRESHOLD
        _LIBC = libc
    except (OSError, AttributeError):
        pass

