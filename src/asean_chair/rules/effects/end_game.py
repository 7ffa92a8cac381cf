"""``end_game``: end the game now with one of the scenario's endings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class EndGame(EffectKind):
    """``{end_game: summit_failed}``."""

    field = "end_game"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        ending = str(e.end_game)
        if ending not in ctx.endings:
            ctx.error(e.where("end_game"), f"{context}unknown ending '{ending}'"
                                           f"{ctx.suggest(ending, ctx.endings)}")

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        end = ctx.ops.end
        ending = str(e.end_game)
        return lambda st, c: end(st, ending, c)

    def describe(self, e: Effect, words: Words) -> str:
        return words.p("end_game", ending=words.ending(str(e.end_game)))
