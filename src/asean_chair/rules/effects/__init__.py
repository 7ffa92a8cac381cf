"""Every kind of effect, one unit each, registered in one table.

Each unit (a class in a module of its own) holds a kind's check against the
packs, its compile step into a closure the engine runs, and its description
in players' words. Adding a kind is adding a field to
:class:`~asean_chair.rules.models.Effect`, a module here, and one line in
:data:`KINDS`; a test fails if a kind of the model has no unit or a unit
lacks one of the three.

>>> kind_of(effect).describe(effect, words)          # doctest: +SKIP
'Autonomy +3'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from .add import Add
from .base import Apply, CheckContext, CompileContext, EffectKind, Words
from .conditional import If
from .draw import Draw
from .drift import Drift
from .end_game import EndGame
from .flags import ClearFlag, SetFlag
from .log import Log
from .modifiers import RemoveModifier, StartModifier
from .outcomes import Outcomes
from .schedule import Schedule
from .set import Set

if TYPE_CHECKING:
    from ..models import Card, Effect

#: Every kind, by the name a pack writes.
KINDS: dict[str, EffectKind] = {k.key: k for k in (
    Add(), Set(), SetFlag(), ClearFlag(), Schedule(), Draw(), StartModifier(),
    RemoveModifier(), If(), Outcomes(), Drift(), Log(), EndGame(),
)}


def missing_parts(kinds: dict[str, EffectKind], fields: Iterable[str]) -> list[str]:
    """What the registry lacks: a kind of the model with no unit, a unit for
    no kind, or a unit without its own check, compile step or words."""
    fields = list(fields)
    problems = [f"kind '{f.rstrip('_')}' has no unit" for f in fields
                if f.rstrip("_") not in kinds]
    for key, unit in kinds.items():
        if unit.field not in fields:
            problems.append(f"unit '{key}' is for no field of the model")
        for part in ("check", "compile", "describe"):
            if getattr(type(unit), part) is getattr(EffectKind, part):
                problems.append(f"kind '{key}' has no {part} step of its own")
    return problems


def kind_of(e: Effect) -> EffectKind:
    """The unit of an effect's kind."""
    return KINDS[e.kind]


def walk_effects(effects: Iterable[Effect]) -> Iterator[Effect]:
    """Every effect in a list, including those nested in if/outcomes/schedule/modifier."""
    for e in effects:
        yield e
        for inner in KINDS[e.kind].children(e):
            yield from walk_effects(inner)


def cards_brought_in(effects: Iterable[Effect], cards: Mapping[str, Card],
                     drawable: Callable[[Card], bool] | None = None) -> set[str]:
    """The cards ``effects`` schedule or draw: by id, or by tags among ``cards``
    (only those ``drawable`` allows, when given)."""
    # (``set`` here is the module of the ``set`` effect, hence the literals.)
    found: list[str] = []
    for e in walk_effects(effects):
        if e.schedule is not None and e.schedule.card:
            found.append(e.schedule.card)
        if e.draw is not None:
            if e.draw.card:
                found.append(e.draw.card)
            elif e.draw.tags:
                wanted = frozenset(e.draw.tags)
                found += [c.id for c in cards.values() if wanted <= frozenset(c.tags)
                          and (drawable is None or drawable(c))]
    return {*found}


__all__ = [
    "KINDS",
    "Apply",
    "CheckContext",
    "CompileContext",
    "EffectKind",
    "Words",
    "cards_brought_in",
    "kind_of",
    "missing_parts",
    "walk_effects",
]
