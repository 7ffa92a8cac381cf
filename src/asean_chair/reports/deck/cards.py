"""The cards of the deck: every event card and diplomacy action on one card face,
in words, with its text set at the largest size that fits.

A card is never cut in pieces. It is set on the smallest face it fits at a
readable size: a playing card (63 x 88 mm, nine to an A4 page), a wide card
(two places side by side), a tall card (two places one above the other) or
a large card (four places); the type shrinks to 7 pt at the least. The
cards of the draw pile all get the same face, so nobody can tell them apart
face down. A card drawn by weight is printed as many times as its weight
("copy 2 of 2"), and a copy that counts only while something holds says so.

Each event card says whether it really happened or is made up, and so does
each chance branch of a real card (:func:`asean_chair.rules.history.reality`).
Effects on hidden tracks are not printed: the card shows a star and the
game master's sheet says what to do (:mod:`.hidden`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ...rules import timing
from ...rules.calendar import Clock
from ...rules.effects import cards_brought_in
from ...rules.history import reality
from ...rules.models import Action, Card, Effect, Option, Outcome, Preset, Scenario
from ...rules.ruleset import Ruleset
from ...rules.words import DASH, describe_effects, describe_expr, describe_roll
from ...turns import turn_name
from ..frame import Frame
from .hidden import STAR, Veil
from .text import Para, Run, Style, para, para_height, text_width

SLOT_W, SLOT_H = 63.0, 88.0
CARD_BORDER, CARD_PAD_X, CARD_PAD_Y = 0.2, 3.0, 2.6
#: Font sizes a card may use, largest first; never under 7 pt.
CARD_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
#: The smallest size a card is set at when a larger face would allow more.
READABLE = 7.5
TAG_PT = 7.0  # the corner tag's type size (the CSS says the same)

CARD_STYLES: dict[str, Style] = {
    "pile": Style(size=1.0),
    "title": Style(size=1.2, gap=0.4, bold=True, extra=0.8),
    "text": Style(gap=0.8),
    "opt": Style(indent=3.4, hang=3.4, gap=1.2),
    "req": Style(indent=3.4, gap=0.1),
    "fx": Style(indent=3.4, hang=2.0, gap=0.1),
    "rollhead": Style(indent=3.4, hang=2.0, gap=0.1),
    "roll": Style(indent=6.0, hang=2.6, gap=0.0),
}


@dataclass(frozen=True)
class CardFormat:
    """A card face: how many places of the 3 x 3 grid of a page it takes."""

    name: str
    cols: int
    rows: int

    @property
    def inner_w(self) -> float:
        """The width text may fill, in mm."""
        return self.cols * SLOT_W - 2 * (CARD_BORDER + CARD_PAD_X)

    @property
    def room(self) -> float:
        """The height text may fill, in mm, with a little to spare."""
        return (self.rows * SLOT_H - 2 * (CARD_BORDER + CARD_PAD_Y)) * 0.97

    @property
    def places(self) -> int:
        return self.cols * self.rows


SMALL = CardFormat("small", 1, 1)
WIDE = CardFormat("wide", 2, 1)
TALL = CardFormat("tall", 1, 2)
LARGE = CardFormat("large", 2, 2)
#: Smallest first; a card takes the first it fits at a readable size.
FORMATS = (SMALL, WIDE, TALL, LARGE)
#: Kept for callers of the old layout: the inner size of a playing card.
CARD_INNER_W = SMALL.inner_w
CARD_ROOM = SMALL.room


@dataclass(frozen=True)
class CardFace:
    """One printed card: its pile label, corner tag, title and paragraphs."""

    pile: str
    tag: str
    title: str
    body: tuple[Para, ...]
    size: float = CARD_SIZES[0]
    kind: str = "event"
    format: CardFormat = SMALL
    #: ``real`` or ``invented`` (the tag's style), or ``""``.
    reality: str = ""
    #: What the game master applies for the starred lines, one line each.
    secret: tuple[str, ...] = ()
    #: Which pile the card shuffles with (faces of one pile share a format).
    group: str = ""


def face_height(face: CardFace, size: float, fmt: CardFormat) -> float:
    """How tall the card's text is at ``size`` on a face of ``fmt``, in mm."""
    width = fmt.inner_w

    def h(p: Para, w: float = width) -> float:
        return para_height(p, CARD_STYLES, size, w)

    tag = text_width(face.tag, TAG_PT, True) + 4.0 if face.tag else 0.0
    total = h(para("pile", face.pile), width - tag)
    total += h(para("title", face.title))
    return total + sum(h(p) for p in face.body)


