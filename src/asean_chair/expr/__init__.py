"""The safe expression language of rule packs.

Conditions (``if``, ``requires``) and numeric amounts in a pack are short
expressions such as ``standing >= 20 and not flag.condemned`` or
``max(2, rel.north / 10)``. They are parsed with :mod:`ast`, checked against
a whitelist of node types, and compiled once, at load time, into plain Python
closures over a mapping of variables. Nothing is ever passed to ``eval`` or
``exec``: a name, attribute, call or syntax outside the whitelist is a load
error at the expression's position, and never runs.

>>> e = compile_expr("autonomy >= 20 and not flag.x", {"autonomy", "flag.x"})
>>> e({"autonomy": 30, "flag.x": 0})
True
"""

from __future__ import annotations

import ast
import difflib
import math
import operator
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from .fast import written_out

__all__ = ["FUNCTIONS", "MAX_NUMBER", "MAX_RESULT", "Expr", "ExprError", "NotFinite",
           "compile_expr"]

Vars = Mapping[str, float]
Fn = Callable[[Vars], float]

#: Functions an expression may call, with their argument counts.
FUNCTIONS: dict[str, tuple[Callable[..., float], int, int]] = {
    "min": (min, 2, 8),
    "max": (max, 2, 8),
    "abs": (abs, 1, 1),
    "round": (lambda x: math.floor(x + 0.5), 1, 1),
    "floor": (math.floor, 1, 1),
    "ceil": (math.ceil, 1, 1),
}

#: The largest number an expression may write (the same limit as the rules
#: format's numbers): bigger constants are refused at load.
MAX_NUMBER = 1_000_000_000
#: The largest result an expression may give in play. Products of bounded
#: values can still grow past it; such a result is an error, not a number.
MAX_RESULT = 10**15

#: Longest expression accepted; a rule pack has no use for more.
MAX_LENGTH = 2000
#: Deepest nesting accepted (keeps hostile input from exhausting the stack).
MAX_DEPTH = 40


