"""The JSON Schemas of the rules format, generated from the models.

Editors that use the YAML language server (VS Code's YAML extension, Neovim,
Helix, Zed...) complete, describe and check a pack file from them; a file
names its schema on its first line::

    # yaml-language-server: $schema=../.schema/rules.schema.json

Three schemas: :func:`rules_schema` for a pack's content files,
:func:`pack_meta_schema` for ``pack.yaml`` and :func:`locale_schema` for
its translations (``locale/<lang>.yaml``).

What the schema tells the editor, beyond what pydantic writes:

- An item that carries ``replace``, ``patch`` or ``remove`` changes an item
  of another pack (an *overlay*); any other item is new and is checked
  against its full model: unknown fields, wrong types, missing required
  fields and values outside a list of choices are marked inside it.
- A ``patch`` is checked as a partial item: every field it gives must be a
  field of the item, with the right type; none is required.
- Cross-field rules that a schema can say: an effect has exactly one kind
  (``spill`` goes with ``add``...), a card's ``when`` has exactly one of
  ``turn``, ``month`` or ``window``, a milestone one of ``turn`` or ``month``.
- Expressions, targets and ids carry a pattern (with the message the editor
  shows) that catches the common slips while typing.

The schema never refuses what the loader accepts (a test validates every
shipped pack file against it); the loader finds the rest (unknown ids,
bounds, probabilities...).
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .models import (
    COMPANION_OF,
    EFFECT_FIELDS,
    OVERLAY_KEYS,
    SECTIONS,
    Effect,
    Model,
    Overlay,
    PackMeta,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://asean-chair.invalid/schema/rules.schema.json"
PACK_SCHEMA_ID = "https://asean-chair.invalid/schema/pack.schema.json"
LOCALE_SCHEMA_ID = "https://asean-chair.invalid/schema/locale.schema.json"

#: The schema files, by the name a pack's modeline gives them.
SCHEMA_FILES = ("rules.schema.json", "pack.schema.json", "locale.schema.json")

_REF = "#/$defs/"


# ------------------------------------------------------------- tidying


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping inside a schema, outermost first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


#: Keywords that apply to one type of value only, so members of a union that
#: use them can be merged into one schema with a list of types.
_TYPED = {"type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern",
          "maxLength", "minLength", "items", "prefixItems", "minItems", "maxItems",
          "patternErrorMessage", "additionalProperties", "propertyNames", "properties",
          "required"}
_NOTES = {"description", "examples", "title"}


def _merge_union(node: dict[str, Any]) -> None:
    """``anyOf`` of plain typed schemas (``str | None``, a number or an
    expression) as one schema with a list of types.

    The editor then shows one description on hover and one message for a
    wrong type; the values accepted are the same.
    """
    members = node.get("anyOf")
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        return
    if any(not set(m) <= _TYPED | _NOTES or "type" not in m for m in members):
        return
    merged: dict[str, Any] = {}
    types: list[str] = []
    notes: list[str] = []
    for m in members:
        for t in m["type"] if isinstance(m["type"], list) else [m["type"]]:
            if t not in types:
                types.append(t)
        for key, value in m.items():
            if key in _NOTES:
                if key == "description" and value not in notes:
                    notes.append(value)
                elif key == "examples":
                    merged.setdefault("examples", value)
                continue
            if key == "type":
                continue
            if key in merged and merged[key] != value:
                return  # two members disagree: keep the union as it is
            merged[key] = value
    if "integer" in types and "number" in types:
        types.remove("integer")
    del node["anyOf"]
    node.update({k: v for k, v in merged.items() if k not in node})
    node["type"] = types[0] if len(types) == 1 else types
    text = node.get("description", "")
    for note in notes:
        if note not in text:
            text = f"{text} {note}".strip()
    if text:
        node["description"] = text


def _tidy(schema: dict[str, Any]) -> None:
    """What pydantic writes that an editor shows badly, made plain."""
    for node in _walk(schema):
        # A mapping whose keys have a pattern (targets): pydantic writes
        # patternProperties, which lets a key that misses the pattern pass.
        patterns = node.get("patternProperties")
        names = node.get("propertyNames")
        if isinstance(patterns, dict) and len(patterns) == 1 and isinstance(names, dict):
            (pattern, value), = patterns.items()
            del node["patternProperties"]
            names["pattern"] = pattern
            node["additionalProperties"] = value
    for node in reversed(list(_walk(schema))):  # innermost first
        _merge_union(node)
        members = node.get("anyOf")
        if isinstance(members, list) and {"type": "null"} in members:
            # `X | None` with X a model: one of, not any of, so that hover
            # shows the field's own heading and text once.
            node["oneOf"] = node.pop("anyOf")
    for definition in schema.get("$defs", {}).values():
        definition.pop("title", None)  # a Python class name means nothing to a modder
    for node in _walk(schema):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, prop in props.items():
                if not isinstance(prop, dict):
                    continue
                # The hover heading: the field as written, not pydantic's
                # "Historical Option".
                prop["title"] = name
                # `default: null` would make completion insert `null`.
                if "default" in prop and prop["default"] is None:
                    del prop["default"]


def _def(defs: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    found: dict[str, Any] = defs[model.__name__]
    return found


def _yaml_name(model: type[BaseModel], field: str) -> str:
    return model.model_fields[field].alias or field


def _one_of(*fields: str) -> list[dict[str, Any]]:
    return [{"required": [f]} for f in fields]


def _cross_field_rules(defs: dict[str, Any]) -> None:
    """The models' cross-field checks that JSON Schema can state."""
    from .models import CardWhen, Draw, Milestone, Schedule

    effect = _def(defs, Effect)
    kinds = [_yaml_name(Effect, k) for k in EFFECT_FIELDS]
    companions = {_yaml_name(Effect, c): _yaml_name(Effect, k) for c, k in COMPANION_OF.items()}
    effect["minProperties"] = 1
    effect["dependentSchemas"] = {
        kind: {
            "properties": {other: False for other in kinds if other != kind},
            "errorMessage": f"An effect has exactly one kind; this one is `{kind}`: put the "
                            "other in an effect of its own.",
        }
        for kind in kinds
    }
    effect["dependentRequired"] = {c: [k] for c, k in companions.items()}
    when = _def(defs, CardWhen)
    when["oneOf"] = _one_of("turn", "month", "window")
    when["description"] += (" Give exactly one of `turn` or `month` (a fixed card) or "
                            "`window` (a drawn card).")
    milestone = _def(defs, Milestone)
    milestone["oneOf"] = _one_of("turn", "month")
    draw = _def(defs, Draw)
    draw["oneOf"] = _one_of("card", "tags")
    schedule = _def(defs, Schedule)
    schedule["anyOf"] = _one_of("card", "effects")


