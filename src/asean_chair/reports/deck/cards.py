"""The cards of the deck: every event card and diplomacy action as a 63 x 88 mm
card, in words, with its text set at the largest size that fits.

A card whose text is long gets a smaller font (never under 7 pt), and a
card that still does not fit goes on on a second card marked "(continued)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...rules import timing
from ...rules.calendar import Clock
from ...rules.models import Action, Card, Effect, Option, Outcome, Scenario
from ...rules.ruleset import Ruleset
from ...rules.words import DASH, describe_effects, describe_expr, describe_roll, effects_of
from ...turns import turn_name
from .text import Para, Run, Style, para, para_height

CARD_W, CARD_H = 63.0, 88.0
CARD_BORDER, CARD_PAD_X, CARD_PAD_Y = 0.2, 3.0, 2.6
CARD_INNER_W = CARD_W - 2 * (CARD_BORDER + CARD_PAD_X)
CARD_INNER_H = CARD_H - 2 * (CARD_BORDER + CARD_PAD_Y)
#: Font sizes a card may use, largest first; never under 7 pt.
CARD_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
TAG_W = 10.0  # room the corner tag ("2022") takes from the first line
CARD_ROOM = CARD_INNER_H * 0.97  # what a card may fill, with a little to spare

CARD_STYLES: dict[str, Style] = {
    "pile": Style(size=1.0),
    "title": Style(size=1.2, gap=0.4, bold=True, extra=0.8),
    "text": Style(gap=0.8),
    "opt": Style(indent=3.4, hang=3.4, gap=1.2),
    "req": Style(indent=3.4, gap=0.1),
    "fx": Style(indent=3.4, hang=2.0, gap=0.1),
    "rollhead": Style(indent=3.4, hang=2.0, gap=0.1),
    "roll": Style(indent=6.0, hang=2.6, gap=0.0),
    "more": Style(gap=1.0),
}


@dataclass(frozen=True)
class CardFace:
    """One printed card: its pile label, corner tag, title and paragraphs."""

    pile: str
    tag: str
    title: str
    body: tuple[Para, ...]
    size: float = CARD_SIZES[0]
    kind: str = "event"


def _card_height(face: CardFace, size: float, more: bool = False) -> float:
    def h(p: Para, width: float = CARD_INNER_W) -> float:
        return para_height(p, CARD_STYLES, size, width)

    total = h(para("pile", face.pile), CARD_INNER_W - (TAG_W if face.tag else 0))
    total += h(para("title", face.title))
    total += sum(h(p) for p in face.body)
    if more:
        total += h(para("more", "continued on the next card"))
    return total


def _groups(body: Sequence[Para], whole_options: bool) -> list[list[Para]]:
    """Paragraphs in groups kept on one card.

    A roll stays with its faces. With ``whole_options`` an option stays
    whole; otherwise its head stays with the line (or roll) after it.
    """
    units: list[list[Para]] = []
    for p in body:
        if p.kind == "roll" and units and units[-1][0].kind == "rollhead":
            units[-1].append(p)
        else:
            units.append([p])
    groups: list[list[Para]] = []
    for unit in units:
        follows = unit[0].kind in ("req", "fx", "rollhead")
        if groups and follows and (whole_options or groups[-1][-1].kind in ("opt", "req")):
            groups[-1] += unit
        else:
            groups.append(list(unit))
    return groups


def _split_para(p: Para, room: float, size: float) -> tuple[Para, Para] | None:
    """Cut a paragraph too long for any card after the last word that fits in ``room``."""
    words = [(w, b) for t, b in p.runs for w in t.split(" ") if w]

    def part(chosen: Sequence[tuple[str, bool]]) -> Para:
        return Para(p.kind, tuple((w + " ", b) for w, b in chosen))

    low, high = 0, len(words) - 1  # the most words that fit lies in low..high
    while low < high:
        mid = (low + high + 1) // 2
        if para_height(part(words[:mid]), CARD_STYLES, size, CARD_INNER_W) <= room:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return None
    return part(words[:low]), part(words[low:])


def fit_card(face: CardFace) -> list[CardFace]:
    """The card at the largest size that fits, or split over several cards.

    A card that fits at no size is cut between paragraphs (an option stays
    with its first effect) over as few cards as the smallest size needs, at
    the largest size that needs no more; the cards after the first say
    "(continued)" in their title.
    """
    for size in CARD_SIZES:
        if _card_height(face, size) <= CARD_ROOM:
            return [replace(face, size=size)]
    splits = [_split(face, size, whole) for size in CARD_SIZES for whole in (True, False)]
    fewest = min(len(s) for s in splits)
    return next(s for s in splits if len(s) == fewest)


def _split(face: CardFace, size: float, whole_options: bool) -> list[CardFace]:
    """The card cut over as many cards as it needs at ``size``."""
    faces: list[CardFace] = []
    groups = _groups(face.body, whole_options)
    option: Para | None = None  # the head of the option being set
    while groups:
        title = face.title if not faces else f"{face.title} (continued)"
        start: list[Para] = []
        if faces and option is not None and groups[0][0].kind not in ("opt", "text"):
            label = tuple(r for r in option.runs if not r[0].startswith(" \u2014"))
            start = [Para("opt", label + ((" (continued)", False),))]
        taken = list(start)
        while groups:
            trial = replace(face, title=title, body=tuple(taken + groups[0]))
            last = len(groups) == 1
            if _card_height(trial, size, more=not last) <= CARD_ROOM:
                option = next((p for p in reversed(groups[0]) if p.kind == "opt"), option)
                taken += groups.pop(0)
                continue
            if len(taken) == len(start) and len(groups[0]) > 1:  # a group larger than a card
                finer = _groups(groups[0], False)
                groups[0:1] = finer if len(finer) > 1 else [[p] for p in groups[0]]
                continue
            if len(taken) == len(start):  # one paragraph larger than a card: cut it
                first = groups[0]
                empty = _card_height(replace(face, title=title, body=tuple(start)), size,
                                     more=True)
                cut = _split_para(first[0], CARD_ROOM - empty, size)
                if cut is None:  # a single word taller than a card: keep it whole
                    taken += groups.pop(0)
                else:
                    taken.append(cut[0])
                    groups[0] = [cut[1], *first[1:]]
            break
        body = list(taken)
        if groups:
            body.append(para("more", "continued on the next card"))
        faces.append(replace(face, title=title, body=tuple(body), size=size))
    return faces


# ------------------------------------------------------- card content


def _cost(cost: float | str, ruleset: Ruleset) -> str:
    if isinstance(cost, (int, float)):
        if not cost:
            return ""
        return f"costs {describe_expr(cost, ruleset)} capital"
    return f"costs {describe_expr(cost, ruleset)} capital"


def _effect_paras(effects: Sequence[Effect], outcomes: Sequence[Outcome],
                  ruleset: Ruleset) -> list[Para]:
    """Effect lines, with each roll set out one range a line."""
    paras: list[Para] = []

    def roll(items: Sequence[Outcome], lead: str = "") -> None:
        head, lines = describe_roll(items, ruleset)
        if lead:
            head = lead + head[:1].lower() + head[1:]
        paras.append(para("rollhead", "\u2022 ", (head, True)))
        for line in lines:
            faces, _, rest = line.partition(" ")
            paras.append(para("roll", (faces, True), " " + rest))

    def branch(lead: str, items: Sequence[Effect]) -> None:
        plain = [x for x in items if x.outcomes is None and x.log is None]
        rolls = [x.outcomes for x in items if x.outcomes is not None]
        said = "; ".join(describe_effects(plain, ruleset))
        if not rolls:
            paras.append(para("fx", f"\u2022 {lead}{said or 'nothing changes'}"))
            return
        roll(rolls[0], f"{lead}{said}; " if said else lead)
        for more in rolls[1:]:
            roll(more)

    for e in effects:
        if e.outcomes is not None:
            roll(e.outcomes)
        elif e.if_ is not None and any(x.outcomes is not None for x in (*e.then, *e.else_)):
            branch(f"If {describe_expr(e.if_, ruleset)}: ", e.then)
            if e.else_:
                branch("Otherwise: ", e.else_)
        else:
            paras += [para("fx", "\u2022 " + line) for line in describe_effects([e], ruleset)]
    if outcomes:
        roll(outcomes)
    if not paras:
        paras.append(para("fx", "\u2022 nothing changes"))
    return paras


def _option_paras(number: int, opt: Option, ruleset: Ruleset) -> list[Para]:
    cost = _cost(opt.cost, ruleset)
    head: list[str | Run] = [(f"{number}.", True), " ", (opt.label, True)]
    if cost:
        head.append(f" \u2014 {cost}")
    paras = [para("opt", *head)]
    if opt.requires is not None:
        paras.append(para("req", f"Only if {describe_expr(opt.requires, ruleset)}"))
    return paras + _effect_paras(opt.effects, opt.outcomes, ruleset)


def turns_text(window: tuple[int | str, int | str], clock: Clock) -> str:
    """A window of turns in players' words: ``March``, ``March–June``, ``Week 3–Week 5``."""
    span = timing.window(window, clock)
    if isinstance(span, str):
        return f"{window[0]}{DASH}{window[1]}"
    first, last = (turn_name(clock, t) for t in span)
    return first if first == last else f"{first}{DASH}{last}"


