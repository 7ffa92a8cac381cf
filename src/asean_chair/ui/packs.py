"""The rule packs the window offers, and loading them quickly.

The title, new-game and board screens ask for the same packs in turn:
:func:`load_rules` keeps the last two rulesets while their files are
unchanged. :func:`describe_packs` lists each pack's scenarios, lesson
lengths and difficulties for the new-game screen (a broken pack is listed
with its error).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.packs import load_rules as common_load_rules
from ..paths import default_pack, rules_dir
from ..rules import RulesError, Ruleset
from .i18n import tn

#: The last packs loaded: (folders, language, the files' sizes and times) -> ruleset.
_LOADED: dict[tuple[Any, ...], Ruleset] = {}
_KEEP = 2


def _signature(folders: list[Path]) -> tuple[Any, ...]:
    out: list[Any] = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.yaml")):
            try:
                st = path.stat()
            except OSError:
                continue
            out.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


def load_rules(folders: list[Path], language: str | None = None, *,
               fresh: bool = False) -> Ruleset:
    """Load packs from folders (texts in ``language`` where the packs have them);
    raises ``RulesError`` with every problem.

    The last two rulesets are kept while their files are unchanged (the
    title, new-game and board screens ask for the same packs in turn);
    ``fresh`` always reads the files (F5).
    """
    lang = language if language and language != "en" else None
    key = (tuple(str(Path(f).resolve()) for f in folders), lang, _signature(folders))
    if not fresh and key in _LOADED:
        return _LOADED[key]
    # The same packs in another language are not asked for again until the player
    # changes language back: let them go (a ruleset weighs tens of MB).
    for old in [k for k in _LOADED if k[0] == key[0] and k[1] != lang]:
        del _LOADED[old]
    ruleset = common_load_rules(folders, lang, freeze=False)  # see load_rules
    _LOADED[key] = ruleset
    while len(_LOADED) > _KEEP:
        del _LOADED[next(iter(_LOADED))]
    return ruleset


def loaded_rules(folders: list[Path], language: str | None = None) -> Ruleset | None:
    """The ruleset of these folders if it is loaded already (never reads a file)."""
    lang = language if language and language != "en" else None
    want = tuple(str(Path(f).resolve()) for f in folders)
    return next((rs for key, rs in reversed(_LOADED.items())
                 if key[0] == want and key[1] == lang), None)


@dataclass(frozen=True)
class ScenarioChoice:
    """A scenario the new-game screen offers, with its lesson lengths and difficulties."""

    id: str
    name: str
    description: str
    presets: tuple[tuple[str, str, str], ...] = ()  # (id, name, description)
    difficulties: tuple[tuple[str, str, str], ...] = ()  # (id, name, description)
    #: A preset that changes nothing: the pack's own name for the full game.
    full_preset: str | None = None


@dataclass(frozen=True)
class PackChoice:
    """A pack folder the new-game screen offers, with its scenarios."""

    folder: Path
    name: str
    scenarios: tuple[ScenarioChoice, ...]
    error: str = ""


def pack_folders(extra: list[Path] | None = None) -> list[Path]:
    """The bundled pack folders (the default first) and any given with ``--pack``."""
    found: list[Path] = []
    for p in extra or []:
        if p not in found:
            found.append(Path(p))
    default = default_pack()
    if default not in found:
        found.append(default)
    root = rules_dir()
    if root.is_dir():
        for sub in sorted(root.iterdir()):
            if (sub / "pack.yaml").is_file() and sub not in found:
                found.append(sub)
    return found


def describe_packs(folders: list[Path], language: str | None = None) -> list[PackChoice]:
    """Load each folder to list its scenarios; a broken pack is listed with its error."""
    out = []
    for folder in folders:
        try:
            rs = load_rules([folder], language)
        except RulesError as exc:
            errors = sum(p.severity == "error" for p in exc.problems)
            out.append(PackChoice(folder, folder.name, (),
                                  tn("new_game.pack_errors", errors)))
            continue
        except OSError as exc:
            out.append(PackChoice(folder, folder.name, (), str(exc)))
            continue
        out.append(PackChoice(folder, rs.main_pack.name, tuple(
            ScenarioChoice(s.id, s.name, s.description,
                           tuple((p.id, p.name, p.description) for p in s.presets),
                           tuple((d.id, d.name, d.description) for d in s.difficulties),
                           next((p.id for p in s.presets if _changes_nothing(p)), None))
            for s in rs.scenarios.values())))
    return out


def _changes_nothing(preset: Any) -> bool:
    """Whether a preset plays the scenario as written (only names it)."""
    fields_changed = ("start_month", "turns", "draws", "actions_per_turn", "tiers")
    return all(not getattr(preset, name, None) for name in fields_changed)
