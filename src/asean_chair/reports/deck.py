"""The print-and-play deck: a pack's game on paper, for a class without computers.

``asean-chair print-deck -o deck.html`` writes one self-contained HTML page
(inline CSS and fonts, no scripts, nothing fetched) that prints on A4:

- a one-page rules summary generated from the scenario (how a month goes,
  how to lose, the score, the glossary),
- the board: every visible track and relation as a row of boxes, political
  capital and a calendar strip with the milestones,
- a record sheet: markers, counters, lasting effects and a score worksheet,
- every card and diplomacy action as a 63 x 88 mm card, nine to a page.

Nothing can run JavaScript to measure text, so the layout is planned here:
text is measured with the metrics of the bundled Noto Sans (embedded in the
page as a subset, so every browser lays it out alike), a card whose text is
long gets a smaller font (never under 7 pt), and a card that still does not
fit goes on on a second card marked "(continued)".
"""

from __future__ import annotations

import ast
import base64
import functools
import html
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..rules.models import (
    Action,
    Card,
    Effect,
    Ending,
    Option,
    Outcome,
    Preset,
    Rule,
    Scenario,
)
from ..rules.ruleset import Ruleset
from ..rules.words import (
    DASH,
    MINUS,
    describe_effects,
    describe_expr,
    describe_roll,
    die_ranges,
    effects_of,
    expr_terms,
)

