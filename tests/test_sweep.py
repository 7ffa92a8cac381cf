"""Balance sweeps: a grid of pack variants, each played and judged side by side."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import pytest

from asean_chair.balance.sweep import (
    PackFiles,
    SweepError,
    Targets,
    grid,
    parse_vary,
    sweep,
)
from asean_chair.rules import load_packs

from .conftest import TUTORIAL


def test_a_vary_is_a_list_a_range_or_an_offset() -> None:
    assert parse_vary("tracks.autonomy.start=40..60/10").values == (40, 50, 60)
    assert parse_vary("tracks.autonomy.start=1,2,5").values == (1, 2, 5)
    offset = parse_vary("cards.port_question.options.*.cost=+-1")
    assert offset.values == (-1, 0, 1) and offset.relative
    assert parse_vary("actions.*.cost=±2").values == (-2, 0, 2)


@pytest.mark.parametrize("spec", ["autonomy=1", "tracks.autonomy.start",
                                  "tracks.autonomy.start=9..1", "tracks.autonomy.start=lots",
                                  "weather.x.y=1"])
def test_a_vary_that_cannot_be_read_says_how_to_write_it(spec: str) -> None:
    with pytest.raises(SweepError, match="--vary"):
        parse_vary(spec)


def test_the_grid_is_every_combination_and_each_variant_is_an_overlay() -> None:
    rs = load_packs([TUTORIAL])
    variants = grid(rs, [parse_vary("tracks.autonomy.start=40,60"),
                         parse_vary("cards.port_question.options.*.cost=+-1")])
    assert len(variants) == 6
    last = variants[-1]
    assert last.label == "tracks.autonomy.start=60, cards.port_question.options.*.cost+1"
    changed = load_packs(PackFiles.of([TUTORIAL], last.overlay(rs.main_pack.id), False).folders())
    assert changed.tracks["autonomy"].start == 60
    assert [o.cost for o in changed.cards["port_question"].options] == [2, 1, 1]
    assert changed.cards["port_question"].options[0].label == \
        rs.cards["port_question"].options[0].label  # the rest of the card is kept


def test_a_path_that_names_nothing_is_refused_with_what_there_is() -> None:
    rs = load_packs([TUTORIAL])
    with pytest.raises(SweepError, match="no item 'nope'"):
        grid(rs, [parse_vary("cards.port_question.options.nope.cost=1")])
    with pytest.raises(SweepError, match="no track 'nope'"):
        grid(rs, [parse_vary("tracks.nope.start=1")])


def _rows(outcomes: list[Any]) -> list[dict[str, Any]]:
    return [o.row() for o in outcomes]


def test_the_same_sweep_on_one_or_two_processes() -> None:
    axes = [parse_vary("tracks.autonomy.start=40,60")]
    one = sweep([TUTORIAL], axes, 30, seed=3, jobs=1)
    two = sweep([TUTORIAL], axes, 30, seed=3, jobs=2)
    assert [o.report for o in one] == [o.report for o in two]
    assert one[0].report != one[1].report  # the change is played


def test_a_variant_that_breaks_the_pack_is_reported_not_played() -> None:
    outcomes = sweep([TUTORIAL], [parse_vary("tracks.autonomy.start=50,500")], 10, jobs=1)
    assert outcomes[0].report is not None and outcomes[1].report is None
    assert outcomes[1].problem and not outcomes[1].meets


def test_targets_decide_which_variants_meet_them() -> None:
    report = {"wins": {"share": 0.3}, "dominant_options": [], "never_worth_picking": [{}]}
    assert Targets(wins=(0.05, 0.25)).misses(report) == ["wins 30.0%", "1 never worth picking"]
    assert Targets(wins=(0.0, 0.5), no_never_worth=False).misses(report) == []


def test_sweep_command(cli: Any) -> None:
    code, out, _ = cli("sweep", "--pack", str(TUTORIAL), "--vary", "tracks.autonomy.start=40,60",
                       "--games", "20", "--jobs", "1", "--json")
    assert code == 0
    data = json.loads(out)
    assert [v["change"] for v in data["variants"]] == ["tracks.autonomy.start=40",
                                                      "tracks.autonomy.start=60"]
    code, out, err = cli("sweep", "--pack", str(TUTORIAL), "--vary", "tracks.autonomy.start=40",
                         "--games", "10", "--jobs", "1", "--wins", "0..1")
    assert code == 0 and "1 variants" in out and "variants meet the targets" in out
    code, _, err = cli("sweep", "--pack", str(TUTORIAL), "--vary", "tracks.nope.start=1")
    assert code == 1 and "no track 'nope'" in err


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                    reason="Ray is not installed (pip install 'asean-chair[cluster]')")
def test_a_sweep_on_a_local_ray_gives_the_same_reports() -> None:
    axes = [parse_vary("tracks.autonomy.start=40,60")]
    local = sweep([TUTORIAL], axes, 30, seed=3, jobs=1)
    on_ray = sweep([TUTORIAL], axes, 30, seed=3, jobs=2, ray="local")
    assert [o.report for o in on_ray] == [o.report for o in local]
