"""Lint warnings: things that load and play, but are probably mistakes.

- a flag set but never read, or read but never set;
- a card that can never be drawn (its condition needs a flag nothing sets,
  or its weight is never above zero);
- an option no better than another option of its card in every respect;
- a follow-up scheduled to fall after the scenario has ended.

(Texts missing from a translation are reported by :mod:`.locale`.)
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from ..expr import Expr
from . import timing
from .compile import effect_lists
from .effects import walk_effects
from .models import Card, Effect, Model, Option, Scenario
from .models.base import private
from .source import Mark, Problem


def _exprs(model: Model) -> Iterator[tuple[str | None, Expr]]:
    """(field, expression) for every compiled expression of ``model``; the
    field is ``None`` for the amounts of a map of targets."""
    for field, value in private(model)["_exprs"].items():
        if isinstance(value, Expr):
            yield field, value
        elif isinstance(value, dict):
            yield from ((None, v) for v in value.values() if isinstance(v, Expr))


def _holds_models(annotation: Any) -> bool:
    """Whether a field of this type can hold a model (in a list, a mapping...)."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return True
    return any(_holds_models(arg) for arg in get_args(annotation))


@cache
def _model_fields(cls: type[Model]) -> tuple[str, ...]:
    """The fields of a model class that can hold models, in their order."""
    return tuple(name for name, f in cls.model_fields.items() if _holds_models(f.annotation))


def _all_models(items: dict[str, dict[str, Model]]) -> Iterator[Model]:
    """Every model in the packs, nested ones included."""
    stack: list[Any] = [m for section in items.values() for m in section.values()]
    while stack:
        m = stack.pop()
        if isinstance(m, Model):
            yield m
            # A model's __dict__ holds its fields' values and nothing else.
            values = vars(m)
            stack.extend(v for v in map(values.__getitem__, _model_fields(type(m)))
                         if isinstance(v, (Model, list, tuple, dict)))  # not the plain values
        elif isinstance(m, (list, tuple)):
            stack.extend(m)
        elif isinstance(m, dict):
            stack.extend(m.values())


def _flags_set(items: dict[str, dict[str, Model]]) -> dict[str, Mark | None]:
    """Each flag an effect sets, and where it is first set."""
    set_at: dict[str, Mark | None] = {}
    for _, effects in effect_lists(items):
        for e in walk_effects(effects):
            if e.set_flag is not None and e.set_flag not in set_at:
                set_at[e.set_flag] = e.where("set_flag")
    return set_at


def _flag_lints(items: dict[str, dict[str, Model]],
                set_at: dict[str, Mark | None]) -> list[Problem]:
    read_at: dict[str, Mark | None] = {}
    for model in _all_models(items):
        for field, ex in _exprs(model):
            for name in ex.names:
                if name.startswith("flag.") and name[5:] not in read_at:
                    read_at[name[5:]] = model.where(field)
    problems = []
    for flag, flag_model in items["flags"].items():
        if flag in set_at and flag not in read_at and not flag_model.record:  # type: ignore[attr-defined]
            problems.append(Problem(set_at[flag], f"flag '{flag}' is set but never read by any "
                                                  "condition; use it in an 'if', or mark it "
                                                  "'record: true' if it is kept for the debrief",
                                    "warning"))
        if flag in read_at and flag not in set_at:
            problems.append(Problem(read_at[flag], f"flag '{flag}' is read but nothing sets it, "
                                                   "so it is always 0", "warning"))
        if flag not in set_at and flag not in read_at:
            problems.append(Problem(flag_model.where("id"), f"flag '{flag}' is declared but "
                                                            "never used", "warning"))
    return problems


def _sample_states(items: dict[str, dict[str, Model]], names: frozenset[str], n: int,
                   rng: random.Random) -> list[dict[str, float]]:
    bounds: dict[str, tuple[int, int]] = {}
    for t in items["tracks"].values():
        bounds[t.id] = (t.min, t.max)  # type: ignore[attr-defined]
    for a in items["actors"].values():
        r = a.relation  # type: ignore[attr-defined]
        bounds[f"rel.{a.id}"] = (r.min, r.max)  # type: ignore[attr-defined]
    states = []
    for _ in range(n):
        v: dict[str, float] = {}
        for name in names:
            low, high = bounds.get(name, (0, 12))
            v[name] = rng.randint(low, high)
            if name.startswith("flag."):
                v[name] = rng.randint(0, 1)
        states.append(v)
    return states


def _card_lints(items: dict[str, dict[str, Model]], names: frozenset[str],
                never_set: set[str]) -> list[Problem]:
    problems = []
    samples: list[dict[str, float]] = []  # made only when a card needs them
    for card in items["cards"].values():
        assert isinstance(card, Card)
        w = card.when
        if w is None:
            continue
        weight: Expr | None = w._exprs.get("weight")
        if weight is not None and weight.constant and weight({}) <= 0:
            problems.append(Problem(w.where("weight"), f"card '{card.id}' can never be drawn: "
                                                       "its weight is not above 0", "warning"))
            continue
        cond: Expr | None = w._exprs.get("if")
        if cond is None:
            continue
        blocking = sorted(n[5:] for n in cond.names if n.startswith("flag.") and n[5:] in never_set)
        if not blocking:
            continue
        if not samples:
            samples = _sample_states(items, names, 300, random.Random(1))
        ever = any(cond({**s, **{f"flag.{f}": 0 for f in blocking}}) for s in samples)
        if not ever:
            problems.append(Problem(w.where("if"), f"card '{card.id}' can never appear: its "
                                                   f"condition needs flag "
                                                   f"'{', '.join(blocking)}', which nothing sets",
                                    "warning"))
    return problems