__all__ = ["print_deck"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

PT = 0.3528  # millimetres per point
LINE = 1.2  # line height, as a multiple of the font size (the CSS says the same)

# ------------------------------------------------------------------ fonts

FONT_FAMILY = "DeckSans"
FONT_STACK = f"'{FONT_FAMILY}','Noto Sans',Arial,'Liberation Sans','DejaVu Sans',sans-serif"


#: The bundled faces: file name, CSS weight and style.
FACES = (("NotoSans-Regular.ttf", 400, "normal"), ("NotoSans-Bold.ttf", 700, "normal"),
         ("NotoSans-Italic.ttf", 400, "italic"))
MINUS_CODE, ENDASH_CODE = 0x2212, 0x2013


def _font_file(name: str) -> Path | None:
    from ..paths import assets_dir

    path = assets_dir() / "fonts" / name
    return path if path.is_file() else None


@dataclass(frozen=True)
class _Widths:
    """Advance widths of one font, in ems, by character."""

    widths: dict[int, float]
    fallback: float

    def em(self, text: str) -> float:
        get = self.widths.get
        fb = self.fallback
        return sum(get(ord(ch), fb) for ch in text)


#: Average widths for when the bundled font cannot be read.
_ESTIMATE = {False: _Widths({32: 0.28}, 0.55), True: _Widths({32: 0.28}, 0.58)}


@functools.lru_cache(maxsize=2)
def _widths(bold: bool) -> _Widths:
    """The advance widths of the bundled font (or an estimate without it)."""
    path = _font_file(FACES[1 if bold else 0][0])
    if path is not None:
        try:
            from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

            font = TTFont(str(path), lazy=True)
            upm = font["head"].unitsPerEm
            metrics = font["hmtx"].metrics
            cmap = font.getBestCmap()
            widths = {code: metrics[glyph][0] / upm for code, glyph in cmap.items()}
            if ENDASH_CODE in widths:
                widths[MINUS_CODE] = widths[ENDASH_CODE]  # see _subset
            return _Widths(widths, 0.62)
        except Exception:  # noqa: BLE001 - no fontTools or a broken font: estimate
            return _ESTIMATE[bold]
    return _ESTIMATE[bold]


def _subset(path: Path, chars: str) -> bytes:
    """The font cut down to ``chars``, as WOFF."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
    sub = subset.Subsetter(options)
    sub.populate(text=chars + chr(ENDASH_CODE))
    sub.subset(font)
    # Noto Sans draws the minus sign as a hyphen, too slight beside a plus
    # in small print: show it with the en dash's wider stroke.
    for table in font["cmap"].tables:
        if ENDASH_CODE in table.cmap:
            table.cmap[MINUS_CODE] = table.cmap[ENDASH_CODE]
    font.flavor = "woff"
    buf = io.BytesIO()
    font.save(buf, reorderTables=False)
    return buf.getvalue()


@functools.lru_cache(maxsize=4)
def _font_face(chars: str) -> str:
    """``@font-face`` rules embedding the bundled font, cut to ``chars``."""
    rules = []
    for name, weight, style in FACES:
        path = _font_file(name)
        if path is None:
            return ""
        try:
            data = base64.b64encode(_subset(path, chars)).decode("ascii")
        except Exception:  # noqa: BLE001 - no fontTools: fall back to system fonts
            return ""
        rules.append(f"@font-face{{font-family:'{FONT_FAMILY}';font-weight:{weight};"
                     f"font-style:{style};src:url(data:font/woff;base64,{data}) format('woff')}}")
    return "\n".join(rules)


# ------------------------------------------------------------ paragraphs

Run = tuple[str, bool]  # a piece of text and whether it is bold


@dataclass(frozen=True)
class Style:
    """How a kind of paragraph is set: size (x the base size), indents, space above."""

    size: float = 1.0
    indent: float = 0.0  # mm, left padding of every line
    hang: float = 0.0  # mm the first line starts left of the indent
    gap: float = 0.0  # mm above
    bold: bool = False
    extra: float = 0.0  # mm of padding and border below (set in the CSS by hand)


@dataclass(frozen=True)
class Para:
    """A paragraph of a card or page: its CSS class and its text in runs."""

    kind: str
    runs: tuple[Run, ...]

    def html(self) -> str:
        """The paragraph as HTML."""
        body = "".join(f"<b>{html.escape(t)}</b>" if b else html.escape(t)
                       for t, b in self.runs)
        return f"<p class='{self.kind}'>{body}</p>"


_SIGNED = re.compile(f"(?<=\\S) (?=[+{MINUS}]\\d)")


def _keep_numbers(text: str) -> str:
    """Glue each signed number to the word before it (``Economy\u00a0+3``), so a line
    never starts with a bare ``−3``."""
    return _SIGNED.sub("\u00a0", text)


def para(kind: str, *runs: str | Run) -> Para:
    """A paragraph from plain strings (regular) and ``(text, bold)`` runs."""
    return Para(kind, tuple((_keep_numbers(r), False) if isinstance(r, str)
                            else (_keep_numbers(r[0]), r[1]) for r in runs))


def _words(runs: Sequence[Run], bold_all: bool) -> Iterator[tuple[str, bool, bool]]:
    """(word, bold, space before) for the words of some runs."""
    space = False
    for text, bold in runs:
        for i, piece in enumerate(text.split(" ")):
            if i > 0:
                space = True
            if piece:
                yield piece, bold or bold_all, space
                space = False


def count_lines(runs: Sequence[Run], size_pt: float, width_mm: float, bold_all: bool = False,
                first_width_mm: float | None = None) -> int:
    """How many lines a browser needs for ``runs`` at a size and width (greedy wrap)."""
    # A little slack: browsers kern, and fallback fonts may be wider.
    scale = size_pt * PT * 1.03
    space = _widths(False).em(" ") * scale
    lines = 1
    used = 0.0
    width = first_width_mm if first_width_mm is not None else width_mm
    for word, bold, spaced in _words(runs, bold_all):
        w = _widths(bold).em(word) * scale
        extra = space if spaced and used > 0 else 0.0
        if used > 0 and used + extra + w > width:
            lines += 1
            used = 0.0
            width = width_mm
            extra = 0.0
        while w > width:  # a word longer than a line is broken anywhere
            lines += 1
            w -= width
            width = width_mm
        used += extra + w
    return lines


def para_height(p: Para, styles: dict[str, Style], base_pt: float, width_mm: float) -> float:
    """The height of a paragraph in mm, with the space above it."""
    st = styles[p.kind]
    size = base_pt * st.size
    lines = count_lines(p.runs, size, width_mm - st.indent, st.bold,
                        width_mm - st.indent + st.hang)
    return st.gap + lines * size * LINE * PT + st.extra


def _style_css(styles: dict[str, Style], scope: str) -> str:
    rules = []
    for kind, st in styles.items():
        parts = [f"font-size:{st.size:g}em", f"margin:{st.gap:g}mm 0 0 0"]
        if st.indent:
            parts.append(f"padding-left:{st.indent:g}mm")
        if st.hang:
            parts.append(f"text-indent:-{st.hang:g}mm")
        if st.bold:
            parts.append("font-weight:700")
        rules.append(f"{scope} p.{kind}{{{';'.join(parts)}}}")
    return "\n".join(rules)


# ------------------------------------------------------------------ cards

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


def _card_html(face: CardFace) -> str:
    size = f"s{int(face.size * 10)}"
    tag = f"<span class='tag'>{html.escape(face.tag)}</span>" if face.tag else ""
    body = "".join(p.html() for p in face.body)
    return (f"<div class='card {face.kind} {size}'>{tag}"
            f"<p class='pile'>{html.escape(face.pile)}</p>"
            f"<p class='title'>{html.escape(face.title)}</p>{body}</div>")


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


def _months(first: int, last: int) -> str:
    return f"month {first}" if first == last else f"months {first}{DASH}{last}"


def _drawn_tags(ruleset: Ruleset) -> set[str]:
    """Tags that effects draw cards by: the cards print them."""
    key = ("deck", "drawn_tags")
    if key not in ruleset.cache:
        ruleset.cache[key] = frozenset(t for e in effects_of(ruleset) if e.draw is not None
                                       for t in e.draw.tags)
    tags: frozenset[str] = ruleset.cache[key]
    return set(tags)


def _pile(card: Card, ruleset: Ruleset) -> str:
    w = card.when
    if w is None:
        return "Follow-up card"
    tags = [t for t in card.tags if t in _drawn_tags(ruleset)]
    if w.window is None:
        months = ", ".join(str(m) for m in w.months)
        pile = f"Month {months}"
    else:
        pile = f"Draw pile \u00b7 {_months(*w.window)}"
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


def card_faces(card: Card, ruleset: Ruleset, year: str) -> list[CardFace]:
    """The printed card(s) of an event card."""
    body = [para("text", card.text.strip())]
    for i, opt in enumerate(card.options, 1):
        body += _option_paras(i, opt, ruleset)
    tag = year if "historic" in card.tags else ""
    kind = "event" if card.when is not None else "followup"
    return fit_card(CardFace(_pile(card, ruleset), tag, card.title, tuple(body), kind=kind))


def _action_terms(action: Action, ruleset: Ruleset) -> list[str]:
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
        terms.append(f"only in {_months(*action.window)}")
    return terms


def action_faces(action: Action, ruleset: Ruleset) -> list[CardFace]:
    """The printed card(s) of a diplomacy action."""
    terms = _action_terms(action, ruleset)
    body = [para("opt", (terms[0][:1].upper() + terms[0][1:], True),
                 *(f"; {t}" for t in terms[1:]))]
    if action.text:
        body.insert(0, para("text", action.text.strip()))
    if action.requires is not None:
        body.append(para("req", f"Only if {describe_expr(action.requires, ruleset)}"))
    body += _effect_paras(action.effects, action.outcomes, ruleset)
    return fit_card(CardFace("Diplomacy action", "", action.name, tuple(body), kind="action"))


def _card_order(card: Card) -> tuple[int, int]:
    w = card.when
    if w is None:
        return (2, 0)
    if w.window is None:
        return (0, min(w.months))
    return (1, w.window[0])


def all_faces(ruleset: Ruleset, scenario: Scenario) -> list[CardFace]:
    """Every card of the pack, sorted into piles, then every action."""
    year = str(scenario.year) if scenario.year is not None else "history"
    cards = sorted(ruleset.cards.values(), key=_card_order)
    faces = [f for c in cards for f in card_faces(c, ruleset, year)]
    faces += [f for a in ruleset.actions.values() for f in action_faces(a, ruleset)]
    return faces


def _card_pages(faces: Sequence[CardFace]) -> list[str]:
    pages = []
    for start in range(0, len(faces), 9):
        cards = "".join(_card_html(f) for f in faces[start:start + 9])
        pages.append(f"<section class='page cards'>{cards}</section>")
    return pages


# ------------------------------------------------------------------ board


def _step(low: int, high: int, most: int = 21) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if (high - low) // step + 1 <= most:
            return step
    return max(1, (high - low) // (most - 1))


@dataclass(frozen=True)
class Meter:
    """A row of the board: a track, relation or capital, with its zones."""

    label: str
    note: str
    low: int
    high: int
    start: int
    baseline: int | None = None
    danger_below: int | None = None
    danger_above: int | None = None
    lose_below: int | None = None  # a defeat at or below this value
    lose_above: int | None = None
    zero: bool = False


def _defeat_zones(scenario: Scenario) -> dict[str, tuple[int | None, int | None]]:
    """Simple defeat conditions (``autonomy <= 10``) as zones, by value name."""
    zones: dict[str, tuple[int | None, int | None]] = {}
    for ending in scenario.endings:
        if not ending.defeat or not isinstance(ending.if_, str):
            continue
        try:
            node = ast.parse(ending.if_.strip(), mode="eval").body
        except SyntaxError:
            continue
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1
                and isinstance(node.comparators[0], ast.Constant)
                and isinstance(node.comparators[0].value, (int, float))):
            continue
        name = ast.unparse(node.left)
        value = node.comparators[0].value
        low, high = zones.get(name, (None, None))
        op = node.ops[0]
        if isinstance(op, ast.LtE):
            low = int(value)
        elif isinstance(op, ast.Lt):
            low = int(value) - 1
        elif isinstance(op, ast.GtE):
            high = int(value)
        elif isinstance(op, ast.Gt):
            high = int(value) + 1
        zones[name] = (low, high)
    return zones


def _meter_html(m: Meter) -> str:
    step = _step(m.low, m.high)
    values = list(range(m.low, m.high + 1, step))
    boxes = []
    for v in values:
        top = v + step - 1
        classes = []
        if (m.lose_below is not None and v <= m.lose_below) or \
                (m.lose_above is not None and top >= m.lose_above):
            classes.append("lose")
        elif (m.danger_below is not None and v <= m.danger_below) or \
                (m.danger_above is not None and top >= m.danger_above):
            classes.append("danger")
        if v <= m.start <= top:
            classes.append("start")
        if m.baseline is not None and v <= m.baseline <= top:
            classes.append("base")
        if m.zero and v == 0:
            classes.append("zero")
        ticks = f" style='--n:{step}'" if step > 1 else ""
        number = str(v).replace("-", MINUS)
        boxes.append(f"<span class='box {' '.join(classes)}'{ticks}><i>{number}</i></span>")
    note = f"<small>{html.escape(m.note)}</small>" if m.note else ""
    return (f"<div class='meter' style='--boxes:{len(values)}'>"
            f"<span class='name'><b>{html.escape(m.label)}</b>{note}</span>"
            f"{''.join(boxes)}<span class='now'>now</span></div>")


def _track_meters(ruleset: Ruleset, scenario: Scenario, visible: bool) -> list[Meter]:
    zones = _defeat_zones(scenario)
    meters = []
    for t in ruleset.tracks.values():
        if t.visible != visible:
            continue
        lose = zones.get(t.id, (None, None))
        d = t.danger
        meters.append(Meter(t.name, f"start {t.start}", t.min, t.max, t.start,
                            t.baseline if t.baseline is not None else t.start,
                            d.below if d else None, d.above if d else None, *lose))
    return meters


def _relation_meters(ruleset: Ruleset, scenario: Scenario) -> list[Meter]:
    zones = _defeat_zones(scenario)
    meters = []
    for a in ruleset.actors.values():
        r = a.relation
        rivals = ", ".join(f"{ruleset.actors[x].short or ruleset.actors[x].name} "
                           f"{round(f * 100)}%" for x, f in a.rivals.items()
                           if x in ruleset.actors)
        note = f"start {r.start}" + (f"; rivals {rivals}" if rivals else "")
        lose = zones.get(f"rel.{a.id}", (None, None))
        d = r.danger
        meters.append(Meter(a.name, note, r.min, r.max, r.start,
                            r.baseline if r.baseline is not None else r.start,
                            d.below if d else None, d.above if d else None, *lose,
                            zero=r.min < 0 < r.max))
    return meters


def _scenario_months(scenario: Scenario) -> list[int]:
    return [(scenario.start_month - 1 + t) % 12 + 1 for t in range(scenario.turns)]


def _calendar_html(scenario: Scenario, ruleset: Ruleset) -> str:
    months = _scenario_months(scenario)
    cells = []
    for m in range(1, 13):
        in_play = m in months
        turn = f"<small>turn {months.index(m) + 1}</small>" if in_play else \
            "<small>not played</small>"
        stones = "".join(f"<p class='stone'>{html.escape(s.name)}</p>"
                         for s in scenario.milestones if s.month == m)
        cls = "month" if in_play else "month off"
        cells.append(f"<div class='{cls}'><p class='mname'><b>{MONTHS[m - 1]}</b> {turn}</p>"
                     f"{stones}</div>")
    return f"<div class='calendar'>{''.join(cells)}</div>"


def board_page(ruleset: Ruleset, scenario: Scenario) -> str:
    """The board: tracks, relations, capital and the calendar, on one page."""
    tracks = "".join(_meter_html(m) for m in _track_meters(ruleset, scenario, True))
    relations = "".join(_meter_html(m) for m in _relation_meters(ruleset, scenario))
    cap = scenario.capital
    capital = _meter_html(Meter(cap.name, f"start {cap.start}, at most {cap.max}", 0, cap.max,
                                cap.start))
    legend = ("<p class='legend'><span class='box start'></span> start "
              "<span class='box base'></span> usual level (where values drift back) "
              "<span class='box danger'></span> danger "
              "<span class='box lose'></span> game lost. "
              "Keep a paper clip on each row; write the exact value under <i>now</i> "
              "in pencil.</p>")
    return (f"<section class='page board'><h1>{html.escape(scenario.name)}: the board</h1>"
            f"{legend}<h2>Your country</h2>{tracks}<h2>Relations</h2>{relations}"
            f"<h2>{html.escape(cap.name)}</h2>{capital}"
            f"<h2>Calendar</h2>{_calendar_html(scenario, ruleset)}</section>")


def record_page(ruleset: Ruleset, scenario: Scenario) -> str:
    """The record sheet: markers, counters, hidden tracks, lasting effects, score."""
    parts = [f"<section class='page record'><h1>{html.escape(scenario.name)}: record sheet</h1>"]
    hidden = _track_meters(ruleset, scenario, False)
    if hidden:
        parts.append("<h2>Hidden tracks (for the game master)</h2>")
        parts += [_meter_html(m) for m in hidden]
    if ruleset.flags:
        marks = "".join(f"<li><span class='check'></span>{html.escape(f.name or f.id)}</li>"
                        for f in ruleset.flags.values())
        parts.append(f"<h2>Markers <small>tick when set, rub out when cleared</small></h2>"
                     f"<ul class='markers'>{marks}</ul>")
    if ruleset.counters:
        counts = "".join(f"<li><span class='tally'>{c.start}</span>"
                         f"{html.escape(c.name or c.id)}</li>" for c in ruleset.counters.values())
        parts.append(f"<h2>Counters</h2><ul class='counters'>{counts}</ul>")
    rows = "".join("<tr><td></td><td></td><td></td></tr>" for _ in range(4))
    parts.append("<h2>Lasting effects and follow-ups</h2><table class='lasting'><thead><tr>"
                 "<th>What</th><th>Does each month</th><th>Months left</th></tr></thead>"
                 f"<tbody>{rows}</tbody></table>")
    parts.append(_score_sheet(ruleset, scenario))
    parts.append("</section>")
    return "".join(parts)


def _score_sheet(ruleset: Ruleset, scenario: Scenario) -> str:
    terms = expr_terms(scenario.score, ruleset)
    rows = "".join(f"<tr><td>{html.escape(t)}</td><td class='write'></td></tr>" for t in terms)
    tiers = "; ".join(f"{t.name} {_at_least(t.min_score)}" for t in scenario.tiers)
    return ("<h2>Final score</h2><table class='score'><tbody>"
            f"{rows}<tr class='total'><td>Total</td><td class='write'></td></tr></tbody></table>"
            f"<p class='tiers'>{html.escape(tiers)}</p>")


def _at_least(score: float) -> str:
    return "(any score)" if score <= -999 else f"({score:g} or more)"


# ------------------------------------------------------------ rules page

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


def _rule_paras(rule: Rule, ruleset: Ruleset) -> list[Para]:
    """A standing rule: its name, when it applies and what it does; a roll a face a line."""
    when = []
    if rule.window is not None:
        when.append(_months(*rule.window).replace("month", "in month", 1))
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


def _draws_words(scenario: Scenario, ruleset: Ruleset) -> str:
    """How many cards are drawn each month, per month when it depends only on the date."""
    months = _scenario_months(scenario)
    try:
        expr = scenario.compiled("draws")
    except KeyError:
        expr = None
    if expr is not None and set(expr.names) <= {"month", "turn", "turns_left"}:
        counts: dict[int, list[str]] = {}
        for turn, m in enumerate(months, 1):
            n = int(expr({"month": m, "turn": turn, "turns_left": scenario.turns - turn}))
            counts.setdefault(max(0, n), []).append(MONTHS[m - 1][:3])
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


def _month_paras(ruleset: Ruleset, scenario: Scenario) -> list[Para]:
    """How a month goes, step by step, with the standing rules in words."""
    cap = scenario.capital
    months = _scenario_months(scenario)
    first, last = MONTHS[months[0] - 1], MONTHS[months[-1] - 1]
    # Rules whose months are never played (a shorter preset) are left out.
    rules = [r for r in ruleset.rules.values()
             if r.window is None or any(r.window[0] <= m <= r.window[1] for m in months)]
    start_rules = [p for r in rules if r.phase == "start" for p in _rule_paras(r, ruleset)]
    upkeep_rules = [p for r in rules if r.phase == "upkeep" for p in _rule_paras(r, ruleset)]
    draws = _draws_words(scenario, ruleset)
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
    out = [para("h", f"Each month ({scenario.turns} months, {first} to {last})")]
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
    tiers = "; ".join(f"{t.name} {_at_least(t.min_score)}" for t in scenario.tiers)
    out.append(para("p", ("Then: ", True), tiers + "."))
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
    out += _month_paras(ruleset, scenario)
    out += _end_paras(ruleset, scenario)
    out += _reading_paras(scenario)
    glossary = [para("g", (g.term + ":", True), " " + g.text.strip())
                for g in ruleset.glossary.values()]
    return out, glossary


def _column_height(paras: Iterable[Para], size: float) -> float:
    return sum(para_height(p, RULES_STYLES, size, RULES_COL_W) for p in paras)


def rules_pages(ruleset: Ruleset, scenario: Scenario, preset: Preset | None = None) -> list[str]:
    """The rules summary (one page when it fits), the glossary with it or after it."""
    rules, glossary = rules_paras(ruleset, scenario, preset)
    gloss_head = [para("h", "Glossary")] if glossary else []
    room = 2 * RULES_H * 0.94  # two columns, less what balancing them wastes
    size = RULES_SIZES[-1]
    together = False
    for s in RULES_SIZES:
        if _column_height(rules + gloss_head + glossary, s) <= room:
            size, together = s, True
            break
    if not together:
        size = next((s for s in RULES_SIZES if _column_height(rules, s) <= room),
                    RULES_SIZES[-1])
    title = f"<h1>{html.escape(scenario.name)}: how to play</h1>"
    body = "".join(p.html() for p in rules)
    gloss = "".join(p.html() for p in gloss_head + glossary)
    cls = f"s{int(size * 10)}"
    if together:
        page = f"<section class='page rules {cls}'>{title}<div class='cols'>{body}{gloss}</div>"
        return [page + "</section>"]
    pages = [f"<section class='page rules {cls}'>{title}<div class='cols'>{body}</div></section>"]
    if glossary:
        pages.append(f"<section class='page rules {cls}'><div class='cols'>{gloss}</div>"
                     "</section>")
    return pages


# ------------------------------------------------------------------ page

_CSS = """
@page { size: A4; margin: 10mm }
* { box-sizing: border-box }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact }
body { margin: 0; font-family: FONTS; color: #000; background: #fff; line-height: 1.2;
       font-kerning: normal }