# -------------------------------------------------------------- overlays


def _overlay_keys() -> dict[str, Any]:
    """The three overlay keys, for completion and hover inside any item."""
    fields = Overlay.model_fields
    return {
        "replace": {"title": "replace", "const": True,
                    "description": fields["replace"].description},
        "patch": {"title": "patch", "type": "object", "description": fields["patch"].description},
        "remove": {"title": "remove", "const": True, "description": fields["remove"].description},
    }


#: Keywords a partial item (a patch) drops: a patch gives some fields only.
_WHOLE_ITEM_ONLY = ("required", "oneOf", "anyOf", "minProperties", "dependentSchemas",
                    "dependentRequired")


def _partial_defs(defs: dict[str, Any]) -> dict[str, Any]:
    """A ``<Name>Patch`` copy of every definition: the same fields and types,
    none required, and ``remove: true`` allowed on an item with an id (lists
    of items with ids merge by id)."""
    out: dict[str, Any] = {}
    for name, definition in defs.items():
        part = copy.deepcopy(definition)
        for key in _WHOLE_ITEM_ONLY:
            if key in part and (key != "anyOf" or "properties" in part):
                part.pop(key)
        for node in _walk(part):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_REF):
                node["$ref"] = ref + "Patch"
        props = part.get("properties")
        if isinstance(props, dict) and "id" in props:
            props["remove"] = {"const": True,
                               "description": "`true`: remove this item (matched by id)."}
        part["description"] = (f"Part of {_article(name)} {name}, in a patch: only the fields to "
                               "change. " + str(definition.get("description", "")))
        out[f"{name}Patch"] = part
    return out


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _section_item(defs: dict[str, Any], model: type[Model], section: str) -> dict[str, Any]:
    """The schema of one item of a section: new, or an overlay by its keys."""
    name = model.__name__
    item = defs[name]
    # Completion inside a new item offers the overlay keys too; an item
    # that has one of them is checked as an overlay, never as this.
    item.setdefault("properties", {}).update(_overlay_keys())
    whole = {k: v for k, v in item["properties"].items() if k not in OVERLAY_KEYS}
    replace = {
        "type": "object",
        "description": f"A {name.lower()} of another pack, written anew whole "
                       "(`replace: true` and every field).",
        "properties": {**copy.deepcopy(whole), "replace": _overlay_keys()["replace"]},
        "required": sorted(set(item.get("required", [])) | {"replace"}),
        "additionalProperties": False,
    }
    change = {
        "type": "object",
        "description": f"A {name.lower()} of another pack, changed by id: `patch` the fields "
                       "you give, or `remove: true`.",
        "properties": {
            "id": {**copy.deepcopy(whole["id"]), "description": Overlay.model_fields["id"]
                   .description},
            "patch": {"$ref": f"{_REF}{name}Patch", "title": "patch",
                      "description": Overlay.model_fields["patch"].description},
            "remove": _overlay_keys()["remove"],
        },
        "required": ["id"],
        "not": {"required": ["patch", "remove"]},
        "additionalProperties": False,
    }
    defs[f"{name}Replace"] = replace
    defs[f"{name}Change"] = change
    return {
        "if": {"type": "object", "anyOf": _one_of(*OVERLAY_KEYS)},
        "then": {"if": {"required": ["replace"]},
                 "then": {"$ref": f"{_REF}{name}Replace"},
                 "else": {"$ref": f"{_REF}{name}Change"}},
        "else": {"$ref": f"{_REF}{name}"},
    }


