"""The rules summary of the deck: how a turn goes, how to lose, the score,
how to read the cards (rivalry, rounding, copies, real or made up), and the
glossary, generated from the scenario in the words of ``assets/locale``.

It fills one A4 page in two columns when it can (the type shrinks to 7 pt
at least); the glossary goes with it, or on a page of its own. Standing
rules and defeats that read a hidden track are left to the game master's
sheet.
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
from ...turns import turn_short
from ..frame import Frame
from .board import tiers_text
from .cards import dealt_cards, draws_possible, played_turns, turns_text
from .hidden import STAR, Veil
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
    return text if text.endswith((".", "!", "?", ".\u201d", "\u201d.", "\u17d4")) else text + "."


def _rule_paras(rule: Rule, ruleset: Ruleset, clock: Clock, language: str) -> list[Para]:
    """A standing rule: its name, when it applies and what it does; a roll a face a line."""
    when = []
    if rule.window is not None:
        when.append(turns_text(rule.window, clock, language))
    if rule.if_ is not None:
        when.append(describe_expr(rule.if_, ruleset, language=language))
    name = rule.name or rule.id.replace("_", " ")
    head = f"{name} ({'; '.join(when)})" if when else name
    plain = [e for e in rule.effects if e.outcomes is None]
    rolls = [e.outcomes for e in rule.effects if e.outcomes is not None]
    does = "; ".join(describe_effects(plain, ruleset, language=language))
    paras = [para("sub", "\u2022 ", (head + ":", True), f" {_sentence(does)}" if does else "")]
    for outcomes in rolls:
        roll, lines = describe_roll(outcomes, ruleset, language=language)
        paras[0] = Para("sub", (*paras[0].runs, (" " + roll, False)))
        for line in lines:
            faces, _, rest = line.partition(" ")
            paras.append(para("face", (faces, True), " " + rest))
    return paras


def secret_rule(rule: Rule, veil: Veil) -> Rule | None:
    """The part of a standing rule only the game master applies (``None``: none)."""
    if rule.if_ is not None and veil.reads_hidden(rule.if_):
        return rule
    part = veil.split(rule.effects)
    return rule.model_copy(update={"effects": list(part.secret)}) if part.secret else None


def shown_rule(rule: Rule, veil: Veil) -> Rule | None:
    """The part of a standing rule players apply (``None``: none)."""
    if rule.if_ is not None and veil.reads_hidden(rule.if_):
        return None
    part = veil.split(rule.effects)
    return rule.model_copy(update={"effects": list(part.shown)}) if part.shown else None


def rules_played(ruleset: Ruleset, scenario: Scenario, preset: Preset | None) -> list[Rule]:
    """The standing rules that act in the turns played (a shorter lesson skips some)."""
    clock = scenario.clock
    played = played_turns(scenario, preset)

    def plays(rule: Rule) -> bool:
        if rule.window is None:
            return True
        span = timing.window(rule.window, clock)
        return isinstance(span, tuple) and any(span[0] <= t <= span[1] for t in played)

    return [r for r in ruleset.rules.values() if plays(r)]


def _dice(ruleset: Ruleset, frame: Frame) -> str:
    """Which dice the pack's chances need, in a sentence."""
    t = frame.t
    lists = [e.outcomes for e in effects_of(ruleset) if e.outcomes]
    lists += [o.outcomes for c in ruleset.cards.values() for o in c.options if o.outcomes]
    lists += [a.outcomes for a in ruleset.actions.values() if a.outcomes]
    sides = {die_ranges([o.chance for o in outcomes])[0] for outcomes in lists}
    dice = []
    if 6 in sides:
        dice.append(t("deck.rules.d6"))
    if 100 in sides:
        dice.append(t("deck.rules.d100"))
    elif 10 in sides:
        dice.append(t("deck.rules.d10"))
    return t("deck.rules.dice", dice=t("deck.rules.and").join(dice)) if dice \
        else t("deck.rules.dice_none")


def _draws_words(scenario: Scenario, ruleset: Ruleset, played: list[int], frame: Frame) -> str:
    """How many cards are drawn each turn, per turn when it depends only on the date."""
    clock = scenario.clock
    t, tn = frame.t, frame.tn
    if not draws_possible(scenario, played):
        return t("deck.rules.draw_none")
    try:
        expr = scenario.compiled("draws")
    except KeyError:
        expr = None
    if expr is not None and set(expr.names) <= {"month", "turn", "turns_left"}:
        counts: dict[int, list[str]] = {}
        for turn in played:
            n = int(expr({"month": clock.month(turn), "turn": turn,
                          "turns_left": played[-1] - turn}))
            counts.setdefault(max(0, n), []).append(turn_short(clock, turn, frame.language))
        if len(counts) == 1:
            n = next(iter(counts))
            return t("deck.rules.draw_n", cards=tn("deck.rules.cards", n)) if n \
                else t("deck.rules.draw_none")
        parts = [t("deck.rules.in_turns", cards=tn("deck.rules.cards", n), turns=", ".join(ms))
                 for n, ms in sorted(counts.items()) if n]
        return t("deck.rules.draw_by_turn", parts="; ".join(parts), units=clock.units)
    return t("deck.rules.draw_expr",
             expr=describe_expr(scenario.draws, ruleset, language=frame.language))


