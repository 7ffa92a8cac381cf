"""The turn: a declared list of steps, run in order.

A scenario's turn is a list of step names (``turn_steps`` in its YAML; by
default :data:`DEFAULT_TURN`). Most steps run by themselves; two wait for
the player: ``events`` (decide every card in the queue) and ``diplomacy``
(take actions, then end the turn). Cards always come before anything else
the player does: a card dealt during diplomacy is decided first.

    income        capital income of the turn (with modifiers' income)
    start_rules   standing rules with ``phase: start``
    scheduled     follow-up cards and delayed effects that fall due
    fixed_cards   the cards whose ``when`` names this turn
    draws         the scenario's random draws
    endings       end the game if an ending's condition holds
    events        the player decides each card in the queue
    diplomacy     the player takes actions, then ends the turn
    modifiers     each modifier acts, then counts down
    upkeep        standing rules with ``phase: upkeep``
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import mutate
from .core import Cause, LogEntry, Result

if TYPE_CHECKING:
    from .program import CompiledRule
    from .state import GameState


def income(st: GameState) -> None:
    """The turn's capital income, and every modifier's."""
    p = st.p
    gained = mutate.round_half_away(p.income(st.v))
    if st.modifiers:
        gained += sum(p.modifiers[k].income for _, k in st.modifiers.values())
    if gained:
        mutate.add(st, "capital", gained, p.income_cause, False)


def _rules(st: GameState, rules: tuple[CompiledRule, ...]) -> None:
    """Each rule whose condition holds, in order, until the game ends (it
    runs in a step, so not after the game ended)."""
    v = st.v
    for r in rules:
        condition = r.condition
        if condition is None or condition(v):
            r.effects(st, r.cause)
            if st.over:
                return


def start_rules(st: GameState) -> None:
    """The standing rules that run at the start of a turn."""
    _rules(st, st.p.start_rules_in(int(st.v["turn"])))


def upkeep(st: GameState) -> None:
    """The standing rules that run at the end of a turn."""
    _rules(st, st.p.upkeep_rules_in(int(st.v["turn"])))


def scheduled(st: GameState) -> None:
    """Follow-up cards and delayed effects whose turn has come."""
    if not st.scheduled:
        return
    p = st.p
    turn = int(st.v["turn"])
    for s in st.scheduled:
        if s[0] <= turn:
            break
    else:
        return  # nothing falls due
    due = [s for s in st.scheduled if s[0] <= turn]
    st.scheduled = [s for s in st.scheduled if s[0] > turn]
    for _, _, key in sorted(due):
        item = p.schedules[key]
        if item.text and st.log is not None:
            mutate.message(st, item.text, item.cause)
        if item.card is not None:
            mutate.deal(st, item.card, item.cause)
        if item.effects is not None:
            item.effects(st, item.cause)


def fixed_cards(st: GameState) -> None:
    """The cards that arrive in this turn, if their condition holds."""
    p = st.p
    v = st.v
    for card_id, cond in p.fixed.get(int(v["turn"]), ()):
        if cond is None or cond(v):
            mutate.deal(st, card_id, p.cards[card_id].cause)


def draws(st: GameState) -> None:
    """The scenario's random cards for this turn."""
    p = st.p
    n = p.draw_counts.get(int(st.v["turn"]))
    if n is None:
        n = mutate.round_half_away(p.draws(st.v))
    if n > 0:
        mutate.draw_random(st, None, n, p.draw_cause)


def endings(st: GameState) -> None:
    """End the game if the condition of an ending holds.

    Only a change of a value an ending reads can make one hold: until then
    (``endings_due`` is false) there is nothing to check again.
    """
    if st.over or not st.endings_due:
        return
    st.endings_due = False
    v = st.v
    for e in st.p.endings:
        if e.condition is not None and e.condition(v):
            finish(st, e.id)
            return


