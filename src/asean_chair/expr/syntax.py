"""Where an expression that does not parse breaks, and what was expected there.

Python's parser says "invalid syntax"; a modder needs "`>>=` at character 8
is not an operator; did you mean `>=`?". :func:`explain` reads the text
token by token, as the expression language sees it, and names the first
place where it goes wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<string>'[^']*'?|"[^"]*"?)
  | (?P<op>>>=|<<=|\*\*|//|==|!=|<=|>=|=>|=<|&&|\|\||>>|<<|[-+*/%<>=!(),&|^~\[\]{}:;@#?$`\\])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

_KEYWORDS = {"and", "or", "not", "if", "else"}
_BINARY = {"+", "-", "*", "/", "//", "%", "<", "<=", ">", ">=", "==", "!="}

#: Tokens the language never has, and what to write instead.
_WRONG = {
    ">>=": "is not an operator; did you mean '>='?",
    "<<=": "is not an operator; did you mean '<='?",
    ">>": "is not an operator; did you mean '>'?",
    "<<": "is not an operator; did you mean '<'?",
    "=>": "is not an operator; did you mean '>='?",
    "=<": "is not an operator; did you mean '<='?",
    "=": "does not compare; write '==' (or '>=', '<=')",
    "&&": "is not an operator; write 'and'",
    "&": "is not an operator; write 'and'",
    "||": "is not an operator; write 'or'",
    "|": "is not an operator; write 'or'",
    "!": "is not an operator; write 'not' (or '!=' to compare)",
    "**": "is not allowed (no powers); multiply instead",
}

_EXPECT_VALUE = "expected a value: a number, a name such as autonomy or rel.north, or '('"
_EXPECT_OPERATOR = ("expected an operator (+ - * / // %), a comparison (< <= > >= == !=), "
                    "'and' or 'or'")


@dataclass(frozen=True)
class SyntaxProblem:
    """What is wrong, and the 0-based character where it is."""

    message: str
    col: int


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, position) of each token, spaces left out."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind != "space":
            out.append((kind, m.group(), m.start()))
    return out


def _at(token: str, pos: int) -> str:
    return f"'{token}' at character {pos + 1}"


def explain(text: str) -> SyntaxProblem | None:
    """The first place where ``text`` breaks the expression grammar, or
    ``None`` when this reading finds nothing wrong."""
    tokens = _tokens(text)
    want_value = True  # at the start, after an operator or '('
    opened: list[int] = []  # positions of the '(' still open
    calls: list[bool] = []  # whether each open '(' is a function call
    previous = ""
    for kind, tok, pos in tokens:
        if kind == "string":
            return SyntaxProblem(f"{_at(tok[:12], pos)}: text in quotes has no place in an "
                                 "expression (only numbers and names)", pos)
        if kind == "other" or (kind == "op" and tok in _WRONG) or \
                (kind == "op" and tok in "^~[]{}:;@#?$`\\"):
            why = _WRONG.get(tok, "has no meaning in an expression")
            return SyntaxProblem(f"{_at(tok, pos)} {why}", pos)
        word = tok if kind == "name" and tok in _KEYWORDS else ""
        if want_value:
            if kind in ("number", "name") and not word:
                want_value = False
            elif tok == "not" or tok in ("-", "+"):
                pass
            elif tok == "(":
                opened.append(pos)
                calls.append(False)
            elif tok == ")" and calls and calls[-1] and previous == "(":
                return SyntaxProblem(f"{_at(tok, pos)}: a function needs its values inside "
                                     "the brackets, e.g. max(1, capital)", pos)
            else:
                after = f" after '{previous}'" if previous else ""
                return SyntaxProblem(f"{_at(tok, pos)}: {_EXPECT_VALUE}{after}", pos)
        else:
            if tok in _BINARY or word in ("and", "or", "if", "else"):
                want_value = True
            elif tok == ")":
                if not opened:
                    return SyntaxProblem(f"{_at(tok, pos)} closes a '(' that was never "
                                         "opened", pos)
                opened.pop()
                calls.pop()
            elif tok == "(" and previous and previous[0].isalpha() \
                    and previous not in _KEYWORDS:
                opened.append(pos)
                calls.append(True)
                want_value = True
            elif tok == ",":
                if not (calls and calls[-1]):
                    return SyntaxProblem(f"{_at(tok, pos)}: a comma only separates the values "
                                         "of a function such as max(a, b)", pos)
                want_value = True
            elif word == "not":
                return SyntaxProblem(f"{_at(tok, pos)}: 'not' goes before a condition, "
                                     "e.g. 'not flag.x'; " + _EXPECT_OPERATOR, pos)
            else:
                return SyntaxProblem(f"{_at(tok, pos)}: {_EXPECT_OPERATOR} between "
                                     f"'{previous}' and '{tok}'", pos)
        previous = tok
    if want_value and tokens:
        end = len(text.rstrip())
        return SyntaxProblem(f"the expression ends after '{previous}': {_EXPECT_VALUE}", end)
    if opened:
        return SyntaxProblem(f"the '(' at character {opened[-1] + 1} is never closed: "
                             "expected ')'", len(text.rstrip()))
    return None


__all__ = ["SyntaxProblem", "explain"]
