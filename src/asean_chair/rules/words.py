"""Effects and expressions in plain words, for play at a table.

The printed deck and its rules summary describe every effect so that a
15-year-old with a pencil and dice can apply it::

    Autonomy +3
    Set the marker 'Port opened'
    In 2 months, add card 'The report' to that month
    If North > 50: Cohesion −3. Otherwise: nothing changes.
    Roll a d10: 1–7 On time — Economy +3; 8–10 Costs overrun — Autonomy −5

Chances become die rolls (:func:`die_ranges`): a d6 when every chance is a
multiple of 1/6, a d10 when every chance is a multiple of 0.1, else a d100
(two d10, tens and units). Expressions are shown as written, with names
replaced by what players see (:func:`describe_expr`).

This module reads models only: no YAML, no window, no game content.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator, Sequence

from .effects import kind_of, walk_effects
from .models import Effect, Outcome
from .ruleset import Ruleset

__all__ = [
    "MINUS",
    "describe_effects",
    "describe_expr",
    "describe_roll",
    "die_ranges",
    "effects_of",
    "expr_terms",
    "modifier_names",
    "signed",
]

#: The minus sign used in printed numbers (wider and clearer than a hyphen).
MINUS = "\u2212"
#: The dash between the two ends of a die range, e.g. ``1–7``.
DASH = "\u2013"

# ------------------------------------------------------------------ numbers


def _number(x: float) -> str:
    """A number as players write it: ``3``, ``0.5``, ``−2``."""
    if isinstance(x, bool):
        return "1" if x else "0"
    if float(x).is_integer():
        text = str(int(x))
    else:
        text = f"{x:.3f}".rstrip("0").rstrip(".")
    return text.replace("-", MINUS)


def signed(x: float) -> str:
    """A change with its sign: ``+3``, ``−5``, ``+0.5``."""
    return _number(x) if x < 0 else f"+{_number(x)}"


# -------------------------------------------------------------- expressions

# Precedence of rendered nodes; a child with a lower one gets brackets.
_OR, _AND, _NOT, _CMP, _ADD, _MUL, _NEG, _ATOM = range(1, 9)

_CMP_WORDS: dict[type[ast.cmpop], str] = {
    ast.Gt: ">", ast.GtE: "\u2265", ast.Lt: "<", ast.LtE: "\u2264",
    ast.Eq: "=", ast.NotEq: "\u2260",
}
_BIN_WORDS: dict[type[ast.operator], tuple[str, int]] = {
    ast.Add: ("+", _ADD), ast.Sub: (MINUS, _ADD),
    ast.Mult: ("\u00d7", _MUL), ast.Div: ("/", _MUL), ast.FloorDiv: ("/", _MUL),
    ast.Mod: ("mod", _MUL),
}


class _Words:
    """Renders a parsed expression in players' words."""

    def __init__(self, ruleset: Ruleset, players: bool = False) -> None:
        self.ruleset = ruleset
        self.players = players

    # names ---------------------------------------------------------------

    def name(self, name: str) -> str:
        kind, _, rest = name.partition(".")
        if kind == "flag":
            return f"marker '{self.ruleset.label(name)}'"
        if kind == "mod":
            return f"months left of '{modifier_names(self.ruleset).get(rest, rest)}'"
        builtin = self.builtin(name)
        if builtin is not None:
            return builtin
        track = self.ruleset.tracks.get(name)
        if self.players and track is not None and not track.visible:
            return "something you cannot see"
        return self.ruleset.label(name)

    def builtin(self, name: str) -> str | None:
        """The words of a built-in name, in the scenario's terms (``weeks left``)."""
        sc = self.ruleset.scenario()
        clock = sc.clock
        return {"month": "month", "turn": clock.unit, "turns_left": f"{clock.units} left",
                "capital": sc.capital.name}.get(name)

    @staticmethod
    def dotted(node: ast.expr) -> str | None:
        """``rel.north`` for an attribute node, the name for a name node."""
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return f"{node.value.id}.{node.attr}"
        return None

    def is_flag(self, node: ast.expr) -> bool:
        name = self.dotted(node)
        return name is not None and name.startswith("flag.")

    @staticmethod
    def is_test(node: ast.expr) -> bool:
        """Whether a node is a yes/no test (it counts 1 or 0 in arithmetic)."""
        return isinstance(node, (ast.Compare, ast.BoolOp)) or (
            isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not))

    # rendering -----------------------------------------------------------

    def wrap(self, node: ast.expr, least: int) -> str:
        text, prec = self.render(node)
        return f"({text})" if prec < least else text

    def render(self, node: ast.expr) -> tuple[str, int]:
        """The words for a node and their precedence."""
        name = self.dotted(node)
        if name is not None:
            if name.startswith("flag."):
                return f"{self.name(name)} set", _CMP
            return self.name(name), _ATOM
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return ("always" if node.value else "never"), _ATOM
            if isinstance(node.value, (int, float)):
                return _number(node.value), (_NEG if node.value < 0 else _ATOM)
            return str(node.value), _ATOM
        if isinstance(node, ast.BoolOp):
            word, prec = (" and ", _AND) if isinstance(node.op, ast.And) else (" or ", _OR)
            return word.join(self.wrap(v, prec + 1) for v in node.values), prec
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.Compare):
            parts = [self.wrap(node.left, _ADD)]
            for op, right in zip(node.ops, node.comparators, strict=True):
                parts += [_CMP_WORDS.get(type(op), "?"), self.wrap(right, _ADD)]
            return " ".join(parts), _CMP
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call(node.func.id, node.args)
        if isinstance(node, ast.IfExp):
            return (f"{self.wrap(node.body, _CMP)} if {self.wrap(node.test, _OR)}, "
                    f"otherwise {self.wrap(node.orelse, _CMP)}"), _OR - 1
        return ast.unparse(node), _ATOM

    def unary(self, node: ast.UnaryOp) -> tuple[str, int]:
        if isinstance(node.op, ast.Not):
            name = self.dotted(node.operand)
            if name is not None and name.startswith("flag."):
                return f"{self.name(name)} not set", _CMP
            return f"not {self.wrap(node.operand, _NOT)}", _NOT
        if isinstance(node.op, ast.USub):
            return f"{MINUS}{self.wrap(node.operand, _ATOM)}", _NEG
        return self.render(node.operand)

    def binary(self, node: ast.BinOp) -> tuple[str, int]:
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return self.sum(node), _ADD
        word, prec = _BIN_WORDS.get(type(node.op), ("?", _MUL))
        left = self.wrap(node.left, prec)
        right = self.wrap(node.right, prec + 1)
        return f"{left} {word} {right}", prec

    def sum(self, node: ast.expr) -> str:
        terms = list(self.terms(node))
        if not any(self.counted(t) for _, t in terms):
            text = self.wrap(terms[0][1], _ADD + 1) if terms[0][0] > 0 else \
                f"{MINUS}{self.wrap(terms[0][1], _NEG)}"
            for sign, term in terms[1:]:
                text += f" {'+' if sign > 0 else MINUS} {self.wrap(term, _ADD + 1)}"
            return text
        return ", ".join(self.term(sign, term, first=i == 0)
                         for i, (sign, term) in enumerate(terms))

    def terms(self, node: ast.expr, sign: int = 1) -> Iterator[tuple[int, ast.expr]]:
        """The terms of a chain of ``+`` and ``-``, each with its sign."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            yield from self.terms(node.left, sign)
            yield from self.terms(node.right, sign if isinstance(node.op, ast.Add) else -sign)
        else:
            yield sign, node

    def counted(self, node: ast.expr) -> tuple[str, str] | None:
        """For a term that counts a test (``(a > 1)``, ``5 * flag.x``): (amount, test)."""
        factor: ast.expr | None = None
        test = node
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            if isinstance(node.left, ast.Constant):
                factor, test = node.left, node.right
            elif isinstance(node.right, ast.Constant):
                factor, test = node.right, node.left
        if not (self.is_test(test) or self.is_flag(test)):
            return None
        amount = "1" if factor is None else self.wrap(factor, _ATOM)
        return amount, self.wrap(test, _OR)

    def term(self, sign: int, node: ast.expr, first: bool) -> str:
        counted = self.counted(node)
        mark = "+" if sign > 0 else MINUS
        if counted is not None:
            amount, test = counted
            return f"{'' if first and sign > 0 else mark}{amount} if {test}"
        text = self.wrap(node, _ADD + 1)
        return text if first and sign > 0 else f"{mark} {text}"

    def call(self, func: str, args: list[ast.expr]) -> tuple[str, int]:
        words = [self.wrap(a, _ADD) for a in args]
        numbers = [a for a in args if isinstance(a, ast.Constant)]
        if func in ("min", "max") and len(args) == 2 and len(numbers) == 1:
            other = args[0] if args[1] is numbers[0] else args[1]
            limit = "at most" if func == "min" else "at least"
            return f"{self.wrap(other, _ADD)} ({limit} {self.wrap(numbers[0], _ATOM)})", _ATOM
        if func in ("min", "max"):
            which = "lowest" if func == "min" else "highest"
            return f"the {which} of {', '.join(words)}", _ADD
        if func in ("round", "floor", "ceil") and len(words) == 1:
            how = {"round": "rounded", "floor": "rounded down", "ceil": "rounded up"}[func]
            return f"{self.wrap(args[0], _ATOM)} {how}", _MUL
        if func == "abs" and len(words) == 1:
            return f"{self.wrap(args[0], _ATOM)} without its sign", _MUL
        return f"{func}({', '.join(words)})", _ATOM


def _parse(source: str) -> ast.expr | None:
    try:
        return ast.parse(source.strip(), mode="eval").body
    except SyntaxError:
        return None


def describe_expr(source: str | float | bool, ruleset: Ruleset, *, players: bool = False) -> str:
    """An expression in players' words: ``rel.north > 50`` -> ``North > 50``.

    Names become what players see (track and actor names, a flag becomes
    "marker '...' set"), comparisons get their usual signs, and a test
    counted in a sum reads ``+1 if ...``. Anything unexpected is shown as
    written.
    """
    if isinstance(source, bool):
        return "always" if source else "never"
    if isinstance(source, (int, float)):
        return _number(source)
    node = _parse(source)
    if node is None:
        return source.strip()
    return _Words(ruleset, players).render(node)[0]


def expr_terms(source: str | float, ruleset: Ruleset) -> list[str]:
    """The terms of a sum, each in words, signed after the first.

    ``autonomy + 10 * flag.x - rel.north / 2`` gives
    ``["Autonomy", "+10 if marker 'X' set", "− North / 2"]``: a score
    formula printed one term a line.
    """
    if isinstance(source, (int, float)):
        return [_number(source)]
    node = _parse(source)
    if node is None:
        return [source.strip()]
    words = _Words(ruleset)
    return [words.term(sign, term, first=i == 0)
            for i, (sign, term) in enumerate(words.terms(node))]


# -------------------------------------------------------------------- dice


def _exact_faces(chances: Sequence[float], sides: int) -> list[int] | None:
    counts = [c * sides for c in chances]
    if all(abs(x - round(x)) < 0.01 and round(x) >= 1 for x in counts):
        faces = [round(x) for x in counts]
        if sum(faces) == sides:
            return faces
    return None


def _spread_faces(chances: Sequence[float], sides: int) -> list[int]:
    """Faces per chance by largest remainder: every chance at least one face."""
    total = sum(chances) or 1.0
    shares = [c / total * sides for c in chances]
    faces = [max(1, math.floor(s)) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: shares[i] - math.floor(shares[i]),
                   reverse=True)
    i = 0
    while sum(faces) < sides:
        faces[order[i % len(order)]] += 1
        i += 1
    while sum(faces) > sides:
        biggest = max(range(len(faces)), key=lambda j: faces[j])
        faces[biggest] -= 1
    return faces


def die_ranges(chances: Sequence[float]) -> tuple[int, list[tuple[int, int]]]:
    """The die to roll for these chances and the face range of each.

    >>> die_ranges([0.7, 0.3])
    (10, [(1, 7), (8, 10)])
    >>> die_ranges([0.5, 0.5])
    (6, [(1, 3), (4, 6)])
    >>> die_ranges([0.25, 0.75])
    (100, [(1, 25), (26, 100)])

    Ranges are contiguous, start at 1 and end at the die's last face.
    """
    if not chances:
        return 6, []
    faces: list[int] | None = None
    sides = 6
    for sides in (6, 10, 100):
        faces = _exact_faces(chances, sides)
        if faces is not None:
            break
    if faces is None:
        sides, faces = 100, _spread_faces(chances, 100)
    ranges: list[tuple[int, int]] = []
    low = 1
    for n in faces:
        ranges.append((low, low + n - 1))
        low += n
    return sides, ranges


def _face_range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}{DASH}{high}"


def describe_roll(outcomes: Sequence[Outcome], ruleset: Ruleset) -> tuple[str, list[str]]:
    """The die to roll (``"Roll a d10:"``) and one line per outcome.

    Each line is ``"1–7 The road opens — Economy +3"``: the faces, the
    outcome's text and what it does.
    """
    sides, ranges = die_ranges([o.chance for o in outcomes])
    lines = []
    for (low, high), outcome in zip(ranges, outcomes, strict=True):
        does = "; ".join(PackWords(ruleset).lines(outcome.effects, nested=True))
        text = outcome.text.strip()
        if text and does:
            what = f"{text.removesuffix('.')} \u2014 {does}"
        else:
            what = text or does or "nothing changes"
        lines.append(f"{_face_range(low, high)} {what}")
    return f"Roll a d{sides}:", lines


# ----------------------------------------------------------------- effects


def effects_of(ruleset: Ruleset) -> Iterator[Effect]:
    """Every effect of the packs' cards, actions and rules, nested ones included."""
    for card in ruleset.cards.values():
        for opt in card.options:
            yield from walk_effects(opt.effects)
            for o in opt.outcomes:
                yield from walk_effects(o.effects)
    for action in ruleset.actions.values():
        yield from walk_effects(action.effects)
        for o in action.outcomes:
            yield from walk_effects(o.effects)
    for rule in ruleset.rules.values():
        yield from walk_effects(rule.effects)


