"""What really happened and what is made up: the check and the one answer.

A pack that teaches history must let players tell a real event from a
what-if on every surface. The rules (also in the field descriptions of
:class:`~asean_chair.rules.models.Card` and ``Outcome``):

- A card with ``history`` is **real**: it also needs ``source`` and
  ``discuss``. A card with ``invented: true`` is **invented**. A card may
  not be both.
- A follow-up card (no ``when``) that only invented cards or invented
  branches bring into play is invented too, unless it gives ``history``
  and ``source``. Any other card must say which it is.
- On a real card, every chance branch of its ``historical_option`` says
  whether it really happened (``history``) or not (``invented: true``).
  Branches of the other options, of invented cards, of actions and of
  rules are what-ifs unless they carry ``history`` (with a source).
- The check applies only when the loaded packs use ``history`` or
  ``invented`` somewhere, so a pure fiction pack is left alone.

Front ends ask :func:`reality` and show the answer with the words of
``assets/locale/<lang>.yaml`` under ``reality.``, so every surface says it
the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from .models import Action, Card, Effect, Model, Option, Outcome, Rule
from .source import Mark, Problem

#: The two answers: it really happened, or it is made up for the game.
Reality = Literal["real", "invented"]

#: The tags that, by convention, say the same as ``history``/``invented``.
REAL_TAG, INVENTED_TAG = "historic", "fictional"


# --------------------------------------------------------------- walking


def _outcome_lists(effects: Iterable[Effect],
                   invented: bool = False) -> Iterator[tuple[Outcome, bool]]:
    """Every chance branch nested in ``effects``, with whether it lies inside an invented one."""
    for e in effects:
        if e.if_ is not None:
            yield from _outcome_lists(e.then, invented)
            yield from _outcome_lists(e.else_, invented)
        if e.outcomes is not None:
            for o in e.outcomes:
                yield o, invented
                yield from _outcome_lists(o.effects, invented or o.invented)
        if e.schedule is not None:
            yield from _outcome_lists(e.schedule.effects, invented)
        if e.modifier is not None:
            yield from _outcome_lists(e.modifier.each_turn, invented)


def option_outcomes(option: Option) -> Iterator[Outcome]:
    """Every chance branch of an option: its own ``outcomes`` and those nested in effects."""
    for o, _ in _option_branches(option):
        yield o


def _option_branches(option: Option) -> Iterator[tuple[Outcome, bool]]:
    yield from _outcome_lists(option.effects)
    for o in option.outcomes:
        yield o, False
        yield from _outcome_lists(o.effects, o.invented)


def _called(effects: Iterable[Effect], invented: bool,
            cards: Mapping[str, Card]) -> Iterator[tuple[str, bool]]:
    """(card id, brought in from an invented branch?) for every follow-up ``effects`` bring in."""
    for e in effects:
        if e.schedule is not None:
            if e.schedule.card:
                yield e.schedule.card, invented
            yield from _called(e.schedule.effects, invented, cards)
        if e.draw is not None:
            if e.draw.card:
                yield e.draw.card, invented
            elif e.draw.tags:
                wanted = set(e.draw.tags)
                for c in cards.values():
                    if wanted <= set(c.tags):
                        yield c.id, invented
        if e.if_ is not None:
            yield from _called(e.then, invented, cards)
            yield from _called(e.else_, invented, cards)
        if e.outcomes is not None:
            for o in e.outcomes:
                yield from _called(o.effects, invented or o.invented, cards)
        if e.modifier is not None:
            yield from _called(e.modifier.each_turn, invented, cards)


def _callers(cards: Mapping[str, Card], actions: Iterable[Action],
             rules: Iterable[Rule]) -> dict[str, list[tuple[str | None, bool]]]:
    """For each card: who brings it into play (a card id, or None for an action or rule)."""
    out: dict[str, list[tuple[str | None, bool]]] = {}
    for card in cards.values():
        for opt in card.options:
            for called, inv in _called(opt.effects, False, cards):
                out.setdefault(called, []).append((card.id, inv))
            for o in opt.outcomes:
                for called, inv in _called(o.effects, o.invented, cards):
                    out.setdefault(called, []).append((card.id, inv))
    lists: list[list[Effect]] = []
    for action in actions:
        lists.append(action.effects)
        lists.extend(o.effects for o in action.outcomes)
    lists.extend(rule.effects for rule in rules)
    for effects in lists:
        for called, inv in _called(effects, False, cards):
            out.setdefault(called, []).append((None, inv))
    return out


# ---------------------------------------------------------------- status


def uses_history(cards: Iterable[Card]) -> bool:
    """Whether the packs tell history from invention at all (any ``history`` or ``invented``)."""
    for card in cards:
        if card.history or card.invented:
            return True
        for opt in card.options:
            if any(o.history or o.invented for o in option_outcomes(opt)):
                return True
    return False


def card_realities(cards: Mapping[str, Card], actions: Iterable[Action] = (),
                   rules: Iterable[Rule] = ()) -> dict[str, Reality | None]:
    """Each card's status; ``None`` for a card that does not say (an error when checked)."""
    status: dict[str, Reality | None] = {}
    for card in cards.values():
        if card.invented:
            status[card.id] = "invented"
        elif card.history:
            status[card.id] = "real"
        else:
            status[card.id] = None
    callers = _callers(cards, list(actions), list(rules))
    # A follow-up inherits "invented" when every way into play is invented;
    # repeat until nothing changes, for chains of follow-ups.
    changed = True
    while changed:
        changed = False
        for card in cards.values():
            if status[card.id] is not None or card.when is not None:
                continue
            ways = callers.get(card.id, [])
            if ways and all(inv or (who is not None and status.get(who) == "invented")
                            for who, inv in ways):
                status[card.id] = "invented"
                changed = True
    return status


