"""The game and its state: the turn flow, legal actions and their effects.

>>> game = Game(ruleset, seed=7)                      # doctest: +SKIP
>>> state = game.new_state()                          # doctest: +SKIP
>>> state.pending                                     # doctest: +SKIP
Pending(kind='event', card='flood')
>>> state.apply(state.legal_actions()[0])             # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ..expr import NotFinite
from ..rules.models import Card
from ..rules.ruleset import Ruleset
from ..rules.source import Mark, Problem, RulesError
from .core import Action, Cause, Choice, IllegalAction, LogEntry, Odds, Pending, Result
from .effects import CompiledOutcome
from .program import CompiledAction, CompiledOption, Program, build_program

_MASK = (1 << 64) - 1
#: The most cards one turn may bring; beyond it a card that keeps dealing
#: cards (itself, or a loop of follow-ups) is stopped with a message.
MAX_CARDS_PER_TURN = 40
_END_TURN = Action.end_turn()
_SKIP = Action.skip()
#: How the move that sets aside a card with no possible option is offered.
SET_ASIDE = "Set this card aside: none of its options is possible now"
_MESSAGE = "message"


def _round(x: float) -> int:
    """Round half away from zero, the same on every machine."""
    if type(x) is int:
        return x
    if x >= 0:
        return math.floor(x + 0.5)
    return -math.floor(-x + 0.5)


def broken_rules(exc: NotFinite) -> RulesError:
    """A pack's expression that failed in play, as the pack error it is."""
    where = exc.where if isinstance(exc.where, Mark) else None
    return RulesError([Problem(where, exc.message)])


