"""Compiling effects for play: each kind's own compile step
(:mod:`asean_chair.rules.effects`), given the engine's mutation steps
(:mod:`.mutate`) and the registries of follow-ups and modifiers.

Every compiled effect is a closure taking the state and the :class:`Cause`
to log its changes under.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..rules.effects import kind_of
from ..rules.effects.base import Amounts
from ..rules.models import Effect, Modifier, Outcome
from . import mutate
from .core import Cause, CauseKind

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
    """A chance branch: its probability, text and effects."""

    chance: float
    text: str
    effects: Apply | None


class EffectCompiler:
    """Compiles effect lists for one program; keeps its follow-ups and modifiers.

    This is the :class:`~asean_chair.rules.effects.CompileContext` every
    kind compiles against: ``ops`` is :mod:`.mutate`.
    """

    ops = mutate

    def __init__(self, bounds: Mapping[str, tuple[int, int]], baselines: Mapping[str, int],
                 watch: Mapping[str, tuple[float, float]],
                 rivals: Mapping[str, tuple[tuple[str, float, Cause], ...]]) -> None:
        self.schedules: dict[str, ScheduledItem] = {}
        self.modifiers: dict[str, ModifierDef] = {}
        self.bounds = bounds
        self.baselines = baselines
        self.watch = watch
        self.rivals = rivals

    def plan(self, amounts: Amounts) -> mutate.Plan:
        """``amounts`` with what ``mutate.adding`` and ``mutate.drifting`` read of each
        target (bounds, ending watch, rivals, baseline), looked up now."""
        def watched(name: str) -> tuple[float | None, float]:
            w = self.watch.get(name)
            return (None, 0) if w is None else w

        out = []
        for target, const, fn in amounts:
            rivals = tuple((rival, factor, cause, *self.bounds[rival], *watched(rival))
                           for rival, factor, cause in self.rivals.get(target, ()))
            out.append((target, const, fn,
                        None if const is None else mutate.round_half_away(const),
                        *self.bounds[target], *watched(target), rivals,
                        self.baselines.get(target, 0)))
        return tuple(out)

    def effects(self, effects: list[Effect], cause: Any) -> Apply | None:
        """One closure applying ``effects`` in order (``None`` when empty)."""
        fns = [kind_of(e).compile(e, self, cause) for e in effects]
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

    def outcomes(self, outcomes: list[Outcome], cause: Any) -> tuple[CompiledOutcome, ...]:
        """The chance branches, compiled."""
        return tuple(CompiledOutcome(o.chance, o.text, self.effects(o.effects, cause))
                     for o in outcomes)

    def cause(self, kind: CauseKind, id: str, label: str, where: str) -> Cause:
        """A cause to log changes under."""
        return Cause(kind, id, label, where)

    def schedule(self, card: str | None, effects: Apply | None, text: str, cause: Any) -> str:
        """Register a follow-up; returns its key."""
        key = f"s{len(self.schedules)}"
        self.schedules[key] = ScheduledItem(key, card, effects, text, cause)
        return key

    def modifier(self, model: Any, cause: Any) -> str:
        """Register a modifier (its effects compiled under its own cause); returns its key."""
        assert isinstance(model, Modifier)
        key = f"m{len(self.modifiers)}"
        own = Cause("modifier", model.id, model.name, cause.where)
        self.modifiers[key] = ModifierDef(
            key, model.id, model.name, model.turns, self.effects(model.each_turn, own),
            model.income, dict(model.scale), model.text, own,
        )
        return key


__all__ = ["Apply", "CompiledOutcome", "EffectCompiler", "ModifierDef", "ScheduledItem"]
