"""Turning simulated games into a balance report a designer can act on.

The report is plain data (the ``--json`` output); :func:`format_report`
writes it as text and :mod:`asean_chair.balance.html` as a page. Every word
of the frame in it (the turn's unit, the panel of actions, the currency)
comes from the scenario, and every verdict states the numbers behind it.

How options are judged. An option's *mean score* is the mean final score of
the games in which it was picked. Two options of a card are compared only
over the decisions in which both could be chosen (so an option behind a
``requires`` is compared in the games that met it, not against games in
which it was never on offer), and only when each was picked at least
:data:`MIN_SAMPLES` times there. An option is *dominant* when it is clearly
above every option it was compared with, *never worth picking* when it is
clearly below every one; "clearly" means by more than :data:`MIN_EFFECT`
standard deviations of all final scores and by more than two standard
errors. An option that could not be compared is listed with the reason.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..engine import Game
from ..rules.effects import cards_brought_in
from ..rules.models import Card, Effect
from ..rules.ruleset import Ruleset
from ..rules.timing import fixed, window
from .simulate import GameRecord
from .tally import Decision, Tally, expand

#: Fewer picks than this (when compared options were both available) and
#: two options are not compared.
MIN_SAMPLES = 20
#: Picked less often than this, of the times it was available, counts as
#: rarely picked (once it was available at least MIN_SAMPLES times).
RARE_PICK = 0.03
#: An option dominates (or is never worth it) only if its mean final score
#: differs from every other option's by at least this many standard
#: deviations of all final scores, and by more than two standard errors.
MIN_EFFECT = 0.25


@dataclass
class _Option:
    card: str
    option: str
    label: str
    requires: bool
    offered: int = 0  # decisions on its card
    available: int = 0  # of those, the ones in which it could be chosen
    scores: list[float] = field(default_factory=list)  # final score of each game it was picked in

    @property
    def picked(self) -> int:
        return len(self.scores)

    @property
    def pick_rate(self) -> float:
        return self.picked / self.available if self.available else 0.0


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


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    return statistics.fmean(values), statistics.pstdev(values) if len(values) > 1 else 0.0


# ------------------------------------------------------------ what is dealt


def dealable_cards(ruleset: Ruleset, game: Game) -> set[str]:
    """The cards this game (its scenario, preset) can deal: fixed cards whose
    turns are played, drawn cards whose window overlaps them (when the game
    draws cards at all), and whatever anything that can happen schedules or
    draws.

    Generous where it cannot know (a follow-up due after the last turn still
    counts), so a card left out can surely never appear.
    """
    clock, first, last = game.clock, game.first_turn, game.last_turn
    cards = dict(ruleset.cards)
    fixed_cards: set[str] = set()
    in_window: set[str] = set()
    for card in cards.values():
        when = card.when
        if when is None:
            continue
        if when.window is not None:
            span = window(when.window, clock)
            if isinstance(span, tuple) and span[0] <= last and span[1] >= first:
                in_window.add(card.id)
        elif any(first <= t <= last for t in fixed(when, clock).turns):
            fixed_cards.add(card.id)
    draws = game.scenario.draws
    left_out = game.program.left_out  # the preset's `leave_out`: never dealt
    dealt = (fixed_cards | (in_window if draws != 0 else set())) - left_out

    def in_span(card: Card) -> bool:  # a card drawn by tag must fit the game's turns
        return card.when is None or card.id in in_window

    sources: list[Sequence[Effect]] = []
    for action in ruleset.actions.values():
        sources += [action.effects, *(o.effects for o in action.outcomes)]
    for rule in ruleset.rules.values():
        sources.append(rule.effects)
    for effects in sources:
        dealt |= cards_brought_in(effects, cards, in_span) - left_out
    frontier = set(dealt)
    while frontier:
        follow = cards.get(frontier.pop())
        if follow is None:
            continue
        for opt in follow.options:
            for effects in (opt.effects, *(o.effects for o in opt.outcomes)):
                new = cards_brought_in(effects, cards, in_span) - dealt - left_out
                dealt |= new
                frontier |= new
    return dealt


# ------------------------------------------------------------ comparisons


def _compare(card: str, options: list[_Option], decisions: Counter[Decision],
             min_diff: float) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Each option's comparisons with the others of its card, over the
    decisions in which both could be chosen; and why an option was not
    compared with any."""
    out: dict[str, list[dict[str, Any]]] = {o.option: [] for o in options}
    why_not: dict[str, str] = {}
    together_any = {o.option: 0 for o in options}
    for a in options:
        for b in options:
            if a is b:
                continue
            together = 0
            sa: list[float] = []
            sb: list[float] = []
            for (avail, picked, score), count in decisions.items():
                if a.option in avail and b.option in avail:
                    together += count
                    if picked == a.option:
                        sa += (score,) * count
                    elif picked == b.option:
                        sb += (score,) * count
            together_any[a.option] = max(together_any[a.option], together)
            if len(sa) < MIN_SAMPLES or len(sb) < MIN_SAMPLES:
                continue
            ma, sda = _mean_sd(sa)
            mb, sdb = _mean_sd(sb)
            se = math.sqrt(sda ** 2 / len(sa) + sdb ** 2 / len(sb))
            out[a.option].append({
                "option": b.option, "together": together,
                "mean": round(ma, 2), "picked": len(sa),
                "other_mean": round(mb, 2), "other_picked": len(sb),
                "difference": round(ma - mb, 2),
                "needed": round(max(min_diff, 2 * se), 2),
            })
    for o in options:
        if out[o.option]:
            continue
        if together_any[o.option] == 0:
            why_not[o.option] = "never available together with another option"
        else:
            why_not[o.option] = (f"picked fewer than {MIN_SAMPLES} times (or the others were) "
                                 "when another option was available too")
    return out, why_not


