"""The teacher guide says what the printouts do: its debrief questions are the
ones printed, and its commands run."""

from __future__ import annotations

import re
from pathlib import Path

from asean_chair.common.packs import load_rules

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "teacher-guide.md"


def _section(title: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_every_debrief_question_of_the_guide_is_on_paper() -> None:
    questions = re.findall(r"^\d+\. (.+)$", _section("Debrief questions"), re.MULTILINE)
    printed = load_rules(None).scenario().debrief
    assert questions == printed


def test_the_guide_says_how_to_print_and_carry_the_game() -> None:
    printing = _section("Printing")
    for words in ("A4", "100%", "Headers and footers: off"):
        assert words in printing
    setup = _section("Before the lesson")
    for words in ("tools/build_offline_kit.py", "install-windows.bat", "--no-index",
                  "tools/build_standalone.py"):
        assert words in setup
