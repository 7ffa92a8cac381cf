"""``schedule``: a follow-up card, or effects, some turns later."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class Schedule(EffectKind):
    """``{schedule: {card: deminers, in: 3}}`` or ``{schedule: {in: 1, effects: [...]}}``."""

    field = "schedule"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        s = e.schedule
        assert s is not None
        if s.card is not None and s.card not in ctx.ids["cards"]:
            ctx.error(s.where("card"), f"{context}schedule names unknown card "
                                       f"'{s.card}'{ctx.suggest(s.card, ctx.ids['cards'])}")
        ctx.effects(s.effects, context)

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        s = e.schedule
        assert s is not None
        later = ctx.cause("schedule", cause.id, f"{cause.label} (later)", cause.where)
        key = ctx.schedule(s.card, ctx.effects(s.effects, later), s.text, later)
        schedule = ctx.ops.schedule
        delay = s.in_
        return lambda st, c: schedule(st, key, delay, c)

    def describe(self, e: Effect, words: Words) -> str:
        s = e.schedule
        assert s is not None
        when = words.later(s.in_)
        does = words.p("then").join(words.lines(s.effects, nested=True)) if s.effects else ""
        if s.card is not None:
            card = words.p("schedule_card", when=when, card=words.card_title(s.card),
                           unit=words.turns(1))
            return words.p("schedule_card_and", card=card, does=does) if does else card
        return words.p("schedule", when=when, does=does or words.p("nothing"))

    def children(self, e: Effect) -> Iterator[list[Effect]]:
        assert e.schedule is not None
        yield e.schedule.effects