def _because(comparisons: list[dict[str, Any]]) -> str:
    parts = []
    for c in comparisons:
        parts.append(f"{c['mean']:.1f} (picked {c['picked']:,}) vs {c['other_mean']:.1f} for "
                     f"'{c['option']}' (picked {c['other_picked']:,}) in the {c['together']:,} "
                     f"decisions both were available: {c['difference']:+.1f}, a gap larger "
                     f"than the {c['needed']:.1f} needed")
    return "mean score " + "; ".join(parts)


# ------------------------------------------------------------------ report


def build_report(ruleset: Ruleset, scenario_id: str | None, bot: str, seed: int,
                 records: Sequence[GameRecord] | Tally, preset: str | None = None,
                 difficulty: str | None = None) -> dict[str, Any]:
    """The whole report as plain data (the JSON output), from the games'
    records or their :class:`~.tally.Tally` (the same report either way)."""
    tally = records if isinstance(records, Tally) else Tally.of(records)
    game = Game(ruleset, scenario_id, seed, preset=preset, difficulty=difficulty, explain=False)
    sc = game.scenario
    clock = game.clock
    n = tally.games
    tiers = tally.tiers
    top_two = {t.id for t in sc.tiers[:2]}
    endings = tally.endings
    ending_info = {e.id: e for e in sc.endings}
    scores = tally.score_list()

    final_names = list(ruleset.tracks) + [f"rel.{a}" for a in ruleset.actors]
    finals = {name: {**_summary(list(expand(tally.finals.get(name, Counter())))),
                     "label": ruleset.label(name),
                     "hidden": name in ruleset.tracks and not ruleset.tracks[name].visible}
              for name in final_names}

    dealable = dealable_cards(ruleset, game)
    appeared = tally.appeared
    offered = tally.offered
    decisions: dict[str, Counter[Decision]] = defaultdict(Counter, tally.decisions)
    dealable |= set(appeared)  # what happened could happen

    options: list[_Option] = []
    by_card: dict[str, list[_Option]] = {}
    for card in ruleset.cards.values():
        if card.id not in dealable:
            continue
        mine = [_Option(card.id, o.id, o.label, o.requires is not None, offered[card.id])
                for o in card.options]
        index = {o.option: o for o in mine}
        for (avail, picked, score), count in decisions[card.id].items():
            for name in avail:
                if name in index:
                    index[name].available += count
            if picked in index:
                index[picked].scores += (score,) * count
        by_card[card.id] = mine
        options += mine

    min_diff = MIN_EFFECT * (statistics.pstdev(scores) if len(scores) > 1 else 0.0)
    verdicts: dict[tuple[str, str], str] = {}
    dominant: list[dict[str, Any]] = []
    weak: list[dict[str, Any]] = []
    rare: list[dict[str, Any]] = []
    not_judged: list[dict[str, Any]] = []
    for card_id, mine in by_card.items():
        if not offered[card_id]:
            continue
        comparisons, why_not = _compare(card_id, mine, decisions[card_id], min_diff)
        for o in mine:
            found = comparisons[o.option]
            if found and all(c["difference"] > c["needed"] for c in found):
                verdicts[(o.card, o.option)] = "dominant"
                dominant.append({**_row(o), "because": _because(found),
                                 "compared": found})
            elif found and all(-c["difference"] > c["needed"] for c in found):
                verdicts[(o.card, o.option)] = "never worth picking"
                weak.append({**_row(o), "because": _because(found),
                             "compared": found})
            if o.available >= MIN_SAMPLES and o.pick_rate < RARE_PICK:
                rare.append({**_row(o), "because": f"picked {o.picked:,} of the "
                                                   f"{o.available:,} times it was available"})
                verdicts.setdefault((o.card, o.option), "rarely picked")
            if o.option in why_not:
                not_judged.append({**_row(o), "because": why_not[o.option]})
                verdicts.setdefault((o.card, o.option), "not judged")

    actions = tally.actions
    decisions_per_game = list(expand(tally.decisions_per_game))
    words = sc.words
    by_preset = game.program.left_out
    left_out = sorted(c for c in ruleset.cards if c not in dealable and c not in by_preset)

    return {
        "packs": [{"id": p.id, "version": p.version} for p in ruleset.packs],
        "scenario": sc.id,
        "preset": preset,
        "difficulty": difficulty,
        "bot": bot,
        "games": n,
        "seed": seed,
        "words": {"unit": clock.unit, "units": clock.units, "actions": words.actions,
                  "currency": words.currency, "currencies": words.currencies,
                  "relations": words.relations},
        "span": {"first": clock.name(game.first_turn), "last": clock.name(game.last_turn),
                 "turns": game.length},
        "tiers": [{"id": t.id, "name": t.name, "games": tiers[t.id],
                   "share": round(tiers[t.id] / n, 4) if n else 0} for t in sc.tiers],
        "wins": {"tiers": sorted(top_two),
                 "share": round(sum(tiers[t] for t in top_two) / n, 4) if n else 0},
        "score": _summary(scores),
        "endings": [{"id": e, "title": ending_info[e].title if e in ending_info else e,
                     "defeat": bool(ending_info[e].defeat) if e in ending_info else False,
                     "games": c, "share": round(c / n, 4)}
                    for e, c in endings.most_common()],
        "final_values": finals,
        "length": {"decisions": _summary(decisions_per_game),
                   "turns": _summary(list(expand(tally.turns)))},
        "cards": [{"id": c.id, "title": c.title, "games": appeared[c.id],
                   "share": round(appeared[c.id] / n, 4) if n else 0}
                  for c in ruleset.cards.values() if c.id in dealable],
        "not_dealt": left_out,
        "preset_left_out": sorted(by_preset),
        "never_appeared": [c for c in ruleset.cards if c in dealable and appeared[c] == 0],
        "options": [{**_row(o), "verdict": verdicts.get((o.card, o.option), "")}
                    for o in options],
        "dominant_options": dominant,
        "never_worth_picking": weak,
        "rarely_picked": rare,
        "not_judged": not_judged,
        "judging": {"min_samples": MIN_SAMPLES, "min_effect_sd": MIN_EFFECT,
                    "min_difference": round(min_diff, 2), "rare_pick": RARE_PICK},
        "actions": [{"id": a.id, "name": a.name,
                     "per_game": round(actions[a.id] / n, 3) if n else 0}
                    for a in ruleset.actions.values()],
    }