def modifier_names(ruleset: Ruleset) -> dict[str, str]:
    """The name of every modifier an effect of the packs can start, by id."""
    key = ("words", "modifier_names")
    names = ruleset.cache.get(key)
    if names is None:
        names = {e.modifier.id: e.modifier.name for e in effects_of(ruleset)
                 if e.modifier is not None}
        ruleset.cache[key] = names
    return dict(names)


class PackWords:
    """The words of one ruleset, as each kind of effect asks for them
    (:class:`~asean_chair.rules.effects.Words`).

    For ``players``, hidden tracks are left out of what effects do, and a
    condition that reads one speaks of "something you cannot see".
    """

    def __init__(self, ruleset: Ruleset, *, players: bool = False) -> None:
        self.ruleset = ruleset
        self.players = players

    def label(self, name: str) -> str:
        return self.ruleset.label(name)

    def shown(self, target: str) -> bool:
        track = self.ruleset.tracks.get(target)
        return not self.players or track is None or track.visible

    def expr(self, source: str | float | bool) -> str:
        return describe_expr(source, self.ruleset, players=self.players)

    def amount(self, amount: float | str) -> tuple[str, float | None]:
        """A change in words (``+3``, ``+(North / 10)``) and its value when constant."""
        if isinstance(amount, (int, float)):
            return signed(amount), float(amount)
        node = _parse(amount)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return signed(node.value), float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and \
                isinstance(node.operand, ast.Constant) and \
                isinstance(node.operand.value, (int, float)):
            return signed(-node.operand.value), -float(node.operand.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return f"{MINUS}({_Words(self.ruleset).render(node.operand)[0]})", None
        return f"+({describe_expr(amount, self.ruleset)})", None

    def signed(self, x: float) -> str:
        return signed(x)

    def number(self, x: float) -> str:
        return _number(x)

    def card_title(self, card_id: str) -> str:
        card = self.ruleset.cards.get(card_id)
        return card.title if card is not None else card_id.replace("_", " ")

    def ending(self, ending_id: str) -> str:
        for scenario in self.ruleset.scenarios.values():
            for ending in scenario.endings:
                if ending.id == ending_id:
                    return f"'{ending.title}'" + (" (a defeat)" if ending.defeat else "")
        return f"'{ending_id}'"

    def modifier_name(self, modifier_id: str) -> str:
        return modifier_names(self.ruleset).get(modifier_id, modifier_id)

    def turns(self, n: int) -> str:
        """``month``, ``3 weeks``: turns in the calendar's word (one turn: the word alone)."""
        clock = self.ruleset.scenario().clock
        return clock.unit if n == 1 else clock.count(n)

    def later(self, turns: int) -> str:
        """``Next month``, ``In 3 weeks``."""
        return f"Next {self.turns(1)}" if turns == 1 else f"In {self.turns(turns)}"

    def lines(self, effects: list[Effect], nested: bool) -> list[str]:
        # Inside a condition, a roll or a delay, messages to read out add
        # length, not play: they are left out there.
        lines = [kind_of(e).describe(e, self) for e in effects
                 if not (nested and e.log is not None)]
        return [line for line in lines if line]  # an effect only on hidden values says nothing

    def roll(self, outcomes: list[Outcome]) -> tuple[str, list[str]]:
        return describe_roll(outcomes, self.ruleset)

    def rivals(self, target: str) -> dict[str, float]:
        kind, _, actor_id = target.partition(".")
        actor = self.ruleset.actors.get(actor_id) if kind == "rel" else None
        if actor is None:
            return {}
        return {f"rel.{rival}": factor for rival, factor in actor.rivals.items()}

    def currency(self) -> str:
        return "capital"


def describe_effects(effects: Sequence[Effect], ruleset: Ruleset, *,
                     players: bool = False) -> list[str]:
    """One short line in plain words for each effect, in order.

    >>> describe_effects(option.effects, ruleset)  # doctest: +SKIP
    ['Autonomy +3, North +12 (rivalry: South −6)', "Set the marker 'Port opened'"]
    """
    return PackWords(ruleset, players=players).lines(list(effects), nested=False)
