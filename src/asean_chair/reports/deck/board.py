"""The board and the sheets: every value as a row of boxes, the calendar with
its milestones; the record sheet (markers, counters, diplomacy uses, lasting
effects, a score worksheet); and, for a pack with hidden tracks, the game
master's sheet.

A row marks where a value starts, where it drifts back to, its danger zone
and the values that lose the game (read from simple defeat conditions such
as ``autonomy <= 10``). The board holds 2 to 12 tracks and 1 to 12
relations on one A4 page: rows get lower as they get more, and a long
calendar gets a page of its own. The pages are ``html/templates/deck/``
``board.html``, ``record.html`` and ``master.html``.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...html import Markup, render
from ...rules import timing
from ...rules.models import Preset, Scenario
from ...rules.ruleset import Ruleset
from ...rules.words import MINUS, describe_effects, describe_expr, expr_terms
from ..frame import Frame

if TYPE_CHECKING:
    from .cards import CardFace


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


def _track_meters(ruleset: Ruleset, scenario: Scenario, visible: bool,
                  frame: Frame) -> list[Meter]:
    zones = _defeat_zones(scenario)
    meters = []
    for t in ruleset.tracks.values():
        if t.visible != visible:
            continue
        lose = zones.get(t.id, (None, None))
        d = t.danger
        meters.append(Meter(t.name, frame.t("deck.board.start", n=t.start), t.min, t.max,
                            t.start, t.baseline if t.baseline is not None else t.start,
                            d.below if d else None, d.above if d else None, *lose))
    return meters


def _relation_meters(ruleset: Ruleset, scenario: Scenario, frame: Frame) -> list[Meter]:
    zones = _defeat_zones(scenario)
    meters = []
    many = len(ruleset.actors) > 8
    for a in ruleset.actors.values():
        r = a.relation
        rivals = ", ".join(f"{ruleset.actors[x].short or ruleset.actors[x].name} "
                           f"{round(f * 100)}%" for x, f in a.rivals.items()
                           if x in ruleset.actors)
        note = frame.t("deck.board.start", n=r.start)
        if rivals:
            note += "; " + frame.t("deck.board.rivals", rivals=rivals)
        lose = zones.get(f"rel.{a.id}", (None, None))
        d = r.danger
        name = (a.short or a.name) if many and len(a.name) > 18 else a.name
        meters.append(Meter(name, note, r.min, r.max, r.start,
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


def calendar(scenario: Scenario, preset: Preset | None, frame: Frame) -> list[CalendarTurn]:
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
    return [CalendarTurn(frame.turn(t), t - first + 1 if first <= t <= last else None,
                         tuple(marks.get(t, ())))
            for t in range(1, clock.turns + 1)]


@dataclass(frozen=True)
class BoardLayout:
    """How the board fits its page: the height of a row, the calendar's shape."""

    row_mm: float
    cal_cols: int
    cal_cell_mm: float
    calendar_apart: bool


