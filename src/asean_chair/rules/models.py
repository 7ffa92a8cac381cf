"""The rules format, as typed models: the one source of truth.

The loader validates every pack item against these models, the JSON Schema
(``asean-chair schema``) is generated from them, and so is
``docs/rules-reference.md``. Every field has a description, which becomes
the editor tooltip and the reference text.

Expressions (conditions and amounts) are kept as text here and compiled by
:mod:`asean_chair.rules.compile` once every id in the packs is known.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from ..expr import MAX_NUMBER
from .source import Mark, MDict

FORMAT_VERSION = 1

# MAX_NUMBER, the largest size of any number a pack writes, is the expression
# language's: real packs need far less; anything bigger is a mistake (or an
# attack) that would overflow sums.

Int = Annotated[int, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
"""A whole number from -1,000,000,000 to 1,000,000,000."""
Number = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False)]
"""A finite number from -1,000,000,000 to 1,000,000,000."""

Id = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64,
          description="An identifier: lower case letters, digits and _, starting with a letter."),
]
Condition = Annotated[
    str | bool,
    Field(description="A condition in the expression language, e.g. `autonomy >= 40 and not "
                      "flag.ream_open`."),
]
Amount = Annotated[
    Int | Number | str,
    Field(description="A number, or an expression that gives one, e.g. `5` or `rel.north / 10`."),
]
Target = Annotated[
    str,
    Field(description="What a value change applies to: a track id (`autonomy`), a relation "
                      "(`rel.north`), a counter (`counter.un_votes`) or `capital`."),
]


class Model(BaseModel):
    """Base of every pack model: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              use_attribute_docstrings=False)

    # The YAML mapping this model was read from, for error positions.
    _src: Any = PrivateAttr(default=None)

    # Compiled expressions of this item, by field, filled in by the compiler.
    _exprs: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_source(cls, data: Any, handler: Any) -> Any:
        model = handler(data)
        if isinstance(data, MDict):
            object.__setattr__(model, "__pydantic_private__", {"_src": data, "_exprs": {}})
        return model

    def where(self, field: str | None = None) -> Mark | None:
        """Where this item (or one of its fields) was written in its pack."""
        src = self._src
        if field is not None and isinstance(src, MDict) and field in src.value_marks:
            return src.value_marks[field]
        return getattr(src, "mark", None)

    def compiled(self, field: str) -> Any:
        """The compiled expression(s) of ``field``: an ``Expr``, or a dict of them."""
        return self._exprs[field]


# --------------------------------------------------------------------- pack


class PackMeta(Model):
    """`pack.yaml`: who made the pack and what it builds on."""

    id: Id = Field(description="The pack's id, used by `extends` and in saves.")
    name: str = Field(description="The pack's name as players see it.")
    version: str = Field(description="The pack's version, e.g. `1.2.0`; saves record it.")
    format: Literal[1] = Field(description="The rules format version this pack is written for. "
                                           "Currently `1`.")
    description: str = Field("", description="A sentence or two on what the pack contains.")
    authors: list[str] = Field(default_factory=list, description="Who wrote the pack.")
    license: str = Field("", description="The licence of the pack's text, e.g. `CC-BY-SA-4.0`.")
    extends: list[Id] = Field(default_factory=list,
                              description="Ids of packs this pack builds on. They are loaded "
                                          "first; this pack may add items or change theirs with "
                                          "`replace`, `patch` or `remove`.")
    default_scenario: Id | None = Field(None, description="The scenario `play` starts when none "
                                                          "is given.")


# ------------------------------------------------------------ tracks, actors


class Danger(Model):
    """Zones of a meter that the window paints as dangerous."""

    below: Int | None = Field(None, description="Values at or below this are dangerous.")
    above: Int | None = Field(None, description="Values at or above this are dangerous.")