def _largest(face: CardFace, fmt: CardFormat) -> float | None:
    """The largest size at which the card fits a face of ``fmt``, or ``None``."""
    return next((s for s in CARD_SIZES if face_height(face, s, fmt) <= fmt.room), None)


def _choose(face: CardFace, formats: Sequence[CardFormat]) -> tuple[CardFormat, float]:
    """The smallest face the card fits at a readable size (else at 7 pt); between two
    faces of one size, the one that gives the larger type."""
    for least in (READABLE, CARD_SIZES[-1]):
        best: tuple[CardFormat, float] | None = None
        for fmt in formats:
            size = _largest(face, fmt)
            if size is None or size < least:
                continue
            if best is None or (fmt.places == best[0].places and size > best[1]):
                best = (fmt, size)
            elif fmt.places > best[0].places:
                break
        if best is not None:
            return best
    return formats[-1], CARD_SIZES[-1]


def fit_card(face: CardFace, formats: Sequence[CardFormat] = FORMATS) -> CardFace:
    """The card on the smallest face it fits, at the largest size that fits there.

    A card is never cut: a long one gets a wide, tall or large face.
    """
    fmt, size = _choose(face, formats)
    return replace(face, format=fmt, size=size)


def fit_together(faces: Sequence[CardFace]) -> list[CardFace]:
    """Cards that are shuffled together, on one face for all (the one the
    largest of them needs), each at its largest size there."""
    if not faces:
        return []
    need = max((fit_card(f).format for f in faces), key=lambda f: (f.places, f.rows))
    allowed = [f for f in FORMATS if f.places >= need.places] or [LARGE]
    fmt = _choose_common(faces, [need, *[f for f in allowed if f != need]])
    return [replace(f, format=fmt, size=_largest(f, fmt) or CARD_SIZES[-1]) for f in faces]


def _choose_common(faces: Sequence[CardFace], formats: Sequence[CardFormat]) -> CardFormat:
    for least in (READABLE, CARD_SIZES[-1]):
        for fmt in formats:
            sizes = [_largest(f, fmt) for f in faces]
            if all(s is not None and s >= least for s in sizes):
                return fmt
    return formats[-1]


@dataclass(frozen=True)
class Placed:
    """A card on a page: its face and the place of its top-left corner (1-based)."""

    face: CardFace
    row: int
    col: int


def pack_pages(faces: Sequence[CardFace]) -> list[list[Placed]]:
    """The cards on A4 pages of 3 x 3 places, in order, filling holes left by big cards."""
    pages: list[list[list[bool]]] = []
    placed: list[list[Placed]] = []
    first_open = 0
    for face in faces:
        fmt = face.format
        spot = None
        for index in range(first_open, len(pages) + 1):
            if index == len(pages):
                pages.append([[False] * 3 for _ in range(3)])
                placed.append([])
            grid = pages[index]
            spot = next(((r, c) for r in range(4 - fmt.rows) for c in range(4 - fmt.cols)
                         if all(not grid[r + i][c + j] for i in range(fmt.rows)
                                for j in range(fmt.cols))), None)
            if spot is not None:
                r, c = spot
                for i in range(fmt.rows):
                    for j in range(fmt.cols):
                        grid[r + i][c + j] = True
                placed[index].append(Placed(face, r + 1, c + 1))
                break
        while first_open < len(pages) and all(all(row) for row in pages[first_open]):
            first_open += 1
    return [sorted(p, key=lambda x: (x.row, x.col)) for p in placed]


# ------------------------------------------------------------ weights


