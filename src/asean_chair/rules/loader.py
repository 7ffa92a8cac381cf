"""Loading pack folders: finding packs, resolving ``extends``, applying
overlays, validating every item, and handing the result to the compiler.

Every problem is collected rather than stopping at the first, and each names
the file, line and column it comes from.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import itertools
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..expr import MAX_NUMBER
from .models import OVERLAY_KEYS, SECTIONS, Model, PackMeta
from .packfiles import MAX_META_BYTES, pack_files
from .ruleset import Ruleset
from .source import Mark, MDict, MList, Problem, RulesError, mark_at
from .yamlread import ValueBudget, YamlProblem, read_file_bytes, read_yaml_bytes

SINGULAR = {"tracks": "track", "actors": "actor", "flags": "flag", "counters": "counter",
            "cards": "card", "actions": "action", "rules": "rule", "scenarios": "scenario",
            "glossary": "glossary entry"}


@dataclass
class PackSource:
    """One pack folder as read from disk."""

    meta: PackMeta
    folder: Path
    label: str  # how the folder is named in messages
    files: list[Path] = field(default_factory=list)
    digest: str = ""
    meta_bytes: bytes = b""  # pack.yaml as read, hashed with the other files


@dataclass
class ItemSource:
    """The current raw form of one item, and who defined and changed it."""

    raw: MDict
    pack: str
    defined_at: Mark | None
    changed_by: list[tuple[str, str, Mark | None]] = field(default_factory=list)  # (pack, how, where)


@dataclass
class LoadedPacks:
    """Packs read and merged, before compilation."""

    packs: list[PackSource]
    items: dict[str, dict[str, ItemSource]]  # section -> id -> item
    problems: list[Problem]


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _display(path: Path, pack_folder: Path | None = None) -> str:
    """A path as messages show it: relative to the working folder when inside
    it, else starting at the pack's folder name (``mypack/cards.yaml``)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        pass
    if pack_folder is not None:
        try:
            return str(Path(pack_folder.name) / path.resolve().relative_to(pack_folder.resolve()))
        except ValueError:
            pass
    return str(path)


# ------------------------------------------------------------ pydantic errors


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``list[Effect] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field_names(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the name written in YAML (its alias, if any)."""
    return {name: (f.alias or name) for name, f in model.model_fields.items()}


def _clean_loc(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], type[BaseModel] | None]:
    """Drop pydantic's union-member steps from ``loc``; return it and the model at its end."""
    current: type[BaseModel] | None = model
    clean: list[Any] = []
    container = False  # inside a list or dict value of a field
    for step in loc:
        if current is not None and isinstance(step, str):
            names = _field_names(current)
            yaml_names = set(names.values())
            if step in yaml_names and not container:
                clean.append(step)
                name = next(n for n, a in names.items() if a == step)
                annotation = current.model_fields[name].annotation
                current = _inner_model(annotation)
                origin = typing.get_origin(annotation)
                container = origin in (list, dict) or any(
                    typing.get_origin(a) in (list, dict) for a in typing.get_args(annotation)
                )
                continue
        if isinstance(step, int):
            clean.append(step)
            container = False
            continue
        if container and isinstance(step, str) and not _member_step(step):
            clean.append(step)  # a dict key
            container = False
            continue
        if isinstance(step, str) and not _member_step(step):
            clean.append(step)
    return tuple(clean), current


def _member_step(step: str) -> bool:
    """Whether a step of a pydantic location names a member of a union
    (``int``, ``constrained-float``, ``function-after[...]``), not a field."""
    return step in ("int", "float", "str", "bool") or "[" in step or \
        step.startswith(("constrained-", "function-"))


#: Errors about a number's size say more than "expected text" from the other
#: members of a union such as "a number or an expression".
_SIZE_ERRORS = ("finite_number", "less_than_equal", "greater_than_equal", "less_than",
                "greater_than")


def _too_big(value: Any) -> bool:
    """A number no field accepts: an integer past the limit, or one that
    would not even fit a float."""
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER


def _size_message(err: dict[str, Any]) -> str:
    given = err.get("input")
    ctx = err.get("ctx") or {}
    if err["type"] == "finite_number":
        return f"{_show(given)} is not a finite number (.inf and .nan are not allowed)"
    words = {"less_than_equal": "at most", "greater_than_equal": "at least",
             "less_than": "less than", "greater_than": "more than"}[err["type"]]
    limit = next(iter(ctx.values()), "?")
    if isinstance(limit, (int, float)) and abs(limit) >= 1000:
        limit = f"{limit:,}".replace("-", "\u2212")
    return f"must be {words} {limit}, got {_show(given)}"


_TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list", "dict_type": "a mapping",
    "model_type": "a mapping", "tuple_type": "a list of two numbers",
    "int_from_float": "a whole number",
}


