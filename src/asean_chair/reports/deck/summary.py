"""The rules summary of the deck: how a turn goes, how to lose, the score,
how to read the cards, and the glossary, generated from the scenario.

It fills one A4 page in two columns when it can (the type shrinks to 7 pt
at least); the glossary goes with it, or on a page of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...html import Markup, render
from ...rules import timing
from ...rules.calendar import Clock
from ...rules.models import Ending, Preset, Rule, Scenario
from ...rules.ruleset import Ruleset
from ...rules.words import (
    describe_effects,
    describe_expr,
    describe_roll,
    die_ranges,
    effects_of,
    expr_terms,
)
from ...turns import turn_name, turn_short
from .board import tiers_text
from .cards import turns_text
from .text import Para, Style, para, para_height

RULES_W = 190.0
RULES_GAP = 6.0
RULES_COL_W = (RULES_W - RULES_GAP) / 2
RULES_H = 265.0  # the page, less its heading
RULES_SIZES = (8.5, 8.0, 7.5, 7.0)

RULES_STYLES: dict[str, Style] = {
    "h": Style(size=1.2, gap=2.2, bold=True, extra=0.2),
    "p": Style(gap=0.8),
    "step": Style(indent=4.0, hang=4.0, gap=0.9),
    "sub": Style(indent=7.0, hang=2.4, gap=0.3),
    "face": Style(indent=12.0, hang=3.0, gap=0.1),
    "li": Style(indent=3.0, hang=3.0, gap=0.4),
    "g": Style(gap=0.6),
}


def _sentence(text: str) -> str:
    """``text`` ending with a full stop (unless it ends a sentence already)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", ".\u201d", "\u201d.")) else text + "."


def _rule_paras(rule: Rule, ruleset: Ruleset, clock: Clock) -> list[Para]:
    """A standing rule: its name, when it applies and what it does; a roll a face a line."""
    when = []
    if rule.window is not None:
        when.append(f"in {turns_text(rule.window, clock)}")
    if rule.if_ is not None:
        when.append(f"if {describe_expr(rule.if_, ruleset)}")
    name = rule.name or rule.id.replace("_", " ")
    head = f"{name} ({'; '.join(when)})" if when else name
    plain = [e for e in rule.effects if e.outcomes is None]
    rolls = [e.outcomes for e in rule.effects if e.outcomes is not None]
    does = "; ".join(describe_effects(plain, ruleset))
    paras = [para("sub", "\u2022 ", (head + ":", True), f" {_sentence(does)}" if does else "")]
    for outcomes in rolls:
        roll, lines = describe_roll(outcomes, ruleset)
        paras[0] = Para("sub", paras[0].runs + ((" " + roll, False),))
        for line in lines:
            faces, _, rest = line.partition(" ")
            paras.append(para("face", (faces, True), " " + rest))
    return paras


NO_DRAWS = "no cards are drawn"


def _played(scenario: Scenario, preset: Preset | None) -> list[int]:
    """The turns of the calendar the game plays (a preset may play a stretch)."""
    span = timing.preset_span(scenario, preset)
    first, last = span if isinstance(span, tuple) else (1, scenario.clock.turns)
    return list(range(first, last + 1))


def _draws_words(scenario: Scenario, ruleset: Ruleset, played: list[int]) -> str:
    """How many cards are drawn each turn, per turn when it depends only on the date."""
    clock = scenario.clock
    try:
        expr = scenario.compiled("draws")
    except KeyError:
        expr = None
    if expr is not None and set(expr.names) <= {"month", "turn", "turns_left"}:
        counts: dict[int, list[str]] = {}
        for turn in played:
            n = int(expr({"month": clock.month(turn), "turn": turn,
                          "turns_left": played[-1] - turn}))
            counts.setdefault(max(0, n), []).append(turn_short(clock, turn))
        if len(counts) == 1:
            n = next(iter(counts))
            return f"draw {_cards(n)} from the draw pile" if n else NO_DRAWS
        parts = [f"{_cards(n)} in {', '.join(ms)}" for n, ms in sorted(counts.items()) if n]
        return f"draw {'; '.join(parts)} (none in other months) from the draw pile"
    return f"draw {describe_expr(scenario.draws, ruleset)} card(s) from the draw pile"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _cards(n: int) -> str:
    return _plural(n, "card")


