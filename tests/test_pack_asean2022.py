"""The 2022 pack: content the issue asks for, and balance measured with bots."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from typing import Any

import pytest

from asean_chair.balance.simulate import run_games
from asean_chair.bots import make_bot, play_out
from asean_chair.engine import Game
from asean_chair.rules import load_packs
from asean_chair.rules.compile import walk_effects
from asean_chair.rules.models import Effect, Option

from .conftest import ROOT

PACK = ROOT / "rules" / "asean2022"

COVERAGE = [
    "ukraine_invasion", "un_vote_march", "un_vote_october", "tac_ukraine", "demining",
    "ukraine_talks", "naypyidaw_visit", "myanmar_envoy", "myanmar_executions",
    "myanmar_exclusion", "five_point_review", "pelosi_taiwan", "covid_reopening",
    "covid_variant", "leader_covid", "ream", "washington_summit", "code_of_conduct", "rcep",
    "china_fta", "japan_partnership", "india", "australia", "eu_eba", "economic_diplomacy",
    "peacekeeping", "scam_compounds", "timor_leste",
]


@pytest.fixture(scope="module")
def rs() -> Any:
    return load_packs([PACK])


def option_effects(o: Option) -> Iterator[Effect]:
    yield from walk_effects(o.effects)
    for out in o.outcomes:
        yield from walk_effects(out.effects)


def test_it_is_the_default_pack_and_loads_clean(rs: Any) -> None:
    from asean_chair.paths import default_pack

    assert default_pack().name == "asean2022"
    assert rs.warnings == ()
    sc = rs.scenario()
    assert ((sc.clock.month(1), sc.turns, sc.clock.year_of(1), sc.clock.unit)
            == (1, 12, 2022, "month"))
    assert {8, 11} <= {m.month for m in sc.milestones}


def test_card_counts(rs: Any) -> None:
    cards = list(rs.cards.values())
    assert len(cards) >= 48
    assert sum("fictional" in c.tags for c in cards) >= 15
    assert sum(c.invented for c in cards) >= 15
    for c in cards:
        if "fictional" in c.tags:
            assert c.when is None or c.when.window is not None or c.when.month is not None
    drawn = [c for c in cards if c.when is not None and c.when.window is not None]
    assert len(drawn) >= 15


def test_coverage_tags(rs: Any) -> None:
    tags = {t for c in rs.cards.values() for t in c.tags}
    assert [t for t in COVERAGE if t not in tags] == []


def test_historic_cards_carry_history_source_and_a_question(rs: Any) -> None:
    historic = [c for c in rs.cards.values() if "historic" in c.tags]
    assert len(historic) >= 25
    for c in historic:
        assert c.history and c.source.startswith("http") and c.discuss.endswith("?"), c.id
        assert all(s.startswith("http") for s in c.see_also), c.id
        assert c.historical_option in {o.id for o in c.options}, c.id
        # a real event comes in its month, or as the follow-up of an earlier one
        assert c.when is None or c.when.month is not None, f"{c.id} is not at its month"


def test_every_card_and_branch_is_real_with_a_source_or_marked_invented(rs: Any) -> None:
    from asean_chair.rules.history import option_outcomes, reality

    real = invented = 0
    for c in rs.cards.values():
        kind = reality(rs, c)
        assert kind in ("real", "invented"), c.id
        assert ("historic" in c.tags) == (kind == "real"), c.id
        assert ("fictional" in c.tags) == (kind == "invented"), c.id
        if kind == "real":
            real += 1
            assert c.source and c.history and c.discuss, c.id
            taken = next(o for o in c.options if o.id == c.historical_option)
            for branch in option_outcomes(taken):
                assert branch.invented != bool(branch.history), (c.id, branch.text)
        else:
            invented += 1
            assert not c.history and c.historical_option is None, c.id
        for o in c.options:
            for branch in option_outcomes(o):
                assert reality(rs, c, o.id, branch) in ("real", "invented")
                # an invented story is never told as what "really" happened
                assert "in reality" not in (branch.text + o.text).lower(), (c.id, o.id)
    assert real >= 25 and invented >= 20


def test_every_card_has_two_to_four_options_and_none_is_free(rs: Any) -> None:
    for c in rs.cards.values():
        assert 2 <= len(c.options) <= 4, c.id
        for o in c.options:
            cost = o.compiled("cost")
            paid = not cost.constant or cost({}) > 0
            losses = False
            for e in option_effects(o):
                for amount in (e.add or {}).values():
                    if not isinstance(amount, (int, float)) or amount < 0:
                        losses = True
                for target, amount in (e.add or {}).items():
                    if target.startswith("rel.") and isinstance(amount, (int, float)) and \
                            amount > 0 and rs.actors[target[4:]].rivals:
                        losses = True  # a gain here is a loss with a rival
                if e.set is not None or e.modifier is not None or e.schedule is not None:
                    losses = True
            assert paid or losses, f"{c.id}/{o.id} costs nothing on any axis"


@pytest.mark.slow
def test_chains_and_their_follow_ups_are_reachable(rs: Any) -> None:
    chains = 0
    scheduled: set[str] = set()
    for c in rs.cards.values():
        for o in c.options:
            found = [e.schedule for e in option_effects(o) if e.schedule is not None]
            chains += bool(found)
            scheduled.update(s.card for s in found if s.card)
    assert chains >= 10
    follow_ups = [c.id for c in rs.cards.values() if c.when is None]
    assert follow_ups and set(follow_ups) <= scheduled | _drawn_by_effects(rs)
    # and they do turn up in play
    seen: set[str] = set()
    for bot in ("random", "greedy", "history"):
        for r in run_games([PACK], bot, 150, seed=2, jobs=2):
            seen.update(r.offered)
    assert [f for f in follow_ups if f not in seen] == []


def _drawn_by_effects(rs: Any) -> set[str]:
    found: set[str] = set()
    for c in rs.cards.values():
        for o in c.options:
            for e in option_effects(o):
                if e.draw is not None and e.draw.card:
                    found.add(e.draw.card)
    return found


def test_actions_rules_and_glossary(rs: Any) -> None:
    assert len(rs.actions) >= 8
    assert all(a.cooldown or a.per_turn or a.max_uses for a in rs.actions.values())
    assert any(a.cost for a in rs.actions.values())
    assert len(rs.rules) >= 8
    assert any(any(e.drift for e in r.effects) for r in rs.rules.values())
    terms = {g.term.split(" (")[0].lower() for g in rs.glossary.values()}
    for term in ("asean", "tac", "rcep", "eba"):
        assert any(term in t for t in terms), term


def test_the_historical_script_finishes_the_year(rs: Any) -> None:
    for seed in range(12):
        st = play_out(Game(rs, seed=seed, explain=False).new_state(), make_bot("history", seed))
        assert st.result is not None and not st.result.defeat
        chose = {(c, o) for _, c, o in st.choices_made}
        historic = [c for c in rs.cards.values() if "historic" in c.tags and c.id in
                    {card for _, card, _ in st.choices_made}]
        followed = [c for c in historic if (c.id, c.historical_option) in chose]
        assert len(followed) >= 0.9 * len(historic)


def _wins_and_mean(bot: str, games: int) -> tuple[float, float, float]:
    records = list(run_games([PACK], bot, games, seed=1000, jobs=2))
    sc = load_packs([PACK]).scenario()
    top = {t.id for t in sc.tiers[:2]}
    wins = sum(r.tier in top for r in records) / len(records)
    decisions = statistics.fmean(r.decisions for r in records)
    return wins, statistics.fmean(r.score for r in records), decisions


@pytest.mark.slow
def test_balance(rs: Any) -> None:
    random_wins, random_mean, _ = _wins_and_mean("random", 400)
    greedy_wins, greedy_mean, greedy_decisions = _wins_and_mean("greedy", 200)
    assert random_wins <= 0.25
    assert greedy_wins >= 0.50
    assert 25 <= greedy_decisions <= 40
    for stance in ("stance:china", "stance:usa", "cautious"):
        _, mean, _ = _wins_and_mean(stance, 120)
        assert mean < greedy_mean, stance
    assert random_mean < greedy_mean


@pytest.mark.slow
def test_the_historical_choices_are_reasonable_play(rs: Any) -> None:
    """Playing as Cambodia really did lands in the middle tier: a safe pair of hands,
    below a player who looks ahead, far above random play."""
    sc = rs.scenario()
    middle = sc.tiers[len(sc.tiers) // 2].id
    history = list(run_games([PACK], "history", 150, seed=1000, jobs=2))
    tiers = [r.tier for r in history]
    assert max(set(tiers), key=tiers.count) == middle
    assert tiers.count(middle) >= 0.8 * len(tiers)
    assert not any(r.defeat for r in history)


@pytest.mark.slow
def test_looking_further_ahead_beats_greedy() -> None:
    """A small tree search beats one-step greed, game by game on the same seeds."""
    greedy = list(run_games([PACK], "greedy", 12, seed=100, jobs=2))
    mcts = list(run_games([PACK], "mcts:80", 12, seed=100, jobs=2))
    assert statistics.fmean(r.score for r in mcts) > statistics.fmean(r.score for r in greedy)
    assert sum(m.score > g.score for m, g in zip(mcts, greedy, strict=True)) >= 7


@pytest.mark.slow
def test_no_track_saturates() -> None:
    """Every point a player earns still counts: even the best bots stay clear of the
    meters' limit of 100 (international standing used to sit at 96-98)."""
    rs = load_packs([PACK])
    for bot in ("greedy", "history"):
        records = list(run_games([PACK], bot, 150, seed=7, jobs=2))
        for track in rs.tracks:
            finals = sorted(r.final[track] for r in records)
            p90 = finals[int(0.9 * len(finals))]
            assert p90 <= 92, (bot, track, p90)
            assert statistics.fmean(finals) <= 85, (bot, track)


