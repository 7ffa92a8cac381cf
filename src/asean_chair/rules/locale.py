"""Translations of a pack's text: ``locale/<lang>.yaml`` in the pack folder.

A locale file mirrors the pack's sections, by item id, holding only text::

    language: km
    name: ខ្មែរ
    cards:
      port_question:
        title: ...
        options:
          open: {label: ..., hint: ...}      # options by id
          refuse:
            outcomes: [{text: ...}, {text: ...}]   # lists without ids by position

Only text fields may be translated, and only ones the item has; anything
missing falls back to the pack's own (English) text, and the loader warns
about every missing text so translators know what is left.

A translation cannot go stale silently: the block ``translated_from`` at the
end of the file records, for each text, a hash of the English it
translates (``asean-chair translations PACK --lang km --mark ...`` writes
it). When the English changes, the translation is out of date: the loader
warns with both positions, and players see the English, marked, rather than
an outdated meaning::

    translated_from:
      cards.port_question.title: 5d41402a
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import SECTIONS, TextMark
from .source import Mark, MDict, MList, Problem, mark_at
from .yamlread import YamlProblem, read_yaml_file


def _text_fields() -> tuple[frozenset[str], frozenset[str]]:
    """The fields (as packs write them) that hold text players read, and those
    that hold lists of such texts: every field the models mark as ``Text``."""
    from .reference import models_in

    single: set[str] = set()
    lists: set[str] = set()
    for section in SECTIONS.values():
        for model in models_in(section):
            for name, f in model.model_fields.items():
                key = f.alias or name
                marks = [m for m in f.metadata if isinstance(m, TextMark)]
                args = [a for a in typing.get_args(f.annotation)]
                inner = [m for a in args for m in getattr(a, "__metadata__", ())
                         if isinstance(m, TextMark)]
                if marks or (typing.get_origin(f.annotation) is not list and inner):
                    single.add(key)
                elif inner:
                    lists.add(key)
    return frozenset(single), frozenset(lists)


#: Fields that hold text players read, and fields that hold lists of texts
#: (translated by position); read from the models, never listed by hand.
TEXT_FIELDS, TEXT_LISTS = _text_fields()


def read_locale(folder: Path, language: str, shown: str) -> tuple[MDict | None, list[Problem]]:
    """Read ``locale/<language>.yaml`` of a pack, if it has one."""
    path = folder / "locale" / f"{language}.yaml"
    if not path.exists() and not path.is_symlink():
        return None, []
    try:
        raw = read_yaml_file(path, shown, inside=folder)
    except YamlProblem as exc:
        return None, [exc.problem]
    if not isinstance(raw, MDict):
        return None, [Problem(Mark(shown, 1, 1), "a locale file must be a mapping of sections")]
    return raw, []


def _has_id(items: Any) -> bool:
    return isinstance(items, list) and bool(items) and all(
        isinstance(x, dict) and isinstance(x.get("id"), str) for x in items)


def _copy_list(raw: list[Any]) -> MList:
    """A shallow copy of a list read from YAML, with its positions."""
    out = MList(getattr(raw, "mark", None))
    out.extend(raw)
    out.item_marks = list(getattr(raw, "item_marks", []))
    return out


#: The top-level keys of a locale file that are not sections.
META_KEYS = ("language", "name", "translated_from")
#: Put before an English text shown because its translation is out of date.
STALE_MARK = "[EN] "


def text_hash(text: str) -> str:
    """The short hash that records which English a translation translates."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:8]


@dataclass
class Ledger:
    """What translating a pack found: the texts put in, and those out of date."""

    sources: Mapping[str, str] = field(default_factory=dict)  # path -> hash of the English
    applied: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)


