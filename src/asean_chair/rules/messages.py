"""Pydantic's validation errors in a modder's words, one problem per mistake,
each at the file, line and column it comes from."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..expr import MAX_NUMBER
from .source import MDict, Problem, mark_at


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


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


def _clean_loc(model: type[BaseModel],
               loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], type[BaseModel] | None]:
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


#: Lists of items inside an item, and how one of them is named in a message:
#: "card 'x' option 'sign'", "option 'sign' effect 2".
_ITEM_WORDS = {"options": "option", "effects": "effect", "outcomes": "outcome",
               "endings": "ending", "tiers": "tier", "verdicts": "verdict",
               "presets": "preset", "difficulties": "difficulty", "milestones": "milestone"}

_CUT = ("'{key}' looks like the end of a text cut at a comma: inside {{ }}, put text that "
        "holds commas in quotes")


def _step(node: Any, step: Any) -> Any:
    if isinstance(node, dict) and isinstance(step, str):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None


def _head(context: str, raw: Any, loc: tuple[Any, ...]) -> str:
    """The start of a message about ``loc``: the item, each inner item on the
    way named by its id or position, then the rest of the path.

    ``("options", 1, "cost")`` in card 'x' reads "card 'x' option 'refuse': cost: ".
    """
    words: list[str] = []
    rest = 0
    node = raw
    i = 0
    while i < len(loc):
        step = loc[i]
        if (step in _ITEM_WORDS and i + 1 < len(loc) and isinstance(loc[i + 1], int)
                and isinstance(node, dict)):
            index = loc[i + 1]
            item = _step(node.get(step), index)
            noun = _ITEM_WORDS[step]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                words.append(f"{noun} '{item['id']}'")
            else:
                words.append(f"{noun} {index + 1}")
            node = item
            i += 2
            rest = i
            continue
        node = _step(node, step)
        i += 1
    head = context.removesuffix(": ").removesuffix(":")
    if words:
        head = f"{head} {' '.join(words)}" if head else " ".join(words)
    return (f"{head}: " if head else "") + _path_text(loc[rest:])


def _is_cut(raw: Any, loc: tuple[Any, ...]) -> bool:
    """Whether the key at the end of ``loc`` is the tail of a text cut at a
    comma: a key with no value, after a key whose value is text, inside a
    mapping written in braces (``{log: Fine, thanks}``)."""
    if not loc or not isinstance(loc[-1], str):
        return False
    node: Any = raw
    for step in loc[:-1]:
        node = _step(node, step)
    if not isinstance(node, MDict) or loc[-1] not in node or node[loc[-1]] is not None:
        return False
    keys = list(node)
    at = keys.index(loc[-1])
    before = at - 1
    while before > 0 and node[keys[before]] is None:  # "Yes, but, no": cut twice
        before -= 1
    if before < 0 or not isinstance(node[keys[before]], str):
        return False
    # The text and its tail are on one line of one file: in a mapping an
    # extending pack patched, the key before may come from the base pack.
    text_at, tail_at = node.value_marks.get(keys[before]), node.key_marks.get(loc[-1])
    if text_at is None or tail_at is None or \
            (text_at.file, text_at.line) != (tail_at.file, tail_at.line):
        return False
    return node.mark != node.key_marks.get(keys[0])  # in braces: the mapping starts at '{'


def _has_empty_value(node: Any) -> bool:
    """Whether any mapping in ``node`` has a key without a value."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            values = node.values()
            if None in values:
                return True
            stack.extend(v for v in values if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return False


def comma_cuts(raw: Any, context: str) -> list[Problem]:
    """Every text cut at a comma inside ``{ }`` in an item, valid or not.

    A cut may leave empty a key the item accepts (``{label: Wait, icon}``),
    which no other check sees; where pydantic also sees it,
    :func:`validation_problems` gives the same message at the same place.
    """
    found: list[Problem] = []
    if not _has_empty_value(raw):  # most items: nothing to look at closely
        return found

    def walk(node: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                here = (*loc, key)
                if value is None and _is_cut(raw, here):
                    found.append(Problem(mark_at(raw, here, key=True),
                                         _head(context, raw, loc) + _CUT.format(key=key)))
                walk(value, here)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*loc, i))

    walk(raw, ())
    return found


