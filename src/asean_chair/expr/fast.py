"""Closures for the commonest shapes of a binary operation, written out.

A fused closure such as ``lambda v: op(v[name], c)`` calls the operator as a
function; written out, ``lambda v: v[name] < c`` does the same work in the
interpreter's own instructions, with no call. Each closure here computes
exactly what ``op(left, right)`` computes on numbers, evaluating ``left``
before ``right``; ``min``/``max`` included (the first of two equal values
wins, as with the built-ins).

Shapes: ``n`` a value looked up by name, ``c`` a constant, ``f`` a closure.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

Vars = Any
Fn = Callable[[Vars], Any]
Shape = Callable[[Any, Any], Fn]

# Each table maps an operator to its closure builder for one shape.
_NC: dict[Any, Shape] = {
    operator.lt: lambda n, c: lambda v: v[n] < c,
    operator.le: lambda n, c: lambda v: v[n] <= c,
    operator.gt: lambda n, c: lambda v: v[n] > c,
    operator.ge: lambda n, c: lambda v: v[n] >= c,
    operator.eq: lambda n, c: lambda v: v[n] == c,
    operator.ne: lambda n, c: lambda v: v[n] != c,
    operator.add: lambda n, c: lambda v: v[n] + c,
    operator.sub: lambda n, c: lambda v: v[n] - c,
    operator.mul: lambda n, c: lambda v: v[n] * c,
    operator.truediv: lambda n, c: lambda v: v[n] / c,
    operator.floordiv: lambda n, c: lambda v: v[n] // c,
    operator.mod: lambda n, c: lambda v: v[n] % c,
    min: lambda n, c: lambda v: c if c < (x := v[n]) else x,
    max: lambda n, c: lambda v: c if c > (x := v[n]) else x,
}
_CN: dict[Any, Shape] = {
    operator.lt: lambda c, n: lambda v: c < v[n],
    operator.le: lambda c, n: lambda v: c <= v[n],
    operator.gt: lambda c, n: lambda v: c > v[n],
    operator.ge: lambda c, n: lambda v: c >= v[n],
    operator.add: lambda c, n: lambda v: c + v[n],
    operator.sub: lambda c, n: lambda v: c - v[n],
    operator.mul: lambda c, n: lambda v: c * v[n],
    min: lambda c, n: lambda v: x if (x := v[n]) < c else c,
    max: lambda c, n: lambda v: x if (x := v[n]) > c else c,
}
_NN: dict[Any, Shape] = {
    operator.lt: lambda a, b: lambda v: v[a] < v[b],
    operator.le: lambda a, b: lambda v: v[a] <= v[b],
    operator.gt: lambda a, b: lambda v: v[a] > v[b],
    operator.ge: lambda a, b: lambda v: v[a] >= v[b],
    operator.add: lambda a, b: lambda v: v[a] + v[b],
    operator.sub: lambda a, b: lambda v: v[a] - v[b],
    operator.mul: lambda a, b: lambda v: v[a] * v[b],
    min: lambda a, b: lambda v: y if (x := v[a]) > (y := v[b]) else x,
    max: lambda a, b: lambda v: y if (x := v[a]) < (y := v[b]) else x,
}
_FC: dict[Any, Shape] = {
    operator.lt: lambda f, c: lambda v: f(v) < c,
    operator.le: lambda f, c: lambda v: f(v) <= c,
    operator.gt: lambda f, c: lambda v: f(v) > c,
    operator.ge: lambda f, c: lambda v: f(v) >= c,
    operator.eq: lambda f, c: lambda v: f(v) == c,
    operator.add: lambda f, c: lambda v: f(v) + c,
    operator.sub: lambda f, c: lambda v: f(v) - c,
    operator.mul: lambda f, c: lambda v: f(v) * c,
    operator.truediv: lambda f, c: lambda v: f(v) / c,
    operator.floordiv: lambda f, c: lambda v: f(v) // c,
    min: lambda f, c: lambda v: c if c < (x := f(v)) else x,
    max: lambda f, c: lambda v: c if c > (x := f(v)) else x,
}
_CF: dict[Any, Shape] = {
    operator.add: lambda c, f: lambda v: c + f(v),
    operator.sub: lambda c, f: lambda v: c - f(v),
    operator.mul: lambda c, f: lambda v: c * f(v),
}
_FF: dict[Any, Shape] = {
    operator.add: lambda f, g: lambda v: f(v) + g(v),
    operator.sub: lambda f, g: lambda v: f(v) - g(v),
    operator.mul: lambda f, g: lambda v: f(v) * g(v),
    min: lambda f, g: lambda v: y if (x := f(v)) > (y := g(v)) else x,
    max: lambda f, g: lambda v: y if (x := f(v)) < (y := g(v)) else x,
}
_FN: dict[Any, Shape] = {
    operator.add: lambda f, n: lambda v: f(v) + v[n],
    operator.sub: lambda f, n: lambda v: f(v) - v[n],
    min: lambda f, n: lambda v: y if (x := f(v)) > (y := v[n]) else x,
    max: lambda f, n: lambda v: y if (x := f(v)) < (y := v[n]) else x,
}
_NF: dict[Any, Shape] = {
    operator.add: lambda n, f: lambda v: v[n] + f(v),
    operator.sub: lambda n, f: lambda v: v[n] - f(v),
    min: lambda n, f: lambda v: y if (x := v[n]) > (y := f(v)) else x,
    max: lambda n, f: lambda v: y if (x := v[n]) < (y := f(v)) else x,
}
SHAPES: dict[tuple[str, str], dict[Any, Shape]] = {
    ("n", "c"): _NC, ("c", "n"): _CN, ("n", "n"): _NN, ("f", "c"): _FC, ("c", "f"): _CF,
    ("f", "f"): _FF, ("f", "n"): _FN, ("n", "f"): _NF,
}


def written_out(op: Callable[[Any, Any], Any], left: tuple[str, Any],
                right: tuple[str, Any]) -> Fn | None:
    """``op(left, right)`` as a written-out closure, or ``None`` for a shape
    or an operator without one. ``left`` and ``right`` are (shape, what)."""
    table = SHAPES.get((left[0], right[0]))
    build = table.get(op) if table is not None else None
    return build(left[1], right[1]) if build is not None else None


__all__ = ["SHAPES", "written_out"]
