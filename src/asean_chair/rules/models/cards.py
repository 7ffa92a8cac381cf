"""Cards and their options, diplomacy actions, and standing rules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import Amount, Condition, Id, Int, Model, Text, TurnRef
from .effects import Effect, Outcome

# -------------------------------------------------------- cards and actions


class Option(Model):
    """One choice on a card."""

    id: Id = Field(description="The option's id, unique on its card.")
    label: Text = Field(description="The choice as a short sentence players click.")
    text: Text = Field("", description="What players read after choosing it.")
    hint: Text = Field("", description="A hint shown with the option (e.g. the risk).")
    cost: Amount = Field(0, description="What choosing it costs, in the scenario's currency "
                                        "(its `capital`).", examples=[1, "2 if flag.deal else 1"])
    requires: Condition | None = Field(None, description="A condition for the option to be "
                                                         "available.")
    requires_text: Text = Field("", description="Why the option is unavailable, in players' "
                                               "words; by default the condition is shown.")
    effects: list[Effect] = Field(default_factory=list, description="What choosing it does.",
                                  examples=[[{"add": {"autonomy": 3, "rel.north": -5}},
                                             {"set_flag": "port_open"}]])
    outcomes: list[Outcome] = Field(default_factory=list,
                                    description="Chance branches after the effects; players see "
                                                "the odds.")


class CardWhen(Model):
    """When a card enters play on its own (a card without `when` is only a follow-up)."""

    turn: TurnRef | list[TurnRef] | None = Field(
        None, description="Fixed card: it joins the queue in this turn (or these turns), if "
                          "its condition holds: `turn: 3`, `turn: Nov`, `turn: [3, 7]`.")
    month: Int | list[Int] | None = Field(
        None, description="Fixed card of a month calendar: it joins the queue in every turn "
                          "of this calendar month (1-12), or of these months.")
    window: tuple[TurnRef, TurnRef] | None = Field(
        None, description="Drawn card: it may be drawn from turn A to turn B, inclusive "
                          "(numbers or names: `[1, 6]`, `[Jun, Dec]`).")
    if_: Condition | None = Field(None, alias="if",
                                  description="A condition for the card to join or be drawn.")
    weight: Amount = Field(1, description="Drawn cards: relative chance of being drawn "
                                          "(an expression may make it depend on the state).")
    repeat: bool = Field(False, description="Whether the card may come again after it was "
                                            "played (by any route: drawn, fixed, followed up). "
                                            "A card that may not repeat comes once a game.")

    @model_validator(mode="after")
    def _one(self) -> CardWhen:
        given = [k for k in ("turn", "month", "window") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("`when` needs exactly one of `turn` or `month` (a fixed card) or "
                             "`window` (a drawn card)")
        return self

    @property
    def months(self) -> tuple[int, ...]:
        """The calendar months of a fixed card given by `month`."""
        if self.month is None:
            return ()
        return tuple(self.month) if isinstance(self.month, list) else (self.month,)

    @property
    def turns(self) -> tuple[int | str, ...]:
        """The turns of a fixed card given by `turn`, as written."""
        if self.turn is None:
            return ()
        return tuple(self.turn) if isinstance(self.turn, list) else (self.turn,)


class Card(Model):
    """An event card: a situation and the options the player chooses from."""

    id: Id = Field(description="The card's id.")
    title: Text = Field(description="The headline.")
    text: Text = Field(description="The situation, in words a 15-year-old understands.")
    tags: list[str] = Field(default_factory=list,
                            description="Topics (e.g. `trade`). The tags `historic` and "
                                        "`fictional`, where used, must agree with "
                                        "`history`/`invented`.")
    icon: str | None = Field(None, description="An icon or picture name from the assets folder.")
    when: CardWhen | None = Field(None, description="When the card enters play on its own.",
                                  examples=[{"turn": 3}, {"window": [2, 6], "weight": 2}])
    history: Text = Field("", description="What really happened (shown in the debrief). A "
                                         "card with `history` is a real card: it also needs "
                                         "`source` and `discuss`.")
    historical_option: Id | None = Field(None, description="The option that matches what "
                                                           "really happened.")
    source: str = Field("", description="Where the history comes from (a link that supports "
                                        "every claim of `history`).")
    see_also: list[str] = Field(default_factory=list,
                                description="More sources (links) for claims of `history` that "
                                            "`source` does not cover.")
    discuss: Text = Field("", description="A question for a class to discuss.")
    invented: bool = Field(
        False, description="`true` for a card made up for the game (a what-if), shown to "
                           "players as invented. Once any card or branch of the loaded packs "
                           "has `history` or `invented`, every card must be one or the other: "
                           "real (`history`, `source`, `discuss`) or `invented: true`. A "
                           "follow-up card (no `when`) that only invented cards or branches "
                           "bring into play is invented unless it gives `history` and "
                           "`source`. Packs with neither field are not checked.")
    options: list[Option] = Field(min_length=1, max_length=6,
                                  description="The choices (2-4 is best).")


class Action(Model):
    """An action the player may take in the action phase of a turn (the panel the
    scenario's `words.actions` names, e.g. Diplomacy)."""

    id: Id = Field(description="The action's id.")
    name: Text = Field(description="The action's name as players see it.")
    text: Text = Field("", description="What the action is and does.")
    tags: list[str] = Field(default_factory=list, description="Topics, for grouping.")
    icon: str | None = Field(None, description="An icon name from the assets folder.")
    cost: Amount = Field(0, description="What it costs, in the scenario's currency (its "
                                        "`capital`).", examples=[2])
    requires: Condition | None = Field(None, description="A condition for it to be available.")
    requires_text: Text = Field("", description="Why it is unavailable, in players' words.")
    per_turn: Int = Field(1, ge=1, description="How many times it may be taken in one turn.")
    cooldown: Int = Field(0, ge=0, description="Turns to wait after taking it before it can be "
                                               "taken again (0: next turn; 1: skip one turn).")
    max_uses: Int | None = Field(None, ge=1, description="How many times in a whole game.")
    window: tuple[TurnRef, TurnRef] | None = Field(
        None, description="The turns when it is available, first and last (numbers or names).")
    effects: list[Effect] = Field(default_factory=list, description="What it does.")
    outcomes: list[Outcome] = Field(default_factory=list, description="Chance branches.")


class Rule(Model):
    """A standing rule that runs every turn: drift, the powers' reactions, upkeep."""

    id: Id = Field(description="The rule's id.")
    name: Text = Field("", description="A readable name, shown as the cause in the log.")
    text: Text = Field("", description="What the rule means, in players' words.")
    phase: Literal["start", "upkeep"] = Field(
        "upkeep", description="`start`: after income at the start of a turn; `upkeep`: at the "
                              "end of a turn.")
    if_: Condition | None = Field(None, alias="if", description="When the rule applies.")
    window: tuple[TurnRef, TurnRef] | None = Field(
        None, description="The turns when the rule runs, first and last (numbers or names).")
    effects: list[Effect] = Field(min_length=1, description="What the rule does.")


for _m in (Option, Card, Action, Rule):
    _m.model_rebuild()
