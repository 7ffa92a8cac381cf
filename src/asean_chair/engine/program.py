"""A scenario compiled for play: closures, lookup tables and the turn's data.

Built once per (ruleset, scenario) and shared by every game and clone, so a
step of the engine does no parsing, no model walking and no name lookups
beyond a dict access.
"""

from __future__ import annotations

import ast
import math
import sys
from dataclasses import dataclass
from typing import Any

from ..expr import Expr
from ..expr import Fn as ExprFn
from ..expr import Vars as ExprVars
from ..rules import timing
from ..rules.calendar import Clock
from ..rules.models import Card, Difficulty, Ending, Scenario
from ..rules.ruleset import Ruleset
from ..rules.source import Mark
from .core import Action, Cause
from .effects import Apply, CompiledOutcome, EffectCompiler, ModifierDef, ScheduledItem
from .turn import DEFAULT_TURN, compile_steps


def _where(mark: Mark | None) -> str:
    return f"{mark.file}:{mark.line}" if mark else ""


def _fixed_cost(e: Expr) -> int | None:
    """The cost as a whole number when it is a constant, else ``None``."""
    if not e.constant:
        return None
    x = e.fn({})
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)


@dataclass(frozen=True, slots=True)
class CompiledOption:
    id: str
    label: str
    text: str
    cost: ExprFn
    fixed_cost: int | None
    requires: ExprFn | None
    requires_text: str
    effects: Apply | None
    outcomes: tuple[CompiledOutcome, ...]
    cause: Cause
    action: Action


@dataclass(frozen=True, slots=True)
class CompiledCard:
    id: str
    title: str
    options: tuple[CompiledOption, ...]
    by_id: dict[str, CompiledOption]
    cause: Cause


@dataclass(frozen=True, slots=True)
class DrawableCard:
    id: str
    first: int
    last: int
    condition: ExprFn | None
    weight: ExprFn
    repeat: bool
    tags: frozenset[str]
    fixed_weight: float | None = None  # the weight, when it is a number


@dataclass(frozen=True, slots=True)
class CompiledAction:
    id: str
    name: str
    cost: ExprFn
    fixed_cost: int | None
    requires: ExprFn | None
    requires_text: str
    per_turn: int
    cooldown: int
    max_uses: int | None
    window: tuple[int, int] | None
    effects: Apply | None
    outcomes: tuple[CompiledOutcome, ...]
    cause: Cause
    action: Action


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: str
    condition: ExprFn | None
    window: tuple[int, int] | None
    effects: Apply
    cause: Cause


@dataclass(frozen=True, slots=True)
class CompiledEnding:
    id: str
    title: str
    text: str
    condition: ExprFn | None
    defeat: bool
    tier: str | None


@dataclass(frozen=True, slots=True)
class Program:
    """Everything the turn loop needs, compiled."""

    ruleset: Ruleset
    scenario: Scenario
    initial: dict[str, float]
    bounds: dict[str, tuple[int, int]]
    baselines: dict[str, int]
    rivals: dict[str, tuple[tuple[str, float, Cause], ...]]
    cards: dict[str, CompiledCard]
    fixed: dict[int, tuple[tuple[str, ExprFn | None], ...]]  # turn -> cards
    drawable: tuple[DrawableCard, ...]
    drawable_by_turn: dict[int, tuple[DrawableCard, ...]]  # those whose window holds the turn
    taggable: tuple[DrawableCard, ...]  # every card, for draws by tag
    actions: dict[str, CompiledAction]
    action_list: tuple[CompiledAction, ...]  # the same, in order, for listing legal actions
    start_rules: tuple[CompiledRule, ...]
    upkeep_rules: tuple[CompiledRule, ...]
    schedules: dict[str, ScheduledItem]
    modifiers: dict[str, ModifierDef]
    endings: tuple[CompiledEnding, ...]
    final_ending: CompiledEnding
    endings_by_id: dict[str, CompiledEnding]
    ending_reads: frozenset[str]  # the values the endings' conditions read
    # For each of those: a change to a new value ``x`` may make an ending hold
    # only if ``x <= low or x >= high`` (see ending_watch).
    ending_watch: dict[str, tuple[float, float]]
    endings_read_turn: bool  # whether one reads turn, month or turns_left
    income: ExprFn
    income_cause: Cause
    draws: ExprFn
    draw_cause: Cause
    repeatable: frozenset[str]  # cards that may be dealt again after they were played
    left_out: frozenset[str]  # cards the preset never deals (its `leave_out`)
    score: ExprFn
    verdicts: tuple[tuple[ExprFn, str], ...]
    actions_per_turn: int
    turn: tuple[str, ...]  # the steps of a turn (see engine.turn)
    steps: tuple[Any, ...]  # the same, compiled (see engine.turn.compile_steps)
    # The standing rules each turn may run (those whose window holds the turn).
    start_by_turn: dict[int, tuple[CompiledRule, ...]]
    upkeep_by_turn: dict[int, tuple[CompiledRule, ...]]
    clock: Clock  # the scenario's calendar
    first_turn: int  # the first and last turn played (a preset may play a stretch)
    last_turn: int

    def start_rules_in(self, turn: int) -> tuple[CompiledRule, ...]:
        """The rules with ``phase: start`` that may run in ``turn``, in order."""
        found = self.start_by_turn.get(turn)
        return found if found is not None else _in_window(self.start_rules, turn)

    def upkeep_rules_in(self, turn: int) -> tuple[CompiledRule, ...]:
        """The rules with ``phase: upkeep`` that may run in ``turn``, in order."""
        found = self.upkeep_by_turn.get(turn)
        return found if found is not None else _in_window(self.upkeep_rules, turn)

    def drawable_in(self, turn: int) -> tuple[DrawableCard, ...]:
        """The cards a random draw may pick in ``turn`` (before their conditions)."""
        found = self.drawable_by_turn.get(turn)
        return found if found is not None else \
            tuple(d for d in self.drawable if d.first <= turn <= d.last)

    def money(self, n: int) -> str:
        """An amount in the scenario's currency: ``1 favour``, ``2 favours``."""
        words = self.scenario.words
        return f"{n} {words.currency if n == 1 else words.currencies}"



