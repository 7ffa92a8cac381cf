"""The board and the record sheet: every value as a row of boxes, the
calendar with its milestones, markers, counters and a score worksheet.

A row marks where a value starts, where it drifts back to, its danger zone
and the values that lose the game (read from simple defeat conditions such
as ``autonomy <= 10``). The pages are ``html/templates/deck/board.html``
and ``deck/record.html``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ...html import Markup, render
from ...rules import timing
from ...rules.models import Preset, Scenario
from ...rules.ruleset import Ruleset
from ...rules.words import MINUS, expr_terms
from ...turns import turn_name


def _step(low: int, high: int, most: int = 21) -> int:
    """The value each box stands for: a round step, at most ``most`` boxes."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if (high - low) // step + 1 <= most:
            return step
    return max(1, (high - low) // (most - 1))


@dataclass(frozen=True)
class Box:
    """One box of a row: the lowest value it stands for, and how it is marked."""

    number: str
    classes: str
    #: Values per box, when more than one (ticks are drawn inside it).
    step: int


@dataclass(frozen=True)
class Meter:
    """A row of the board: a track, relation or capital, with its zones."""

    label: str
    note: str
    low: int
    high: int
    start: int
    baseline: int | None = None
    danger_below: int | None = None
    danger_above: int | None = None
    lose_below: int | None = None  # a defeat at or below this value
    lose_above: int | None = None
    zero: bool = False

    def boxes(self) -> list[Box]:
        """The row's boxes, lowest first."""
        step = _step(self.low, self.high)
        out = []
        for v in range(self.low, self.high + 1, step):
            top = v + step - 1
            classes = []
            if (self.lose_below is not None and v <= self.lose_below) or \
                    (self.lose_above is not None and top >= self.lose_above):
                classes.append("lose")
            elif (self.danger_below is not None and v <= self.danger_below) or \
                    (self.danger_above is not None and top >= self.danger_above):
                classes.append("danger")
            if v <= self.start <= top:
                classes.append("start")
            if self.baseline is not None and v <= self.baseline <= top:
                classes.append("base")
            if self.zero and v == 0:
                classes.append("zero")
            out.append(Box(str(v).replace("-", MINUS), " ".join(classes), step))
        return out


def _defeat_zones(scenario: Scenario) -> dict[str, tuple[int | None, int | None]]:
    """Simple defeat conditions (``autonomy <= 10``) as zones, by value name."""
    zones: dict[str, tuple[int | None, int | None]] = {}
    for ending in scenario.endings:
        if not ending.defeat or not isinstance(ending.if_, str):
            continue
        try:
            node = ast.parse(ending.if_.strip(), mode="eval").body
        except SyntaxError:
            continue
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1
                and isinstance(node.comparators[0], ast.Constant)
                and isinstance(node.comparators[0].value, (int, float))):
            continue
        name = ast.unparse(node.left)
        value = node.comparators[0].value
        low, high = zones.get(name, (None, None))
        op = node.ops[0]
        if isinstance(op, ast.LtE):
            low = int(value)
        elif isinstance(op, ast.Lt):
            low = int(value) - 1
        elif isinstance(op, ast.GtE):
            high = int(value)
        elif isinstance(op, ast.Gt):
            high = int(value) + 1
        zones[name] = (low, high)
    return zones


def _track_meters(ruleset: Ruleset, scenario: Scenario, visible: bool) -> list[Meter]:
    zones = _defeat_zones(scenario)
    meters = []
    for t in ruleset.tracks.values():
        if t.visible != visible:
            continue
        lose = zones.get(t.id, (None, None))
        d = t.danger
        meters.append(Meter(t.name, f"start {t.start}", t.min, t.max, t.start,
                            t.baseline if t.baseline is not None else t.start,
                            d.below if d else None, d.above if d else None, *lose))
    return meters


def _relation_meters(ruleset: Ruleset, scenario: Scenario) -> list[Meter]:
    zones = _defeat_zones(scenario)
    meters = []
    for a in ruleset.actors.values():
        r = a.relation
        rivals = ", ".join(f"{ruleset.actors[x].short or ruleset.actors[x].name} "
                           f"{round(f * 100)}%" for x, f in a.rivals.items()
                           if x in ruleset.actors)
        note = f"start {r.start}" + (f"; rivals {rivals}" if rivals else "")
        lose = zones.get(f"rel.{a.id}", (None, None))
        d = r.danger
        meters.append(Meter(a.name, note, r.min, r.max, r.start,
                            r.baseline if r.baseline is not None else r.start,
                            d.below if d else None, d.above if d else None, *lose,
                            zero=r.min < 0 < r.max))
    return meters


@dataclass(frozen=True)
class CalendarTurn:
    """A turn of the calendar strip: its name, its number in the game (if
    played), its milestones."""

    name: str
    turn: int | None
    milestones: tuple[str, ...]


def calendar(scenario: Scenario, preset: Preset | None = None) -> list[CalendarTurn]:
    """Every turn of the scenario's calendar, with its number in the game
    (``None``: the preset does not play it) and its milestones."""
    clock = scenario.clock
    span = timing.preset_span(scenario, preset)
    first, last = span if isinstance(span, tuple) else (1, clock.turns)
    marks: dict[int, list[str]] = {}
    for m in scenario.milestones:
        found = timing.refs([m.turn], clock) if m.turn is not None else \
            timing.months([m.month or 0], clock)
        for t in found.turns:
            marks.setdefault(t, []).append(m.name)
    return [CalendarTurn(turn_name(clock, t), t - first + 1 if first <= t <= last else None,
                         tuple(marks.get(t, ())))
            for t in range(1, clock.turns + 1)]


def board_page(ruleset: Ruleset, scenario: Scenario, preset: Preset | None = None) -> Markup:
    """The board: tracks, relations, capital and the calendar, on one page."""
    cap = scenario.capital
    capital = Meter(cap.name, f"start {cap.start}, at most {cap.max}", 0, cap.max, cap.start)
    return Markup(render("deck/board.html", scenario=scenario,
                         tracks=_track_meters(ruleset, scenario, True),
                         relations=_relation_meters(ruleset, scenario), capital=capital,
                         calendar=calendar(scenario, preset)))


def record_page(ruleset: Ruleset, scenario: Scenario) -> Markup:
    """The record sheet: markers, counters, hidden tracks, lasting effects, score."""
    return Markup(render("deck/record.html", scenario=scenario, ruleset=ruleset,
                         hidden=_track_meters(ruleset, scenario, False),
                         terms=expr_terms(scenario.score, ruleset), tiers=tiers_text(scenario)))


def tiers_text(scenario: Scenario) -> str:
    """``Master (400 or more); Steady (300 or more); ...``."""
    return "; ".join(f"{t.name} {_at_least(t.min_score)}" for t in scenario.tiers)


def _at_least(score: float) -> str:
    return "(any score)" if score <= -999 else f"({score:g} or more)"
