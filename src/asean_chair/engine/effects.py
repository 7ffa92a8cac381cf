"""Effects: each kind compiled, once per ruleset, into a closure over the state.

One function per effect kind, in the order of ``EFFECT_KINDS``: a reader
looking for what ``schedule`` does finds ``_schedule`` here. Each closure
takes the state and the :class:`Cause` to log changes under.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..rules.models import Effect, Outcome
from .core import Cause

if TYPE_CHECKING:
    from .state import GameState

Apply = Callable[["GameState", Cause], None]


@dataclass(frozen=True, slots=True)
class ScheduledItem:
    """A follow-up card or delayed effects, registered under a stable key."""

    key: str
    card: str | None
    effects: Apply | None
    text: str
    cause: Cause


@dataclass(frozen=True, slots=True)
class ModifierDef:
    """A modifier as an effect starts it."""

    key: str
    id: str
    name: str
    turns: int
    each_turn: Apply | None
    income: int
    scale: dict[str, float]
    text: str
    cause: Cause


@dataclass(frozen=True, slots=True)
class CompiledOutcome:
    chance: float
    text: str
    effects: Apply | None


class EffectCompiler:
    """Compiles effect lists; keeps the registries of schedules and modifiers."""

    def __init__(self) -> None:
        self.schedules: dict[str, ScheduledItem] = {}
        self.modifiers: dict[str, ModifierDef] = {}

    def effects(self, effects: list[Effect], cause: Cause) -> Apply | None:
        """One closure applying ``effects`` in order (``None`` when empty)."""
        fns = [self.effect(e, cause) for e in effects]
        if not fns:
            return None
        if len(fns) == 1:
            return fns[0]
        seq = tuple(fns)

        def run(st: GameState, c: Cause) -> None:
            for fn in seq:
                fn(st, c)
                if st.over:
                    return

        return run

    def outcomes(self, outcomes: list[Outcome], cause: Cause) -> tuple[CompiledOutcome, ...]:
        """The chance branches, compiled."""
        return tuple(CompiledOutcome(o.chance, o.text, self.effects(o.effects, cause))
                     for o in outcomes)

    def effect(self, e: Effect, cause: Cause) -> Apply:
        kind = e.kind
        handler: Callable[[Effect, Cause], Apply] = getattr(self, f"_{kind}")
        return handler(e, cause)

    # -- one method per kind ----------------------------------------------

    def _add(self, e: Effect, cause: Cause) -> Apply:
        amounts = [(t, x.fn) for t, x in e.compiled("add").items()]
        spill = e.spill
        if len(amounts) == 1:
            ((target, amount),) = amounts
            return lambda st, c: st._add(target, amount(st.v), c, spill)

        def add(st: GameState, c: Cause) -> None:
            v = st.v
            for target, amount in amounts:
                st._add(target, amount(v), c, spill)

        return add

    def _set(self, e: Effect, cause: Cause) -> Apply:
        values = [(t, x.fn) for t, x in e.compiled("set").items()]

        def set_(st: GameState, c: Cause) -> None:
            for target, value in values:
                st._set(target, value(st.v), c)

        return set_

    def _set_flag(self, e: Effect, cause: Cause) -> Apply:
        name = f"flag.{e.set_flag}"
        return lambda st, c: st._set(name, 1, c)

    def _clear_flag(self, e: Effect, cause: Cause) -> Apply:
        name = f"flag.{e.clear_flag}"
        return lambda st, c: st._set(name, 0, c)

    def _schedule(self, e: Effect, cause: Cause) -> Apply:
        s = e.schedule
        assert s is not None
        key = f"s{len(self.schedules)}"
        self.schedules[key] = ScheduledItem(
            key, s.card, self.effects(s.effects, cause), s.text,
            Cause("schedule", cause.id, f"{cause.label} (months later)", cause.where),
        )
        delay = s.in_
        return lambda st, c: st._schedule(key, delay, c)

    def _draw(self, e: Effect, cause: Cause) -> Apply:
        d = e.draw
        assert d is not None
        if d.card is not None:
            card = d.card
            return lambda st, c: st._draw_card(card, c)
        tags = frozenset(d.tags)
        count = d.count
        return lambda st, c: st._draw_tagged(tags, count, c)

    def _modifier(self, e: Effect, cause: Cause) -> Apply:
        m = e.modifier
        assert m is not None
        key = f"m{len(self.modifiers)}"
        own = Cause("modifier", m.id, m.name, cause.where)
        self.modifiers[key] = ModifierDef(
            key, m.id, m.name, m.turns, self.effects(m.each_turn, own), m.income,
            dict(m.scale), m.text, own,
        )
        return lambda st, c: st._start_modifier(key, c)

    def _remove_modifier(self, e: Effect, cause: Cause) -> Apply:
        mod_id = str(e.remove_modifier)
        return lambda st, c: st._end_modifier(mod_id, c)

    def _if(self, e: Effect, cause: Cause) -> Apply:
        test = e.compiled("if").fn
        then = self.effects(e.then, cause)
        other = self.effects(e.else_, cause)

        def if_(st: GameState, c: Cause) -> None:
            branch = then if test(st.v) else other
            if branch is not None:
                branch(st, c)

        return if_

    def _outcomes(self, e: Effect, cause: Cause) -> Apply:
        assert e.outcomes is not None
        branches = self.outcomes(e.outcomes, cause)
        return lambda st, c: st._roll(branches, c)

    def _drift(self, e: Effect, cause: Cause) -> Apply:
        amounts = [(t, x.fn) for t, x in e.compiled("drift").items()]
        up, down = e.direction in ("both", "up"), e.direction in ("both", "down")

        def drift(st: GameState, c: Cause) -> None:
            for target, amount in amounts:
                st._drift(target, amount(st.v), c, up, down)

        return drift

    def _log(self, e: Effect, cause: Cause) -> Apply:
        text = str(e.log)
        return lambda st, c: st._message(text, c)

    def _end_game(self, e: Effect, cause: Cause) -> Apply:
        ending = str(e.end_game)
        return lambda st, c: st._end(ending)


def describe(e: Effect, label: Callable[[str], str]) -> str:
    """A short, readable description of one effect, for hints and docs."""
    kind = e.kind
    if kind in ("add", "set", "drift"):
        parts = []
        for target, amount in (getattr(e, kind) or {}).items():
            if kind == "add" and isinstance(amount, (int, float)):
                parts.append(f"{label(target)} {'+' if amount >= 0 else ''}{amount}")
            else:
                word = {"add": "+", "set": "=", "drift": "drifts by"}[kind]
                parts.append(f"{label(target)} {word} {amount}")
        return ", ".join(parts)
    if kind == "set_flag":
        return f"sets {label('flag.' + str(e.set_flag))}"
    if kind == "clear_flag":
        return f"clears {label('flag.' + str(e.clear_flag))}"
    if kind == "schedule":
        assert e.schedule is not None
        what = f"card '{e.schedule.card}'" if e.schedule.card else "effects"
        return f"{what} in {e.schedule.in_} turn(s)"
    if kind == "modifier":
        assert e.modifier is not None
        return f"{e.modifier.name} for {e.modifier.turns} turns"
    return kind


__all__ = [
    "Any",
    "Apply",
    "CompiledOutcome",
    "EffectCompiler",
    "ModifierDef",
    "ScheduledItem",
    "describe",
]
