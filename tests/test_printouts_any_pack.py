"""Every printout speaks the scenario's words: a pack about a harbour in weeks,
with no history and a hidden track, gets no month, no capital, no 2022 and
no ASEAN on paper, never shows its hidden track to players, and its debriefs
speak of the players' own decisions."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.bots import RandomBot, play_out
from asean_chair.classroom.codes import make_code
from asean_chair.classroom.session import save_result, start_session
from asean_chair.reports.deck import print_deck
from asean_chair.rules import load_packs

Cli = Callable[..., tuple[int, str, str]]

#: Frame words of the 2022 game that a harbour in weeks never declared.
FOREIGN = re.compile(r"\b(months?|Months?|capital|Capital|2022|ASEAN|Cambodia|Your country|"
                     r"Relations|In reality|really happened|Really happened|Made up)\b")

HARBOUR: dict[str, Any] = {
    "pack.yaml": {"id": "harbour", "name": "Harbour", "version": "1.0.0", "format": 1},
    "world.yaml": {
        "tracks": [
            {"id": "safety", "name": "Safety", "start": 50},
            {"id": "trade", "name": "Trade", "start": 50, "baseline": 45},
            {"id": "stamina", "name": "Crew stamina", "start": 8, "min": 0, "max": 10,
             "visible": False},
        ],
        "actors": [
            {"id": "fishers", "name": "The fishers", "relation": {"start": 10}},
        ],
        "flags": [{"id": "wall", "name": "Sea wall promised"}],
        "actions": [{"id": "patrol", "name": "Night patrol", "cost": 1, "cooldown": 1,
                     "max_uses": 3,
                     "effects": [{"add": {"safety": 2, "stamina": -1}}]}],
    },
    "cards.yaml": {
        "cards": [
            {"id": "gale", "title": "A gale warning", "text": "A gale is coming in.",
             "when": {"turn": 1},
             "options": [
                 {"id": "close", "label": "Close the harbour", "cost": 1,
                  "effects": [{"add": {"safety": 5, "trade": -3, "stamina": -1}},
                              {"schedule": {"card": "storm_after", "in": 2}}]},
                 {"id": "open", "label": "Keep it open",
                  "outcomes": [
                      {"chance": 0.5, "text": "The gale passes.",
                       "effects": [{"add": {"trade": 3}}]},
                      {"chance": 0.5, "text": "A boat is damaged.",
                       "effects": [{"add": {"safety": -5, "stamina": -2,
                                            "rel.fishers": -4}}]},
                  ]},
             ]},
            {"id": "storm_after", "title": "After the storm", "text": "The quay is a mess.",
             "options": [
                 {"id": "clean", "label": "Clean up", "effects": [{"add": {"trade": 2}}]},
                 {"id": "wait", "label": "Wait", "requires": "stamina >= 5",
                  "effects": [{"add": {"rel.fishers": 3}}]},
             ]},
            {"id": "market", "title": "Fish market day", "text": "Crowds on the quay.",
             "when": {"window": [2, 6], "weight": 2},
             "options": [
                 {"id": "a", "label": "Extra berths", "effects": [{"add": {"trade": 4}}]},
                 {"id": "b", "label": "Keep it calm",
                  "effects": [{"add": {"safety": 2}}, {"set_flag": "wall"}]},
             ]},
        ]
    },
    "scenario.yaml": {
        "scenarios": [{
            "id": "season", "name": "Storm weeks", "turns": 6,
            "briefing": "You run a small harbour for six weeks of gales.",
            "calendar": {"unit": "week", "units": "weeks", "names": "numbers"},
            "words": {"currency": "favour", "currencies": "favours", "side": "Your harbour",
                      "relations": "Stakeholders", "actions": "Harbour jobs"},
            "capital": {"name": "Favours", "start": 2, "income": 1, "max": 4},
            "draws": "1 if turn >= 2 else 0",
            "actions_per_turn": 1,
            "milestones": [{"turn": 4, "name": "Regatta"}],
            "endings": [
                {"id": "wreck", "title": "A boat is lost", "text": "Safety failed.",
                 "if": "safety <= 10", "defeat": True},
                {"id": "walkout", "title": "The crew walks out", "text": "Too tired.",
                 "if": "stamina <= 0", "defeat": True},
                {"id": "done", "title": "The season ends", "text": "The gales ease."},
            ],
            "score": "safety + trade + rel.fishers / 2 + stamina",
            "tiers": [
                {"id": "top", "name": "Trusted harbour master", "min_score": 120},
                {"id": "low", "name": "Out of your depth", "min_score": -1000},
            ],
            "presets": [{"id": "short", "name": "Two-week taster", "first_turn": 3,
                         "turns": 2}],
            "debrief": ["Which week was hardest?"],
        }]
    },
}


@pytest.fixture
def harbour(make_pack: Callable[..., Path]) -> Path:
    import copy

    return make_pack(copy.deepcopy(HARBOUR), name="harbour")


def words_of(page: str) -> str:
    """What a reader of the page sees: no style sheet, no tags, no fonts."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def assert_own_words(text: str, where: str) -> None:
    found = sorted(set(FOREIGN.findall(text)))
    assert not found, f"{where}: frame words the pack never declared: {found}"