def _realities(rs: Any) -> dict[str, Reality | None] | None:
    key = ("history", "realities")
    cache = getattr(rs, "cache", None)
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[no-any-return]
    cards: Mapping[str, Card] = rs.cards
    found = (card_realities(cards, rs.actions.values(), rs.rules.values())
             if uses_history(cards.values()) else None)
    if cache is not None:
        cache[key] = found
    return found


def reality(rs: Any, card: str | Card | None = None, option: str | None = None,
            outcome: Outcome | str | None = None) -> Reality | None:
    """Whether a card, a choice or a chance branch really happened, for every surface alike.

    - ``reality(rs, card)``: is the event real or invented?
    - ``reality(rs, card, option)``: is this the choice that was really made
      (the ``historical_option`` of a real card)? Other choices are what-ifs.
    - ``reality(rs, card, option, outcome)``: did this branch really happen?
      ``outcome`` is the ``Outcome`` or its text as the log shows it.
    - ``reality(rs, outcome=branch)``: a branch of an action or rule.

    ``None`` when the packs do not tell history from invention (a pure
    fiction pack): show no label then. ``rs`` is a loaded ``Ruleset``.
    """
    found = _realities(rs)
    if found is None:
        return None
    if card is None:
        if not isinstance(outcome, Outcome):
            raise ValueError("give a card, or an Outcome of an action or rule")
        return "real" if outcome.history else "invented"
    model = card if isinstance(card, Card) else rs.cards[card]
    status = found.get(model.id) or "invented"
    if option is None:
        return status
    opt = next((o for o in model.options if o.id == option), None)
    if opt is None:
        raise KeyError(f"card '{model.id}' has no option '{option}'")
    if outcome is None:
        return "real" if status == "real" and model.historical_option == option else "invented"
    branch = outcome if isinstance(outcome, Outcome) else next(
        (o for o in option_outcomes(opt) if o.text.strip() == outcome.strip()), None)
    if branch is None:
        raise KeyError(f"card '{model.id}' option '{option}' has no branch {outcome!r}")
    return "real" if branch.history and not branch.invented else "invented"


# ----------------------------------------------------------------- check


def _where(item: Model, field: str | None = None) -> Mark | None:
    return item.where(field) if field is not None else item.where()


