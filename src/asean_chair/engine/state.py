"""The game and its state: the turn flow, legal actions and their effects.

>>> game = Game(ruleset, seed=7)                      # doctest: +SKIP
>>> state = game.new_state()                          # doctest: +SKIP
>>> state.pending                                     # doctest: +SKIP
Pending(kind='event', card='flood')
>>> state.apply(state.legal_actions()[0])             # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..expr import NotFinite
from ..rules.calendar import Clock
from ..rules.models import Card
from ..rules.ruleset import Ruleset
from ..rules.source import Mark, Problem, RulesError
from . import mutate, turn
from .core import (
    Action,
    Cause,
    Choice,
    IllegalAction,
    LogEntry,
    Odds,
    Pending,
    Phase,
    Reason,
    Result,
)
from .mutate import round_half_away as _round
from .program import CompiledAction, CompiledOption, Program, build_program

_END_TURN = Action.end_turn()
_SKIP = Action.skip()
#: How the move that sets aside a card with no possible option is offered.
SET_ASIDE = "Set this card aside: none of its options is possible now"
_MASK = (1 << 64) - 1


def broken_rules(exc: NotFinite) -> RulesError:
    """A pack's expression that failed in play, as the pack error it is."""
    where = exc.where if isinstance(exc.where, Mark) else None
    return RulesError([Problem(where, exc.message)])


