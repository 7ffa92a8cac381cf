"""Reading pack YAML safely, keeping the line and column of every node.

PyYAML's own safe loader is close to what a pack needs but not quite: it
keeps the last of two duplicate keys without a word, expands anchors
without limit (the "billion laughs" file), and reads ``no`` as false. Here
the document is only *composed* by PyYAML (its C parser when available);
turning nodes into Python values is ours, so that

- only the standard YAML tags are accepted (``!!python/...`` never runs),
- a duplicate key is an error,
- alias expansion has a budget, so a hostile file fails fast and small,
- only ``true``/``false`` are booleans (YAML 1.2), not ``yes``/``no``/``on``,
- every mapping and list remembers where its keys, values and items were.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import methodcaller, sub
from pathlib import Path
from typing import Any

import yaml

from ..files import FileRefused, read_capped
from .source import Mark, MDict, MList, Problem

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Nodes (after alias expansion) allowed in one file.
MAX_NODES = 250_000
#: Nodes allowed in all the files of one pack together (the 2022 game has
#: under 10,000; each costs a few hundred bytes once read).
MAX_PACK_NODES = 400_000
#: Deepest nesting of lists and mappings allowed (deeper input could
#: overflow the parser's stack).
MAX_DEPTH = 100

_OPENERS = frozenset({"BlockMappingStartToken", "BlockSequenceStartToken",
                      "FlowMappingStartToken", "FlowSequenceStartToken"})
_CLOSERS = frozenset({"BlockEndToken", "FlowMappingEndToken", "FlowSequenceEndToken"})


def _nesting(text: str) -> int:
    """How deeply the document nests, counted from its tokens (stops past the limit)."""
    depth = deepest = 0
    for token in yaml.scan(text, Loader=_loader()):
        name = type(token).__name__
        if name in _OPENERS:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
        elif name in _CLOSERS:
            depth -= 1
    return deepest


def _maybe_deep(text: str) -> bool:
    """A quick upper bound: could the text nest more than ``MAX_DEPTH`` deep?"""
    # Every step runs in C: the brackets alone, their running depth, and
    # each line's indentation (its length less its length unindented).
    brackets = _NOT_BRACKETS.sub("", text)
    deepest = max(0, max(accumulate(map(_STEPS.__getitem__, brackets)), default=0))
    lines = text.splitlines()
    indent = max(map(sub, map(len, lines), map(len, map(_unindented, lines))), default=0)
    return deepest + indent > MAX_DEPTH


_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEPS = {"[": 1, "{": 1, "]": -1, "}": -1}
_unindented = methodcaller("lstrip", " ")

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq",
                                      "merge", "timestamp")}


def _pack_loader(base: type) -> type:
    """``base`` (PyYAML's pure or C safe loader) with YAML 1.2 booleans."""
    loader = type("_PackLoader", (base,), {"__doc__": "The safe loader with YAML 1.2 booleans."})
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag != _STD + "bool"]
        for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for first in "tTfF":
        resolvers.setdefault(first, []).insert(
            0, (_STD + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))
    loader.yaml_implicit_resolvers = resolvers  # type: ignore[attr-defined]
    # PyYAML's resolve() again, for this table only and without its list
    # copies: it runs for every value of every file.
    anywhere = list(resolvers.get(None, []))
    by_first: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
        first: tuple(entries + anywhere) for first, entries in resolvers.items()
        if first is not None}
    elsewhere: tuple[tuple[str, re.Pattern[str]], ...] = tuple(anywhere)
    text_tag, list_tag, map_tag = (_STD + t for t in ("str", "seq", "map"))
    scalar, sequence = yaml.ScalarNode, yaml.SequenceNode

    def resolve(self: Any, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is scalar:
            if implicit[0]:
                for tag, rx in by_first.get(value[:1], elsewhere):
                    if rx.match(value):
                        return tag
            return text_tag
        return list_tag if kind is sequence else map_tag

    loader.resolve = resolve  # type: ignore[attr-defined]
    return loader


#: PyYAML's own Python parser: always there, and the reference for what a
#: pack file means.
PURE_LOADER: type = _pack_loader(yaml.SafeLoader)
#: libyaml's C parser, several times faster, when PyYAML was built with it.
#: Both must read every shipped file identically (a test checks); set this to
#: ``None`` to read as an install without libyaml would.
FAST_LOADER: type | None = (_pack_loader(yaml.CSafeLoader)
                            if getattr(yaml, "__with_libyaml__", False) else None)


def _loader() -> type:
    return FAST_LOADER if FAST_LOADER is not None else PURE_LOADER


# The scalar constructors are called directly, never through
# ``construct_object``: that method remembers every node it has seen in a
# dictionary that is never emptied, so a long-lived constructor would keep
# every pack file ever read alive (F5 reload, ``validate --watch``).
_scalars = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null")}


class YamlProblem(Exception):
    """A file that cannot be read as pack YAML."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class ValueBudget:
    """How many more values the files of one pack may hold together."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MAX_PACK_NODES if limit is None else limit
        self.left = self.limit

    def take(self, count: int, where: Mark) -> None:
        """Spend ``count`` values, or raise :class:`YamlProblem` at ``where``."""
        self.left -= count
        if self.left < 0:
            raise YamlProblem(Problem(where, f"the pack's files hold more than {self.limit:,} "
                                             "values together; refusing to read more"))


def _mark(file: str, m: Any) -> Mark:
    return Mark(file, m.line + 1, m.column + 1)


_STR, _INT, _BOOL, _NULL = (_STD + t for t in ("str", "int", "bool", "null"))
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
#: A :class:`Mark` from a tuple, without the named tuple's Python ``__new__``.
_mark_of = tuple.__new__
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class _TooMany(Exception):
    """More values than the builder was allowed (see :func:`read_yaml_text`)."""


class _Builder:
    """Turns composed nodes into marked values, counting them.

    ``limit``: how many values to build before giving up with
    :class:`_TooMany` (the caller then says why); without it, more than
    ``MAX_NODES`` values is an error here.
    """

    def __init__(self, file: str, limit: int | None = None) -> None:
        self.file = file
        self.count = 0
        self.limit = limit

    def fail(self, node: yaml.Node, message: str) -> YamlProblem:
        return YamlProblem(Problem(_mark(self.file, node.start_mark), message))

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES or (self.limit is not None and self.count > self.limit):
            if self.limit is not None:
                raise _TooMany
            raise self.fail(node, f"the file expands to more than {MAX_NODES:,} values "
                                  "(an anchor/alias bomb?); refusing to read it")
        tag = node.tag
        kind = node.__class__
        if kind is _ScalarNode:
            # The common plain values directly; the rest through PyYAML's
            # constructors, which also say what is wrong with a bad value.
            if tag == _STR:
                return node.value
            if tag == _INT:
                text = node.value
                if text.isdecimal() and text.isascii() and (text[0] != "0" or text == "0") \
                        and len(text) <= 100:
                    return int(text)
            elif tag == _BOOL and node.value in _BOOLS:
                return _BOOLS[node.value]
            elif tag == _NULL:
                return None
        if tag not in _ALLOWED_TAGS:
            raise self.fail(node, f"the tag '{tag}' is not allowed in a rule pack "
                                  "(only plain YAML values: text, numbers, lists, mappings)")
        if kind is _MappingNode:
            return self.mapping(node)  # type: ignore[arg-type]
        if kind is _SequenceNode:
            file = self.file
            start = node.start_mark
            out = MList(_mark_of(Mark, (file, start.line + 1, start.column + 1)))
            marks = out.item_marks
            build = self.build
            for item in node.value:
                out.append(build(item))
                start = item.start_mark
                marks.append(_mark_of(Mark, (file, start.line + 1, start.column + 1)))
            return out
        if tag == _STD + "timestamp":
            return str(node.value)
        if tag not in _SCALAR_TAGS or not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"the tag '{tag}' does not fit this value")
        try:
            return _scalars.yaml_constructors[tag](_scalars, node)
        except (ValueError, ArithmeticError, yaml.YAMLError):
            shown = str(node.value)
            if tag == _INT and sum(c.isdigit() for c in shown) > 100:
                digits = sum(c.isdigit() for c in shown)
                raise self.fail(node, f"this number has {digits:,} digits; numbers in a rule "
                                      "pack are far smaller (at most 1,000,000,000)") from None
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            raise self.fail(node, f"cannot read the value '{shown}' as "
                                  f"{tag.removeprefix(_STD)}") from None

    def mapping(self, node: yaml.MappingNode) -> MDict:
        file = self.file
        start = node.start_mark
        out = MDict(_mark_of(Mark, (file, start.line + 1, start.column + 1)))
        key_marks = out.key_marks
        value_marks = out.value_marks
        build = self.build
        merged: list[MDict] = []
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge":
                self.count += 1  # the '<<' key, as _expanded_size counts it
                sources = (value_node.value if isinstance(value_node, yaml.SequenceNode)
                           else [value_node])
                for src in sources:
                    built = build(src)
                    if not isinstance(built, MDict):
                        raise self.fail(src, "'<<' can only merge mappings")
                    merged.append(built)
                continue
            if key_node.__class__ is not _ScalarNode:
                raise self.fail(key_node, "a key must be plain text, not a list or mapping")
            self.count += 1
            key = str(key_node.value)
            if key in out:
                first = key_marks[key]
                raise self.fail(key_node, f"duplicate key '{key}' (first at line {first.line}); "
                                          "YAML would silently keep only the last one")
            out[key] = build(value_node)
            start = key_node.start_mark
            key_marks[key] = _mark_of(Mark, (file, start.line + 1, start.column + 1))
            start = value_node.start_mark
            # A quoted value's text starts after its quote.
            quoted = value_node.__class__ is _ScalarNode and value_node.style in ("'", '"')
            value_marks[key] = _mark_of(Mark, (file, start.line + 1, start.column + 1 + quoted))
        for src in merged:  # explicit keys win over merged ones, as in YAML
            for key, value in src.items():
                if key not in out:
                    out[key] = value
                    key_marks[key] = src.key_marks[key]
                    value_marks[key] = src.value_marks[key]
        return out