# ---------------------------------------------------------------- schemas


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of a pack's content files (every file but ``pack.yaml``
    and the translations)."""
    _, generated = models_json_schema([(m, "validation") for m in SECTIONS.values()],
                                      by_alias=True, ref_template=_REF + "{model}")
    _tidy(generated)
    defs: dict[str, Any] = generated["$defs"]
    _cross_field_rules(defs)
    patches = _partial_defs(defs)
    sections: dict[str, Any] = {}
    for section, model in SECTIONS.items():
        first = " ".join((model.__doc__ or "").split())
        sections[section] = {
            "description": f"A list of {section}, each with a unique `id`. {first} In a pack "
                           "that extends another, an item with `replace`, `patch` or `remove` "
                           "changes the other pack's item of that id.",
            "type": ["array", "null"],
            "items": _section_item(defs, model, section),
        }
    defs.update(patches)
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "ASEAN Chair rule pack file",
        "description": "A file of a rule pack: any of the sections below, each a list of items.",
        "type": "object",
        "properties": sections,
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def pack_meta_schema() -> dict[str, Any]:
    """The JSON Schema of ``pack.yaml``."""
    schema = PackMeta.model_json_schema(by_alias=True)
    _tidy(schema)
    schema["$schema"] = DRAFT
    schema["$id"] = PACK_SCHEMA_ID
    schema["title"] = "ASEAN Chair pack.yaml"
    return schema


# ---------------------------------------------------------------- locale


def _models_of(annotation: Any) -> list[type[BaseModel]]:
    """The models inside an annotation such as ``list[Option] | None``."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        for m in _models_of(arg):
            if m not in found:
                found.append(m)
    return found


