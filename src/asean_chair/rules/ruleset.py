"""The compiled, immutable result of loading rule packs.

This module imports no YAML, so the engine can depend on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .models import Action, Actor, Card, Counter, Flag, GlossaryEntry, Rule, Scenario, Track
from .source import Problem

#: Names every expression may use besides the pack's own.
BUILTIN_NAMES = ("capital", "month", "turn", "turns_left")


@dataclass(frozen=True, slots=True)
class PackInfo:
    """A loaded pack: its id, version and the hash of its files."""

    id: str
    name: str
    version: str
    digest: str
    folder: str
    description: str = ""
    license: str = ""
    authors: tuple[str, ...] = ()
    default_scenario: str | None = None


def _frozen(items: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(items))


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one pack a translation covers."""

    pack: str
    language: str
    total: int  # texts players read in the pack
    translated: int  # translated and up to date
    stale: int  # translated, but the English changed since
    missing: int  # not translated at all

    @property
    def share(self) -> float:
        """The part of the pack's texts translated and up to date, 0 to 1."""
        return self.translated / self.total if self.total else 1.0

    def __str__(self) -> str:
        return (f"pack '{self.pack}' in '{self.language}': {self.translated} of {self.total} "
                f"texts translated ({self.share:.1%}), {self.stale} out of date, "
                f"{self.missing} missing")


@dataclass(frozen=True, eq=False)
class Ruleset:
    """Everything a game needs from its packs, validated and compiled.

    Mappings are read-only and keep the order items were written in.
    """

    packs: tuple[PackInfo, ...]
    tracks: Mapping[str, Track]
    actors: Mapping[str, Actor]
    flags: Mapping[str, Flag]
    counters: Mapping[str, Counter]
    cards: Mapping[str, Card]
    actions: Mapping[str, Action]
    rules: Mapping[str, Rule]
    scenarios: Mapping[str, Scenario]
    glossary: Mapping[str, GlossaryEntry]
    #: Every variable name expressions may use.
    names: frozenset[str]
    #: Ids of modifiers that effects may start.
    modifiers: frozenset[str]
    #: Problems that did not stop loading.
    warnings: tuple[Problem, ...] = ()
    #: With a language: how much of each pack its translation covers.
    translation: tuple[Coverage, ...] = ()
    #: Engine-private caches (compiled programs), keyed by their owner.
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def content_hash(self) -> str:
        """One hash for the content of every loaded pack, in load order."""
        import hashlib

        h = hashlib.sha256()
        for p in self.packs:
            h.update(f"{p.id}\0{p.version}\0{p.digest}\0".encode())
        return h.hexdigest()

    @property
    def main_pack(self) -> PackInfo:
        """The last pack loaded (the one that was asked for)."""
        return self.packs[-1]

    def scenario(self, scenario_id: str | None = None) -> Scenario:
        """A scenario by id, or the default one (the main pack's, else the first)."""
        if scenario_id is None:
            scenario_id = next((p.default_scenario for p in reversed(self.packs)
                                if p.default_scenario in self.scenarios), None)
            if scenario_id is None:
                return next(iter(self.scenarios.values()))
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            known = ", ".join(self.scenarios) or "none"
            raise KeyError(f"no scenario '{scenario_id}' (scenarios: {known})") from None

    def scenario_with(self, scenario_id: str | None, preset: str | None) -> Scenario:
        """A scenario with a preset's changes applied (``preset=None``: as written)."""
        sc = self.scenario(scenario_id)
        if preset is None:
            return sc
        chosen = next((p for p in sc.presets if p.id == preset), None)
        if chosen is None:
            known = ", ".join(p.id for p in sc.presets) or "none"
            raise KeyError(f"scenario '{sc.id}' has no preset '{preset}' (presets: {known})")
        key = ("preset", sc.id, preset)
        cached = self.cache.get(key)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        # The preset's stretch of turns is the engine's to read (its first and
        # last turn); the calendar stays the scenario's own.
        changes = {name: getattr(chosen, name) for name in
                   ("actions_per_turn", "draws", "tiers")
                   if getattr(chosen, name) is not None}
        copy = sc.model_copy(update=changes)
        exprs = dict(sc._exprs)
        if chosen.draws is not None:
            exprs["draws"] = chosen._exprs["draws"]
        copy._exprs = exprs  # the preset's draws, compiled; the rest as the scenario's
        self.cache[key] = copy
        return copy

    def targets(self) -> list[str]:
        """Every value an effect can change: tracks, relations, counters, capital."""
        return (list(self.tracks) + [f"rel.{a}" for a in self.actors]
                + [f"counter.{c}" for c in self.counters] + ["capital"])

    def label(self, name: str) -> str:
        """A readable label for a value name such as ``rel.south`` or ``autonomy``."""
        if name in self.tracks:
            return self.tracks[name].name
        kind, _, rest = name.partition(".")
        if kind == "rel" and rest in self.actors:
            return self.actors[rest].name
        if kind == "counter" and rest in self.counters:
            return self.counters[rest].name or rest.replace("_", " ")
        if kind == "flag" and rest in self.flags:
            return self.flags[rest].name or rest.replace("_", " ")
        if name == "capital":  # the currency, by the name the scenario gives it
            return self.scenario().capital.name
        return name


__all__ = ["BUILTIN_NAMES", "Coverage", "PackInfo", "Ruleset", "_frozen"]
