#!/usr/bin/env python3
"""Measure the balance of the `asean2022` rule pack with simple bots.

Plays seeded games of the chair2022 scenario with six players and prints a
table: how often each reaches the top two tiers ("wins"), its mean score,
defeats, and the number of decisions a game takes. With ``--options`` it
also lists how often the greedy player picks each card option when it is
offered, and flags options below 3%.

Players (all but `cautious` are the engine's bots, asean_chair.bots)
  random    picks uniformly among the legal actions (end of turn included)
  greedy    one-step lookahead: clones the state for every legal action,
            applies it, and takes the best score (a defeat is very bad);
            options with chance outcomes are averaged over a few reseeded
            clones, so the player does not peek at the dice; a diplomacy
            action is taken only if it beats doing nothing
  china     stance:china, always the choice that warms China most
  usa       stance:usa, the same for the United States
  cautious  always the option that moves the meters and relations least;
            takes no diplomacy actions
  history   the historical option on historic cards, greedy elsewhere

Usage (from the repository root):
  python3 tools/balance_2022.py                 # 1000 games per player
  python3 tools/balance_2022.py -n 200 --options
  python3 tools/balance_2022.py --trace 7 --player history
  python3 tools/balance_2022.py --regret 150     # what each option costs a good player
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# ASEAN_CHAIR_SRC may point at another copy of the engine (e.g. a release).
sys.path.insert(0, os.environ.get("ASEAN_CHAIR_SRC", str(ROOT / "src")))

from asean_chair.bots import DEFEAT_PENALTY, GreedyBot, make_bot
from asean_chair.engine import Action, Game, GameState
from asean_chair.rules import load_packs

PACK = ROOT / "rules" / "asean2022"
PLAYERS = ("random", "greedy", "china", "usa", "cautious", "history")

#: Options the greedy player (almost) never picks, and why they stay in the
#: deck. Greedy looks one step ahead on the score, so it cannot see follow-up
#: cards, delayed effects or the standing rules; these options are either
#: the "road not taken" of 2022 (a real temptation with a visible price), a
#: fallback for when the better option is locked, or an investment that
#: pays later.
WHY_LOW = {
    "naypyidaw_visit/go_now": "the historical choice: its price (the soft boycott) is immediate, "
                              "its benefit (a warm junta, better envoy missions) comes later",
    "retreat/invite_minister": "rewards the junta with a seat; pays only when the junta is warm",
    "ukraine_invasion/silence": "the pro-Moscow line: Russia weighs little and its rivals punish it; "
                                "Laos and Vietnam took this line in 2022",
    "un_vote_march/abstain": "the pro-Moscow line, as 35 countries voted; costs the weakest relation",
    "un_vote_october/abstain": "the same, and changing sides after voting yes looks like pressure",
    "washington_summit/send_deputy": "the non-aligned snub of the biggest export market",
    "ream/restricted": "the historical choice: greedy opens Ream whenever it has 2 capital, "
                      "because Beijing's answer comes two months later",
    "ream/exclusive": "the breach of Article 53 the US feared: a trap with a follow-up card",
    "myanmar_executions/quiet": "quiet diplomacy with the junta: costs standing and cohesion now",
    "five_point_review/drop_it": "re-engaging the junta, as some members argued: costs cohesion",
    "summit_invitation/invite_general": "inviting the coup leader: only pays if the junta is very warm",
    "foreign_ministers_meeting/beijing_text": "the 2012 failure: shown so players can repeat it",
    "foreign_ministers_meeting/chair_only": "fallback when cohesion is below 40",
    "summit_declaration/side_with_us": "fallback when cohesion is below 40",
    "summit_declaration/no_text": "fallback when cohesion is below 40",
    "envoy_first_visit/delay": "a principled refusal; its price is Myanmar progress",
    "envoy_second_visit/cancel": "a principled refusal; its price is Myanmar progress",
    "expressway_loan/decline": "pays later: no debt service and no 'small print' follow-up",
    "quad_vaccines/decline": "puts Beijing first at the cost of health and India",
    "variant_scare/masks_and_tests": "the careful choice; greedy carries on and meets the wave later",
    "shadowed_exercise/explain": "a rare follow-up (few samples)",
    "shadowed_exercise/invite_china": "a rare follow-up (few samples)",
    "eba_review/partial": "a rare follow-up (few samples)",
    "eba_review/reject": "a rare follow-up (few samples)",
    "scam_scandal/blame_gangs": "the cover-up, on a rare follow-up of 'deny' (few samples)",
    "leader_covid/hide_it": "the cover-up: a 40% chance of a scandal",
    "tac_ukraine/play_video": "breaks ASEAN's consensus rule; a close call now and then",
    "australian_police/accept": "a close call (regret under 2); another option edges it out",
    "australian_police/decline": "a close call (regret under 2); another option edges it out",
    "investment_forum/roadshow": "a close call (regret under 1) that costs 2 capital",
    "deminers_plan/alone": "a close call (regret under 2) that costs 2 capital",
    "deminers_plan/with_japan": "a close call (regret under 2); what Cambodia really did",
    "helicopter_parts/ground": "a close call (regret under 1)",
    "leader_covid/keep_meetings": "a close call (regret under 1)",
}

_RULESET: Any = None


def ruleset() -> Any:
    """The loaded pack (once per process)."""
    global _RULESET
    if _RULESET is None:
        _RULESET = load_packs([PACK])
    return _RULESET


# ------------------------------------------------------------------ players
#
# random, greedy, history and the stances are the engine's own bots
# (asean_chair.bots), so these figures match `asean-chair play --auto`.
# Only the cautious player is defined here.


def make_player(name: str, seed: int, rs: Any) -> Any:
    """A bot by the short names of this script."""
    if name in ("china", "usa"):
        return make_bot(f"stance:{name}", seed)
    if name == "cautious":
        return CautiousBot(rs, seed)
    return make_bot(name, seed)


class CautiousBot:
    """Always the option that moves meters and relations least; no diplomacy.

    Ties go to the option that costs less capital, then to the better score.
    """

    name = "cautious"

    def __init__(self, rs: Any, seed: int = 0) -> None:
        self.greedy = GreedyBot(seed)
        self.names = list(rs.tracks) + [f"rel.{a}" for a in rs.actors]

    def choose(self, state: GameState) -> Action:
        if state.pending.kind != "event":
            return Action.end_turn()
        before = {n: state.v[n] for n in self.names}
        cap = state.v["capital"]

        def calm(after: GameState) -> float:
            if after.result is not None and after.result.defeat:
                return -DEFEAT_PENALTY
            moved = sum(abs(after.v[n] - before[n]) for n in self.names)
            spent = cap - after.v["capital"]
            return -(moved + 0.5 * spent) * 1000 + after.score

        return self.greedy.best(state, calm)


# -------------------------------------------------------------------- games


def play(player_name: str, seed: int, record: bool = False) -> dict[str, Any]:
    """Play one game; returns its result and statistics."""
    rs = ruleset()
    game = Game(rs, seed=seed, explain=False)
    state = game.new_state()
    player = make_player(player_name, seed, rs)
    decisions = 0
    offered: Counter[str] = Counter()
    picked: Counter[str] = Counter()
    regret: Counter[str] = Counter()
    judge = GreedyBot(seed)
    while not state.is_over:
        action = player.choose(state)
        if record and action.kind == "choose":
            values = {c.action: judge.evaluate(state, c.action, bool(c.odds))
                      for c in state.choices() if c.legal}
            best = max(values.values())
            for a, value in values.items():
                offered[f"{a.card}/{a.option}"] += 1
                regret[f"{a.card}/{a.option}"] += best - value
            picked[f"{action.card}/{action.option}"] += 1
        if action.kind != "end_turn":
            decisions += 1
        state.apply(action)
    res = state.result
    assert res is not None
    return {"score": res.score, "tier": res.tier, "defeat": res.defeat, "ending": res.ending,
            "decisions": decisions, "cards": len(state.choices_made),
            "offered": offered, "picked": picked, "regret": regret}


def _batch(args: tuple[str, list[int], bool]) -> list[dict[str, Any]]:
    name, seeds, record = args
    return [play(name, s, record) for s in seeds]


def run(name: str, games: int, jobs: int, record: bool) -> list[dict[str, Any]]:
    seeds = list(range(games))
    chunks = [seeds[i::jobs] for i in range(jobs)]
    if jobs == 1:
        return _batch((name, seeds, record))
    with ProcessPoolExecutor(jobs) as pool:
        out: list[dict[str, Any]] = []
        for part in pool.map(_batch, [(name, c, record) for c in chunks]):
            out.extend(part)
    return out


# ------------------------------------------------------------------ reports


def summary(name: str, results: list[dict[str, Any]], tiers: list[str]) -> dict[str, Any]:
    n = len(results)
    wins = sum(1 for r in results if not r["defeat"] and r["tier"] in tiers[:2])
    defeats = sum(1 for r in results if r["defeat"])
    tier_counts = Counter(r["tier"] for r in results if not r["defeat"])
    return {
        "player": name, "games": n, "win": wins / n, "mean": statistics.mean(r["score"] for r in results),
        "defeat": defeats / n, "decisions": statistics.mean(r["decisions"] for r in results),
        "cards": statistics.mean(r["cards"] for r in results),
        "tiers": tier_counts, "endings": Counter(r["ending"] for r in results if r["defeat"]),
        "pct": statistics.quantiles([r["score"] for r in results], n=10),
    }


def print_table(rows: list[dict[str, Any]], tiers: list[str]) -> None:
    head = f"{'player':<9} {'games':>5} {'win%':>6} {'mean':>7} {'p10':>5} {'p50':>5} {'p90':>5} " \
        f"{'defeat%':>8} {'decis.':>6} {'cards':>5}  " + \
        " ".join(f"{t[:7]:>7}" for t in tiers)
    print(head)
    print("-" * len(head))
    for r in rows:
        tiers_txt = " ".join(f"{100 * r['tiers'].get(t, 0) / r['games']:>6.1f}%" for t in tiers)
        p10, p50, p90 = r["pct"][0], r["pct"][4], r["pct"][8]
        print(f"{r['player']:<9} {r['games']:>5} {100 * r['win']:>5.1f}% {r['mean']:>7.1f} "
              f"{p10:>5.0f} {p50:>5.0f} {p90:>5.0f} "
              f"{100 * r['defeat']:>7.1f}% {r['decisions']:>6.1f} {r['cards']:>5.1f}  {tiers_txt}")
    for r in rows:
        if r["endings"]:
            print(f"  {r['player']} defeats: " + ", ".join(f"{k} {v}" for k, v in r["endings"].most_common()))


def check(rows: dict[str, dict[str, Any]]) -> list[str]:
    """The balance targets of issue 3, as pass/fail lines."""
    out = []

    def line(ok: bool, text: str) -> None:
        out.append(f"[{'ok' if ok else 'FAIL'}] {text}")

    if "random" in rows:
        line(rows["random"]["win"] <= 0.25, f"random wins {100 * rows['random']['win']:.1f}% (<= 25%)")
    if "greedy" in rows:
        g = rows["greedy"]
        line(g["win"] >= 0.50, f"greedy wins {100 * g['win']:.1f}% (>= 50%)")
        for s in ("china", "usa", "cautious"):
            if s in rows:
                line(rows[s]["mean"] < g["mean"],
                     f"stance {s} mean {rows[s]['mean']:.1f} < greedy mean {g['mean']:.1f}")
    if "history" in rows:
        h = rows["history"]
        line(h["defeat"] == 0, f"history never defeated ({100 * h['defeat']:.1f}% defeats)")
        top = h["tiers"].most_common(1)[0][0] if h["tiers"] else "-"
        tiers = [t.id for t in ruleset().scenario().tiers]
        middle = tiers[len(tiers) // 2]
        line(top == middle, f"history's usual tier is '{top}' (middle tier '{middle}')")
    return out


def option_report(results: list[dict[str, Any]], threshold: float = 0.03) -> None:
    offered: Counter[str] = Counter()
    picked: Counter[str] = Counter()
    regret: Counter[str] = Counter()
    for r in results:
        offered.update(r["offered"])
        picked.update(r["picked"])
        regret.update(r["regret"])
    rs = ruleset()
    print("\nGreedy option picks (picked / offered when legal; regret = mean score "
          "lost against the best option, as greedy sees it):")
    low = []
    for card in rs.cards.values():
        for opt in card.options:
            key = f"{card.id}/{opt.id}"
            o, p = offered.get(key, 0), picked.get(key, 0)
            rate = p / o if o else float("nan")
            flag = ""
            if o and rate < threshold:
                flag = "  <-- below 3%" + (f" (kept: {WHY_LOW[key]})" if key in WHY_LOW else "")
                low.append(key)
            elif not o:
                flag = "  (never offered)"
            mean_regret = regret.get(key, 0) / o if o else 0.0
            print(f"  {key:<48} {p:>5} / {o:<5} {100 * rate:>6.1f}%  regret {mean_regret:5.1f}{flag}")
    print(f"\n{len(low)} option(s) below {100 * threshold:.0f}%, "
          f"{sum(1 for k in low if k in WHY_LOW)} of them explained above; unexplained: "
          f"{', '.join(k for k in low if k not in WHY_LOW) or 'none'}")


def trace(player_name: str, seed: int) -> None:
    """Print one game, card by card, for reading."""
    rs = ruleset()
    state = Game(rs, seed=seed).new_state()
    player = make_player(player_name, seed, rs)
    shown = ["autonomy", "cohesion", "economy", "standing", "myanmar", "health",
             "rel.china", "rel.usa", "rel.japan", "rel.eu", "rel.russia", "rel.ukraine",
             "rel.junta", "capital"]
    while not state.is_over:
        if state.pending.kind == "event":
            card = state.current_card
            assert card is not None
            print(f"\n[{state.month:>2}] {card.title}  ({card.id})")
            print("     " + card.text.strip())
            for c in state.choices():
                mark = "" if c.legal else f"  [unavailable: {c.why_not}]"
                print(f"     - {c.label} (cost {c.cost}){mark}")
        action = player.choose(state)
        log = state.apply(action)
        if action.kind == "choose":
            print(f"   > {action.option}")
        elif action.kind == "act":
            print(f"   > action: {action.action}")
        else:
            vals = " ".join(f"{k.replace('rel.', '')}={state.value(k)}" for k in shown)
            print(f"   -- end of month: {vals}  score={state.score:.0f}")
        for e in log:
            if e.text and not e.text.startswith(("You chose", "Action:", "Turn ")):
                print(f"     * {e.text}")
    res = state.result
    assert res is not None
    print(f"\n== {res.title} ({res.tier_name}), score {res.score:.1f}")
    for v in res.verdict:
        print("   " + v)


def lesson_figures(games: int, jobs: int) -> None:
    """Variety of random cards, card decisions of the short lesson, and difficulty.

    Uses the engine's own simulator (``asean-chair simulate``), so the
    figures match what the balance lab reports.
    """
    import itertools

    from asean_chair.balance.simulate import run_games
    from asean_chair.rules.history import reality

    rs = ruleset()
    drawn = {c.id for c in rs.cards.values() if c.when is not None and c.when.window is not None}
    records = list(run_games([PACK], "greedy", games, seed=11, jobs=jobs))
    hands = [{c for c in r.offered if c in drawn} for r in records]
    sizes = [len(h) for h in hands]
    shares = [len(a & b) / max(1, min(len(a), len(b)))
              for a, b in itertools.combinations(hands[:200], 2)]
    shares.sort()
    print(f"\nVariety (full year, greedy, {games} games): random cards a year "
          f"mean {statistics.mean(sizes):.1f}, min {min(sizes)}; two seeds share on average "
          f"{100 * statistics.mean(shares):.0f}% of their random cards "
          f"(90th percentile {100 * shares[int(0.9 * len(shares))]:.0f}%); "
          f"{len(set().union(*hands))} of {len(drawn)} random cards seen")
    invented = sum(reality(rs, c) == "invented" for h in hands for c in h)
    print(f"  every random card is marked invented: {invented == sum(sizes)}")
    for preset in (None, "short"):
        for bot in ("greedy", "history", "random"):
            rec = list(run_games([PACK], bot, games, seed=11, jobs=jobs, preset=preset))
            cards = statistics.mean(len(r.picks) for r in rec)
            print(f"  {preset or 'full':<5} {bot:<8} card decisions {cards:5.1f}, "
                  f"all decisions {statistics.mean(r.decisions for r in rec):5.1f}")
    for diff in (None, "easy", "hard"):
        rec = list(run_games([PACK], "greedy", games, seed=11, jobs=jobs, difficulty=diff))
        tiers = [t.id for t in rs.scenario().tiers]
        wins = sum(r.tier in tiers[:2] and not r.defeat for r in rec) / len(rec)
        print(f"  difficulty {diff or 'normal':<6} greedy mean {statistics.mean(r.score for r in rec):6.1f},"
              f" top two {100 * wins:5.1f}%")


def _regret_game(seed: int) -> list[tuple[str, dict[str, float]]]:
    """One greedy game; at every card with a choice, each legal option is played
    and greedy finishes the year from there (the same dice for every option)."""
    rs = ruleset()
    state = Game(rs, seed=seed, explain=False).new_state()
    bot = make_player("greedy", seed, rs)
    out = []
    while not state.is_over:
        legal = [c for c in state.choices() if c.legal] if state.pending.kind == "event" else []
        if len(legal) > 1:
            card = state.current_card
            assert card is not None
            finals = {}
            for c in legal:
                branch = state.clone()
                branch.reseed(seed * 1000 + state.turn)
                branch.apply(c.action)
                finisher = make_player("greedy", seed, rs)
                while not branch.is_over:
                    branch.apply(finisher.choose(branch))
                assert branch.result is not None
                finals[str(c.action.option)] = branch.result.score
            out.append((card.id, finals))
        state.apply(bot.choose(state))
    return out


def regret_report(games: int, jobs: int) -> None:
    """What each option costs a player who plays the rest of the year well.

    Unlike the mean score of the games an option was picked in (which follows
    the state of the year the player was in), this compares the options of a
    card in the same year: regret is the final score lost against the best of
    them, 'best' how often it was the best. Chance after the choice adds a few
    points of noise to every regret; the historical option is starred.
    """
    from collections import defaultdict

    regrets: dict[tuple[str, str], list[float]] = defaultdict(list)
    best: Counter[tuple[str, str]] = Counter()
    with ProcessPoolExecutor(jobs) as pool:
        for game in pool.map(_regret_game, range(500, 500 + games)):
            for card_id, finals in game:
                top = max(finals.values())
                for option, score in finals.items():
                    regrets[(card_id, option)].append(top - score)
                    best[(card_id, option)] += score == top
    print(f"Regret of each option, greedy finishing the year ({games} games; * = historical)")
    for card in ruleset().cards.values():
        cells = []
        for o in card.options:
            r = regrets.get((card.id, o.id))
            if not r:
                continue
            star = "*" if o.id == card.historical_option else ""
            cells.append(f"{o.id}{star} {statistics.fmean(r):4.1f} (best {best[(card.id, o.id)] / len(r):.0%}, "
                         f"n={len(r)})")
        if cells:
            print(f"  {card.id:<26} " + " | ".join(cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--games", type=int, default=1000, help="games per player (default 1000)")
    ap.add_argument("-p", "--players", default=",".join(PLAYERS),
                    help=f"comma-separated players (default: {','.join(PLAYERS)})")
    ap.add_argument("-j", "--jobs", type=int, default=min(8, os.cpu_count() or 1),
                    help="worker processes")
    ap.add_argument("--options", action="store_true", help="report greedy option pick rates")
    ap.add_argument("--trace", type=int, metavar="SEED", help="print one game and stop")
    ap.add_argument("--player", default="history", help="player for --trace")
    ap.add_argument("--lesson", action="store_true",
                    help="variety of random cards, card decisions per preset, difficulties")
    ap.add_argument("--regret", type=int, metavar="GAMES",
                    help="each option's regret when greedy finishes the year from it")
    args = ap.parse_args()
    if args.regret:
        regret_report(args.regret, args.jobs)
        return
    if args.trace is not None:
        trace(args.player, args.trace)
        return
    if args.lesson:
        lesson_figures(args.games, args.jobs)
        return
    scenario = ruleset().scenario()
    tiers = [t.id for t in scenario.tiers]
    rows = {}
    t0 = time.time()
    greedy_results = None
    for name in args.players.split(","):
        name = name.strip()
        t = time.time()
        results = run(name, args.games, args.jobs, record=(name == "greedy" and args.options))
        if name == "greedy":
            greedy_results = results
        rows[name] = summary(name, results, tiers)
        rows[name]["secs"] = time.time() - t
    print(f"asean2022 / {scenario.id}: {args.games} seeded games per player "
          f"({time.time() - t0:.0f}s, {args.jobs} jobs)\n")
    print_table(list(rows.values()), tiers)
    print()
    for line in check(rows):
        print(line)
    if args.options and greedy_results is not None:
        option_report(greedy_results)


if __name__ == "__main__":
    main()
