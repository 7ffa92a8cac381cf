"""The saved games the load screen lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..common.userdata import saves_dir
from ..engine.saves import SaveError, read_record
from ..files import clean_orphans
from .i18n import t


def saved_turn_name(record: dict[str, Any]) -> str:
    """The name of a save's turn as the window wrote it (``March 2022``, ``Week 3``);
    empty for a save that does not say (its calendar is the pack's to tell)."""
    extra = record.get("extra")
    name = extra.get("turn_name") if isinstance(extra, dict) else None
    return name if isinstance(name, str) and len(name) <= 80 else ""


def list_saves() -> list[tuple[Path, str]]:
    """Saved games in the saves folder, newest first, with a one-line description."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    clean_orphans(folder)  # what interrupted writes left behind
    found = []
    for p in folder.glob("*.json"):
        try:
            mtime = p.stat().st_mtime
        except OSError:
            continue
        try:
            rec = read_record(p)
            what = t("load.turn", turn=rec.get("turn"))
            name = saved_turn_name(rec)
            if name:
                what = t("load.named_turn", name=name, turn=rec.get("turn"))
            packs = rec.get("packs") or [{}]
            pack = packs[-1].get("id", "?") if isinstance(packs[-1], dict) else "?"
            done = t("load.finished") if rec.get("snapshot", {}).get("phase") == "over" else ""
            desc = f"{p.stem}: {pack}, {what}{done}"
        except SaveError:
            desc = t("load.damaged", name=p.stem)
        found.append((mtime, p, desc))
    found.sort(key=lambda t: -t[0])
    return [(p, d) for _, p, d in found]
