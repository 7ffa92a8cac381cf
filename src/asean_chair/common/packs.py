"""Loading the rule packs a front end needs: by folder, by default, or for a save.

>>> ruleset = load_rules(["rules/tutorial"])          # doctest: +SKIP
>>> ruleset = rules_for_record(read_record(path))      # doctest: +SKIP
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import default_pack, rules_dir
from .errors import PackNotFound

if TYPE_CHECKING:
    from ..rules.ruleset import Ruleset


def load_rules(packs: Sequence[str | Path] | None, language: str | None = None, *,
               freeze: bool = True) -> Ruleset:
    """Load packs (the default pack when none are given) or raise ``RulesError``.

    With ``freeze`` (a command that loads its rules once), everything alive
    after loading is frozen (``gc.freeze``): the collector never looks at the
    rules again, and the first game pays no full collection. A window loads
    rules again mid-session, with its screens alive; it passes ``freeze=False``,
    or those screens would be frozen too and never collected once closed.
    """
    from ..rules import load_packs

    folders = [Path(p) for p in packs] if packs else [default_pack()]
    ruleset: Ruleset = load_packs(folders, language=language)
    if freeze:
        # The loader's own garbage goes first, or freezing would keep it for good.
        gc.collect()
        gc.freeze()
    return ruleset


def index_packs(search: Sequence[Path]) -> dict[str, Path]:
    """Pack id -> folder, for each search folder that is a pack and the packs inside it.

    The first folder found for an id wins; an unreadable ``pack.yaml`` is passed over
    (the rules' own search, with its bounds: :func:`asean_chair.rules.packs.index_packs`).
    """
    from ..rules.packs import index_packs as find

    return find(list(search))


def bundled_search() -> list[Path]:
    """Where packs are looked for by id: ``./rules`` and the bundled packs."""
    return [Path("rules"), rules_dir()]


def folders_for_record(record: dict[str, Any]) -> list[Path]:
    """The pack folders a save or result was made with.

    The window records its folders (``extra.pack_dirs``); otherwise the
    save's main pack is looked up by id in ``./rules`` and the bundled packs.
    Raises :class:`PackNotFound`.
    """
    extra = record.get("extra")
    if isinstance(extra, dict):
        dirs = extra.get("pack_dirs")
        if isinstance(dirs, list) and dirs and all(isinstance(d, str) for d in dirs):
            paths = [Path(d) for d in dirs]
            if all((p / "pack.yaml").is_file() for p in paths):
                return paths
    packs = record.get("packs") or []
    main = packs[-1] if packs else None
    main_id = main.get("id") if isinstance(main, dict) else None
    index = index_packs(bundled_search())
    if not isinstance(main_id, str) or main_id not in index:
        raise PackNotFound(main_id if isinstance(main_id, str) else None)
    return [index[main_id]]


def rules_for_record(record: dict[str, Any], packs: Sequence[str | Path] | None = None,
                     language: str | None = None) -> Ruleset:
    """The packs for a save: those given, else the ones it was made with.

    Raises :class:`PackNotFound` or ``RulesError``.
    """
    return load_rules(packs if packs else folders_for_record(record), language)
