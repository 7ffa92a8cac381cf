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

Every word comes from the game's phrases (``effect.*`` in
``assets/locale/<language>.yaml``), and numbers are written in the
language's digits, so a Khmer deck says what an effect does in Khmer.

This module reads models only: no YAML, no window, no game content.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator, Sequence

from ..phrases import digits, phrase
from ..turns import unit_count
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


def _number(x: float, language: str = "en") -> str:
    """A number as players write it: ``3``, ``0.5``, ``−2``."""
    if isinstance(x, bool):
        return digits("1" if x else "0", language)
    if float(x).is_integer():
        text = str(int(x))
    else:
        text = f"{x:.3f}".rstrip("0").rstrip(".")
    return digits(text.replace("-", MINUS), language)


def signed(x: float, language: str = "en") -> str:
    """A change with its sign: ``+3``, ``−5``, ``+0.5``."""
    return _number(x, language) if x < 0 else f"+{_number(x, language)}"


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

    def __init__(self, ruleset: Ruleset, players: bool = False, language: str = "en") -> None:
        self.ruleset = ruleset
        self.players = players
        self.language = language

    def p(self, key: str, **fields: str) -> str:
        """A phrase of ``effect.*`` in the reader's language."""
        return phrase(f"effect.{key}", self.language, **fields)

    def number(self, x: float) -> str:
        return _number(x, self.language)

    # names ---------------------------------------------------------------

    def name(self, name: str) -> str:
        kind, _, rest = name.partition(".")
        if kind == "flag":
            return self.p("marker", name=self.ruleset.label(name))
        if kind == "mod":
            return self.p("modifier_left", name=modifier_names(self.ruleset).get(rest, rest))
        builtin = self.builtin(name)
        if builtin is not None:
            return builtin
        track = self.ruleset.tracks.get(name)
        if self.players and track is not None and not track.visible:
            return self.p("hidden")
        return self.ruleset.label(name)

    def builtin(self, name: str) -> str | None:
        """The words of a built-in name, in the scenario's terms (``weeks left``)."""
        sc = self.ruleset.scenario()
        clock = sc.clock
        if name == "month":
            return self.p("month")
        if name == "turns_left":
            return self.p("turns_left", units=clock.units)
        return {"turn": clock.unit, "capital": sc.capital.name}.get(name)

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
                return self.p("marker_set", marker=self.name(name)), _CMP
            return self.name(name), _ATOM
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return self.p("always" if node.value else "never"), _ATOM
            if isinstance(node.value, (int, float)):
                return self.number(node.value), (_NEG if node.value < 0 else _ATOM)
            return str(node.value), _ATOM
        if isinstance(node, ast.BoolOp):
            word, prec = (self.p("and"), _AND) if isinstance(node.op, ast.And) else \
                (self.p("or"), _OR)
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
            return self.p("if_else", then=self.wrap(node.body, _CMP),
                          test=self.wrap(node.test, _OR),
                          other=self.wrap(node.orelse, _CMP)), _OR - 1
        return ast.unparse(node), _ATOM

    def unary(self, node: ast.UnaryOp) -> tuple[str, int]:
        if isinstance(node.op, ast.Not):
            name = self.dotted(node.operand)
            if name is not None and name.startswith("flag."):
                return self.p("marker_not_set", marker=self.name(name)), _CMP
            return self.p("not", test=self.wrap(node.operand, _NOT)), _NOT
        if isinstance(node.op, ast.USub):
            return f"{MINUS}{self.wrap(node.operand, _ATOM)}", _NEG
        return self.render(node.operand)

    def binary(self, node: ast.BinOp) -> tuple[str, int]:
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return self.sum(node), _ADD
        word, prec = _BIN_WORDS.get(type(node.op), ("?", _MUL))
        if isinstance(node.op, ast.Mod):
            word = self.p("mod")
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
        amount = self.number(1) if factor is None else self.wrap(factor, _ATOM)
        return amount, self.wrap(test, _OR)

    def term(self, sign: int, node: ast.expr, first: bool) -> str:
        counted = self.counted(node)
        mark = "+" if sign > 0 else MINUS
        if counted is not None:
            amount, test = counted
            return self.p("counted", amount=f"{'' if first and sign > 0 else mark}{amount}",
                          test=test)
        text = self.wrap(node, _ADD + 1)
        return text if first and sign > 0 else f"{mark} {text}"

    def call(self, func: str, args: list[ast.expr]) -> tuple[str, int]:
        words = [self.wrap(a, _ADD) for a in args]
        numbers = [a for a in args if isinstance(a, ast.Constant)]
        if func in ("min", "max") and len(args) == 2 and len(numbers) == 1:
            other = args[0] if args[1] is numbers[0] else args[1]
            return self.p("at_most" if func == "min" else "at_least",
                          value=self.wrap(other, _ADD),
                          limit=self.wrap(numbers[0], _ATOM)), _ATOM
        if func in ("min", "max"):
            return self.p("lowest" if func == "min" else "highest",
                          values=self.p("list").join(words)), _ADD
        if func in ("round", "floor", "ceil") and len(words) == 1:
            how = {"round": "rounded", "floor": "rounded_down", "ceil": "rounded_up"}[func]
            return self.p(how, value=self.wrap(args[0], _ATOM)), _MUL
        if func == "abs" and len(words) == 1:
            return self.p("abs", value=self.wrap(args[0], _ATOM)), _MUL
        return f"{func}({', '.join(words)})", _ATOM


