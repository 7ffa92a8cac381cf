"""Opening the game window from the command line."""

from __future__ import annotations

import argparse
import os
import sys


def run_window(args: argparse.Namespace) -> int:
    """Start the pygame window, or explain in one line why it cannot open."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("SDL_VIDEODRIVER")
    ):
        print("asean-chair: no display to open a window on (no DISPLAY or WAYLAND_DISPLAY); "
              "play in the terminal with: asean-chair play --text", file=sys.stderr)
        return 1
    try:
        from ..ui.app import run
    except ImportError as exc:
        print(f"asean-chair: the game window is not available ({exc}); "
              "play in the terminal with: asean-chair play --text", file=sys.stderr)
        return 1
    return int(run(args))