def test_favours_to_the_junta_never_move_the_peace_plan(rs: Any) -> None:
    """Myanmar progress means the Five-Point Consensus (violence down, dialogue, aid and
    the envoy let in): no option that gives the generals a seat or a visit raises it."""
    engaged = 0
    for card in rs.cards.values():
        for option in card.options:
            adds = [e.add for e in option_effects(option) if e.add]
            if any("counter.junta_engaged" in a for a in adds):
                engaged += 1
                assert all(a.get("myanmar", 0) <= 0 for a in adds), (card.id, option.id)
    assert engaged >= 4


@pytest.mark.slow
def test_befriending_the_junta_brings_less_progress_than_holding_the_line() -> None:
    junta = list(run_games([PACK], "stance:junta", 150, seed=9, jobs=2))
    history = list(run_games([PACK], "history", 150, seed=9, jobs=2))
    mean = statistics.fmean
    assert mean(r.final["myanmar"] for r in junta) < mean(r.final["myanmar"] for r in history)
    assert mean(r.score for r in junta) < mean(r.score for r in history) - 50


#: Options the balance lab may find never worth picking, because their card says why:
#: favours to the junta (the history shows they bought nothing), Beijing's wording
#: (the 2012 failure), snubbing Washington's summit, turning an October "yes" into an
#: abstention ("looks like pressure"), naming Russia ("Laos and Vietnam will balk") and
#: late raids after a denial ("it still costs").
EXPLAINED_WEAK = {
    "junta_delegate/accept", "naypyidaw_visit/go_now", "retreat/invite_minister",
    "summit_invitation/invite_general", "five_point_review/drop_it",
    "foreign_ministers_meeting/beijing_text", "washington_summit/send_deputy",
    "un_vote_october/abstain", "ukraine_invasion/name_russia", "scam_scandal/late_raids",
}