def _parse(source: str) -> ast.expr | None:
    try:
        return ast.parse(source.strip(), mode="eval").body
    except SyntaxError:
        return None


def describe_expr(source: str | float | bool, ruleset: Ruleset, *, players: bool = False,
                  language: str = "en") -> str:
    """An expression in players' words: ``rel.north > 50`` -> ``North > 50``.

    Names become what players see (track and actor names, a flag becomes
    "marker '...' set"), comparisons get their usual signs, and a test
    counted in a sum reads ``+1 if ...``. Anything unexpected is shown as
    written.
    """
    words = _Words(ruleset, players, language)
    if isinstance(source, bool):
        return words.p("always" if source else "never")
    if isinstance(source, (int, float)):
        return words.number(source)
    node = _parse(source)
    if node is None:
        return source.strip()
    return words.render(node)[0]


def expr_terms(source: str | float, ruleset: Ruleset, language: str = "en") -> list[str]:
    """The terms of a sum, each in words, signed after the first.

    ``autonomy + 10 * flag.x - rel.north / 2`` gives
    ``["Autonomy", "+10 if marker 'X' set", "− North / 2"]``: a score
    formula printed one term a line.
    """
    if isinstance(source, (int, float)):
        return [_number(source, language)]
    node = _parse(source)
    if node is None:
        return [source.strip()]
    words = _Words(ruleset, language=language)
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


def _face_range(low: int, high: int, language: str = "en") -> str:
    return digits(str(low) if low == high else f"{low}{DASH}{high}", language)