def _drawn_tags(ruleset: Ruleset) -> set[str]:
    """Tags that effects draw cards by: the cards print them."""
    key = ("deck", "drawn_tags")
    if key not in ruleset.cache:
        ruleset.cache[key] = frozenset(t for e in effects_of(ruleset) if e.draw is not None
                                       for t in e.draw.tags)
    tags: frozenset[str] = ruleset.cache[key]
    return set(tags)


def _pile(card: Card, ruleset: Ruleset, clock: Clock) -> str:
    w = card.when
    if w is None:
        return "Follow-up card"
    tags = [t for t in card.tags if t in _drawn_tags(ruleset)]
    if w.window is None:
        turns = sorted(timing.fixed(w, clock).turns)
        pile = ", ".join(turn_name(clock, t) for t in turns) or "Never"
    else:
        pile = f"Draw pile \u00b7 {turns_text(w.window, clock)}"
        weight = describe_expr(w.weight, ruleset)
        if weight != "1":
            pile += f" \u00b7 weight {weight}"
        if w.repeat:
            pile += " \u00b7 may come back"
    if w.if_ is not None:
        pile += f" \u00b7 only if {describe_expr(w.if_, ruleset)}"
    if tags:
        pile += " \u00b7 tagged " + ", ".join(f"'{t}'" for t in tags)
    return pile