def validation_problems(
    exc: ValidationError, raw: Any, model: type[BaseModel], context: str
) -> list[Problem]:
    """Turn a pydantic error into one problem per real mistake, with positions."""
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    models: dict[tuple[Any, ...], type[BaseModel] | None] = {}
    for err in exc.errors():
        loc, at_model = _clean_loc(model, tuple(err["loc"]))
        grouped.setdefault(loc, []).append(dict(err))
        models[loc] = at_model
    problems: list[Problem] = []
    typos: dict[tuple[Any, ...], set[str]] = {}
    for loc, errs in grouped.items():
        if errs[0]["type"] == "extra_forbidden" and loc:
            parent, parent_model = loc[:-1], _clean_loc(model, loc[:-1])[1]
            names = _field_names(parent_model).values() if parent_model else []
            hint = suggest(str(loc[-1]), names)
            if hint:
                typos.setdefault(parent, set()).add(hint.split("'")[1])
            where = mark_at(raw, loc, key=True)
            allowed = "" if hint else f" (allowed: {', '.join(sorted(names))})" if names else ""
            if " " in str(loc[-1]) and errs[0].get("input") is None:
                problems.append(Problem(where, f"{context}'{loc[-1]}' looks like the end of a "
                                               "text cut at a comma: inside { }, put text that "
                                               "holds commas in quotes"))
                continue
            problems.append(Problem(where, f"{context}unknown field '{loc[-1]}'{hint}{allowed}"))
    for loc, errs in grouped.items():
        kinds = {e["type"] for e in errs}
        if "extra_forbidden" in kinds:
            continue
        where = mark_at(raw, loc)
        path = _path_text(loc)
        if kinds == {"missing"}:
            if loc and loc[-1] in typos.get(loc[:-1], set()):
                continue  # already reported as the misspelt field
            problems.append(Problem(where, f"{context}missing field '{loc[-1]}'"))
            continue
        sized = [e for e in errs if e["type"] in _SIZE_ERRORS]
        given = errs[0].get("input")
        if not sized and _too_big(given):
            sized = [{"type": "less_than_equal", "input": given, "ctx": {"le": MAX_NUMBER}}]
        if sized:
            problems.append(Problem(where, f"{context}{path}{_size_message(sized[0])}"))
            continue
        value_errors = [e for e in errs if e["type"] in ("value_error", "assertion_error")]
        if value_errors:
            msg = value_errors[0]["msg"].removeprefix("Value error, ")
            problems.append(Problem(where, f"{context}{path}{msg}"))
            continue
        words = sorted({_TYPE_WORDS.get(e["type"], "") for e in errs} - {""})
        given = errs[0].get("input")
        if words:
            expected = " or ".join(words)
            if {"int_type", "float_type", "string_type"} <= kinds or (
                "string_type" in kinds and ("int_type" in kinds or "float_type" in kinds)
            ):
                expected = "a number or an expression"
            problems.append(Problem(where, f"{context}{path}expected {expected}, "
                                           f"got {_show(given)}"))
            continue
        msg = errs[0]["msg"]
        if errs[0]["type"] == "literal_error":
            msg = f"{msg}, got {_show(given)}"
        elif errs[0]["type"] == "string_pattern_mismatch":
            msg = (f"'{given}' is not a valid id (use lower case letters, digits and _, "
                   "starting with a letter)")
        problems.append(Problem(where, f"{context}{path}{msg}"))
    return problems


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) < 40 else text[:37] + "..."


def _path_text(loc: tuple[Any, ...]) -> str:
    if not loc:
        return ""
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step + 1}]")
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts) + ": "


# ------------------------------------------------------------------- packs


