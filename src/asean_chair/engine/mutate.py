"""The steps that change a game state: every effect and every step of the
turn changes values, cards and modifiers through these functions only.

Each takes the state first. They keep the rules of the game that hold on
every route: a value never leaves its bounds; a gain with an actor spills
over to its rivals; every change is logged with its cause; a card that may
not repeat is dealt once; a turn deals at most :data:`MAX_CARDS_PER_TURN`
cards. The effect kinds (:mod:`asean_chair.rules.effects`) are compiled
against this module as their ``ops``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .core import Cause, LogEntry

if TYPE_CHECKING:
    from ..rules.effects.base import Amounts
    from .effects import CompiledOutcome
    from .state import GameState

_MASK = (1 << 64) - 1
#: The most cards one turn may bring; beyond it a card that keeps dealing
#: cards (itself, or a loop of follow-ups) is stopped with a message.
MAX_CARDS_PER_TURN = 40


def round_half_away(x: float) -> int:
    """Round half away from zero, the same on every machine."""
    if type(x) is int:
        return x
    if x >= 0:
        return math.floor(x + 0.5)
    return -math.floor(-x + 0.5)


def rand(st: GameState) -> float:
    """The next number in [0, 1) from the state's own SplitMix64 stream."""
    z = st.rng = (st.rng + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0)


# ------------------------------------------------------------------ values
#
# Every change of a value goes through ``change`` (or, for many values at
# once with no log to keep, the fast loops of ``add_each`` and ``drift_each``,
# which do exactly what ``add`` and ``drift`` would). A change after which an
# ending may hold (``Program.ending_watch``) marks the endings to be checked
# again (``endings_due``).


def change(st: GameState, target: str, new: int, cause: Cause) -> None:
    """Set ``target`` to ``new``, clamped to its bounds, and log it."""
    p = st.p
    low, high = p.bounds[target]
    if new < low:
        new = low
    elif new > high:
        new = high
    v = st.v
    old = v[target]
    if new == old:
        return
    v[target] = new
    w = p.ending_watch.get(target)
    if w is not None and (new <= w[0] or new >= w[1]):
        st.endings_due = True
    if st.log is not None:
        st.log.append(LogEntry(int(v["turn"]), int(v["month"]), cause, target, int(old), new))


def add(st: GameState, target: str, amount: float, cause: Cause, spill: bool = True) -> None:
    """Add ``amount`` (scaled by modifiers, rounded) to ``target``, clamped;
    a gain with an actor costs each rival its share."""
    p = st.p
    if st.modifiers:
        for _, key in st.modifiers.values():
            factor = p.modifiers[key].scale.get(target)
            if factor is not None:
                amount *= factor
    delta = amount if type(amount) is int else round_half_away(amount)
    if not delta:
        return
    v = st.v
    before = v[target]
    low, high = p.bounds[target]
    new = before + delta
    if new < low:
        new = low
    elif new > high:
        new = high
    if new == before:
        return
    v[target] = new
    w = p.ending_watch.get(target)
    if w is not None and (new <= w[0] or new >= w[1]):
        st.endings_due = True
    if st.log is not None:
        st.log.append(LogEntry(int(v["turn"]), int(v["month"]), cause, target,
                               int(before), int(new)))
    if spill and new > before:
        rivals = p.rivals.get(target)
        if rivals:
            gained = new - before
            for rival, factor, spill_cause in rivals:
                loss = round_half_away(gained * factor)
                if loss:
                    change(st, rival, int(v[rival] - loss), spill_cause)


def add_each(st: GameState, amounts: Amounts, cause: Cause, spill: bool = True) -> None:
    """:func:`add` each amount to its target in order (each amount is read
    after the changes before it)."""
    v = st.v
    if st.log is not None or st.modifiers:
        for target, const, fn in amounts:
            add(st, target, const if const is not None else fn(v), cause, spill)
        return
    # No log and no modifier: ``add``'s own steps, in one loop.
    p = st.p
    bounds = p.bounds
    watched = p.ending_watch
    for target, const, fn in amounts:
        amount = const if const is not None else fn(v)
        delta = amount if type(amount) is int else round_half_away(amount)
        if not delta:
            continue
        before = v[target]
        low, high = bounds[target]
        new = before + delta
        if new < low:
            new = low
        elif new > high:
            new = high
        if new == before:
            continue
        v[target] = new
        w = watched.get(target)
        if w is not None and (new <= w[0] or new >= w[1]):
            st.endings_due = True
        if spill and new > before:
            rivals = p.rivals.get(target)
            if rivals:
                gained = new - before
                for rival, factor, spill_cause in rivals:
                    loss = gained * factor  # round_half_away, written out
                    loss = math.floor(loss + 0.5) if loss >= 0 else -math.floor(-loss + 0.5)
                    if loss:
                        change(st, rival, int(v[rival] - loss), spill_cause)