@pytest.mark.slow
def test_no_option_is_never_worth_picking_unless_its_card_says_why(rs: Any) -> None:
    """Judged over random play, where every option is picked as often as the others
    in every kind of year (a greedy player's picks follow the state of its year)."""
    from asean_chair.balance.report import build_report

    records = list(run_games([PACK], "random", 1000, seed=0, jobs=2))
    report = build_report(rs, None, "random", 0, records)
    weak = {f"{o['card']}/{o['option']}" for o in report["never_worth_picking"]}
    assert weak <= EXPLAINED_WEAK, weak - EXPLAINED_WEAK
    historical = {f"{c.id}/{c.historical_option}" for c in rs.cards.values()
                  if c.historical_option}
    assert weak & historical <= {"naypyidaw_visit/go_now"}


@pytest.mark.slow
def test_lesson_presets(rs: Any) -> None:
    sc = rs.scenario()
    presets = {p.id: p for p in sc.presets}
    assert presets["full"].minutes == 40 and presets["short"].minutes == 25
    short = rs.scenario_with(None, "short")
    top = {t.id for t in short.tiers[:2]}
    random = list(run_games([PACK], "random", 300, seed=5, jobs=2, preset="short"))
    greedy = list(run_games([PACK], "greedy", 100, seed=5, jobs=2, preset="short"))
    assert sum(r.tier in top for r in random) / len(random) <= 0.25
    assert sum(r.tier in top for r in greedy) / len(greedy) >= 0.50
    # a 45-minute lesson: at most 18 card decisions (diplomacy actions besides)
    assert statistics.fmean(len(r.picks) for r in greedy) <= 18
    assert statistics.fmean(len(r.picks) for r in random) <= 18
    # on every seed, for every way of playing: 16 cards fall in May..December once the
    # preset leaves one out, and at most two follow-ups (a Ream answer, the scam
    # scandal) join them
    history = list(run_games([PACK], "history", 60, seed=5, jobs=2, preset="short"))
    stance = list(run_games([PACK], "stance:china", 100, seed=5, jobs=2, preset="short"))
    assert max(len(r.picks) for r in greedy + history + random + stance) <= 18
    assert max(len(r.picks) for r in random + stance) == 18  # both follow-ups can come
    assert all(r.turns <= 8 for r in greedy)


