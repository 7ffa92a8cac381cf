"""Balance sweeps: a grid of variants of a pack, many games each, side by side.

A variant changes numbers of the pack through an overlay, the same
``patch`` a mod writes: each ``--vary`` names numbers by their path and the
values to try, and the grid is every combination of them::

    tracks.autonomy.start=40..60/10         40, 50, 60
    cards.CARD.options.*.cost=+-1           every option's cost -1, as is, +1
    actions.*.cost=1,2                      every action costs 1, then 2
    scenarios.SCENARIO.capital.income=2..3

A path is ``section.id.field...``; ``*`` stands for every item of a list
(options, by id) or every id of a section. Values are a list (``1,2,5``), a
range (``40..60``, with a step after ``/``) or an offset from each number's
own value (``+-1`` or ``±1``: -1, 0, +1).

Work is split into units of one variant and one range of game seeds (every
variant plays the same seeds, so variants differ only by the change); each
unit returns a :class:`~.tally.Tally`, and the tallies of a variant are
merged into its report, whether the units ran in local processes or on a
Ray cluster (``ray``, the optional extra ``asean-chair[cluster]``).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import multiprocessing
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..rules import RulesError, load_packs
from ..rules.ruleset import Ruleset
from .report import build_report
from .simulate import play_one
from .tally import Tally

#: The sections a path may start with.
SECTIONS = ("tracks", "actors", "counters", "cards", "actions", "rules", "scenarios")


class SweepError(ValueError):
    """A ``--vary`` that cannot be read or does not match the pack."""


# ---------------------------------------------------------------- the grid


@dataclass(frozen=True)
class Axis:
    """One ``--vary``: a path and the values (or offsets) to try."""

    path: tuple[str, ...]
    values: tuple[float, ...]
    relative: bool  # values are offsets from each number's own value

    @property
    def text(self) -> str:
        """The path as written."""
        return ".".join(self.path)


_NUMBER = r"-?\d+(?:\.\d+)?"


def _num(text: str) -> float:
    x = float(text)
    return int(x) if x.is_integer() else x


def parse_vary(spec: str) -> Axis:
    """Read ``PATH=VALUES`` (see the module's docstring)."""
    path_text, sep, values = spec.partition("=")
    path = tuple(p for p in path_text.strip().split("."))
    if not sep or len(path) < 3 or not all(path) or path[0] not in SECTIONS:
        raise SweepError(f"--vary '{spec}': write SECTION.ID.FIELD=VALUES, SECTION one of "
                         f"{', '.join(SECTIONS)} (e.g. tracks.autonomy.start=40..60/10)")
    v = values.strip().replace(" ", "")
    if m := re.fullmatch(rf"(?:\+-|±)({_NUMBER})", v):
        step = abs(_num(m[1]))
        return Axis(path, (-step, 0, step), True)
    if m := re.fullmatch(rf"({_NUMBER})\.\.({_NUMBER})(?:/({_NUMBER}))?", v):
        low, high = _num(m[1]), _num(m[2])
        step = _num(m[3]) if m[3] else 1
        if step <= 0 or high < low:
            raise SweepError(f"--vary '{spec}': a range goes up, by a step above 0")
        count = math.floor((high - low) / step + 1e-9) + 1
        if count > 1000:
            raise SweepError(f"--vary '{spec}': {count} values; at most 1000")
        return Axis(path, tuple(_num(f"{low + i * step:.6g}") for i in range(count)), False)
    if re.fullmatch(rf"{_NUMBER}(?:,{_NUMBER})*", v):
        return Axis(path, tuple(_num(x) for x in v.split(",")), False)
    raise SweepError(f"--vary '{spec}': values are a list (1,2,5), a range (40..60 or "
                     "40..60/5) or an offset (+-1)")


@dataclass(frozen=True)
class Change:
    """One number of one item set to a new value."""

    section: str
    item: str
    keys: tuple[str, ...]  # fields, and the ids of list items, below the item
    value: float


@dataclass(frozen=True)
class Variant:
    """One point of the grid."""

    index: int
    label: str
    changes: tuple[Change, ...]

    def overlay(self, base_id: str) -> dict[str, str]:
        """The overlay pack of this variant: file name -> YAML text."""
        items: dict[tuple[str, str], dict[str, Any]] = {}
        for c in self.changes:
            node = items.setdefault((c.section, c.item), {})
            for key in c.keys[:-1]:
                node = node.setdefault(key, {})
            node[c.keys[-1]] = c.value
        sections: dict[str, list[Any]] = {}
        for (section, item), patch in items.items():
            sections.setdefault(section, []).append({"id": item, "patch": _as_yaml(patch)})
        meta = {"id": f"{base_id}_sweep", "name": f"{base_id}: {self.label or 'as it is'}",
                "version": "0.0.0", "format": 1, "extends": [base_id]}
        return {"pack.yaml": yaml.safe_dump(meta, sort_keys=False, allow_unicode=True),
                "variant.yaml": yaml.safe_dump(sections, sort_keys=False, allow_unicode=True)}


def _as_yaml(node: Any) -> Any:
    """Turn the ``{"[id]": ...}`` levels of a patch back into lists merged by id."""
    if not isinstance(node, dict):
        return node
    if node and all(k.startswith("[") for k in node):
        return [{"id": k[1:-1], **_as_yaml(v)} for k, v in node.items()]
    return {k: _as_yaml(v) for k, v in node.items()}


def _field(model: Any, name: str) -> Any:
    """A model's field by the name a pack writes (``if`` for ``if_``)."""
    fields = type(model).model_fields
    for attr, info in fields.items():
        if name in (attr, info.alias):
            return getattr(model, attr)
    raise KeyError(name)


def _leaves(node: Any, rest: tuple[str, ...], keys: tuple[str, ...],
            where: str) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(keys, value) of each number the rest of a path names below ``node``."""
    if not rest:
        yield keys, node
        return
    head, tail = rest[0], rest[1:]
    if isinstance(node, (list, tuple)):
        ids = [getattr(x, "id", None) for x in node]
        picked = [x for x, i in zip(node, ids, strict=True)
                  if i is not None and head in ("*", i)]
        if not picked:
            raise SweepError(f"{where}: no item '{head}' (ids: {', '.join(map(str, ids))})")
        for x in picked:
            yield from _leaves(x, tail, (*keys, f"[{x.id}]"), f"{where}.{x.id}")
        return
    if isinstance(node, dict):
        names = list(node) if head == "*" else [head]
        for name in names:
            if name not in node:
                raise SweepError(f"{where}: no '{name}' (has: {', '.join(map(str, node))})")
            yield from _leaves(node[name], tail, (*keys, name), f"{where}.{name}")
        return
    if hasattr(type(node), "model_fields"):
        try:
            value = _field(node, head)
        except KeyError:
            raise SweepError(f"{where}: no field '{head}'") from None
        yield from _leaves(value, tail, (*keys, head), f"{where}.{head}")
        return
    raise SweepError(f"{where} is a value, not something with '{head}'")


def matches(ruleset: Ruleset, axis: Axis) -> list[tuple[Change, float]]:
    """Each number ``axis`` names in ``ruleset``, with its current value."""
    section, item, *rest = axis.path
    table: Any = getattr(ruleset, section)
    items = list(table) if item == "*" else [item]
    found: list[tuple[Change, float]] = []
    for item_id in items:
        if item_id not in table:
            raise SweepError(f"{axis.text}: no {section[:-1]} '{item_id}'")
        for keys, value in _leaves(table[item_id], tuple(rest), (), f"{section}.{item_id}"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                if axis.relative or value is not None:
                    raise SweepError(f"{axis.text}: {section}.{item_id}."
                                     f"{'.'.join(k.strip('[]') for k in keys)} is "
                                     f"{value!r}, not a number")
                continue
            found.append((Change(section, item_id, keys, value), value))
    if not found:
        raise SweepError(f"{axis.text}: names no number of the pack")
    return found


def grid(ruleset: Ruleset, axes: Sequence[Axis]) -> list[Variant]:
    """Every combination of the axes' values, as variants (in order, first axis slowest)."""
    found = [matches(ruleset, a) for a in axes]
    variants = []
    for i, values in enumerate(itertools.product(*(a.values for a in axes))):
        changes: list[Change] = []
        words: list[str] = []
        for axis, value, leaves in zip(axes, values, found, strict=True):
            for change, current in leaves:
                new = _num(f"{current + value:.6g}") if axis.relative else value
                changes.append(Change(change.section, change.item, change.keys, new))
            if axis.relative:
                words.append(f"{axis.text}{value:+g}" if value else f"{axis.text} as is")
            else:
                words.append(f"{axis.text}={value:g}")
        variants.append(Variant(i, ", ".join(words), tuple(changes)))
    return variants


# ---------------------------------------------------------------- the work


@dataclass(frozen=True)
class PackFiles:
    """Pack folders sent to a worker: by path (this machine), or as their
    files (a machine of a cluster writes them into a folder of its own)."""

    key: str  # one key per distinct set of packs
    paths: tuple[str, ...] = ()
    files: tuple[tuple[str, tuple[tuple[str, bytes], ...]], ...] = ()  # (folder, files)

    @classmethod
    def of(cls, folders: Sequence[Path], overlay: dict[str, str] | None,
           ship: bool) -> PackFiles:
        """The packs ``folders`` plus the ``overlay`` pack (if any)."""
        digest = hashlib.sha256()
        shipped: list[tuple[str, tuple[tuple[str, bytes], ...]]] = []
        for folder in folders:
            digest.update(str(folder.resolve()).encode())
            if ship:
                found = tuple(sorted((p.relative_to(folder).as_posix(), p.read_bytes())
                                     for p in folder.rglob("*") if p.is_file()))
                shipped.append((folder.name, found))
        over: tuple[tuple[str, bytes], ...] = ()
        if overlay is not None:
            over = tuple(sorted((n, t.encode()) for n, t in overlay.items()))
            for name, data in over:
                digest.update(name.encode() + data)
            shipped.append(("variant", over))
        if ship:
            return cls(digest.hexdigest(), files=tuple(shipped))
        paths = [str(f) for f in folders]
        if overlay is not None:
            where = _SWEEP_DIR / f"overlay-{digest.hexdigest()[:16]}"
            _write(where, over)
            paths.append(str(where))
        return cls(digest.hexdigest(), paths=tuple(paths))

    def folders(self) -> list[Path]:
        """Folders to load, written out first if they came as files."""
        if self.paths:
            return [Path(p) for p in self.paths]
        root = _SWEEP_DIR / f"shipped-{self.key[:16]}"
        out = []
        for i, (name, files) in enumerate(self.files):
            folder = root / f"{i}-{name}"
            _write(folder, files)
            out.append(folder)
        return out


#: Where overlay packs, and packs sent by another machine, are written.
_SWEEP_DIR = Path(tempfile.gettempdir()) / "asean-chair-sweep"


def _write(folder: Path, files: Sequence[tuple[str, bytes]]) -> None:
    for name, data in files:
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


@dataclass(frozen=True)
class Unit:
    """One work unit: one variant, one range of games."""

    variant: int
    packs: PackFiles
    scenario: str | None
    bot: str
    seed: int
    start: int
    stop: int


#: The rulesets a process has, by key: those the sweep loaded before the
#: workers were forked (they inherit them), and the last few a worker loaded
#: itself (units come variant by variant).
_LOADED: dict[str, Ruleset] = {}
_INHERITED: set[str] = set()


def _ruleset(packs: PackFiles) -> Ruleset:
    rs = _LOADED.get(packs.key)
    if rs is None:
        own = [k for k in _LOADED if k not in _INHERITED]
        if len(own) >= 4:
            del _LOADED[own[0]]
        rs = _LOADED[packs.key] = load_packs(packs.folders())
    return rs


def run_unit(unit: Unit) -> tuple[int, Tally]:
    """Play a unit's games; returns (variant, tally). Runs in a worker."""
    rs = _ruleset(unit.packs)
    tally = Tally()
    for i in range(unit.start, unit.stop):
        tally.add(play_one(rs, unit.scenario, unit.bot, i, unit.seed))
    return unit.variant, tally


def _units(variants: Sequence[tuple[int, PackFiles]], games: int, jobs: int,
           scenario: str | None, bot: str, seed: int) -> list[Unit]:
    # About eight units per process over the whole sweep, none above 500 games.
    size = max(1, min(500, games, math.ceil(games * len(variants) / (jobs * 8))))
    return [Unit(v, packs, scenario, bot, seed, start, min(start + size, games))
            for v, packs in variants for start in range(0, games, size)]


def run_local(units: Sequence[Unit], jobs: int,
              progress: Callable[[int], None] | None = None) -> Iterator[tuple[int, Tally]]:
    """Run units on ``jobs`` local processes (in this one for ``jobs == 1``)."""
    if jobs == 1:
        for u in units:
            yield run_unit(u)
            if progress:
                progress(u.stop - u.start)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(jobs) as pool:
        for u, done in zip(units, pool.imap(run_unit, units), strict=True):
            yield done
            if progress:
                progress(u.stop - u.start)


def ray_module() -> Any:
    """The ``ray`` package, or a :class:`SweepError` saying how to install it."""
    try:
        import ray
    except ImportError:
        raise SweepError("--ray needs Ray: pip install 'asean-chair[cluster]' "
                         "(on this machine and on every machine of the cluster)") from None
    return ray


def run_ray(units: Sequence[Unit], address: str, jobs: int,
            progress: Callable[[int], None] | None = None) -> Iterator[tuple[int, Tally]]:
    """Run units as Ray tasks: on a cluster at ``address``, or a local
    instance (``local``, with ``jobs`` CPUs) started and stopped here."""
    ray = ray_module()
    started = not ray.is_initialized()
    if started:
        if address == "local":
            ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
        else:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
    try:
        task = ray.remote(_run_unit_with)
        # Each unit's packs are sent once per distinct pack, not once per unit.
        refs: dict[str, Any] = {}
        pending = {}
        for u in units:
            if u.packs.key not in refs:
                refs[u.packs.key] = ray.put(u.packs)
            pending[task.remote(_with_packs(u), refs[u.packs.key])] = u
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1)
            for ref in ready:
                u = pending.pop(ref)
                yield ray.get(ref)
                if progress:
                    progress(u.stop - u.start)
    finally:
        if started:
            ray.shutdown()


