"""Turning simulated games into a balance report a designer can act on."""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..rules.ruleset import Ruleset
from .simulate import GameRecord

#: Fewer samples than this and an option is not judged.
MIN_SAMPLES = 20
#: Picked less often than this (when offered) counts as never picked.
RARE_PICK = 0.03
#: An option dominates (or is never worth it) only if its mean final score
#: differs from every other option's by at least this many standard
#: deviations of all final scores, and by more than two standard errors.
MIN_EFFECT = 0.25


@dataclass(frozen=True)
class OptionStats:
    card: str
    option: str
    label: str
    offered: int
    picked: int
    mean_score: float | None
    sd_score: float | None

    @property
    def pick_rate(self) -> float:
        return self.picked / self.offered if self.offered else 0.0


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    pos = (len(sorted_values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def _summary(values: Sequence[float]) -> dict[str, float]:
    s = sorted(values)
    if not s:
        return {}
    return {
        "mean": round(statistics.fmean(s), 2),
        "sd": round(statistics.pstdev(s), 2),
        "min": s[0], "p10": round(_quantile(s, 0.1), 2), "median": round(_quantile(s, 0.5), 2),
        "p90": round(_quantile(s, 0.9), 2), "max": s[-1],
    }


def _clearly_above(a: OptionStats, b: OptionStats, min_diff: float) -> bool:
    """Whether ``a``'s mean final score is clearly above ``b``'s: by more than
    ``min_diff`` and by more than two standard errors."""
    assert a.mean_score is not None and b.mean_score is not None
    se = math.sqrt((a.sd_score or 0) ** 2 / max(a.picked, 1)
                   + (b.sd_score or 0) ** 2 / max(b.picked, 1))
    diff = a.mean_score - b.mean_score
    return diff > min_diff and diff > 2 * se


def build_report(ruleset: Ruleset, scenario_id: str | None, bot: str, seed: int,
                 records: Sequence[GameRecord], preset: str | None = None) -> dict[str, Any]:
    """The whole report as plain data (the JSON output)."""
    sc = ruleset.scenario_with(scenario_id, preset)
    n = len(records)
    tiers = Counter(r.tier for r in records)
    top_two = {t.id for t in sc.tiers[:2]}
    endings = Counter(r.ending for r in records)
    ending_info = {e.id: e for e in sc.endings}
    scores = [r.score for r in records]

    final_names = list(ruleset.tracks) + [f"rel.{a}" for a in ruleset.actors]
    finals = {name: _summary([r.final[name] for r in records]) for name in final_names}

    appeared: Counter[str] = Counter()
    offered: Counter[str] = Counter()
    picked: Counter[tuple[str, str]] = Counter()
    scores_when: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in records:
        for card in set(r.offered):
            appeared[card] += 1
        for card in r.offered:
            offered[card] += 1
        for card, option in r.picks:
            picked[(card, option)] += 1
            scores_when[(card, option)].append(r.score)

    options: list[OptionStats] = []
    for model in ruleset.cards.values():
        for opt in model.options:
            sample = scores_when.get((model.id, opt.id), [])
            options.append(OptionStats(
                card=model.id, option=opt.id, label=opt.label, offered=offered[model.id],
                picked=picked[(model.id, opt.id)],
                mean_score=round(statistics.fmean(sample), 2) if sample else None,
                sd_score=round(statistics.pstdev(sample), 2) if len(sample) > 1 else None,
            ))
    by_card: dict[str, list[OptionStats]] = defaultdict(list)
    for o in options:
        by_card[o.card].append(o)

    dominant: list[OptionStats] = []
    weak: list[OptionStats] = []
    rare: list[OptionStats] = []
    min_diff = MIN_EFFECT * (statistics.pstdev(scores) if len(scores) > 1 else 0.0)
    # Options behind a condition are only picked in the games that met it, so
    # their mean score is no fair comparison: they are not judged.
    gated = {(c.id, o.id) for c in ruleset.cards.values() for o in c.options
             if o.requires is not None}
    for card_id, opts in by_card.items():
        judged = [o for o in opts if o.picked >= MIN_SAMPLES and o.mean_score is not None
                  and (o.card, o.option) not in gated]
        if len(judged) >= 2:
            for o in judged:
                others = [q for q in judged if q is not o]
                if all(_clearly_above(o, q, min_diff) for q in others):
                    dominant.append(o)
                if all(_clearly_above(q, o, min_diff) for q in others):
                    weak.append(o)
        if offered[card_id] >= MIN_SAMPLES:
            rare.extend(o for o in opts if o.pick_rate < RARE_PICK)

    actions = Counter(a for r in records for a in r.actions)
    decisions = [r.decisions for r in records]

    def opt_row(o: OptionStats) -> dict[str, Any]:
        return {"card": o.card, "option": o.option, "label": o.label, "offered": o.offered,
                "picked": o.picked, "pick_rate": round(o.pick_rate, 4),
                "mean_score_when_picked": o.mean_score}

    return {
        "packs": [{"id": p.id, "version": p.version} for p in ruleset.packs],
        "scenario": sc.id,
        "preset": preset,
        "bot": bot,
        "games": n,
        "seed": seed,
        "tiers": [{"id": t.id, "name": t.name, "games": tiers[t.id],
                   "share": round(tiers[t.id] / n, 4) if n else 0} for t in sc.tiers],
        "wins": {"tiers": sorted(top_two), "share": round(sum(tiers[t] for t in top_two) / n, 4) if n else 0},
        "score": _summary(scores),
        "endings": [{"id": e, "title": ending_info[e].title if e in ending_info else e,
                     "defeat": bool(ending_info[e].defeat) if e in ending_info else False,
                     "games": c, "share": round(c / n, 4)}
                    for e, c in endings.most_common()],
        "final_values": finals,
        "length": {"decisions": _summary(decisions),
                   "turns": _summary([r.turns for r in records])},
        "cards": [{"id": c.id, "title": c.title, "games": appeared[c.id],
                   "share": round(appeared[c.id] / n, 4) if n else 0}
                  for c in ruleset.cards.values()],
        "never_appeared": [c for c in ruleset.cards if appeared[c] == 0],
        "options": [opt_row(o) for o in options],
        "dominant_options": [opt_row(o) for o in dominant],
        "never_worth_picking": [opt_row(o) for o in weak],
        "rarely_picked": [opt_row(o) for o in rare],
        "actions": [{"id": a.id, "name": a.name, "per_game": round(actions[a.id] / n, 3) if n else 0}
                    for a in ruleset.actions.values()],
    }


def format_report(report: dict[str, Any], label: Any = None) -> str:
    """The report as text for a terminal."""
    out: list[str] = []
    w = out.append
    packs = " + ".join(f"{p['id']} {p['version']}" for p in report["packs"])
    w(f"Balance report: {report['games']:,} games of {packs} ({report['scenario']}), "
      f"bot {report['bot']}, seed {report['seed']}")
    w("")
    w(f"Wins (top two tiers): {report['wins']['share']:.1%}")
    for t in report["tiers"]:
        w(f"  {t['name']:<32} {t['games']:>7,}  {t['share']:>6.1%}")
    s = report["score"]
    if s:
        w(f"Score: mean {s['mean']:.1f} (sd {s['sd']:.1f}); min {s['min']:.0f}, "
          f"10% {s['p10']:.0f}, median {s['median']:.0f}, 90% {s['p90']:.0f}, max {s['max']:.0f}")
    w("Endings:")
    for e in report["endings"]:
        kind = "defeat" if e["defeat"] else "end"
        w(f"  {e['title']:<40} {kind:<7} {e['games']:>7,}  {e['share']:>6.1%}")
    d = report["length"]["decisions"]
    if d:
        w(f"Length: {d['mean']:.1f} decisions a game (min {d['min']:.0f}, max {d['max']:.0f})")
    w("Final values (mean, min..max):")
    for name, v in report["final_values"].items():
        shown = label(name) if label else name
        w(f"  {shown:<28} {v['mean']:>7.1f}  {v['min']:>5.0f}..{v['max']:<5.0f}")
    never = report["never_appeared"]
    w(f"Cards that never appeared: {', '.join(never) if never else 'none'}")
    rare_cards = [c for c in report["cards"] if 0 < c["share"] < 0.05]
    if rare_cards:
        w("Cards in fewer than 5% of games: " + ", ".join(
            f"{c['id']} ({c['share']:.1%})" for c in rare_cards))
    headings = (
        ("dominant_options",
         "Dominant options (score clearly above every other option of the card)"),
        ("never_worth_picking", "Options never worth picking (clearly below every other)"),
        ("rarely_picked", f"Options picked under {RARE_PICK:.0%} of the times offered"),
    )
    for key, title in headings:
        rows = report[key]
        w(f"{title}: {'none' if not rows else ''}")
        for o in rows:
            mean = o["mean_score_when_picked"]
            w(f"  {o['card']}/{o['option']}: picked {o['pick_rate']:.1%} of {o['offered']:,}, "
              f"mean score {mean if mean is not None else '-'}")
    if report["actions"]:
        w("Diplomacy actions per game: " + ", ".join(
            f"{a['id']} {a['per_game']:.2f}" for a in report["actions"]))
    return "\n".join(out)