def _row(o: _Option) -> dict[str, Any]:
    mean = round(statistics.fmean(o.scores), 2) if o.scores else None
    return {"card": o.card, "option": o.option, "label": o.label, "offered": o.offered,
            "available": o.available, "picked": o.picked, "pick_rate": round(o.pick_rate, 4),
            "requires": o.requires, "mean_score_when_picked": mean}


def _verdict_heading(report: dict[str, Any], key: str) -> str:
    j = report["judging"]
    return {
        "dominant_options": "Dominant options (clearly above every option of the card they were "
                            "available with)",
        "never_worth_picking": "Options never worth picking (clearly below every option they "
                               "were available with)",
        "rarely_picked": f"Options picked under {j['rare_pick']:.0%} of the times they were "
                         "available",
        "not_judged": "Options not judged",
    }[key]


def format_report(report: dict[str, Any]) -> str:
    """The report as text for a terminal."""
    out: list[str] = []
    w = out.append
    words = report["words"]
    packs = " + ".join(f"{p['id']} {p['version']}" for p in report["packs"])
    setting = ", ".join([report["scenario"]]
                        + ([f"preset {report['preset']}"] if report["preset"] else [])
                        + ([f"difficulty {report['difficulty']}"] if report["difficulty"]
                           else []))
    span = report["span"]
    w(f"Balance report: {report['games']:,} games of {packs} ({setting}), "
      f"bot {report['bot']}, seed {report['seed']}")
    w(f"Played from {span['first']} to {span['last']}: {span['turns']} "
      f"{words['unit'] if span['turns'] == 1 else words['units']}")
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
    w("Final values (mean; 10%..90% of games; min..max):")
    for v in report["final_values"].values():
        if "mean" not in v:
            continue
        shown = v["label"] + (" (hidden)" if v["hidden"] else "")
        w(f"  {shown:<28} {v['mean']:>7.1f}  {v['p10']:>6.0f}..{v['p90']:<6.0f} "
          f"{v['min']:>5.0f}..{v['max']:<5.0f}")
    if report["not_dealt"]:
        w(f"Cards this game cannot deal (not in {span['first']}..{span['last']}, and no "
          f"follow-up of one that is), left out: {', '.join(report['not_dealt'])}")
    if report["preset_left_out"]:
        w(f"Cards the preset leaves out: {', '.join(report['preset_left_out'])}")
    never = report["never_appeared"]
    w(f"Cards that never appeared: {', '.join(never) if never else 'none'}")
    rare_cards = [c for c in report["cards"] if 0 < c["share"] < 0.05]
    if rare_cards:
        w("Cards in fewer than 5% of games: " + ", ".join(
            f"{c['id']} ({c['share']:.1%})" for c in rare_cards))
    w("Options: picked / times available (pick rate), mean score of the games it was "
      "picked in:")
    card_share = {c["id"]: c["share"] for c in report["cards"]}
    current = None
    for o in report["options"]:
        if o["card"] != current:
            current = o["card"]
            w(f"  {current} (in {card_share.get(current, 0):.1%} of games, "
              f"{o['offered']:,} decisions)")
        mean = o["mean_score_when_picked"]
        gate = ""
        if o["offered"] and o["available"] < o["offered"]:
            gate = (f", available in {o['available'] / o['offered']:.0%}"
                    + (" (requires)" if o["requires"] else ""))
        verdict = f"  [{o['verdict']}]" if o["verdict"] else ""
        w(f"    {o['option']:<22} {o['picked']:>6,}/{o['available']:<6,} "
          f"({o['pick_rate']:>6.1%}{gate})  mean {mean if mean is not None else '-'}{verdict}")
    j = report["judging"]
    w(f"Verdicts compare two options over the decisions in which both were available, when "
      f"each was picked at least {j['min_samples']} times there; \"clearly\" means by more "
      f"than {j['min_difference']:.1f} ({j['min_effect_sd']} sd of all scores) and by more "
      "than two standard errors.")
    for key in ("dominant_options", "never_worth_picking", "rarely_picked"):
        rows = report[key]
        w(f"{_verdict_heading(report, key)}: {len(rows) if rows else 'none'}")
        for o in rows:
            w(f"  {o['card']}/{o['option']}: {o['because']}")
    rows = report["not_judged"]
    if rows:
        w(f"{_verdict_heading(report, 'not_judged')}: {len(rows)}")
        for o in rows:
            w(f"  {o['card']}/{o['option']}: {o['because']}")
    if report["actions"]:
        w(f"{words['actions']} per game: " + ", ".join(
            f"{a['id']} {a['per_game']:.2f}" for a in report["actions"]))
    return "\n".join(out)