def set_value(st: GameState, target: str, value: float, cause: Cause) -> None:
    """Set ``target`` to ``value`` (a flag to 0 or 1), clamped."""
    if target.startswith("flag."):
        new = 1 if value else 0
        if st.v[target] != new:
            st.v[target] = new
            w = st.p.ending_watch.get(target)
            if w is not None and (new <= w[0] or new >= w[1]):
                st.endings_due = True
            if st.log is not None:
                st.log.append(LogEntry(st.turn, st.month, cause, target, 1 - new, new))
        return
    change(st, target, round_half_away(value), cause)


def drift(st: GameState, target: str, amount: float, cause: Cause, up: bool = True,
          down: bool = True) -> None:
    """Move ``target`` toward its baseline by at most ``amount``."""
    base = st.p.baselines[target]
    current = st.v[target]
    step = abs(round_half_away(amount))
    if current > base and down:
        change(st, target, int(max(base, current - step)), cause)
    elif current < base and up:
        change(st, target, int(min(base, current + step)), cause)


def drift_each(st: GameState, amounts: Amounts, cause: Cause, up: bool = True,
               down: bool = True) -> None:
    """:func:`drift` each target by its amount, in order."""
    v = st.v
    if st.log is not None:
        for target, const, fn in amounts:
            drift(st, target, const if const is not None else fn(v), cause, up, down)
        return
    # No log: ``drift`` and ``change``, in one loop.
    p = st.p
    baselines = p.baselines
    bounds = p.bounds
    watched = p.ending_watch
    for target, const, fn in amounts:
        step = const if const is not None else fn(v)
        if type(step) is not int:
            step = round_half_away(step)
        if step < 0:
            step = -step
        base = baselines[target]
        current = v[target]  # values and baselines are whole numbers
        if current > base and down:
            new = current - step
            if new < base:  # noqa: PLR1730 (no call to max: this loop is hot)
                new = base
        elif current < base and up:
            new = current + step
            if new > base:  # noqa: PLR1730
                new = base
        else:
            continue
        low, high = bounds[target]
        if new < low:
            new = low
        elif new > high:
            new = high
        if new != current:
            v[target] = new
            w = watched.get(target)
            if w is not None and (new <= w[0] or new >= w[1]):
                st.endings_due = True


def pay(st: GameState, cost: int, cause: Cause) -> None:
    """Take ``cost`` from the capital (never below 0)."""
    if cost:
        change(st, "capital", int(st.v["capital"] - cost), cause)


def message(st: GameState, text: str, cause: Cause) -> None:
    """A line of the log that changes no value."""
    if st.log is not None:
        st.log.append(LogEntry(st.turn, st.month, cause, text=text))


def roll(st: GameState, branches: tuple[CompiledOutcome, ...], cause: Cause) -> None:
    """Pick one chance branch by its odds and apply it."""
    r = rand(st)
    acc = 0.0
    chosen = branches[-1]
    for b in branches:
        acc += b.chance
        if r < acc:
            chosen = b
            break
    if chosen.text:
        message(st, chosen.text, cause)
    if chosen.effects is not None:
        chosen.effects(st, cause)


# ------------------------------------------------------------------- cards


def schedule(st: GameState, key: str, delay: int, cause: Cause) -> None:
    """A follow-up card or delayed effects ``delay`` turns from now."""
    st.seq += 1
    st.scheduled.append((int(st.v["turn"]) + delay, st.seq, key))
    item = st.p.schedules[key]
    if st.log is not None and item.card is not None and item.card not in st.p.left_out:
        title = st.p.cards[item.card].title
        message(st, f"This will come back: '{title}' in {st.p.clock.count(delay)}.", cause)