def _with_packs(u: Unit) -> Unit:
    """The unit without its packs' files (they travel once, as their own object)."""
    return Unit(u.variant, PackFiles(u.packs.key), u.scenario, u.bot, u.seed, u.start, u.stop)


def _run_unit_with(unit: Unit, packs: PackFiles) -> tuple[int, Tally]:
    # Ray hands an object reference given as an argument over as the object.
    return run_unit(Unit(unit.variant, packs, unit.scenario, unit.bot, unit.seed,
                         unit.start, unit.stop))


# ---------------------------------------------------------------- results


@dataclass
class Targets:
    """What a variant must meet: a share of wins, and no broken option."""

    wins: tuple[float, float] | None = None  # top two tiers, as a share of games
    no_dominant: bool = True
    no_never_worth: bool = True

    def describe(self) -> str:
        """The targets in words."""
        parts = []
        if self.wins is not None:
            parts.append(f"wins (top two tiers) {self.wins[0]:.0%}..{self.wins[1]:.0%}")
        if self.no_dominant:
            parts.append("no dominant option")
        if self.no_never_worth:
            parts.append("no option never worth picking")
        return "; ".join(parts) or "none"

    def misses(self, report: dict[str, Any]) -> list[str]:
        """What ``report`` misses of these targets (empty: all met)."""
        out = []
        share = report["wins"]["share"]
        if self.wins is not None and not self.wins[0] <= share <= self.wins[1]:
            out.append(f"wins {share:.1%}")
        if self.no_dominant and report["dominant_options"]:
            out.append(f"{len(report['dominant_options'])} dominant")
        if self.no_never_worth and report["never_worth_picking"]:
            out.append(f"{len(report['never_worth_picking'])} never worth picking")
        return out


