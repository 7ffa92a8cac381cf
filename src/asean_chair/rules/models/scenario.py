"""Scenarios: the calendar, capital, endings, score, tiers, presets and difficulties."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..calendar import Clock
from .base import Amount, Condition, Id, Int, Model, Number, Target, Text, TurnRef

# --------------------------------------------------------------- scenarios


class Capital(Model):
    """What options and actions cost (political capital, goodwill, favours...)."""

    name: Text = Field("Points", description="Its name as players see it, e.g. `Political "
                                            "capital`. Say how one and many read in the "
                                            "scenario's `words` (`currency`, `currencies`).")
    start: Int = Field(0, ge=0, description="What the player holds at the start.")
    income: Amount = Field(0, description="What the player gains at the start of every turn "
                                          "(an expression may depend on the state).")
    max: Int = Field(10, ge=0, description="The most that can be held.")

    @model_validator(mode="after")
    def _start_fits(self) -> Capital:
        if self.start > self.max:
            raise ValueError(f"start ({self.start}) is above max ({self.max})")
        return self


class Milestone(Model):
    """A marked moment on the calendar, e.g. a summit."""

    turn: TurnRef | None = Field(None, description="The turn, by number or name.")
    month: Int | None = Field(None, ge=1, le=12,
                              description="For a month calendar: the calendar month instead.")
    name: Text = Field(description="What happens, as shown on the calendar.")
    text: Text = Field("", description="Why it matters.")

    @model_validator(mode="after")
    def _when(self) -> Milestone:
        if (self.turn is None) == (self.month is None):
            raise ValueError("a milestone needs exactly one of `turn` or `month`")
        return self


class Ending(Model):
    """A way the game ends: a defeat with its condition, or the end of the last turn.

    The one ending with neither `if` nor `defeat` is reached by finishing the
    last turn; an ending without `if` can also be reached by an `end_game`
    effect."""

    id: Id = Field(description="The ending's id.")
    title: Text = Field(description="The ending's headline.")
    text: Text = Field(description="What happened, shown at the end.")
    if_: Condition | None = Field(None, alias="if",
                                  description="Ends the game as soon as this holds (checked after "
                                              "every decision). Leave out for the ending reached "
                                              "by finishing the last turn.")
    defeat: bool = Field(False, description="Whether this ending is a defeat.")
    tier: Id | None = Field(None, description="The tier it gives; defeats default to the lowest "
                                              "tier, the last turn's end to the score's tier.")


class Tier(Model):
    """A band of final scores with a name, best first."""

    id: Id = Field(description="The tier's id.")
    name: Text = Field(description="The tier's name, e.g. `Master of the hedge`.")
    min_score: Number = Field(description="The lowest score in this tier.")
    text: Text = Field("", description="One or two sentences for the verdict.")


class Verdict(Model):
    """A sentence of the final verdict, said when its condition holds."""

    id: Id | None = Field(None, description="An id, so a mod can refer to the sentence.")
    if_: Condition = Field(alias="if", description="When this sentence applies, at the end.")
    text: Text = Field(description="The sentence.")
    kind: Literal["strength", "mistake", "note"] = Field(
        "note", description="Whether it names a strength, a mistake or a plain note.")


class Preset(Model):
    """A shorter or lighter way to play a scenario, e.g. for a lesson."""

    id: Id = Field(description="The preset's id, e.g. `short`.")
    name: Text = Field(description="Its name, e.g. `Short lesson (25 minutes)`.")
    description: Text = Field("", description="What it changes, for teachers.")
    minutes: Int | None = Field(None, ge=1, description="About how long a class takes to play it.")
    briefing: Text = Field("", description="The situation at the preset's first turn, shown "
                                           "instead of the scenario's briefing (a lesson that "
                                           "starts in May should not say \"It is January\").")
    first_turn: TurnRef | None = Field(None, description="Start at this turn of the calendar "
                                                         "instead of the first (number or name).")
    start_month: Int | None = Field(None, ge=1, le=12,
                                    description="For a month calendar: start in the first turn "
                                                "of this calendar month instead.")
    turns: Int | None = Field(None, ge=1, le=60, description="Play this many turns instead "
                                                             "(to the calendar's end by "
                                                             "default).")
    draws: Amount | None = Field(None, description="Cards drawn each turn instead.")
    actions_per_turn: Int | None = Field(None, ge=0, description="Actions allowed each "
                                                                 "turn instead.")
    tiers: list[Tier] | None = Field(None, description="Score bands for this preset instead, "
                                                       "best first (a shorter game scores less).")
    leave_out: list[Id] = Field(default_factory=list,
                                description="Cards this preset never deals, whether their turn "
                                            "comes, they are drawn or another card brings them "
                                            "in (e.g. to fit a lesson's length).")


class Difficulty(Model):
    """An easier or harder start to a scenario."""

    id: Id = Field(description="The difficulty's id, e.g. `easy`.")
    name: Text = Field(description="Its name, e.g. `Easy: a friendlier start`.")
    description: Text = Field("", description="What it changes, in players' words.")
    capital: Int = Field(0, description="Currency added to (or taken from) the start (the "
                                        "scenario's `capital`).")
    income: Int = Field(0, description="Change to the currency's income every turn.")
    start: dict[Target, Int] = Field(default_factory=dict,
                                     description="Changes to starting values, e.g. "
                                                 "`{autonomy: -5}`.")


class TurnName(Model):
    """One turn's name in a calendar that lists its turns."""

    name: Text = Field(description="The turn's name, e.g. `Early spring`.")
    short: Text = Field("", description="A short name for tight spaces, e.g. `Spr`.")