def _ending_para(ending: Ending, ruleset: Ruleset) -> Para:
    if ending.if_ is not None:
        return para("li", "\u2022 ", (ending.title + ":", True),
                    f" {describe_expr(ending.if_, ruleset)}")
    return para("li", "\u2022 ", (ending.title + ":", True), " when a card says the game ends")


def _dice(ruleset: Ruleset) -> str:
    """Which dice the pack's chances need, in a sentence."""
    lists = [e.outcomes for e in effects_of(ruleset) if e.outcomes]
    lists += [o.outcomes for c in ruleset.cards.values() for o in c.options if o.outcomes]
    lists += [a.outcomes for a in ruleset.actions.values() if a.outcomes]
    sides = {die_ranges([o.chance for o in outcomes])[0] for outcomes in lists}
    dice = []
    if 6 in sides:
        dice.append("a six-sided die (d6)")
    if 100 in sides:
        dice.append("two ten-sided dice (d10); for a d100 roll both, tens then units "
                    "(0 and 0 make 100)")
    elif 10 in sides:
        dice.append("a ten-sided die (d10)")
    return f"You need {' and '.join(dice)}." if dice else "No dice are needed."


def _setup_paras(ruleset: Ruleset, scenario: Scenario) -> list[Para]:
    cap = scenario.capital
    return [
        para("h", "Setting up"),
        para("p", "Put a clip on the start box of every row of the board (the thick box) and "
                  f"take {cap.start} {cap.name.lower()}. Sort the cards into piles: the month "
                  "cards by month, the draw pile, the follow-up cards, and the diplomacy "
                  f"actions, face up. {_dice(ruleset)}"),
    ]


def _month_paras(ruleset: Ruleset, scenario: Scenario, preset: Preset | None) -> list[Para]:
    """How a turn goes, step by step, with the standing rules in words."""
    cap = scenario.capital
    clock = scenario.clock
    played = _played(scenario, preset)
    first, last = turn_name(clock, played[0]), turn_name(clock, played[-1])

    def plays(rule: Rule) -> bool:
        if rule.window is None:
            return True
        span = timing.window(rule.window, clock)
        return isinstance(span, tuple) and any(span[0] <= t <= span[1] for t in played)

    # Rules whose turns are never played (a shorter preset) are left out.
    rules = [r for r in ruleset.rules.values() if plays(r)]
    start_rules = [p for r in rules if r.phase == "start" for p in _rule_paras(r, ruleset, clock)]
    upkeep_rules = [p for r in rules if r.phase == "upkeep"
                    for p in _rule_paras(r, ruleset, clock)]
    draws = _draws_words(scenario, ruleset, played)
    if draws != NO_DRAWS:
        draws += (". Shuffle the cards whose months include this month and that were not "
                  "played yet; a card of weight 2 counts twice")
    steps: list[tuple[str, list[Para]]] = [
        ((f"Income: {cap.name} +{describe_expr(cap.income, ruleset)} (never more than "
          f"{cap.max})."), []),
        ("Start rules:", start_rules),
        (("Follow-ups: do what the calendar says for this month, and add the follow-up cards "
          "it names to this month's cards."), []),
        (("The month's cards: take the cards marked with this month (skip one whose "
          "\u201conly if\u201d does not hold)."), []),
        (f"Draw: {draws}.", []),
        (("Decide each card in turn: choose one option you can pay for and whose "
          "\u201conly if\u201d holds, pay its cost, do its lines in order, then roll for its "
          "chances. Write anything \u201cin N months\u201d on the calendar."), []),
        ((f"Diplomacy: take up to {_plural(scenario.actions_per_turn, 'action')}, paying "
          "their cost; respect each card's limits (once a month, rest, uses)."), []),
        (("Upkeep: lasting effects act and count down a month; then the standing rules, in "
          "this order:"), upkeep_rules),
    ]
    out = [para("h", f"Each {clock.unit} ({clock.count(len(played))}, {first} to {last})")]
    number = 0
    for text, subs in steps:
        if text == "Start rules:" and not subs:
            continue
        number += 1
        out.append(para("step", (f"{number}.", True), " " + text))
        out += subs
    out.append(para("p", "After every decision and every upkeep, check how to lose. After "
                         f"{last}, add up the score."))
    return out