def board_layout(rows: int, turns: int) -> BoardLayout:
    """Rows as high as fit (8.4 mm down to 5.6 mm), the calendar under them or on a
    page of its own when it does not fit."""
    cols = 6 if turns <= 12 else 8
    cal_rows = -(-turns // cols)
    cell = 27.0 if turns <= 12 else 17.0
    room = 262.0 - 3 * 8.0  # the page less its title, legend and three headings
    row = max(5.6, min(8.4, room / max(rows, 1) - 1.4))
    used = rows * (row + 1.4)
    apart = used + 8.0 + cal_rows * cell > room
    if not apart and rows > 0:
        row = max(5.6, min(8.4, (room - 8.0 - cal_rows * cell) / rows - 1.4))
    return BoardLayout(round(row, 1), cols, cell, apart)


def board_page(ruleset: Ruleset, scenario: Scenario, preset: Preset | None = None,
               frame: Frame | None = None) -> Markup:
    """The board: tracks, relations, the currency and the calendar (on one page when
    it fits)."""
    frame = frame or Frame(ruleset, scenario)
    cap = scenario.capital
    capital = Meter(cap.name, frame.t("deck.board.at_most", start=cap.start, max=cap.max), 0,
                    cap.max, cap.start)
    tracks = _track_meters(ruleset, scenario, True, frame)
    relations = _relation_meters(ruleset, scenario, frame)
    layout = board_layout(len(tracks) + len(relations) + 1, scenario.clock.turns)
    return Markup(render("deck/board.html", scenario=scenario, t=frame.t, tracks=tracks,
                         relations=relations, capital=capital, layout=layout,
                         calendar=calendar(scenario, preset, frame)))


@dataclass(frozen=True)
class ActionUse:
    """A row of the record sheet's diplomacy uses: the action, its limits, its boxes."""

    name: str
    limits: str
    boxes: int


def record_page(ruleset: Ruleset, scenario: Scenario, preset: Preset | None = None,
                frame: Frame | None = None) -> Markup:
    """The record sheet: markers, counters, diplomacy uses, lasting effects, the score."""
    from .cards import CardWords, played_turns
    from .hidden import Veil

    frame = frame or Frame(ruleset, scenario)
    words = CardWords(frame)
    veil = Veil(ruleset)
    played = played_turns(scenario, preset)
    uses = [ActionUse(a.name, "; ".join(words.action_terms(a)),
                      a.max_uses if a.max_uses is not None else 0)
            for a in ruleset.actions.values()]
    terms = [x for x in expr_terms(scenario.score, ruleset, frame.language)
             if not any(ruleset.tracks[h].name in x for h in veil.hidden)]
    # About how tall each part is, in mm: the score goes on a second sheet when
    # the first is full.
    first = (12 + 7 * 4 + 4.6 * -(-len(ruleset.flags) // 3) + 8 * -(-len(ruleset.counters) // 3)
             + 5.6 * (len(uses) + 1) + 8 + 6 * 4)
    apart = first + 5.2 * (len(terms) + 1) + 12 > 262
    return Markup(render("deck/record.html", scenario=scenario, ruleset=ruleset, t=frame.t,
                         uses=uses, per_turn=scenario.actions_per_turn,
                         turns=[frame.turn(n) for n in played], apart=apart,
                         terms=terms, tiers=tiers_text(scenario, frame)))


def master_page(ruleset: Ruleset, scenario: Scenario, preset: Preset | None, frame: Frame,
                faces: Sequence[CardFace]) -> Markup | None:
    """The game master's sheet (``None`` for a pack without hidden tracks): the hidden
    tracks, each starred line of the cards in full, the hidden rules, defeats and score."""
    from .hidden import STAR, Veil
    from .summary import rules_played, secret_rule

    veil = Veil(ruleset)
    if not veil:
        return None
    lines = [(f.title, f.secret) for f in faces if f.secret]
    rules = []
    for rule in rules_played(ruleset, scenario, preset):
        secret = secret_rule(rule, veil)
        if secret is not None:
            when = (f" ({describe_expr(rule.if_, ruleset, language=frame.language)})"
                    if rule.if_ is not None else "")
            does = "; ".join(describe_effects(list(secret.effects), ruleset,
                                              language=frame.language))
            rules.append((f"{rule.name or rule.id}{when}", does))
    endings = [(e.title, describe_expr(e.if_, ruleset, language=frame.language))
               for e in scenario.endings
               if e.defeat and e.if_ is not None and veil.reads_hidden(e.if_)]
    terms = [x for x in expr_terms(scenario.score, ruleset, frame.language)
             if any(ruleset.tracks[h].name in x for h in veil.hidden)]
    return Markup(render("deck/master.html", scenario=scenario, t=frame.t, star=STAR,
                         hidden=_track_meters(ruleset, scenario, False, frame), lines=lines,
                         rules=rules, endings=endings, terms=terms))


def tiers_text(scenario: Scenario, frame: Frame | None = None) -> str:
    """``Master (400 or more); Steady (300 or more); ...``."""
    t = frame.t if frame is not None else None

    def at_least(score: float) -> str:
        if t is None:
            return "(any score)" if score <= -999 else f"({score:g} or more)"
        return t("deck.rules.any_score") if score <= -999 else \
            t("deck.rules.at_least", score=f"{score:g}")

    return "; ".join(f"{x.name} {at_least(x.min_score)}" for x in scenario.tiers)
