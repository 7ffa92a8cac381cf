"""Write the golden transcripts that tests/test_golden.py compares against.

The engine must play the same seed to the same game, byte for byte, across
every change to its code. Run this only when a change to the rules or to a
pack is meant to change games, and say so in the commit:

    python tools/golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: (pack, bot, seed): each plays a whole game with a transcript.
GAMES = [
    ("asean2022", "random", 1),
    ("asean2022", "greedy", 2),
    ("asean2022", "history", 3),
    ("tutorial", "random", 4),
    ("tutorial", "mcts:30", 5),
]


def path_for(pack: str, bot: str, seed: int) -> Path:
    """Where the golden transcript of one game lives."""
    return ROOT / "tests" / "golden" / f"{pack}-{bot.partition(':')[0]}-{seed}.jsonl"


def play(pack: str, bot: str, seed: int, out: Path) -> None:
    """Play one game with a bot, writing its transcript to ``out``."""
    from asean_chair.cli.main import main

    code = main(["play", "--text", "--pack", str(ROOT / "rules" / pack), "--auto", bot,
                 "--seed", str(seed), "--quiet", "--transcript", str(out)])
    if code != 0:
        raise SystemExit(f"{pack} {bot} {seed}: exit code {code}")


if __name__ == "__main__":
    import contextlib
    import io

    for pack, bot, seed in GAMES:
        target = path_for(pack, bot, seed)
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.redirect_stdout(io.StringIO()):
            play(pack, bot, seed, target)
        print(f"wrote {target.relative_to(ROOT)}")