def _results(pack: Path, folder: Path, n: int) -> list[Path]:
    ruleset = load_packs([pack])
    code = make_code(ruleset, seed=4)
    return [save_result(play_out(start_session(ruleset, code).new_state(), RandomBot(i)), code,
                        f"Crew {i + 1}", folder / f"crew{i + 1}.json") for i in range(n)]


@pytest.mark.slow
def test_the_deck_speaks_the_harbours_words(harbour: Path) -> None:
    from asean_chair.reports.deck import build_deck

    deck = build_deck(load_packs([harbour]))
    players, master = words_of(deck.page), words_of(deck.master or "")
    assert_own_words(players + master, "deck")
    assert "Crew stamina" not in players and "Crew stamina" in master
    for word in ("Your harbour", "Stakeholders", "Harbour jobs", "Week 1", "Week 6",
                 "costs 1 favour", "Each week", "once a week", "Regatta"):
        assert word in players, word
    assert "copy 1 of 2" in players and "copy 2 of 2" in players  # weight 2
    assert "\u2731" in players  # a hidden line, starred
    assert "Keep it open: Roll a d6" in master or "Crew stamina" in master


def test_print_deck_writes_the_game_masters_sheet_apart(cli: Cli, harbour: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "deck.html"
    status, said, _ = cli("print-deck", "--pack", str(harbour), "-o", str(out))
    master = tmp_path / "deck-game-master.html"
    assert status == 0 and f"wrote {master}: the game master's sheet" in said
    assert "Crew stamina" not in out.read_text(encoding="utf-8")
    assert "Crew stamina" in master.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_lesson_deals_only_its_own_cards(harbour: Path) -> None:
    ruleset = load_packs([harbour])
    text = words_of(print_deck(ruleset, preset="short"))
    assert "A gale warning" not in text and "After the storm" not in text
    assert "Fish market day" in text
    assert "This lesson plays Week 3 to Week 4 (2 weeks)" in text


def test_the_debriefs_speak_of_the_players_own_decisions(cli: Cli, harbour: Path,
                                                         tmp_path: Path) -> None:
    paths = _results(harbour, tmp_path, 3)
    report, compare = tmp_path / "debrief.html", tmp_path / "class.html"
    assert cli("report", str(paths[0]), "--pack", str(harbour), "-o", str(report))[0] == 0
    status, _, err = cli("classroom", "compare", "--pack", str(harbour), *map(str, paths),
                           "-o", str(compare))
    assert status == 0, err
    for page, where in ((report, "report"), (compare, "compare")):
        text = words_of(page.read_text(encoding="utf-8"))
        assert_own_words(text, where)
        assert "Crew stamina" not in text, where
        assert "Which week was hardest?" in text
        assert "Stakeholders" in text and "The fishers" in text
    report_text = words_of(report.read_text(encoding="utf-8"))
    assert "Your decisions" in report_text and "What-ifs" not in report_text
    assert "The real choices" not in words_of(compare.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("tracks", "actors"), [(2, 1), (12, 12)])
def test_the_board_holds_2_to_12_tracks_and_1_to_12_relations(
        make_pack: Callable[..., Path], tracks: int, actors: int) -> None:
    import copy

    from asean_chair.reports.deck import board_page
    from asean_chair.reports.deck.board import board_layout

    files = copy.deepcopy(HARBOUR)
    world = files["world.yaml"]
    world["tracks"] = [{"id": f"t{i}", "name": f"Track number {i}", "start": 50}
                       for i in range(tracks)] + [world["tracks"][2]]
    world["actors"] = [{"id": f"a{i}", "name": f"Stakeholder number {i}",
                        "short": f"S{i}", "relation": {"start": 0}}
                       for i in range(actors)]
    world["actions"][0]["effects"] = [{"add": {"t0": 2}}]
    cards = files["cards.yaml"]["cards"]
    for card in cards:
        for opt in card["options"]:
            for e in opt.get("effects", []):
                if "add" in e:
                    e["add"] = {"t1": 1}
            for o in opt.get("outcomes", []):
                o["effects"] = [{"add": {"t1": -1}}]
            opt.pop("requires", None)
    sc = files["scenario.yaml"]["scenarios"][0]
    sc["score"] = "t0 + t1"
    sc["endings"] = [sc["endings"][2]]
    ruleset = load_packs([make_pack(files, name=f"wide{tracks}")])
    board = words_of(board_page(ruleset, ruleset.scenario()))
    for i in range(tracks):
        assert f"Track number {i}" in board
    for i in range(actors):  # where rows are many, a long name gives way to its short one
        assert f"Stakeholder number {i}" in board or (actors > 8 and f" S{i} " in board)
    layout = board_layout(tracks + actors + 1, 6)
    # Every row fits the page: rows shrink, never below 5.6 mm.
    assert layout.row_mm >= 5.6
    assert (tracks + actors + 1) * (layout.row_mm + 1.4) + 3 * 8 <= 262
