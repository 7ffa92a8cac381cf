"""The modding toolkit: scaffold, schema, explain, watch and translations."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.cli.modding import watch
from asean_chair.rules import RulesError, load_packs

from .conftest import ROOT, TUTORIAL

Cli = Callable[..., tuple[int, str, str]]
MakePack = Callable[..., Path]


def test_new_pack_validates_clean_and_plays(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("new-pack", "my_scenario", cwd=tmp_path)
    assert code == 0 and "created my_scenario/" in out
    folder = tmp_path / "my_scenario"
    for yaml_file in folder.glob("*.yaml"):
        first = yaml_file.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=.schema/")
        target = first.split("=", 1)[1]
        assert (folder / target).is_file()
    code, out, _ = cli("validate", str(folder))
    assert code == 0 and "0 errors, 0 warnings" in out
    code, out, _ = cli("play", "--text", "--pack", str(folder), "--auto", "random", "--quiet")
    assert code == 0 and "Score:" in out


def test_new_mod_of_a_pack(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("new-pack", str(tmp_path / "my_mod"), "--extends", "tutorial")
    assert code == 0, err
    code, out, _ = cli("validate", str(tmp_path / "my_mod"))
    assert code == 0 and "tutorial 1.0.0 + my_mod 0.1.0" in out and "0 warnings" in out
    code, _, err = cli("new-pack", str(tmp_path / "other"), "--extends", "tutorail")
    assert code == 1 and "did you mean 'tutorial'" in err


def test_new_pack_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    code, _, err = cli("new-pack", str(tmp_path / "taken"))
    assert code == 1 and "already exists" in err
    assert (tmp_path / "taken" / "notes.txt").read_text() == "mine"


def test_explain_lists_changes_and_conflicts(cli: Cli, make_pack: MakePack,
                                             mini: dict[str, Any]) -> None:
    make_pack(mini)
    meta = {"format": 1, "version": "0.1.0"}
    make_pack({"pack.yaml": dict(meta, id="moda", name="A", extends=["mini"]),
               "c.yaml": {"cards": [{"id": "first", "patch": {"title": "A"}}],
                          "counters": [{"id": "votes", "remove": True}]}}, "moda")
    modb = make_pack({"pack.yaml": dict(meta, id="modb", name="B", extends=["moda"]),
                      "c.yaml": {"cards": [{"id": "first", "patch": {"text": "B"}}]}}, "modb")
    code, out, _ = cli("explain", str(modb))
    assert code == 0
    assert "moda 0.1.0 (extends mini)" in out
    assert "cards: patch first" in out and "counters: remove votes" in out
    assert "card 'first' is changed by moda, modb" in out


def test_watch_checks_again_when_a_file_is_saved(make_pack: MakePack, mini: dict[str, Any]) -> None:
    folder = make_pack(mini)
    results: list[str] = []

    def check() -> None:
        try:
            load_packs([folder])
            results.append("ok")
        except RulesError as exc:
            results.append(exc.problems[0].message)

    stop = threading.Event()
    thread = threading.Thread(target=watch, args=([folder], check, stop, 0.05))
    thread.start()
    try:
        deadline = time.time() + 5
        while not results and time.time() < deadline:
            time.sleep(0.02)
        cards = folder / "cards.yaml"
        time.sleep(0.05)
        cards.write_text(cards.read_text().replace("autonomy: 5", "autonomyy: 5"))
        while len(results) < 2 and time.time() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        thread.join()
    assert results[0] == "ok"
    assert "unknown target 'autonomyy'" in results[1]


def _with_locale(make_pack: MakePack, mini: dict[str, Any], locale: Any) -> Path:
    mini["locale/fr.yaml"] = locale
    return make_pack(mini)


def test_translation_with_fallback(make_pack: MakePack, mini: dict[str, Any]) -> None:
    folder = _with_locale(make_pack, mini, {
        "language": "fr", "name": "Français",
        "cards": {"first": {"title": "Première", "options": {"a": {"label": "Choix A"}}}},
        "tracks": {"autonomy": {"name": "Autonomie"}},
    })
    english = load_packs([folder])
    assert english.cards["first"].title == "First"
    french = load_packs([folder], language="fr")
    card = french.cards["first"]
    assert card.title == "Première" and card.options[0].label == "Choix A"
    assert card.text == "The first card."  # missing: falls back to English
    assert card.options[1].label == "B"
    assert french.tracks["autonomy"].name == "Autonomie"
    missing = [str(w) for w in french.warnings if "not translated" in w.message]
    assert len(missing) == 15
    text = next(w for w in missing if "cards.first.text " in w)
    line = int(text.split(":")[1])  # points at the English text
    assert "The first card." in (folder / "cards.yaml").read_text().splitlines()[line - 1]


def test_translation_may_not_change_rules(make_pack: MakePack, mini: dict[str, Any]) -> None:
    folder = _with_locale(make_pack, mini, {
        "cards": {"first": {"options": {"a": {"cost": "9"}}, "titel": "x"},
                  "nothere": {"title": "x"}},
    })
    with pytest.raises(RulesError) as err:
        load_packs([folder], language="fr")
    messages = [p.message for p in err.value.problems if p.severity == "error"]
    assert any("'cost' is not a field" in m or "only text" in m for m in messages)
    assert any("'titel' is not a field" in m for m in messages)
    assert any("no item 'nothere'" in m for m in messages)


def test_missing_language_is_a_warning(cli: Cli) -> None:
    code, out, _ = cli("validate", str(TUTORIAL), "--lang", "xx")
    assert code == 0 and "no pack has a 'xx' translation" in out


def test_the_tutorial_has_a_complete_khmer_translation() -> None:
    khmer = load_packs([TUTORIAL], language="km")
    assert khmer.warnings == ()  # every text is translated
    # Khmer texts carry zero-width spaces between words, where lines may break
    assert khmer.cards["port_question"].title.replace("\u200b", "") == "សំណួរអំពីកំពង់ផែយោធាជើងទឹក"
    assert khmer.scenario().debrief[0].replace("\u200b", "").startswith("តើមានអ្វីកើតឡើង")
    english = load_packs([TUTORIAL])
    assert english.cards["port_question"].title == "Questions about the naval port"


EXAMPLE = ROOT / "rules" / "examples" / "strait_crisis"


def test_the_example_mod_validates_and_changes_the_game(cli: Cli) -> None:
    code, out, _ = cli("validate", str(EXAMPLE))
    assert code == 0 and "asean2022 1.0.0 + strait_crisis 1.0.0" in out and "0 warnings" in out
    code, out, _ = cli("explain", str(EXAMPLE))
    assert "cards: patch foreign_ministers_meeting, remove mekong_dam" in out
    rs = load_packs([EXAMPLE])
    assert rs.cards["foreign_ministers_meeting"].title == "Ministers meet as the Strait boils"
    assert rs.cards["foreign_ministers_meeting"].options[0].id == "careful_text"  # kept
    assert "mekong_dam" not in rs.cards
    assert rs.scenario().name.endswith("the Strait crisis")


def test_the_example_mod_plays_to_the_end() -> None:
    from asean_chair.balance.simulate import run_games

    records = list(run_games([EXAMPLE], "random", 200, seed=3, jobs=2, checked=True))
    records += list(run_games([EXAMPLE], "greedy", 30, seed=3, jobs=2))
    assert all(r.tier for r in records)
    assert sum("strait_quarantine" in r.offered for r in records) >= 150
    assert any("strait_talks" in r.offered for r in records)