def modifiers(st: GameState) -> None:
    """Each modifier in force acts, then counts down (and ends at zero)."""
    if not st.modifiers:
        return
    p = st.p
    for mid, (left, key) in list(st.modifiers.items()):
        m = p.modifiers[key]
        if m.each_turn is not None and not st.over:
            m.each_turn(st, m.cause)
        if left <= 1:
            del st.modifiers[mid]
            mutate.set_modifier_value(st, mid, 0)
            if st.log is not None:
                mutate.message(st, f"{m.name} has ended.", m.cause)
        else:
            st.modifiers[mid] = (left - 1, key)
            mutate.set_modifier_value(st, mid, left - 1)


#: The steps that run by themselves, by name.
STEPS: dict[str, Callable[[GameState], None]] = {
    "income": income,
    "start_rules": start_rules,
    "scheduled": scheduled,
    "fixed_cards": fixed_cards,
    "draws": draws,
    "endings": endings,
    "modifiers": modifiers,
    "upkeep": upkeep,
}
#: The steps that wait for the player.
INTERACTIVE = ("events", "diplomacy")
#: Every step a turn may name.
STEP_NAMES = (*STEPS, *INTERACTIVE)
#: The turn of a scenario that declares none.
DEFAULT_TURN = ("income", "start_rules", "scheduled", "fixed_cards", "draws", "endings",
                "events", "diplomacy", "modifiers", "upkeep", "endings")


def begin(st: GameState) -> None:
    """Start the current turn and run it until the player is needed."""
    st.actions_taken = 0
    st.turn_uses.clear()
    st.step = 0
    if st.log is not None:
        mutate.message(st, f"Turn {st.turn} begins.", Cause("turn", str(st.turn), "New turn"))
    run(st)


def run(st: GameState) -> None:
    """Run the turn's steps from the current one until one waits for the
    player or the game ends; after the last step, the next turn begins."""
    if st.over:
        return
    p = st.p
    steps = p.steps
    for i in range(st.step, len(steps)):  # no step reads or moves st.step
        step = steps[i]
        if type(step) is str:  # a step that waits for the player
            if st.queue:
                st.phase = "event"
                st.step = i
                return
            if step == "diplomacy" and p.actions:
                st.phase = "diplomacy"
                st.step = i
                return
        elif step is not endings or st.endings_due:  # endings: only when a value they read moved
            step(st)
            if st.over:
                st.step = i + 1
                return
    st.step = len(steps)
    _next_turn(st)


def _next_turn(st: GameState) -> None:
    p = st.p
    if st.v["turn"] >= p.last_turn:
        finish(st, p.final_ending.id)
        return
    turn = int(st.v["turn"]) + 1
    v = st.v
    v["turn"] = turn
    v["month"] = p.clock.month(turn)
    v["turns_left"] = p.last_turn - turn
    if p.endings_read_turn:
        st.endings_due = True
    begin(st)


def finish(st: GameState, ending_id: str) -> None:
    """End the game with an ending: the score, its tier and the verdict."""
    p = st.p
    e = p.endings_by_id[ending_id]
    # The final score is a whole number, as players see it, and the tier is
    # read from that same number (tiers are inclusive: a score equal to a
    # tier's min_score gets that tier).
    score = float(mutate.round_half_away(p.score(st.v)))
    tiers = p.scenario.tiers
    if e.tier is not None:
        tier = next(t for t in tiers if t.id == e.tier)
    elif e.defeat:
        tier = tiers[-1]
    else:
        tier = next((t for t in tiers if score >= t.min_score), tiers[-1])
    verdict = [tier.text] if tier.text else []
    verdict += [text for test, text in p.verdicts if test(st.v)]
    st.result = Result(e.id, e.title, e.text, e.defeat, score, tier.id, tier.name,
                       tuple(verdict))
    st.over = True
    st.phase = "over"
    if st.log is not None:
        st.log.append(LogEntry(st.turn, st.month, Cause("ending", e.id, e.title), text=e.title))


def compile_steps(names: tuple[str, ...]) -> tuple[Callable[[GameState], None] | str, ...]:
    """A turn's steps as :func:`run` reads them: the function of each step
    that runs by itself, the name of each that waits for the player."""
    return tuple(STEPS.get(name, name) for name in names)