def _end_paras(ruleset: Ruleset, scenario: Scenario) -> list[Para]:
    """How to lose, the score and the tiers."""
    out: list[Para] = []
    defeats = [e for e in scenario.endings if e.defeat]
    if defeats:
        out.append(para("h", "How to lose"))
        out += [_ending_para(e, ruleset) for e in defeats]
    out.append(para("h", "The score"))
    out.append(para("p", "Add up, at the end of the game (the record sheet has a worksheet):"))
    out += [para("li", "\u2022 " + t) for t in expr_terms(scenario.score, ruleset)]
    out.append(para("p", ("Then: ", True), tiers_text(scenario) + "."))
    return out


def _reading_paras(scenario: Scenario) -> list[Para]:
    cap = scenario.capital
    return [
        para("h", "Reading the cards"),
        para("li", "\u2022 ", ("Rivalry:", True), " when a relation goes up, its rivals lose a "
                   "share of the gain (the board lists the shares). The cards count it in: "
                   "\u201c\u22124 (rivalry \u22122)\u201d means 2 of the 4 are rivalry. Losses "
                   "never spill over."),
        para("li", "\u2022 ", ("Marker:", True), " a fact the game remembers; tick it on the "
                   "record sheet. In a sum, \u201c+10 if marker ... set\u201d counts 10 only "
                   "when it is ticked."),
        para("li", "\u2022 ", ("Limits:", True), " every value stays between its lowest and "
                   f"highest box; {cap.name.lower()} never goes above {cap.max}."),
    ]


def rules_paras(ruleset: Ruleset, scenario: Scenario,
                preset: Preset | None = None) -> tuple[list[Para], list[Para]]:
    """The rules summary and the glossary, as paragraphs."""
    out: list[Para] = []
    if preset is not None:
        note = f" {preset.description.strip()}" if preset.description else ""
        out.append(para("p", (f"{preset.name}.", True), note))
    if scenario.briefing:
        out.append(para("p", scenario.briefing.strip()))
    out += _setup_paras(ruleset, scenario)
    out += _month_paras(ruleset, scenario, preset)
    out += _end_paras(ruleset, scenario)
    out += _reading_paras(scenario)
    glossary = [para("g", (g.term + ":", True), " " + g.text.strip())
                for g in ruleset.glossary.values()]
    return out, glossary


def _column_height(paras: Iterable[Para], size: float) -> float:
    return sum(para_height(p, RULES_STYLES, size, RULES_COL_W) for p in paras)


def rules_pages(ruleset: Ruleset, scenario: Scenario,
                preset: Preset | None = None) -> list[Markup]:
    """The rules summary (one page when it fits), the glossary with it or after it."""
    rules, glossary = rules_paras(ruleset, scenario, preset)
    gloss = ([para("h", "Glossary")] if glossary else []) + glossary
    room = 2 * RULES_H * 0.94  # two columns, less what balancing them wastes
    together = next((s for s in RULES_SIZES if _column_height(rules + gloss, s) <= room), None)
    size = together or next((s for s in RULES_SIZES if _column_height(rules, s) <= room),
                            RULES_SIZES[-1])
    title = f"{scenario.name}: how to play"

    def page(paras: list[Para], heading: str | None) -> Markup:
        return Markup(render("deck/rules.html", size=f"s{int(size * 10)}", title=heading,
                             paras=paras))

    if together:
        return [page(rules + gloss, title)]
    return [page(rules, title)] + ([page(gloss, None)] if glossary else [])
