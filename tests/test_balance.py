"""Bots and the balance lab."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asean_chair.balance.report import MIN_SAMPLES, build_report, format_report
from asean_chair.balance.simulate import check_bounds, run_games
from asean_chair.bots import make_bot
from asean_chair.engine import Game
from asean_chair.rules import load_packs

from .conftest import ROOT, TUTORIAL

MAIN = ROOT / "rules" / "asean2022"
PACKS = [TUTORIAL] + ([MAIN] if (MAIN / "pack.yaml").is_file() else [])
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module", params=PACKS, ids=lambda p: p.name)
def ruleset(request: pytest.FixtureRequest) -> Any:
    return load_packs([request.param])


@pytest.mark.parametrize("bot", ["random", "greedy", "history", "cautious", "mcts:8",
                                 "stance:china"])
def test_bots_only_choose_legal_actions(ruleset: Any, bot: str) -> None:
    for seed in range(2 if bot.startswith("mcts") else 6):
        state = Game(ruleset, seed=seed, explain=False).new_state()
        player = make_bot(bot, seed, tuple(ruleset.actors))
        while not state.is_over:
            action = player.choose(state)
            assert action in state.legal_actions()
            state.apply(action)
        assert state.result is not None


def test_unknown_bots_are_refused() -> None:
    for name in ("genius", "mcts:lots"):
        with pytest.raises(ValueError):
            make_bot(name)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32), choices=st.lists(st.integers(0, 50), max_size=200))
def test_any_seed_and_choices_keep_values_in_bounds(seed: int, choices: list[int]) -> None:
    for pack in PACKS:
        rs = _loaded(pack)
        state = Game(rs, seed=seed, explain=False).new_state()
        for pick in choices:
            if state.is_over:
                break
            legal = state.legal_actions()
            state.apply(legal[pick % len(legal)])
            check_bounds(state)


_CACHE: dict[Path, Any] = {}


def _loaded(pack: Path) -> Any:
    if pack not in _CACHE:
        _CACHE[pack] = load_packs([pack])
    return _CACHE[pack]


@pytest.mark.slow
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_three_thousand_random_games_stay_in_bounds(pack: Path) -> None:
    """Every value checked against its bounds after every step of 3,000 games
    (one process: the jobs test checks that two give the same games)."""
    records = list(run_games([pack], "random", 3_000, seed=99, jobs=1, checked=True))
    assert len(records) == 3_000
    assert [r.index for r in records] == list(range(3_000))
    assert all(r.tier for r in records)


@pytest.mark.slow
def test_same_seed_same_simulation_whatever_the_jobs() -> None:
    pack = PACKS[-1]
    rs = _loaded(pack)
    one = list(run_games([pack], "random", 300, seed=5, jobs=1))
    two = list(run_games([pack], "random", 300, seed=5, jobs=2))
    assert one == two
    assert build_report(rs, None, "random", 5, one) == build_report(rs, None, "random", 5, two)
    other = list(run_games([pack], "random", 300, seed=6, jobs=2))
    assert one != other


def test_the_report_flags_a_dominant_option(make_pack: Callable[..., Path],
                                            mini: dict[str, Any]) -> None:
    options = mini["cards.yaml"]["cards"][0]["options"]
    options[0]["effects"] = [{"add": {"autonomy": 30, "economy": 20}}]  # clearly best
    options[1]["effects"] = [{"add": {"autonomy": -2}}]
    options.append({"id": "c", "label": "C", "effects": [{"add": {"economy": -1}}]})
    pack = make_pack(mini)
    rs = load_packs([pack])
    records = list(run_games([pack], "random", 400, seed=1, jobs=1))
    report = build_report(rs, None, "random", 1, records)
    assert [(o["card"], o["option"]) for o in report["dominant_options"]] == [("first", "a")]
    assert report["never_appeared"] == []
    shares = {t["id"]: t["share"] for t in report["tiers"]}
    assert abs(sum(shares.values()) - 1) < 1e-9


def test_simulate_command(cli: Cli, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    code, out, err = cli("simulate", "--games", "60", "--bot", "greedy", "--pack", str(TUTORIAL),
                         "--jobs", "1", "--seed", "3", "--html", str(html))
    assert code == 0, err
    assert "Balance report: 60 games of tutorial 1.0.0" in out
    assert "Wins (top two tiers):" in out and "Cards that never appeared:" in out
    assert f"wrote {html}" in err and "wrote" not in out
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.count("<svg") >= 4
    for fetch in ("<script src", "<link", "href=\"http", "src=\"http", "@import"):
        assert fetch not in page  # nothing to fetch
    code, _, err = cli("simulate", "--games", "5", "--bot", "nobody", "--pack", str(TUTORIAL))
    assert code == 1 and "unknown bot 'nobody'" in err


def test_json_is_all_that_goes_to_standard_output(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("simulate", "--games", "20", "--pack", str(TUTORIAL), "--jobs", "1",
                         "--json", "--html", str(tmp_path / "r.html"))
    assert code == 0, err
    data = json.loads(out)  # the whole output, nothing before or after
    assert data["games"] == 20 and data["bot"] == "random"
    assert "wrote" in err and "games in" in err


# -------------------------------------------------------- every pack, every bot

SHIPPED = sorted(p.parent for p in (ROOT / "rules").rglob("pack.yaml")
                 if not any(part.startswith(".") for part in p.parts))


@pytest.mark.slow
@pytest.mark.parametrize("pack", SHIPPED, ids=lambda p: p.name)
def test_simulate_with_html_works_on_every_shipped_pack_and_bot(cli: Cli, tmp_path: Path,
                                                                 pack: Path) -> None:
    rs = _loaded(pack)
    actor = next(iter(rs.actors))
    for bot in ("random", "greedy", "history", "cautious", f"stance:{actor}", "mcts:2"):
        html = tmp_path / f"{bot.replace(':', '-')}.html"
        code, _out, err = cli("simulate", "--games", "3" if bot.startswith("mcts") else "8",
                             "--bot", bot, "--pack", str(pack), "--jobs", "1", "--html",
                             str(html))
        if code == 1 and bot == "history":
            assert "Traceback" not in err and err.strip().count("\n") == 0, err  # one line
            continue
        assert code == 0, (bot, err)
        assert "Traceback" not in err
        page = html.read_text(encoding="utf-8")
        assert page.count("<svg") >= 4, bot


def test_a_track_that_never_moves_or_leans_one_way_draws(make_pack: Callable[..., Path],
                                                         mini: dict[str, Any],
                                                         tmp_path: Path, cli: Cli) -> None:
    mini["world.yaml"]["tracks"].append({"id": "still", "name": "Still", "start": 5})
    pack = make_pack(mini)
    code, _, err = cli("simulate", "--games", "30", "--pack", str(pack), "--jobs", "1",
                       "--html", str(tmp_path / "r.html"))
    assert code == 0, err
    # A track whose mean lies outside its 10%-90% range (most games at the top,
    # a few far below) once made matplotlib refuse negative whiskers.
    from asean_chair.balance.html import html_report

    report = build_report(_loaded(pack), None, "random", 0,
                          list(run_games([pack], "random", 20, jobs=1)))
    report["final_values"]["still"].update(mean=60.0, p10=70.0, p90=70.0, min=0, max=70)
    assert "<svg" in html_report(report, [1.0, 2.0])


# --------------------------------------------------------- presets, difficulty


def test_preset_and_difficulty_are_played_and_reported(cli: Cli) -> None:
    if not (MAIN / "pack.yaml").is_file():
        pytest.skip("no 2022 pack")
    code, out, err = cli("simulate", "--games", "30", "--pack", str(MAIN), "--jobs", "1",
                         "--preset", "short", "--difficulty", "easy", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["preset"] == "short" and report["difficulty"] == "easy"
    rs = _loaded(MAIN)
    game = Game(rs, preset="short", difficulty="easy", explain=False)
    records = list(run_games([MAIN], "random", 30, jobs=1, preset="short", difficulty="easy"))
    assert report == build_report(rs, None, "random", 0, records, "short", "easy")
    # A fixed card of a month before the preset starts cannot be dealt: it is
    # left out of the cards and options, not reported as "never appeared".
    early = [c.id for c in rs.cards.values() if c.when is not None and c.when.month
             and max(c.when.months) < game.clock.month(game.first_turn)]
    assert early and set(early) <= set(report["not_dealt"])
    listed = {c["id"] for c in report["cards"]} | {o["card"] for o in report["options"]}
    assert not set(early) & (listed | set(report["never_appeared"]))
    # The short lesson draws no cards: no drawn card is reported as never appearing.
    assert report["never_appeared"] == []
    code, _, err = cli("simulate", "--games", "5", "--pack", str(MAIN), "--difficulty", "brutal")
    assert code == 1 and "no difficulty 'brutal'" in err and "easy" in err


def test_difficulty_changes_the_games(tmp_path: Path) -> None:
    if not (MAIN / "pack.yaml").is_file():
        pytest.skip("no 2022 pack")
    easy = [r.score for r in run_games([MAIN], "greedy", 20, jobs=1, difficulty="easy")]
    plain = [r.score for r in run_games([MAIN], "greedy", 20, jobs=1)]
    assert easy != plain


# ------------------------------------------------------------- the verdicts


def _gated_pack(make_pack: Callable[..., Path], mini: dict[str, Any], gated_bonus: int) -> Path:
    """A first card that sets a flag and lifts the score in half the games,
    then a card whose option 'b' requires that flag."""
    cards = mini["cards.yaml"]["cards"]
    cards[0]["options"] = [
        {"id": "boost", "label": "Boost", "effects": [{"add": {"autonomy": 40}},
                                                     {"set_flag": "done"}]},
        {"id": "plain", "label": "Plain", "effects": [{"add": {"economy": 1}}]},
    ]
    cards.append({"id": "second", "title": "Second", "text": "The second card.",
                  "when": {"month": 2},
                  "options": [
                      {"id": "a", "label": "A", "effects": [{"add": {"autonomy": 1}}]},
                      {"id": "b", "label": "B", "requires": "flag.done",
                       "effects": [{"add": {"autonomy": 1 + gated_bonus}}]},
                  ]})
    return make_pack(mini)


def test_an_option_behind_a_requirement_is_compared_fairly(make_pack: Callable[..., Path],
                                                           mini: dict[str, Any]) -> None:
    pack = _gated_pack(make_pack, mini, gated_bonus=0)
    records = list(run_games([pack], "random", 600, seed=2, jobs=1))
    report = build_report(load_packs([pack]), None, "random", 2, records)
    rows = {(o["card"], o["option"]): o for o in report["options"]}
    a, b = rows[("second", "a")], rows[("second", "b")]
    # 'b' is only there in the boosted games, so its mean score is far higher;
    # compared with 'a' over the games in which both were on offer, it is not.
    assert b["requires"] and b["available"] < b["offered"] == a["available"]
    assert b["mean_score_when_picked"] > a["mean_score_when_picked"] + 20
    judged = {(o["card"], o["option"]) for o in
              report["dominant_options"] + report["never_worth_picking"]}
    assert ("second", "b") not in judged and ("second", "a") not in judged


def test_a_verdict_states_its_numbers(make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    pack = _gated_pack(make_pack, mini, gated_bonus=30)
    records = list(run_games([pack], "random", 600, seed=2, jobs=1))
    report = build_report(load_packs([pack]), None, "random", 2, records)
    (dom,) = [o for o in report["dominant_options"] if o["card"] == "second"]
    assert dom["option"] == "b"  # the requirement does not hide it
    (c,) = dom["compared"]
    assert c["option"] == "a" and c["together"] < report["games"]
    assert c["difference"] > c["needed"] > 0
    assert f"in the {c['together']:,} decisions both were available" in dom["because"]
    text = format_report(report)
    assert f"second/b: {dom['because']}" in text


def test_options_that_cannot_be_judged_are_listed_with_the_reason(
        make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    pack = _gated_pack(make_pack, mini, gated_bonus=0)
    records = list(run_games([pack], "random", 30, seed=2, jobs=1))
    report = build_report(load_packs([pack]), None, "random", 2, records)
    reasons = {(o["card"], o["option"]): o["because"] for o in report["not_judged"]}
    assert set(reasons) == {(c, o) for c, o in [("first", "boost"), ("first", "plain"),
                                                 ("second", "a"), ("second", "b")]}
    assert all(f"fewer than {MIN_SAMPLES}" in why for why in reasons.values())


def test_the_text_report_lists_every_options_pick_rate(tutorial: Any) -> None:
    records = list(run_games([TUTORIAL], "random", 50, jobs=1))
    text = format_report(build_report(tutorial, None, "random", 0, records))
    for card in tutorial.cards.values():
        for opt in card.options:
            line = next((ln for ln in text.splitlines() if ln.startswith(f"    {opt.id} ")), "")
            assert "%" in line and "mean" in line, opt.id


def test_the_report_speaks_the_scenarios_words(make_pack: Callable[..., Path],
                                               mini: dict[str, Any], cli: Cli) -> None:
    sc = mini["scenario.yaml"]["scenarios"][0]
    del sc["start_month"]
    sc["calendar"] = {"unit": "week", "names": "numbers"}
    mini["cards.yaml"]["cards"][0]["when"] = {"turn": 1}
    sc["words"] = {"currency": "favour", "currencies": "favours", "actions": "Moves",
                   "relations": "Stakeholders", "side": "Your harbour"}
    pack = make_pack(mini)
    code, out, err = cli("simulate", "--games", "20", "--pack", str(pack), "--jobs", "1")
    assert code == 0, err
    assert "Played from Week 1 to Week 3: 3 weeks" in out and "Moves per game:" in out
    for word in ("month", "Month", "capital", "Capital", "Diplomacy", "country"):
        assert word not in out, word


def test_the_cautious_bot_takes_cheap_safe_actions(tutorial: Any) -> None:
    records = list(run_games([TUTORIAL], "cautious", 20, jobs=1))
    assert sum(len(r.actions) for r in records) > 0
    greedy = list(run_games([TUTORIAL], "greedy", 20, jobs=1))
    assert statistics.fmean(r.score for r in records) < statistics.fmean(r.score for r in greedy)


def test_the_cautious_bot_keeps_half_its_currency(make_pack: Callable[..., Path],
                                                  mini: dict[str, Any]) -> None:
    mini["world.yaml"]["actions"][0]["cost"] = 3  # capital starts at 2, earns 1, holds 5
    records = list(run_games([make_pack(mini)], "cautious", 10, jobs=1))
    assert all(r.actions == () for r in records)