def card_faces(card: Card, ruleset: Ruleset, year: str, clock: Clock) -> list[CardFace]:
    """The printed card(s) of an event card."""
    body = [para("text", card.text.strip())]
    for i, opt in enumerate(card.options, 1):
        body += _option_paras(i, opt, ruleset)
    tag = year if "historic" in card.tags else ""
    kind = "event" if card.when is not None else "followup"
    return fit_card(CardFace(_pile(card, ruleset, clock), tag, card.title, tuple(body),
                             kind=kind))


def _action_terms(action: Action, ruleset: Ruleset, clock: Clock) -> list[str]:
    terms = [_cost(action.cost, ruleset) or "free"]
    terms.append("once a month" if action.per_turn == 1 else
                 f"up to {action.per_turn} times a month")
    if action.cooldown:
        months = "1 month" if action.cooldown == 1 else f"{action.cooldown} months"
        terms.append(f"then rest {months}")
    if action.max_uses is not None:
        terms.append(f"at most {action.max_uses} times a game" if action.max_uses > 1
                     else "once a game")
    if action.window is not None:
        terms.append(f"only in {turns_text(action.window, clock)}")
    return terms


def action_faces(action: Action, ruleset: Ruleset, clock: Clock) -> list[CardFace]:
    """The printed card(s) of a diplomacy action."""
    terms = _action_terms(action, ruleset, clock)
    body = [para("opt", (terms[0][:1].upper() + terms[0][1:], True),
                 *(f"; {t}" for t in terms[1:]))]
    if action.text:
        body.insert(0, para("text", action.text.strip()))
    if action.requires is not None:
        body.append(para("req", f"Only if {describe_expr(action.requires, ruleset)}"))
    body += _effect_paras(action.effects, action.outcomes, ruleset)
    return fit_card(CardFace("Diplomacy action", "", action.name, tuple(body), kind="action"))


def _card_order(card: Card, clock: Clock) -> tuple[int, int]:
    w = card.when
    if w is None:
        return (2, 0)
    if w.window is None:
        return (0, min(timing.fixed(w, clock).turns, default=0))
    span = timing.window(w.window, clock)
    return (1, span[0] if isinstance(span, tuple) else 0)


def all_faces(ruleset: Ruleset, scenario: Scenario) -> list[CardFace]:
    """Every card of the pack, sorted into piles, then every action."""
    when = scenario.clock.year_of(1)
    year = str(when) if when is not None else "history"
    clock = scenario.clock
    cards = sorted(ruleset.cards.values(), key=lambda c: _card_order(c, clock))
    faces = [f for c in cards for f in card_faces(c, ruleset, year, clock)]
    faces += [f for a in ruleset.actions.values() for f in action_faces(a, ruleset, clock)]
    return faces