def _turn_paras(ruleset: Ruleset, scenario: Scenario, preset: Preset | None,
                frame: Frame, veil: Veil) -> list[Para]:
    """How a turn goes, step by step, with the standing rules in words."""
    t = frame.t
    cap = scenario.capital
    clock = scenario.clock
    words = scenario.words
    played = played_turns(scenario, preset)
    first, last = frame.turn(played[0]), frame.turn(played[-1])
    rules = [r for r in (shown_rule(r, veil) for r in rules_played(ruleset, scenario, preset))
             if r is not None]
    start_rules = [p for r in rules if r.phase == "start"
                   for p in _rule_paras(r, ruleset, clock, frame.language)]
    upkeep_rules = [p for r in rules if r.phase == "upkeep"
                    for p in _rule_paras(r, ruleset, clock, frame.language)]
    draws = _draws_words(scenario, ruleset, played, frame)
    if draws != t("deck.rules.draw_none"):
        draws += ". " + t("deck.rules.draw_how", unit=clock.unit, units=clock.units)
    unit = clock.unit
    steps: list[tuple[str, list[Para]]] = [
        (t("deck.rules.income", capital=cap.name,
           income=describe_expr(cap.income, ruleset, language=frame.language),
           max=cap.max), []),
        ("start", start_rules),
        (t("deck.rules.followups", unit=unit), []),
        (t("deck.rules.fixed", unit=unit), []),
        (t("deck.rules.draw", draws=draws), []),
        (t("deck.rules.decide", units=clock.units), []),
        (t("deck.rules.diplomacy", actions=words.actions, n=scenario.actions_per_turn,
           unit=unit), []),
        (t("deck.rules.upkeep", unit=unit), upkeep_rules),
    ]
    out = [para("h", t("deck.rules.each_turn", unit=unit,
                       count=frame.turns(len(played)), first=first, last=last))]
    number = 0
    for text, subs in steps:
        if text == "start":
            if not subs:
                continue
            text = t("deck.rules.start_rules")
        number += 1
        out.append(para("step", (f"{number}.", True), " " + text))
        out += subs
    out.append(para("p", t("deck.rules.check", last=last)))
    return out


def _ending_para(ending: Ending, ruleset: Ruleset, frame: Frame) -> Para:
    if ending.if_ is not None:
        return para("li", "\u2022 ", (ending.title + ":", True),
                    f" {describe_expr(ending.if_, ruleset, language=frame.language)}")
    return para("li", "\u2022 ", (ending.title + ":", True),
                " " + frame.t("deck.rules.ending_card"))


def _end_paras(ruleset: Ruleset, scenario: Scenario, frame: Frame, veil: Veil) -> list[Para]:
    """How to lose, the score and the tiers."""
    t = frame.t
    out: list[Para] = []
    defeats = [e for e in scenario.endings if e.defeat and not veil.reads_hidden(e.if_)]
    if defeats:
        out.append(para("h", t("deck.rules.lose_head")))
        out += [_ending_para(e, ruleset, frame) for e in defeats]
        if any(e.defeat and veil.reads_hidden(e.if_) for e in scenario.endings):
            out.append(para("li", "\u2022 ", t("deck.rules.lose_hidden", star=STAR)))
    out.append(para("h", t("deck.rules.score_head")))
    out.append(para("p", t("deck.rules.score_intro")))
    terms = expr_terms(scenario.score, ruleset, frame.language)
    hidden = [x for x in terms if any(ruleset.tracks[h].name in x for h in veil.hidden)]
    out += [para("li", "\u2022 " + x) for x in terms if x not in hidden]
    if hidden:
        out.append(para("li", "\u2022 " + t("deck.rules.score_hidden", star=STAR)))
    out.append(para("p", (t("deck.rules.then") + " ", True), tiers_text(scenario, frame) + "."))
    return out