def _read_meta(folder: Path, problems: list[Problem]) -> PackSource | None:
    label = _display(folder, folder)
    if not folder.exists():
        problems.append(Problem(Mark(str(folder), 1, 1), "the pack folder does not exist"))
        return None
    if not folder.is_dir():
        problems.append(Problem(Mark(label, 1, 1), "this is not a folder; a pack is a folder "
                                                   "with a pack.yaml"))
        return None
    meta_path = folder / "pack.yaml"
    shown = _display(meta_path, folder)
    if not meta_path.exists() and not meta_path.is_symlink():
        problems.append(Problem(Mark(shown, 1, 1), "missing pack.yaml; every pack folder needs "
                                                   "one (id, name, version, format)"))
        return None
    try:
        meta_bytes = read_file_bytes(meta_path, shown, inside=folder, limit=MAX_META_BYTES)
        raw = read_yaml_bytes(meta_bytes, shown)
    except YamlProblem as exc:
        problems.append(exc.problem)
        return None
    if not isinstance(raw, MDict):
        problems.append(Problem(Mark(shown, 1, 1), "pack.yaml must be a mapping (id, name, ...)"))
        return None
    try:
        meta = PackMeta.model_validate(raw)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, raw, PackMeta, "pack.yaml: "))
        return None
    files, trouble = pack_files(folder, label)
    problems.extend(trouble)
    return PackSource(meta=meta, folder=folder, label=label, files=files, meta_bytes=meta_bytes)


#: Folders looked at in each folder searched for the packs a pack extends.
MAX_SEARCHED = 2_000


def _index_packs(search: list[Path]) -> dict[str, Path]:
    """Pack id -> folder, for every pack folder under the search folders.

    Only the first :data:`MAX_SEARCHED` folders of each search folder are
    looked at (a search folder may be a crowded home folder), and only a plain
    ``pack.yaml`` of reasonable size is read.
    """
    found: dict[str, Path] = {}
    for root in search:
        if not root.is_dir():
            continue
        try:
            subfolders = sorted(itertools.islice(
                (p for p in root.iterdir() if p.is_dir()), MAX_SEARCHED))
        except OSError:
            continue
        for folder in [root, *subfolders]:
            meta = folder / "pack.yaml"
            try:
                raw = read_yaml_bytes(read_file_bytes(meta, str(meta), inside=folder,
                                                      limit=MAX_META_BYTES), str(meta))
            except YamlProblem:
                continue
            if isinstance(raw, MDict) and isinstance(raw.get("id"), str):
                found.setdefault(raw["id"], folder)
    return found


def resolve_packs(folders: list[Path], search: list[Path] | None = None) -> tuple[list[PackSource], list[Problem]]:
    """Read the given packs and everything they extend, bases first."""
    from ..paths import rules_dir

    problems: list[Problem] = []
    given: list[PackSource] = []
    for folder in folders:
        pack = _read_meta(folder, problems)
        if pack is not None:
            given.append(pack)
    roots = list(search or []) + [f.parent for f in folders] + [rules_dir()]
    index: dict[str, Path] | None = None
    by_id: dict[str, PackSource] = {p.meta.id: p for p in given}
    ordered: list[PackSource] = []
    state: dict[str, str] = {}  # id -> "visiting" | "done"

    def visit(pack: PackSource, chain: list[str]) -> None:
        nonlocal index
        pid = pack.meta.id
        if state.get(pid) == "done":
            return
        state[pid] = "visiting"
        for i, base_id in enumerate(pack.meta.extends):
            where = mark_at(pack.meta._src, ("extends", i))
            if base_id == pid:
                problems.append(Problem(where, f"pack '{pid}' extends itself; remove '{pid}' "
                                               "from extends"))
                continue
            if state.get(base_id) == "visiting":
                cycle = " -> ".join(chain + [pid, base_id])
                problems.append(Problem(where, f"packs extend each other in a cycle: {cycle}"))
                continue
            base = by_id.get(base_id)
            if base is None:
                if index is None:
                    index = _index_packs(roots)
                folder = index.get(base_id)
                if folder is None:
                    problems.append(Problem(where, f"pack '{pid}' extends '{base_id}', which was "
                                                   f"not found{suggest(base_id, index)}"))
                    continue
                base = _read_meta(folder, problems)
                if base is None:
                    continue
                by_id[base_id] = base
            visit(base, chain + [pid])
        state[pid] = "done"
        ordered.append(pack)

    for pack in given:
        visit(pack, [])
    seen_folders: dict[str, Path] = {}
    for pack in ordered:
        other = seen_folders.get(pack.meta.id)
        if other is not None and other.resolve() != pack.folder.resolve():
            problems.append(Problem(Mark(pack.label, 1, 1), f"two packs have the id "
                                                            f"'{pack.meta.id}'"))
        seen_folders[pack.meta.id] = pack.folder
    return ordered, problems


