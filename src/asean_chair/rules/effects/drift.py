"""``drift``: move values toward their baseline by at most an amount (never spills over)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words, amounts_of

if TYPE_CHECKING:
    from ..models import Effect


class Drift(EffectKind):
    """``{drift: {rel.north: 2}}``, with ``direction: down`` or ``up`` for one side only."""

    field = "drift"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        ctx.target_map(e, "drift", e.drift or {}, context)

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        up, down = e.direction in ("both", "up"), e.direction in ("both", "down")
        drifting: Apply = ctx.ops.drifting(ctx.plan(amounts_of(e.compiled("drift"))), up, down)
        return drifting

    def describe(self, e: Effect, words: Words) -> str:
        amounts = {t: words.expr(v) for t, v in (e.drift or {}).items() if words.shown(t)}
        if not amounts:
            return ""
        if len(set(amounts.values())) == 1:
            step = next(iter(amounts.values()))
            names = words.p("list").join(words.label(t) for t in amounts)
            return words.p("drift_same", step=step, names=names)
        return words.p("drift", parts=words.p("list").join(
            words.p("change", label=words.label(t), amount=step) for t, step in amounts.items()))
