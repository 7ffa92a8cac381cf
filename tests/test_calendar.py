"""Calendars as data: turns named by number, month or list; turn references
by number or name; presets that play a stretch of the calendar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.engine import Action, Game
from asean_chair.rules import RulesError, load_packs, timing
from asean_chair.rules.calendar import Clock
from asean_chair.rules.models import CardWhen, Preset, Scenario

MakePack = Callable[..., Path]

WEEKS = Clock(16, "week", "weeks", "numbers")
WINTER = Clock(6, "month", "months", "months", start_month=11, year=2022)
SEASONS = Clock(4, "season", "seasons", "list",
                names=(("Spring 1853", "Spr"), ("Summer 1853", ""), ("Autumn", "Aut"),
                       ("Winter", "Win")))


@pytest.mark.parametrize("clock, turn, name, short", [
    (WEEKS, 1, "Week 1", "W1"), (WEEKS, 16, "Week 16", "W16"),
    (WINTER, 1, "November", "Nov"), (WINTER, 3, "January", "Jan"), (WINTER, 6, "April", "Apr"),
    (SEASONS, 1, "Spring 1853", "Spr"), (SEASONS, 2, "Summer 1853", "Summer 1853"),
])
def test_turns_have_names_and_short_names(clock: Clock, turn: int, name: str,
                                          short: str) -> None:
    assert (clock.name(turn), clock.short(turn)) == (name, short)


def test_a_month_calendar_rolls_the_year_over() -> None:
    assert [WINTER.month(t) for t in range(1, 7)] == [11, 12, 1, 2, 3, 4]
    assert [WINTER.year_of(t) for t in (1, 2, 3, 6)] == [2022, 2022, 2023, 2023]
    assert WEEKS.year_of(3) is None and WEEKS.month(3) == 3


@pytest.mark.parametrize("clock, ref, turn", [
    (WEEKS, 3, 3), (WEEKS, "3", 3), (WEEKS, "W3", 3), (WEEKS, "week 3", 3),
    (WEEKS, "Week 16", 16), (WEEKS, 17, None), (WEEKS, 0, None), (WEEKS, "W17", None),
    (WEEKS, True, None), (WINTER, "Jan", 3), (WINTER, "january", 3), (WINTER, "Nov", 1),
    (WINTER, "May", None), (SEASONS, "Autumn", 3), (SEASONS, "win", 4), (SEASONS, "Spr", 1),
])
def test_packs_refer_to_turns_by_number_or_name(clock: Clock, ref: int | str,
                                                turn: int | None) -> None:
    assert clock.resolve(ref) == turn


def test_a_shared_name_means_its_first_turn() -> None:
    long_year = Clock(14, "month", "months", "months", start_month=1)  # two Januaries
    assert long_year.resolve("Jan") == 1
    assert long_year.turns_in_month(1) == [1, 13]


def test_windows_and_fixed_turns_read_against_the_calendar() -> None:
    assert timing.window(["W2", 5], WEEKS) == (2, 5)
    assert timing.window([5, 2], WEEKS) == "the window [5, 2] ends before it starts"
    assert "turn 20 does not exist" in str(timing.window([1, 20], WEEKS))
    assert timing.fixed(CardWhen.model_validate({"turn": ["W1", 4]}), WEEKS).turns == {1, 4}
    found = timing.fixed(CardWhen.model_validate({"month": 2}), WEEKS)
    assert found.turns == frozenset() and "`month` is for a calendar of months" in \
        found.unknown[0]
    assert timing.fixed(CardWhen.model_validate({"month": [1, 4]}), WINTER).turns == {3, 6}


def _scenario(**extra: Any) -> Scenario:
    return Scenario.model_validate({
        "id": "s", "name": "S", "turns": 16, "score": "1",
        "calendar": {"unit": "week", "names": "numbers"},
        "endings": [{"id": "e", "title": "E", "text": "T"}],
        "tiers": [{"id": "t", "name": "T", "min_score": 0}], **extra})


def test_a_preset_plays_a_stretch_of_the_calendar() -> None:
    sc = _scenario()
    assert timing.preset_span(sc, None) == (1, 16)
    late = Preset.model_validate({"id": "late", "name": "L", "first_turn": "W9"})
    assert timing.preset_span(sc, late) == (9, 16)
    short = Preset.model_validate({"id": "x", "name": "X", "first_turn": 5, "turns": 4})
    assert timing.preset_span(sc, short) == (5, 8)
    past = Preset.model_validate({"id": "y", "name": "Y", "first_turn": 14, "turns": 4})
    assert "past the calendar's end" in str(timing.preset_span(sc, past))


def test_a_calendar_declares_its_own_words_and_refuses_the_old_fields() -> None:
    sc = _scenario(words={"currency": "favour", "currencies": "favours"})
    assert (sc.clock.unit, sc.clock.units, sc.words.currency) == ("week", "weeks", "favour")
    with pytest.raises(ValueError, match="`start_month` belongs outside a `calendar`"):
        _scenario(start_month=3)
    with pytest.raises(ValueError, match="the calendar names 2 turns, but the scenario has 16"):
        _scenario(calendar={"names": ["A", "B"]})
    assert _scenario(calendar={"unit": "day"}).clock.units == "days"
    assert _scenario(calendar={"unit": "match"}).clock.units == "matches"
    assert _scenario(calendar={"unit": "sortie", "units": "sorties"}).clock.count(1) == "1 sortie"


def test_a_card_of_turn_one_never_comes_back_in_turn_thirteen(make_pack: MakePack,
                                                             mini: dict[str, Any]) -> None:
    sc = mini["scenario.yaml"]["scenarios"][0]
    sc.pop("start_month")
    sc.update(turns=16, calendar={"unit": "week", "names": "numbers"})
    mini["cards.yaml"]["cards"][0]["when"] = {"turn": 1}
    ruleset = load_packs([make_pack(mini)])
    st = Game(ruleset, seed=1).new_state()
    dealt = []
    while not st.is_over:
        if st.pending.kind == "event":
            dealt.append((st.turn, st.pending.card))
            st.apply(st.legal_actions()[0])
        else:
            st.apply(Action.end_turn())
    assert dealt == [(1, "first")] and st.turn == 16


def test_a_week_sixteen_window_is_read_as_weeks(make_pack: MakePack,
                                               mini: dict[str, Any]) -> None:
    sc = mini["scenario.yaml"]["scenarios"][0]
    sc.pop("start_month")
    sc.update(turns=16, calendar={"unit": "week", "names": "numbers"})
    mini["cards.yaml"]["cards"][0]["when"] = {"window": [1, 16]}
    load_packs([make_pack(mini)])  # month 13 would not exist; week 16 does
    mini["cards.yaml"]["cards"][0]["when"] = {"window": [1, 17]}
    with pytest.raises(RulesError) as err:
        load_packs([make_pack(mini)])
    assert "turn 17 does not exist: the calendar has 16 weeks (1 to 16)" in str(
        err.value.problems[0])


def _lesson_pack(mini: dict[str, Any], leave_out: list[str]) -> dict[str, Any]:
    """The mini pack with a follow-up card, a card drawn by tag, a card of
    turn 2, and a preset ``lesson`` that leaves ``leave_out`` out."""
    cards = mini["cards.yaml"]["cards"]
    cards[0]["options"][0]["effects"].append({"schedule": {"card": "follow", "in": 1}})
    cards[0]["options"][1]["effects"].append({"draw": {"tags": ["extra"]}})
    cards += [
        {"id": "follow", "title": "Follow", "text": "It comes back.", "tags": ["extra"],
         "options": [{"id": "ok", "label": "OK", "effects": [{"add": {"economy": 1}}]}]},
        {"id": "second", "title": "Second", "text": "Turn two.", "when": {"month": 2},
         "options": [{"id": "ok", "label": "OK", "effects": [{"add": {"economy": 1}}]}]},
    ]
    mini["scenario.yaml"]["scenarios"][0]["presets"] = [
        {"id": "lesson", "name": "Lesson", "leave_out": leave_out}]
    return mini


def _dealt(ruleset: Any, preset: str | None, option: str) -> tuple[list[str], list[str]]:
    st = Game(ruleset, seed=1, preset=preset).new_state()
    dealt, said = [], []
    while not st.is_over:
        if st.pending.kind == "event":
            dealt.append(str(st.pending.card))
            log = st.apply(Action.choose(str(st.pending.card), option if
                                         st.pending.card == "first" else "ok"))
        else:
            log = st.apply(Action.end_turn())
        said += [e.text for e in log]
    return dealt, said


@pytest.mark.parametrize("option", ["a", "b"])  # a schedules the follow-up, b draws it by tag
def test_a_preset_leaves_cards_out(make_pack: MakePack, mini: dict[str, Any],
                                   option: str) -> None:
    ruleset = load_packs([make_pack(_lesson_pack(mini, ["follow", "second"]))])
    assert _dealt(ruleset, None, option)[0] == ["first", "follow", "second"]
    dealt, said = _dealt(ruleset, "lesson", option)
    assert dealt == ["first"]
    assert not [t for t in said if "Follow" in t]  # no "This will come back" for it

    from asean_chair.reports.deck.cards import dealt_cards
    sc = ruleset.scenario()
    assert dealt_cards(ruleset, sc, sc.presets[0]) == {"first"}
    assert dealt_cards(ruleset, sc) == {"first", "follow", "second"}


def test_the_balance_report_names_the_cards_a_preset_leaves_out(
        make_pack: MakePack, mini: dict[str, Any], cli: Callable[..., tuple[int, str, str]]
) -> None:
    pack = make_pack(_lesson_pack(mini, ["second"]))
    code, out, _ = cli("simulate", "--pack", str(pack), "--preset", "lesson", "--games", "4",
                       "--jobs", "1")
    assert code == 0
    assert "Cards the preset leaves out: second" in out
    assert "Cards that never appeared: none" in out  # 'second' could not appear


def test_a_preset_that_leaves_out_an_unknown_card_is_refused(make_pack: MakePack,
                                                            mini: dict[str, Any]) -> None:
    pack = make_pack(_lesson_pack(mini, ["follow", "secnd"]))
    with pytest.raises(RulesError) as err:
        load_packs([pack])
    problems = [str(p) for p in err.value.problems]
    assert len(problems) == 1
    text = (pack / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "- secnd" in t)
    assert f"scenario.yaml:{line}:" in problems[0]
    assert problems[0].endswith("error: scenario 'main': preset 'lesson' leaves out unknown "
                                "card 'secnd'; did you mean 'second'?")


def test_the_months_packs_write_are_the_games_english_month_names() -> None:
    from asean_chair.phrases import phrase
    from asean_chair.rules.calendar import english_month

    for month in range(1, 13):
        assert english_month(month) == phrase(f"month.{month}", "en")
        assert english_month(month, short=True) == phrase(f"month_short.{month}", "en")
