"""Translations that cannot go stale silently: each text records the English
it translates; a changed English text is reported and shown in English."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from asean_chair.rules import load_packs
from asean_chair.rules.locale import STALE_MARK

from .conftest import TUTORIAL

Cli = Callable[..., tuple[int, str, str]]


def _copy(tmp_path: Path) -> Path:
    pack = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, pack)
    return pack


def test_the_shipped_translation_is_complete_and_current(cli: Cli) -> None:
    code, out, _ = cli("validate", str(TUTORIAL), "--lang", "km")
    assert code == 0
    assert "pack 'tutorial' in 'km': 152 of 152 texts translated (100.0%), 0 out of date, " \
        "0 missing" in out


def test_a_changed_english_text_is_out_of_date_and_shown_in_english(cli: Cli,
                                                                   tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    cards = pack / "cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace(
        "title: Questions about the naval port", "title: Questions about the new naval port"),
        encoding="utf-8")
    code, out, _ = cli("validate", str(pack), "--lang", "km")
    assert code == 0
    stale = [line for line in out.splitlines() if "out of date: cards.port_question.title" in line]
    assert len(stale) == 1
    assert stale[0].startswith("tutorial/locale/km.yaml:") and "tutorial/cards.yaml:" in stale[0]
    assert "1 out of date" in out
    khmer = load_packs([pack], language="km")
    assert khmer.cards["port_question"].title == STALE_MARK + "Questions about the new naval port"
    assert khmer.cards["port_question"].text != load_packs([pack]).cards["port_question"].text


def test_marking_records_the_new_english_and_keeps_the_rest_of_the_file(cli: Cli,
                                                                      tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    locale = pack / "locale" / "km.yaml"
    before = locale.read_text(encoding="utf-8")
    cards = pack / "cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace(
        "title: Questions about the naval port", "title: Questions about the new naval port"),
        encoding="utf-8")
    code, out, _ = cli("translations", str(pack), "--lang", "km", "--mark",
                       "cards.port_question.title")
    assert code == 0 and "marked 1 text" in out
    after = locale.read_text(encoding="utf-8")
    head = before[:before.index("translated_from:")]
    assert after.startswith(head)  # the translations themselves are untouched
    code, out, _ = cli("validate", str(pack), "--lang", "km")
    assert "0 out of date" in out


def test_the_list_names_what_is_missing(cli: Cli, tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    glossary = pack / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8")
                        + "  - {id: summit, term: Summit, text: A meeting of leaders.}\n",
                        encoding="utf-8")
    code, out, _ = cli("translations", str(pack), "--lang", "km")
    assert code == 0
    assert any("missing: glossary.summit.term" in line for line in out.splitlines())
    assert "2 missing" in out


def test_marking_twice_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    locale = pack / "locale" / "km.yaml"
    cli("translations", str(pack), "--lang", "km", "--mark-all")
    once = locale.read_text(encoding="utf-8")
    cli("translations", str(pack), "--lang", "km", "--mark-all")
    assert locale.read_text(encoding="utf-8") == once
    assert once.count("# The English each text translates") == 1


def test_a_hash_of_digits_reads_back_as_written(tmp_path: Path) -> None:
    from asean_chair.cli.translations import write_sources
    from asean_chair.rules.locale import read_locale, sources_of

    folder = tmp_path / "pack"
    (folder / "locale").mkdir(parents=True)
    locale = folder / "locale" / "km.yaml"
    locale.write_text("language: km\n", encoding="utf-8")
    recorded = {"cards.a.title": "01234567", "cards.b.title": "12345678",
                "cards.c.title": "5d41402a"}
    write_sources(locale, recorded)
    tr, problems = read_locale(folder, "km", "km.yaml")
    assert problems == [] and tr is not None
    assert sources_of(tr) == recorded
