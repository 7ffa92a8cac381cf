"""Commands for modders: ``validate`` (and ``--watch``), ``explain`` and ``schema``."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..rules.source import RulesError
from .output import Commands, print_problems

if TYPE_CHECKING:
    from ..rules.loader import PackSource


def add_validate(sub: Commands) -> None:
    """The ``validate`` command."""
    p = sub.add_parser("validate", help="check rule packs and list every problem")
    p.add_argument("packs", nargs="*", metavar="PACK_DIR")
    p.add_argument("--watch", action="store_true", help="check again whenever a file is saved")
    p.add_argument("--lang", metavar="CODE", help="also check the translation, e.g. km")
    p.set_defaults(func=cmd_validate)


def add_explain(sub: Commands) -> None:
    """The ``explain`` command."""
    p = sub.add_parser("explain", help="what each pack adds, replaces, patches and removes")
    p.add_argument("packs", nargs="+", metavar="PACK_DIR")
    p.set_defaults(func=cmd_explain)


def add_schema(sub: Commands) -> None:
    """The ``schema`` command."""
    p = sub.add_parser("schema", help="print the JSON Schema of the rules format",
                       description="Print the JSON Schema of pack files (for editors), of "
                                   "pack.yaml, of translations, or the rules reference; or "
                                   "set up a folder of packs for an editor with --editor.")
    p.add_argument("-o", "--output", metavar="FILE")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--meta", action="store_true", help="the schema of pack.yaml instead")
    what.add_argument("--locale", action="store_true",
                      help="the schema of a translation (locale/<lang>.yaml) instead")
    what.add_argument("--reference", action="store_true",
                      help="the rules reference (Markdown) instead")
    what.add_argument("--editor", metavar="DIR",
                      help="write the schemas into DIR/.schema/ and point every YAML file "
                           "under DIR at its schema (the first-line modeline editors read)")
    p.set_defaults(func=cmd_schema)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check each pack; print every problem and a count."""
    if getattr(args, "watch", False):
        args.watch = False
        return cmd_watch(args, cmd_validate)
    from ..paths import default_pack
    from ..rules import load_packs

    folders = [Path(p) for p in args.packs] if args.packs else [default_pack()]
    failed = False
    for folder in folders:
        try:
            ruleset = load_packs([folder], language=getattr(args, "lang", None))
        except RulesError as exc:
            print_problems(exc.problems, sys.stdout)
            errors = sum(p.severity == "error" for p in exc.problems)
            warnings = len(exc.problems) - errors
            print(f"{folder}: {errors} error{'s' * (errors != 1)}, {warnings} "
                  f"warning{'s' * (warnings != 1)}")
            failed = True
            continue
        print_problems(list(ruleset.warnings), sys.stdout)
        w = len(ruleset.warnings)
        counts = ", ".join(f"{len(getattr(ruleset, s))} {s}" for s in
                           ("cards", "actions", "rules", "tracks", "actors", "scenarios"))
        packs = " + ".join(f"{p.id} {p.version}" for p in ruleset.packs)
        print(f"{folder}: 0 errors, {w} warning{'s' * (w != 1)} ({packs}: {counts})")
        for coverage in ruleset.translation:
            print(f"{folder}: {coverage}")
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print (or write) the JSON Schema of the rules, of ``pack.yaml``, of a
    translation, or the reference; or set a folder up for editors."""
    from ..common.outputs import write_output
    from ..rules.schema import locale_schema, pack_meta_schema, rules_schema, schema_text

    if args.editor:
        return _editor(Path(args.editor))
    if args.reference:
        from ..rules.reference import rules_reference

        text = rules_reference()
    else:
        schema = (pack_meta_schema() if args.meta else locale_schema() if args.locale
                  else rules_schema())
        text = schema_text(schema)
    if args.output:
        write_output(Path(args.output), text, what="the schema")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _editor(folder: Path) -> int:
    """``schema --editor DIR``: the schemas in DIR/.schema and a modeline in
    every YAML file under DIR."""
    from ..common.errors import UserError
    from ..common.outputs import write_output
    from ..rules.schema import SCHEMA_DIR, editor_files

    if not folder.is_dir():
        raise UserError(f"{folder} is not a folder")
    changed = editor_files(folder)
    for path, text in changed.items():
        write_output(path, text, what="the file", create_folder=True)
    files = sum(1 for p in changed if p.parent.name != SCHEMA_DIR)
    print(f"{folder}: schemas in {folder / SCHEMA_DIR}; {files} YAML "
          f"file{'s' * (files != 1)} given the modeline" if changed else
          f"{folder}: already set up for editors")
    return 0


def cmd_explain(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """What each pack adds, replaces, patches and removes."""
    from ..rules.loader import load_packs, merge_packs, resolve_packs

    out = out or sys.stdout
    folders = [Path(p) for p in args.packs]
    packs, problems = resolve_packs(folders)
    items = merge_packs(packs, problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise RulesError(errors)
    load_packs(folders)  # report every other problem the way validate does
    added: dict[str, dict[str, list[str]]] = {p.meta.id: {} for p in packs}
    changed: dict[str, dict[str, list[str]]] = {p.meta.id: {} for p in packs}
    touched: list[str] = []
    removed_by = _removals(packs)
    for section, entries in items.items():
        for item_id, src in entries.items():
            added[src.pack].setdefault(section, []).append(item_id)
            for pack_id, how, _ in src.changed_by:
                changed[pack_id].setdefault(section, []).append(f"{how} {item_id}")
            others = {p for p, _, _ in src.changed_by}
            if len(others) > 1:
                touched.append(f"{section.removesuffix('s')} '{item_id}' "
                               f"is changed by {', '.join(sorted(others))}")
    for pack_id, section, item_id in removed_by:
        changed[pack_id].setdefault(section, []).append(f"remove {item_id}")
    for p in packs:
        print(f"{p.meta.id} {p.meta.version}"
              + (f" (extends {', '.join(p.meta.extends)})" if p.meta.extends else "")
              + f" — {p.label}", file=out)
        adds = added[p.meta.id]
        if adds:
            print("  adds: " + "; ".join(f"{len(v)} {k}" for k, v in adds.items()), file=out)
        for section, what in changed[p.meta.id].items():
            print(f"  {section}: " + ", ".join(sorted(what)), file=out)
        if not adds and not changed[p.meta.id]:
            print("  (adds and changes nothing)", file=out)
    print("Items changed by more than one pack: " + ("none" if not touched else ""), file=out)
    for line in touched:
        print(f"  {line}", file=out)
    return 0


def _removals(packs: Sequence[PackSource]) -> list[tuple[str, str, str]]:
    """(pack, section, id) for every 'remove: true' in the packs' files."""
    from ..rules.models import SECTIONS
    from ..rules.yamlread import YamlProblem, read_yaml_file

    found = []
    for pack in packs:
        for path in pack.files:
            try:
                raw = read_yaml_file(path, str(path))
            except YamlProblem:
                continue
            if not isinstance(raw, dict):
                continue
            for section in SECTIONS:
                for item in raw.get(section) or []:
                    if isinstance(item, dict) and item.get("remove") is True:
                        found.append((pack.meta.id, section, str(item.get("id"))))
    return found


