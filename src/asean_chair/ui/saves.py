"""The saved games the load screen lists."""

from __future__ import annotations

from pathlib import Path

from .. import turns
from ..common.userdata import saves_dir
from ..engine.saves import SaveError, read_record
from .i18n import language, t


def list_saves() -> list[tuple[Path, str]]:
    """Saved games in the saves folder, newest first, with a one-line description."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    found = []
    for p in folder.glob("*.json"):
        try:
            mtime = p.stat().st_mtime
        except OSError:
            continue
        try:
            rec = read_record(p)
            month = rec.get("month")
            what = t("load.turn", turn=rec.get("turn"))
            if isinstance(month, int) and 1 <= month <= 12:
                what = t("load.month_turn", month=turns.month_name(month, language()),
                         turn=rec.get("turn"))
            packs = rec.get("packs") or [{}]
            pack = packs[-1].get("id", "?") if isinstance(packs[-1], dict) else "?"
            done = t("load.finished") if rec.get("snapshot", {}).get("phase") == "over" else ""
            desc = f"{p.stem}: {pack}, {what}{done}"
        except SaveError:
            desc = t("load.damaged", name=p.stem)
        found.append((mtime, p, desc))
    found.sort(key=lambda t: -t[0])
    return [(p, d) for _, p, d in found]
