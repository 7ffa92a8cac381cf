"""The same seed plays the same game, byte for byte, whatever changes in the
engine's code: each golden transcript is played again and compared."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import golden  # noqa: E402


@pytest.mark.parametrize("pack, bot, seed", golden.GAMES,
                         ids=[f"{p}-{b}-{s}" for p, b, s in golden.GAMES])
def test_the_same_seed_gives_the_same_transcript(tmp_path: Path, pack: str, bot: str,
                                                 seed: int) -> None:
    out = tmp_path / "t.jsonl"
    with contextlib.redirect_stdout(io.StringIO()):
        golden.play(pack, bot, seed, out)
    expected = golden.path_for(pack, bot, seed).read_text(encoding="utf-8").splitlines()
    got = out.read_text(encoding="utf-8").splitlines()
    for n, (want, have) in enumerate(zip(expected, got, strict=False), 1):
        assert have == want, (f"line {n} differs from {golden.path_for(pack, bot, seed).name}; "
                              "if a pack or rule changed on purpose, run tools/golden.py")
    assert len(got) == len(expected)
