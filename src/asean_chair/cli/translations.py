"""``asean-chair translations PACK --lang km``: what a translation lacks, and
marking texts as translated from the English they translate.

Without options it lists every text that is missing or out of date, with
the English and where it is written. ``--mark PATH ...`` records, for those
texts, the English they now translate (after a reviewer has checked them);
``--mark-all`` does it for every translated text (once, when a translation
starts to be tracked). The record is the ``translated_from`` block at the end
of ``locale/<lang>.yaml``; the rest of the file is left as it is.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..common.errors import UserError
from .output import Commands


def add_translations(sub: Commands) -> None:
    """The ``translations`` command."""
    p = sub.add_parser("translations",
                       help="what a pack's translation lacks; mark texts as translated")
    p.add_argument("pack", metavar="PACK_DIR")
    p.add_argument("--lang", required=True, metavar="CODE", help="the language, e.g. km")
    p.add_argument("--mark", nargs="+", metavar="PATH",
                   help="record that these texts translate the English as it is now")
    p.add_argument("--mark-all", action="store_true",
                   help="record it for every translated text")
    p.set_defaults(func=run_translations)


def english_texts(folder: Path) -> dict[str, tuple[str, Any]]:
    """Every text players read in the pack (after its bases' overlays):
    path -> (the English, where it is written)."""
    from ..rules.locale import text_paths
    from ..rules.overlays import merge_packs
    from ..rules.packs import resolve_packs
    from ..rules.source import RulesError, mark_at

    packs, problems = resolve_packs([folder])
    items = merge_packs(packs, problems) if packs else {}
    if any(p.severity == "error" for p in problems) or not packs:
        raise RulesError(problems)
    mine = packs[-1].meta.id
    found: dict[str, tuple[str, Any]] = {}
    for section, entries in items.items():
        for item_id, src in entries.items():
            if src.pack != mine:
                continue
            for path, steps in text_paths(src.raw):
                node: Any = src.raw
                for step in steps:
                    node = node[step]
                found[f"{section}.{item_id}.{path}"] = (str(node), mark_at(src.raw, steps))
    return found


def _block_range(lines: list[str]) -> tuple[int, int] | None:
    """The lines of the ``translated_from`` block (start, end), if there is one."""
    for i, line in enumerate(lines):
        if line.rstrip() == "translated_from:" or line.startswith("translated_from:"):
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or lines[end][:1] in " #"):
                end += 1
            return i, end
    return None


#: The comment written above the ``translated_from`` block.
_HEADER = ["# The English each text translates (a hash), written by",
           "# 'asean-chair translations --mark': a changed English text shows as out of date."]


def write_sources(path: Path, sources: dict[str, str]) -> None:
    """Rewrite the ``translated_from`` block of a locale file, keeping the rest."""
    from ..common.outputs import write_output

    lines = path.read_text(encoding="utf-8").splitlines()
    span = _block_range(lines)
    if span is not None:
        del lines[span[0]:span[1]]
    while lines and not lines[-1].strip():
        lines.pop()
    if lines[-len(_HEADER):] == _HEADER:  # the block's own comment, written before
        del lines[-len(_HEADER):]
        while lines and not lines[-1].strip():
            lines.pop()
    lines += ["", *_HEADER, "translated_from:"]
    # Quoted: a hash of digits alone would read back as a number (0123... as octal).
    lines += [f"  {key}: \"{value}\"" for key, value in sorted(sources.items())]
    write_output(path, "\n".join(lines) + "\n", what="the translation")


def run_translations(args: argparse.Namespace) -> int:
    """List what the translation lacks, or mark texts as translated."""
    from ..rules.locale import read_locale, sources_of, text_hash, text_paths
    from ..rules.source import Mark

    folder = Path(args.pack)
    english = english_texts(folder)
    locale = folder / "locale" / f"{args.lang}.yaml"
    tr, problems = read_locale(folder, args.lang, str(locale))
    if tr is None:
        if problems:
            raise UserError(str(problems[0]))
        raise UserError(f"{locale}: there is no '{args.lang}' translation of this pack yet")
    sources = sources_of(tr)
    translated: dict[str, Mark | None] = {}
    for section, entries in tr.items():
        if section in ("language", "name", "translated_from") or not isinstance(entries, dict):
            continue
        for item_id, texts in entries.items():
            for path, steps in text_paths(texts):
                from ..rules.source import mark_at

                translated[f"{section}.{item_id}.{path}"] = mark_at(texts, steps)
    if args.mark or args.mark_all:
        wanted = list(translated) if args.mark_all else args.mark
        unknown = [p for p in wanted if p not in translated or p not in english]
        if unknown:
            raise UserError(f"not a translated text of this pack: {unknown[0]} (see the list "
                            "without --mark)")
        for p in wanted:
            sources[p] = text_hash(english[p][0])
        write_sources(locale, sources)
        print(f"marked {len(wanted)} text{'s' * (len(wanted) != 1)} in {locale}")
        return 0
    stale = [p for p in translated if p in english and p in sources
             and sources[p] != text_hash(english[p][0])]
    missing = [p for p in english if p not in translated]
    unmarked = [p for p in translated if p in english and p not in sources]
    for p in stale:
        print(f"{translated[p]}: out of date: {p} (the English at {english[p][1]}: "
              f"\u201c{english[p][0][:70]}\u201d)")
    for p in missing:
        print(f"{english[p][1]}: missing: {p} (\u201c{english[p][0][:70]}\u201d)")
    total = len(english)
    current = len([p for p in translated if p in english and p not in stale])
    print(f"{folder} in '{args.lang}': {current} of {total} texts translated "
          f"({current / total if total else 1:.1%}), {len(stale)} out of date, "
          f"{len(missing)} missing, {len(unmarked)} not yet marked "
          "(--mark-all records what they translate)")
    return 0