def check_history(items: Mapping[str, Mapping[str, Model]]) -> list[Problem]:
    """Every card and branch is real (with its source) or marked invented; see the module doc."""
    cards: dict[str, Card] = {k: v for k, v in items.get("cards", {}).items()
                              if isinstance(v, Card)}
    if not uses_history(cards.values()):
        return []
    actions = [a for a in items.get("actions", {}).values() if isinstance(a, Action)]
    rules = [r for r in items.get("rules", {}).values() if isinstance(r, Rule)]
    status = card_realities(cards, actions, rules)
    problems: list[Problem] = []

    def error(where: Mark | None, message: str) -> None:
        problems.append(Problem(where, message))

    for card in cards.values():
        ctx = f"card '{card.id}': "
        if card.invented and card.history:
            error(_where(card, "invented"), f"{ctx}a card is real (`history`) or invented "
                                            "(`invented: true`), not both; to show the real "
                                            "background of a what-if, use `discuss`")
        elif card.invented and card.historical_option is not None:
            error(_where(card, "historical_option"), f"{ctx}an invented card has no "
                                                     "`historical_option`: nothing on it really "
                                                     "happened")
        if card.history:
            if not card.source.strip():
                error(_where(card, "history"), f"{ctx}it tells what really happened "
                                               "(`history`) but gives no `source`; add a link "
                                               "that supports it, or mark the card "
                                               "`invented: true` and drop `history`")
            if not card.discuss.strip():
                error(_where(card, "history"), f"{ctx}a real card needs a question for the "
                                               "class (`discuss`)")
        if status[card.id] is None:
            hint = (" (the tag `fictional` alone does not mark it)"
                    if INVENTED_TAG in card.tags else "")
            follow = (" A follow-up is invented on its own only when invented cards or "
                      "branches alone bring it in." if card.when is None else "")
            error(_where(card), f"{ctx}neither real nor invented: give it `history`, "
                                f"`source` and `discuss` (what really happened), or mark it "
                                f"`invented: true`{hint}.{follow}")
        elif status[card.id] == "real" and INVENTED_TAG in card.tags:
            error(_where(card, "tags"), f"{ctx}tagged `{INVENTED_TAG}` but real (it has "
                                        "`history`); drop the tag or the history")
        elif status[card.id] == "invented" and REAL_TAG in card.tags:
            error(_where(card, "tags"), f"{ctx}tagged `{REAL_TAG}` but invented; drop the tag "
                                        "or give it `history` and `source`")
        for extra in card.see_also:
            if not extra.strip():
                error(_where(card, "see_also"), f"{ctx}an empty entry in `see_also`")
        real_card = status[card.id] == "real"
        for opt in card.options:
            octx = f"{ctx}option '{opt.id}': "
            taken = real_card and card.historical_option == opt.id
            for o, _inside_invented in _option_branches(opt):
                problems.extend(_branch(o, octx, taken, real_card and bool(card.source.strip())))
    owners: list[tuple[str, list[tuple[Outcome, bool]]]] = []
    for action in actions:
        branches = list(_outcome_lists(action.effects))
        for o in action.outcomes:
            branches.append((o, False))
            branches.extend(_outcome_lists(o.effects, o.invented))
        owners.append((f"action '{action.id}': ", branches))
    owners.extend((f"rule '{rule.id}': ", list(_outcome_lists(rule.effects))) for rule in rules)
    for context, found in owners:
        for o, _ in found:
            problems.extend(_branch(o, context, False, False))
    return problems


def _branch(o: Outcome, ctx: str, taken: bool, card_sourced: bool) -> list[Problem]:
    """Problems of one chance branch; ``taken``: it belongs to the really chosen option."""
    text = o.text.strip() or f"the {round(100 * o.chance)}% branch"
    short = text if len(text) <= 60 else text[:57] + "..."
    name = f"{ctx}branch \"{short}\": "
    if o.invented and o.history:
        return [Problem(o.where("invented"), f"{name}a branch is real (`history`) or invented "
                                             "(`invented: true`), not both")]
    if o.history and not (o.source.strip() or card_sourced):
        return [Problem(o.where("history"), f"{name}it says what really happened (`history`) "
                                            "but neither it nor its card gives a `source`")]
    if taken and not (o.history or o.invented):
        return [Problem(o.where(), f"{name}this is the choice that was really made, so say "
                                   "whether this branch really happened (`history: ...`) or "
                                   "is made up (`invented: true`)")]
    return []


__all__ = ["INVENTED_TAG", "REAL_TAG", "Reality", "card_realities", "check_history",
           "option_outcomes", "reality", "uses_history"]