p { margin: 0 }
h1 { font-size: 14pt; margin: 0 0 2mm; font-weight: 700 }
h2 { font-size: 10pt; margin: 3mm 0 1.2mm; font-weight: 700 }
h2 small { font-weight: 400; font-size: 8pt; color: #444; margin-left: 2mm }
.page { width: 190mm; break-after: page; page-break-after: always }
.page:last-child { break-after: auto; page-break-after: auto }
@media screen {
  body { background: #ddd }
  .page { background: #fff; margin: 8mm auto; padding: 10mm; width: 210mm; min-height: 297mm }
}
/* cards: nine to a page, cut along the dashed lines (sizes as CARD_* in deck.py) */
.cards { display: grid; grid-template-columns: repeat(3, 63mm); grid-auto-rows: 88mm;
         justify-content: center }
.card { position: relative; width: 63mm; height: 88mm; border: 0.2mm dashed #777;
        padding: 2.6mm 3mm; overflow-wrap: anywhere; hyphens: none }
.card.s95 { font-size: 9.5pt } .card.s90 { font-size: 9pt }
.card.s85 { font-size: 8.5pt } .card.s80 { font-size: 8pt }
.card.s75 { font-size: 7.5pt } .card.s70 { font-size: 7pt }
.card p.pile { color: #333 }
.card .tag { float: right; margin: -0.3mm 0 0 1.5mm; font-size: 7pt; font-weight: 700;
             border: 0.25mm solid #000; border-radius: 1mm; padding: 0 1mm; line-height: 1.2 }
.card p.title { border-bottom: 0.2mm solid #999; padding-bottom: 0.6mm }
.card p.req { color: #333; font-style: italic }
.card p.more { color: #333; font-style: italic; text-align: right }
.card.action p.pile { font-weight: 700 }
.card.followup p.pile { font-style: italic }
STYLES
/* board */
.meter { display: grid; align-items: stretch; margin: 0 0 1.4mm;
         grid-template-columns: 36mm repeat(var(--boxes), 1fr) 11mm; height: 8.4mm }
.meter .name { padding-right: 1.5mm; font-size: 8.5pt; line-height: 1.1; overflow: hidden }
.meter .name small { display: block; font-size: 7pt; color: #444 }
.box { position: relative; border: 0.2mm solid #888; border-left-width: 0; font-size: 7pt }
.meter .box:first-of-type { border-left-width: 0.2mm }
.box i { font-style: normal; position: absolute; top: 0.4mm; left: 0.6mm; color: #222 }
.box[style]::after { content: ''; position: absolute; left: 0; right: 0; bottom: 0;
   height: 1.3mm; background: repeating-linear-gradient(to right, #999 0 0.15mm,
   transparent 0.15mm calc(100% / var(--n))) }
.box.danger { background: #e3e3e3 }
.box.lose { background: #b9b9b9 }
.box.start { outline: 0.6mm solid #000; outline-offset: -0.7mm; z-index: 1 }
.box.base::before { content: ''; position: absolute; right: 0.7mm; top: 0.8mm; width: 1.6mm;
   height: 1.6mm; border-radius: 50%; background: #000 }
.box.zero { border-left: 0.6mm solid #000 }
.meter .now { border: 0.2mm solid #000; margin-left: 1.5mm; font-size: 6.5pt; color: #666;
              padding: 0.3mm 0.6mm }
.legend { font-size: 8pt; margin-bottom: 1mm }
.legend .box { display: inline-block; width: 5mm; height: 3.5mm; vertical-align: -0.6mm;
               border-left-width: 0.2mm; margin: 0 0.5mm 0 2mm }
.calendar { display: grid; grid-template-columns: repeat(6, 1fr); border-left: 0.2mm solid #888;
            border-top: 0.2mm solid #888 }
.month { border-right: 0.2mm solid #888; border-bottom: 0.2mm solid #888; height: 27mm;
         padding: 1mm 1.2mm; font-size: 8pt }
.month.off { background: #eee; color: #555 }
.month small { color: #555; font-size: 7pt }
.month p.stone { font-size: 7.5pt; font-weight: 700; margin-top: 0.6mm;
                 border-left: 0.6mm solid #000; padding-left: 1mm }
/* record sheet */
.markers { columns: 3; column-gap: 5mm; list-style: none; padding: 0; margin: 0;
           font-size: 8pt }
.markers li { break-inside: avoid; padding: 0.5mm 0 0.5mm 5.5mm; text-indent: -5.5mm }
.check { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.25mm solid #000;
         margin-right: 2.3mm; vertical-align: -0.5mm }
.counters { columns: 3; column-gap: 5mm; list-style: none; padding: 0; margin: 0; font-size: 8pt }
.counters li { break-inside: avoid; padding: 0.6mm 0; display: flex; align-items: center;
               gap: 2mm }
.tally { flex: none; display: inline-block; min-width: 14mm; height: 6mm; border: 0.25mm solid #000;
         color: #777; padding: 0.5mm 1mm; font-size: 7pt }
table { border-collapse: collapse; width: 100%; font-size: 8pt }
td, th { border: 0.2mm solid #888; padding: 1mm 1.5mm; text-align: left; vertical-align: top }
.lasting td { height: 7mm }
.score td.write { width: 24mm }
.score tr.total td { font-weight: 700; border-top: 0.5mm solid #000 }
.tiers { font-size: 8pt; margin-top: 1.2mm }
/* rules summary */
.rules .cols { column-count: 2; column-gap: 6mm; column-fill: balance }
.rules.s85 .cols { font-size: 8.5pt } .rules.s80 .cols { font-size: 8pt }
.rules.s75 .cols { font-size: 7.5pt } .rules.s70 .cols { font-size: 7pt }
.rules p.h { break-after: avoid; border-bottom: 0.2mm solid #999 }
.rules p.h:first-child { margin-top: 0 }
.rules p { break-inside: avoid }
"""


def _css() -> str:
    styles = _style_css(CARD_STYLES, ".card") + "\n" + _style_css(RULES_STYLES, ".rules")
    return _CSS.replace("FONTS", FONT_STACK).replace("STYLES", styles)


def print_deck(ruleset: Ruleset, scenario_id: str | None = None, preset: str | None = None) -> str:
    """The whole deck of a ruleset's scenario as one printable, self-contained HTML page.

    >>> page = print_deck(load_packs([Path("rules/tutorial")]))  # doctest: +SKIP
    >>> "@page" in page
    True

    Raises ``KeyError`` for an unknown scenario or preset.
    """
    scenario = ruleset.scenario_with(scenario_id, preset)
    chosen = next((p for p in scenario.presets if p.id == preset), None)
    pages = rules_pages(ruleset, scenario, chosen)
    pages.append(board_page(ruleset, scenario))
    pages.append(record_page(ruleset, scenario))
    pages += _card_pages(all_faces(ruleset, scenario))
    body = "\n".join(pages)
    name = ruleset.main_pack.name
    title = f"{name}: print-and-play deck"
    chars = "".join(sorted(set(html.unescape(body) + title + "0123456789")))
    fonts = _font_face(chars)
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title>"
            f"<style>\n{fonts}\n{_css()}</style></head>\n<body>\n{body}\n</body></html>\n")