class ExprError(ValueError):
    """An expression that cannot be compiled.

    ``col`` is the 0-based column inside the expression text where the
    problem starts, so the loader can point at the file position.
    """

    def __init__(self, message: str, col: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.col = col


class NotFinite(ArithmeticError):
    """An expression gave a result that is not a usable number in play
    (infinite, not a number, or beyond :data:`MAX_RESULT`).

    ``where`` is whatever the compiler was told the expression's place is
    (the loader passes its file position), so the message can name it.
    """

    def __init__(self, source: str, value: float, where: object = None) -> None:
        shown = "not a number" if isinstance(value, float) and math.isnan(value) else \
            "infinite" if abs(value) >= 1e308 else f"{value:.3g}"
        self.source = source
        self.value = value
        self.where = where
        self.message = (f"the expression '{source}' gave {shown}, not a finite number of at "
                        f"most {MAX_RESULT:.0e} in size; keep products and divisions small")
        super().__init__(self.message)


@dataclass(frozen=True, eq=False)
class Expr:
    """A compiled expression: call it with the variables to evaluate it."""

    source: str
    fn: Fn = field(repr=False)
    names: frozenset[str] = frozenset()
    #: True when the expression is a plain number (no variables).
    constant: bool = False

    def __call__(self, variables: Vars) -> float:
        return self.fn(variables)


# Operators are the C functions of the operator module: a compiled
# expression then costs one Python call per level, not two.
_COMPARE: dict[type[ast.cmpop], Callable[[float, float], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: lambda a, b: a / b if b else 0,
    ast.FloorDiv: lambda a, b: a // b if b else 0,
    ast.Mod: lambda a, b: a % b if b else 0,
}
# With a non-zero constant divisor, no zero check is needed.
_SAFE_DIVISION = {ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv,
                  ast.Mod: operator.mod}


def _dotted(node: ast.expr) -> str | None:
    """``rel.north`` as one name; ``None`` if the node is not a dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


class _Compiler:
    def __init__(self, names: Collection[str]) -> None:
        self.known = names
        self.used: set[str] = set()
        # What a compiled closure is, when it is a plain constant or name:
        # lets operators fuse with their operands into a single closure.
        # Closures are kept alive in ``self.keep`` so that their ids stay unique.
        self.leaves: dict[int, tuple[str, Any]] = {}
        self.keep: list[Fn] = []

    def constant(self, value: float) -> Fn:
        def fn(v: Vars) -> float:
            return value

        self.leaves[id(fn)] = ("c", value)
        self.keep.append(fn)
        return fn

    def fuse(self, op: Callable[[Any, Any], Any], left: Fn, right: Fn) -> Fn:
        """``op(left, right)`` as one closure, inlining constants and names."""
        lk, lv = self.leaves.get(id(left), ("f", left))
        rk, rv = self.leaves.get(id(right), ("f", right))
        if lk == "c" and rk == "c":
            return self.constant(op(lv, rv))
        fast = written_out(op, (lk, lv), (rk, rv))
        if fast is not None:
            return fast
        if lk == "n" and rk == "c":
            return lambda v: op(v[lv], rv)
        if lk == "n" and rk == "n":
            return lambda v: op(v[lv], v[rv])
        if lk == "c" and rk == "n":
            return lambda v: op(lv, v[rv])
        if rk == "c":
            return lambda v: op(left(v), rv)
        if lk == "c":
            return lambda v: op(lv, right(v))
        return lambda v: op(left(v), right(v))

    def fail(self, node: ast.AST, message: str) -> ExprError:
        return ExprError(message, getattr(node, "col_offset", 0))

    def compile(self, node: ast.expr, depth: int = 0) -> Fn:
        if depth > MAX_DEPTH:
            raise self.fail(node, "expression is nested too deeply")
        d = depth + 1
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                number: float = int(value)
            elif isinstance(value, (int, float)):
                number = value
                if isinstance(number, float) and not math.isfinite(number):
                    raise self.fail(node, f"{value!r} is not a finite number")
                if abs(number) > MAX_NUMBER:
                    shown = f"{number:,}" if abs(number) < 10**30 else \
                        f"a number of {len(str(abs(int(number))))} digits"
                    raise self.fail(node, f"{shown} is too large: numbers in an expression "
                                          f"are at most {MAX_NUMBER:,}")
            else:
                raise self.fail(node, f"only numbers are allowed here, not {value!r}")
            return self.constant(number)
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self.name(node)
        if isinstance(node, ast.BoolOp):
            parts = [self.compile(x, d) for x in node.values]
            if len(parts) == 2:
                a, b = parts
                if isinstance(node.op, ast.And):
                    return lambda v: True if a(v) and b(v) else False  # noqa: SIM210 (no call)
                return lambda v: True if a(v) or b(v) else False  # noqa: SIM210
            terms = tuple(parts)
            if isinstance(node.op, ast.And):
                def every(v: Vars) -> bool:
                    for p in terms:
                        if not p(v):
                            return False
                    return True

                return every

            def some(v: Vars) -> bool:
                for p in terms:
                    if p(v):
                        return True
                return False

            return some
        if isinstance(node, ast.UnaryOp):
            inner = self.compile(node.operand, d)
            kind, leaf = self.leaves.get(id(inner), ("f", None))
            if isinstance(node.op, ast.Not):
                if kind == "n":
                    return lambda v: not v[leaf]
                return lambda v: not inner(v)
            if isinstance(node.op, ast.USub):
                if kind == "c":
                    return self.constant(-leaf)
                return lambda v: -inner(v)
            if isinstance(node.op, ast.UAdd):
                return inner
            raise self.fail(node, "this operator is not allowed")
        if isinstance(node, ast.BinOp):
            op = _BINARY.get(type(node.op))
            if op is None:
                raise self.fail(node, "this operator is not allowed (use + - * / // %)")
            left, right = self.compile(node.left, d), self.compile(node.right, d)
            kind, divisor = self.leaves.get(id(right), ("f", None))
            if type(node.op) in _SAFE_DIVISION and kind == "c" and divisor:
                op = _SAFE_DIVISION[type(node.op)]
            return self.fuse(op, left, right)
        if isinstance(node, ast.Compare):
            return self.compare(node, d)
        if isinstance(node, ast.IfExp):
            test, body, other = (self.compile(x, d) for x in (node.test, node.body, node.orelse))
            bk, b = self.leaves.get(id(body), ("f", None))
            ok, o = self.leaves.get(id(other), ("f", None))
            if bk == "c" and ok == "c":
                return lambda v: b if test(v) else o
            return lambda v: body(v) if test(v) else other(v)
        if isinstance(node, ast.Call):
            return self.call(node, d)
        kind = type(node).__name__
        friendly = {
            "Lambda": "lambda", "ListComp": "a comprehension", "SetComp": "a comprehension",
            "DictComp": "a comprehension", "GeneratorExp": "a generator",
            "Subscript": "indexing ([...])", "List": "a list", "Tuple": "a tuple",
            "Dict": "a dict", "Set": "a set", "JoinedStr": "an f-string",
            "NamedExpr": "the := operator", "Await": "await", "Starred": "*",
        }.get(kind, kind)
        raise self.fail(node, f"{friendly} is not allowed in an expression")

    def name(self, node: ast.expr) -> Fn:
        dotted = _dotted(node)
        if dotted is None:
            raise self.fail(node, "this attribute is not allowed; only names such as "
                                  "autonomy or rel.north may have a dot")
        if "__" in dotted:
            raise self.fail(node, f"'{dotted}' is not allowed (no double underscores)")
        if dotted in ("true", "false"):
            return self.constant(1 if dotted == "true" else 0)
        if dotted not in self.known:
            hint = difflib.get_close_matches(dotted, list(self.known), n=1, cutoff=0.6)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            raise self.fail(node, f"unknown name '{dotted}'{extra}")
        # One string object per name, shared with the engine's table of
        # values: a lookup then matches by identity.
        dotted = sys.intern(dotted)
        self.used.add(dotted)

        def fn(v: Vars) -> float:
            return v[dotted]

        self.leaves[id(fn)] = ("n", dotted)
        self.keep.append(fn)
        return fn

    def compare(self, node: ast.Compare, depth: int) -> Fn:
        ops: list[Callable[[float, float], bool]] = []
        for cmp in node.ops:
            fn = _COMPARE.get(type(cmp))
            if fn is None:
                raise self.fail(node, "only < <= > >= == != comparisons are allowed")
            ops.append(fn)
        terms = [self.compile(node.left, depth)] + [self.compile(c, depth)
                                                    for c in node.comparators]
        if len(ops) == 1:
            return self.fuse(ops[0], terms[0], terms[1])

        def chain(v: Vars) -> bool:
            values = [t(v) for t in terms]
            return all(test(values[i], values[i + 1]) for i, test in enumerate(ops))

        return chain

    def call(self, node: ast.Call, depth: int) -> Fn:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, "this call is not allowed; only the functions "
                                  f"{', '.join(FUNCTIONS)} may be called")
        name = node.func.id
        if name not in FUNCTIONS:
            hint = difflib.get_close_matches(name, list(FUNCTIONS), n=1)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            raise self.fail(
                node, f"function '{name}' is not allowed (allowed: {', '.join(FUNCTIONS)}){extra}"
            )
        if node.keywords:
            raise self.fail(node, f"{name}() takes no keyword arguments")
        fn, low, high = FUNCTIONS[name]
        if not low <= len(node.args) <= high:
            raise self.fail(node, f"{name}() takes {low}" + (f" to {high}" if high != low else "")
                            + (" argument" if high == 1 else " arguments"))
        args = [self.compile(a, depth + 1) for a in node.args]
        if len(args) == 1:
            (only,) = args
            kind, leaf = self.leaves.get(id(only), ("f", None))
            if kind == "n":
                return lambda v: fn(v[leaf])
            return lambda v: fn(only(v))
        if len(args) == 2:
            return self.fuse(fn, args[0], args[1])
        return lambda v: fn(*(a(v) for a in args))


def _guarded(fn: Fn, source: str, where: object) -> Fn:
    """``fn`` with its result checked: finite and at most :data:`MAX_RESULT`."""

    def checked(v: Vars) -> float:
        try:
            x = fn(v)
        except OverflowError:  # a huge whole number divided: too large for a float
            raise NotFinite(source, math.inf, where) from None
        if -MAX_RESULT <= x <= MAX_RESULT:  # False for NaN too
            return x
        big = (isinstance(x, float) and math.isnan(x)) or abs(x) >= 1e308
        raise NotFinite(source, x if big else float(x), where)

    return checked


_GROWING = (ast.Mult, ast.Div, ast.FloorDiv, ast.Mod)


def compile_expr(source: str | float, names: Collection[str], where: object = None) -> Expr:
    """Compile ``source`` against the variable ``names`` a pack defines.

    ``where`` names the expression's place (e.g. its file position) in the
    :class:`NotFinite` error raised if, in play, a product or a division
    gives a result that is not a finite number of sensible size.

    Raises :class:`ExprError` (with a column) for anything outside the
    language: unknown names, attributes such as ``__class__``, calls to
    functions other than min/max/abs/round/floor/ceil, lambdas,
    comprehensions, indexing, strings.
    """
    if isinstance(source, bool):
        value = int(source)
        return Expr(str(source).lower(), lambda v: value, frozenset(), True)
    if isinstance(source, (int, float)):
        if (isinstance(source, float) and not math.isfinite(source)) or abs(source) > MAX_NUMBER:
            raise ExprError(f"{source!r} is not a finite number of at most {MAX_NUMBER:,}")
        number = source
        return Expr(str(source), lambda v: number, frozenset(), True)
    if not isinstance(source, str):
        raise ExprError("expected an expression or a number")
    text = source.strip()
    if not text:
        raise ExprError("empty expression")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression is longer than {MAX_LENGTH} characters")
    # The pack language writes true/false in lower case, like YAML.
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        from .syntax import explain

        found = explain(text)
        if found is not None:
            raise ExprError(f"not a valid expression: {found.message}", found.col) from None
        col = max((exc.offset or 1) - 1, 0)
        raise ExprError(f"not a valid expression at character {col + 1}: {exc.msg}",
                        col) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExprError("not a valid expression") from None
    compiler = _Compiler(names)
    fn = compiler.compile(tree.body)
    if any(isinstance(n, ast.BinOp) and isinstance(n.op, _GROWING) for n in ast.walk(tree)):
        fn = _guarded(fn, text, where)
    constant = isinstance(tree.body, ast.Constant) or (
        isinstance(tree.body, ast.UnaryOp) and isinstance(tree.body.operand, ast.Constant)
    )
    return Expr(text, fn, frozenset(compiler.used), constant)