def _reading_paras(ruleset: Ruleset, scenario: Scenario, preset: Preset | None,
                   frame: Frame, veil: Veil) -> list[Para]:
    t = frame.t
    cap = scenario.capital
    words = scenario.words

    def item(label: str, text: str) -> Para:
        return para("li", "\u2022 ", (t(label), True), " " + text)

    out = [para("h", t("deck.rules.reading_head"))]
    if ruleset.actors and any(a.rivals for a in ruleset.actors.values()):
        out.append(item("deck.rules.rivalry", t("deck.rules.rivalry_text",
                                                 actions=words.actions.lower())))
    out.append(item("deck.rules.rounding", t("deck.rules.rounding_text")))
    if ruleset.flags:
        out.append(item("deck.rules.marker", t("deck.rules.marker_text")))
    out.append(item("deck.rules.limits", t("deck.rules.limits_text", capital=cap.name,
                                           max=cap.max)))
    whens = [ruleset.cards[c].when for c in dealt_cards(ruleset, scenario, preset)]
    if any(w is not None and w.window is not None and w.weight != 1 for w in whens):
        out.append(item("deck.rules.copies", t("deck.rules.copies_text")))
    if frame.has_history:
        year = scenario.clock.year_of(1)
        out.append(item("deck.rules.real", t("deck.rules.real_text") if year is None
                        else t("deck.rules.real_year_text", year=year)))
    if veil:
        out.append(item("deck.rules.hidden", t("deck.rules.hidden_text", star=STAR)))
    return out


def _briefing_paras(scenario: Scenario, preset: Preset | None, frame: Frame) -> list[Para]:
    """The lesson's own briefing: its name, where it starts, then the situation."""
    t = frame.t
    out: list[Para] = []
    played = played_turns(scenario, preset)
    if preset is not None:
        note = f" {preset.description.strip()}" if preset.description else ""
        out.append(para("p", (f"{preset.name}.", True), note))
        out.append(para("p", t("deck.rules.lesson_span", first=frame.turn(played[0], year=True),
                               last=frame.turn(played[-1], year=True),
                               count=frame.turns(len(played)))))
    own = preset.briefing if preset is not None else ""
    if own:
        out.append(para("p", str(own).strip()))
    elif scenario.briefing:
        if played[0] > 1:
            # The scenario's briefing tells how the game begins; a lesson that
            # starts later says so, so nobody reads "It is January" in May.
            out.append(para("p", (t("deck.rules.background",
                                    first=frame.turn(1, year=True)) + " ", True),
                            scenario.briefing.strip()))
        else:
            out.append(para("p", scenario.briefing.strip()))
    return out


def rules_paras(ruleset: Ruleset, scenario: Scenario, preset: Preset | None = None,
                frame: Frame | None = None) -> tuple[list[Para], list[Para]]:
    """The rules summary and the glossary, as paragraphs."""
    frame = frame or Frame(ruleset, scenario)
    veil = Veil(ruleset)
    t = frame.t
    out = _briefing_paras(scenario, preset, frame)
    out.append(para("h", t("deck.rules.setup_head")))
    clock = scenario.clock
    cap = scenario.capital
    unit = clock.unit
    out.append(para("p", t("deck.rules.setup", start=cap.start,
                           currency=frame.currency(cap.start), unit=unit,
                           actions=scenario.words.actions.lower(), dice=_dice(ruleset, frame))))
    out += _turn_paras(ruleset, scenario, preset, frame, veil)
    out += _end_paras(ruleset, scenario, frame, veil)
    out += _reading_paras(ruleset, scenario, preset, frame, veil)
    glossary = [para("g", (g.term + ":", True), " " + g.text.strip())
                for g in ruleset.glossary.values()]
    return out, glossary


def _column_height(paras: Iterable[Para], size: float) -> float:
    return sum(para_height(p, RULES_STYLES, size, RULES_COL_W) for p in paras)


def rules_pages(ruleset: Ruleset, scenario: Scenario, preset: Preset | None = None,
                frame: Frame | None = None) -> list[Markup]:
    """The rules summary (one page when it fits), the glossary with it or after it."""
    frame = frame or Frame(ruleset, scenario)
    rules, glossary = rules_paras(ruleset, scenario, preset, frame)
    gloss = ([para("h", frame.t("deck.rules.glossary"))] if glossary else []) + glossary
    room = 2 * RULES_H * 0.94  # two columns, less what balancing them wastes
    together = next((s for s in RULES_SIZES if _column_height(rules + gloss, s) <= room), None)
    size = together or next((s for s in RULES_SIZES if _column_height(rules, s) <= room),
                            RULES_SIZES[-1])
    title = frame.t("deck.rules.title", name=scenario.name)

    def page(paras: list[Para], heading: str | None) -> Markup:
        return Markup(render("deck/rules.html", size=f"s{int(size * 10)}", title=heading,
                             paras=paras))

    if together:
        return [page(rules + gloss, title)]
    return [page(rules, title)] + ([page(gloss, None)] if glossary else [])
