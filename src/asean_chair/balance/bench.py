"""``asean-chair bench``: how fast the engine is, in figures.

Benchmarks print numbers; they are not timed tests. Each figure is printed
with the CPU time it took beside the wall time: on a shared machine the
wall time moves with the other processes' load, the CPU time much less.
Figures "per second" are computed from CPU time (of every process taking
part) unless they say "wall".
"""

from __future__ import annotations

import copy
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import yaml

from ..bots import RandomBot, outcome_value
from ..engine import Game
from ..rules import load_packs
from ..rules.models import SECTIONS
from ..rules.ruleset import Ruleset

COPIED = ("cards", "actions", "rules")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _rename_cards(node: Any, suffix: str, cards: set[str]) -> Any:
    """Point ``card:`` references at the copies' ids."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "card" and isinstance(v, str) and v in cards:
                out[k] = v + suffix
            else:
                out[k] = _rename_cards(v, suffix, cards)
        return out
    if isinstance(node, list):
        return [_rename_cards(x, suffix, cards) for x in node]
    return node


def synthetic_pack(source: Path, dest: Path, factor: int = 10) -> Path:
    """Write a pack ``factor`` times larger than ``source``: its cards, actions
    and rules copied with new ids (references between copies kept)."""
    dest.mkdir(parents=True, exist_ok=True)
    meta = _read(source / "pack.yaml")
    meta["id"] = f"{meta['id']}_x{factor}"
    (dest / "pack.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    files = {p: _read(p)
             for p in sorted(source.glob("*.yaml")) if p.name != "pack.yaml"}
    cards = {c["id"] for data in files.values() for c in (data or {}).get("cards", [])}
    for path, data in files.items():
        out: dict[str, Any] = {}
        for section in SECTIONS:
            items = (data or {}).get(section)
            if not items:
                continue
            out[section] = list(items)
            if section in COPIED:
                for k in range(1, factor):
                    suffix = f"_x{k}"
                    for item in items:
                        twin = _rename_cards(copy.deepcopy(item), suffix, cards)
                        twin["id"] = item["id"] + suffix
                        out[section].append(twin)
        (dest / path.name).write_text(yaml.safe_dump(out, sort_keys=False, allow_unicode=True),
                                      encoding="utf-8")
    return dest



@dataclass
class Timed:
    """Wall and CPU seconds of one measurement (CPU of this process and of
    the child processes it waited for)."""

    wall: float
    cpu: float


class _Clock:
    def __enter__(self) -> Self:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()
        self.kids = _children_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timed = Timed(time.perf_counter() - self.wall,
                           time.process_time() - self.cpu + _children_cpu() - self.kids)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _best(fn: Callable[[], object], runs: int) -> Timed:
    """The run with the least CPU time of ``runs``."""
    best: Timed | None = None
    for _ in range(runs):
        with _Clock() as c:
            fn()
        if best is None or c.timed.cpu < best.cpu:
            best = c.timed
    assert best is not None
    return best


def _command(args: list[str]) -> tuple[Timed, int, str]:
    """Run ``asean-chair ARGS`` in a new process: its times (CPU of it and
    its workers), its own peak memory in KB, and its output."""
    # The peak is read from /proc (VmHWM) where there is one: on Linux the
    # rusage peak of a new process starts at its parent's.
    code = ("import resource, sys\n"
            "from asean_chair.cli.main import main\n"
            f"code = main({args!r})\n"
            "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "try:\n"
            "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
            "    peak = int(status.split()[0])\n"
            "except (OSError, IndexError, ValueError):\n"
            "    pass\n"
            "sys.stderr.write(f'\\npeak-kb {peak}\\n')\n"
            "sys.exit(code)\n")
    with _Clock() as c:
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True)
    peak = int(run.stderr.rsplit("peak-kb", 1)[1].split()[0])
    return c.timed, peak, run.stdout


def _help_time() -> Timed:
    """``asean-chair --help`` in a new process, as a user runs it."""
    with _Clock() as c:
        subprocess.run([sys.executable, "-m", "asean_chair", "--help"], capture_output=True,
                       check=True)
    return c.timed


def _first_load(pack: Path, *, bytecode: bool = True) -> Timed:
    """A fresh interpreter importing the rules and loading the pack (best of 3 by CPU).

    With ``bytecode`` (the figure the game is judged by), the modules' compiled
    bytecode is cached, as in an installed game (pip writes it on install):
    the runs share a cache in a temporary folder, filled by a run first, even
    where the environment says not to write bytecode (PYTHONDONTWRITEBYTECODE).
    Without, the runs start as this environment says, which may compile every
    module of the game from source each time.
    """
    code = ("import time; w = time.perf_counter(); c = time.process_time(); "
            "from asean_chair.rules import load_packs; "
            f"load_packs([{str(pack)!r}]); "
            "print(time.perf_counter() - w, time.process_time() - c)")
    env = dict(os.environ)
    best: Timed | None = None
    with tempfile.TemporaryDirectory() as cache:
        args = [sys.executable, "-c", code]
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            args[1:1] = ["-X", f"pycache_prefix={cache}"]
            subprocess.run(args, capture_output=True, check=True, env=env)  # fills the cache
        for _ in range(3):
            run = subprocess.run(args, capture_output=True, text=True, check=True, env=env)
            wall, cpu = (float(x) for x in run.stdout.split())
            if best is None or cpu < best.cpu:
                best = Timed(wall, cpu)
    assert best is not None
    return best


def random_games(ruleset: Ruleset, games: int, first_seed: int = 10_000) -> tuple[Timed, int]:
    """Play ``games`` random games (list the legal moves, pick one, apply it);
    returns the time and the number of decisions."""
    decisions = 0
    with _Clock() as c:
        for i in range(first_seed, first_seed + games):
            st = Game(ruleset, seed=i, explain=False).new_state()
            bot = RandomBot(i)
            while not st.over:
                st.apply(bot.choose(st))
            decisions += len(st.history)
    return c.timed, decisions


def mcts_figures(ruleset: Ruleset, budgets: Sequence[int], games: int) -> dict[str, Any]:
    """MCTS iterations per second, and its strength (mean score, share of
    top-two tiers) for each budget, beside the random bot's."""
    from ..bots.mcts import MCTSBot

    top = {t.id for t in Game(ruleset).scenario.tiers[:2]}
    out: dict[str, Any] = {}
    for budget in budgets:
        iterations = 0
        scores: list[float] = []
        wins = 0
        with _Clock() as c:
            for g in range(games):
                st = Game(ruleset, seed=g, explain=False).new_state()
                bot = MCTSBot(g, iterations=budget)
                while not st.over:
                    if len(st.legal_actions()) > 1:
                        iterations += budget
                    st.apply(bot.choose(st))
                scores.append(outcome_value(st))
                wins += st.result is not None and st.result.tier in top
        out[str(budget)] = {"it_per_s": iterations / c.timed.cpu,
                            "it_per_s_wall": iterations / c.timed.wall,
                            "mean_score": statistics.fmean(scores), "wins": wins / games}
    scores = []
    wins = 0
    for g in range(max(games, 50)):
        st = Game(ruleset, seed=g, explain=False).new_state()
        rbot = RandomBot(g)
        while not st.over:
            st.apply(rbot.choose(st))
        scores.append(outcome_value(st))
        wins += st.result is not None and st.result.tier in top
    out["random"] = {"mean_score": statistics.fmean(scores), "wins": wins / max(games, 50)}
    return out


