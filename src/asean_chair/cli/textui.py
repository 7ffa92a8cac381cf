"""The terminal game's screens: the month, the tracks and relations, a card
with numbered options, diplomacy, what changed and why, and the result.

Plain text that fits 78 columns, with bars and arrows drawn in Unicode
where the terminal can show them and in ASCII where it cannot.
"""

from __future__ import annotations

import textwrap
from typing import IO

from ..engine import Action, GameState, LogEntry
from ..rules.describe import option_moves
from ..turns import turn_name

WIDTH = 78


def _unicode_ok(stream: IO[str]) -> bool:
    try:
        "█░—·↑↓".encode(getattr(stream, "encoding", None) or "ascii")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


class TextUI:
    """Prints the game for a person at a terminal."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        fancy = _unicode_ok(out)
        self.full, self.empty = ("█", "░") if fancy else ("#", ".")
        self.rule_heavy, self.rule_light = ("═", "─") if fancy else ("=", "-")
        self.dot = "·" if fancy else "|"
        self.up, self.down = ("↑", "↓") if fancy else ("+", "-")
        # Actions whose description was shown once already (then only names).
        self.described: set[str] = set()

    def say(self, text: str = "", indent: int = 2, hang: int = 0) -> None:
        """Print wrapped text; ``hang`` indents the lines after the first."""
        if not text:
            print(file=self.out)
            return
        for para in text.split("\n"):
            print(textwrap.fill(para, WIDTH, initial_indent=" " * indent,
                                subsequent_indent=" " * (indent + hang)), file=self.out)

    def line(self, heavy: bool = False) -> None:
        print((self.rule_heavy if heavy else self.rule_light) * WIDTH, file=self.out)

    def bar(self, value: int, low: int, high: int, width: int = 20) -> str:
        span = max(high - low, 1)
        filled = round((value - low) / span * width)
        return self.full * filled + self.empty * (width - filled)

    # ------------------------------------------------------------ screens

    def header(self, st: GameState) -> None:
        rs = st.ruleset
        sc = st.game.scenario
        year = f" {sc.year}" if sc.year else ""
        cap = sc.capital
        self.line(heavy=True)
        left = f"  {turn_name(sc, st.turn)}{year} {self.dot} turn {st.turn} of {sc.turns}"
        right = f"{cap.name}: {st.capital}/{cap.max}  "
        print(left + right.rjust(WIDTH - len(left)), file=self.out)
        self.line()
        for t in rs.tracks.values():
            if not t.visible:
                continue
            value = st.value(t.id)
            warn = ""
            if t.danger and ((t.danger.below is not None and value <= t.danger.below)
                             or (t.danger.above is not None and value >= t.danger.above)):
                warn = "  ! danger"
            print(f"  {t.name:<22} {self.bar(value, t.min, t.max)} {value:>4}{warn}",
                  file=self.out)
        rels = [f"{a.name} {st.value('rel.' + a.id):+d}" for a in rs.actors.values()]
        if rels:
            self.say("Relations: " + f"  {self.dot}  ".join(rels), hang=11)
        mods = st.active_modifiers
        if mods:
            self.say("In force: " + "; ".join(f"{name} ({left} more month{'s' * (left != 1)})"
                                               for _, name, left in mods))
        milestones = [m for m in sc.milestones if m.month == st.month]
        for m in milestones:
            self.say(f"This month: {m.name}. {m.text}")
        self.line()

    def card(self, st: GameState, number: int, total: int) -> None:
        card = st.current_card
        assert card is not None
        rs = st.ruleset
        self.say(f"Event {number} of {total} this month: {card.title.upper()}")
        self.say(card.text.strip())
        print(file=self.out)
        for i, (choice, opt) in enumerate(zip(st.choices(), card.options), 1):
            cost = f"  [costs {choice.cost}]" if choice.cost else ""
            if choice.legal:
                self.say(f"{i}) {choice.label}{cost}", indent=4, hang=3)
            else:
                self.say(f"{i}) (unavailable: {choice.why_not}) {choice.label}", indent=4, hang=3)
            moves = option_moves(opt)
            if moves:
                parts = []
                for target, total_ in moves:
                    sign = "?" if total_ is None else self.up if total_ > 0 else self.down
                    parts.append(f"{rs.label(target)} {sign}")
                self.say("moves: " + ", ".join(parts), indent=8)
            if choice.hint:
                self.say(choice.hint, indent=8)
            for odd in choice.odds:
                self.say(f"{round(odd.chance * 100)}% chance: {odd.text}", indent=8)

    def diplomacy(self, st: GameState) -> None:
        sc = st.game.scenario
        word = sc.turn_word
        left = max(sc.actions_per_turn - actions_this_turn(st), 0)
        self.say(f"DIPLOMACY {self.dot} {st.capital} capital {self.dot} {left} action"
                 f"{'s' * (left != 1)} left this {word}")
        if left == 0:
            self.say(f"You have taken every action allowed this {word}.", indent=4)
            self.say(f"0) End the {word}", indent=4)
            return
        not_now: dict[str, list[str]] = {}
        for i, c in enumerate(st.choices()[:-1], 1):
            cost = f"  [costs {c.cost}]" if c.cost else ""
            if c.legal:
                self.say(f"{i}) {c.label}{cost}", indent=4, hang=3)
                action = st.ruleset.actions[c.action.action or ""]
                if action.text and action.id not in self.described:
                    self.say(action.text.strip(), indent=8)
                    self.described.add(action.id)
            elif c.why_not and c.why_not.startswith("costs "):
                not_now.setdefault(f"Not enough capital (you have {st.capital})", []).append(
                    f"{i}) {c.label} ({c.cost})")
            else:
                not_now.setdefault(str(c.why_not).capitalize(), []).append(f"{i}) {c.label}")
        for reason, items in not_now.items():
            self.say(f"{reason}: " + "; ".join(items), indent=4, hang=4)
        self.say(f"0) End the {word}", indent=4)

    def changes(self, st: GameState, entries: list[LogEntry], chosen: str | None = None,
                chosen_text: str = "") -> None:
        """What changed and why: one line per value (its total change, with the
        causes other than the player's own choice), then the messages."""
        rs = st.ruleset
        lines: dict[str, list[LogEntry]] = {}
        messages: list[str] = []
        for e in entries:
            if e.cause.kind == "turn":
                continue
            if e.target is None:
                if not (e.text.startswith(("You chose:", "Action:")) or (
                        e.cause.kind == "option" and e.cause.id == chosen
                        and e.text == chosen_text)):
                    messages.append(e.text)
                continue
            if e.target.startswith("mod.") or (
                    e.target in rs.tracks and not rs.tracks[e.target].visible):
                continue
            lines.setdefault(e.target, []).append(e)
        for target, changes in lines.items():
            label = st.game.scenario.capital.name if target == "capital" else rs.label(target)
            first, last = changes[0], changes[-1]
            if target.startswith("flag."):
                self.say(f"{label}: {'yes' if last.after else 'no'}", indent=4)
                continue
            text = f"{label} {first.before} -> {last.after} ({last.after - first.before:+d})"
            if target.startswith("counter."):
                text = f"{label}: {first.before} -> {last.after}"
            causes: dict[str, int] = {}
            for e in changes:
                name = "your choice" if e.cause.id == chosen else e.cause.label
                causes[name] = causes.get(name, 0) + e.delta
            others = [(n, d) for n, d in causes.items() if n != "your choice"]
            if others:
                parts = [f"{n} {d:+d}" if len(causes) > 1 else n for n, d in causes.items()]
                text += "   because: " + ", ".join(parts)
            self.say(text, indent=4, hang=4)
        for m in messages:
            self.say(f"* {m}", indent=4, hang=2)
        if not lines and not messages:
            self.say("Nothing changed.", indent=4)

    def result(self, st: GameState, baseline: float | None = None) -> None:
        r = st.result
        assert r is not None
        self.line(heavy=True)
        self.say(("DEFEAT: " if r.defeat else "") + r.title.upper())
        self.say(r.text)
        print(file=self.out)
        self.say(f"Score: {r.score:.0f}    Rank: {r.tier_name}")
        if baseline is not None:
            self.say(f"The real 2022, replayed with the historical choices, scores "
                     f"{baseline:.0f} on this seed.")
        for sentence in r.verdict:
            self.say(f"- {sentence}", hang=2)
        self.line(heavy=True)


def describe_action(st: GameState, action: Action) -> str:
    """An action in players' words."""
    rs = st.ruleset
    if action.kind == "choose" and action.card is not None and action.card in rs.cards:
        card = rs.cards[action.card]
        label = next((o.label for o in card.options if o.id == action.option), action.option)
        return f"'{label}' on '{card.title}'"
    if action.kind == "act" and action.action is not None and action.action in rs.actions:
        return f"the action '{rs.actions[action.action].name}'"
    if action.kind == "skip":
        return "setting a card aside"
    if action.kind == "inject" and action.card in rs.cards:
        return f"bringing in '{rs.cards[str(action.card)].title}'"
    return "ending the month"


def actions_this_turn(st: GameState) -> int:
    """How many diplomacy actions were taken this turn."""
    n = 0
    for a in reversed(st.history):
        if a.kind == "act":
            n += 1
        else:
            break
    return n
