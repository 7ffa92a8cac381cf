"""Effects: what options, actions and rules do, one kind per effect.

Each kind's check, compile step and words live in
:mod:`asean_chair.rules.effects`; here is its shape in a pack.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .base import Amount, Condition, Id, Int, Model, Number, Target, Text

# ------------------------------------------------------------------ effects


class Schedule(Model):
    """A follow-up card or delayed effects, some turns later."""

    card: Id | None = Field(None, description="A card that joins the queue when due.")
    effects: list[Effect] = Field(default_factory=list,
                                  description="Effects that apply when due.")
    in_: Int = Field(alias="in", ge=1, le=60,
                     description="How many turns later (1 = next turn).")
    text: Text = Field("", description="What the log says when it falls due.")

    @model_validator(mode="after")
    def _something(self) -> Schedule:
        if self.card is None and not self.effects:
            raise ValueError("schedule needs a `card` or `effects`")
        return self


class Draw(Model):
    """Draw a card now: a named card, or a random eligible card with given tags."""

    card: Id | None = Field(None, description="The card to draw.")
    tags: list[str] = Field(default_factory=list,
                            description="Draw at random among the cards having all these tags "
                                        "that are not played yet and whose months and condition "
                                        "fit (by weight; follow-up cards count too).")
    count: Int = Field(1, ge=1, le=5, description="How many cards to draw with `tags`.")

    @model_validator(mode="after")
    def _something(self) -> Draw:
        if (self.card is None) == (not self.tags):
            raise ValueError("draw needs exactly one of `card` or `tags`")
        return self


class Modifier(Model):
    """A lasting condition: effects every turn, extra income, or scaled changes."""

    id: Id = Field(description="The modifier's id; `mod.<id>` in expressions is the turns left "
                               "(0 when inactive). Adding it again restarts it.")
    name: Text = Field(description="The name players see while it lasts.")
    turns: Int = Field(ge=1, le=60, description="How many turns it lasts.")
    each_turn: list[Effect] = Field(default_factory=list,
                                    description="Effects applied at each upkeep while it lasts.")
    income: Int = Field(0, description="Change to the currency's income (the scenario's "
                                       "`capital`) while it lasts.")
    scale: dict[Target, Number] = Field(
        default_factory=dict,
        description="Multiplies every later `add` to these targets while it lasts, "
                    "e.g. `{rel.south: 0.5}` halves changes with the south.")
    text: Text = Field("", description="What it means, for the tooltip.")


class Outcome(Model):
    """One branch of a chance: its probability, text and effects."""

    chance: Number = Field(gt=0, le=1, description="The probability, from 0 to 1. The chances "
                                                   "of one list add up to 1.")
    text: Text = Field("", description="What players read when this branch happens.")
    effects: list[Effect] = Field(default_factory=list, description="What this branch does.")
    invented: bool = Field(False, description="`true` for a branch made up for the game (a "
                                              "what-if). In packs that tell history from "
                                              "invention (see the card's `invented`), every "
                                              "branch of the option a real card names as "
                                              "`historical_option` must say which it is: "
                                              "`invented: true`, or `history`. Branches of the "
                                              "other options, of invented cards, of actions and "
                                              "of rules count as invented unless they carry "
                                              "`history`.")
    history: Text = Field("", description="What really happened, when this branch is what "
                                         "really happened; it makes the branch real. Its "
                                         "source is the card's, or `source`.")
    source: str = Field("", description="Where the branch's `history` comes from (a link), if "
                                        "not from its card's `source`. Needed for a real "
                                        "branch outside a real card.")


class KindField:
    """Marks the field of :class:`Effect` that names a kind of effect, and the
    fields that only make sense beside it (``spill`` with ``add``)."""

    def __init__(self, *companions: str) -> None:
        self.companions = companions


class Effect(Model):
    """One change to the game. Each effect has exactly one kind (`add`, `set`,
    `set_flag`, `clear_flag`, `schedule`, `draw`, `modifier`, `remove_modifier`,
    `if`, `outcomes`, `drift`, `log`, `end_game`)."""

    add: Annotated[dict[Target, Amount] | None, KindField("spill")] = Field(
        None, description="Add amounts (may be negative) to targets, clamped to their bounds. "
                          "Gains with an actor spill over to its rivals. "
                          "`{add: {autonomy: 5, rel.north: -3}}`.")
    spill: bool = Field(True, description="With `add`: whether relation gains spill over to "
                                          "rivals.")
    set: Annotated[dict[Target, Amount] | None, KindField()] = Field(
        None, description="Set targets to values, clamped. `{set: {capital: 0}}`.")
    set_flag: Annotated[Id | None, KindField()] = Field(
        None, description="Set a flag. `{set_flag: condemned}`.")
    clear_flag: Annotated[Id | None, KindField()] = Field(None, description="Clear a flag.")
    schedule: Annotated[Schedule | None, KindField()] = Field(
        None, description="A follow-up card or delayed effects N turns later. "
                          "`{schedule: {card: deminers, in: 3}}`.")
    draw: Annotated[Draw | None, KindField()] = Field(
        None, description="Put a card at the front of the queue now.")
    modifier: Annotated[Modifier | None, KindField()] = Field(
        None, description="Start a modifier lasting some turns.")
    remove_modifier: Annotated[Id | None, KindField()] = Field(
        None, description="End a modifier early.")
    if_: Annotated[Condition | None, KindField("then", "else_")] = Field(
        None, alias="if", description="A conditional effect: `then` effects when the "
                                      "condition holds, otherwise `else`.")
    then: list[Effect] = Field(default_factory=list, description="With `if`: effects when true.")
    else_: list[Effect] = Field(default_factory=list, alias="else",
                                description="With `if`: effects when false.")
    outcomes: Annotated[list[Outcome] | None, KindField()] = Field(
        None, description="Chance branches; exactly one happens, by its `chance`.")
    drift: Annotated[dict[Target, Amount] | None, KindField("direction")] = Field(
        None, description="Move targets toward their baseline by at most the amount. "
                          "`{drift: {rel.north: 2}}`. Drift never spills over.")
    direction: Literal["both", "up", "down"] = Field(
        "both", description="With `drift`: `down` only pulls values above the baseline down, "
                            "`up` only lifts values below it, `both` does both.")
    log: Annotated[Text | None, KindField()] = Field(None, description="A message for the log.")
    end_game: Annotated[Id | None, KindField()] = Field(
        None, description="End the game now with this ending.")

    @model_validator(mode="after")
    def _one_kind(self) -> Effect:
        values = self.__dict__  # the fields' values (faster than getattr for each)
        kinds = [k for k in EFFECT_FIELDS if values[k] is not None]
        if len(kinds) != 1:
            names = ", ".join(f"`{k.rstrip('_')}`" for k in EFFECT_FIELDS)
            found = ", ".join(k.rstrip("_") for k in kinds) or "none"
            raise ValueError(f"an effect needs exactly one kind of {names}; found {found}")
        mine = COMPANIONS[kinds[0]]
        for companion, owner in COMPANION_OF.items():
            if companion not in mine and companion in self.model_fields_set:
                yaml = Effect.model_fields[companion].alias or companion
                raise ValueError(f"`{yaml}` belongs with `{owner.rstrip('_')}`")
        return self

    @property
    def kind(self) -> str:
        """The effect's kind, e.g. ``"add"`` or ``"if"``."""
        values = self.__dict__
        for k in EFFECT_FIELDS:
            if values[k] is not None:
                return _KIND_NAMES[k]
        raise AssertionError("validated effects have a kind")


def _kind_fields() -> dict[str, tuple[str, ...]]:
    """Each kind's field of :class:`Effect`, with its companion fields."""
    return {name: mark.companions
            for name, f in Effect.model_fields.items()
            for mark in f.metadata if isinstance(mark, KindField)}


for _m in (Schedule, Modifier, Outcome, Effect):
    _m.model_rebuild()

#: The field of each kind of effect, in the order written above, and the
#: fields allowed only beside it; read from the model, never listed by hand.
COMPANIONS: dict[str, tuple[str, ...]] = _kind_fields()
EFFECT_FIELDS: tuple[str, ...] = tuple(COMPANIONS)
#: The kinds as a pack writes them (``if``, not ``if_``).
EFFECT_KINDS: tuple[str, ...] = tuple(k.rstrip("_") for k in EFFECT_FIELDS)
COMPANION_OF: dict[str, str] = {c: k for k, cs in COMPANIONS.items() for c in cs}
_KIND_NAMES: dict[str, str] = {k: k.rstrip("_") for k in EFFECT_FIELDS}
