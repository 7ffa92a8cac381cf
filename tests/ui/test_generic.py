"""The window is generic: it names no country and no card; the packs pick
their cards' icons, and every icon they name exists."""

from __future__ import annotations

import re

import pytest

from asean_chair.paths import rules_dir
from asean_chair.rules import load_packs
from asean_chair.ui import draw

from ..conftest import ROOT

WORDS = re.compile(r"cambodia|china|myanmar|ukraine|russia|japan|taiwan|covid|hun sen|asean2022",
                   re.IGNORECASE)
FILES = [*sorted((ROOT / "src" / "asean_chair" / "ui").rglob("*.py")),
         ROOT / "game" / "main.py", ROOT / "tools" / "bench_ui.py"]
PACKS = [p for p in sorted(rules_dir().iterdir()) if (p / "pack.yaml").is_file()]


def test_the_window_code_names_no_country() -> None:
    for path in FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not WORDS.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_the_window_code_names_no_card_and_every_icon_exists(pack) -> None:  # type: ignore[no-untyped-def]
    ruleset = load_packs([pack])
    code = "\n".join(path.read_text(encoding="utf-8") for path in FILES)
    topics = {tag for tag, _ in draw.ICON_FOR_TAG} | set(draw.ICONS)
    for card in ruleset.cards.values():
        if card.id in topics:  # a card named after a topic word ("storm"), not the reverse
            continue
        assert not re.search(rf"['\"]{re.escape(card.id)}['\"]", code), card.id
        if card.icon is not None:
            assert card.icon in draw.ICONS, f"{card.id}: no icon '{card.icon}'"


def test_icons_by_tag_use_topic_words_only() -> None:
    for tag, icon in draw.ICON_FOR_TAG:
        assert not WORDS.search(tag), tag
        assert icon in draw.ICONS
    assert draw.icon_for(None, ["ukraine"]) == "paper"
    assert draw.icon_for(None, ["war"]) == "shield"
    assert draw.icon_for("anchor", ["war"]) == "anchor"
