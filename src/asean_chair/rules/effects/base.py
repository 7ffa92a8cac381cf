"""What every kind of effect provides, and what it may ask of the loader,
the engine and the words of a printout.

A kind is one class: :meth:`EffectKind.check` checks an effect against the
other items of the packs (unknown flags, cards, endings) and compiles its
expressions; :meth:`EffectKind.compile` turns it into a closure the engine
runs; :meth:`EffectKind.describe` says what it does in players' words. The
three contexts are protocols, so this package imports neither the loader,
the engine nor a front end.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    from ...expr import Expr
    from ..models import Effect, Model, Outcome
    from ..source import Mark

#: A compiled effect: called with the game state and the cause to log
#: changes under. Both are the engine's objects; this layer only passes them on.
Apply = Callable[[Any, Any], None]


#: Amounts of an effect on many values: (target, the amount when it is a
#: constant else ``None``, the amount as a function of the values). The
#: engine's ``plan`` adds what its ``adding`` and ``drifting`` read.
Amounts = tuple[tuple[str, "float | None", Callable[[Any], float]], ...]


def amounts_of(exprs: Mapping[str, Expr]) -> Amounts:
    """The compiled amounts of an effect's ``{target: expression}`` map, in order."""
    return tuple((sys.intern(target), x.fn({}) if x.constant else None, x.fn)
                 for target, x in exprs.items())


class CheckContext(Protocol):
    """What a kind's check may use: the ids of the packs and the compiler."""

    @property
    def ids(self) -> Mapping[str, set[str]]:
        """Ids of every item written, by section (``"cards"``, ``"flags"``...)."""

    @property
    def modifiers(self) -> set[str]:
        """Ids of the modifiers effects may start."""

    @property
    def endings(self) -> set[str]:
        """Ids of the scenarios' endings."""

    @property
    def card_tags(self) -> list[frozenset[str]]:
        """The tags of every card, to tell whether a draw by tags can find one."""

    def error(self, where: Mark | None, message: str, severity: str = "error") -> None: ...

    def suggest(self, word: str, choices: Any) -> str: ...

    def expr(self, owner: Model, field: str, source: Any, where: Mark | None,
             context: str, store: bool = True) -> Expr | None: ...

    def target_map(self, owner: Model, field: str, mapping: dict[str, Any],
                   context: str) -> None: ...

    def effects(self, effects: list[Effect], context: str) -> None: ...

    def outcomes(self, outcomes: list[Outcome], where: Mark | None, context: str) -> None: ...


class CompileContext(Protocol):
    """What a kind's compile step may use: the engine's mutation steps
    (``ops``), nested compilation, and the registries of delayed things."""

    @property
    def ops(self) -> Any:
        """The engine's mutation steps (``add``, ``set_value``, ``schedule``...)."""

    def effects(self, effects: list[Effect], cause: Any) -> Apply | None: ...

    def outcomes(self, outcomes: list[Outcome], cause: Any) -> tuple[Any, ...]: ...

    def plan(self, amounts: Amounts) -> Any:
        """``amounts`` as ``ops.adding`` and ``ops.drifting`` take them."""

    def cause(self, kind: Any, id: str, label: str, where: str) -> Any: ...

    def schedule(self, card: str | None, effects: Apply | None, text: str, cause: Any) -> str: ...

    def modifier(self, model: Any, cause: Any) -> str: ...


class Words(Protocol):
    """What a kind's description may use: names as players see them."""

    def label(self, name: str) -> str: ...

    def shown(self, target: str) -> bool:
        """Whether the reader may see a value (players never see a hidden track)."""

    def expr(self, source: str | float | bool) -> str: ...

    def amount(self, amount: float | str) -> tuple[str, float | None]: ...

    def signed(self, x: float) -> str: ...

    def number(self, x: float) -> str: ...

    def card_title(self, card_id: str) -> str: ...

    def ending(self, ending_id: str) -> str: ...

    def modifier_name(self, modifier_id: str) -> str: ...

    def later(self, turns: int) -> str: ...

    def turns(self, n: int) -> str: ...

    def lines(self, effects: list[Effect], nested: bool) -> list[str]: ...

    def roll(self, outcomes: list[Outcome]) -> tuple[str, list[str]]: ...

    def rivals(self, target: str) -> dict[str, float]: ...

    def currency(self) -> str: ...

    def p(self, key: str, **fields: str) -> str:
        """A phrase of ``effect.*`` in the reader's language (``key`` without the prefix)."""


class EffectKind:
    """One kind of effect: its check, its compile step and its words.

    Subclasses set :attr:`field` (the field of
    :class:`~asean_chair.rules.models.Effect` that holds it) and implement
    the three methods; :meth:`moves` and :meth:`children` have defaults.
    """

    #: The field of ``Effect`` holding this kind (``if_`` for ``if``).
    field: ClassVar[str]

    @property
    def key(self) -> str:
        """The kind as a pack writes it."""
        return self.field.rstrip("_")

    def check(self, e: Effect, ctx: CheckContext, context: str) -> None:
        """Check the effect against the packs' ids and compile its expressions."""
        raise NotImplementedError

    def compile(self, e: Effect, ctx: CompileContext, cause: Any) -> Apply:
        """The closure that applies the effect in play."""
        raise NotImplementedError

    def describe(self, e: Effect, words: Words) -> str:
        """What the effect does, in one short line of players' words."""
        raise NotImplementedError

    def moves(self, e: Effect) -> Iterator[tuple[str, float | str]]:
        """The values the effect changes at once, each with its amount (or
        ``"set"``, or an expression), for the hints beside an option. Effects
        that only may happen (conditions, delays) move nothing here."""
        return iter(())

    def children(self, e: Effect) -> Iterator[list[Effect]]:
        """The effect lists nested inside this effect."""
        return iter(())
