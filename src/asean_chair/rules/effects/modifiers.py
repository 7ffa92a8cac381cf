"""``modifier`` and ``remove_modifier``: lasting conditions, and ending one early."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class StartModifier(EffectKind):
    """``{modifier: {id: debt, name: Debt service, turns: 3, income: -1, ...}}``."""

    field = "modifier"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        m = e.modifier
        assert m is not None
        ctx.target_map(m, "scale", m.scale, context)
        ctx.effects(m.each_turn, context)

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        assert e.modifier is not None
        key = ctx.modifier(e.modifier, cause)
        start = ctx.ops.start_modifier
        return lambda st, c: start(st, key, c)

    def describe(self, e: Effect, words: Words) -> str:
        m = e.modifier
        assert m is not None
        parts = []
        then = words.p("then")
        if m.income:
            parts.append(words.p("income", currency=words.currency(),
                                 amount=words.signed(m.income), unit=words.turns(1)))
        if m.each_turn:
            parts.append(words.p("each_upkeep",
                                 what=then.join(words.lines(m.each_turn, nested=True))))
        for target, factor in m.scale.items():
            if not words.shown(target):
                continue
            parts.append(words.p("scale", label=words.label(target),
                                 factor=words.number(factor)))
        return words.p("modifier", count=words.turns(m.turns), name=m.name,
                       what=then.join(parts) or (m.text or words.p("in_effect")))

    def children(self, e: Effect) -> Iterator[list[Effect]]:
        assert e.modifier is not None
        yield e.modifier.each_turn


class RemoveModifier(EffectKind):
    """``{remove_modifier: debt}``."""

    field = "remove_modifier"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        mod = str(e.remove_modifier)
        if mod not in ctx.modifiers:
            ctx.error(e.where("remove_modifier"), f"{context}unknown modifier '{mod}'"
                                                  f"{ctx.suggest(mod, ctx.modifiers)}")

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        end = ctx.ops.end_modifier
        mod_id = str(e.remove_modifier)
        return lambda st, c: end(st, mod_id, c)

    def describe(self, e: Effect, words: Words) -> str:
        return words.p("end_modifier", name=words.modifier_name(str(e.remove_modifier)))