def weight_copies(weight: float | str) -> list[str | None] | None:
    """How many copies a card of this weight shuffles in, each with the condition under
    which it counts (``None``: always). ``None`` when the weight is no such sum.

    ``2`` -> two copies; ``"1 + (month >= 9)"`` -> one copy, and one more while
    ``month >= 9`` holds.
    """
    if isinstance(weight, bool):
        return None
    if isinstance(weight, (int, float)):
        return [None] * int(weight) if float(weight).is_integer() and weight >= 0 else None
    try:
        node = ast.parse(weight.strip(), mode="eval").body
    except SyntaxError:
        return None
    terms: list[ast.expr] = []

    def flatten(n: ast.expr) -> None:
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add):
            flatten(n.left)
            flatten(n.right)
        else:
            terms.append(n)

    flatten(node)
    copies: list[str | None] = []
    for term in terms:
        if isinstance(term, ast.Constant) and isinstance(term.value, int) and \
                not isinstance(term.value, bool) and term.value >= 0:
            copies += [None] * term.value
        elif _is_test(term):
            copies.append(ast.unparse(term))
        elif isinstance(term, ast.BinOp) and isinstance(term.op, ast.Mult) and \
                _count(term.left) is not None and _is_test(term.right):
            copies += [ast.unparse(term.right)] * (_count(term.left) or 0)
        else:
            return None
    return copies