@pytest.mark.slow
def test_random_cards_come_through_the_year_and_vary() -> None:
    import itertools

    rs = load_packs([PACK])
    drawn = {c.id for c in rs.cards.values() if c.when is not None and c.when.window is not None}
    records = list(run_games([PACK], "greedy", 60, seed=3, jobs=2))
    hands = [{c for c in r.offered if c in drawn} for r in records]
    assert min(len(h) for h in hands) >= 6
    shares = sorted(len(a & b) / min(len(a), len(b))
                    for a, b in itertools.combinations(hands, 2))
    assert statistics.fmean(shares) <= 0.4
    assert shares[int(0.9 * len(shares))] <= 0.5  # nine pairs of seeds in ten share half or less


@pytest.mark.slow
def test_hard_is_hard() -> None:
    normal = statistics.fmean(r.score for r in run_games([PACK], "greedy", 60, seed=4, jobs=2))
    hard = statistics.fmean(r.score for r in run_games([PACK], "greedy", 60, seed=4, jobs=2,
                                                      difficulty="hard"))
    assert hard < normal - 25
    sc = load_packs([PACK]).scenario()
    top = {t.id for t in sc.tiers[:2]}
    hard_wins = sum(r.tier in top for r in run_games([PACK], "greedy", 60, seed=4, jobs=2,
                                                     difficulty="hard"))
    assert hard_wins <= 0.25 * 60
