"""``set``: set values outright, clamped to their bounds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class Set(EffectKind):
    """``{set: {capital: 0}}``."""

    field = "set"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        ctx.target_map(e, "set", e.set or {}, context)

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        set_value = ctx.ops.set_value
        values = [(t, x.fn) for t, x in e.compiled("set").items()]

        def set_all(st: Any, c: Any) -> None:
            for target, value in values:
                set_value(st, target, value(st.v), c)

        return set_all

    def describe(self, e: Effect, words: Words) -> str:
        return words.p("list").join(words.p("set", label=words.label(t), value=words.expr(v))
                                    for t, v in (e.set or {}).items() if words.shown(t))

    def moves(self, e: Effect) -> Iterator[tuple[str, float | str]]:
        for target in e.set or {}:
            yield target, "set"