def _open(a: CompiledAction, turn: float) -> bool:
    """Whether the window of ``a`` holds ``turn``."""
    return a.window is None or a.window[0] <= turn <= a.window[1]


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

    @property
    def clock(self) -> Clock:
        """The scenario's calendar: what turns are called."""
        return self.program.clock

    @property
    def first_turn(self) -> int:
        """The first turn played (a preset may start later in the calendar)."""
        return self.program.first_turn

    @property
    def last_turn(self) -> int:
        """The last turn played."""
        return self.program.last_turn

    @property
    def briefing(self) -> str:
        """The situation at the first turn: the preset's own briefing, else the scenario's."""
        chosen = next((p for p in self.scenario.presets if p.id == self.preset), None)
        return (chosen.briefing if chosen is not None and chosen.briefing
                else self.scenario.briefing)

    @property
    def length(self) -> int:
        """How many turns the game lasts."""
        return self.program.last_turn - self.program.first_turn + 1

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
        st.step = 0
        st.result = None
        st.over = False
        st.endings_due = True
        try:
            turn.begin(st)
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
        "endings_due",
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
        "step",
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
    phase: Phase
    step: int  # index of the current step of the turn (see engine.turn)
    result: Result | None
    over: bool
    endings_due: bool  # a value an ending reads changed since they were last checked

    # ------------------------------------------------------------ reading

    @property
    def ruleset(self) -> Ruleset:
        """The rules this game is played with."""
        return self.game.ruleset

    @property
    def turn(self) -> int:
        """The current turn: its number in the scenario's calendar (see :attr:`Game.clock`)."""
        return int(self.v["turn"])

    @property
    def month(self) -> int:
        """The current calendar month, 1-12 (in a month calendar; else the turn)."""
        return int(self.v["month"])

    @property
    def turns_played(self) -> int:
        """How many turns have begun, this one included (1 in the first turn)."""
        return self.turn - self.p.first_turn + 1

    @property
    def capital(self) -> int:
        """The currency available now (political capital, goodwill...)."""
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
            # The options :meth:`_option_why_not` allows, as moves.
            v = self.v
            capital = v["capital"]
            out = []
            for o in self.p.cards[self.queue[0]].options:
                cost = o.fixed_cost if o.fixed_cost is not None else _round(o.cost(v))
                if cost <= capital and (o.requires is None or o.requires(v)):
                    out.append(o.action)
            # A card none of whose options is possible now is set aside: a
            # player is never stuck and a bot always has a move.
            return out or [_SKIP]
        if self.actions_taken >= self.p.actions_per_turn:
            return [_END_TURN]
        out = self._allowed_actions(self.p.actions_in(int(self.v["turn"])))
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
        # Legality is a yes/no test here; the reason is built only to be raised.
        kind = action.kind
        opt: CompiledOption | None = None
        act: CompiledAction | None = None
        if self.over:
            allowed = False
        elif kind == "choose":
            if self.phase == "event" and action.card == self.queue[0]:
                opt = self.p.cards[action.card].by_id.get(action.option or "")
            if opt is None:
                allowed = False
            else:  # legal_actions's test of an option, for one option
                v = self.v
                cost = opt.fixed_cost if opt.fixed_cost is not None else _round(opt.cost(v))
                allowed = cost <= v["capital"] and (opt.requires is None or bool(opt.requires(v)))
        elif kind == "act":
            if self.phase != "event":
                act = self.p.actions.get(action.action or "")
            allowed = act is not None and _open(act, self.v["turn"]) and \
                bool(self._allowed_actions((act,)))
        else:
            allowed = kind == "end_turn" and self.phase != "event"
        if not allowed:
            reason = self.why_not(action)
            if reason is not None:
                raise IllegalAction(reason)
        log = self.log
        start = len(log) if log is not None else 0
        self.history.append(action)
        try:
            if opt is not None:
                self._choose(opt)
            elif act is not None:
                self._act(act)
            elif kind == "skip":
                self._skip()
            elif kind == "inject":
                self._inject(str(action.card))
            else:
                self._end_turn()
        except NotFinite as exc:
            raise broken_rules(exc) from None
        return log[start:] if log is not None else []

    def apply_listed(self, action: Action) -> None:
        """Apply ``action``, one of the moves :meth:`legal_actions` has just
        listed for this state, without testing it again and with no log entries
        returned: for bots that play out many games (a move not so listed
        leaves the state in no defined shape)."""
        kind = action.kind
        self.history.append(action)
        try:
            if kind == "choose":
                self._choose(self.p.cards[self.queue[0]].by_id[action.option or ""])
            elif kind == "act":
                self._act(self.p.actions[action.action or ""])
            elif kind == "end_turn":
                self._end_turn()
            elif kind == "skip":
                self._skip()
            else:
                self._inject(str(action.card))
        except NotFinite as exc:
            raise broken_rules(exc) from None

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
        st.step = self.step
        st.result = self.result
        st.over = self.over
        st.endings_due = self.endings_due
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
            "seen": sorted(self.seen), "rng": self.rng, "seq": self.seq, "step": self.step,
            "result": None if self.result is None else {
                "ending": self.result.ending, "score": self.result.score,
                "tier": self.result.tier},
        }

    # -------------------------------------------------------- legality

    # The yes/no forms of the reasons below, for listing and applying moves:
    # the same tests in the same order (so the same expressions are
    # evaluated), with no sentence built.

    def _allowed_actions(self, actions: Iterable[CompiledAction]) -> list[Action]:
        """The moves of ``actions`` (open in this turn: see
        :meth:`Program.actions_in`) that :meth:`_action_why_not` allows now."""
        out: list[Action] = []
        if self.actions_taken >= self.p.actions_per_turn:
            return out
        v = self.v
        turn = v["turn"]
        capital = v["capital"]
        if capital < self.p.least_cost:
            return out  # no action is affordable
        turn_uses = self.turn_uses
        used = self.used
        for a in actions:
            fixed = a.fixed_cost
            if fixed is not None and fixed > capital:
                continue  # not affordable (the tests below evaluate nothing)
            key = a.id
            # per_turn and max_uses are at least 1: an action never taken passes
            # both; one taken before has a last turn of use too.
            if key in used:
                if turn_uses and key in turn_uses and turn_uses[key] >= a.per_turn:
                    continue
                if a.max_uses is not None and used[key] >= a.max_uses:
                    continue
                if a.cooldown:
                    last = self.last_used[key]
                    if turn - last <= a.cooldown and turn != last:
                        continue
            cost = fixed if fixed is not None else _round(a.cost(v))
            if cost <= capital and (a.requires is None or a.requires(v)):
                out.append(a.action)
        return out

    def _option_why_not(self, o: CompiledOption) -> str | None:
        v = self.v
        cost = o.fixed_cost if o.fixed_cost is not None else _round(o.cost(v))
        if cost > v["capital"]:
            return self._costs(cost)
        if o.requires is not None and not o.requires(v):
            return o.requires_text
        return None

    def _units(self) -> dict[str, str]:
        """The calendar's words, for a :class:`Reason`."""
        clock = self.p.clock
        return {"unit": clock.unit, "units": clock.units}

    def _costs(self, cost: int) -> Reason:
        words = self.p.scenario.words
        have = int(self.v["capital"])
        return Reason(f"costs {self.p.money(cost)}; you have {have}", "costs", cost=cost,
                      have=have, currency=words.currency if cost == 1 else words.currencies)

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
            word = self.p.clock.unit
            return Reason(f"no actions left this {word} ({limit} per {word})", "no_actions",
                          limit=limit, **self._units())
        if a.window is not None and not a.window[0] <= v["turn"] <= a.window[1]:
            opens, closes = (self.p.clock.name(t) for t in a.window)
            return Reason(f"only available in {opens}", "only_in", turn=a.window[0]) \
                if opens == closes else \
                Reason(f"only available from {opens} to {closes}", "only_from",
                       first=a.window[0], last=a.window[1])
        if self.turn_uses.get(a.id, 0) >= a.per_turn:
            word = self.p.clock.unit
            return Reason(f"already taken this {word}", "taken", **self._units()) \
                if a.per_turn == 1 else \
                Reason(f"taken {a.per_turn} times this {word} already", "taken_times",
                       n=a.per_turn, **self._units())
        if a.max_uses is not None and self.used.get(a.id, 0) >= a.max_uses:
            return Reason(f"used up ({a.max_uses} times a game)", "used_up", n=a.max_uses)
        last = self.last_used.get(a.id)
        if last is not None and a.cooldown and v["turn"] - last <= a.cooldown \
                and v["turn"] != last:
            wait = last + a.cooldown + 1 - int(v["turn"])
            return Reason(f"cooling down: available again in {self.p.clock.count(wait)}",
                          "cooling_down", n=wait, **self._units())
        cost = a.fixed_cost if a.fixed_cost is not None else _round(a.cost(v))
        if cost > v["capital"]:
            return self._costs(cost)
        if a.requires is not None and not a.requires(v):
            return a.requires_text
        return None

    def _action_choice(self, a: CompiledAction) -> Choice:
        why = self._action_why_not(a)
        return Choice(a.action, a.name, _round(a.cost(self.v)), why is None,
                      why, "", tuple(Odds(x.chance, x.text) for x in a.outcomes))

    # -------------------------------------------------------- turn flow

    def _choose(self, opt: CompiledOption) -> None:
        card_id = self.queue.pop(0)
        self.seen.add(card_id)
        v = self.v
        self.choices_made.append((int(v["turn"]), card_id, opt.id))
        cause = opt.cause
        cost = opt.fixed_cost if opt.fixed_cost is not None else _round(opt.cost(v))
        if cost:
            mutate.pay(self, cost, cause)
        if self.log is not None:
            self.log.append(LogEntry(self.turn, self.month, cause, text=f"You chose: {opt.label}"))
            if opt.text:
                self.log.append(LogEntry(self.turn, self.month, cause, text=opt.text))
        if opt.effects is not None:
            opt.effects(self, cause)
        if opt.outcomes and not self.over:
            mutate.roll(self, opt.outcomes, cause)
        if self.endings_due:
            turn.endings(self)
        # A card is decided in a step that waits for the player: while cards
        # are queued, that step goes on waiting (turn.run would only say so).
        if not self.queue or self.over:
            turn.run(self)

    def _skip(self) -> None:
        card = self.p.cards[self.queue[0]]
        stuck = not any(self._option_why_not(o) is None for o in card.options)
        self.queue.pop(0)
        self.seen.add(card.id)
        if stuck:
            mutate.message(self, f"No option was possible: '{card.title}' was set aside.",
                           Cause("card", card.id, card.title))
        else:
            mutate.message(self, f"The teacher set '{card.title}' aside.",
                           Cause("teacher", card.id, "Teacher"))
        turn.run(self)

    def _inject(self, card_id: str) -> None:
        if card_id in self.queue:
            self.queue.remove(card_id)
        self.queue.insert(0, card_id)
        self.phase = "event"
        title = self.p.cards[card_id].title
        mutate.message(self, f"The teacher brought in '{title}'.",
                       Cause("teacher", card_id, "Teacher"))

    def _act(self, a: CompiledAction) -> None:
        now = int(self.v["turn"])
        self.actions_taken += 1
        self.turn_uses[a.id] = self.turn_uses.get(a.id, 0) + 1
        self.used[a.id] = self.used.get(a.id, 0) + 1
        self.last_used[a.id] = now
        cost = a.fixed_cost if a.fixed_cost is not None else _round(a.cost(self.v))
        if cost:
            mutate.pay(self, cost, a.cause)
        if self.log is not None:
            self.log.append(LogEntry(now, self.month, a.cause, text=f"Action: {a.name}"))
        if a.effects is not None:
            a.effects(self, a.cause)
        if a.outcomes and not self.over:
            mutate.roll(self, a.outcomes, a.cause)
        if self.endings_due:
            turn.endings(self)
        if self.queue and not self.over:
            self.phase = "event"  # a card the action dealt comes first

    def _end_turn(self) -> None:
        self.step += 1
        turn.run(self)