def measure(ruleset: Ruleset, pack: Path, seconds: float = 2.0) -> dict[str, Any]:
    """The engine's figures for one pack."""
    figures: dict[str, Any] = {}
    figures["load"] = _best(lambda: load_packs([pack]), 5)
    gc.collect()
    gc.freeze()
    figures["first_load"] = _first_load(pack)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        figures["first_load_from_source"] = _first_load(pack, bytecode=False)
    random_games(ruleset, 50)  # warm up
    games = 100
    timed, decisions = random_games(ruleset, games)
    while timed.cpu < seconds / 4 and games < 1_000_000:
        games *= 2
        timed, decisions = random_games(ruleset, games)
    runs = [random_games(ruleset, games) for _ in range(3)]
    timed, decisions = min([(timed, decisions), *runs], key=lambda x: x[0].cpu)
    figures["games"] = games
    figures["games_per_s"] = games / timed.cpu
    figures["games_per_s_wall"] = games / timed.wall
    figures["decision_us"] = timed.cpu / decisions * 1e6
    figures["decisions_per_game"] = decisions / games
    st = Game(ruleset, seed=1, explain=False).new_state()
    bot = RandomBot(1)
    for _ in range(int(figures["decisions_per_game"] // 2)):
        if st.over:
            break
        st.apply(bot.choose(st))
    loops = 2000
    figures["clone_us"] = _best(lambda: [st.clone() for _ in range(loops)], 5).cpu / loops * 1e6
    return figures


def _ms(t: Timed) -> str:
    return f"{t.cpu * 1000:,.0f} ms CPU ({t.wall * 1000:,.0f} ms wall)"


def run_bench(pack: Path, seconds: float = 2.0, factor: int = 10, out: Any = None, *,
              mcts_budgets: Sequence[int] = (25, 100, 400), mcts_games: int = 4,
              sim_games: int = 4000, memory_games: int = 100_000,
              sweep_games: int = 250, ray: bool = True) -> dict[str, Any]:
    """Measure everything the engine's speed is judged by, and print it."""
    out = out or sys.stdout
    results: dict[str, Any] = {}

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    def step(text: str) -> None:
        print(f"measuring {text} ...", file=sys.stderr, flush=True)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    say(f"asean-chair bench on {pack.name}: Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at the start")
    say("Wall times move with everything else the machine runs; figures per second are "
        "from CPU time unless marked wall.")
    ruleset = load_packs([pack])

    step("the engine")
    e = results["engine"] = measure(ruleset, pack, seconds)
    say("")
    say("Engine, one core, random bot:")
    say(f"  random games per second        {e['games_per_s']:>9,.0f}   "
        f"(wall {e['games_per_s_wall']:,.0f}; {e['games']:,} games)")
    say(f"  decision (legal moves + pick + apply), mean µs "
        f"{e['decision_us']:.2f}   ({e['decisions_per_game']:.1f} decisions a game)")
    say(f"  clone() of a mid-game state, µs {e['clone_us']:>8.2f}")

    step("MCTS")
    m = results["mcts"] = mcts_figures(ruleset, mcts_budgets, mcts_games)
    say("")
    say(f"MCTS ({mcts_games} games per budget; strength = mean final score and share of "
        "top-two tiers):")
    for budget in mcts_budgets:
        f = m[str(budget)]
        say(f"  {budget:>4} iterations a move: {f['it_per_s']:>7,.0f} it/s "
            f"(wall {f['it_per_s_wall']:,.0f}); mean score {f['mean_score']:6.1f}, "
            f"wins {f['wins']:.0%}")
    say(f"  random bot for comparison:           mean score {m['random']['mean_score']:6.1f}, "
        f"wins {m['random']['wins']:.0%}")

    step("start-up and loading")
    help_runs = [_help_time() for _ in range(5)]
    help_time = min(help_runs, key=lambda t: t.cpu)
    results["help"] = help_time
    say("")
    say("Start-up and loading:")
    say(f"  asean-chair --help             {_ms(help_time)}")
    say(f"  load + validate, warm          {_ms(e['load'])}")
    say(f"  load in a new process (cold)   {_ms(e['first_load'])}")
    if "first_load_from_source" in e:
        say(f"    the same without cached bytecode (PYTHONDONTWRITEBYTECODE is set) "
            f"{_ms(e['first_load_from_source'])}")
    with tempfile.TemporaryDirectory() as tmp:
        big = synthetic_pack(pack, Path(tmp) / f"{pack.name}_x{factor}", factor)
        big_load = _best(lambda: load_packs([big]), 3)
        big_rules = load_packs([big])
        results["big_load"] = big_load
        say(f"  {factor}x the pack ({len(big_rules.cards)} cards), warm  {_ms(big_load)}: "
            f"{big_load.cpu / e['load'].cpu:.1f} times the pack")
        for freeze in (False, True):
            gc.unfreeze()
            rules = load_packs([big])
            if freeze:
                gc.collect()
                gc.freeze()
            first = random_games(rules, 20)[0]
            say(f"  first 20 games after that load, {'with' if freeze else 'without'} "
                f"gc.collect() + gc.freeze(): {_ms(first)}")
            del rules
    del big_rules

    step("simulate --jobs 1 and 2")
    sim: dict[str, Timed] = {}
    for jobs in (1, 2):
        sim[str(jobs)] = _command(["simulate", "--pack", str(pack), "--games", str(sim_games),
                                   "--jobs", str(jobs), "--json"])[0]
    results["simulate"] = sim
    say("")
    say(f"Balance lab (simulate, {sim_games:,} random games):")
    for job_count, t in sim.items():
        say(f"  --jobs {job_count}: {t.wall:6.2f} s wall, {t.cpu:6.2f} s CPU of all processes")
    say(f"  speed-up of --jobs 2 over --jobs 1, wall: {sim['1'].wall / sim['2'].wall:.2f}x "
        "(needs two idle cores to show)")

    step(f"memory of simulate with {memory_games:,} games")
    memory = {}
    for n in (memory_games // 10, memory_games):
        t, peak, _ = _command(["simulate", "--pack", str(pack), "--games", str(n), "--jobs", "1",
                               "--json"])
        memory[n] = (peak, t)
    results["memory"] = memory
    for n, (peak, t) in memory.items():
        say(f"  {n:>7,} games, one process: peak memory {peak / 1024:,.0f} MB "
            f"({t.cpu:,.1f} s CPU, {t.wall:,.1f} s wall)")

    step("sweeps")
    results["sweep"] = sweep_figures(pack, sweep_games, ray)
    say("")
    say(f"Sweep (4 variants x {sweep_games} games):")
    for where, t in results["sweep"].items():
        if t is None:
            say(f"  {where:<28} Ray is not installed (pip install 'asean-chair[cluster]')")
            continue
        played = 4 * sweep_games
        say(f"  {where:<28} {played / t.wall:6,.0f} games/s wall, {played / t.cpu:6,.0f} per "
            f"CPU second ({t.wall:.1f} s wall)")
    return results


def sweep_figures(pack: Path, games: int, ray: bool) -> dict[str, Timed | None]:
    """A sweep of 4 variants on 2 local processes, and on a local Ray (started
    for it, its start-up included) when Ray is installed."""
    import importlib.util

    from .sweep import Axis, sweep

    rs = load_packs([pack])
    track = next(iter(rs.tracks.values()))
    axis = Axis(("tracks", track.id, "start"), (-2, -1, 1, 2), True)
    out: dict[str, Timed | None] = {}
    with _Clock() as c:
        sweep([pack], [axis], games, jobs=2)
    out["2 local processes"] = c.timed
    if ray:
        if importlib.util.find_spec("ray") is None:
            out["Ray local (2 CPUs)"] = None
        else:
            with _Clock() as c:
                sweep([pack], [axis], games, jobs=2, ray="local")
            out["Ray local (2 CPUs)"] = c.timed
    return out
