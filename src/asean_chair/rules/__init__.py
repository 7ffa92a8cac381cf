"""Rule packs: YAML folders -> a validated, compiled, immutable ``Ruleset``.

>>> from asean_chair.rules import load_packs          # doctest: +SKIP
>>> ruleset = load_packs(["rules/tutorial"])           # doctest: +SKIP

``load_packs`` (and with it YAML) is imported lazily, so the engine can use
``Ruleset`` without importing a YAML parser.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .source import Mark, Problem, RulesError

if TYPE_CHECKING:
    from .ruleset import PackInfo, Ruleset

__all__ = ["Mark", "PackInfo", "Problem", "RulesError", "Ruleset", "load_packs"]


def __getattr__(name: str) -> Any:
    # The models (and pydantic) are imported when first used, not when a
    # module only needs the error types: `asean-chair --help` stays quick.
    if name in ("PackInfo", "Ruleset"):
        from . import ruleset

        return getattr(ruleset, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_packs(folders: list[Path] | list[str] | Path | str, *, search: list[Path] | None = None,
               language: str | None = None) -> Ruleset:
    """Load pack folders (and the packs they extend) into a compiled :class:`Ruleset`.

    Raises :class:`RulesError` listing every problem (see
    :func:`asean_chair.rules.loader.load_packs`). The loader, and with it
    YAML, is imported only when packs are loaded.
    """
    from .loader import load_packs as load

    return load(folders, search=search, language=language)