def _count(node: ast.expr) -> int | None:
    """A whole number written as it is (``2``), else ``None``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and \
            not isinstance(node.value, bool) and node.value >= 0:
        return node.value
    return None


def _is_test(node: ast.expr) -> bool:
    """A yes/no test: a comparison, and/or/not, or a flag (1 while it is set)."""
    if isinstance(node, (ast.Compare, ast.BoolOp)):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
        node.value.id == "flag"


# ------------------------------------------------------------ the deal


def played_turns(scenario: Scenario, preset: Preset | None) -> list[int]:
    """The turns of the calendar a game plays (a preset may play a stretch)."""
    span = timing.preset_span(scenario, preset)
    first, last = span if isinstance(span, tuple) else (1, scenario.clock.turns)
    return list(range(first, last + 1))


def draws_possible(scenario: Scenario, played: Sequence[int]) -> bool:
    """Whether any card is drawn at random in the turns played."""
    try:
        expr = scenario.compiled("draws")
    except KeyError:
        expr = None
    if expr is None:
        return not (isinstance(scenario.draws, (int, float)) and scenario.draws <= 0)
    if set(expr.names) <= {"month", "turn", "turns_left"}:
        clock = scenario.clock
        return any(expr({"month": clock.month(t), "turn": t, "turns_left": played[-1] - t}) > 0
                   for t in played)
    return True


def _card_effects(card: Card) -> list[Effect]:
    out: list[Effect] = []
    for opt in card.options:
        out += opt.effects
        for o in opt.outcomes:
            out += o.effects
    return out


def dealt_cards(ruleset: Ruleset, scenario: Scenario, preset: Preset | None = None) -> set[str]:
    """The cards a game can deal: fixed cards of the turns played, the draw pile when
    cards are drawn, and every follow-up these (or an action or rule) bring in; never
    a card the preset leaves out."""
    clock = scenario.clock
    left_out = set(preset.leave_out) if preset is not None else set()
    played = played_turns(scenario, preset)
    turns = set(played)
    draws = draws_possible(scenario, played)
    dealt: set[str] = set()
    for card in ruleset.cards.values():
        w = card.when
        if w is None:
            continue
        if w.window is None:
            if timing.fixed(w, clock).turns & turns:
                dealt.add(card.id)
        elif draws:
            span = timing.window(w.window, clock)
            if isinstance(span, tuple) and any(span[0] <= t <= span[1] for t in played):
                dealt.add(card.id)
    sources: list[Effect] = []
    for action in ruleset.actions.values():
        sources += action.effects
        for o in action.outcomes:
            sources += o.effects
    for rule in ruleset.rules.values():
        sources += rule.effects
    todo = cards_brought_in(sources, ruleset.cards) | dealt
    seen: set[str] = set()
    while todo:
        card_id = todo.pop()
        if card_id in seen or card_id not in ruleset.cards or card_id in left_out:
            continue
        seen.add(card_id)
        todo |= cards_brought_in(_card_effects(ruleset.cards[card_id]), ruleset.cards)
    return seen


# ------------------------------------------------------- card content


@dataclass
class CardWords:
    """Sets a pack's cards in players' words, in the printout's language."""

    frame: Frame
    veil: Veil = field(init=False)

    def __post_init__(self) -> None:
        self.veil = Veil(self.frame.ruleset)

    @property
    def ruleset(self) -> Ruleset:
        return self.frame.ruleset

    @property
    def t(self) -> Callable[..., str]:
        return self.frame.t

    @property
    def clock(self) -> Clock:
        return self.frame.scenario.clock

    def expr(self, source: str | float | bool) -> str:
        return describe_expr(source, self.ruleset, language=self.frame.language)

    def cost(self, cost: float | str) -> str:
        """``costs 2 favours``, or ``""`` for nothing."""
        if isinstance(cost, (int, float)):
            if not cost:
                return ""
            return self.t("deck.costs", amount=self.expr(cost), unit=self.frame.currency(cost))
        return self.t("deck.costs", amount=self.expr(cost), unit=self.frame.currency())

    def turns_text(self, window: tuple[int | str, int | str]) -> str:
        return turns_text(window, self.clock, self.frame.language)

    def effect_paras(self, effects: Sequence[Effect], outcomes: Sequence[Outcome],
                     marks: Callable[[Outcome], str] | None = None) -> tuple[list[Para],
                                                                          list[str]]:
        """Effect lines, each roll one range a line; and the hidden lines, for the game
        master. ``marks`` gives each branch of the option's own roll its label."""
        rs = self.ruleset
        paras: list[Para] = []
        secret: list[str] = []
        split = self.veil.split(effects)
        for e in split.secret:
            secret += describe_effects([e], rs, language=self.frame.language)
        shown_outcomes, hidden_outcomes = self.veil.split_outcomes(outcomes)
        if hidden_outcomes:
            head, lines = describe_roll(hidden_outcomes, rs, language=self.frame.language)
            secret.append(f"{head} {'; '.join(lines)}")

        def roll(items: Sequence[Outcome], lead: str = "", own: bool = False) -> None:
            head, lines = describe_roll(items, rs, language=self.frame.language)
            if lead:
                head = lead + head[:1].lower() + head[1:]
            paras.append(para("rollhead", "\u2022 ", (head, True)))
            for line, outcome in zip(lines, items, strict=True):
                faces, _, rest = line.partition(" ")
                mark = marks(outcome) if marks is not None and own else ""
                paras.append(para("roll", (faces, True), " " + rest,
                                  *([(f" ({mark})", False)] if mark else [])))

        def branch(lead: str, items: Sequence[Effect]) -> None:
            plain = [x for x in items if x.outcomes is None and x.log is None]
            rolls = [x.outcomes for x in items if x.outcomes is not None]
            said = "; ".join(describe_effects(plain, rs, language=self.frame.language))
            if not rolls:
                paras.append(para("fx", f"\u2022 {lead}{said or self.t('deck.nothing')}"))
                return
            roll(rolls[0], f"{lead}{said}; " if said else lead)
            for more in rolls[1:]:
                roll(more)

        for e in split.shown:
            if e.outcomes is not None:
                roll(e.outcomes)
            elif e.if_ is not None and any(x.outcomes is not None for x in (*e.then, *e.else_)):
                branch(self.t("deck.if", condition=self.expr(e.if_)) + " ", e.then)
                if e.else_:
                    branch(self.t("deck.otherwise") + " ", e.else_)
            else:
                paras += [para("fx", "\u2022 " + line)
                          for line in describe_effects([e], rs, language=self.frame.language)]
        if shown_outcomes:
            roll(shown_outcomes, own=True)
        if secret:
            paras.append(para("fx", f"\u2022 {STAR} ", self.t("deck.hidden_line")))
        if not paras:
            paras.append(para("fx", "\u2022 " + self.t("deck.nothing")))
        return paras, secret

    def option_paras(self, number: int, card: Card, opt: Option) -> tuple[list[Para], list[str]]:
        cost = self.cost(opt.cost)
        head: list[str | Run] = [(f"{number}.", True), " ", (opt.label, True)]
        if cost:
            head.append(f" \u2014 {cost}")
        paras = [para("opt", *head)]
        secret: list[str] = []
        if opt.requires is not None:
            if self.veil.reads_hidden(opt.requires):
                paras.append(para("req", self.t("deck.only_if_hidden", star=STAR)))
                secret.append(self.t("deck.only_if", condition=self.expr(opt.requires)))
            else:
                paras.append(para("req", self.t("deck.only_if", condition=self.expr(opt.requires))))
        status = self.frame.reality(card.id)

        def mark(outcome: Outcome) -> str:
            found = reality(self.ruleset, card, opt.id, outcome)
            return self.t(f"deck.branch_{found}") if found else ""

        more, hidden = self.effect_paras(opt.effects, opt.outcomes,
                                         mark if status == "real" else None)
        return paras + more, secret + hidden

    def pile(self, card: Card) -> str:
        """Which pile the card goes in, when, and on what condition."""
        w = card.when
        t = self.t
        if w is None:
            return t("deck.followup")
        if w.window is None:
            turns = sorted(timing.fixed(w, self.clock).turns)
            pile = ", ".join(turn_name(self.clock, n, self.frame.language) for n in turns) \
                or t("deck.never")
        else:
            pile = t("deck.draw_pile", turns=self.turns_text(w.window))
            if w.repeat:
                pile += " \u00b7 " + t("deck.may_come_back")
        if w.if_ is not None:
            if self.veil.reads_hidden(w.if_):
                pile += " \u00b7 " + t("deck.only_if_hidden", star=STAR)
            else:
                pile += " \u00b7 " + t("deck.only_if_lower", condition=self.expr(w.if_))
        tags = [x for x in card.tags if x in drawn_tags(self.ruleset)]
        if tags:
            pile += " \u00b7 " + t("deck.tagged", tags=", ".join(f"'{x}'" for x in tags))
        return pile

    def tag(self, card: Card) -> tuple[str, str]:
        """The corner tag (``Really happened`` / ``Made up``) and its style; none for a
        pack with no real card."""
        found = self.frame.reality(card.id)
        if found is None:
            return "", ""
        return self.t(f"deck.tag_{found}"), str(found)

    def card_faces(self, card: Card) -> list[CardFace]:
        """The printed card of an event card: one, or one per copy of its weight."""
        body = [para("text", card.text.strip())]
        secret: list[str] = []
        for i, opt in enumerate(card.options, 1):
            paras, hidden = self.option_paras(i, card, opt)
            body += paras
            secret += [f"{i}. {opt.label}: {line}" for line in hidden]
        tag, status = self.tag(card)
        kind = "event" if card.when is not None else "followup"
        pile = self.pile(card)
        face = CardFace(pile, tag, card.title, tuple(body), kind=kind, reality=status,
                        secret=tuple(secret),
                        group="draw" if card.when is not None and card.when.window is not None
                        else card.id)
        w = card.when
        if w is None or w.window is None:
            return [face]
        copies = weight_copies(w.weight)
        if copies is None:
            if self.veil.reads_hidden(w.weight):
                return [replace(face, pile=pile + " \u00b7 " + self.t("deck.weight_hidden",
                                                                      star=STAR),
                                secret=(*face.secret, self.t("deck.weight",
                                                             weight=self.expr(w.weight))))]
            return [replace(face, pile=pile + " \u00b7 " + self.t(
                "deck.weight", weight=self.expr(w.weight)))]
        faces = []
        for n, condition in enumerate(copies or [None], 1):
            note = self.t("deck.copy", n=n, total=len(copies)) if len(copies) > 1 else ""
            told: tuple[str, ...] = face.secret if n == 1 else ()
            if condition is not None:
                if self.veil.reads_hidden(condition):
                    when = self.t("deck.copy_if_hidden", star=STAR)
                    told = (*told, self.t("deck.copy", n=n, total=len(copies)) + " "
                            + self.t("deck.copy_if", condition=self.expr(condition)))
                else:
                    when = self.t("deck.copy_if", condition=self.expr(condition))
                note = f"{note} {when}".strip()
            faces.append(replace(face, pile=f"{pile} \u00b7 {note}" if note else pile,
                                 secret=told))
        return faces

    def action_terms(self, action: Action) -> list[str]:
        t = self.t
        unit = self.clock.unit
        terms = [self.cost(action.cost) or t("deck.free")]
        terms.append(t("deck.once_a_turn", unit=unit) if action.per_turn == 1 else
                     t("deck.times_a_turn", n=action.per_turn, unit=unit))
        if action.cooldown:
            terms.append(t("deck.rest", turns=self.frame.turns(action.cooldown)))
        if action.max_uses is not None:
            terms.append(t("deck.uses", n=action.max_uses) if action.max_uses > 1
                         else t("deck.once_a_game"))
        if action.window is not None:
            terms.append(t("deck.only_in", turns=self.turns_text(action.window)))
        return terms

    def action_face(self, action: Action) -> CardFace:
        """The printed card of a diplomacy action."""
        terms = self.action_terms(action)
        body = [para("opt", (terms[0][:1].upper() + terms[0][1:], True),
                     *(f"; {x}" for x in terms[1:]))]
        if action.text:
            body.insert(0, para("text", action.text.strip()))
        secret: list[str] = []
        if action.requires is not None:
            if self.veil.reads_hidden(action.requires):
                body.append(para("req", self.t("deck.only_if_hidden", star=STAR)))
                secret.append(self.t("deck.only_if", condition=self.expr(action.requires)))
            else:
                body.append(para("req", self.t("deck.only_if",
                                               condition=self.expr(action.requires))))
        more, hidden = self.effect_paras(action.effects, action.outcomes)
        body += more
        return CardFace(self.frame.scenario.words.actions, "", action.name, tuple(body),
                        kind="action", secret=tuple(secret + hidden), group=action.id)


