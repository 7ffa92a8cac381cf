"""Merging the packs' items by id: new items, and the changes an extending
pack makes to its bases' items (``replace``, ``patch``, ``remove``)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from .messages import suggest
from .models import OVERLAY_KEYS, SECTIONS
from .packs import PackSource, display_path
from .source import Mark, MDict, MList, Problem
from .yamlread import ValueBudget, YamlProblem, read_file_bytes, read_yaml_bytes


def _words(name: str) -> str:
    """``GlossaryEntry`` -> ``glossary entry``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


#: What one item of each section is called in messages ("card", "glossary
#: entry"), read from the models' names.
SINGULAR: dict[str, str] = {section: _words(model.__name__) for section, model in SECTIONS.items()}


@dataclass
class ItemSource:
    """The current raw form of one item, and who defined and changed it."""

    raw: MDict
    pack: str
    defined_at: Mark | None
    # (pack, how, where)
    changed_by: list[tuple[str, str, Mark | None]] = field(default_factory=list)


def deep_merge(base: Any, patch: Any) -> Any:
    """Merge ``patch`` into a copy of ``base``.

    Mappings merge key by key; lists whose items all have an ``id`` merge by
    id (a patch item with ``remove: true`` removes that item); anything else
    is replaced. Positions come from whichever side supplied the value.
    """
    if isinstance(base, dict) and isinstance(patch, dict):
        out = MDict(getattr(patch, "mark", None) or getattr(base, "mark", None))
        for key, value in base.items():
            out[key] = value
            if isinstance(base, MDict):
                out.key_marks[key] = base.key_marks.get(key, base.mark)  # type: ignore[assignment]
                out.value_marks[key] = base.value_marks.get(key, base.mark)  # type: ignore[assignment]
        for key, value in patch.items():
            out[key] = deep_merge(base[key], value) if key in base else value
            if isinstance(patch, MDict):
                out.key_marks[key] = patch.key_marks[key]
                out.value_marks[key] = patch.value_marks[key]
        return out
    if (isinstance(base, list) and isinstance(patch, list)
            and _all_have_ids(base) and _all_have_ids(patch)):
        merged = MList(getattr(patch, "mark", None))
        patches = {item["id"]: (i, item) for i, item in enumerate(patch)}
        used: set[str] = set()
        for i, item in enumerate(base):
            mark = (base.item_marks[i] if isinstance(base, MList) and i < len(base.item_marks)
                    else None)
            if item["id"] in patches:
                j, change = patches[item["id"]]
                used.add(item["id"])
                if change.get("remove") is True:
                    continue
                merged.append(deep_merge(item, change))
                mark = patch.item_marks[j] if isinstance(patch, MList) else mark
            else:
                merged.append(item)
            merged.item_marks.append(mark)  # type: ignore[arg-type]
        for j, item in enumerate(patch):
            if item["id"] not in used and item.get("remove") is not True:
                merged.append(item)
                merged.item_marks.append(patch.item_marks[j] if isinstance(patch, MList) else None)  # type: ignore[arg-type]
        return merged
    return patch


def _all_have_ids(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in items)


def _strip(raw: MDict, keys: tuple[str, ...]) -> MDict:
    out = MDict(raw.mark)
    for k, v in raw.items():
        if k not in keys:
            out[k] = v
            out.key_marks[k] = raw.key_marks.get(k, raw.mark)  # type: ignore[assignment]
            out.value_marks[k] = raw.value_marks.get(k, raw.mark)  # type: ignore[assignment]
    return out