def _is_list(annotation: Any) -> bool:
    import typing

    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in typing.get_args(annotation))


def _texts_of(annotation: Any) -> bool:
    """Whether a field holds text (``str``, maybe optional)."""
    import typing

    if annotation is str:
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _texts_of(typing.get_args(annotation)[0])
    args = typing.get_args(annotation)
    return origin is not list and bool(args) and any(_texts_of(a) for a in args)


def _list_of_texts(annotation: Any) -> bool:
    """Whether a field is a list that may hold plain texts (a calendar's names)."""
    import typing

    if typing.get_origin(annotation) is list:
        return any(_texts_of(a) for a in typing.get_args(annotation))
    return any(_list_of_texts(a) for a in typing.get_args(annotation))


def _locale_def(model: type[BaseModel], defs: dict[str, Any]) -> str:
    """The definition of a model's translation (its texts only); its name."""
    from .locale import TEXT_FIELDS, TEXT_LISTS  # locale reads the models through reference

    name = f"{model.__name__}Texts"
    if name in defs:
        return name
    defs[name] = {}  # placeholder against recursion (effects hold effects)
    props: dict[str, Any] = {}
    for field, info in model.model_fields.items():
        key = info.alias or field
        annotation = info.annotation
        if key in TEXT_LISTS:
            props[key] = {"type": "array", "description": f"`{key}`, translated by position "
                                                            "(`{}` or an empty line keeps one "
                                                            "as it is).",
                          "items": {"anyOf": [{"type": "string"}, {"type": "null"},
                                              {"type": "object", "maxProperties": 0}]}}
            continue
        subs = _models_of(annotation)
        if subs:
            names = [_locale_def(m, defs) for m in subs]
            # A part without any text (a card's `when`) is not translated.
            names = [n for n in names if defs[n].get("properties") != {}]
            if not names:
                continue
            refs = [{"$ref": _REF + n} for n in names]
            texts = [{"type": "string"}] if _texts_of(annotation) or _list_of_texts(annotation) \
                else []
            one = refs[0] if len(refs) == 1 and not texts else {"anyOf": refs + texts}
            if _is_list(annotation):
                by_position = {"type": "array", "items": {"anyOf": [one, {"type": "null"}]}}
                sub_has_id = any("id" in m.model_fields for m in subs)
                if sub_has_id:
                    props[key] = {
                        "description": f"The {key} by id (by position if they have no id).",
                        "anyOf": [{"type": "object",
                                   "propertyNames": copy.deepcopy(_ID_NAMES),
                                   "additionalProperties": one},
                                  by_position]}
                else:
                    props[key] = {"description": f"The {key}, by position (`{{}}` keeps one "
                                                 "as it is).", **by_position}
            else:
                props[key] = {"description": f"The texts of `{key}`.", **one}
            continue
        if key in TEXT_FIELDS and _texts_of(annotation):
            props[key] = {"type": "string",
                          "description": f"The translation of `{key}`: "
                                         f"{info.description or ''}".rstrip()}
    doc = " ".join((model.__doc__ or "").split())
    defs[name] = {"type": "object", "description": f"Translated texts. {doc}".strip(),
                  "properties": props, "additionalProperties": False}
    return name


_ID_NAMES: dict[str, Any] = {
    "pattern": r"^[a-z][a-z0-9_]*$",
    "patternErrorMessage": "An id of the pack: lower case letters, digits and _.",
}


