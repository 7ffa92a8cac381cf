"""``add``: add amounts to values, clamped; gains with an actor spill over to its rivals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .base import Apply, CheckContext, CompileContext, EffectKind, Words, amounts_of

if TYPE_CHECKING:
    from ..models import Effect


def _round(x: float) -> int:
    """Round half away from zero, as the engine does."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


class Add(EffectKind):
    """``{add: {autonomy: 5, rel.north: -3}}``, with ``spill: false`` to keep rivals out."""

    field = "add"

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        ctx.target_map(e, "add", e.add or {}, context)

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        adding: Apply = ctx.ops.adding(ctx.plan(amounts_of(e.compiled("add"))), e.spill)
        return adding

    def describe(self, e: Effect, words: Words) -> str:
        """``North +5, South −7 (rivalry −2)``: what the rivals lose is counted in."""
        amounts = {t: words.amount(a) for t, a in (e.add or {}).items() if words.shown(t)}
        losses: dict[str, int] = {}
        if e.spill:
            for target, (_, value) in amounts.items():
                if value is None or value <= 0:
                    continue
                for rival, factor in words.rivals(target).items():
                    loss = _round(value * factor)
                    if loss:
                        losses[rival] = losses.get(rival, 0) + loss
        parts = []
        for target, (text, value) in amounts.items():
            loss = losses.pop(target, 0)
            label = words.label(target)
            if loss and value is not None:
                parts.append(words.p("rivalry_net", label=label, amount=words.signed(value - loss),
                                     loss=words.signed(-loss)))
            elif loss:
                parts.append(words.p("rivalry_open", label=label, amount=text,
                                     loss=words.signed(-loss)))
            else:
                note = _rivalry_note(target, words) if e.spill and value is None \
                    and not text.startswith("\u2212") else ""
                parts.append(words.p("change", label=label, amount=text) + note)
        parts += [words.p("rivalry_loss", label=words.label(t), loss=words.signed(-loss))
                  for t, loss in losses.items() if words.shown(t)]
        return words.p("list").join(parts)

    def moves(self, e: Effect) -> Iterator[tuple[str, float | str]]:
        yield from (e.add or {}).items()


def _rivalry_note(target: str, words: Words) -> str:
    """For a gain that is an expression: who loses what share of it."""
    rivals = words.rivals(target)
    if not rivals:
        return ""
    parts = [words.p("rivalry_share", label=words.label(rival),
                     share=words.number(round(factor * 100, 1)))
             for rival, factor in rivals.items()]
    return words.p("rivalry_note", parts=words.p("list").join(parts))
