"""Loading pack folders: finding packs and what they extend (:mod:`.packs`),
merging their items (:mod:`.overlays`), validating each against the rules
format (:mod:`.messages` words the mistakes), translating, and handing the
result to the compiler.

Every problem is collected rather than stopping at the first, and each names
the file, line and column it comes from.
"""

from __future__ import annotations

import dataclasses
import gc
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .messages import comma_cuts, suggest, validation_problems
from .models import SECTIONS, Model
from .overlays import SINGULAR, ItemSource, deep_merge, merge_packs
from .packs import PackSource, display_path, index_packs, read_pack_meta, resolve_packs
from .ruleset import Coverage, Ruleset
from .source import Mark, Problem, RulesError


@dataclass
class LoadedPacks:
    """Packs read and merged, before compilation."""

    packs: list[PackSource]
    items: dict[str, dict[str, ItemSource]]  # section -> id -> item
    problems: list[Problem]


def validate_items(
    items: dict[str, dict[str, ItemSource]], problems: list[Problem]
) -> dict[str, dict[str, Model]]:
    """Validate every merged item against its model."""
    out: dict[str, dict[str, Model]] = {}
    for section, model in SECTIONS.items():
        valid: dict[str, Model] = {}
        for item_id, src in items[section].items():
            context = f"{SINGULAR[section]} '{item_id}': "
            problems.extend(comma_cuts(src.raw, context))
            try:
                valid[item_id] = model.model_validate(src.raw)
            except ValidationError as exc:
                problems.extend(validation_problems(exc, src.raw, model, context))
        out[section] = valid
    return out


def load_packs(folders: list[Path] | list[str] | Path | str, *, search: list[Path] | None = None,
               language: str | None = None) -> Ruleset:
    """Load pack folders (and the packs they extend) into a compiled ``Ruleset``.

    Raises :class:`RulesError` listing every problem when any is an error;
    warnings are kept on the ruleset (``ruleset.warnings``). With
    ``language`` (e.g. ``"km"``), texts come from the packs' locale files
    where they have them, and from the packs themselves otherwise.

    >>> ruleset = load_packs(["rules/tutorial"])  # doctest: +SKIP
    """
    # Loading makes many small objects and no garbage worth collecting on the
    # way; pausing the cycle collector halves the time of a large pack.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(folders, search, language)
    finally:
        if was_enabled:
            gc.enable()


def _load(folders: list[Path] | list[str] | Path | str, search: list[Path] | None,
          language: str | None) -> Ruleset:
    from .compile import compile_ruleset

    items_in: list[Path] | list[str] = (
        [Path(folders)] if isinstance(folders, (str, Path)) else folders)
    paths = [Path(f) for f in items_in]
    packs, problems = resolve_packs(paths, search)
    items = merge_packs(packs, problems) if packs else {s: {} for s in SECTIONS}
    if any(p.severity == "error" for p in problems):
        # Unreadable files or broken overlays: checks across items would only
        # echo them as unknown ids, so report these first.
        validate_items(items, problems)
        raise RulesError(_sorted(problems))
    coverage: list[Coverage] = []
    if language and language != "en":
        coverage = _translate(packs, items, language, problems)
    before = len(problems)
    valid = validate_items(items, problems)
    complete = not any(p.severity == "error" for p in problems[before:])
    ruleset, more = compile_ruleset(packs, valid, items, complete=complete)
    problems.extend(more)
    if any(p.severity == "error" for p in problems) or ruleset is None:
        raise RulesError(_sorted(problems))
    warnings = tuple(_sorted([p for p in problems if p.severity == "warning"]))
    return dataclasses.replace(ruleset, warnings=warnings, translation=tuple(coverage))


def _translate(packs: list[PackSource], items: dict[str, dict[str, ItemSource]], language: str,
               problems: list[Problem]) -> list[Coverage]:
    from .locale import Ledger, apply_locale, missing_texts, read_locale, sources_of, text_paths

    given: set[str] = set()
    translated: set[str] = set()  # ids of packs with a locale file for the language
    ledgers: dict[str, Ledger] = {}
    for pack in packs:
        shown = display_path(pack.folder / "locale" / f"{language}.yaml", pack.folder)
        tr, trouble = read_locale(pack.folder, language, shown)
        problems.extend(trouble)
        if tr is None:
            continue
        translated.add(pack.meta.id)
        ledger = ledgers[pack.meta.id] = Ledger(sources_of(tr))
        more, done = apply_locale(items, tr, ledger)
        problems.extend(more)
        given |= done
    main = packs[-1] if packs else None
    if main is None:
        return []
    if not translated:
        where = Mark(display_path(main.folder / "locale" / f"{language}.yaml", main.folder), 1, 1)
        problems.append(Problem(where, f"no pack has a '{language}' translation; "
                                       "the texts stay in English", "warning"))
        return []
    # Every missing text of a translated pack, one by one; a pack without a
    # translation at all gets one line, not hundreds.
    for pack in packs:
        if pack.meta.id in translated:
            continue
        where = Mark(display_path(pack.folder / "pack.yaml", pack.folder), 1, 1)
        problems.append(Problem(where, f"pack '{pack.meta.id}' has no '{language}' translation "
                                       f"(no locale/{language}.yaml); its texts stay in English",
                                "warning"))
    mine = {s: {i: src for i, src in entries.items() if src.pack in translated}
            for s, entries in items.items()}
    problems.extend(missing_texts(mine, given))
    report = []
    for pack in packs:
        texts = {f"{section}.{item_id}.{path}" for section, entries in items.items()
                 for item_id, src in entries.items() if src.pack == pack.meta.id
                 for path, _ in text_paths(src.raw)}
        ledger = ledgers.get(pack.meta.id, Ledger())
        stale = len(ledger.stale & texts)
        current = len((given & texts) - ledger.stale)
        report.append(Coverage(pack.meta.id, language, len(texts), current, stale,
                               len(texts) - current - stale))
    return report


def _sorted(problems: list[Problem]) -> list[Problem]:
    def key(p: Problem) -> tuple[str, int, int]:
        m = p.mark
        return (m.file, m.line, m.col) if m else ("", 0, 0)

    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=key)


__all__ = [
    "SINGULAR",
    "ItemSource",
    "LoadedPacks",
    "PackSource",
    "deep_merge",
    "index_packs",
    "load_packs",
    "merge_packs",
    "read_pack_meta",
    "resolve_packs",
    "suggest",
    "validation_problems",
]