def turns_text(window: tuple[int | str, int | str], clock: Clock, language: str = "en") -> str:
    """A window of turns in players' words: ``March``, ``March–June``, ``Week 3–Week 5``."""
    span = timing.window(window, clock)
    if isinstance(span, str):
        return f"{window[0]}{DASH}{window[1]}"
    first, last = (turn_name(clock, t, language) for t in span)
    return first if first == last else f"{first}{DASH}{last}"


def drawn_tags(ruleset: Ruleset) -> frozenset[str]:
    """Tags that effects draw cards by: the cards print them."""
    key = ("deck", "drawn_tags")
    if key not in ruleset.cache:
        from ...rules.words import effects_of

        ruleset.cache[key] = frozenset(t for e in effects_of(ruleset) if e.draw is not None
                                       for t in e.draw.tags)
    tags: frozenset[str] = ruleset.cache[key]
    return tags


def _card_order(card: Card, clock: Clock) -> tuple[int, int]:
    w = card.when
    if w is None:
        return (2, 0)
    if w.window is None:
        return (0, min(timing.fixed(w, clock).turns, default=0))
    span = timing.window(w.window, clock)
    return (1, span[0] if isinstance(span, tuple) else 0)


def all_faces(ruleset: Ruleset, scenario: Scenario, preset: Preset | None = None,
              frame: Frame | None = None) -> list[CardFace]:
    """Every card the game (or the lesson) deals, sorted into piles, then every action;
    each on the face it fits, the draw pile on one face for all."""
    frame = frame or Frame(ruleset, scenario)
    words = CardWords(frame)
    clock = scenario.clock
    dealt = dealt_cards(ruleset, scenario, preset)
    cards = sorted((c for c in ruleset.cards.values() if c.id in dealt),
                   key=lambda c: _card_order(c, clock))
    faces = [f for c in cards for f in words.card_faces(c)]
    draw = fit_together([f for f in faces if f.group == "draw"])
    fitted = iter(draw)
    out = [next(fitted) if f.group == "draw" else fit_card(f) for f in faces]
    out += [fit_card(words.action_face(a)) for a in ruleset.actions.values()]
    return out