def describe_roll(outcomes: Sequence[Outcome], ruleset: Ruleset, *, players: bool = False,
                  language: str = "en") -> tuple[str, list[str]]:
    """The die to roll (``"Roll a d10:"``) and one line per outcome.

    Each line is ``"1–7 The road opens — Economy +3"``: the faces, the
    outcome's text and what it does.
    """
    sides, ranges = die_ranges([o.chance for o in outcomes])
    words = PackWords(ruleset, players=players, language=language)
    lines = []
    for (low, high), outcome in zip(ranges, outcomes, strict=True):
        does = words.p("then").join(words.lines(outcome.effects, nested=True))
        text = outcome.text.strip()
        if text and does:
            what = words.p("outcome", text=text.removesuffix("."), does=does)
        else:
            what = text or does or words.p("nothing")
        lines.append(words.p("roll_line", faces=_face_range(low, high, language), what=what))
    return words.p("roll", sides=str(sides)), lines


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

    def __init__(self, ruleset: Ruleset, *, players: bool = False,
                 language: str = "en") -> None:
        self.ruleset = ruleset
        self.players = players
        self.language = language

    def phrase(self, key: str, **fields: str) -> str:
        """A phrase of ``effect.*`` (``key`` without the prefix) in the reader's language."""
        return phrase(f"effect.{key}", self.language, **fields)

    p = phrase

    def label(self, name: str) -> str:
        return self.ruleset.label(name)

    def shown(self, target: str) -> bool:
        track = self.ruleset.tracks.get(target)
        return not self.players or track is None or track.visible

    def expr(self, source: str | float | bool) -> str:
        return describe_expr(source, self.ruleset, players=self.players, language=self.language)

    def amount(self, amount: float | str) -> tuple[str, float | None]:
        """A change in words (``+3``, ``+(North / 10)``) and its value when constant."""
        lang = self.language
        if isinstance(amount, (int, float)):
            return signed(amount, lang), float(amount)
        node = _parse(amount)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return signed(node.value, lang), float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and \
                isinstance(node.operand, ast.Constant) and \
                isinstance(node.operand.value, (int, float)):
            return signed(-node.operand.value, lang), -float(node.operand.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = _Words(self.ruleset, language=lang).render(node.operand)[0]
            return f"{MINUS}({inner})", None
        return f"+({describe_expr(amount, self.ruleset, language=lang)})", None

    def signed(self, x: float) -> str:
        return signed(x, self.language)

    def number(self, x: float) -> str:
        return _number(x, self.language)

    def card_title(self, card_id: str) -> str:
        card = self.ruleset.cards.get(card_id)
        return card.title if card is not None else card_id.replace("_", " ")

    def ending(self, ending_id: str) -> str:
        for scenario in self.ruleset.scenarios.values():
            for ending in scenario.endings:
                if ending.id == ending_id:
                    return self.p("defeat" if ending.defeat else "ending", title=ending.title)
        return self.p("ending", title=ending_id)

    def modifier_name(self, modifier_id: str) -> str:
        return modifier_names(self.ruleset).get(modifier_id, modifier_id)

    def turns(self, n: int) -> str:
        """``month``, ``3 weeks``: turns in the calendar's word (one turn: the word alone)."""
        clock = self.ruleset.scenario().clock
        return clock.unit if n == 1 else unit_count(clock, n, self.language)

    def later(self, turns: int) -> str:
        """``Next month``, ``In 3 weeks``."""
        return self.p("next", unit=self.turns(1)) if turns == 1 else \
            self.p("in", count=self.turns(turns))

    def lines(self, effects: list[Effect], nested: bool) -> list[str]:
        # Inside a condition, a roll or a delay, messages to read out add
        # length, not play: they are left out there.
        lines = [kind_of(e).describe(e, self) for e in effects
                 if not (nested and e.log is not None)]
        return [line for line in lines if line]  # an effect only on hidden values says nothing

    def roll(self, outcomes: list[Outcome]) -> tuple[str, list[str]]:
        return describe_roll(outcomes, self.ruleset, players=self.players,
                             language=self.language)

    def rivals(self, target: str) -> dict[str, float]:
        kind, _, actor_id = target.partition(".")
        actor = self.ruleset.actors.get(actor_id) if kind == "rel" else None
        if actor is None:
            return {}
        return {f"rel.{rival}": factor for rival, factor in actor.rivals.items()}

    def currency(self) -> str:
        return self.p("capital")


def describe_effects(effects: Sequence[Effect], ruleset: Ruleset, *,
                     players: bool = False, language: str = "en") -> list[str]:
    """One short line in plain words for each effect, in order.

    >>> describe_effects(option.effects, ruleset)  # doctest: +SKIP
    ['Autonomy +3, North +12 (rivalry: South −6)', "Set the marker 'Port opened'"]
    """
    return PackWords(ruleset, players=players, language=language).lines(list(effects),
                                                                         nested=False)