def locale_schema() -> dict[str, Any]:
    """The JSON Schema of a translation, ``locale/<lang>.yaml`` in a pack.

    It mirrors the pack's sections by item id and holds only the texts that
    :mod:`asean_chair.rules.locale` lets a translation change.
    """
    defs: dict[str, Any] = {}
    sections: dict[str, Any] = {}
    for section, model in SECTIONS.items():
        ref = _locale_def(model, defs)
        sections[section] = {
            "description": f"The {section} to translate, by id; each holds only texts.",
            "type": "object",
            "propertyNames": copy.deepcopy(_ID_NAMES),
            "additionalProperties": {"$ref": _REF + ref},
        }
    defs = {name: d for name, d in defs.items() if d.get("properties") != {}}
    return {
        "$schema": DRAFT,
        "$id": LOCALE_SCHEMA_ID,
        "title": "ASEAN Chair pack translation (locale/<language>.yaml)",
        "description": "A pack's texts in another language, by item id. Anything left out is "
                       "shown in the pack's own language; `asean-chair validate PACK --lang "
                       "CODE` lists what is left.",
        "type": "object",
        "properties": {
            "language": {"type": "string", "description": "The language code, e.g. `km`.",
                         "examples": ["km", "fr"]},
            "name": {"type": "string", "description": "The language's own name, e.g. `ខ្មែរ`."},
            **sections,
            "translated_from": {
                "type": "object",
                "description": "For each translated text (its path, `cards.ID.title`), a hash "
                               "of the English it translates: a changed English text shows "
                               "as out of date. Written by `asean-chair translations PACK "
                               "--lang CODE --mark PATH` (or `--mark-all`), not by hand.",
                "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{8}$"},
            },
        },
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


# ----------------------------------------------------------- editor files

#: Where the schemas go inside a folder of packs, and the modeline's start.
SCHEMA_DIR = ".schema"
MODELINE = "# yaml-language-server: $schema="


def schema_for(path: Path) -> str:
    """The schema file a pack file uses: ``pack.yaml``, a translation, or content."""
    if path.name == "pack.yaml":
        return "pack.schema.json"
    if path.parent.name == "locale":
        return "locale.schema.json"
    return "rules.schema.json"


def modeline(path: Path, folder: Path) -> str:
    """The first line that points a pack file under ``folder`` at its schema
    in ``folder/.schema``, by a path relative to the file."""
    target = folder / SCHEMA_DIR / schema_for(path)
    relative = os.path.relpath(target, path.parent).replace(os.sep, "/")
    return MODELINE + relative


def with_modeline(text: str, line: str) -> str:
    """``text`` with ``line`` as its first line (replacing an older modeline)."""
    first, newline, rest = text.partition("\n")
    if first.startswith(MODELINE):
        return line + newline + rest
    return line + "\n" + text


def yaml_files(folder: Path) -> list[Path]:
    """The pack files under ``folder`` (YAML, outside hidden folders), in order.

    A translator's term list beside the translations (``locale/terms-km.yaml``)
    is not a pack file: no schema describes it and the loader never reads it.
    """
    return sorted(p for p in folder.rglob("*.yaml")
                  if not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and not (p.parent.name == "locale" and p.name.startswith("terms-")))


def editor_files(folder: Path) -> dict[Path, str]:
    """What makes an editor check every pack file under ``folder``: the three
    schemas in ``folder/.schema/`` and each YAML file with its modeline.

    Only files whose text changes are returned.
    """
    out: dict[Path, str] = {}
    for name, schema in schemas().items():
        path = folder / SCHEMA_DIR / name
        text = schema_text(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out[path] = text
    for path in yaml_files(folder):
        text = path.read_text(encoding="utf-8")
        new = with_modeline(text, modeline(path, folder))
        if new != text:
            out[path] = new
    return out


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the files hold it."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by file name."""
    return {"rules.schema.json": rules_schema(), "pack.schema.json": pack_meta_schema(),
            "locale.schema.json": locale_schema()}


__all__ = ["MODELINE", "SCHEMA_DIR", "SCHEMA_FILES", "editor_files", "locale_schema", "modeline",
           "pack_meta_schema", "rules_schema", "schema_for", "schema_text", "schemas",
           "with_modeline", "yaml_files"]