def merge_packs(packs: list[PackSource],
                problems: list[Problem]) -> dict[str, dict[str, ItemSource]]:
    """Read every file of the packs (bases first) and apply overlays by id."""
    items: dict[str, dict[str, ItemSource]] = {s: {} for s in SECTIONS}
    for pack in packs:
        digest = hashlib.sha256()
        digest.update(pack.meta_bytes)
        budget = ValueBudget()
        for path in pack.files:
            shown = display_path(path, pack.folder)
            digest.update(str(path.relative_to(pack.folder)).encode())
            try:
                # Read once, within the size cap: the bytes hashed are the bytes parsed.
                data = read_file_bytes(path, shown, inside=pack.folder)
                digest.update(data)
                raw = read_yaml_bytes(data, shown, budget)
            except YamlProblem as exc:
                problems.append(exc.problem)
                continue
            if not isinstance(raw, MDict):
                problems.append(Problem(getattr(raw, "mark", Mark(shown, 1, 1)),
                                        "a pack file must be a mapping of sections "
                                        f"({', '.join(SECTIONS)})"))
                continue
            for section, entries in raw.items():
                where = raw.key_marks[section]
                if section not in SECTIONS:
                    problems.append(Problem(where, f"unknown section '{section}'"
                                                   f"{suggest(section, SECTIONS)} "
                                                   f"(sections: {', '.join(SECTIONS)})"))
                    continue
                if not isinstance(entries, MList):
                    problems.append(Problem(raw.value_marks[section],
                                            f"'{section}' must be a list of items "
                                            "(each starting with '- id: ...')"))
                    continue
                for i, entry in enumerate(entries):
                    _merge_item(pack, section, entry, entries.item_marks[i], items[section],
                                problems)
        pack.digest = digest.hexdigest()
    return items


def _merge_item(pack: PackSource, section: str, entry: Any, where: Mark,
                known: dict[str, ItemSource], problems: list[Problem]) -> None:
    kind = SINGULAR[section]
    if not isinstance(entry, MDict):
        problems.append(Problem(where, f"each {kind} must be a mapping with an id"))
        return
    item_id = entry.get("id")
    if not isinstance(item_id, str):
        problems.append(Problem(where, f"this {kind} has no id; add 'id: ...'"))
        return
    ops = [k for k in OVERLAY_KEYS if k in entry]
    pid = pack.meta.id
    existing = known.get(item_id)
    if len(ops) > 1:
        problems.append(Problem(where, f"{kind} '{item_id}': use only one of replace, patch, "
                                       f"remove (found {', '.join(ops)})"))
        return
    if not ops:
        if existing is not None:
            if existing.pack == pid:
                problems.append(Problem(entry.value_marks.get("id", where),
                                        f"duplicate {kind} id '{item_id}' (first defined at "
                                        f"{existing.defined_at})"))
            else:
                problems.append(Problem(entry.value_marks.get("id", where),
                                        f"{kind} '{item_id}' is already defined by pack "
                                        f"'{existing.pack}' ({existing.defined_at}); to change "
                                        "it add 'replace: true', 'patch: {...}' or "
                                        "'remove: true'"))
            return
        known[item_id] = ItemSource(entry, pid, entry.value_marks.get("id", where))
        return
    op = ops[0]
    op_mark = entry.key_marks[op]
    if existing is None:
        problems.append(Problem(op_mark, f"{kind} '{item_id}': cannot {op} it, no earlier pack "
                                         f"defines it{suggest(item_id, known)}"))
        return
    if existing.pack == pid:
        problems.append(Problem(op_mark, f"{kind} '{item_id}' is defined in this same pack; "
                                         f"edit it there instead of using '{op}'"))
        return
    others = {p for p, _, _ in existing.changed_by if p != pid}
    if others:
        prev = next(c for c in existing.changed_by if c[0] != pid)
        problems.append(Problem(op_mark, f"{kind} '{item_id}' is changed by two packs: "
                                         f"'{prev[0]}' ({prev[1]} at {prev[2]}) and '{pid}' "
                                         f"({op}); the later pack wins", "warning"))
    existing.changed_by.append((pid, op, op_mark))
    if op == "remove":
        if entry[op] is not True:
            problems.append(Problem(entry.value_marks[op], "write 'remove: true'"))
            return
        del known[item_id]
        return
    if op == "replace":
        if entry[op] is not True:
            problems.append(Problem(entry.value_marks[op], "write 'replace: true'"))
            return
        existing.raw = _strip(entry, OVERLAY_KEYS)
        return
    patch = entry["patch"]
    if not isinstance(patch, MDict):
        problems.append(Problem(entry.value_marks["patch"], "'patch' must be a mapping of the "
                                                            "fields to change"))
        return
    extra = [k for k in entry if k not in ("id", "patch")]
    if extra:
        problems.append(Problem(entry.key_marks[extra[0]], f"{kind} '{item_id}': with 'patch', "
                                                           "put the changed fields inside "
                                                           f"'patch:' (found '{extra[0]}' "
                                                           "beside it)"))
        return
    if "id" in patch and patch["id"] != item_id:
        problems.append(Problem(patch.value_marks["id"], "a patch cannot change an item's id"))
        return
    existing.raw = deep_merge(existing.raw, patch)
