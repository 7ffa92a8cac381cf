"""The terminal game's screens: the turn, the tracks and relations, a card
with numbered options, the actions, what changed and why, and the result.

Plain text that fits 78 columns, with bars and arrows drawn in Unicode
where the terminal can show them and in ASCII where it cannot. Every frame
word comes from the scenario (its calendar and words) or from
``assets/locale`` (``text.*``); every text of a pack or a save is cleaned of
control characters before it reaches the terminal.
"""

from __future__ import annotations

import textwrap
from typing import IO, Any

from ..common.logwords import cause_label, log_text, reason_text
from ..common.text import for_terminal
from ..engine import Action, Choice, GameState, LogEntry
from ..phrases import counted, numbers_in, phrase
from ..rules.history import reality
from ..rules.preview import Move, preview
from ..rules.words import describe_expr
from ..turns import turn_name, unit_count

WIDTH = 78


def _unicode_ok(stream: IO[str]) -> bool:
    try:
        "█░—·↑↓".encode(getattr(stream, "encoding", None) or "ascii")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


class TextUI:
    """Prints the game for a person at a terminal."""

    def __init__(self, out: IO[str], language: str = "en", *, modder: bool = False) -> None:
        self.out = out
        self.language = language or "en"
        #: A modder sees where each rule was written and the hidden tracks.
        self.modder = modder
        fancy = _unicode_ok(out)
        self.full, self.empty = ("█", "░") if fancy else ("#", ".")
        self.rule_heavy, self.rule_light = ("═", "─") if fancy else ("=", "-")
        self.dot = " · " if fancy else " | "
        self.up, self.down = ("↑", "↓") if fancy else ("+", "-")
        # Actions whose description was shown once already (then only names).
        self.described: set[str] = set()

    # ------------------------------------------------------------ basics

    def w(self, key: str, **fields: Any) -> str:
        """One of the game's phrases, in the player's language."""
        return phrase(f"text.{key}", self.language, **fields)

    def say(self, text: str = "", indent: int = 2, hang: int = 0) -> None:
        """Print wrapped text (cleaned for the terminal); ``hang`` indents the
        lines after the first."""
        if not text:
            print(file=self.out)
            return
        for para in numbers_in(for_terminal(text), self.language).split("\n"):
            # Links and long names are never cut in two.
            print(textwrap.fill(para, WIDTH, initial_indent=" " * indent,
                                subsequent_indent=" " * (indent + hang),
                                break_long_words=False, break_on_hyphens=False),
                  file=self.out)

    def why(self, st: GameState, why: str | None) -> str:
        """Why a choice is not allowed, in the player's language."""
        return reason_text(why, st.ruleset, self.language)

    def command(self, text: str) -> None:
        """A command to copy, on a line of its own and never wrapped."""
        print("    " + for_terminal(text, single_line=True), file=self.out)

    def line(self, heavy: bool = False) -> None:
        print((self.rule_heavy if heavy else self.rule_light) * WIDTH, file=self.out)

    def bar(self, value: int, low: int, high: int, width: int = 20) -> str:
        span = max(high - low, 1)
        filled = round((value - low) / span * width)
        return self.full * filled + self.empty * (width - filled)

    def shown(self, st: GameState, target: str) -> bool:
        """Whether players may see a value (a hidden track only in modder's mode)."""
        track = st.ruleset.tracks.get(target)
        return self.modder or track is None or track.visible

    def money(self, st: GameState, n: int) -> str:
        """An amount in the scenario's currency: ``2 capital``, ``1 favour``."""
        words = st.game.scenario.words
        return f"{n} {words.currency if n == 1 else words.currencies}"

    def unit(self, st: GameState) -> str:
        return st.game.clock.unit

    def label(self, st: GameState, target: str) -> str:
        return st.game.scenario.capital.name if target == "capital" else st.ruleset.label(target)

    def when(self, st: GameState, turn: int | None = None) -> str:
        """A turn's name, with its year in a month calendar (``May 2022``, ``Week 3``)."""
        return turn_name(st.game.clock, st.turn if turn is None else turn, self.language,
                         year=True)

    def marker(self, st: GameState, card: str, option: str | None = None) -> str:
        """``[Really happened]`` or ``[Made up for this game]``, or nothing
        when the pack does not tell history from invention."""
        found = reality(st.ruleset, card, option)
        if found is None:
            return ""
        return f"[{phrase(f'reality.{found}', self.language)}]"

    # ------------------------------------------------------------ screens

    def header(self, st: GameState) -> None:
        rs = st.ruleset
        sc = st.game.scenario
        cap = sc.capital
        self.line(heavy=True)
        clock = st.game.clock
        if clock.kind == "numbers" and st.game.first_turn == 1:
            # "Week 3 of 16" says it all; "Week 3 · week 3 of 16" would say it twice.
            left = "  " + self.w("numbered", turn=self.when(st), total=st.game.length)
        else:
            left = "  " + self.w("header", turn=self.when(st), dot=self.dot,
                                  unit=self.unit(st), n=st.turns_played, total=st.game.length)
        right = self.w("purse", name=cap.name, have=st.capital, max=cap.max) + "  "
        self.say(left.strip() + right.rjust(max(WIDTH - len(left), len(right) + 1)), indent=2)
        self.line()
        for t in rs.tracks.values():
            if not self.shown(st, t.id):
                continue
            value = st.value(t.id)
            warn = ""
            if t.danger and ((t.danger.below is not None and value <= t.danger.below)
                             or (t.danger.above is not None and value >= t.danger.above)):
                warn = "  " + self.w("danger")
            self.say(f"{for_terminal(t.name, single_line=True):<22} "
                     f"{self.bar(value, t.min, t.max)} {value:>4}{warn}", indent=2)
        rels = [f"{a.name} {st.value('rel.' + a.id):+d}" for a in rs.actors.values()]
        if rels:
            head = sc.words.relations
            self.say(f"{head}: " + self.dot.join(rels), hang=len(head) + 2)
        mods = st.active_modifiers
        if mods:
            items = "; ".join(self.w("lasting", name=name,
                                     left=unit_count(st.game.clock, left, self.language))
                              for _, name, left in mods)
            self.say(self.w("in_force", items=items))
        for m in _milestones_now(st):
            self.say(self.w("milestone", unit=self.unit(st), name=m.name, text=m.text))
        self.line()

    def moves(self, st: GameState, found: tuple[Move, ...]) -> str:
        """``Economy ↑, China ↓ (rivalry), Cohesion ?``."""
        parts = []
        for m in found:
            if not self.shown(st, m.target):
                continue
            if not m.certain:
                sign = "?"
            else:
                sign = self.up if m.low > 0 else self.down
            parts.append(f"{self.label(st, m.target)} {sign}")
        return ", ".join(parts)

    def previews(self, st: GameState, model: Any) -> None:
        """What a choice moves now, what it brings later, and what needs a condition."""
        found = preview(model, st.ruleset, st.v, self.language)
        shown = self.moves(st, found.moves)
        if shown:
            self.say(self.w("moves", items=shown), indent=8, hang=2)
        if found.later:
            self.say(self.w("later", items="; ".join(found.later)), indent=8, hang=2)
        if found.maybe:
            self.say(self.w("maybe", items="; ".join(found.maybe)), indent=8, hang=2)

    def card(self, st: GameState, number: int, total: int) -> None:
        card = st.current_card
        assert card is not None
        title = card.title.upper()
        mark = self.marker(st, card.id)
        self.say(self.w("card", n=number, total=total, unit=self.unit(st), title=title)
                 + (f"  {mark}" if mark else ""))
        self.say(card.text.strip())
        print(file=self.out)
        options = {o.id: o for o in card.options}
        for i, choice in enumerate(st.choices(), 1):
            self.option(st, i, choice, options.get(choice.action.option or ""))

    def option(self, st: GameState, i: int, choice: Choice, model: Any) -> None:
        cost = "  [" + self.w("costs", amount=self.money(st, choice.cost)) + "]" \
            if choice.cost else ""
        if choice.legal:
            self.say(f"{i}) {choice.label}{cost}", indent=4, hang=3)
        else:
            why = self.w("unavailable", why=self.why(st, choice.why_not))
            self.say(f"{i}) {why} {choice.label}", indent=4, hang=3)
        if model is None:
            return
        self.previews(st, model)
        if choice.hint:
            self.say(choice.hint, indent=8)
        for odd in choice.odds:
            self.say(self.w("chance", p=round(odd.chance * 100), text=odd.text), indent=8)

    def diplomacy(self, st: GameState) -> None:
        sc = st.game.scenario
        left = max(sc.actions_per_turn - actions_this_turn(st), 0)
        self.say(counted("text.actions_left", left, self.language, actions=sc.words.actions.upper(),
                         dot=self.dot, have=self.money(st, st.capital), unit=self.unit(st)))
        end = self.w("end_turn", unit=self.unit(st))
        if left == 0:
            self.say(self.w("all_taken", unit=self.unit(st)), indent=4)
            self.say(end, indent=4)
            return
        not_now: dict[str, list[str]] = {}
        for i, c in enumerate(st.choices()[:-1], 1):
            cost = "  [" + self.w("costs", amount=self.money(st, c.cost)) + "]" if c.cost else ""
            action = st.ruleset.actions[c.action.action or ""]
            if c.legal:
                self.say(f"{i}) {c.label}{cost}", indent=4, hang=3)
                if action.text and action.id not in self.described:
                    self.say(action.text.strip(), indent=8)
                    self.described.add(action.id)
                self.previews(st, action)
            elif c.why_not and c.why_not.startswith("costs "):
                head = self.w("not_enough", currency=sc.words.currencies, have=st.capital)
                not_now.setdefault(head, []).append(f"{i}) {c.label} ({c.cost})")
            else:
                why = self.why(st, c.why_not)
                why = why.capitalize() if self.language == "en" else why
                not_now.setdefault(why, []).append(f"{i}) {c.label}")
        for reason, items in not_now.items():
            self.say(f"{reason}: " + "; ".join(items), indent=4, hang=4)
        self.say(end, indent=4)

    def changes(self, st: GameState, entries: list[LogEntry], chosen: str | None = None,
                chosen_text: str = "") -> None:
        """What changed and why: one line per value (its total change, with the
        causes other than the player's own choice), then the messages."""
        lines: dict[str, list[LogEntry]] = {}
        messages: list[str] = []
        for e in entries:
            if e.cause.kind == "turn":
                continue
            if e.target is None:
                if not (e.text.startswith(("You chose:", "Action:")) or (
                        e.cause.kind == "option" and e.cause.id == chosen
                        and e.text == chosen_text)):
                    messages.append(log_text(e, st.ruleset, self.language))
                continue
            if e.target.startswith("mod.") or not self.shown(st, e.target):
                continue
            lines.setdefault(e.target, []).append(e)
        mine = self.w("your_choice")
        for target, changes in lines.items():
            label = self.label(st, target)
            first, last = changes[0], changes[-1]
            if target.startswith("flag."):
                self.say(f"{label}: {self.w('yes' if last.after else 'no')}", indent=4)
                continue
            text = f"{label} {first.before} -> {last.after} ({last.after - first.before:+d})"
            if target.startswith("counter."):
                text = f"{label}: {first.before} -> {last.after}"
            causes: dict[str, int] = {}
            for e in changes:
                name = mine if e.cause.id == chosen else \
                    cause_label(e.cause, st.ruleset, self.language)
                causes[name] = causes.get(name, 0) + e.delta
            if any(n != mine for n in causes):
                parts = [f"{n} {d:+d}" if len(causes) > 1 else n for n, d in causes.items()]
                text += "   " + self.w("because", causes=", ".join(parts))
            self.say(text, indent=4, hang=4)
        for m in messages:
            self.say(f"* {m}", indent=4, hang=2)
        if not lines and not messages:
            self.say(self.w("nothing"), indent=4)

    def result(self, st: GameState, baseline: float | None = None) -> None:
        r = st.result
        assert r is not None
        self.line(heavy=True)
        self.say(self.w("defeat", title=r.title.upper()) if r.defeat else r.title.upper())
        self.say(r.text)
        print(file=self.out)
        self.say(self.w("score", score=f"{r.score:.0f}", rank=r.tier_name))
        if baseline is not None:
            self.say(self.w("baseline", score=f"{baseline:.0f}"))
        for sentence in r.verdict:
            self.say(f"- {sentence}", hang=2)
        self.line(heavy=True)

    def debrief(self, st: GameState, save: str | None) -> None:
        """The debrief's core: what really happened on each card decided, its
        source and question; the class's questions; how to print the rest."""
        rs = st.ruleset
        decided = [(card, option) for _, card, option in st.choices_made
                   if rs.cards[card].history]
        if decided:
            self.say(self.w("debrief_head"))
            if self.language != "en" and any(rs.cards[c].source for c, _ in decided):
                self.say(phrase("reality.sources_in_english", self.language))
            for card_id, option in decided:
                card = rs.cards[card_id]
                print(file=self.out)
                self.say(f"{self.when(st, _turn_of(st, card_id))}: {card.title}")
                self.say(card.history.strip(), indent=4)
                if card.historical_option is not None:
                    if card.historical_option == option:
                        self.say(self.w("debrief_same"), indent=4)
                    else:
                        real = next(o.label for o in card.options
                                    if o.id == card.historical_option)
                        self.say(self.w("debrief_other", label=real), indent=4)
                if card.source:
                    self.say(self.w("source", source=card.source), indent=4)
                if card.discuss:
                    self.say(self.w("discuss", question=card.discuss), indent=4)
            print(file=self.out)
        questions = st.game.scenario.debrief
        if questions:
            self.say(self.w("questions"))
            for i, q in enumerate(questions, 1):
                self.say(f"{i}. {q}", indent=4, hang=3)
            print(file=self.out)
        if save:
            self.say(self.w("full_report"))
            self.command(f"asean-chair report {save} -o debrief.html")


