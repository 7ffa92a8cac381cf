"""Checking what the models alone cannot, and compiling expressions.

Once every item is valid on its own, this pass checks the items against
each other (unknown ids, dangling follow-ups, chances that do not add up,
cards outside the calendar) and compiles every expression, so the engine
never meets a name it does not know.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..expr import Expr, ExprError, compile_expr
from . import timing
from .effects import kind_of, walk_effects
from .history import check_history
from .models import (
    Action,
    Card,
    CardWhen,
    Effect,
    Model,
    Option,
    Outcome,
    Preset,
    Rule,
    Scenario,
)
from .models.base import private
from .ruleset import BUILTIN_NAMES, PackInfo, Ruleset, _frozen
from .source import Mark, MDict, MList, Problem

if TYPE_CHECKING:
    from .loader import ItemSource, PackSource


def _suggest(word: str, choices: Iterable[str]) -> str:
    from .messages import suggest

    return suggest(word, choices)


def effect_lists(ruleset_items: dict[str, dict[str, Model]]) -> Iterator[tuple[str, list[Effect]]]:
    """(owner label, effect list) for every top-level effect list in the packs."""
    for card in ruleset_items["cards"].values():
        assert isinstance(card, Card)
        for opt in card.options:
            yield f"card '{card.id}' option '{opt.id}'", opt.effects
            for o in opt.outcomes:
                yield f"card '{card.id}' option '{opt.id}'", o.effects
    for action in ruleset_items["actions"].values():
        assert isinstance(action, Action)
        yield f"action '{action.id}'", action.effects
        for o in action.outcomes:
            yield f"action '{action.id}'", o.effects
    for rule in ruleset_items["rules"].values():
        assert isinstance(rule, Rule)
        yield f"rule '{rule.id}'", rule.effects


class _Checker:
    def __init__(self, items: dict[str, dict[str, Model]],
                 raw: dict[str, dict[str, MDict]]) -> None:
        self.items = items
        # Ids come from every item written, valid or not, so that one broken
        # item is reported once rather than again wherever it is used.
        self.ids = ids = {section: set(entries) for section, entries in raw.items()}
        self.problems: list[Problem] = []
        # Modifiers and endings, like ids, come from every item written, so an
        # item that failed to load does not make what it defines "unknown".
        self.modifiers = set(_raw_modifiers(raw))
        self.targets = (list(ids["tracks"]) + [f"rel.{a}" for a in ids["actors"]]
                        + [f"counter.{c}" for c in ids["counters"]] + ["capital"])
        self.target_set = frozenset(self.targets)
        self.names = frozenset(
            list(self.targets)
            + [f"flag.{f}" for f in ids["flags"]]
            + [f"mod.{m}" for m in self.modifiers]
            + list(BUILTIN_NAMES)
        )
        self.endings = {e["id"] for src in raw["scenarios"].values()
                        for e in (src.get("endings") or []) if isinstance(e, dict)
                        and isinstance(e.get("id"), str)}
        self.card_tags = [frozenset(c.tags) for c in items["cards"].values()]  # type: ignore[attr-defined]
        self.scenarios: list[Scenario] = [s for s in items["scenarios"].values()
                                          if isinstance(s, Scenario)]

    def error(self, where: Mark | None, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(where, message, severity))  # type: ignore[arg-type]

    def unique(self, items: Iterable[Any], kind: str, context: str) -> set[str]:
        """The ids of ``items``; an error for each id that comes twice."""
        ids: set[str] = set()
        for item in items:
            if item.id in ids:
                self.error(item.where("id"), f"{context}two {kind} have the id '{item.id}'")
            ids.add(item.id)
        return ids

    # ------------------------------------------------------------ expressions

    def expr(self, owner: Model, field: str, source: Any, where: Mark | None,
             context: str, store: bool = True) -> Expr | None:
        try:
            compiled = compile_expr(source, self.names, where)
        except ExprError as exc:
            at = where
            if where is not None and isinstance(source, str) and "\n" not in source:
                lead = len(source) - len(source.lstrip())
                at = Mark(where.file, where.line, where.col + lead + exc.col)
            self.error(at, f"{context}{exc.message}")
            return None
        if store:
            private(owner)["_exprs"][field] = compiled
        return compiled

    def target_map(self, owner: Model, field: str, mapping: dict[str, Any], context: str) -> None:
        compiled: dict[str, Expr] = {}
        src = private(owner)["_src"]
        for target, amount in mapping.items():
            where = src.value_marks.get(field) if src is not None else None
            inner = src.get(field) if src is not None else None
            if inner is not None and hasattr(inner, "key_marks"):
                key_where = inner.key_marks.get(target, where)
                where = inner.value_marks.get(target, where)
            else:
                key_where = where
            if target not in self.target_set:
                self.error(key_where, f"{context}unknown target '{target}'"
                                      f"{_suggest(target, self.targets)}")
                continue
            e = self.expr(owner, field, amount, where, context, store=False)
            if e is not None:
                compiled[target] = e
        private(owner)["_exprs"][field] = compiled

    # ---------------------------------------------------------------- effects

    def effects(self, effects: list[Effect], context: str) -> None:
        for e in effects:
            self.effect(e, context)

    def effect(self, e: Effect, context: str) -> None:
        kind_of(e).check(e, self, context)

    def suggest(self, word: str, choices: Iterable[str]) -> str:
        return _suggest(word, choices)

    def outcomes(self, outcomes: list[Outcome], where: Mark | None, context: str) -> None:
        if not outcomes:
            return
        total = sum(o.chance for o in outcomes)
        if abs(total - 1) > 1e-6:
            self.error(where, f"{context}outcome chances add up to {round(total, 6)}, not 1")
        for o in outcomes:
            self.effects(o.effects, context)

    # ------------------------------------------------------------------ items

    def option(self, card: Card, opt: Option) -> None:
        context = f"card '{card.id}' option '{opt.id}': "
        self.expr(opt, "cost", opt.cost, opt.where("cost"), context)
        if opt.requires is not None:
            self.expr(opt, "requires", opt.requires, opt.where("requires"), context)
        self.effects(opt.effects, context)
        self.outcomes(opt.outcomes, opt.where("outcomes"), context)
        if not opt.effects and not opt.outcomes:
            self.error(opt.where(), f"{context}the option has no effects; every choice should "
                                    "change something")

    def card(self, card: Card) -> None:
        context = f"card '{card.id}': "
        seen = self.unique(card.options, "options", context)
        for opt in card.options:
            self.option(card, opt)
        if card.historical_option is not None and card.historical_option not in seen:
            self.error(card.where("historical_option"),
                       f"{context}historical_option '{card.historical_option}' is not one of its "
                       f"options{_suggest(card.historical_option, seen)}")
        if card.when is not None:
            w = card.when
            if w.if_ is not None:
                self.expr(w, "if", w.if_, w.where("if"), context)
            self.expr(w, "weight", w.weight, w.where("weight"), context)
            self.card_turns(w, context)

        self.playable(card, context)

    def playable(self, card: Card, context: str) -> None:
        """An error when no option of ``card`` can ever be taken: each costs
        more than any scenario's capital can reach, or requires what is never
        true. (What only the state decides is left to play, where a card with
        no possible option can be set aside.)"""
        most = max((s.capital.max for s in self.items["scenarios"].values()),  # type: ignore[attr-defined]
                   default=None)
        if most is None:
            return
        reasons = []
        for opt in card.options:
            exprs = private(opt)["_exprs"]
            cost: Expr | None = exprs.get("cost")
            requires: Expr | None = exprs.get("requires")
            if cost is not None and cost.constant and cost({}) > most:
                reasons.append(f"'{opt.id}' costs {cost.source}, more than the {most} capital "
                               "a scenario allows")
            elif requires is not None and requires.constant and not requires({}):
                reasons.append(f"'{opt.id}' requires {requires.source}")
            else:
                return
        self.error(card.where("id"), f"{context}no option can ever be taken ("
                                     + "; ".join(reasons) + "); lower a cost or a requirement")

    def card_turns(self, w: CardWhen, context: str) -> None:
        """A card's turns name real turns of some scenario, and some scenario
        (whole or in a preset) plays one of them."""
        field = "turn" if w.turn is not None else "month" if w.month is not None else "window"
        scenarios = self.scenarios
        if not scenarios:
            return
        reasons: list[str] = []
        plays = False
        for s in scenarios:
            clock = s.clock
            if w.window is not None:
                span = timing.window(w.window, clock)
                if isinstance(span, str):
                    reasons.append(span)
                    continue
                turns = frozenset(range(span[0], span[1] + 1))
            else:
                found = timing.fixed(w, clock)
                if found.unknown:
                    reasons.append(found.unknown[0])
                    continue
                turns = found.turns
            plays = plays or any(first <= t <= last for first, last in timing.spans(s)
                                 for t in turns)
            if plays:
                return
        if len(reasons) == len(scenarios):
            self.error(w.where(field), f"{context}{reasons[0]}")
        else:
            self.error(w.where(field), f"{context}its turns lie outside every scenario and "
                                       "preset, so it never comes")

    def window(self, owner: Action | Rule, context: str) -> None:
        """An action's or rule's window: real turns, in order."""
        if owner.window is None or not self.scenarios:
            return
        reasons = [r for r in (timing.window(owner.window, s.clock) for s in self.scenarios)
                   if isinstance(r, str)]
        if len(reasons) == len(self.scenarios):
            self.error(owner.where("window"), f"{context}{reasons[0]}")

    def action(self, action: Action) -> None:
        context = f"action '{action.id}': "
        self.window(action, context)
        self.expr(action, "cost", action.cost, action.where("cost"), context)
        if action.requires is not None:
            self.expr(action, "requires", action.requires, action.where("requires"), context)
        self.effects(action.effects, context)
        self.outcomes(action.outcomes, action.where("outcomes"), context)
        if not action.effects and not action.outcomes:
            self.error(action.where(), f"{context}the action has no effects")

    def rule(self, rule: Rule) -> None:
        context = f"rule '{rule.id}': "
        self.window(rule, context)
        if rule.if_ is not None:
            self.expr(rule, "if", rule.if_, rule.where("if"), context)
        self.effects(rule.effects, context)

    def scenario(self, s: Scenario) -> None:
        context = f"scenario '{s.id}': "
        self.expr(s, "draws", s.draws, s.where("draws"), context)
        self.expr(s, "score", s.score, s.where("score"), context)
        self.expr(s.capital, "income", s.capital.income, s.capital.where("income"), context)
        tiers = [t.id for t in s.tiers]
        self.unique(s.tiers, "tiers", context)
        self.unique([v for v in s.verdicts if v.id is not None], "verdicts", context)
        for i in range(1, len(s.tiers)):
            if s.tiers[i].min_score > s.tiers[i - 1].min_score:
                self.error(s.tiers[i].where("min_score"), f"{context}tiers must be listed best "
                                                          "first (highest min_score first)")
        finals = [e for e in s.endings if e.if_ is None and not e.defeat]
        if len(finals) != 1:
            self.error(s.where("endings"), f"{context}needs exactly one ending with neither "
                                           "'if' nor 'defeat' (reached by finishing the last "
                                           f"turn); found {len(finals)}")
        self.unique(s.endings, "endings", context)
        for e in s.endings:
            if e.if_ is not None:
                self.expr(e, "if", e.if_, e.where("if"), f"{context}ending '{e.id}': ")
            if e.tier is not None and e.tier not in tiers:
                self.error(e.where("tier"), f"{context}ending '{e.id}' names unknown tier "
                                            f"'{e.tier}'{_suggest(e.tier, tiers)}")
        for v in s.verdicts:
            self.expr(v, "if", v.if_, v.where("if"), f"{context}verdict: ")
        self.unique(s.difficulties, "difficulties", context)
        for d in s.difficulties:
            self.target_map(d, "start", d.start, f"{context}difficulty '{d.id}': ")
        self.unique(s.presets, "presets", context)
        for pr in s.presets:
            if pr.draws is not None:
                self.expr(pr, "draws", pr.draws, pr.where("draws"), f"{context}preset '{pr.id}': ")
            if pr.tiers is not None:
                self.unique(pr.tiers, "tiers", f"{context}preset '{pr.id}': ")
                for i in range(1, len(pr.tiers)):
                    if pr.tiers[i].min_score > pr.tiers[i - 1].min_score:
                        self.error(pr.tiers[i].where("min_score"),
                                   f"{context}preset '{pr.id}': tiers must be listed best first")
                if {t.id for t in pr.tiers} != set(tiers):
                    self.error(pr.where("tiers"), f"{context}preset '{pr.id}': give the same tier "
                                                  f"ids as the scenario ({', '.join(tiers)})")
            self.left_out(pr, context)
        clock = s.clock
        for m in s.milestones:
            found = timing.refs([m.turn], clock) if m.turn is not None else \
                timing.months([m.month or 0], clock)
            if found.unknown:
                self.error(m.where("turn" if m.turn is not None else "month"),
                           f"{context}milestone '{m.name}': {found.unknown[0]}")
        ways: list[Preset | None] = [None, *s.presets]
        for way in ways:
            span = timing.preset_span(s, way)
            if isinstance(span, str) and way is not None:
                where = way.where("first_turn" if way.first_turn is not None else "turns")
                self.error(where, f"{context}preset '{way.id}': {span}")

    def left_out(self, preset: Preset, context: str) -> None:
        """A preset's ``leave_out`` names cards of the packs."""
        src = preset._src.get("leave_out") if isinstance(preset._src, MDict) else None
        for i, card_id in enumerate(preset.leave_out):
            if card_id in self.ids["cards"]:
                continue
            where = (src.item_marks[i] if isinstance(src, MList) and i < len(src.item_marks)
                     else preset.where("leave_out"))
            self.error(where, f"{context}preset '{preset.id}' leaves out unknown card "
                              f"'{card_id}'{_suggest(card_id, self.ids['cards'])}")

    def actors(self) -> None:
        for actor in self.items["actors"].values():
            for rival in actor.rivals:  # type: ignore[attr-defined]
                if rival not in self.ids["actors"]:
                    src = actor._src.get("rivals") if actor._src is not None else None
                    where = (src.key_marks.get(rival) if isinstance(src, MDict)
                             else actor.where("rivals"))
                    self.error(where, f"actor '{actor.id}': unknown rival '{rival}'"  # type: ignore[attr-defined]
                                      f"{_suggest(rival, self.ids['actors'])}")

    def reserved(self) -> None:
        for section in ("tracks",):
            for item in self.items[section].values():
                if item.id in BUILTIN_NAMES:  # type: ignore[attr-defined]
                    self.error(item.where("id"), f"'{item.id}' is a built-in name; choose "  # type: ignore[attr-defined]
                                                 "another id for the track")

    def draw_loops(self) -> None:
        """Cards that draw themselves, or each other in a loop, at once."""
        draws: dict[str, list[tuple[str, Mark | None]]] = {}
        for card in self.items["cards"].values():
            assert isinstance(card, Card)
            for opt in card.options:
                for e in walk_effects([*opt.effects, *(x for o in opt.outcomes
                                                       for x in o.effects)]):
                    if e.draw is not None and e.draw.card is not None:
                        draws.setdefault(card.id, []).append((e.draw.card, e.draw.where("card")))
        reported: set[frozenset[str]] = set()
        for start, edges in draws.items():
            for target, where in edges:
                if target == start:
                    self.error(where, f"card '{start}' draws itself: it is being decided, so it "
                                      "cannot come again now; remove the draw")
                    reported.add(frozenset([start]))
                    continue
                path = _loop_back(draws, target, start)
                if path is not None and frozenset(path) not in reported:
                    reported.add(frozenset(path))
                    self.error(where, "cards draw each other in a loop: "
                                      f"{' -> '.join(path)}; break the loop")

    def reachability(self) -> None:
        referenced: set[str] = set()
        tags_drawn: list[set[str]] = []
        for _, effects in effect_lists(self.items):
            for e in walk_effects(effects):
                if e.schedule is not None and e.schedule.card:
                    referenced.add(e.schedule.card)
                if e.draw is not None:
                    if e.draw.card:
                        referenced.add(e.draw.card)
                    else:
                        tags_drawn.append(set(e.draw.tags))
        for card in self.items["cards"].values():
            assert isinstance(card, Card)
            if card.when is None and card.id not in referenced and not any(
                t <= set(card.tags) for t in tags_drawn
            ):
                self.error(card.where(), f"card '{card.id}' has no 'when' and nothing schedules "
                                         "or draws it, so it can never appear", "warning")