def validation_problems(
    exc: ValidationError, raw: Any, model: type[BaseModel], context: str
) -> list[Problem]:
    """Turn a pydantic error into one problem per real mistake, with positions.

    Each message names the item and the inner item it is in (``card 'x'
    option 'sign': missing field 'label'``).
    """
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for err in exc.errors():
        loc, _ = _clean_loc(model, tuple(err["loc"]))
        grouped.setdefault(loc, []).append(dict(err))
    problems: list[Problem] = []
    typos: dict[tuple[Any, ...], set[str]] = {}
    for loc, errs in grouped.items():
        if errs[0]["type"] == "extra_forbidden" and loc:
            parent, parent_model = loc[:-1], _clean_loc(model, loc[:-1])[1]
            names = _field_names(parent_model).values() if parent_model else []
            key = str(loc[-1])
            where = mark_at(raw, loc, key=True)
            head = _head(context, raw, parent)
            if _is_cut(raw, loc):
                problems.append(Problem(where, head + _CUT.format(key=key)))
                continue
            hint = suggest(key, names)
            if hint:
                typos.setdefault(parent, set()).add(hint.split("'")[1])
            allowed = "" if hint else f" (allowed: {', '.join(sorted(names))})" if names else ""
            problems.append(Problem(where, f"{head}unknown field '{key}'{hint}{allowed}"))
    for loc, errs in grouped.items():
        kinds = {e["type"] for e in errs}
        if "extra_forbidden" in kinds:
            continue
        where = mark_at(raw, loc)
        if _is_cut(raw, loc):
            problems.append(Problem(mark_at(raw, loc, key=True),
                                    _head(context, raw, loc[:-1]) + _CUT.format(key=loc[-1])))
            continue
        if kinds == {"missing"}:
            if loc and loc[-1] in typos.get(loc[:-1], set()):
                continue  # already reported as the misspelt field
            problems.append(Problem(where, f"{_head(context, raw, loc[:-1])}missing field "
                                           f"'{loc[-1]}'"))
            continue
        head = _head(context, raw, loc)
        sized = [e for e in errs if e["type"] in _SIZE_ERRORS]
        given = errs[0].get("input")
        if not sized and _too_big(given):
            sized = [{"type": "less_than_equal", "input": given, "ctx": {"le": MAX_NUMBER}}]
        if sized:
            problems.append(Problem(where, f"{head}{_size_message(sized[0])}"))
            continue
        value_errors = [e for e in errs if e["type"] in ("value_error", "assertion_error")]
        if value_errors:
            msg = value_errors[0]["msg"].removeprefix("Value error, ")
            problems.append(Problem(where, f"{head}{msg}"))
            continue
        words = sorted({_TYPE_WORDS.get(e["type"], "") for e in errs} - {""})
        if words:
            expected = " or ".join(words)
            if {"int_type", "float_type", "string_type"} <= kinds or (
                "string_type" in kinds and ("int_type" in kinds or "float_type" in kinds)
            ):
                expected = "a number or an expression"
            problems.append(Problem(where, f"{head}expected {expected}, got {_show(given)}"))
            continue
        msg = errs[0]["msg"]
        if errs[0]["type"] == "literal_error":
            msg = f"{msg}, got {_show(given)}"
        elif errs[0]["type"] == "string_pattern_mismatch":
            msg = (f"'{given}' is not a valid id (use lower case letters, digits and _, "
                   "starting with a letter)")
        problems.append(Problem(where, f"{head}{msg}"))
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