def _threshold(source: str) -> tuple[str, str, float] | None:
    """``(name, op, number)`` when a condition is one comparison of a value
    with a number (``autonomy <= 10``, ``5 > rel.north``), else ``None``."""
    try:
        node = ast.parse(source.strip(), mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    left, right, op = node.left, node.comparators[0], type(node.ops[0])
    flipped = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}
    if isinstance(left, ast.Constant) and op in flipped:
        left, right, op = right, left, flipped[op]
    name = _dotted(left)
    if name is None or not isinstance(right, ast.Constant) or \
            isinstance(right.value, bool) or not isinstance(right.value, (int, float)):
        return None
    if op in (ast.Lt, ast.LtE):
        return name, "<=", float(right.value)
    if op in (ast.Gt, ast.GtE):
        return name, ">=", float(right.value)
    return None


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return None if inner is None else f"{inner}.{node.attr}"
    return None


def ending_watch(endings: list[Ending]) -> dict[str, tuple[float, float]]:
    """For each value an ending's condition reads, the new values after
    which an ending may hold: ``x <= low or x >= high``.

    A condition that compares one value with a number (``autonomy <= 10``)
    can only start to hold when that value moves to its side of the number
    (``x < 10`` counts as ``x <= 10``: checking once too often is harmless);
    any other condition may start to hold after any change of what it reads.
    """
    always = (math.inf, -math.inf)
    watch: dict[str, tuple[float, float]] = {}
    for e in endings:
        if e.if_ is None:
            continue
        expr = e.compiled("if")
        found = _threshold(expr.source)
        if found is None or found[0] not in expr.names:
            for name in expr.names:
                watch[name] = always
            continue
        name, op, number = found
        low, high = watch.get(name, (-math.inf, math.inf))
        watch[name] = (max(low, number), high) if op == "<=" else (low, min(high, number))
    return watch


def _fixed(x: Expr) -> float | None:
    """The value of an expression that is a number, else ``None``."""
    return x.fn({}) if x.constant else None


def _in_window(rules: tuple[CompiledRule, ...], turn: int) -> tuple[CompiledRule, ...]:
    return tuple(r for r in rules if r.window is None or r.window[0] <= turn <= r.window[1])


def build_program(ruleset: Ruleset, scenario: Scenario, preset: str | None = None,
                  difficulty: str | None = None) -> Program:
    """Compile ``scenario`` of ``ruleset`` (cached on the ruleset, by preset and difficulty)."""
    key = ("program", scenario.id, preset, difficulty)
    cached = ruleset.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    level = None
    if difficulty is not None:
        level = next((d for d in scenario.difficulties if d.id == difficulty), None)
        if level is None:
            known = ", ".join(d.id for d in scenario.difficulties) or "none"
            raise KeyError(f"scenario '{scenario.id}' has no difficulty '{difficulty}' "
                           f"(difficulties: {known})")
    chosen = next((p for p in scenario.presets if p.id == preset), None) if preset else None
    span = timing.preset_span(scenario, chosen)
    if isinstance(span, str):
        raise KeyError(f"scenario '{scenario.id}' cannot play preset '{preset}': {span}")
    program = _build(ruleset, scenario, level, span,
                     frozenset(chosen.leave_out) if chosen is not None else frozenset())
    ruleset.cache[key] = program
    return program