@dataclass
class Outcome:
    """One variant's result."""

    variant: Variant
    report: dict[str, Any] | None = None
    problem: str | None = None  # the variant's pack does not load
    misses: list[str] = field(default_factory=list)

    @property
    def meets(self) -> bool:
        """Whether the variant loads and meets every target."""
        return self.report is not None and not self.misses

    def row(self) -> dict[str, Any]:
        """The variant's figures, as plain data (the JSON output)."""
        r = self.report
        base: dict[str, Any] = {"variant": self.variant.index + 1, "change": self.variant.label,
                                "meets": self.meets}
        if r is None:
            return {**base, "problem": self.problem}
        return {**base, "games": r["games"], "wins": r["wins"]["share"],
                "mean_score": r["score"].get("mean"),
                "dominant": [f"{o['card']}/{o['option']}" for o in r["dominant_options"]],
                "never_worth_picking": [f"{o['card']}/{o['option']}"
                                        for o in r["never_worth_picking"]],
                "never_appeared": r["never_appeared"], "misses": self.misses}


def sweep(folders: Sequence[Path], axes: Sequence[Axis], games: int, *, bot: str = "random",
          scenario: str | None = None, seed: int = 0, jobs: int | None = None,
          ray: str | None = None, targets: Targets | None = None,
          progress: Callable[[int], None] | None = None) -> list[Outcome]:
    """Play ``games`` games of each variant of the grid; returns each one's outcome."""
    targets = targets or Targets()
    jobs = max(1, jobs or os.cpu_count() or 1)
    base = load_packs(list(folders))
    variants = grid(base, axes)
    outcomes: list[Outcome] = []
    rulesets: dict[int, Ruleset] = {}
    work: list[tuple[int, PackFiles]] = []
    for v in variants:
        overlay = v.overlay(base.main_pack.id)
        local = PackFiles.of(list(folders), overlay, ship=False)
        outcomes.append(Outcome(v))
        try:
            rulesets[v.index] = load_packs(local.folders())
        except RulesError as exc:
            outcomes[-1].problem = "; ".join(p.message for p in exc.problems)
            continue
        work.append((v.index, local if ray is None else
                     PackFiles.of(list(folders), overlay, ship=True)))
        if ray is None:  # forked workers start with it
            _LOADED[local.key] = rulesets[v.index]
            _INHERITED.add(local.key)
    units = _units(work, games, jobs, scenario, bot, seed)
    tallies: dict[int, Tally] = {i: Tally() for i, _ in work}
    results = run_local(units, jobs, progress) if ray is None else \
        run_ray(units, ray, jobs, progress)
    for index, tally in results:
        tallies[index].merge(tally)
    for key in _INHERITED:
        _LOADED.pop(key, None)
    _INHERITED.clear()
    for index, tally in tallies.items():
        o = outcomes[index]
        o.report = build_report(rulesets[index], scenario, bot, seed, tally)
        o.misses = targets.misses(o.report)
    return outcomes


