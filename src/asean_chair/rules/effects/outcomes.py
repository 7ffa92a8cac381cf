"""``outcomes``: chance branches; exactly one happens, by its ``chance``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class Outcomes(EffectKind):
    """``{outcomes: [{chance: 0.7, ...}, {chance: 0.3, ...}]}``."""

    field = "outcomes"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        assert e.outcomes is not None
        ctx.outcomes(e.outcomes, e.where("outcomes"), context)

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        assert e.outcomes is not None
        branches = ctx.outcomes(e.outcomes, cause)
        roll = ctx.ops.roll
        return lambda st, c: roll(st, branches, c)

    def describe(self, e: Effect, words: Words) -> str:
        head, lines = words.roll(e.outcomes or [])
        return f"{head} " + words.p("then").join(lines)

    def moves(self, e: Effect) -> Iterator[tuple[str, float | str]]:
        """What a branch may move: uncertain, so shown as ``?``."""
        from . import kind_of

        for o in e.outcomes or ():
            for inner in o.effects:
                for target, _ in kind_of(inner).moves(inner):
                    yield target, "?"

    def children(self, e: Effect) -> Iterator[list[Effect]]:
        for o in e.outcomes or ():
            yield o.effects