def _card(card: Card, comp: EffectCompiler) -> CompiledCard:
    options = []
    for opt in card.options:
        cause = Cause("option", f"{card.id}/{opt.id}", f"{card.title}: {opt.label}",
                      _where(opt.where()))
        effects = comp.effects(opt.effects, cause)
        cost: Expr = opt.compiled("cost")
        requires: Expr | None = opt.compiled("requires") if opt.requires is not None else None
        options.append(CompiledOption(
            id=opt.id, label=opt.label, text=opt.text.strip(), cost=cost.fn,
            fixed_cost=_fixed_cost(cost),
            requires=requires.fn if requires else None,
            requires_text=opt.requires_text or (f"requires {requires.source}" if requires else ""),
            effects=effects,
            outcomes=comp.outcomes(opt.outcomes, cause), cause=cause,
            action=Action.choose(card.id, opt.id),
        ))
    return CompiledCard(card.id, card.title, tuple(options), {o.id: o for o in options},
                        Cause("card", card.id, card.title, _where(card.where())))


def _build(ruleset: Ruleset, scenario: Scenario, level: Difficulty | None,
           span: tuple[int, int], left_out: frozenset[str] = frozenset()) -> Program:
    comp = EffectCompiler()
    initial: dict[str, float] = {}
    bounds: dict[str, tuple[int, int]] = {}
    baselines: dict[str, int] = {}
    for t in ruleset.tracks.values():
        initial[t.id] = t.start
        bounds[t.id] = (t.min, t.max)
        baselines[t.id] = t.baseline if t.baseline is not None else t.start
    rivals: dict[str, tuple[tuple[str, float, Cause], ...]] = {}
    for actor in ruleset.actors.values():
        name = f"rel.{actor.id}"
        rel = actor.relation
        initial[name] = rel.start
        bounds[name] = (rel.min, rel.max)
        baselines[name] = rel.baseline if rel.baseline is not None else rel.start
        spill_cause = Cause("spill", actor.id, f"rivalry: warmer ties with {actor.name}",
                            _where(actor.where("rivals")))
        rivals[name] = tuple((f"rel.{rid}", factor, spill_cause)
                             for rid, factor in actor.rivals.items())
    for counter in ruleset.counters.values():
        initial[f"counter.{counter.id}"] = counter.start
        bounds[f"counter.{counter.id}"] = (-1_000_000, 1_000_000)
        baselines[f"counter.{counter.id}"] = counter.start
    for f in ruleset.flags:
        initial[f"flag.{f}"] = 0
    for m in ruleset.modifiers:
        initial[f"mod.{m}"] = 0
    cap = scenario.capital
    initial["capital"] = cap.start
    income = cap.compiled("income").fn
    if level is not None:
        for target, change in level.start.items():
            low, high = bounds[target]
            initial[target] = max(low, min(high, initial[target] + change))
        initial["capital"] = max(0, min(cap.max, cap.start + level.capital))
        if level.income:
            base_income: ExprFn = income
            bonus = level.income

            def income_with_bonus(v: ExprVars) -> float:
                return base_income(v) + bonus

            income = income_with_bonus
    bounds["capital"] = (0, cap.max)
    baselines["capital"] = cap.start
    clock = scenario.clock
    first_turn, last_turn = span
    initial.update(month=clock.month(first_turn), turn=first_turn,
                   turns_left=last_turn - first_turn)

    cards = {c.id: _card(c, comp) for c in ruleset.cards.values()}
    fixed: dict[int, list[tuple[str, ExprFn | None]]] = {}
    drawable: list[DrawableCard] = []
    taggable: list[DrawableCard] = []

    def one(v: ExprVars) -> float:
        return 1

    for c in ruleset.cards.values():
        if c.id in left_out:
            continue  # never dealt: not on the calendar, not in a pile (see mutate.deal)
        w = c.when
        tags = frozenset(c.tags)
        if w is None:
            # A follow-up card: a `draw: {tags: ...}` may still pick it, in any turn.
            taggable.append(DrawableCard(c.id, 1, clock.turns, None, one, False, tags))
            continue
        cond = w.compiled("if").fn if w.if_ is not None else None
        if w.window is None:
            turns = timing.fixed(w, clock).turns
            for turn in sorted(turns):
                fixed.setdefault(turn, []).append((c.id, cond))
            if turns:
                taggable.append(DrawableCard(c.id, min(turns), max(turns), cond,
                                             w.compiled("weight").fn, False, tags,
                                             _fixed(w.compiled("weight"))))
        else:
            window = timing.window(w.window, clock)
            if isinstance(window, str):
                continue  # its turns belong to another scenario's calendar
            card = DrawableCard(c.id, window[0], window[1], cond,
                                w.compiled("weight").fn, w.repeat, tags,
                                _fixed(w.compiled("weight")))
            drawable.append(card)
            taggable.append(card)
    actions: dict[str, CompiledAction] = {}
    for a in ruleset.actions.values():
        cause = Cause("action", a.id, a.name, _where(a.where()))
        a_cost: Expr = a.compiled("cost")
        a_req: Expr | None = a.compiled("requires") if a.requires is not None else None
        actions[a.id] = CompiledAction(
            id=a.id, name=a.name, cost=a_cost.fn, fixed_cost=_fixed_cost(a_cost),
            requires=a_req.fn if a_req else None,
            requires_text=a.requires_text or (f"requires {a_req.source}" if a_req else ""),
            per_turn=a.per_turn, cooldown=a.cooldown,
            max_uses=a.max_uses, window=_turn_window(a.window, clock),
            effects=comp.effects(a.effects, cause),
            outcomes=comp.outcomes(a.outcomes, cause), cause=cause, action=Action.act(a.id),
        )
    start_rules: list[CompiledRule] = []
    upkeep_rules: list[CompiledRule] = []
    for r in ruleset.rules.values():
        cause = Cause("rule", r.id, r.name or r.id.replace("_", " "), _where(r.where()))
        effects = comp.effects(r.effects, cause)
        assert effects is not None  # rules have at least one effect
        compiled = CompiledRule(r.id, r.compiled("if").fn if r.if_ is not None else None,
                                _turn_window(r.window, clock), effects, cause)
        (start_rules if r.phase == "start" else upkeep_rules).append(compiled)
    endings = tuple(
        CompiledEnding(e.id, e.title, e.text, e.compiled("if").fn if e.if_ is not None else None,
                       e.defeat, e.tier)
        for e in scenario.endings
    )
    ending_reads = frozenset(name for e in scenario.endings if e.if_ is not None
                             for name in e.compiled("if").names)
    final = next(e for e in endings if e.condition is None and not e.defeat)
    # One string object per value name (expressions and effects use the same,
    # see sys.intern in expr): looking a value up then matches by identity.
    initial = {sys.intern(k): x for k, x in initial.items()}
    bounds = {sys.intern(k): x for k, x in bounds.items()}
    baselines = {sys.intern(k): x for k, x in baselines.items()}
    rivals = {sys.intern(k): tuple((sys.intern(r), f, c) for r, f, c in x)
              for k, x in rivals.items()}
    return Program(
        ruleset=ruleset, scenario=scenario, initial=initial, bounds=bounds,
        baselines=baselines, rivals=rivals, cards=cards,
        fixed={m: tuple(v) for m, v in fixed.items()}, drawable=tuple(drawable),
        drawable_by_turn={t: tuple(d for d in drawable if d.first <= t <= d.last)
                          for t in range(1, clock.turns + 1)},
        taggable=tuple(taggable),
        actions=actions, action_list=tuple(actions.values()), start_rules=tuple(start_rules),
        upkeep_rules=tuple(upkeep_rules),
        schedules=comp.schedules, modifiers=comp.modifiers, endings=endings,
        final_ending=final, endings_by_id={e.id: e for e in endings},
        ending_reads=ending_reads,
        ending_watch=ending_watch(scenario.endings),
        endings_read_turn=not ending_reads.isdisjoint(("turn", "month", "turns_left")),
        income=income,
        income_cause=Cause("income", "capital", f"{cap.name} income",
                           _where(cap.where("income"))),
        draws=scenario.compiled("draws").fn,
        draw_cause=Cause("draw", scenario.id, "Cards drawn", _where(scenario.where("draws"))),
        repeatable=frozenset(c.id for c in ruleset.cards.values()
                             if c.when is not None and c.when.repeat),
        left_out=left_out,
        score=scenario.compiled("score").fn,
        verdicts=tuple((vd.compiled("if").fn, vd.text) for vd in scenario.verdicts),
        actions_per_turn=scenario.actions_per_turn,
        turn=tuple(scenario.turn_steps or DEFAULT_TURN),
        steps=compile_steps(tuple(scenario.turn_steps or DEFAULT_TURN)),
        start_by_turn={t: _in_window(tuple(start_rules), t) for t in range(1, clock.turns + 1)},
        upkeep_by_turn={t: _in_window(tuple(upkeep_rules), t)
                        for t in range(1, clock.turns + 1)},
        clock=clock, first_turn=first_turn, last_turn=last_turn,
    )


def _turn_window(window: tuple[int | str, int | str] | None,
                 clock: Clock) -> tuple[int, int] | None:
    """An action's or rule's window in turns; a window this calendar cannot
    read (it belongs to another scenario) is one that is never open."""
    if window is None:
        return None
    found = timing.window(window, clock)
    return (0, -1) if isinstance(found, str) else found
