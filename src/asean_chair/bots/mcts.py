"""Monte Carlo tree search over cloned states, with sampled chance.

Open-loop UCT: the tree is keyed by action sequences, and every iteration
replays from a clone of the real state whose random stream is re-seeded, so
chance outcomes are sampled rather than known in advance. Leaves are
estimated by a short random playout followed by the scenario's score.
"""

from __future__ import annotations

import math
import random
import time

from ..engine import Action, GameState
from . import outcome_value


class _Node:
    __slots__ = ("children", "total", "visits")

    def __init__(self) -> None:
        self.visits = 0
        self.total = 0.0
        self.children: dict[Action, _Node] = {}


class MCTSBot:
    """UCT with an iteration budget (or a time budget, whichever ends first).

    ``horizon`` is how many random decisions a playout makes after leaving
    the tree before the state is scored; ``depth`` caps the tree's depth.
    """

    name = "mcts"

    def __init__(self, seed: int = 0, iterations: int = 200, seconds: float | None = None,
                 horizon: int = 12, depth: int = 6, exploration: float = 0.7) -> None:
        self.rng = random.Random(seed)
        self.iterations = iterations
        self.seconds = seconds
        self.horizon = horizon
        self.depth = depth
        self.exploration = exploration

    def choose(self, state: GameState) -> Action:
        legal = state.legal_actions()
        if len(legal) == 1:
            return legal[0]
        root = _Node()
        low, high = math.inf, -math.inf
        deadline = time.perf_counter() + self.seconds if self.seconds else None
        rng = self.rng
        bits = rng.getrandbits
        for i in range(self.iterations):
            if deadline is not None and i and time.perf_counter() > deadline:
                break
            st = state.clone()
            st.reseed(rng.getrandbits(32))
            node, path = root, [root]
            for _ in range(self.depth):
                if st.over:
                    break
                # At the root the clone's moves are the real state's, listed once.
                actions = legal if node is root else st.legal_actions()
                children = node.children
                kids = [children.get(a) for a in actions]  # each action looked up once
                if None in kids:
                    untried = [a for a, k in zip(actions, kids, strict=True) if k is None]
                    action = rng.choice(untried)
                    child = children[action] = _Node()
                    st.apply_listed(action)
                    path.append(child)
                    break
                best = self._best(node, kids, low, (high - low) or 1.0)  # type: ignore[arg-type]
                node = kids[best]  # type: ignore[assignment]
                st.apply_listed(actions[best])
                path.append(node)
            for _ in range(self.horizon):
                if st.over:
                    break
                # ``rng.choice(st.legal_actions())``, written out: the same draws.
                moves = st.legal_actions()
                count = len(moves)
                width = count.bit_length()
                pick = bits(width)
                while pick >= count:
                    pick = bits(width)
                st.apply_listed(moves[pick])
            value = outcome_value(st)
            low, high = min(low, value), max(high, value)
            for n in path:
                n.visits += 1
                n.total += value
        return max(legal, key=lambda a: (root.children[a].visits, root.children[a].total)
                   if a in root.children else (-1, 0.0))

    def _select(self, node: _Node, actions: list[Action], low: float, span: float) -> Action:
        """UCB1 over the children, with values scaled to 0..1 by what was seen."""
        return actions[self._best(node, [node.children[a] for a in actions], low, span)]

    def _best(self, node: _Node, kids: list[_Node], low: float, span: float) -> int:
        """The index of the child UCB1 prefers (the first of equals)."""
        log_n = math.log(node.visits)
        explore = self.exploration
        sqrt = math.sqrt
        best, best_value = 0, -math.inf
        for i, c in enumerate(kids):
            visits = c.visits
            value = (c.total / visits - low) / span + explore * sqrt(log_n / visits)
            if value > best_value:
                best, best_value = i, value
        return best
