"""When things happen: turn references of cards, actions, rules, milestones
and presets, read against a scenario's calendar.

Every part of the program that asks "in which turns?" asks here: the
loader's checks, the engine's program and the lints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .calendar import Clock
from .models import CardWhen, Preset, Scenario


@dataclass(frozen=True, slots=True)
class Turns:
    """The turns a reference names in one calendar, and what it named that
    the calendar does not know."""

    turns: frozenset[int]
    unknown: tuple[str, ...] = ()


def explain_unknown(ref: int | str, clock: Clock) -> str:
    """Why a turn reference names nothing in ``clock``, in a modder's words."""
    if isinstance(ref, int):
        return (f"turn {ref} does not exist: the calendar has {clock.count(clock.turns)} "
                f"(1 to {clock.turns})")
    return f"no turn is called '{ref}' (turns: {clock.known_names()})"


def refs(refs: Iterable[int | str], clock: Clock) -> Turns:
    """The turns that ``refs`` (numbers or names) name."""
    found: set[int] = set()
    unknown: list[str] = []
    for ref in refs:
        turn = clock.resolve(ref)
        if turn is None:
            unknown.append(explain_unknown(ref, clock))
        else:
            found.add(turn)
    return Turns(frozenset(found), tuple(unknown))


def months(months: Iterable[int], clock: Clock) -> Turns:
    """The turns that fall in these calendar months."""
    if clock.kind != "months":
        why = f"`month` is for a calendar of months; this one counts {clock.units}: use `turn`"
        return Turns(frozenset(), (why,))
    found: set[int] = set()
    unknown: list[str] = []
    for m in months:
        if not 1 <= m <= 12:
            unknown.append(f"month {m} does not exist (months are 1-12)")
        else:
            found.update(clock.turns_in_month(m))
    return Turns(frozenset(found), tuple(unknown))


def window(ends: Sequence[int | str], clock: Clock) -> tuple[int, int] | str:
    """A window's first and last turn, or why it cannot be read."""
    first, last = (clock.resolve(end) for end in ends)
    for end, turn in zip(ends, (first, last), strict=True):
        if turn is None:
            return explain_unknown(end, clock)
    assert first is not None and last is not None
    if first > last:
        return f"the window {list(ends)} ends before it starts"
    return first, last


def fixed(when: CardWhen, clock: Clock) -> Turns:
    """The turns a fixed card arrives in (by ``turn`` or ``month``)."""
    if when.turn is not None:
        return refs(when.turns, clock)
    if when.month is not None:
        return months(when.months, clock)
    return Turns(frozenset())


def preset_span(scenario: Scenario, preset: Preset | None) -> tuple[int, int] | str:
    """The first and last turn a preset plays (the whole calendar without
    one), or why the preset cannot be played."""
    clock = scenario.clock
    first = 1
    if preset is not None and preset.first_turn is not None:
        turn = clock.resolve(preset.first_turn)
        if turn is None:
            return explain_unknown(preset.first_turn, clock)
        first = turn
    elif preset is not None and preset.start_month is not None:
        found = months([preset.start_month], clock)
        if found.unknown:
            return found.unknown[0]
        if not found.turns:
            return f"no turn of the calendar falls in month {preset.start_month}"
        first = min(found.turns)
    count = preset.turns if preset is not None and preset.turns is not None else None
    last = clock.turns if count is None else first + count - 1
    if last > clock.turns:
        return (f"it plays {clock.count(count or 0)} from turn {first}, past the calendar's "
                f"end (turn {clock.turns})")
    return first, last


def spans(scenario: Scenario) -> list[tuple[int, int]]:
    """The stretches of turns a scenario can be played in: whole, and each preset's."""
    found = [preset_span(scenario, None)] + [preset_span(scenario, p) for p in scenario.presets]
    return [s for s in found if isinstance(s, tuple)]
