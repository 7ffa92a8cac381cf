"""Rule packs: YAML folders -> a validated, compiled, immutable ``Ruleset``.

>>> from asean_chair.rules import load_packs          # doctest: +SKIP
>>> ruleset = load_packs(["rules/tutorial"])           # doctest: +SKIP

``load_packs`` (and with it YAML) is imported lazily, so the engine can use
``Ruleset`` without importing a YAML parser.
"""

from __future__ import annotations

from typing import Any

from .ruleset import PackInfo, Ruleset
from .source import Mark, Problem, RulesError

__all__ = ["Mark", "PackInfo", "Problem", "RulesError", "Ruleset", "load_packs"]


def __getattr__(name: str) -> Any:
    if name == "load_packs":
        from .loader import load_packs

        return load_packs
    raise AttributeError(name)