def _syntax_problem(file: str, text: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = _mark(file, mark) if mark is not None else Mark(file, 1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    at = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if at == "\t" or "\\t" in problem or "\t" in problem or "tab" in problem.lower():
        return Problem(where, "tab character used for indentation; YAML needs spaces "
                              "(set your editor to insert spaces)")
    text = f"YAML syntax error: {problem}"
    if context:
        text += f" ({context})"
    if "nesting depth" in problem:  # newer PyYAML refuses deep nesting itself
        return Problem(Mark(file, 1, 1), f"the file nests lists and mappings more than "
                                         f"{MAX_DEPTH} levels deep; refusing to read it")
    if "mapping values are not allowed" in problem:
        text += ("; a ': ' (colon and space) inside plain text starts a new field: put the "
                 "text in quotes")
    elif "flow mapping" in (context or "") or "flow sequence" in (context or ""):
        text += "; inside { } or [ ], put text that holds commas, colons or brackets in quotes"
    return Problem(where, text)


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values the node becomes once every alias is expanded.

    Aliases share node objects, so memoising by identity makes this linear in
    the file's size even when the expansion is exponential.
    """
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = MAX_NODES + 1  # a cycle counts as too big
    size = 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            size += _expanded_size(k, memo) + _expanded_size(v, memo)
            if size > MAX_NODES:
                break
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            size += _expanded_size(item, memo)
            if size > MAX_NODES:
                break
    memo[id(node)] = size
    return size


def read_yaml_text(text: str, file: str, budget: ValueBudget | None = None) -> Any:
    """Parse YAML text into marked Python values, or raise :class:`YamlProblem`.

    With ``budget``, the file's values are also taken from a budget shared by
    all the files of a pack, so many files cannot add up to what one may not.
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlProblem(Problem(Mark(file, 1, 1), "the file is empty; add content or delete it"))
    try:
        if _maybe_deep(text) and _nesting(text) > MAX_DEPTH:
            raise YamlProblem(Problem(Mark(file, 1, 1), f"the file nests lists and mappings more "
                                                        f"than {MAX_DEPTH} levels deep; refusing "
                                                        "to read it"))
        nodes = list(yaml.compose_all(text, Loader=_loader()))
    except yaml.YAMLError as exc:
        raise YamlProblem(_syntax_problem(file, text, exc)) from None
    except RecursionError:
        raise YamlProblem(Problem(Mark(file, 1, 1), "the file is nested too deeply")) from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise YamlProblem(Problem(Mark(file, 1, 1), "the file is empty; add content or delete it"))
    if len(nodes) > 1:
        raise YamlProblem(Problem(_mark(file, nodes[1].start_mark),
                                  "a pack file holds one YAML document; remove the extra '---'"))
    root = nodes[0]
    if "&" not in text:
        # No anchor, so no alias: the values are the nodes, counted as they
        # are built. Past a limit, the checks below say which was passed.
        builder = _Builder(file, MAX_NODES if budget is None else min(MAX_NODES, budget.left))
        try:
            built = builder.build(root)
        except _TooMany:
            pass
        except RecursionError:
            raise YamlProblem(Problem(Mark(file, 1, 1), "the file is nested too deeply")) from None
        else:
            if budget is not None:
                budget.take(builder.count, Mark(file, 1, 1))
            return built
    size = _expanded_size(root, {})
    if size > MAX_NODES:
        raise YamlProblem(Problem(_mark(file, root.start_mark),
                                  f"the file expands to {size:,} values through anchors and "
                                  f"aliases (at most {MAX_NODES:,}); refusing to read it"))
    if budget is not None:
        budget.take(size, Mark(file, 1, 1))
    try:
        return _Builder(file).build(root)
    except RecursionError:
        raise YamlProblem(Problem(Mark(file, 1, 1), "the file is nested too deeply")) from None


def read_file_bytes(path: Path, shown_as: str, *, inside: Path | None = None,
                    limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one pack file, refused (:class:`YamlProblem`) before they are
    read when the file is too large, is not a plain file (a folder, device or
    named pipe) or, with ``inside``, is a link leading out of that folder."""
    try:
        return read_capped(path, limit, inside=inside)
    except FileRefused as exc:
        raise YamlProblem(Problem(Mark(shown_as, 1, 1), exc.reason)) from None


def read_yaml_bytes(raw: bytes, shown_as: str, budget: ValueBudget | None = None) -> Any:
    """Decode (UTF-8, with or without a BOM) and parse the bytes of a pack file."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(Problem(Mark(shown_as, line, col),
                                  f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                                  "save it as UTF-8 in your editor")) from None
    return read_yaml_text(text, shown_as, budget)


def read_yaml_file(path: Path, shown_as: str, *, inside: Path | None = None,
                   limit: int = MAX_FILE_BYTES) -> Any:
    """Read one pack file; ``shown_as`` is the name used in messages.

    ``inside`` is the pack's folder: a file reached through a link leading out
    of it is refused (see :func:`read_file_bytes`).
    """
    return read_yaml_bytes(read_file_bytes(path, shown_as, inside=inside, limit=limit), shown_as)
