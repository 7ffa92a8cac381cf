"""``draw``: a named card, or random cards with some tags, come next, now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words

if TYPE_CHECKING:
    from ..models import Effect


class Draw(EffectKind):
    """``{draw: {card: relief_thanks}}`` or ``{draw: {tags: [relief], count: 1}}``."""

    field = "draw"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        d = e.draw
        assert d is not None
        if d.card is not None and d.card not in ctx.ids["cards"]:
            ctx.error(d.where("card"), f"{context}draw names unknown card '{d.card}'"
                                       f"{ctx.suggest(d.card, ctx.ids['cards'])}")
        wanted = frozenset(d.tags)
        if d.tags and not any(wanted <= tags for tags in ctx.card_tags):
            ctx.error(d.where("tags"), f"{context}no card has all the tags {d.tags}, so this "
                                       "draw finds nothing", "warning")

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        d = e.draw
        assert d is not None
        if d.card is not None:
            draw_card = ctx.ops.draw_card
            card = d.card
            return lambda st, c: draw_card(st, card, c)
        draw_tagged = ctx.ops.draw_tagged
        tags = frozenset(d.tags)
        count = d.count
        return lambda st, c: draw_tagged(st, tags, count, c)

    def describe(self, e: Effect, words: Words) -> str:
        d = e.draw
        assert d is not None
        if d.card is not None:
            return words.p("play_card", card=words.card_title(d.card))
        cards = words.p("draw_one") if d.count == 1 else \
            words.p("draw_many", n=words.number(d.count))
        tags = words.p("and").join(words.p("tag", tag=t) for t in d.tags)
        return words.p("draw", cards=cards, tags=tags)