class Track(Model):
    """A meter of the country's situation, e.g. autonomy or economy."""

    id: Id = Field(description="The track's id; expressions use it as a name (`autonomy`).")
    name: str = Field(description="The track's name as players see it.")
    description: str = Field("", description="What the track means, in one or two sentences "
                                             "(shown in the briefing and tooltips).")
    min: Int = Field(0, description="The lowest value; changes are clamped to it.")
    max: Int = Field(100, description="The highest value; changes are clamped to it.")
    start: Int = Field(description="The value at the start of a scenario.")
    baseline: Int | None = Field(None, description="Where `drift` pulls the track; "
                                                   "defaults to `start`.")
    danger: Danger | None = Field(None, description="Danger zones shown on the meter.")
    visible: bool = Field(True, description="Whether players see this track.")
    icon: str | None = Field(None, description="An icon name from the assets folder.")

    @model_validator(mode="after")
    def _bounds(self) -> Track:
        _check_bounds(self.min, self.max, self.start, self.baseline)
        return self


def _check_bounds(low: int, high: int, start: int, baseline: int | None = None) -> None:
    if low > high:
        raise ValueError(f"min ({low}) is greater than max ({high})")
    if not low <= start <= high:
        raise ValueError(f"start ({start}) is outside min..max ({low}..{high})")
    if baseline is not None and not low <= baseline <= high:
        raise ValueError(f"baseline ({baseline}) is outside min..max ({low}..{high})")


class Relation(Model):
    """How warm a relationship with an actor is."""

    start: Int = Field(0, description="The value at the start.")
    min: Int = Field(-100, description="The lowest value.")
    max: Int = Field(100, description="The highest value.")
    baseline: Int | None = Field(None, description="Where `drift` pulls the relation; "
                                                   "defaults to `start`.")
    danger: Danger | None = Field(None, description="Danger zones shown on the dial.")

    @model_validator(mode="after")
    def _bounds(self) -> Relation:
        _check_bounds(self.min, self.max, self.start, self.baseline)
        return self


class Actor(Model):
    """A power or neighbour the player has a relation with."""

    id: Id = Field(description="The actor's id; its relation is `rel.<id>` in expressions.")
    name: str = Field(description="The actor's name as players see it.")
    short: str = Field("", description="A short label for tight spaces, e.g. `US`.")
    description: str = Field("", description="Who the actor is, for tooltips and the briefing.")
    relation: Relation = Field(default_factory=lambda: Relation.model_validate({}),
                               description="The relation's start, bounds and baseline.")
    rivals: dict[Id, Number] = Field(
        default_factory=dict,
        description="Spill-over: when the relation with this actor gains N, each rival's "
                    "relation loses N times the factor (rounded). `{south: 0.3}`.")
    icon: str | None = Field(None, description="An icon name from the assets folder.")
    color: str | None = Field(None, description="A colour for charts, `#rrggbb`.",
                              pattern=r"^#[0-9a-fA-F]{6}$")


class Flag(Model):
    """A yes/no fact the game remembers, e.g. that the player condemned the invasion."""

    id: Id = Field(description="The flag's id; `flag.<id>` in expressions is 1 when set.")
    name: str = Field("", description="A readable name for logs and the debrief.")
    description: str = Field("", description="What setting the flag means.")
    record: bool = Field(False, description="`true` for a flag kept only as a record for logs "
                                            "and the debrief: no warning when no condition "
                                            "reads it.")


class Counter(Model):
    """A whole number the game counts, e.g. UN votes dodged."""

    id: Id = Field(description="The counter's id; `counter.<id>` in expressions.")
    name: str = Field("", description="A readable name for logs.")
    description: str = Field("", description="What the counter counts.")
    start: Int = Field(0, description="The value at the start.")


# ------------------------------------------------------------------ effects


class Schedule(Model):
    """A follow-up card or delayed effects, some turns later."""

    card: Id | None = Field(None, description="A card that joins the queue when due.")
    effects: list[Effect] = Field(default_factory=list,
                                  description="Effects that apply when due.")
    in_: Int = Field(alias="in", ge=1, le=60,
                     description="How many turns later (1 = next turn).")
    text: str = Field("", description="What the log says when it falls due.")

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
    name: str = Field(description="The name players see while it lasts.")
    turns: Int = Field(ge=1, le=60, description="How many turns it lasts.")
    each_turn: list[Effect] = Field(default_factory=list,
                                    description="Effects applied at each upkeep while it lasts.")
    income: Int = Field(0, description="Change to capital income while it lasts.")
    scale: dict[Target, Number] = Field(
        default_factory=dict,
        description="Multiplies every later `add` to these targets while it lasts, "
                    "e.g. `{rel.south: 0.5}` halves changes with the south.")
    text: str = Field("", description="What it means, for the tooltip.")


