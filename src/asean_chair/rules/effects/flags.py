"""``set_flag`` and ``clear_flag``: yes/no facts the game remembers."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class _FlagKind(EffectKind):
    value: int

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        flag = getattr(e, self.field)
        if flag not in ctx.ids["flags"]:
            ctx.error(e.where(self.field), f"{context}unknown flag '{flag}'"
                                           f"{ctx.suggest(flag, ctx.ids['flags'])} (declare it "
                                           "under 'flags:')")

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        set_value = ctx.ops.set_value
        name = sys.intern(f"flag.{getattr(e, self.field)}")
        value = self.value
        return lambda st, c: set_value(st, name, value, c)


class SetFlag(_FlagKind):
    """``{set_flag: condemned}``."""

    field = "set_flag"
    value = 1

    def describe(self, e: Effect, words: Words) -> str:
        return words.p("set_flag", name=words.label(f"flag.{e.set_flag}"))


class ClearFlag(_FlagKind):
    """``{clear_flag: condemned}``."""

    field = "clear_flag"
    value = 0

    def describe(self, e: Effect, words: Words) -> str:
        return words.p("clear_flag", name=words.label(f"flag.{e.clear_flag}"))
