"""The story of a finished (or unfinished) game, for debriefs and comparisons.

A save is replayed with the full log on, and turned into what a class talks
about: each decision with what it changed, what really happened on that
card, the values turn by turn, and the biggest swings with their causes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..common.logwords import cause_label, log_text
from ..engine import Action, Game, GameState, LogEntry
from ..phrases import phrase
from ..rules.ruleset import Ruleset
from ..turns import turn_short


@dataclass(frozen=True)
class Decision:
    """One card decided: the choice, its direct effects, and the history."""

    turn: int
    card: str
    title: str
    option: str
    label: str
    effects: tuple[tuple[str, int], ...]  # (value name, change), in order
    messages: tuple[str, ...]
    historical_option: str | None
    historical_label: str | None
    history: str
    discuss: str
    source: str


@dataclass(frozen=True)
class Swing:
    """A large change of one value within a turn, and what caused it."""

    turn: int
    target: str
    before: int
    after: int
    causes: tuple[tuple[str, int, str], ...]  # (cause label, change, where)


@dataclass
class Story:
    """Everything a debrief shows about one game."""

    state: GameState
    decisions: list[Decision] = field(default_factory=list)
    actions: list[tuple[int, str]] = field(default_factory=list)  # (turn, action name)
    labels: list[str] = field(default_factory=list)  # each point's turn ("Jan"), or the end
    series: dict[str, list[int]] = field(default_factory=dict)  # value name -> points
    swings: list[Swing] = field(default_factory=list)

    @property
    def ruleset(self) -> Ruleset:
        return self.state.ruleset


def _values(st: GameState, names: list[str]) -> dict[str, int]:
    return {n: int(st.v[n]) for n in names}


def tell(ruleset: Ruleset, record: dict[str, Any], language: str = "en") -> Story:
    """Replay a save record (already checked) and tell its story (turn names in
    ``language``)."""
    game = Game(ruleset, record["scenario"], record["seed"], preset=record.get("preset"),
                difficulty=record.get("difficulty"))
    st = game.new_state()
    names = ([t for t, m in ruleset.tracks.items() if m.visible]
             + [f"rel.{a}" for a in ruleset.actors])
    story = Story(state=st)
    story.labels.append(turn_short(game.scenario, st.turn, language))
    start = _values(st, names)
    for n in names:
        story.series[n] = [start[n]]
    turn_entries: dict[int, list[LogEntry]] = defaultdict(list)
    for text in record["actions"]:
        action = Action.parse(text)
        turn = st.turn
        entries = st.apply(action)
        for e in entries:
            turn_entries[e.turn].append(e)
        if action.kind == "choose":
            story.decisions.append(_decision(ruleset, turn, action, entries, set(names),
                                             language))
        elif action.kind == "act":
            story.actions.append((turn, ruleset.actions[action.action or ""].name))
        if st.turn != turn or st.is_over:
            values = _values(st, names)
            story.labels.append(phrase("print.end", language) if st.is_over
                                else turn_short(game.scenario, st.turn, language))
            for n in names:
                story.series[n].append(values[n])
    story.state = st
    story.swings = _swings(ruleset, turn_entries, names, language)
    return story


def _decision(ruleset: Ruleset, turn: int, action: Action,
              entries: list[LogEntry], shown: set[str], language: str = "en") -> Decision:
    """A decision with what it changed at once, among the values players see."""
    card = ruleset.cards[action.card or ""]
    option = next(o for o in card.options if o.id == action.option)
    hist = card.historical_option
    hist_label = next((o.label for o in card.options if o.id == hist), None) if hist else None
    totals: dict[str, int] = {}
    for e in entries:
        if e.target in shown and e.delta and e.turn == turn \
                and e.cause.kind in ("option", "spill"):
            totals[e.target] = totals.get(e.target, 0) + e.delta
    effects = tuple((t, d) for t, d in totals.items() if d)
    messages = tuple(log_text(e, ruleset, language) for e in entries if e.target is None and e.text
                     and not e.text.startswith(("You chose:", "Turn ")) and e.turn == turn)
    return Decision(turn, card.id, card.title, option.id, option.label, effects, messages,
                    hist, hist_label, card.history, card.discuss, card.source)


def _swings(ruleset: Ruleset, turn_entries: dict[int, list[LogEntry]],
            names: list[str], language: str = "en") -> list[Swing]:
    """The three largest changes of one value within one turn, with causes."""
    found: list[Swing] = []
    shown = set(names)
    for turn, entries in turn_entries.items():
        by_target: dict[str, list[LogEntry]] = defaultdict(list)
        for e in entries:
            if e.target in shown:
                by_target[e.target].append(e)
        for target, changes in by_target.items():
            before, after = changes[0].before, changes[-1].after
            causes: dict[tuple[str, str], int] = defaultdict(int)
            for e in changes:
                causes[(cause_label(e.cause, ruleset, language), e.cause.where)] += e.delta
            ranked = sorted(((label, delta, where) for (label, where), delta in causes.items()
                             if delta), key=lambda c: -abs(c[1]))
            found.append(Swing(turn, target, before, after, tuple(ranked[:3])))
    found.sort(key=lambda s: (-abs(s.after - s.before), s.turn, s.target))
    return found[:3]