def deal(st: GameState, card: str, cause: Cause, front: bool = False) -> bool:
    """Put ``card`` in the queue, unless it is there already, was played and
    may not repeat, or this turn has brought too many cards; a card the preset
    leaves out is never dealt."""
    if card in st.queue or (card in st.seen and card not in st.p.repeatable) or \
            card in st.p.left_out:
        return False
    turn = st.v["turn"]
    decided = 0
    for t, _, _ in reversed(st.choices_made):
        if t != turn:
            break
        decided += 1
    if decided + len(st.queue) >= MAX_CARDS_PER_TURN:
        message(st, f"'{st.p.cards[card].title}' was not dealt: this "
                    f"{st.p.clock.unit} has brought {MAX_CARDS_PER_TURN} cards already "
                    "(do cards keep dealing each other?)", cause)
        return False
    if front:
        st.queue.insert(0, card)
    else:
        st.queue.append(card)
    return True


def draw_card(st: GameState, card: str, cause: Cause) -> None:
    """``card`` comes next."""
    deal(st, card, cause, front=True)


def draw_tagged(st: GameState, tags: frozenset[str], count: int, cause: Cause) -> None:
    """``count`` random cards having all ``tags`` come next."""
    draw_random(st, tags, count, cause, front=True)


def draw_random(st: GameState, tags: frozenset[str] | None, n: int, cause: Cause,
                front: bool = False) -> None:
    """Draw ``n`` cards by weight among those eligible now (with ``tags``, if given)."""
    v = st.v
    p = st.p
    turn = v["turn"]
    ids: list[str] = []  # the pool: each card and its weight
    weights: list[float] = []
    queue, seen, repeatable = st.queue, st.seen, p.repeatable
    for d in (p.drawable_in(int(turn)) if tags is None else p.taggable):
        card = d.id
        if card in queue or not d.first <= turn <= d.last:
            continue
        if card in seen and card not in repeatable:
            continue
        if tags is not None and not tags <= d.tags:
            continue
        if d.condition is not None and not d.condition(v):
            continue
        w = d.fixed_weight if d.fixed_weight is not None else d.weight(v)
        if w > 0:
            ids.append(d.id)
            weights.append(w)
    drawn: list[str] = []
    for _ in range(n):
        if not ids:
            break
        r = rand(st) * sum(weights)  # summed afresh, in order: the same total every time
        acc = 0.0
        pick = len(ids) - 1
        for i, w in enumerate(weights):
            acc += w
            if r < acc:
                pick = i
                break
        weights.pop(pick)
        drawn.append(ids.pop(pick))
    for card in reversed(drawn) if front else drawn:
        deal(st, card, cause, front)


# --------------------------------------------------------------- modifiers


def start_modifier(st: GameState, key: str, cause: Cause) -> None:
    """Start (or restart) a modifier."""
    m = st.p.modifiers[key]
    st.modifiers[m.id] = (m.turns, key)
    set_modifier_value(st, m.id, m.turns)
    message(st, f"{m.name} for {st.p.clock.count(m.turns)}.", cause)


def end_modifier(st: GameState, mod_id: str, cause: Cause) -> None:
    """End a modifier early, if it is in force."""
    active = st.modifiers.pop(mod_id, None)
    if active is not None:
        set_modifier_value(st, mod_id, 0)
        message(st, f"{st.p.modifiers[active[1]].name} has ended.", cause)


def set_modifier_value(st: GameState, mod_id: str, turns_left: int) -> None:
    """Keep ``mod.<id>`` (the turns a modifier has left; 0 when not in force)."""
    name = f"mod.{mod_id}"
    st.v[name] = turns_left
    w = st.p.ending_watch.get(name)
    if w is not None and (turns_left <= w[0] or turns_left >= w[1]):
        st.endings_due = True


def end(st: GameState, ending: str, cause: Cause) -> None:
    """End the game now with ``ending`` (an ending of another scenario ends as
    the last turn would)."""
    if not st.over:
        if ending not in st.p.endings_by_id:
            ending = st.p.final_ending.id
        from .turn import finish

        finish(st, ending)