def _loop_back(draws: dict[str, list[tuple[str, Mark | None]]], first: str,
               goal: str) -> list[str] | None:
    """The shortest chain of draws ``goal -> first -> ... -> goal``, if any
    (breadth first, so a long chain in a hostile pack cannot overflow the stack)."""
    parent: dict[str, str] = {first: goal}
    queue = [first]
    for node in queue:
        for target, _ in draws.get(node, ()):
            if target == goal:
                chain = [node]
                while chain[-1] != first:
                    chain.append(parent[chain[-1]])
                return [goal, *reversed(chain), goal]
            if target not in parent:
                parent[target] = node
                queue.append(target)
    return None


def _raw_modifiers(raw: dict[str, dict[str, MDict]]) -> Iterator[str]:
    """The id of every modifier an effect of the packs starts, read from what
    was written (valid or not)."""
    stack: list[Any] = [src for entries in raw.values() for src in entries.values()]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            mod = node.get("modifier")
            if isinstance(mod, dict) and isinstance(mod.get("id"), str):
                yield mod["id"]
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))


def compile_ruleset(
    packs: list[PackSource], items: dict[str, dict[str, Model]],
    sources: dict[str, dict[str, ItemSource]], *, complete: bool = True,
) -> tuple[Ruleset | None, list[Problem]]:
    """Check items against each other, compile expressions, build the ``Ruleset``.

    With ``complete=False`` (some item failed to load), the checks that
    reason about the packs as a whole (what can appear, what sets a flag,
    what is real) are skipped: they would only report consequences of the
    missing items.
    """
    checker = _Checker(items, {s: {i: src.raw for i, src in sources[s].items()}
                               for s in sources})
    if packs and not sources["scenarios"]:
        main = packs[-1]
        checker.error(Mark(f"{main.label}/pack.yaml", 1, 1), "the packs define no scenario; "
                                                             "add one under 'scenarios:'")
    checker.reserved()
    checker.actors()
    for s in items["scenarios"].values():
        assert isinstance(s, Scenario)
        checker.scenario(s)
    for card in items["cards"].values():
        checker.card(card)  # type: ignore[arg-type]
    for action in items["actions"].values():
        checker.action(action)  # type: ignore[arg-type]
    for rule in items["rules"].values():
        checker.rule(rule)  # type: ignore[arg-type]
    checker.draw_loops()
    if complete:
        checker.reachability()
        checker.problems.extend(check_history(items))  # real or invented: rules/history.py
    if not packs:
        return None, checker.problems
    if complete and not any(p.severity == "error" for p in checker.problems):
        from .lint import lint

        checker.problems.extend(lint(items, checker.names))
    infos = tuple(
        PackInfo(id=p.meta.id, name=p.meta.name, version=p.meta.version, digest=p.digest,
                 folder=str(p.folder), description=p.meta.description, license=p.meta.license,
                 authors=tuple(p.meta.authors), default_scenario=p.meta.default_scenario)
        for p in packs
    )
    ruleset = Ruleset(
        packs=infos,
        tracks=_frozen(items["tracks"]), actors=_frozen(items["actors"]),
        flags=_frozen(items["flags"]), counters=_frozen(items["counters"]),
        cards=_frozen(items["cards"]), actions=_frozen(items["actions"]),
        rules=_frozen(items["rules"]), scenarios=_frozen(items["scenarios"]),
        glossary=_frozen(items["glossary"]),
        names=checker.names, modifiers=frozenset(checker.modifiers),
    )
    return ruleset, checker.problems
