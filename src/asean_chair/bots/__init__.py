"""Players that drive the engine through its public API only.

>>> bot = make_bot("greedy", seed=1)                    # doctest: +SKIP
>>> state.apply(bot.choose(state))                      # doctest: +SKIP

- ``random``: any legal action, uniformly.
- ``greedy``: one step of lookahead on the scenario's score; chance
  outcomes are averaged over a few re-seeded copies rather than peeked at.
- ``history``: the historical option on every card that records one
  (``historical_option``), greedy elsewhere: the real year as a baseline.
- ``stance:<actor>``: always the choice that warms the relation with that
  actor most (a fixed stance, to show that fixed stances lose).
- ``cautious``: the option that moves the fewest values the least, and a
  diplomacy action only when it is cheap and safe (a careful baseline).
- ``mcts``: Monte Carlo tree search with a budget of iterations
  (``mcts:500`` for 500), sampling chance rather than peeking at it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Protocol

from ..engine import Action, Game, GameState
from ..rules.ruleset import Ruleset

#: Value given to a defeat, below any score a scenario gives.
DEFEAT_PENALTY = 1000.0


class Bot(Protocol):
    """A player: picks one legal action for a state."""

    name: str

    def choose(self, state: GameState) -> Action:
        """The action to take now."""
        ...


def outcome_value(state: GameState) -> float:
    """How good a state is for a player: its score, far lower after a defeat."""
    if state.result is not None and state.result.defeat:
        return state.score - DEFEAT_PENALTY
    return state.score


class RandomBot:
    """Chooses uniformly among the legal actions."""

    name = "random"

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self._bits = self.rng.getrandbits

    def choose(self, state: GameState) -> Action:
        legal = state.legal_actions()
        # ``self.rng.choice(legal)``, inlined: the same draws, so the same games.
        n = len(legal)
        k = n.bit_length()
        bits = self._bits
        r = bits(k)
        while r >= n:
            r = bits(k)
        return legal[r]


class GreedyBot:
    """One-step lookahead on the score.

    In the diplomacy phase an action is taken only if it beats doing nothing.
    """

    name = "greedy"

    def __init__(self, seed: int = 0, samples: int = 4) -> None:
        self.rng = random.Random(seed)
        self.samples = samples

    def evaluate(self, state: GameState, action: Action, chancy: bool,
                 measure: Callable[[GameState], float] = outcome_value) -> float:
        """The (expected) value after ``action``."""
        runs = self.samples if chancy else 1
        total = 0.0
        for _ in range(runs):
            after = state.clone()
            if chancy:
                after.reseed(self.rng.getrandbits(32))
            after.apply(action)
            total += measure(after)
        return total / runs

    def choose(self, state: GameState) -> Action:
        return self.best(state, outcome_value)

    def best(self, state: GameState, measure: Callable[[GameState], float]) -> Action:
        """The legal action with the highest ``measure`` after it (ties: at random)."""
        choices = [c for c in state.choices() if c.legal]
        if state.pending.kind == "diplomacy":
            baseline = measure(state)
            best_action, best_value = Action.end_turn(), baseline
            for c in choices:
                if c.action.kind != "act":
                    continue
                value = self.evaluate(state, c.action, bool(c.odds), measure)
                if value > best_value + 1e-9:
                    best_action, best_value = c.action, value
            return best_action
        scored = [(self.evaluate(state, c.action, bool(c.odds), measure), c.action)
                  for c in choices]
        top = max(v for v, _ in scored)
        # Ties are broken at random (seeded), so no option wins for being listed first.
        return self.rng.choice([a for v, a in scored if v >= top - 1e-9])


class HistoryBot:
    """The real historical choice on every card that records one; greedy elsewhere."""

    name = "history"

    def __init__(self, seed: int = 0) -> None:
        self.fallback = GreedyBot(seed)

    def choose(self, state: GameState) -> Action:
        card = state.current_card
        if card is not None and card.historical_option is not None:
            wanted = Action.choose(card.id, card.historical_option)
            if wanted in state.legal_actions():
                return wanted
        return self.fallback.choose(state)


class StanceBot:
    """Always the choice that warms the relation with one actor most."""

    def __init__(self, actor: str, seed: int = 0) -> None:
        self.actor = actor
        self.name = f"stance:{actor}"
        self.greedy = GreedyBot(seed)

    def choose(self, state: GameState) -> Action:
        key = f"rel.{self.actor}"

        def warmth(s: GameState) -> float:
            penalty = DEFEAT_PENALTY if s.result is not None and s.result.defeat else 0.0
            return s.value(key) - penalty

        return self.greedy.best(state, warmth)


class CautiousBot:
    """A careful player, the baseline a designer compares a game against.

    On cards: the option that moves the fewest values the least. In the
    diplomacy phase: an action only when it is cheap (it leaves at least
    half of the currency held, for the cards to come) and safe (in a few
    sampled futures it never ends the game in defeat and never lowers a
    track or relation by more than :attr:`SMALL_LOSS`), the one that gains
    most; otherwise it ends the turn.
    """

    name = "cautious"
    #: The largest fall of any one value this player accepts from an action.
    SMALL_LOSS = 2

    def __init__(self, seed: int = 0, samples: int = 3) -> None:
        self.rng = random.Random(seed)
        self.samples = samples

    def choose(self, state: GameState) -> Action:
        from ..rules.describe import option_moves

        if state.pending.kind == "diplomacy":
            return self.diplomacy(state)
        card = state.current_card
        legal = state.legal_actions()
        if card is None:
            return Action.end_turn()
        options = {o.id: o for o in card.options}

        def size(a: Action) -> tuple[float, int]:
            if a.option not in options:  # a card with no possible option is set aside
                return (float("inf"), 0)
            moves = option_moves(options[a.option])
            total = sum(abs(m) if m is not None else 10 for _, m in moves)
            return (total, len(moves))

        return min(legal, key=size)

    def diplomacy(self, state: GameState) -> Action:
        """The cheap, safe action that gains most, or the end of the turn."""
        rs = state.ruleset
        names = list(rs.tracks) + [f"rel.{a}" for a in rs.actors]
        before = {n: state.value(n) for n in names}
        best, best_gain = Action.end_turn(), 0.0
        held = state.capital
        for c in state.choices():
            if c.action.kind != "act" or not c.legal or held - c.cost < held / 2:
                continue
            gains = []
            for _ in range(self.samples if c.odds else 1):
                after = state.clone()
                if c.odds:
                    after.reseed(self.rng.getrandbits(32))
                after.apply(c.action)
                changes = [after.value(n) - before[n] for n in names]
                if (after.result is not None and after.result.defeat) or \
                        min(changes, default=0) < -self.SMALL_LOSS:
                    break
                gains.append(sum(changes))
            else:
                gain = sum(gains) / len(gains)
                if gain > best_gain:
                    best, best_gain = c.action, gain
        return best


BOTS = ("random", "greedy", "history", "cautious", "mcts[:ITERATIONS]", "stance:<actor>")


def make_bot(name: str, seed: int = 0, actors: tuple[str, ...] = (), *,
             ruleset: Ruleset | None = None) -> Bot:
    """A bot by name; raises ``ValueError`` naming the bots for an unknown one.

    Given the ``ruleset``, the ``history`` bot is refused for packs that
    record no historical choice (it would only play like ``greedy``).
    """
    if name == "history" and ruleset is not None and not any(
            c.historical_option for c in ruleset.cards.values()):
        raise ValueError("the history bot plays the choices that really happened, and no card "
                         "of these packs records one (historical_option); try greedy")
    if name == "random":
        return RandomBot(seed)
    if name == "greedy":
        return GreedyBot(seed)
    if name == "history":
        return HistoryBot(seed)
    if name == "cautious":
        return CautiousBot(seed)
    if name == "mcts" or name.startswith("mcts:"):
        from .mcts import MCTSBot

        budget = name.partition(":")[2]
        if budget and not budget.isdigit():
            raise ValueError(f"mcts takes a number of iterations, e.g. mcts:200 (got '{budget}')")
        return MCTSBot(seed, iterations=int(budget) if budget else 200)
    if name.startswith("stance:"):
        actor = name.partition(":")[2]
        if actors and actor not in actors:
            raise ValueError(f"unknown actor '{actor}' for stance (actors: {', '.join(actors)})")
        return StanceBot(actor, seed)
    raise ValueError(f"unknown bot '{name}' (bots: {', '.join(BOTS)})")


def same_game(game: Game, *, explain: bool = False) -> Game:
    """This game to play again with other choices: the same packs, scenario,
    preset, difficulty and seed. Every "what if" score is played on it."""
    return Game(game.ruleset, game.scenario.id, game.seed, preset=game.preset,
                difficulty=game.difficulty, explain=explain)


def history_baseline(game: Game | GameState) -> float | None:
    """The score the historical choices reach in this same game (see :func:`same_game`).

    ``None`` when no card of the packs records a historical option. Kept on
    the ruleset's cache, so every surface that states it pays for it once.
    """
    if isinstance(game, GameState):
        game = game.game
    rs = game.ruleset
    if not any(c.historical_option for c in rs.cards.values()):
        return None
    key = ("history_baseline", game.scenario.id, game.preset, game.difficulty, game.seed)
    cached = rs.cache.get(key)
    if cached is None:
        end = play_out(same_game(game).new_state(), make_bot("history", game.seed))
        cached = rs.cache[key] = end.score
    return float(cached)


def play_out(state: GameState, bot: Bot, max_steps: int = 10_000) -> GameState:
    """Let ``bot`` play ``state`` to the end (in place); returns it."""
    for _ in range(max_steps):
        if state.is_over:
            return state
        state.apply(bot.choose(state))
    raise RuntimeError(f"the game did not end within {max_steps} decisions")
