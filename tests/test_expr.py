"""The expression language: what it computes, and what it refuses to run."""

from __future__ import annotations

import builtins

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asean_chair.expr import ExprError, compile_expr

NAMES = {"autonomy", "rel.china", "rel.usa", "flag.open", "month"}
VALUES = {"autonomy": 40, "rel.china": 25, "rel.usa": -10, "flag.open": 1, "month": 6}


@pytest.mark.parametrize(("source", "expected"), [
    ("autonomy + 2 * 3", 46),
    ("rel.china / 10", 2.5),
    ("rel.china // 10", 2),
    ("autonomy % 7", 5),
    ("-rel.usa", 10),
    ("max(2, rel.china / 10)", 2.5),
    ("min(autonomy, 30, 50)", 30),
    ("abs(rel.usa)", 10),
    ("round(2.5)", 3),
    ("floor(2.7) + ceil(2.1)", 5),
    ("autonomy >= 40 and not flag.open", False),
    ("autonomy >= 40 or flag.open", True),
    ("20 <= autonomy < 50", True),
    ("5 if flag.open else 2", 5),
    ("month == 6 and rel.usa != 0", True),
    ("true", 1),
    ("autonomy / 0", 0),
    (7, 7),
])
def test_expressions_compute(source: object, expected: object) -> None:
    assert compile_expr(source, NAMES)(VALUES) == expected  # type: ignore[arg-type]


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(ExprError) as err:
        compile_expr("autonomyy > 3", NAMES)
    assert "unknown name 'autonomyy'" in err.value.message
    assert "did you mean 'autonomy'" in err.value.message


def test_error_column_points_at_the_problem() -> None:
    with pytest.raises(ExprError) as err:
        compile_expr("autonomy > 3 and rel.chnia < 5", NAMES)
    assert err.value.col == 17


@pytest.mark.parametrize(("source", "words"), [
    ("autonomy.__class__", "double underscores"),
    ("().__class__.__bases__", "not allowed"),
    ("open('/etc/passwd')", "function 'open' is not allowed"),
    ("__import__('os').system('ls')", "not allowed"),
    ("eval('1')", "function 'eval' is not allowed"),
    ("(lambda: 1)()", "not allowed"),
    ("[x for x in (1, 2)]", "comprehension is not allowed"),
    ("sum(x for x in (1,))", "not allowed"),
    ("'text'", "only numbers"),
    ("autonomy[0]", "indexing"),
    ("max(autonomy, key=abs)", "keyword"),
    ("autonomy ** 999999", "operator is not allowed"),
    ("(x := 3)", "not allowed"),
    ("1 +", "not a valid expression"),
    ("", "empty expression"),
])
def test_forbidden_forms_are_rejected(source: str, words: str) -> None:
    with pytest.raises(ExprError) as err:
        compile_expr(source, NAMES)
    assert words in err.value.message


def test_nothing_is_ever_evaluated(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("eval/exec must never be called")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    expr = compile_expr("max(autonomy, 3) > 2 and not flag.open", NAMES)
    assert expr(VALUES) is False
    with pytest.raises(ExprError):
        compile_expr("__import__('os')", NAMES)


def test_hostile_sizes_are_refused_quickly() -> None:
    with pytest.raises(ExprError):
        compile_expr("1+" * 400 + "1", NAMES)
    with pytest.raises(ExprError):
        compile_expr("abs(" * 100 + "1" + ")" * 100, NAMES)


def test_names_used_are_recorded() -> None:
    expr = compile_expr("autonomy > rel.china", NAMES)
    assert expr.names == {"autonomy", "rel.china"}


# A property test: compiled expressions agree with Python's own arithmetic on
# random expressions (Python is only the oracle here, inside the test).
ORACLE_VALUES = {"a": 7, "b": -3, "c": 0, "d": 12}
# Each example is (expression, the same in Python): `and`/`or` give true or
# false in packs, where Python would give an operand.
LEAVES = st.sampled_from(["a", "b", "c", "d", "1", "2", "5", "0", "3.5"]).map(lambda x: (x, x))
Pair = tuple[str, str]


def _node(children: st.SearchStrategy[Pair]) -> st.SearchStrategy[Pair]:
    def infix(ops: list[str], wrap: str = "") -> st.SearchStrategy[Pair]:
        return st.tuples(children, st.sampled_from(ops), children).map(
            lambda t: (f"({t[0][0]} {t[1]} {t[2][0]})", f"{wrap}({t[0][1]} {t[1]} {t[2][1]})"))

    call = st.tuples(st.sampled_from(["min", "max"]), children, children).map(
        lambda t: (f"{t[0]}({t[1][0]}, {t[2][0]})", f"{t[0]}({t[1][1]}, {t[2][1]})"))
    unary = st.tuples(st.sampled_from(["not ", "-", "abs"]), children).map(
        lambda t: (f"({t[0]}({t[1][0]}))", f"({t[0]}({t[1][1]}))"))
    return st.one_of(infix(["+", "-", "*"]), infix(["<", "<=", ">", ">=", "==", "!="]),
                     infix(["and", "or"], wrap="bool"), call, unary)


EXPRESSIONS = st.recursive(LEAVES, _node, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(EXPRESSIONS)
def test_compiled_expressions_match_python(pair: Pair) -> None:
    source, oracle = pair
    compiled = compile_expr(source, set(ORACLE_VALUES))
    expected = eval(oracle, {"__builtins__": {"min": min, "max": max, "abs": abs,
                                              "bool": bool}}, dict(ORACLE_VALUES))
    assert float(compiled(ORACLE_VALUES)) == float(expected), source
