"""What a game is made of: tracks, actors and their relations, flags, counters, glossary."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Id, Int, Model, Number, Text

# ------------------------------------------------------------ tracks, actors


class Danger(Model):
    """Zones of a meter that the window paints as dangerous."""

    below: Int | None = Field(None, description="Values at or below this are dangerous.")
    above: Int | None = Field(None, description="Values at or above this are dangerous.")


class Track(Model):
    """A meter of the country's situation, e.g. autonomy or economy."""

    id: Id = Field(description="The track's id; expressions use it as a name (`autonomy`).")
    name: Text = Field(description="The track's name as players see it.")
    description: Text = Field("", description="What the track means, in one or two sentences "
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
    name: Text = Field(description="The actor's name as players see it.")
    short: Text = Field("", description="A short label for tight spaces, e.g. `US`.")
    description: Text = Field("", description="Who the actor is, for tooltips and the briefing.")
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
    name: Text = Field("", description="A readable name for logs and the debrief.")
    description: Text = Field("", description="What setting the flag means.")
    record: bool = Field(False, description="`true` for a flag kept only as a record for logs "
                                            "and the debrief: no warning when no condition "
                                            "reads it.")


class Counter(Model):
    """A whole number the game counts, e.g. UN votes dodged."""

    id: Id = Field(description="The counter's id; `counter.<id>` in expressions.")
    name: Text = Field("", description="A readable name for logs.")
    description: Text = Field("", description="What the counter counts.")
    start: Int = Field(0, description="The value at the start.")


class GlossaryEntry(Model):
    """A term players may not know, explained."""

    id: Id = Field(description="The entry's id.")
    term: Text = Field(description="The term, e.g. `TAC`.")
    text: Text = Field(description="A short explanation.")
