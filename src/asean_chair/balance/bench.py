"""``asean-chair bench``: how fast the engine is, in figures.

Benchmarks print numbers; they are not timed tests. Each figure is the
median of several runs on one core.
"""

from __future__ import annotations

import copy
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..bots import RandomBot
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


def _median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _first_load(pack: Path) -> float:
    """Seconds for a fresh interpreter to import the rules and load the pack."""
    code = ("import time; t = time.perf_counter(); from asean_chair.rules import load_packs; "
            f"load_packs([{str(pack)!r}]); print(time.perf_counter() - t)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(run.stdout.strip())


def measure(ruleset: Ruleset, pack: Path, seconds: float = 2.0) -> dict[str, float]:
    """Every figure for one pack."""
    figures: dict[str, float] = {}
    figures["load_ms"] = _median_time(lambda: load_packs([pack]), 7) * 1000
    figures["first_load_ms"] = _first_load(pack) * 1000
    # Steps: time each apply() of random games.
    steps: list[int] = []
    games = 0
    decisions = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        st = Game(ruleset, seed=games, explain=False).new_state()
        bot = RandomBot(games)
        while not st.is_over:
            action = bot.choose(st)
            t = time.perf_counter_ns()
            st.apply(action)
            steps.append(time.perf_counter_ns() - t)
        decisions += len(st.history)
        games += 1
    figures["median_step_us"] = statistics.median(steps) / 1000
    figures["mean_step_us"] = statistics.fmean(steps) / 1000
    # Whole games, bot included, without per-step timing.
    done = 0
    n_decisions = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        st = Game(ruleset, seed=10_000 + done, explain=False).new_state()
        bot = RandomBot(done)
        while not st.is_over:
            st.apply(bot.choose(st))
        n_decisions += len(st.history)
        done += 1
    elapsed = time.perf_counter() - started
    figures["games_per_s"] = done / elapsed
    figures["decisions_per_s"] = n_decisions / elapsed
    figures["decisions_per_game"] = n_decisions / done
    # clone() of a state in the middle of a game, as bots use it (no log).
    st = Game(ruleset, seed=1, explain=False).new_state()
    bot = RandomBot(1)
    for _ in range(int(figures["decisions_per_game"] // 2)):
        if st.is_over:
            break
        st.apply(bot.choose(st))
    loops = 2000
    figures["clone_us"] = _median_time(lambda: [st.clone() for _ in range(loops)], 5) / loops * 1e6
    return figures


def run_bench(pack: Path, seconds: float = 2.0, factor: int = 10, out: Any = None) -> dict[str, Any]:
    """Measure the pack and a synthetic pack ``factor`` times larger; print both."""
    out = out or sys.stdout
    ruleset = load_packs([pack])
    results: dict[str, Any] = {}
    rows = [(f"{ruleset.main_pack.id} ({len(ruleset.cards)} cards)", pack, ruleset)]
    with tempfile.TemporaryDirectory() as tmp:
        big = synthetic_pack(pack, Path(tmp) / f"{pack.name}_x{factor}", factor)
        big_rules = load_packs([big])
        rows.append((f"{factor}x synthetic ({len(big_rules.cards)} cards)", big, big_rules))
        for name, folder, rs in rows:
            print(f"measuring {name} ...", file=sys.stderr)
            results[name] = measure(rs, folder, seconds)
    labels = [
        ("load_ms", "load and validate (warm), ms", "{:.1f}"),
        ("first_load_ms", "first load in a new process, ms", "{:.1f}"),
        ("median_step_us", "engine step apply(), median µs", "{:.1f}"),
        ("mean_step_us", "engine step apply(), mean µs", "{:.1f}"),
        ("decisions_per_s", "decisions per second (random bot)", "{:,.0f}"),
        ("games_per_s", "full games per second (random bot)", "{:,.0f}"),
        ("decisions_per_game", "decisions per game (random bot)", "{:.1f}"),
        ("clone_us", "clone() of a mid-game state, µs", "{:.2f}"),
    ]
    names = list(results)
    width = max(len(n) for n in names) + 2
    print(f"{'one core':<40}" + "".join(f"{n:>{width}}" for n in names), file=out)
    for key, text, fmt in labels:
        print(f"{text:<40}" + "".join(f"{fmt.format(results[n][key]):>{width}}" for n in names),
              file=out)
    return results