def pack_files(folders: list[Path]) -> dict[Path, int]:
    """Every file the loader reads from the folders, with its modification
    time (the loader's own bounded walk: no link out of a pack, no pipe)."""
    from ..rules.packfiles import pack_stamps

    stamps: dict[Path, int] = {}
    for folder in folders:
        if folder.is_dir():
            stamps.update(pack_stamps(folder))
    return stamps


def watch(folders: list[Path], check: Callable[[], object], stop: threading.Event,
          interval: float = 0.5) -> int:
    """Run ``check`` now and again whenever a pack file is saved, until ``stop``."""
    runs = 0
    seen = pack_files(folders)
    check()
    runs += 1
    while not stop.wait(interval):
        now = pack_files(folders)
        if now != seen:
            seen = now
            check()
            runs += 1
    return runs


def cmd_watch(args: argparse.Namespace, validate: Callable[[argparse.Namespace], int]) -> int:
    """Run ``validate`` now and whenever a pack file is saved, until Ctrl-C."""
    from ..paths import default_pack

    folders = [Path(p) for p in args.packs] if args.packs else [default_pack()]

    def check() -> None:
        stamp = time.strftime("%H:%M:%S")
        print(f"\n[{stamp}] checking {', '.join(map(str, folders))}")
        validate(args)
        sys.stdout.flush()

    print("watching for changes; press Ctrl-C to stop")
    stop = threading.Event()
    try:
        watch(folders, check, stop)
    except KeyboardInterrupt:
        stop.set()
    return 0