def format_sweep(outcomes: Sequence[Outcome], targets: Targets, games: int, bot: str,
                 elapsed: float, where: str) -> str:
    """The outcomes side by side, as text."""
    out = [(f"Sweep: {len(outcomes)} variants x {games:,} games, bot {bot}; "
           f"targets: {targets.describe()}"), ""]
    width = max([len(o.variant.label) for o in outcomes] + [10])
    out.append(f"{'#':>3}  {'change':<{width}}  {'wins':>6}  {'mean':>6}  {'dominant':>8}  "
               f"{'never worth':>11}  {'unseen':>6}  meets")
    for o in outcomes:
        r = o.report
        label = o.variant.label or "(as it is)"
        if r is None:
            out.append(f"{o.variant.index + 1:>3}  {label:<{width}}  does not load: {o.problem}")
            continue
        mean = r["score"].get("mean", 0.0)
        out.append(f"{o.variant.index + 1:>3}  {label:<{width}}  {r['wins']['share']:>6.1%}  "
                   f"{mean:>6.1f}  {len(r['dominant_options']):>8}  "
                   f"{len(r['never_worth_picking']):>11}  {len(r['never_appeared']):>6}  "
                   f"{'yes' if o.meets else 'no: ' + ', '.join(o.misses)}")
    played = sum(o.report["games"] for o in outcomes if o.report is not None)
    met = sum(o.meets for o in outcomes)
    out += ["", f"{met} of {len(outcomes)} variants meet the targets.",
            (f"{played:,} games in {elapsed:.1f} s ({played / max(elapsed, 1e-9):,.0f} games/s) "
            f"on {where}")]
    return "\n".join(out)


def timed_sweep(*args: Any, **kwargs: Any) -> tuple[list[Outcome], float]:
    """:func:`sweep`, and the seconds it took."""
    started = time.perf_counter()
    outcomes = sweep(*args, **kwargs)
    return outcomes, time.perf_counter() - started


__all__ = ["Axis", "Outcome", "SweepError", "Targets", "Unit", "Variant", "format_sweep",
           "grid", "parse_vary", "run_unit", "sweep"]
