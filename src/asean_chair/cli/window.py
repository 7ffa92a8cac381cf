"""The game window from the command line: ``play`` without ``--text``, and ``screenshots``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..common.errors import UserError
from .output import Commands


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
        from ..ui.options import WindowOptions
    except ImportError as exc:
        print(f"asean-chair: the game window is not available ({exc}); "
              "play in the terminal with: asean-chair play --text", file=sys.stderr)
        return 1
    options = WindowOptions(
        packs=tuple(Path(p) for p in args.pack or ()), scenario=args.scenario,
        preset=args.preset, difficulty=args.difficulty, seed=args.seed,
        load=Path(args.load) if args.load else None, language=args.lang, code=args.code,
        team=args.team, result=Path(args.result) if args.result else None,
        vote=args.classroom == "vote")
    return run(options)


DEFAULT_SIZES = ((1280, 720), (1024, 600))


def add_screenshots(sub: Commands) -> None:
    """The ``screenshots`` command."""
    p = sub.add_parser("screenshots", help="render every screen of the window to PNG files")
    p.add_argument("-o", "--output", metavar="DIR", default="docs/screenshots")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.add_argument("--size", metavar="WxH", action="append",
                   help="window size(s), e.g. 1280x720 (default: 1280x720 and 1024x600)")
    p.set_defaults(func=cmd_screenshots)


def parse_size(text: str) -> tuple[int, int]:
    """``1280x720`` -> ``(1280, 720)``; raises ``ValueError``."""
    w, sep, h = text.lower().replace("\u00d7", "x").partition("x")
    if not sep or not w.strip().isdigit() or not h.strip().isdigit():
        raise ValueError(f"not a size: {text!r} (write it like 1280x720)")
    size = (int(w), int(h))
    if size[0] < 320 or size[1] < 240 or size[0] > 8000 or size[1] > 8000:
        raise ValueError(f"size out of range: {text!r}")
    return size


def cmd_screenshots(args: argparse.Namespace) -> int:
    """Render every screen at every size; print the files written."""
    try:
        sizes = [parse_size(s) for s in args.size] if args.size else list(DEFAULT_SIZES)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create {out}: {exc.strerror}") from None
    from ..ui.screenshots import take_screenshots

    packs = [Path(p) for p in args.pack] if args.pack else None
    for path in take_screenshots(out, sizes, packs):
        print(path)
    return 0
