"""The packs a command uses: ``--pack`` folders, or those a save was made with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..common.errors import PackNotFound, UserError
from ..common.packs import load_rules, rules_for_record

if TYPE_CHECKING:
    from ..rules.ruleset import Ruleset


def rules_for_save(record: dict[str, Any], packs: Sequence[str] | None,
                   language: str | None = None) -> Ruleset:
    """The ``--pack`` folders if given, else the packs the save names (or a clear error)."""
    if packs:
        return load_rules(packs, language)
    try:
        return rules_for_record(record, language=language)
    except PackNotFound as exc:
        raise UserError(f"the save needs the pack '{exc.pack_id}'; give its folder with "
                        "--pack") from None
