"""Playing many seeded games with a bot, on every core.

Game ``i`` of a run with seed ``S`` is always played with game seed ``S + i``
and bot seed ``S * 7919 + i``, and results are gathered in game order, so
the same seed gives the same results whatever the number of jobs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bots import make_bot
from ..engine import Game, GameState
from ..rules import load_packs
from ..rules.ruleset import Ruleset
from .tally import Tally


@dataclass(frozen=True, slots=True)
class GameRecord:
    """What one simulated game left behind."""

    index: int
    seed: int
    score: float
    tier: str
    ending: str
    defeat: bool
    decisions: int  # card choices and diplomacy actions (not turn ends)
    turns: int
    final: dict[str, int]
    offered: tuple[str, ...]  # cards that came up for a decision, in order
    picks: tuple[tuple[str, str], ...]  # (card, option)
    actions: tuple[str, ...]
    #: For each pick, the options of its card that could be chosen then
    #: (the others' requirements or costs were not met).
    available: tuple[tuple[str, ...], ...] = ()


class BoundsError(AssertionError):
    """A value left its bounds during a game (a bug in the engine)."""


def check_bounds(st: GameState) -> None:
    """Raise :class:`BoundsError` if any track, relation or capital is out of bounds."""
    for name, (low, high) in st.p.bounds.items():
        value = st.v[name]
        if not low <= value <= high:
            raise BoundsError(f"{name} = {value} outside {low}..{high} "
                              f"(seed {st.game.seed}, "
                              f"after {st.history[-1] if st.history else 'start'})")


def play_one(ruleset: Ruleset, scenario: str | None, bot_name: str, index: int, base_seed: int,
             checked: bool = False, preset: str | None = None,
             difficulty: str | None = None) -> GameRecord:
    """Play game ``index`` of a run to its end."""
    seed = base_seed + index
    game = Game(ruleset, scenario, seed, preset=preset, difficulty=difficulty, explain=False)
    st = game.new_state()
    bot = make_bot(bot_name, base_seed * 7919 + index, tuple(ruleset.actors))
    steps = 0
    offered: list[str] = []
    picks: list[tuple[str, str]] = []
    available: list[tuple[str, ...]] = []
    while not st.over:
        card = st.queue[0] if st.phase == "event" else None  # the card waiting, if any
        legal = st.legal_actions() if card is not None else []
        action = bot.choose(st)
        st.apply(action)
        if card is not None:
            offered.append(card)
            if action.kind == "choose" and action.option is not None:
                picks.append((card, action.option))
                available.append(tuple(a.option for a in legal
                                       if a.kind == "choose" and a.option is not None))
        steps += 1
        if checked:
            check_bounds(st)
        if steps > 100_000:
            raise RuntimeError(f"game {seed} did not end")
    r = st.result
    assert r is not None
    final = {t: int(st.v[t]) for t in ruleset.tracks}
    final.update({f"rel.{a}": int(st.v[f"rel.{a}"]) for a in ruleset.actors})
    return GameRecord(
        index=index, seed=seed, score=r.score, tier=r.tier, ending=r.ending, defeat=r.defeat,
        decisions=sum(1 for a in st.history if a.kind != "end_turn"), turns=st.turns_played,
        final=final, offered=tuple(offered), picks=tuple(picks),
        actions=tuple(a.action or "" for a in st.history if a.kind == "act"),
        available=tuple(available),
    )


# Each worker process loads the packs once (a forked worker inherits them).
_WORKER: dict[str, Any] = {}


def _init_worker(packs: Sequence[str], scenario: str | None, bot: str, seed: int,
                 checked: bool, preset: str | None = None, difficulty: str | None = None,
                 ruleset: Ruleset | None = None) -> None:
    if ruleset is None:
        if _WORKER.get("packs") == list(packs):
            ruleset = _WORKER["ruleset"]
        else:
            ruleset = load_packs([Path(p) for p in packs])
            gc.collect()  # the loader's garbage, then the rules live as long as the
            gc.freeze()  # process: the collector skips them
    _WORKER.update(packs=list(packs), ruleset=ruleset, scenario=scenario, bot=bot, seed=seed,
                   checked=checked, preset=preset, difficulty=difficulty)


def _play_chunk(indices: range) -> Iterator[GameRecord]:
    w = _WORKER
    for i in indices:
        yield play_one(w["ruleset"], w["scenario"], w["bot"], i, w["seed"], w["checked"],
                       w["preset"], w["difficulty"])


def _run_chunk(indices: range) -> list[GameRecord]:
    return list(_play_chunk(indices))


def _tally_chunk(indices: range) -> Tally:
    return Tally.of(_play_chunk(indices))


def _chunks(games: int, size: int) -> list[range]:
    return [range(i, min(i + size, games)) for i in range(0, games, size)]


def chunk_size(games: int, jobs: int) -> int:
    """Games per work unit: about eight units per process (so a slow unit
    does not leave a core idle at the end), at most 500."""
    return max(1, min(500, games // (jobs * 8) or 1))


def _pool(jobs: int, args: tuple[Any, ...]) -> Any:
    """``jobs`` worker processes; forked ones share the packs already loaded."""
    if "fork" in multiprocessing.get_all_start_methods():
        if _WORKER.get("packs") != list(args[0]):
            _WORKER.update(packs=list(args[0]), ruleset=load_packs([Path(p) for p in args[0]]))
        gc.collect()
        gc.freeze()  # forked children then leave the parent's pages shared
        return multiprocessing.get_context("fork").Pool(jobs, _init_worker, args)
    return multiprocessing.get_context("spawn").Pool(jobs, _init_worker, args)


def run_games(packs: Sequence[str | Path], bot: str, games: int, *, scenario: str | None = None,
              seed: int = 0, jobs: int | None = None, checked: bool = False,
              progress: Callable[[int], None] | None = None, preset: str | None = None,
              difficulty: str | None = None) -> Iterator[GameRecord]:
    """Play ``games`` games; yields records in game order.

    ``jobs`` processes play at once (default: every core). ``progress`` is
    called with the number of games just finished. For many games use
    :func:`tally_games`, which keeps no record per game.
    """
    pack_names = [str(p) for p in packs]
    jobs = max(1, jobs or os.cpu_count() or 1)
    chunks = _chunks(games, chunk_size(games, jobs))
    args = (pack_names, scenario, bot, seed, checked, preset, difficulty)
    if jobs == 1 or len(chunks) == 1:
        _init_worker(*args)
        for chunk in chunks:
            done = _run_chunk(chunk)
            if progress:
                progress(len(done))
            yield from done
        return
    with _pool(jobs, args) as pool:
        for done in pool.imap(_run_chunk, chunks):
            if progress:
                progress(len(done))
            yield from done


def tally_games(packs: Sequence[str | Path], bot: str, games: int, *,
                scenario: str | None = None, seed: int = 0, jobs: int | None = None,
                checked: bool = False, progress: Callable[[int], None] | None = None,
                preset: str | None = None, difficulty: str | None = None) -> Tally:
    """Play ``games`` games (as :func:`run_games`) and return their :class:`Tally`.

    Each process tallies its own chunks of games and sends back only the
    counts: memory stays flat however many games are played, and the
    result is the same for any number of jobs.
    """
    pack_names = [str(p) for p in packs]
    jobs = max(1, jobs or os.cpu_count() or 1)
    chunks = _chunks(games, chunk_size(games, jobs))
    args = (pack_names, scenario, bot, seed, checked, preset, difficulty)
    total = Tally()
    if jobs == 1 or len(chunks) == 1:
        _init_worker(*args)
        for chunk in chunks:
            total.merge(_tally_chunk(chunk))
            if progress:
                progress(len(chunk))
        return total
    with _pool(jobs, args) as pool:
        for chunk, done in zip(chunks, pool.imap(_tally_chunk, chunks), strict=True):
            total.merge(done)
            if progress:
                progress(len(chunk))
    return total