# ------------------------------------------------------------------ overlays


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
    if isinstance(base, list) and isinstance(patch, list) and _all_have_ids(base) and _all_have_ids(patch):
        merged = MList(getattr(patch, "mark", None))
        patches = {item["id"]: (i, item) for i, item in enumerate(patch)}
        used: set[str] = set()
        for i, item in enumerate(base):
            mark = base.item_marks[i] if isinstance(base, MList) and i < len(base.item_marks) else None
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


def merge_packs(packs: list[PackSource], problems: list[Problem]) -> dict[str, dict[str, ItemSource]]:
    """Read every file of the packs (bases first) and apply overlays by id."""
    items: dict[str, dict[str, ItemSource]] = {s: {} for s in SECTIONS}
    for pack in packs:
        digest = hashlib.sha256()
        digest.update(pack.meta_bytes)
        budget = ValueBudget()
        for path in pack.files:
            shown = _display(path, pack.folder)
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


def validate_items(
    items: dict[str, dict[str, ItemSource]], problems: list[Problem]
) -> dict[str, dict[str, Model]]:
    """Validate every merged item against its model."""
    out: dict[str, dict[str, Model]] = {}
    for section, model in SECTIONS.items():
        valid: dict[str, Model] = {}
        for item_id, src in items[section].items():
            try:
                valid[item_id] = model.model_validate(src.raw)
            except ValidationError as exc:
                context = f"{SINGULAR[section]} '{item_id}': "
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
    if language and language != "en":
        _translate(packs, items, language, problems)
    valid = validate_items(items, problems)
    ruleset, more = compile_ruleset(packs, valid, items)
    problems.extend(more)
    if any(p.severity == "error" for p in problems) or ruleset is None:
        raise RulesError(_sorted(problems))
    object.__setattr__(ruleset, "warnings", tuple(_sorted([p for p in problems if p.severity == "warning"])))
    return ruleset


def _translate(packs: list[PackSource], items: dict[str, dict[str, ItemSource]], language: str,
               problems: list[Problem]) -> None:
    from .locale import apply_locale, missing_texts, read_locale

    given: set[str] = set()
    translated: set[str] = set()  # ids of packs with a locale file for the language
    for pack in packs:
        shown = _display(pack.folder / "locale" / f"{language}.yaml", pack.folder)
        tr, trouble = read_locale(pack.folder, language, shown)
        problems.extend(trouble)
        if tr is None:
            continue
        translated.add(pack.meta.id)
        more, done = apply_locale(items, tr)
        problems.extend(more)
        given |= done
    main = packs[-1] if packs else None
    if main is None:
        return
    if not translated:
        where = Mark(_display(main.folder / "locale" / f"{language}.yaml", main.folder), 1, 1)
        problems.append(Problem(where, f"no pack has a '{language}' translation; "
                                       "the texts stay in English", "warning"))
        return
    # Every missing text of a translated pack, one by one; a pack without a
    # translation at all gets one line, not hundreds.
    for pack in packs:
        if pack.meta.id in translated:
            continue
        where = Mark(_display(pack.folder / "pack.yaml", pack.folder), 1, 1)
        problems.append(Problem(where, f"pack '{pack.meta.id}' has no '{language}' translation "
                                       f"(no locale/{language}.yaml); its texts stay in English",
                                "warning"))
    mine = {s: {i: src for i, src in entries.items() if src.pack in translated}
            for s, entries in items.items()}
    problems.extend(missing_texts(mine, given))


def _sorted(problems: list[Problem]) -> list[Problem]:
    def key(p: Problem) -> tuple[str, int, int]:
        m = p.mark
        return (m.file, m.line, m.col) if m else ("", 0, 0)

    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=key)


__all__ = [
    "LoadedPacks",
    "PackSource",
    "deep_merge",
    "load_packs",
    "suggest",
    "validation_problems",
]
