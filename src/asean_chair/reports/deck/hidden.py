"""Hidden tracks on paper: what players may read, and what only the game master sees.

A track with ``visible: false`` must never reach a player's printout, but a
game on paper still has to move it. So every effect is split in two: the
part players read on the card (``shown``), and the part on hidden tracks
(``secret``), which the card marks with a star and the game master's sheet
spells out. An effect whose condition or amount reads a hidden track is
secret as a whole; a roll keeps its faces on the card and the game master
applies the hidden part of the branch the players rolled.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from ...rules.models import Effect, Outcome
from ...rules.ruleset import Ruleset

#: The mark a card shows where the game master applies something hidden.
STAR = "\u2731"


def _names(source: str | float | bool | None) -> set[str]:
    """The value names an expression reads (``rel.north``, ``stamina``)."""
    if not isinstance(source, str):
        return set()
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            found.add(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.Name):
            found.add(node.id)
    return found


@dataclass(frozen=True)
class Split:
    """Effects in two parts: what players read, and what the game master applies."""

    shown: tuple[Effect, ...]
    secret: tuple[Effect, ...]


class Veil:
    """Splits a ruleset's effects and expressions by what players may see."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.hidden = frozenset(t for t, m in ruleset.tracks.items() if not m.visible)

    def __bool__(self) -> bool:
        return bool(self.hidden)

    def reads_hidden(self, source: str | float | bool | None) -> bool:
        """Whether an expression reads a hidden track."""
        return bool(self.hidden) and bool(_names(source) & self.hidden)

    def split(self, effects: Sequence[Effect]) -> Split:
        """``effects`` in what players read and what only the game master sees."""
        if not self.hidden:
            return Split(tuple(effects), ())
        shown: list[Effect] = []
        secret: list[Effect] = []
        for e in effects:
            a, b = self._one(e)
            if a is not None:
                shown.append(a)
            if b is not None:
                secret.append(b)
        return Split(tuple(shown), tuple(secret))

    def split_outcomes(self, outcomes: Sequence[Outcome]) -> tuple[list[Outcome], list[Outcome]]:
        """A roll's branches for players, and the same branches with only their hidden part
        (``[]`` when no branch has one)."""
        shown: list[Outcome] = []
        secret: list[Outcome] = []
        for o in outcomes:
            part = self.split(o.effects)
            shown.append(o.model_copy(update={"effects": list(part.shown)}))
            secret.append(o.model_copy(update={"effects": list(part.secret)}))
        return shown, (secret if any(o.effects for o in secret) else [])

    def _one(self, e: Effect) -> tuple[Effect | None, Effect | None]:
        for field in ("add", "set", "drift"):
            values = getattr(e, field)
            if values is None:
                continue
            open_ = {t: a for t, a in values.items()
                     if t not in self.hidden and not self.reads_hidden(a)}
            closed = {t: a for t, a in values.items() if t not in open_}
            return (e.model_copy(update={field: open_}) if open_ else None,
                    e.model_copy(update={field: closed}) if closed else None)
        if e.if_ is not None:
            if self.reads_hidden(e.if_):
                return None, e
            then, else_ = self.split(e.then), self.split(e.else_)
            shown = e.model_copy(update={"then": list(then.shown), "else_": list(else_.shown)}) \
                if then.shown or else_.shown else None
            secret = e.model_copy(update={"then": list(then.secret),
                                          "else_": list(else_.secret)}) \
                if then.secret or else_.secret else None
            return shown, secret
        if e.outcomes is not None:
            shown_o, secret_o = self.split_outcomes(e.outcomes)
            return (e.model_copy(update={"outcomes": shown_o}),
                    e.model_copy(update={"outcomes": secret_o}) if secret_o else None)
        if e.schedule is not None:
            part = self.split(e.schedule.effects)
            if not part.secret:
                return e, None
            sched = e.schedule
            shown = e.model_copy(update={"schedule": sched.model_copy(
                update={"effects": list(part.shown)})}) if part.shown or sched.card else None
            secret = e.model_copy(update={"schedule": sched.model_copy(
                update={"effects": list(part.secret), "card": None})})
            return shown, secret
        if e.modifier is not None:
            mod = e.modifier
            part = self.split(mod.each_turn)
            scaled = any(t in self.hidden for t in mod.scale)
            if not part.secret and not scaled:
                return e, None
            return e.model_copy(update={"modifier": mod.model_copy(update={
                "each_turn": list(part.shown),
                "scale": {t: f for t, f in mod.scale.items() if t not in self.hidden}})}), \
                e.model_copy(update={"modifier": mod.model_copy(update={
                    "each_turn": list(part.secret), "income": 0,
                    "scale": {t: f for t, f in mod.scale.items() if t in self.hidden}})})
        return e, None


__all__ = ["STAR", "Split", "Veil"]