class Outcome(Model):
    """One branch of a chance: its probability, text and effects."""

    chance: Number = Field(gt=0, le=1, description="The probability, from 0 to 1. The chances "
                                                   "of one list add up to 1.")
    text: str = Field("", description="What players read when this branch happens.")
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
    history: str = Field("", description="What really happened, when this branch is what "
                                         "really happened; it makes the branch real. Its "
                                         "source is the card's, or `source`.")
    source: str = Field("", description="Where the branch's `history` comes from (a link), if "
                                        "not from its card's `source`. Needed for a real "
                                        "branch outside a real card.")


class Effect(Model):
    """One change to the game. Each effect has exactly one kind (`add`, `set`,
    `set_flag`, `clear_flag`, `schedule`, `draw`, `modifier`, `remove_modifier`,
    `if`, `outcomes`, `drift`, `log`, `end_game`)."""

    add: dict[Target, Amount] | None = Field(
        None, description="Add amounts (may be negative) to targets, clamped to their bounds. "
                          "Gains with an actor spill over to its rivals. "
                          "`{add: {autonomy: 5, rel.north: -3}}`.")
    spill: bool = Field(True, description="With `add`: whether relation gains spill over to "
                                          "rivals.")
    set: dict[Target, Amount] | None = Field(
        None, description="Set targets to values, clamped. `{set: {capital: 0}}`.")
    set_flag: Id | None = Field(None, description="Set a flag. `{set_flag: condemned}`.")
    clear_flag: Id | None = Field(None, description="Clear a flag.")
    schedule: Schedule | None = Field(
        None, description="A follow-up card or delayed effects N turns later. "
                          "`{schedule: {card: deminers, in: 3}}`.")
    draw: Draw | None = Field(None, description="Put a card at the front of the queue now.")
    modifier: Modifier | None = Field(None, description="Start a modifier lasting some turns.")
    remove_modifier: Id | None = Field(None, description="End a modifier early.")
    if_: Condition | None = Field(None, alias="if",
                                  description="A conditional effect: `then` effects when the "
                                              "condition holds, otherwise `else`.")
    then: list[Effect] = Field(default_factory=list, description="With `if`: effects when true.")
    else_: list[Effect] = Field(default_factory=list, alias="else",
                                description="With `if`: effects when false.")
    outcomes: list[Outcome] | None = Field(
        None, description="Chance branches; exactly one happens, by its `chance`.")
    drift: dict[Target, Amount] | None = Field(
        None, description="Move targets toward their baseline by at most the amount. "
                          "`{drift: {rel.north: 2}}`. Drift never spills over.")
    direction: Literal["both", "up", "down"] = Field(
        "both", description="With `drift`: `down` only pulls values above the baseline down, "
                            "`up` only lifts values below it, `both` does both.")
    log: str | None = Field(None, description="A message for the log.")
    end_game: Id | None = Field(None, description="End the game now with this ending.")

    @model_validator(mode="after")
    def _one_kind(self) -> Effect:
        kinds = [k for k in EFFECT_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            names = ", ".join(f"`{k.rstrip('_')}`" for k in EFFECT_KINDS)
            found = ", ".join(k.rstrip("_") for k in kinds) or "none"
            raise ValueError(f"an effect needs exactly one kind of {names}; found {found}")
        if kinds[0] != "if_" and (self.then or self.else_):
            raise ValueError("`then`/`else` belong with `if`")
        if kinds[0] != "add" and not self.spill:
            raise ValueError("`spill` belongs with `add`")
        if kinds[0] != "drift" and self.direction != "both":
            raise ValueError("`direction` belongs with `drift`")
        return self

    @property
    def kind(self) -> str:
        """The effect's kind, e.g. ``"add"`` or ``"if"``."""
        for k in EFFECT_KINDS:
            if getattr(self, k) is not None:
                return k.rstrip("_")
        raise AssertionError("validated effects have a kind")


EFFECT_KINDS = ("add", "set", "set_flag", "clear_flag", "schedule", "draw", "modifier",
                "remove_modifier", "if_", "outcomes", "drift", "log", "end_game")


# -------------------------------------------------------- cards and actions


class Option(Model):
    """One choice on a card."""

    id: Id = Field(description="The option's id, unique on its card.")
    label: str = Field(description="The choice as a short sentence players click.")
    text: str = Field("", description="What players read after choosing it.")
    hint: str = Field("", description="A hint shown with the option (e.g. the risk).")
    cost: Amount = Field(0, description="Political capital the option costs.")
    requires: Condition | None = Field(None, description="A condition for the option to be "
                                                         "available.")
    requires_text: str = Field("", description="Why the option is unavailable, in players' "
                                               "words; by default the condition is shown.")
    effects: list[Effect] = Field(default_factory=list, description="What choosing it does.")
    outcomes: list[Outcome] = Field(default_factory=list,
                                    description="Chance branches after the effects; players see "
                                                "the odds.")


class CardWhen(Model):
    """When a card enters play on its own (a card without `when` is only a follow-up)."""

    month: Int | list[Int] | None = Field(
        None, description="Fixed card: it joins the queue in this month (or these months), if "
                          "its condition holds. Months are calendar months, 1-12.")
    window: tuple[Int, Int] | None = Field(
        None, description="Drawn card: it may be drawn from month A to month B, inclusive.")
    if_: Condition | None = Field(None, alias="if",
                                  description="A condition for the card to join or be drawn.")
    weight: Amount = Field(1, description="Drawn cards: relative chance of being drawn "
                                          "(an expression may make it depend on the state).")
    repeat: bool = Field(False, description="Drawn cards: whether the card may be drawn again "
                                            "after it was played.")

    @model_validator(mode="after")
    def _one(self) -> CardWhen:
        if (self.month is None) == (self.window is None):
            raise ValueError("`when` needs exactly one of `month` (a fixed card) or "
                             "`window` (a drawn card)")
        if self.window is not None and self.window[0] > self.window[1]:
            raise ValueError(f"window {list(self.window)} ends before it starts")
        return self

    @property
    def months(self) -> tuple[int, ...]:
        """The months of a fixed card."""
        if self.month is None:
            return ()
        return tuple(self.month) if isinstance(self.month, list) else (self.month,)


class Card(Model):
    """An event card: a situation and the options the player chooses from."""

    id: Id = Field(description="The card's id.")
    title: str = Field(description="The headline.")
    text: str = Field(description="The situation, in words a 15-year-old understands.")
    tags: list[str] = Field(default_factory=list,
                            description="Topics (e.g. `trade`). The tags `historic` and "
                                        "`fictional`, where used, must agree with "
                                        "`history`/`invented`.")
    icon: str | None = Field(None, description="An icon or picture name from the assets folder.")
    when: CardWhen | None = Field(None, description="When the card enters play on its own.")
    history: str = Field("", description="What really happened (shown in the debrief). A "
                                         "card with `history` is a real card: it also needs "
                                         "`source` and `discuss`.")
    historical_option: Id | None = Field(None, description="The option that matches what "
                                                           "really happened.")
    source: str = Field("", description="Where the history comes from (a link that supports "
                                        "every claim of `history`).")
    see_also: list[str] = Field(default_factory=list,
                                description="More sources (links) for claims of `history` that "
                                            "`source` does not cover.")
    discuss: str = Field("", description="A question for a class to discuss.")
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
    """A diplomacy action the player may take in the action phase of a turn."""

    id: Id = Field(description="The action's id.")
    name: str = Field(description="The action's name as players see it.")
    text: str = Field("", description="What the action is and does.")
    tags: list[str] = Field(default_factory=list, description="Topics, for grouping.")
    icon: str | None = Field(None, description="An icon name from the assets folder.")
    cost: Amount = Field(0, description="Political capital it costs.")
    requires: Condition | None = Field(None, description="A condition for it to be available.")
    requires_text: str = Field("", description="Why it is unavailable, in players' words.")
    per_turn: Int = Field(1, ge=1, description="How many times it may be taken in one turn.")
    cooldown: Int = Field(0, ge=0, description="Turns to wait after taking it before it can be "
                                               "taken again (0: next turn; 1: skip one turn).")
    max_uses: Int | None = Field(None, ge=1, description="How many times in a whole game.")
    window: tuple[Int, Int] | None = Field(None, description="Months when it is available.")
    effects: list[Effect] = Field(default_factory=list, description="What it does.")
    outcomes: list[Outcome] = Field(default_factory=list, description="Chance branches.")


class Rule(Model):
    """A standing rule that runs every turn: drift, the powers' reactions, upkeep."""

    id: Id = Field(description="The rule's id.")
    name: str = Field("", description="A readable name, shown as the cause in the log.")
    text: str = Field("", description="What the rule means, in players' words.")
    phase: Literal["start", "upkeep"] = Field(
        "upkeep", description="`start`: after income at the start of a turn; `upkeep`: at the "
                              "end of a turn.")
    if_: Condition | None = Field(None, alias="if", description="When the rule applies.")
    window: tuple[Int, Int] | None = Field(None, description="Months when the rule runs.")
    effects: list[Effect] = Field(min_length=1, description="What the rule does.")


# --------------------------------------------------------------- scenarios


class Capital(Model):
    """Political capital: what options and actions cost."""

    name: str = Field("Political capital", description="Its name as players see it.")
    start: Int = Field(0, ge=0, description="Capital at the start.")
    income: Amount = Field(0, description="Capital gained at the start of every turn "
                                          "(an expression may depend on the state).")
    max: Int = Field(10, ge=0, description="The most capital that can be held.")

    @model_validator(mode="after")
    def _start_fits(self) -> Capital:
        if self.start > self.max:
            raise ValueError(f"start ({self.start}) is above max ({self.max})")
        return self


class Milestone(Model):
    """A marked moment on the calendar, e.g. a summit."""

    month: Int = Field(ge=1, le=12, description="The calendar month.")
    name: str = Field(description="What happens, as shown on the calendar.")
    text: str = Field("", description="Why it matters.")


class Ending(Model):
    """A way the game ends: a defeat with its condition, or the end of the year.

    The one ending with neither `if` nor `defeat` is reached by finishing the
    last turn; an ending without `if` can also be reached by an `end_game`
    effect."""

    id: Id = Field(description="The ending's id.")
    title: str = Field(description="The ending's headline.")
    text: str = Field(description="What happened, shown at the end.")
    if_: Condition | None = Field(None, alias="if",
                                  description="Ends the game as soon as this holds (checked after "
                                              "every decision). Leave out for the ending reached "
                                              "by finishing the last turn.")
    defeat: bool = Field(False, description="Whether this ending is a defeat.")
    tier: Id | None = Field(None, description="The tier it gives; defeats default to the lowest "
                                              "tier, the year's end to the score's tier.")


class Tier(Model):
    """A band of final scores with a name, best first."""

    id: Id = Field(description="The tier's id.")
    name: str = Field(description="The tier's name, e.g. `Master of the hedge`.")
    min_score: Number = Field(description="The lowest score in this tier.")
    text: str = Field("", description="One or two sentences for the verdict.")


class Verdict(Model):
    """A sentence of the final verdict, said when its condition holds."""

    id: Id | None = Field(None, description="An id, so a mod can refer to the sentence.")
    if_: Condition = Field(alias="if", description="When this sentence applies, at the end.")
    text: str = Field(description="The sentence.")
    kind: Literal["strength", "mistake", "note"] = Field(
        "note", description="Whether it names a strength, a mistake or a plain note.")


class Preset(Model):
    """A shorter or lighter way to play a scenario, e.g. for a lesson."""

    id: Id = Field(description="The preset's id, e.g. `short`.")
    name: str = Field(description="Its name, e.g. `Short lesson (25 minutes)`.")
    description: str = Field("", description="What it changes, for teachers.")
    minutes: Int | None = Field(None, ge=1, description="About how long a class takes to play it.")
    start_month: Int | None = Field(None, ge=1, le=12, description="Start in this month instead.")
    turns: Int | None = Field(None, ge=1, le=60, description="Play this many turns instead.")
    draws: Amount | None = Field(None, description="Cards drawn each turn instead.")
    actions_per_turn: Int | None = Field(None, ge=0, description="Diplomacy actions allowed each "
                                                                 "turn instead.")
    tiers: list[Tier] | None = Field(None, description="Score bands for this preset instead, "
                                                       "best first (a shorter game scores less).")


class Difficulty(Model):
    """An easier or harder start to a scenario."""

    id: Id = Field(description="The difficulty's id, e.g. `easy`.")
    name: str = Field(description="Its name, e.g. `Easy: a friendlier start`.")
    description: str = Field("", description="What it changes, in players' words.")
    capital: Int = Field(0, description="Political capital added to (or taken from) the start.")
    income: Int = Field(0, description="Change to capital income every turn.")
    start: dict[Target, Int] = Field(default_factory=dict,
                                     description="Changes to starting values, e.g. "
                                                 "`{autonomy: -5}`.")


class Scenario(Model):
    """A playable game: its calendar, capital, draws, endings, score and tiers."""

    id: Id = Field(description="The scenario's id.")
    name: str = Field(description="The scenario's name.")
    description: str = Field("", description="One line for the scenario list.")
    briefing: str = Field("", description="The situation in a few sentences, shown before play.")
    year: Int | None = Field(None, description="The calendar year, for display.")
    start_month: Int = Field(1, ge=1, le=12, description="The calendar month of turn 1.")
    turns: Int = Field(ge=1, le=60, description="How many turns (months) the game lasts.")
    turn_word: str = Field("turn", description="What players call a turn, e.g. `month`; used "
                                               "in messages such as 'already taken this "
                                               "month'.")
    capital: Capital = Field(default_factory=lambda: Capital.model_validate({}), description="Political capital.")
    draws: Amount = Field(1, description="Cards drawn each turn besides fixed and follow-up "
                                         "cards (an expression may depend on `month`).")
    actions_per_turn: Int = Field(2, ge=0, description="Diplomacy actions allowed each turn.")
    milestones: list[Milestone] = Field(default_factory=list,
                                        description="Moments marked on the calendar.")
    endings: list[Ending] = Field(min_length=1, description="Defeats and the year's end.")
    score: Amount = Field(description="The score, e.g. `autonomy + cohesion + rel.north / 2`.")
    tiers: list[Tier] = Field(min_length=1, description="Score bands, best first.")
    verdicts: list[Verdict] = Field(default_factory=list,
                                    description="Sentences of the final verdict.")
    presets: list[Preset] = Field(default_factory=list,
                                  description="Lighter ways to play it, e.g. for a short lesson.")
    difficulties: list[Difficulty] = Field(default_factory=list,
                                           description="Easier or harder starts; without one "
                                                       "the scenario plays as written.")
    debrief: list[str] = Field(default_factory=list,
                               description="Questions for the class after playing, in the order "
                                           "of a debrief (what happened, why, what it means).")


class GlossaryEntry(Model):
    """A term players may not know, explained."""

    id: Id = Field(description="The entry's id.")
    term: str = Field(description="The term, e.g. `TAC`.")
    text: str = Field(description="A short explanation.")


# --------------------------------------------------------- file structure

#: Each section a pack file may hold, and the model of its items.
SECTIONS: dict[str, type[Model]] = {
    "tracks": Track,
    "actors": Actor,
    "flags": Flag,
    "counters": Counter,
    "cards": Card,
    "actions": Action,
    "rules": Rule,
    "scenarios": Scenario,
    "glossary": GlossaryEntry,
}

#: Overlay keys an item of an extending pack may carry.
OVERLAY_KEYS = ("replace", "patch", "remove")


class Overlay(Model):
    """In a pack that `extends` another: change an item of the base pack by id."""

    id: Id = Field(description="The id of the item to change.")
    replace: bool | None = Field(None, description="`true`: this item replaces the base item "
                                                   "whole (write every field).")
    patch: dict[str, Any] | None = Field(None, description="Fields to change, merged deeply; "
                                                           "lists of items with ids merge by id.")
    remove: bool | None = Field(None, description="`true`: remove the base item.")


for _m in (Schedule, Modifier, Outcome, Effect, Option, Card, Action, Rule):
    _m.model_rebuild()