def _turn_of(st: GameState, card: str) -> int:
    return next(t for t, c, _ in st.choices_made if c == card)


def _milestones_now(st: GameState) -> list[Any]:
    """The scenario's milestones that fall in the current turn."""
    from ..rules import timing

    clock = st.game.clock
    found = []
    for m in st.game.scenario.milestones:
        turns = timing.refs([m.turn], clock) if m.turn is not None else \
            timing.months([m.month or 0], clock)
        if st.turn in turns.turns:
            found.append(m)
    return found


def describe_action(ui: TextUI, st: GameState, action: Action) -> str:
    """An action in players' words."""
    rs = st.ruleset
    if action.kind == "choose" and action.card is not None and action.card in rs.cards:
        card = rs.cards[action.card]
        label = next((o.label for o in card.options if o.id == action.option), action.option)
        return ui.w("option_on", label=label, title=card.title)
    if action.kind == "act" and action.action is not None and action.action in rs.actions:
        return ui.w("the_action", name=rs.actions[action.action].name)
    if action.kind == "skip":
        return ui.w("set_aside")
    if action.kind == "inject" and action.card in rs.cards:
        return ui.w("bring_in", title=rs.cards[str(action.card)].title)
    return ui.w("end_of", unit=st.game.clock.unit)


def conditions(st: GameState, condition: str | bool, language: str = "en") -> str:
    """A condition in players' words (for the briefing's ways to lose)."""
    return describe_expr(condition, st.ruleset, language=language)


def actions_this_turn(st: GameState) -> int:
    """How many actions were taken this turn."""
    n = 0
    for a in reversed(st.history):
        if a.kind == "act":
            n += 1
        else:
            break
    return n
