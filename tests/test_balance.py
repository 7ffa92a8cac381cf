"""Bots and the balance lab."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asean_chair.balance.report import build_report
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
def test_ten_thousand_random_games_stay_in_bounds(pack: Path) -> None:
    records = list(run_games([pack], "random", 10_000, seed=99, jobs=2, checked=True))
    assert len(records) == 10_000
    assert [r.index for r in records] == list(range(10_000))
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
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.count("<svg") >= 4
    for fetch in ("<script src", "<link", "href=\"http", "src=\"http", "@import"):
        assert fetch not in page  # nothing to fetch
    code, out, _ = cli("simulate", "--games", "20", "--pack", str(TUTORIAL), "--jobs", "1",
                       "--json")
    data = json.loads(out)
    assert data["games"] == 20 and data["bot"] == "random"
    code, _, err = cli("simulate", "--games", "5", "--bot", "nobody", "--pack", str(TUTORIAL))
    assert code == 1 and "unknown bot 'nobody'" in err