def seed_state(seed: int) -> int:
    """The RNG's internal state for a seed (any integer)."""
    return (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & _MASK


class Game:
    """A scenario of a ruleset with a seed: the factory of game states.

    ``explain=False`` skips the per-change log, for bots that play thousands
    of games and never read it.
    """

    def __init__(self, ruleset: Ruleset, scenario: str | None = None, seed: int = 0,
                 *, preset: str | None = None, difficulty: str | None = None,
                 explain: bool = True) -> None:
        self.ruleset = ruleset
        self.preset = preset
        self.difficulty = difficulty
        self.scenario = ruleset.scenario_with(scenario, preset)
        self.seed = int(seed)
        self.explain = explain
        self.program: Program = build_program(ruleset, self.scenario, preset, difficulty)

    def new_state(self) -> GameState:
        """The state at the start of turn 1, waiting for the first decision."""
        st = GameState.__new__(GameState)
        p = self.program
        st.game = self
        st.p = p
        st.v = dict(p.initial)
        st.queue = []
        st.scheduled = []
        st.modifiers = {}
        st.used = {}
        st.turn_uses = {}
        st.last_used = {}
        st.actions_taken = 0
        st.seen = set()
        st.rng = seed_state(self.seed)
        st.seq = 0
        st.history = []
        st.choices_made = []
        st.log = [] if self.explain else None
        st.phase = "event"
        st.result = None
        st.over = False
        try:
            st._start_turn()
            st._advance()
        except NotFinite as exc:
            raise broken_rules(exc) from None
        return st

    def replay(self, actions: Iterable[Action | str]) -> GameState:
        """A new state with ``actions`` applied in order (raises ``IllegalAction``)."""
        st = self.new_state()
        for i, a in enumerate(actions):
            action = Action.parse(a) if isinstance(a, str) else a
            try:
                st.apply(action)
            except IllegalAction as exc:
                raise IllegalAction(f"decision {i + 1} ({action}): {exc.reason}") from None
        return st


class GameState:
    """One moment of a game. Mutable through :meth:`apply` only; cheap to clone.

    The values of tracks, relations, counters, flags and capital are in
    ``v`` under their expression names (``autonomy``, ``rel.north``,
    ``flag.x``...). Front ends read them with :meth:`value`.
    """

    __slots__ = (
        "actions_taken",
        "choices_made",
        "game",
        "history",
        "last_used",
        "log",
        "modifiers",
        "over",
        "p",
        "phase",
        "queue",
        "result",
        "rng",
        "scheduled",
        "seen",
        "seq",
        "turn_uses",
        "used",
        "v",
    )

    game: Game
    p: Program
    v: dict[str, float]
    queue: list[str]
    scheduled: list[tuple[int, int, str]]  # (due turn, sequence, schedule key)
    modifiers: dict[str, tuple[int, str]]  # id -> (turns left, definition key)
    used: dict[str, int]
    turn_uses: dict[str, int]
    last_used: dict[str, int]
    actions_taken: int
    seen: set[str]
    rng: int
    seq: int
    history: list[Action]
    choices_made: list[tuple[int, str, str]]  # (turn, card, option)
    log: list[LogEntry] | None
    phase: str
    result: Result | None
    over: bool

    # ------------------------------------------------------------ reading

    @property
    def ruleset(self) -> Ruleset:
        """The rules this game is played with."""
        return self.game.ruleset

    @property
    def turn(self) -> int:
        """The current turn, from 1."""
        return int(self.v["turn"])

    @property
    def month(self) -> int:
        """The current calendar month, 1-12."""
        return int(self.v["month"])

    @property
    def capital(self) -> int:
        """Political capital available now."""
        return int(self.v["capital"])

    def value(self, name: str) -> int:
        """A value by its expression name: ``autonomy``, ``rel.south``, ``flag.x``..."""
        return int(self.v[name])

    @property
    def pending(self) -> Pending:
        """What the game waits for now."""
        if self.over:
            return Pending("over")
        if self.phase == "event":
            return Pending("event", self.queue[0])
        return Pending("diplomacy")

    @property
    def current_card(self) -> Card | None:
        """The card awaiting a decision, if any."""
        if self.over or self.phase != "event":
            return None
        return self.ruleset.cards[self.queue[0]]

    @property
    def upcoming(self) -> list[str]:
        """Cards still queued this turn, the current one first."""
        return list(self.queue)

    @property
    def is_over(self) -> bool:
        """Whether the game has ended."""
        return self.over

    @property
    def score(self) -> float:
        """The scenario's score for the state as it is now."""
        if self.result is not None:
            return self.result.score
        return float(self.p.score(self.v))

    @property
    def active_modifiers(self) -> list[tuple[str, str, int]]:
        """(id, name, turns left) of the modifiers in force."""
        return [(mid, self.p.modifiers[key].name, left)
                for mid, (left, key) in self.modifiers.items()]

    def choices(self) -> list[Choice]:
        """Every option or action offered now, legal or not (with the reason)."""
        if self.over:
            return []
        if self.phase == "event":
            card = self.p.cards[self.queue[0]]
            offered = [self._option_choice(card.id, o) for o in card.options]
            if not any(c.legal for c in offered):
                offered.append(Choice(_SKIP, SET_ASIDE))
            return offered
        out = [self._action_choice(a) for a in self.p.actions.values()]
        out.append(Choice(_END_TURN, "End the turn"))
        return out

    def legal_actions(self) -> list[Action]:
        """The actions that :meth:`apply` accepts now."""
        if self.over:
            return []
        if self.phase == "event":
            card = self.p.cards[self.queue[0]]
            # A card none of whose options is possible now is set aside: a
            # player is never stuck and a bot always has a move.
            return [o.action for o in card.options if self._option_why_not(o) is None] \
                or [_SKIP]
        if self.actions_taken >= self.p.actions_per_turn:
            return [_END_TURN]
        out = [a.action for a in self.p.actions.values() if self._action_why_not(a) is None]
        out.append(_END_TURN)
        return out

    def why_not(self, action: Action) -> str | None:
        """Why ``action`` is not allowed now, or ``None`` if it is."""
        if self.over:
            return "the game is over"
        if action.kind == "inject":
            if action.card not in self.p.cards:
                return f"there is no card '{action.card}'"
            return None
        if action.kind == "skip":
            return None if self.phase == "event" else "no card is waiting to be skipped"
        if action.kind == "choose":
            if self.phase != "event":
                return "no card is waiting for a decision"
            card = self.p.cards[self.queue[0]]
            if action.card != card.id:
                return f"the card waiting for a decision is '{card.id}', not '{action.card}'"
            opt = card.by_id.get(action.option or "")
            if opt is None:
                return f"card '{card.id}' has no option '{action.option}'"
            return self._option_why_not(opt)
        if self.phase == "event":
            return "decide the card first"
        if action.kind == "end_turn":
            return None
        act = self.p.actions.get(action.action or "")
        if act is None:
            return f"there is no action '{action.action}'"
        return self._action_why_not(act)

    # ----------------------------------------------------------- changing

    def apply(self, action: Action) -> list[LogEntry]:
        """Apply ``action``; returns the log entries it produced.

        Raises :class:`IllegalAction` (and changes nothing) if it is not
        allowed now.
        """
        reason = self.why_not(action)
        if reason is not None:
            raise IllegalAction(reason)
        start = len(self.log) if self.log is not None else 0
        self.history.append(action)
        try:
            if action.kind == "choose":
                self._choose(action)
            elif action.kind == "act":
                self._act(action)
            elif action.kind == "skip":
                self._skip()
            elif action.kind == "inject":
                self._inject(str(action.card))
            else:
                self._end_turn()
        except NotFinite as exc:
            raise broken_rules(exc) from None
        return self.log[start:] if self.log is not None else []

    def clone(self) -> GameState:
        """An independent copy (sharing the immutable rules)."""
        st = GameState.__new__(GameState)
        st.game = self.game
        st.p = self.p
        st.v = self.v.copy()
        st.queue = self.queue.copy()
        st.scheduled = self.scheduled.copy()
        st.modifiers = self.modifiers.copy()
        st.used = self.used.copy()
        st.turn_uses = self.turn_uses.copy()
        st.last_used = self.last_used.copy()
        st.actions_taken = self.actions_taken
        st.seen = self.seen.copy()
        st.rng = self.rng
        st.seq = self.seq
        st.history = self.history.copy()
        st.choices_made = self.choices_made.copy()
        st.log = self.log.copy() if self.log is not None else None
        st.phase = self.phase
        st.result = self.result
        st.over = self.over
        return st

    def reseed(self, seed: int) -> None:
        """Replace the random stream (for bots sampling other chance outcomes)."""
        self.rng = seed_state(seed ^ self.rng)

    def undo(self) -> Action:
        """Take back the last action (by replaying the rest); returns it."""
        if not self.history:
            raise IllegalAction("there is nothing to undo")
        last = self.history[-1]
        earlier = self.game.replay(self.history[:-1])
        for name in GameState.__slots__:
            setattr(self, name, getattr(earlier, name))
        return last

    def snapshot(self) -> dict[str, Any]:
        """Everything that defines the state, as plain JSON-able data."""
        return {
            "turn": self.turn, "phase": "over" if self.over else self.phase,
            "values": {k: self.v[k] for k in sorted(self.v)},
            "queue": list(self.queue),
            "scheduled": [list(s) for s in self.scheduled],
            "modifiers": {k: list(v) for k, v in sorted(self.modifiers.items())},
            "used": dict(sorted(self.used.items())),
            "turn_uses": dict(sorted(self.turn_uses.items())),
            "last_used": dict(sorted(self.last_used.items())),
            "seen": sorted(self.seen), "rng": self.rng, "seq": self.seq,
            "result": None if self.result is None else {
                "ending": self.result.ending, "score": self.result.score,
                "tier": self.result.tier},
        }

    # -------------------------------------------------------- legality

    def _option_why_not(self, o: CompiledOption) -> str | None:
        v = self.v
        cost = o.fixed_cost if o.fixed_cost is not None else _round(o.cost(v))
        if cost > v["capital"]:
            return f"costs {cost} capital; you have {int(v['capital'])}"
        if o.requires is not None and not o.requires(v):
            return o.requires_text
        return None

    def _option_choice(self, card: str, o: CompiledOption) -> Choice:
        why = self._option_why_not(o)
        model = self.ruleset.cards[card].options
        hint = next((m.hint for m in model if m.id == o.id), "")
        return Choice(o.action, o.label, _round(o.cost(self.v)),
                      why is None, why, hint, tuple(Odds(x.chance, x.text) for x in o.outcomes))

    def _action_why_not(self, a: CompiledAction) -> str | None:
        v = self.v
        limit = self.p.actions_per_turn
        if self.actions_taken >= limit:
            word = self.p.scenario.turn_word
            return f"no actions left this {word} ({limit} per {word})"
        if a.window is not None and not a.window[0] <= v["month"] <= a.window[1]:
            return f"only available in months {a.window[0]}-{a.window[1]}"
        if self.turn_uses.get(a.id, 0) >= a.per_turn:
            word = self.p.scenario.turn_word
            return f"already taken this {word}" if a.per_turn == 1 else \
                f"taken {a.per_turn} times this {word} already"
        if a.max_uses is not None and self.used.get(a.id, 0) >= a.max_uses:
            return f"used up ({a.max_uses} times a game)"
        last = self.last_used.get(a.id)
        if last is not None and a.cooldown and v["turn"] - last <= a.cooldown \
                and v["turn"] != last:
            wait = last + a.cooldown + 1 - int(v["turn"])
            word = self.p.scenario.turn_word
            return f"cooling down: available again in {wait} {word}{'s' if wait != 1 else ''}"
        cost = a.fixed_cost if a.fixed_cost is not None else _round(a.cost(v))
        if cost > v["capital"]:
            return f"costs {cost} capital; you have {int(v['capital'])}"
        if a.requires is not None and not a.requires(v):
            return a.requires_text
        return None

    def _action_choice(self, a: CompiledAction) -> Choice:
        why = self._action_why_not(a)
        return Choice(a.action, a.name, _round(a.cost(self.v)), why is None,
                      why, "", tuple(Odds(x.chance, x.text) for x in a.outcomes))

    # -------------------------------------------------------- turn flow

    def _choose(self, action: Action) -> None:
        card = self.p.cards[self.queue.pop(0)]
        opt = card.by_id[action.option]  # type: ignore[index]
        self.seen.add(card.id)
        self.choices_made.append((int(self.v["turn"]), card.id, opt.id))
        cause = opt.cause
        self._pay(_round(opt.cost(self.v)), cause)
        if self.log is not None:
            self.log.append(LogEntry(self.turn, self.month, cause, text=f"You chose: {opt.label}"))
            if opt.text:
                self.log.append(LogEntry(self.turn, self.month, cause, text=opt.text))
        if opt.effects is not None:
            opt.effects(self, cause)
        if opt.outcomes and not self.over:
            self._roll(opt.outcomes, cause)
        self._check_endings()
        self._advance()

    def _skip(self) -> None:
        card = self.p.cards[self.queue[0]]
        stuck = not any(self._option_why_not(o) is None for o in card.options)
        self.queue.pop(0)
        self.seen.add(card.id)
        if stuck:
            self._message(f"No option was possible: '{card.title}' was set aside.",
                          Cause("card", card.id, card.title))
        else:
            self._message(f"The teacher set '{card.title}' aside.",
                          Cause("teacher", card.id, "Teacher"))
        self._advance()

    def _inject(self, card_id: str) -> None:
        if card_id in self.queue:
            self.queue.remove(card_id)
        self.queue.insert(0, card_id)
        self.phase = "event"
        title = self.p.cards[card_id].title
        self._message(f"The teacher brought in '{title}'.", Cause("teacher", card_id, "Teacher"))

    def _act(self, action: Action) -> None:
        a = self.p.actions[action.action]  # type: ignore[index]
        turn = int(self.v["turn"])
        self.actions_taken += 1
        self.turn_uses[a.id] = self.turn_uses.get(a.id, 0) + 1
        self.used[a.id] = self.used.get(a.id, 0) + 1
        self.last_used[a.id] = turn
        self._pay(_round(a.cost(self.v)), a.cause)
        if self.log is not None:
            self.log.append(LogEntry(turn, self.month, a.cause, text=f"Action: {a.name}"))
        if a.effects is not None:
            a.effects(self, a.cause)
        if a.outcomes and not self.over:
            self._roll(a.outcomes, a.cause)
        self._check_endings()

    def _end_turn(self) -> None:
        p = self.p
        # Modifiers act, then tick down.
        for mid, (left, key) in list(self.modifiers.items()):
            m = p.modifiers[key]
            if m.each_turn is not None and not self.over:
                m.each_turn(self, m.cause)
            if left <= 1:
                del self.modifiers[mid]
                self.v[f"mod.{mid}"] = 0
                if self.log is not None:
                    self.log.append(LogEntry(self.turn, self.month, m.cause,
                                             text=f"{m.name} has ended."))
            else:
                self.modifiers[mid] = (left - 1, key)
                self.v[f"mod.{mid}"] = left - 1
        self._run_rules(p.upkeep_rules)
        self._check_endings()
        if self.over:
            return
        if self.v["turn"] >= p.scenario.turns:
            self._finish(p.final_ending.id)
            return
        turn = int(self.v["turn"]) + 1
        self.v["turn"] = turn
        self.v["month"] = p.month_of(turn)
        self.v["turns_left"] = p.scenario.turns - turn
        self._start_turn()
        self._advance()

    def _start_turn(self) -> None:
        p = self.p
        v = self.v
        self.actions_taken = 0
        self.turn_uses.clear()
        if self.log is not None:
            self.log.append(LogEntry(self.turn, self.month,
                                     Cause("turn", str(self.turn), "New month"),
                                     text=f"Turn {self.turn} begins."))
        income = _round(p.income(v)) + sum(p.modifiers[k].income for _, k in self.modifiers.values())
        if income:
            self._add("capital", income, p.income_cause, False)
        self._run_rules(p.start_rules)
        turn = int(v["turn"])
        due = [s for s in self.scheduled if s[0] <= turn]
        if due:
            self.scheduled = [s for s in self.scheduled if s[0] > turn]
            for _, _, key in sorted(due):
                item = p.schedules[key]
                if item.text and self.log is not None:
                    self.log.append(LogEntry(self.turn, self.month, item.cause, text=item.text))
                if item.card is not None:
                    self._deal(item.card, item.cause)
                if item.effects is not None:
                    item.effects(self, item.cause)
        for card_id, cond in p.fixed.get(int(v["month"]), ()):
            if cond is None or cond(v):
                self._deal(card_id, Cause("card", card_id, p.cards[card_id].title))
        n = _round(p.draws(v))
        if n > 0:
            self._draw_random(None, n, p.draw_cause)
        self._check_endings()

    def _advance(self) -> None:
        if self.over:
            return
        if self.queue:
            self.phase = "event"
            return
        self.phase = "diplomacy"
        if not self.p.actions:  # nothing to decide: the turn ends by itself
            self._end_turn()

    def _run_rules(self, rules: Iterable[Any]) -> None:
        v = self.v
        for r in rules:
            if self.over:
                return
            if r.window is not None and not r.window[0] <= v["month"] <= r.window[1]:
                continue
            if r.condition is None or r.condition(v):
                r.effects(self, r.cause)

    def _check_endings(self) -> None:
        if self.over:
            return
        v = self.v
        for e in self.p.endings:
            if e.condition is not None and e.condition(v):
                self._finish(e.id)
                return

    def _finish(self, ending_id: str) -> None:
        p = self.p
        e = p.endings_by_id[ending_id]
        # The final score is a whole number, as players see it, and the tier
        # is read from that same number.
        score = float(_round(p.score(self.v)))
        tiers = p.scenario.tiers
        if e.tier is not None:
            tier = next(t for t in tiers if t.id == e.tier)
        elif e.defeat:
            tier = tiers[-1]
        else:
            tier = next((t for t in tiers if score >= t.min_score), tiers[-1])
        verdict = [tier.text] if tier.text else []
        verdict += [text for test, text in p.verdicts if test(self.v)]
        self.result = Result(e.id, e.title, e.text, e.defeat, score, tier.id, tier.name,
                             tuple(verdict))
        self.over = True
        self.phase = "over"
        if self.log is not None:
            self.log.append(LogEntry(self.turn, self.month,
                                     Cause("ending", e.id, e.title), text=e.title))

    # ------------------------------------------------ effect primitives

    def _rand(self) -> float:
        """The next number in [0, 1) from the state's own SplitMix64 stream."""
        z = self.rng = (self.rng + 0x9E3779B97F4A7C15) & _MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0)

    def _change(self, target: str, new: int, cause: Cause) -> None:
        low, high = self.p.bounds[target]
        new = low if new < low else min(new, high)
        old = self.v[target]
        if new == old:
            return
        self.v[target] = new
        if self.log is not None:
            self.log.append(LogEntry(int(self.v["turn"]), int(self.v["month"]), cause, target,
                                     int(old), new))

    def _add(self, target: str, amount: float, cause: Cause, spill: bool = True) -> None:
        if self.modifiers:
            for _, key in self.modifiers.values():
                factor = self.p.modifiers[key].scale.get(target)
                if factor is not None:
                    amount *= factor
        delta = amount if type(amount) is int else _round(amount)
        if not delta:
            return
        v = self.v
        before = v[target]
        low, high = self.p.bounds[target]
        new = before + delta
        if new < low:
            new = low
        elif new > high:
            new = high
        if new == before:
            return
        v[target] = new
        if self.log is not None:
            self.log.append(LogEntry(int(v["turn"]), int(v["month"]), cause, target,
                                     int(before), int(new)))
        if spill and new > before:
            rivals = self.p.rivals.get(target)
            if rivals:
                gained = new - before
                for rival, factor, spill_cause in rivals:
                    loss = _round(gained * factor)
                    if loss:
                        self._change(rival, int(v[rival] - loss), spill_cause)

    def _set(self, target: str, value: float, cause: Cause) -> None:
        if target.startswith("flag."):
            new = 1 if value else 0
            if self.v[target] != new:
                self.v[target] = new
                if self.log is not None:
                    self.log.append(LogEntry(self.turn, self.month, cause, target,
                                             1 - new, new))
            return
        self._change(target, _round(value), cause)

    def _drift(self, target: str, amount: float, cause: Cause, up: bool = True,
               down: bool = True) -> None:
        base = self.p.baselines[target]
        current = self.v[target]
        step = abs(_round(amount))
        if current > base and down:
            self._change(target, int(max(base, current - step)), cause)
        elif current < base and up:
            self._change(target, int(min(base, current + step)), cause)

    def _pay(self, cost: int, cause: Cause) -> None:
        if cost:
            self._change("capital", int(self.v["capital"] - cost), cause)

    def _message(self, text: str, cause: Cause) -> None:
        if self.log is not None:
            self.log.append(LogEntry(self.turn, self.month, cause, text=text))

    def _roll(self, branches: tuple[CompiledOutcome, ...], cause: Cause) -> None:
        r = self._rand()
        acc = 0.0
        chosen = branches[-1]
        for b in branches:
            acc += b.chance
            if r < acc:
                chosen = b
                break
        if chosen.text:
            self._message(chosen.text, cause)
        if chosen.effects is not None:
            chosen.effects(self, cause)

    def _schedule(self, key: str, delay: int, cause: Cause) -> None:
        self.seq += 1
        self.scheduled.append((int(self.v["turn"]) + delay, self.seq, key))
        item = self.p.schedules[key]
        if self.log is not None and item.card is not None:
            title = self.ruleset.cards[item.card].title
            self._message(f"This will come back: '{title}' in {delay} month"
                          f"{'s' if delay != 1 else ''}.", cause)

    def _deal(self, card: str, cause: Cause, front: bool = False) -> bool:
        """Put ``card`` in the queue, unless it is there already, was played
        and may not repeat, or this turn has brought too many cards."""
        if card in self.queue or (card in self.seen and card not in self.p.repeatable):
            return False
        turn = self.v["turn"]
        decided = 0
        for t, _, _ in reversed(self.choices_made):
            if t != turn:
                break
            decided += 1
        if decided + len(self.queue) >= MAX_CARDS_PER_TURN:
            self._message(f"'{self.p.cards[card].title}' was not dealt: this "
                          f"{self.p.scenario.turn_word} has brought {MAX_CARDS_PER_TURN} "
                          "cards already (do cards keep dealing each other?)", cause)
            return False
        if front:
            self.queue.insert(0, card)
        else:
            self.queue.append(card)
        return True

    def _draw_card(self, card: str, cause: Cause) -> None:
        self._deal(card, cause, front=True)

    def _draw_tagged(self, tags: frozenset[str], count: int, cause: Cause) -> None:
        self._draw_random(tags, count, cause, front=True)

    def _draw_random(self, tags: frozenset[str] | None, n: int, cause: Cause,
                     front: bool = False) -> None:
        v = self.v
        month = v["month"]
        pool: list[tuple[str, float]] = []
        for d in (self.p.drawable if tags is None else self.p.taggable):
            if not d.first <= month <= d.last or d.id in self.queue:
                continue
            if d.id in self.seen and d.id not in self.p.repeatable:
                continue
            if tags is not None and not tags <= d.tags:
                continue
            if d.condition is not None and not d.condition(v):
                continue
            w = d.weight(v)
            if w > 0:
                pool.append((d.id, w))
        drawn: list[str] = []
        for _ in range(n):
            if not pool:
                break
            total = sum(w for _, w in pool)
            r = self._rand() * total
            acc = 0.0
            pick = len(pool) - 1
            for i, (_, w) in enumerate(pool):
                acc += w
                if r < acc:
                    pick = i
                    break
            drawn.append(pool.pop(pick)[0])
        for card in reversed(drawn) if front else drawn:
            self._deal(card, cause, front)

    def _start_modifier(self, key: str, cause: Cause) -> None:
        m = self.p.modifiers[key]
        self.modifiers[m.id] = (m.turns, key)
        self.v[f"mod.{m.id}"] = m.turns
        self._message(f"{m.name} for {m.turns} month{'s' if m.turns != 1 else ''}.", cause)

    def _end_modifier(self, mod_id: str, cause: Cause) -> None:
        active = self.modifiers.pop(mod_id, None)
        if active is not None:
            self.v[f"mod.{mod_id}"] = 0
            self._message(f"{self.p.modifiers[active[1]].name} has ended.", cause)

    def _end(self, ending: str) -> None:
        if not self.over:
            if ending not in self.p.endings_by_id:
                # An ending of another scenario: end as the year's end would.
                ending = self.p.final_ending.id
            self._finish(ending)
