"""The print-and-play deck: every card, action, track and defeat on paper,
effects in plain words, chances as die rolls, and nothing fetched."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.reports.deck import (
    CARD_SIZES,
    FORMATS,
    CardFace,
    board_page,
    fit_card,
    para,
    print_deck,
    record_page,
    rules_pages,
)
from asean_chair.rules import load_packs
from asean_chair.rules.models import EFFECT_KINDS
from asean_chair.rules.ruleset import Ruleset
from asean_chair.rules.words import (
    MINUS,
    describe_effects,
    describe_expr,
    die_ranges,
    effects_of,
    expr_terms,
)

from .conftest import TUTORIAL


@pytest.fixture(scope="module")
def tutorial_deck() -> tuple[Ruleset, str]:
    """The tutorial pack and its deck, made once."""
    ruleset = load_packs([TUTORIAL])
    return ruleset, print_deck(ruleset)


def text_of(page: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


# ------------------------------------------------------------------- deck


def test_deck_holds_every_card_and_action(tutorial_deck: tuple[Ruleset, str]) -> None:
    ruleset, page = tutorial_deck
    text = text_of(page)
    for card in ruleset.cards.values():
        assert card.title in text, card.id
    for action in ruleset.actions.values():
        assert action.name in text, action.id


def test_cards_fill_at_most_nine_places_of_an_a4_page(
        tutorial_deck: tuple[Ruleset, str]) -> None:
    _, page = tutorial_deck
    assert "@page{size:A4;margin:10mm}" in page
    for section in re.findall(r"<section class='page cards'>(.*?)</section>", page, re.DOTALL):
        places = 0
        for rows, cols in re.findall(r"grid-area:\d+/\d+/span (\d)/span (\d)", section):
            places += int(rows) * int(cols)
        assert 1 <= places <= 9


def test_cards_say_whether_they_really_happened_not_the_history(
        tutorial_deck: tuple[Ruleset, str]) -> None:
    from asean_chair.rules.history import reality

    ruleset, page = tutorial_deck
    real = [c for c in ruleset.cards.values() if reality(ruleset, c) == "real"]
    made_up = [c for c in ruleset.cards.values() if reality(ruleset, c) == "invented"]
    assert real and made_up
    assert page.count("<span class='tag real'>Really happened</span>") >= len(real)
    assert page.count("<span class='tag invented'>Made up</span>") >= len(made_up)
    for card in real:
        assert card.history.strip()[:40] not in text_of(page)


def test_the_board_shows_what_players_see_the_masters_sheet_the_rest(
        tutorial: Ruleset) -> None:
    scenario = tutorial.scenario()
    from asean_chair.reports.deck import build_deck

    deck = build_deck(tutorial)
    players, master = text_of(deck.page), text_of(deck.master or "")
    board = text_of(board_page(tutorial, scenario))
    for track in tutorial.tracks.values():
        assert (track.name in board) == track.visible, track.id
        assert (track.name in players) == track.visible, track.id
    hidden = [t for t in tutorial.tracks.values() if not t.visible]
    assert hidden
    for track in hidden:
        assert track.name in master
    for actor in tutorial.actors.values():
        assert actor.name in board, actor.id
    for milestone in scenario.milestones:
        assert milestone.name in board
    for month in ("January", "April"):  # every turn of the calendar, and only those
        assert month in board
    assert "May" not in board
    record = text_of(record_page(tutorial, scenario))
    for flag in tutorial.flags.values():
        assert (flag.name or flag.id) in record
    for action in tutorial.actions.values():  # a row to tick each use
        assert action.name in record


def test_relation_rows_run_from_min_to_max_with_zero_marked(tutorial: Ruleset) -> None:
    board = board_page(tutorial, tutorial.scenario())
    assert f"<i>{MINUS}100</i>" in board and "<i>100</i>" in board
    assert re.search(r"class='box[^']*\bzero\b[^']*'[^>]*><i>0</i>", board)


def test_rules_page_lists_each_defeat(tutorial: Ruleset) -> None:
    scenario = tutorial.scenario()
    rules = text_of("".join(rules_pages(tutorial, scenario)))
    defeats = [e for e in scenario.endings if e.defeat]
    assert defeats
    for ending in defeats:
        assert ending.title in rules
        if ending.if_ is not None:
            assert describe_expr(ending.if_, tutorial) in rules
    for tier in scenario.tiers:
        assert tier.name in rules
    for entry in tutorial.glossary.values():
        assert entry.term in rules
    assert f"take up to {scenario.actions_per_turn} each month" in rules
    assert "round halves away from zero" in rules  # rounding is stated
    actions = scenario.words.actions.lower()
    assert f"on cards, {actions} and standing rules alike" in rules  # so is rivalry


def test_page_fetches_nothing(tutorial_deck: tuple[Ruleset, str]) -> None:
    _, page = tutorial_deck
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert "@import" not in page
    assert "<script" not in page.lower()
    assert not re.search(r"url\(\s*['\"]?(?!data:)", page)


def test_a_preset_changes_the_rules_page(tutorial: Ruleset) -> None:
    presets = [p for p in tutorial.scenario().presets if p.turns is not None]
    assert presets, "the tutorial shows a preset that changes the turns"
    short = presets[0]
    page = text_of(print_deck(tutorial, preset=short.id))
    assert f"({short.turns} months" in page
    assert "This lesson plays January 2022 to" in page


# ---------------------------------------------------------- long cards


def long_face(words: int) -> CardFace:
    text = " ".join(["word"] * words)
    body = (para("text", text), para("opt", ("1.", True), " ", ("Go", True)),
            para("fx", "\u2022 Autonomy +1"), para("opt", ("2.", True), " ", ("Stay", True)),
            para("fx", "\u2022 Autonomy \u22121"))
    return CardFace("Month 1", "", "A long card", body)


def test_a_short_card_keeps_the_largest_size() -> None:
    face = fit_card(long_face(10))
    assert (face.size, face.format) == (CARD_SIZES[0], FORMATS[0])


def test_a_longer_card_shrinks_but_not_below_a_readable_size() -> None:
    face = fit_card(long_face(100))
    assert face.format == FORMATS[0]
    assert 7.5 <= face.size < CARD_SIZES[0]


@pytest.mark.parametrize("words", [200, 400, 700])
def test_a_long_card_gets_a_bigger_face_never_a_second_card(words: int) -> None:
    face = fit_card(long_face(words))
    assert face.format != FORMATS[0] and face.size >= 7.0
    assert "".join(t for p in face.body for t, _ in p.runs).count("word") == words
    from asean_chair.reports.deck.cards import face_height

    assert face_height(face, face.size, face.format) <= face.format.room


def test_weights_are_printed_as_copies() -> None:
    from asean_chair.reports.deck.cards import weight_copies

    assert weight_copies(2) == [None, None]
    assert weight_copies(1) == [None]
    assert weight_copies("1 + (month >= 9)") == [None, "month >= 9"]
    assert weight_copies("1 + flag.ream_closed") == [None, "flag.ream_closed"]
    assert weight_copies("rel.north / 10") is None


def test_a_weighted_card_is_printed_once_per_copy(tutorial_deck: tuple[Ruleset, str]) -> None:
    ruleset, page = tutorial_deck
    text = text_of(page)
    for card in ruleset.cards.values():
        if card.when is not None and card.when.window is not None and card.when.weight == 2:
            assert text.count(card.title) >= 2
            assert "copy 1 of 2" in text and "copy 2 of 2" in text


# -------------------------------------------------------------------- dice


@pytest.mark.parametrize(("chances", "sides", "ranges"), [
    ([0.7, 0.3], 10, [(1, 7), (8, 10)]),
    ([0.5, 0.5], 6, [(1, 3), (4, 6)]),
    ([1 / 6, 2 / 6, 3 / 6], 6, [(1, 1), (2, 3), (4, 6)]),
    ([0.333, 0.333, 0.334], 6, [(1, 2), (3, 4), (5, 6)]),
    ([0.25, 0.75], 100, [(1, 25), (26, 100)]),
    ([0.25, 0.25, 0.25, 0.25], 100, [(1, 25), (26, 50), (51, 75), (76, 100)]),
    ([0.1, 0.9], 10, [(1, 1), (2, 10)]),
    ([1.0], 6, [(1, 6)]),
])
def test_die_ranges(chances: list[float], sides: int, ranges: list[tuple[int, int]]) -> None:
    assert die_ranges(chances) == (sides, ranges)


@pytest.mark.parametrize("chances", [
    [0.123, 0.877], [0.001, 0.999], [1 / 3, 1 / 3, 1 / 3], [0.2, 0.35, 0.45], [0.07] * 10 + [0.3],
])
def test_die_ranges_are_contiguous_and_cover_the_die(chances: list[float]) -> None:
    sides, ranges = die_ranges(chances)
    assert sides in (6, 10, 100)
    assert ranges[0][0] == 1 and ranges[-1][1] == sides
    for (_, high), (low, _) in itertools.pairwise(ranges):
        assert low == high + 1
    assert all(low <= high for low, high in ranges)  # every outcome can happen
    for (low, high), chance in zip(ranges, chances, strict=True):
        assert abs((high - low + 1) / sides - chance) <= 0.02


# ------------------------------------------------------------------- words


@pytest.fixture
def every_kind(make_pack: Callable[..., Path], mini: dict[str, Any]) -> Ruleset:
    """The mini pack with one option using every kind of effect."""
    effects = [
        {"add": {"autonomy": 3, "rel.east": 10}},
        {"add": {"rel.west": "rel.east / 10"}},
        {"set": {"economy": 10}},
        {"set_flag": "done"},
        {"clear_flag": "done"},
        {"schedule": {"card": "later", "in": 2}},
        {"schedule": {"in": 1, "effects": [{"add": {"economy": 2}}]}},
        {"draw": {"card": "later"}},
        {"modifier": {"id": "boom", "name": "Boom", "turns": 2, "income": -1,
                      "each_turn": [{"add": {"economy": -1}}], "scale": {"rel.west": 0.5}}},
        {"remove_modifier": "boom"},
        {"if": "rel.east > 50 and not flag.done", "then": [{"add": {"autonomy": -3}}],
         "else": [{"log": "Nothing."}]},
        {"outcomes": [{"chance": 0.7, "text": "On time.", "effects": [{"add": {"economy": 3}}]},
                      {"chance": 0.3, "text": "Late.", "effects": [{"add": {"autonomy": -5}}]}]},
        {"drift": {"autonomy": 1, "rel.east": 2}},
        {"log": "The press notices."},
        {"end_game": "lost"},
    ]
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = effects
    mini["cards.yaml"]["cards"].append(
        {"id": "later", "title": "Later", "text": "A follow-up.",
         "options": [{"id": "ok", "label": "OK", "effects": [{"add": {"economy": 1}}]}]})
    return load_packs([make_pack(mini)])


def test_every_effect_kind_has_words(every_kind: Ruleset) -> None:
    effects = every_kind.cards["first"].options[0].effects
    assert {e.kind for e in effects} == {k.rstrip("_") for k in EFFECT_KINDS}
    lines = describe_effects(effects, every_kind)
    assert len(lines) == len(effects)
    for effect, line in zip(effects, lines, strict=True):
        assert line and line != effect.kind, effect.kind
    assert lines == [
        f"Autonomy +3, East +10, West {MINUS}5 (rivalry)",
        "West +(East / 10)",
        "Set Economy to 10",
        "Set the marker 'Done'",
        "Clear the marker 'Done'",
        "In 2 turns, add card 'Later' to that turn",
        "Next turn: Economy +2",
        "Play card 'Later' next",
        (f"For 2 turns, 'Boom': capital income {MINUS}1 a turn; at each upkeep Economy "
         f"{MINUS}1; every change to West counts \u00d70.5"),
        "End 'Boom' now",
        (f"If East > 50 and marker 'Done' not set: Autonomy {MINUS}3. "
         "Otherwise: nothing changes."),
        f"Roll a d10: 1\u20137 On time \u2014 Economy +3; 8\u201310 Late \u2014 Autonomy {MINUS}5",
        "Move toward the usual level: Autonomy 1, East 2",
        "Read out: \u201cThe press notices.\u201d",
        "The game ends: 'Lost' (a defeat)",
    ]


def test_rivalry_is_counted_into_a_direct_change(every_kind: Ruleset) -> None:
    effect = type(every_kind.cards["first"].options[0].effects[0]).model_validate(
        {"add": {"rel.east": 6, "rel.west": -4}})
    assert describe_effects([effect], every_kind) == [f"East +6, West {MINUS}7 (rivalry {MINUS}3)"]
    quiet = type(effect).model_validate({"add": {"rel.east": 6}, "spill": False})
    assert describe_effects([quiet], every_kind) == ["East +6"]


def test_describe_effects_covers_every_kind_in_the_tutorial(tutorial: Ruleset) -> None:
    seen = set()
    for effect in effects_of(tutorial):
        (line,) = describe_effects([effect], tutorial)
        assert line and line != effect.kind
        seen.add(effect.kind)
    assert len(seen) >= 10


def test_expressions_in_words(every_kind: Ruleset) -> None:
    assert describe_expr("rel.east > 50", every_kind) == "East > 50"
    assert describe_expr("autonomy >= 40 or flag.done", every_kind) == \
        "Autonomy \u2265 40 or marker 'Done' set"
    assert describe_expr("2 + (economy >= 60)", every_kind) == "2, +1 if Economy \u2265 60"
    assert describe_expr("1 if month == 1 else 0", every_kind) == \
        "1 if month = 1, otherwise 0"
    assert describe_expr("min(rel.east, rel.west) / 2", every_kind) == \
        "(the lowest of East, West) / 2"
    assert describe_expr(3, every_kind) == "3"
    assert expr_terms("min(autonomy, 75) + 10 * flag.done - rel.west / 2", every_kind) == \
        ["Autonomy (at most 75)", "+10 if marker 'Done' set", f"{MINUS} West / 2"]


def test_words_module_imports_neither_yaml_nor_pygame() -> None:
    code = "import sys, asean_chair.rules.words; print(' '.join(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    modules = set(run.stdout.split())
    assert "yaml" not in modules
    assert not any(m.startswith("pygame") for m in modules)


# --------------------------------------------------------------------- cli


def test_print_deck_command_writes_the_page(cli: Callable[..., tuple[int, str, str]],
                                           tmp_path: Path) -> None:
    out = tmp_path / "deck.html"
    code, stdout, _ = cli("print-deck", "--pack", str(TUTORIAL), "-o", str(out))
    assert code == 0
    assert str(out) in stdout
    assert out.read_text(encoding="utf-8").lower().startswith("<!doctype html>")


def test_print_deck_command_rejects_an_unknown_preset(cli: Callable[..., tuple[int, str, str]],
                                                      tmp_path: Path) -> None:
    out = tmp_path / "deck.html"
    code, _, stderr = cli("print-deck", "--pack", str(TUTORIAL), "--preset", "nope",
                          "-o", str(out))
    assert code == 1
    assert "nope" in stderr
    assert not out.exists()
