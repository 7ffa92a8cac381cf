"""Every printout takes --lang: its frame words come from assets/locale (English and
Khmer hold the same keys), a pack without the language gets a one-line notice,
and Khmer text is printed with the bundled Khmer font (school computers rarely
have one)."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from asean_chair.bots import RandomBot, play_out
from asean_chair.classroom.codes import make_code
from asean_chair.classroom.session import save_result, start_session
from asean_chair.paths import assets_dir

from .conftest import ROOT, TUTORIAL
from .test_printouts_any_pack import words_of

Cli = Callable[..., tuple[int, str, str]]
SECTIONS = ("print", "class", "report", "deck")
#: English frame words of the printouts that a Khmer page must not show.
ENGLISH = ("how to play", "Setting up", "the board", "record sheet", "Glossary",
           "Questions for the class", "The teams ranked", "Every card, turn by turn",
           "The three biggest swings", "You chose:", "Discuss:", "Really happened",
           "Made up", "Draw pile", "Follow-up card")


def _flat(data: Any, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flat(value, name))
        else:
            out[name] = str(value)
    return out


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_english_and_khmer_hold_the_same_printout_words() -> None:
    en = _flat(yaml.safe_load((assets_dir() / "locale" / "en.yaml").read_text("utf-8")))
    km = _flat(yaml.safe_load((assets_dir() / "locale" / "km.yaml").read_text("utf-8")))
    mine = [k for k in en if k.split(".")[0] in SECTIONS]
    assert mine
    for key in mine:
        assert key in km, f"km.yaml lacks {key}"
        assert _fields(en[key]) == _fields(km[key]), key


def test_every_printout_key_a_template_or_report_uses_exists() -> None:
    en = _flat(yaml.safe_load((assets_dir() / "locale" / "en.yaml").read_text("utf-8")))
    src = Path(__file__).resolve().parents[1] / "src" / "asean_chair"
    texts = [p.read_text("utf-8") for folder in ("reports", "html")
             for p in (src / folder).rglob("*") if p.suffix in (".py", ".html")]
    used = {m for text in texts
            for m in re.findall(r"""\bt[n]?\(\s*["']((?:print|class|report|deck)\.[a-z_.]+)["']""",
                                text)}
    assert len(used) > 60
    missing = sorted(k for k in used if k not in en and not any(x.startswith(k + ".")
                                                                  for x in en))
    assert not missing


def _team_results(folder: Path, n: int) -> list[Path]:
    from asean_chair.rules import load_packs

    ruleset = load_packs([TUTORIAL])
    code = make_code(ruleset, seed=8)
    return [save_result(play_out(start_session(ruleset, code).new_state(), RandomBot(i)), code,
                        f"Team {i + 1}", folder / f"t{i}.json") for i in range(n)]


def _assert_khmer_page(page: str) -> None:
    text = words_of(page)
    assert re.search("[\u1780-\u17ff]", text)
    for phrase in ENGLISH:
        assert phrase not in text, phrase
    assert "font-family:'DeckKhmer'" in page  # the bundled Khmer font, embedded
    assert "lang='km'" in page


@pytest.mark.slow
def test_the_deck_in_khmer(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "deck.html"
    status, _, err = cli("print-deck", "--pack", str(TUTORIAL), "--lang", "km", "-o", str(out))
    assert status == 0 and "note:" not in err
    _assert_khmer_page(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_debriefs_in_khmer(cli: Cli, tmp_path: Path) -> None:
    paths = _team_results(tmp_path, 2)
    report, compare = tmp_path / "r.html", tmp_path / "c.html"
    status, _, err = cli("report", str(paths[0]), "--pack", str(TUTORIAL), "--lang", "km",
                         "-o", str(report))
    assert status == 0 and "note:" not in err
    status, _, err = cli("classroom", "compare", "--pack", str(TUTORIAL), *map(str, paths),
                         "--lang", "km", "-o", str(compare))
    assert status == 0 and "note:" not in err
    for page in (report, compare):
        _assert_khmer_page(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", ["print-deck", "report", "compare"])
def test_a_pack_without_the_language_gets_a_one_line_notice(
        cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any], tmp_path: Path,
        command: str) -> None:
    from asean_chair.rules import load_packs

    pack = make_pack(mini)
    ruleset = load_packs([pack])
    code = make_code(ruleset, seed=1)
    result = save_result(play_out(start_session(ruleset, code).new_state(), RandomBot(1)), code,
                         "Team 1", tmp_path / "r.json")
    out = tmp_path / "page.html"
    args = {"print-deck": ["print-deck", "--pack", str(pack)],
            "report": ["report", str(result), "--pack", str(pack)],
            "compare": ["classroom", "compare", str(result), "--pack", str(pack)]}[command]
    status, _, err = cli(*args, "--lang", "km", "-o", str(out))
    assert status == 0
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert notes == [("note: mini has no 'km' translation; its cards and texts are printed in "
                      "English, the page's own words in 'km'")]
    assert re.search("[\u1780-\u17ff]", words_of(out.read_text(encoding="utf-8")))


def test_khmer_is_measured_with_the_khmer_font() -> None:
    """Cards are laid out from the widths of the font the page is set in: a
    subscript consonant takes no room, zero-width spaces are where words break."""
    from asean_chair.reports.deck.text import count_lines, text_width

    word = "\u179f\u1793\u17d2\u1792\u17b7\u179f\u1789\u17d2\u1789\u17b6"  # សន្ធិសញ្ញា
    assert text_width(word, 10) < 0.8 * len(word) * 10 * 0.3528 * 0.55
    assert text_width("\u200b\u2060", 10) == 0
    line = "\u200b".join([word] * 6)
    assert count_lines([(line, False)], 10, text_width(word, 10) * 2.5) == 3


@pytest.mark.slow
def test_the_khmer_deck_is_about_as_long_as_the_english() -> None:
    """Khmer cards get the same faces as English ones, not a page each."""
    from asean_chair.reports.deck import build_deck
    from asean_chair.rules import load_packs

    english = build_deck(load_packs([ROOT / "rules" / "asean2022"]))
    khmer = build_deck(load_packs([ROOT / "rules" / "asean2022"], language="km"), language="km")
    assert khmer.pages <= english.pages + 4