def translate(raw: Any, tr: Any, where: str, problems: list[Problem], trmark: Any,
              ledger: Ledger | None = None) -> Any:
    """``raw`` with the texts of ``tr`` put in; problems for anything that does not fit.

    With a ``ledger``, a text whose English changed since it was translated
    (its recorded hash differs) is left in English, marked, with a warning.
    """
    if isinstance(raw, dict) and isinstance(tr, dict):
        out = MDict(getattr(raw, "mark", None))
        for key, value in raw.items():
            out[key] = value
            if isinstance(raw, MDict):
                if key in raw.key_marks:
                    out.key_marks[key] = raw.key_marks[key]
                if key in raw.value_marks:
                    out.value_marks[key] = raw.value_marks[key]
        for key, value in tr.items():
            here = mark_at(tr, (key,), key=True) if isinstance(tr, MDict) else trmark
            if key not in raw:
                problems.append(Problem(here, f"{where}: '{key}' is not a field of this item"))
                continue
            original = raw[key]
            if key in TEXT_LISTS and isinstance(original, list) and not isinstance(value, list):
                problems.append(Problem(here, f"{where}.{key}: give a list of texts"))
                continue
            if isinstance(original, str):
                if key not in TEXT_FIELDS:
                    problems.append(Problem(here, f"{where}.{key}: only text can be translated"))
                elif not isinstance(value, str):
                    problems.append(Problem(here, f"{where}.{key}: a translation must be text"))
                else:
                    out[key] = _checked(original, value, f"{where}.{key}", problems, here,
                                        mark_at(raw, (key,)), ledger)
            else:
                out[key] = translate(original, value, f"{where}.{key}", problems, here, ledger)
        return out
    if isinstance(raw, list) and _has_id(raw) and isinstance(tr, dict):
        by_id = {item["id"]: i for i, item in enumerate(raw)}
        out_list = _copy_list(raw)
        for key, value in tr.items():
            here = mark_at(tr, (key,), key=True) if isinstance(tr, MDict) else trmark
            if key not in by_id:
                problems.append(Problem(here, f"{where}: no item '{key}' to translate"))
                continue
            i = by_id[key]
            out_list[i] = translate(raw[i], value, f"{where}.{key}", problems, here, ledger)
        return out_list
    if isinstance(raw, list) and isinstance(tr, list):
        if len(tr) > len(raw):
            problems.append(Problem(trmark, f"{where}: {len(tr)} entries, but the item has "
                                            f"{len(raw)}"))
        out_list = _copy_list(raw)
        for i, value in enumerate(tr[: len(raw)]):
            if not value:
                continue
            here = tr.item_marks[i] if isinstance(tr, MList) and i < len(tr.item_marks) \
                else trmark
            if isinstance(raw[i], str):
                if isinstance(value, str):
                    out_list[i] = _checked(raw[i], value, f"{where}.{i + 1}", problems, here,
                                           mark_at(raw, (i,)), ledger)
                else:
                    problems.append(Problem(here, f"{where}.{i + 1}: a translation must be "
                                                  "text"))
            else:
                out_list[i] = translate(raw[i], value, f"{where}.{i + 1}", problems, here,
                                        ledger)
        return out_list
    problems.append(Problem(trmark, f"{where}: the translation does not have the item's shape"))
    return raw


def _checked(english: str, translation: str, path: str, problems: list[Problem],
             here: Mark | None, english_at: Mark | None, ledger: Ledger | None) -> str:
    """The text players see at ``path``: the translation, or, when the English
    changed since it was translated, the English with a marker."""
    if ledger is None:
        return translation
    recorded = ledger.sources.get(path)
    if recorded is not None and recorded != text_hash(english):
        ledger.stale.add(path)
        problems.append(Problem(here, f"out of date: {path}: the English ({english_at}) changed "
                                      "since this was translated; players see the English until "
                                      "the translation is updated and marked again "
                                      "(asean-chair translations --mark)", "warning"))
        return STALE_MARK + english
    ledger.applied.add(path)
    return translation


def text_paths(raw: Any, prefix: str = "",
               steps: tuple[Any, ...] = ()) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every translatable text in a raw item: its dotted path (ids for lists
    of items, positions from 1 otherwise) and the steps to reach it."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            if isinstance(value, str):
                if key in TEXT_FIELDS and value.strip():
                    yield f"{prefix}{key}", (*steps, key)
            elif key in TEXT_LISTS and isinstance(value, list):
                for i, text in enumerate(value):
                    if isinstance(text, str) and text.strip():
                        yield f"{prefix}{key}.{i + 1}", (*steps, key, i)
            else:
                yield from text_paths(value, f"{prefix}{key}.", (*steps, key))
    elif isinstance(raw, list):
        ids = _has_id(raw)
        for i, item in enumerate(raw):
            label = item["id"] if ids else str(i + 1)
            yield from text_paths(item, f"{prefix}{label}.", (*steps, i))


def sources_of(tr: MDict) -> dict[str, str]:
    """The ``translated_from`` block of a locale file: path -> hash of the English."""
    block = tr.get("translated_from")
    if not isinstance(block, dict):
        return {}
    return {str(k): v for k, v in block.items() if isinstance(v, str)}


def apply_locale(items: dict[str, dict[str, Any]], tr: MDict,
                 ledger: Ledger | None = None) -> tuple[list[Problem], set[str]]:
    """Translate merged items in place (their ``raw``).

    Returns the problems and the texts translated, as ``section.id.path``.
    """
    problems: list[Problem] = []
    given: set[str] = set()
    ledger = ledger if ledger is not None else Ledger(sources_of(tr))
    for section, entries in tr.items():
        if section in META_KEYS:
            continue
        here = tr.key_marks.get(section)
        if section not in SECTIONS:
            problems.append(Problem(here, f"unknown section '{section}' in a locale file"))
            continue
        if not isinstance(entries, dict):
            problems.append(Problem(here, f"'{section}' must map item ids to their texts"))
            continue
        for item_id, texts in entries.items():
            where = mark_at(entries, (item_id,), key=True)
            src = items[section].get(item_id)
            if src is None:
                problems.append(Problem(where, f"{section}: no item '{item_id}' to translate"))
                continue
            src.raw = translate(src.raw, texts, f"{section}.{item_id}", problems, where, ledger)
            given.update(f"{section}.{item_id}.{p}" for p, _ in text_paths(texts))
    return problems, given


def missing_texts(items: dict[str, dict[str, Any]], given: set[str]) -> list[Problem]:
    """A warning, at the English text, for every text no locale file translated."""
    return [Problem(mark_at(src.raw, steps), f"not translated: {section}.{item_id}.{path} "
                                             "(players see the English)", "warning")
            for section, entries in items.items()
            for item_id, src in entries.items()
            for path, steps in text_paths(src.raw)
            if f"{section}.{item_id}.{path}" not in given]
