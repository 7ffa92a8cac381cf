"""The rules format, as typed models: the one source of truth.

The loader validates every pack item against these models, the JSON Schema
(``asean-chair schema``) is generated from them, and so is
``docs/rules-reference.md``. Every field has a description, which becomes
the editor tooltip and the reference text.

Expressions (conditions and amounts) are kept as text here and compiled by
:mod:`asean_chair.rules.compile` once every id in the packs is known.
"""

from typing import Any, Literal

from pydantic import Field

from ...expr import MAX_NUMBER
from .base import (
    FORMAT_VERSION,
    Amount,
    Condition,
    Id,
    Int,
    Model,
    Number,
    Target,
    Text,
    TextMark,
    TurnRef,
)
from .cards import Action, Card, CardWhen, Option, Rule
from .effects import (
    COMPANION_OF,
    COMPANIONS,
    EFFECT_FIELDS,
    EFFECT_KINDS,
    Draw,
    Effect,
    KindField,
    Modifier,
    Outcome,
    Schedule,
)
from .scenario import (
    Calendar,
    CalendarStart,
    Capital,
    Difficulty,
    Ending,
    Milestone,
    Preset,
    Scenario,
    Tier,
    TurnName,
    TurnStep,
    Verdict,
    Words,
)
from .world import Actor, Counter, Danger, Flag, GlossaryEntry, Relation, Track

# --------------------------------------------------------------------- pack


class PackMeta(Model):
    """`pack.yaml`: who made the pack and what it builds on."""

    id: Id = Field(description="The pack's id, used by `extends` and in saves.")
    name: Text = Field(description="The pack's name as players see it.")
    version: str = Field(description="The pack's version, e.g. `1.2.0`; saves record it.")
    format: Literal[1] = Field(description="The rules format version this pack is written for. "
                                           "Currently `1`.")
    description: Text = Field("", description="A sentence or two on what the pack contains.")
    authors: list[str] = Field(default_factory=list, description="Who wrote the pack.")
    license: str = Field("", description="The licence of the pack's text, e.g. `CC-BY-SA-4.0`.")
    extends: list[Id] = Field(default_factory=list,
                              description="Ids of packs this pack builds on. They are loaded "
                                          "first; this pack may add items or change theirs with "
                                          "`replace`, `patch` or `remove`.")
    default_scenario: Id | None = Field(None, description="The scenario `play` starts when none "
                                                          "is given.")


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

__all__ = [
    "COMPANIONS",
    "COMPANION_OF",
    "EFFECT_FIELDS",
    "EFFECT_KINDS",
    "FORMAT_VERSION",
    "MAX_NUMBER",
    "OVERLAY_KEYS",
    "SECTIONS",
    "Action",
    "Actor",
    "Amount",
    "Calendar",
    "CalendarStart",
    "Capital",
    "Card",
    "CardWhen",
    "Condition",
    "Counter",
    "Danger",
    "Difficulty",
    "Draw",
    "Effect",
    "Ending",
    "Flag",
    "GlossaryEntry",
    "Id",
    "Int",
    "KindField",
    "Milestone",
    "Model",
    "Modifier",
    "Number",
    "Option",
    "Outcome",
    "Overlay",
    "PackMeta",
    "Preset",
    "Relation",
    "Rule",
    "Scenario",
    "Schedule",
    "Target",
    "Text",
    "TextMark",
    "Tier",
    "Track",
    "TurnName",
    "TurnRef",
    "TurnStep",
    "Verdict",
    "Words",
]
