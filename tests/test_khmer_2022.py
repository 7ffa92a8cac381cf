"""The Khmer edition of the 2022 game: every text translated and current, the
terms rendered the same way everywhere, lines that break between words, and
a changed English text that shows as out of date instead of a stale meaning."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from asean_chair.cli.translations import english_texts
from asean_chair.rules import load_packs
from asean_chair.rules.locale import STALE_MARK, text_paths

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import khmer_words

Cli = Callable[..., tuple[int, str, str]]

PACK = ROOT / "rules" / "asean2022"
LOCALE = PACK / "locale" / "km.yaml"
TERM_LIST = PACK / "locale" / "terms-km.yaml"
TERMS: list[dict[str, Any]] = yaml.safe_load(TERM_LIST.read_text(encoding="utf-8"))["terms"]
#: Texts whose Khmer is rightly written in Latin letters, and why.
LATIN = {"glossary.rcep.term": "RCEP: the name students meet in sources, explained in its text"}
_KHMER_LETTER = re.compile(r"[\u1780-\u17b3]")


@cache
def english() -> dict[str, str]:
    """Every text of the pack, by path (``cards.rcep.title``): its English."""
    return {path: text for path, (text, _) in english_texts(PACK).items()}


@cache
def khmer() -> dict[str, str]:
    """Every text of the Khmer translation, by the same paths."""
    data = yaml.safe_load(LOCALE.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for section, entries in data.items():
        if section in ("language", "name", "translated_from"):
            continue
        for item, texts in entries.items():
            for path, steps in text_paths(texts):
                node: Any = texts
                for step in steps:
                    node = node[step]
                out[f"{section}.{item}.{path}"] = node
    return out


def _bare(text: str) -> str:
    """``text`` without spaces and word boundaries, to compare Khmer wording."""
    return re.sub(r"[\s\u200b]+", "", text)


def _english_pattern(term: dict[str, Any]) -> re.Pattern[str]:
    pattern, flags = str(term["en"]), 0
    if pattern.startswith("(?i)"):
        pattern, flags = pattern[4:], re.IGNORECASE
    return re.compile(rf"\b(?:{pattern})\b", flags)


# ------------------------------------------------------------- coverage


def test_every_text_is_translated_and_current_with_no_warning(cli: Cli) -> None:
    code, out, err = cli("validate", str(PACK), "--lang", "km")
    n = len(english())
    assert code == 0 and err == ""
    assert "rules/asean2022: 0 errors, 0 warnings" in out
    assert (f"pack 'asean2022' in 'km': {n} of {n} texts translated (100.0%), 0 out of date, "
            "0 missing") in out


def test_the_listing_finds_nothing_missing_and_everything_marked(cli: Cli) -> None:
    code, out, _ = cli("translations", str(PACK), "--lang", "km")
    n = len(english())
    assert code == 0
    assert out.strip().endswith(f"{n} of {n} texts translated (100.0%), 0 out of date, 0 missing, "
                                "0 not yet marked (--mark-all records what they translate)")


def test_every_translation_is_written_in_khmer() -> None:
    latin = [path for path, text in khmer().items()
             if not _KHMER_LETTER.search(text) and path not in LATIN]
    assert latin == []
    assert set(khmer()) == set(english())


# ---------------------------------------------------------------- terms


@pytest.mark.parametrize("term", TERMS, ids=lambda t: str(t["en"]))
def test_each_term_reads_the_same_wherever_its_english_appears(term: dict[str, Any]) -> None:
    pattern = _english_pattern(term)
    allowed = term.get("except") or {}
    wrong = [path for path, text in english().items()
             if path not in allowed and pattern.search(text)
             and _bare(term["km"]) not in _bare(khmer()[path])]
    assert wrong == [], f"{term['en']} is not written {term['km']} in these texts"


@pytest.mark.parametrize("term", [t for t in TERMS if t.get("first_at")],
                         ids=lambda t: str(t["en"]))
def test_the_english_name_is_given_in_brackets_at_first_use(term: dict[str, Any]) -> None:
    bracket = re.compile(r"\([^)]*" + re.escape(term["source_name"]))
    for path in term["first_at"]:
        text = khmer()[path]
        assert _bare(term["km"]) in _bare(text) and bracket.search(text), path


def test_the_term_list_names_only_texts_of_the_pack() -> None:
    named = {path for t in TERMS for path in [*(t.get("first_at") or []), *(t.get("except") or {})]}
    assert named <= set(english())
    for term in TERMS:  # every term is met somewhere, or it does not belong in the list
        assert any(_english_pattern(term).search(text) for text in english().values()), term["en"]


def test_a_term_written_another_way_is_caught() -> None:
    term = next(t for t in TERMS if t["en"] == "Ream")
    assert _bare(term["km"]) not in _bare("មូលដ្ឋាន\u200bកងទ័ព\u200bជើងទឹក\u200bរ៉េម")


# ------------------------------------------------------- word boundaries


def test_no_long_khmer_run_lacks_a_word_boundary() -> None:
    names = khmer_words.whole_names(TERM_LIST)
    assert khmer_words.check(LOCALE, names) == []
    assert khmer_words.check(ROOT / "rules" / "tutorial" / "locale" / "km.yaml", names) == []
    assert LOCALE.read_text(encoding="utf-8").count(khmer_words.ZWSP) > len(english())


def test_the_boundary_check_finds_a_long_run_and_a_broken_name(tmp_path: Path) -> None:
    text = tmp_path / "km.yaml"
    text.write_text("cards:\n  a:\n    title: កម្ពុជាធ្វើជាប្រធានអាស៊ានក្នុងឆ្នាំនេះ\n"
                    "    text: ទៅ\u200bវ៉ាស៊ីន\u200bតោន\n", encoding="utf-8")
    problems = khmer_words.check(text, ["វ៉ាស៊ីនតោន"])
    assert len(problems) == 2
    assert problems[0].startswith(f"{text}:3:12: 15 syllables without a word boundary")
    assert problems[1] == f"{text}:4:14: a boundary inside the name វ៉ាស៊ីនតោន"


def test_the_boundary_tool_reports_from_the_command_line(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    assert khmer_words.main(["check", str(LOCALE)]) == 0
    bad = tmp_path / "km.yaml"
    bad.write_text("title: កម្ពុជាធ្វើជាប្រធានអាស៊ានក្នុងឆ្នាំនេះ\n", encoding="utf-8")
    assert khmer_words.main(["check", str(bad)]) == 1
    assert "syllables without a word boundary" in capsys.readouterr().out


# ------------------------------------------------------ staying current


def test_a_changed_english_text_flags_the_khmer_as_out_of_date(cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "asean2022"
    shutil.copytree(PACK, pack)
    cards = pack / "cards-q1.yaml"
    text = cards.read_text(encoding="utf-8")
    assert text.count("title: Two trade deals begin") == 1
    cards.write_text(text.replace("title: Two trade deals begin",
                                  "title: Two trade deals come into force"), encoding="utf-8")
    code, out, _ = cli("validate", str(pack), "--lang", "km")
    assert code == 0
    stale = [line for line in out.splitlines() if "out of date: cards.rcep.title" in line]
    assert len(stale) == 1
    assert stale[0].startswith("asean2022/locale/km.yaml:")
    assert "asean2022/cards-q1.yaml:" in stale[0]
    assert "1 out of date, 0 missing" in out
    game = load_packs([pack], language="km")
    assert game.cards["rcep"].title == STALE_MARK + "Two trade deals come into force"
    assert game.cards["rcep"].text == khmer()["cards.rcep.text"]  # the rest stays Khmer


# ------------------------------------------------------------ in play


def test_the_text_game_in_khmer_shows_no_english_of_the_pack(cli: Cli) -> None:
    code, out, _ = cli("play", "--text", "--auto", "history", "--seed", "1", "--lang", "km")
    assert code == 0
    shown = " ".join(out.replace(khmer_words.ZWSP, "").split())
    names = {str(t["source_name"]) for t in TERMS if t.get("source_name")}
    leaks = [path for path, text in english().items()
             if len(text.split()) >= 3 and text not in names and " ".join(text.split()) in shown]
    assert leaks == []
    # The real events' debrief is Khmer, with its sources as they are.
    assert "https://" in out
    assert "ប្រភព\u200bភាគច្រើន\u200bជា\u200bភាសា\u200bអង់គ្លេស។" in out
    assert _bare(khmer()["cards.rcep.title"]) in _bare(out)