def _moves(option: Option, rivals: dict[str, dict[str, float]]) -> dict[str, float] | None:
    """The constant changes an option makes (with first-order spill-over), or
    ``None`` when it does anything else (flags, follow-ups, chance...)."""
    total: dict[str, float] = defaultdict(float)
    if option.outcomes:
        return None
    for e in option.effects:
        if e.add is None:
            return None
        for target, amount in e.compiled("add").items():
            if not amount.constant:
                return None
            value = amount({})
            total[target] += value
            if e.spill and value > 0 and target.startswith("rel."):
                for rival, factor in rivals.get(target[4:], {}).items():
                    total[f"rel.{rival}"] -= value * factor
    return dict(total)


def _dominated_lints(items: dict[str, dict[str, Model]]) -> list[Problem]:
    rivals = {a.id: dict(a.rivals) for a in items["actors"].values()}  # type: ignore[attr-defined]
    problems = []
    for card in items["cards"].values():
        assert isinstance(card, Card)
        plain = []
        for opt in card.options:
            moves = _moves(opt, rivals)
            cost: Expr | None = opt._exprs.get("cost")
            if moves is None or cost is None or not cost.constant or opt.requires is not None:
                continue
            plain.append((opt, moves, cost({})))
        for (a, ma, ca), (b, mb, cb) in itertools.permutations(plain, 2):
            targets = set(ma) | set(mb)
            if ca >= cb and all(ma.get(t, 0) <= mb.get(t, 0) for t in targets) and (
                ma != mb or ca > cb or a.id > b.id
            ):
                problems.append(Problem(
                    a.where("id"), f"card '{card.id}': option '{a.id}' is no better than "
                                   f"option '{b.id}' in any respect (same or higher cost, every "
                                   "change the same or worse); give it a reason to be chosen",
                    "warning"))
                break
    return problems


def _earliest_turns(items: dict[str, dict[str, Model]], scenario: Scenario) -> dict[str, int]:
    """The earliest turn of a scenario each card can appear in (follow-ups included)."""
    clock = scenario.clock
    earliest: dict[str, int] = {}
    for card in items["cards"].values():
        assert isinstance(card, Card)
        w = card.when
        if w is None:
            continue
        if w.window is not None:
            span = timing.window(w.window, clock)
            if isinstance(span, tuple):
                earliest[card.id] = span[0]
        else:
            found = timing.fixed(w, clock).turns
            if found:
                earliest[card.id] = min(found)
    changed = True
    while changed:
        changed = False
        for card in items["cards"].values():
            assert isinstance(card, Card)
            if card.id not in earliest:
                continue
            for opt in card.options:
                for e in _option_effects(opt):
                    if e.schedule is not None and e.schedule.card:
                        due = earliest[card.id] + e.schedule.in_
                        if due < earliest.get(e.schedule.card, 10**6):
                            earliest[e.schedule.card] = due
                            changed = True
    return earliest


def _option_effects(opt: Option) -> Iterator[Effect]:
    yield from walk_effects(opt.effects)
    for o in opt.outcomes:
        yield from walk_effects(o.effects)


def _late_follow_up_lints(items: dict[str, dict[str, Model]]) -> list[Problem]:
    """Follow-ups that would fall due after every scenario has ended."""
    scenarios = [s for s in items["scenarios"].values() if isinstance(s, Scenario)]
    late: dict[tuple[str, str, int], tuple[Effect, int, int, Scenario]] = {}
    on_time: set[tuple[str, str, int]] = set()
    for sc in scenarios:
        last = max((end for _, end in timing.spans(sc)), default=sc.turns)
        earliest = _earliest_turns(items, sc)
        for card in items["cards"].values():
            assert isinstance(card, Card)
            start = earliest.get(card.id)
            if start is None:
                continue
            for opt in card.options:
                for i, e in enumerate(_option_effects(opt)):
                    if e.schedule is None:
                        continue
                    key = (card.id, opt.id, i)
                    due = start + e.schedule.in_
                    if due > last:
                        late.setdefault(key, (e, due, last, sc))
                    else:
                        on_time.add(key)
    problems = []
    for (card_id, opt_id, _), (e, due, last, _sc) in late.items():
        if (card_id, opt_id, _) in on_time:
            continue
        assert e.schedule is not None
        what = f"card '{e.schedule.card}'" if e.schedule.card else "its effects"
        problems.append(Problem(
            e.schedule.where("in"), f"card '{card_id}' option '{opt_id}': {what} would fall due "
                                    f"in turn {due}, after the scenario has ended (turn {last}); "
                                    "it never happens", "warning"))
    return problems


def lint(items: dict[str, dict[str, Model]], names: frozenset[str]) -> list[Problem]:
    """Every lint warning for valid, compiled items."""
    set_at = _flags_set(items)
    never_set = set(items["flags"]) - set_at.keys()
    return (_flag_lints(items, set_at) + _card_lints(items, names, never_set)
            + _dominated_lints(items) + _late_follow_up_lints(items))
