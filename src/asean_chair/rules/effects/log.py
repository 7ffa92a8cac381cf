"""``log``: a message for the log (read out at a table)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class Log(EffectKind):
    """``{log: "The press notices."}``."""

    field = "log"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        """A message needs no check."""

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        message = ctx.ops.message
        text = str(e.log)
        return lambda st, c: message(st, text, c)

    def describe(self, e: Effect, words: Words) -> str:
        return words.p("read_out", text=str(e.log).strip())