class CalendarStart(Model):
    """Where a month calendar starts."""

    month: Int = Field(1, ge=1, le=12, description="The calendar month of the first turn.")
    year: Int | None = Field(None, description="The year of the first turn (it rolls over "
                                               "after December).")


class Calendar(Model):
    """What a turn is, and what each turn is called."""

    unit: Text = Field("turn", description="What one turn is called: `week`, `month`, `season`, "
                                          "`round`... Players read \"week 3 of 16\", \"End the "
                                          "week\".")
    units: Text = Field("", description="The plural, e.g. `weeks` (default: the unit with an "
                                       "`s`).")
    names: Literal["numbers", "months"] | list[TurnName | str] = Field(
        "numbers", description="How turns are named: `numbers` (\"Week 3\", short \"W3\"), "
                               "`months` (calendar months from `start`, \"November 2022\", "
                               "short \"Nov\"), or a list with one name per turn.",
        examples=["numbers", "months", [{"name": "Early spring", "short": "Spr"}, "Late spring"]])
    start: CalendarStart | None = Field(None, description="With `names: months`: the month and "
                                                          "year of the first turn.")

    @model_validator(mode="after")
    def _start(self) -> Calendar:
        if self.start is not None and self.names != "months":
            raise ValueError("`start` belongs with `names: months`")
        return self


class Words(Model):
    """The frame words every screen and printout shows, in the scenario's own
    terms; the defaults are neutral."""

    currency: Text = Field("point", description="One unit of what options cost: \"costs 1 "
                                               "favour\".")
    currencies: Text = Field("points", description="Several units: \"costs 2 favours\".")
    side: Text = Field("You", description="The heading of the player's own panel, e.g. `Your "
                                         "country`, `Your hospital`.")
    relations: Text = Field("Relations", description="The heading of the relations panel, e.g. "
                                                    "`Stakeholders`.")
    actions: Text = Field("Actions", description="The heading of the actions a player may take "
                                                "each turn, e.g. `Diplomacy`.")


TurnStep = Literal["income", "start_rules", "scheduled", "fixed_cards", "draws", "endings",
                   "events", "diplomacy", "modifiers", "upkeep"]


