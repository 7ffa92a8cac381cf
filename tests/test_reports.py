"""The printed pages are safe and say what the scenario says.

Every report (the debrief, the class debrief, the deck and the balance
report) comes from a template with autoescaping on: a pack's or a team's
text that looks like HTML is shown as text, never run. A chart draws a
team's name as written, dollar signs too. Turn names come from the
scenario's calendar.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.bots import RandomBot, play_out
from asean_chair.charts import chart_text, svg_chart
from asean_chair.classroom.codes import make_code
from asean_chair.classroom.session import save_result, start_session
from asean_chair.html import render
from asean_chair.reports.deck import print_deck
from asean_chair.rules import load_packs
from asean_chair.rules.calendar import Clock
from asean_chair.turns import month_name, turn_months, turn_name, turn_short

Cli = Callable[..., tuple[int, str, str]]
SCRIPT = "<script>alert('owned')</script>"
#: A team name matplotlib would set as mathematics if it were not escaped.
DOLLARS = "Save $5 or $10"


@pytest.fixture
def hostile_pack(make_pack: Callable[..., Path], mini: dict[str, Any]) -> Path:
    """The mini pack with HTML in a card's title, an option, a track and an ending."""
    card = mini["cards.yaml"]["cards"][0]
    card["title"] = f"First {SCRIPT}"
    card["options"][0]["label"] = f"A {SCRIPT}"
    card["history"] = f"It happened {SCRIPT}"
    card["historical_option"] = "a"
    card["source"] = "https://example.org/what-happened"
    card["discuss"] = f"Was it right? {SCRIPT}"
    mini["world.yaml"]["tracks"][0]["name"] = f"Autonomy {SCRIPT}"
    mini["scenario.yaml"]["scenarios"][0]["endings"][1]["title"] = f"Done {SCRIPT}"
    return make_pack(mini)


def results(pack: Path, folder: Path, teams: list[str]) -> list[Path]:
    """The result files of teams who played one session of ``pack`` to the end."""
    ruleset = load_packs([pack])
    code = make_code(ruleset, seed=5)
    paths = []
    for i, team in enumerate(teams):
        state = play_out(start_session(ruleset, code).new_state(), RandomBot(i))
        paths.append(save_result(state, code, team, folder / f"team{i}.json"))
    return paths


def assert_escaped(page: str) -> None:
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page


def test_the_debrief_escapes_pack_and_team_text(cli: Cli, hostile_pack: Path,
                                                tmp_path: Path) -> None:
    (result,) = results(hostile_pack, tmp_path, [f"Team {SCRIPT}"])
    out = tmp_path / "debrief.html"
    assert cli("report", str(result), "--pack", str(hostile_pack), "-o", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    assert_escaped(page)
    assert "First &lt;script&gt;" in page and "Team &lt;script&gt;" in page


def test_the_class_debrief_escapes_team_names(cli: Cli, hostile_pack: Path,
                                             tmp_path: Path) -> None:
    paths = results(hostile_pack, tmp_path, [f"Team {SCRIPT}", DOLLARS])
    out = tmp_path / "class.html"
    code, stdout, _ = cli("classroom", "compare", "--pack", str(hostile_pack),
                          *map(str, paths), "-o", str(out))
    assert code == 0, stdout
    page = out.read_text(encoding="utf-8")
    assert_escaped(page)
    assert f">{DOLLARS}<" in page and "Team &lt;script&gt;" in page


def test_the_debriefs_charts_keep_every_character(cli: Cli, hostile_pack: Path,
                                                  tmp_path: Path) -> None:
    (result,) = results(hostile_pack, tmp_path, [DOLLARS])
    out = tmp_path / "debrief.html"
    assert cli("report", str(result), "--pack", str(hostile_pack), "-o", str(out))[0] == 0
    tracks, _ = re.findall(r"<svg.*?</svg>", out.read_text(encoding="utf-8"), re.DOTALL)
    assert ">Autonomy &lt;script&gt;alert('owned')&lt;/script&gt;<" in tracks  # as written


def test_the_deck_escapes_pack_text(hostile_pack: Path) -> None:
    page = print_deck(load_packs([hostile_pack]))
    assert_escaped(page)
    assert "First &lt;script&gt;" in page and "Autonomy &lt;script&gt;" in page


def test_the_balance_report_escapes_pack_text(cli: Cli, hostile_pack: Path,
                                              tmp_path: Path) -> None:
    out = tmp_path / "balance.html"
    code, _, err = cli("simulate", "--pack", str(hostile_pack), "--games", "4", "--jobs", "1",
                       "--html", str(out))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert_escaped(page)
    assert "Done &lt;script&gt;" in page


def test_templates_escape_whatever_they_are_given() -> None:
    page = render("base.html", page="debrief", title=SCRIPT)
    assert "<title>&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;</title>" in page


def test_chart_text_keeps_every_character() -> None:
    name = "a $b$ c \\d"
    svg = svg_chart(lambda ax: ax.set_title(chart_text(name)))
    assert ">a $b$ c \\d<" in svg
    # Without it, matplotlib sets $b$ as mathematics: the dollar signs are gone.
    raw = svg_chart(lambda ax: ax.set_title(name))
    assert ">a $b$ c \\d<" not in raw


def test_turns_are_named_from_the_scenarios_calendar() -> None:
    winter = Clock(4, "month", "months", "months", start_month=11, year=2022)
    assert turn_months(winter) == [11, 12, 1, 2]
    assert [turn_short(winter, t) for t in (1, 3)] == ["Nov", "Jan"]
    assert turn_name(winter, 2) == "December"
    assert turn_name(winter, 2, year=True) == "December 2022"
    assert turn_name(winter, 3, year=True) == "January 2023"  # the year rolls over
    assert turn_name(Clock(3, "month", "months", "months"), 1, year=True) == "January"
    weeks = Clock(16, "week", "weeks", "numbers")
    assert (turn_name(weeks, 16), turn_short(weeks, 3)) == ("Week 16", "W3")
    seasons = Clock(2, "season", "seasons", "list", names=(("Spring 1853", "Spr"),
                                                           ("Summer 1853", "")))
    assert [turn_name(seasons, t) for t in (1, 2)] == ["Spring 1853", "Summer 1853"]
    assert [turn_short(seasons, t) for t in (1, 2)] == ["Spr", "Summer 1853"]


def test_turn_names_in_another_language_fall_back_to_english() -> None:
    assert month_name(3, "km") != month_name(3, "en")
    assert month_name(3, "xx") == "March"  # no such translation
