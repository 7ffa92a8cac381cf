"""``if``: effects when a condition holds (``then``), others when it does not (``else``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class If(EffectKind):
    """``{if: "rel.north > 50", then: [...], else: [...]}``."""

    field = "if_"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        ctx.expr(e, "if", e.if_, e.where("if"), context)
        ctx.effects(e.then, context)
        ctx.effects(e.else_, context)

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        test = e.compiled("if").fn
        then = ctx.effects(e.then, cause)
        other = ctx.effects(e.else_, cause)

        def if_(st: Any, c: Any) -> None:
            branch = then if test(st.v) else other
            if branch is not None:
                branch(st, c)

        return if_

    def describe(self, e: Effect, words: Words) -> str:
        test = words.expr(e.if_ if e.if_ is not None else True)
        join = words.p("then").join
        then = join(words.lines(e.then, nested=True)) or words.p("nothing")
        text = words.p("if", test=test, then=then)
        if e.else_:
            other = join(words.lines(e.else_, nested=True)) or words.p("nothing")
            text += words.p("otherwise", other=other)
        return text

    def children(self, e: Effect) -> Iterator[list[Effect]]:
        yield e.then
        yield e.else_