class Scenario(Model):
    """A playable game: its calendar, capital, draws, endings, score and tiers."""

    id: Id = Field(description="The scenario's id.")
    name: Text = Field(description="The scenario's name.")
    description: Text = Field("", description="One line for the scenario list.")
    briefing: Text = Field("", description="The situation in a few sentences, shown before play.")
    turns: Int = Field(ge=1, le=60, description="How many turns the scenario's calendar has "
                                                "(a preset may play fewer).")
    calendar: Calendar | None = Field(None, description="What a turn is called and how turns "
                                                        "are named. Without it, turns are "
                                                        "months from `start_month` of `year`, "
                                                        "called `turn_word`.")
    words: Words = Field(default_factory=lambda: Words.model_validate({}),
                         description="The frame words players see (the currency, the player's "
                                     "side, the relations and actions panels).")
    year: Int | None = Field(None, description="Without `calendar`: the calendar year of the "
                                               "first turn.")
    start_month: Int = Field(1, ge=1, le=12, description="Without `calendar`: the calendar "
                                                         "month of the first turn.")
    turn_word: Text = Field("turn", description="Without `calendar`: what players call a turn, "
                                               "e.g. `month`.")
    capital: Capital = Field(default_factory=lambda: Capital.model_validate({}),
                             description="The currency options and actions cost (political "
                                         "capital, goodwill, favours...): its name, start, "
                                         "income and most held.")
    draws: Amount = Field(1, description="Cards drawn each turn besides fixed and follow-up "
                                         "cards (an expression may depend on the state, e.g. "
                                         "`turn`).", examples=[1, "1 if turn % 2 == 0 else 0"])
    actions_per_turn: Int = Field(2, ge=0, description="Actions a player may take each turn "
                                                       "(the panel `words.actions` names).")
    turn_steps: list[TurnStep] | None = Field(
        None, description="The steps of a turn, in order (leave out for the usual turn: "
                          "income, start_rules, scheduled, fixed_cards, draws, endings, events, "
                          "diplomacy, modifiers, upkeep, endings). `events` (decide the cards) "
                          "must come once; `diplomacy` at most once.")
    milestones: list[Milestone] = Field(default_factory=list,
                                        description="Moments marked on the calendar.")
    endings: list[Ending] = Field(min_length=1, description="Defeats, and the ending reached "
                                                          "by finishing the last turn.")
    score: Amount = Field(description="The score, e.g. `autonomy + cohesion + rel.north / 2`.",
                          examples=["autonomy + cohesion + min(rel.north, 40)"])
    tiers: list[Tier] = Field(min_length=1, description="Score bands, best first.")
    verdicts: list[Verdict] = Field(default_factory=list,
                                    description="Sentences of the final verdict.")
    presets: list[Preset] = Field(default_factory=list,
                                  description="Lighter ways to play it, e.g. for a short lesson.")
    difficulties: list[Difficulty] = Field(default_factory=list,
                                           description="Easier or harder starts; without one "
                                                       "the scenario plays as written.")
    debrief: list[Text] = Field(default_factory=list,
                               description="Questions for the class after playing, in the order "
                                           "of a debrief (what happened, why, what it means).")

    @model_validator(mode="after")
    def _calendar(self) -> Scenario:
        legacy = [f for f in ("year", "start_month", "turn_word") if f in self.model_fields_set]
        if self.calendar is not None and legacy:
            raise ValueError(f"`{legacy[0]}` belongs outside a `calendar`; with a calendar, "
                             "use its `unit` and `start`")
        names = self.calendar.names if self.calendar is not None else None
        if isinstance(names, list) and len(names) < self.turns:
            raise ValueError(f"the calendar names {len(names)} turns, but the scenario has "
                             f"{self.turns}")
        return self

    @property
    def clock(self) -> Clock:
        """The calendar, ready to name turns and read turn references."""
        cal = self.calendar
        if cal is None:
            return Clock(self.turns, self.turn_word, _plural(self.turn_word), "months",
                         self.start_month, self.year)
        units = cal.units or _plural(cal.unit)
        if cal.names == "months":
            start = cal.start or CalendarStart.model_validate({})
            return Clock(self.turns, cal.unit, units, "months", start.month, start.year)
        if cal.names == "numbers":
            return Clock(self.turns, cal.unit, units, "numbers")
        listed = tuple((n, "") if isinstance(n, str) else (n.name, n.short) for n in cal.names)
        return Clock(self.turns, cal.unit, units, "list", names=listed)

    @model_validator(mode="after")
    def _turn(self) -> Scenario:
        steps = self.turn_steps
        if steps is not None:
            if steps.count("events") != 1:
                raise ValueError("turn_steps needs `events` exactly once (the cards are decided "
                                 "there)")
            if steps.count("diplomacy") > 1:
                raise ValueError("turn_steps may have `diplomacy` at most once")
        return self


def _plural(word: str) -> str:
    """A unit word's plural, by the usual English rule (``week`` -> ``weeks``)."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
