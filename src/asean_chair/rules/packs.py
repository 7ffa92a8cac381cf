"""Finding pack folders, reading their ``pack.yaml``, and resolving the
packs they extend, bases first."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .messages import suggest, validation_problems
from .models import PackMeta
from .packfiles import MAX_META_BYTES, pack_files
from .source import Mark, MDict, Problem, mark_at
from .yamlread import YamlProblem, read_file_bytes, read_yaml_bytes


@dataclass
class PackSource:
    """One pack folder as read from disk."""

    meta: PackMeta
    folder: Path
    label: str  # how the folder is named in messages
    files: list[Path] = field(default_factory=list)
    digest: str = ""
    meta_bytes: bytes = b""  # pack.yaml as read, hashed with the other files


def display_path(path: Path, pack_folder: Path | None = None) -> str:
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


def read_pack_meta(folder: Path, problems: list[Problem]) -> PackSource | None:
    label = display_path(folder, folder)
    if not folder.exists():
        problems.append(Problem(Mark(str(folder), 1, 1), "the pack folder does not exist"))
        return None
    if not folder.is_dir():
        problems.append(Problem(Mark(label, 1, 1), "this is not a folder; a pack is a folder "
                                                   "with a pack.yaml"))
        return None
    meta_path = folder / "pack.yaml"
    shown = display_path(meta_path, folder)
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


def index_packs(search: list[Path]) -> dict[str, Path]:
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


def resolve_packs(folders: list[Path], search: list[Path] | None = None
                  ) -> tuple[list[PackSource], list[Problem]]:
    """Read the given packs and everything they extend, bases first."""
    from ..paths import rules_dir

    problems: list[Problem] = []
    given: list[PackSource] = []
    for folder in folders:
        pack = read_pack_meta(folder, problems)
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
                cycle = " -> ".join([*chain, pid, base_id])
                problems.append(Problem(where, f"packs extend each other in a cycle: {cycle}"))
                continue
            base = by_id.get(base_id)
            if base is None:
                if index is None:
                    index = index_packs(roots)
                folder = index.get(base_id)
                if folder is None:
                    problems.append(Problem(where, f"pack '{pid}' extends '{base_id}', which was "
                                                   f"not found{suggest(base_id, index)}"))
                    continue
                base = read_pack_meta(folder, problems)
                if base is None:
                    continue
                by_id[base_id] = base
            visit(base, [*chain, pid])
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
