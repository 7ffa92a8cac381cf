"""The terminal game: ``asean-chair play --text``.

A complete, readable game in a terminal: the month, the tracks and
relations, each card with numbered options, their costs and why an option
is unavailable, what changed and why after each choice; save, undo, quit.
``--auto BOT`` lets a bot play; ``--transcript FILE`` writes one JSON line
per decision.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..bots import Bot, history_baseline, make_bot
from ..engine import Action, Game, GameState, IllegalAction, LogEntry
from ..engine.saves import SaveError, load_game, save_game
from ..rules.describe import option_moves
from ..rules.ruleset import Ruleset
from ..userdata import autosave_path, saves_dir
from .main import UserError, load_rules

WIDTH = 78
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


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
        left = f"  {MONTHS[st.month - 1]}{year} {self.dot} turn {st.turn} of {sc.turns}"
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
        left = max(sc.actions_per_turn - _actions_this_turn(st), 0)
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


def _actions_this_turn(st: GameState) -> int:
    n = 0
    for a in reversed(st.history):
        if a.kind == "act":
            n += 1
        else:
            break
    return n


class Transcript:
    """One JSON line per decision with the state after it (byte-stable)."""

    def __init__(self, path: Path, game: Game) -> None:
        self.file = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        header = {
            "transcript": 1,
            "packs": [{"id": p.id, "version": p.version, "hash": p.digest}
                      for p in game.ruleset.packs],
            "content_hash": game.ruleset.content_hash,
            "scenario": game.scenario.id,
            "preset": game.preset,
            "difficulty": game.difficulty,
            "seed": game.seed,
        }
        self.write(header)

    def write(self, record: dict[str, Any]) -> None:
        self.file.write(json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n")
        self.file.flush()

    def decision(self, st: GameState) -> None:
        self.write(transcript_line(st))

    def close(self) -> None:
        self.file.close()


def transcript_line(st: GameState) -> dict[str, Any]:
    """The transcript record of the state after its last decision."""
    record: dict[str, Any] = {
        "n": len(st.history),
        "action": str(st.history[-1]),
        "turn": st.turn,
        "month": st.month,
        "values": {k: int(v) for k, v in sorted(st.v.items())},
        "pending": str(st.pending.card or st.pending.kind),
    }
    if st.result is not None:
        record["result"] = {"ending": st.result.ending, "score": st.result.score,
                            "tier": st.result.tier}
    return record


HELP = """Type the number of an option and press Enter. Other commands:
  s [FILE]  save the game (to FILE, or to the saves folder)
  u         undo the last decision
  l         show this month's log, with the cause of every change
  g         show the glossary
  b         show the briefing again
  h         this help
  q         quit (the game is autosaved every month)"""


class TextGame:
    """The interactive loop of the terminal game."""

    def __init__(self, state: GameState, ui: TextUI, read: Callable[[str], str],
                 transcript: Transcript | None = None, autosave: bool = True) -> None:
        self.st = state
        self.ui = ui
        self.read = read
        self.transcript = transcript
        self.autosave = autosave
        self.shown_turn = 0
        self.event_no = 0
        self.events_total = 0
        #: Called once the game is over (a classroom team saves its result here).
        self.after_end: Callable[[GameState], None] | None = None

    def briefing(self) -> None:
        sc = self.st.game.scenario
        ui = self.ui
        ui.line(heavy=True)
        ui.say(sc.name.upper())
        ui.line(heavy=True)
        if sc.briefing:
            ui.say(sc.briefing.strip())
            print(file=ui.out)
        tracks = [t for t in self.st.ruleset.tracks.values() if t.visible]
        if tracks:
            ui.say("What you must look after:")
            for t in tracks:
                ui.say(f"- {t.name}: {t.description}", indent=4, hang=2)
        defeats = [e for e in sc.endings if e.defeat and e.if_]
        if defeats:
            ui.say("Ways to lose before the end:")
            for e in defeats:
                ui.say(f"- {e.title}: when {e.if_}", indent=4, hang=2)
        ui.say(f"Each month brings event cards; then spend {sc.capital.name.lower()} on "
               "diplomacy. Type h for help at any prompt.")

    def run(self) -> int:
        ui = self.ui
        while not self.st.is_over:
            if self.st.turn != self.shown_turn:
                self.shown_turn = self.st.turn
                self.event_no = 0
                self.events_total = len(self.st.upcoming)
                if self.autosave:
                    self._autosave()
                ui.header(self.st)
            pending = self.st.pending
            if pending.kind == "event":
                self.event_no += 1
                self.events_total = max(self.events_total, self.event_no + len(self.st.upcoming) - 1)
                ui.card(self.st, self.event_no, self.events_total)
                choices = self.st.choices()
            else:
                ui.diplomacy(self.st)
                choices = self.st.choices()
            action = self.prompt(choices)
            if action is None:
                return 0
            if action == "redraw":
                if pending.kind == "event":
                    self.event_no -= 1
                continue
            assert isinstance(action, Action)
            before_turn = self.st.turn
            try:
                entries = self.st.apply(action)
            except IllegalAction as exc:
                ui.say(f"That is not possible now: {exc.reason}")
                if pending.kind == "event":
                    self.event_no -= 1
                continue
            if self.transcript:
                self.transcript.decision(self.st)
            print(file=ui.out)
            chosen = None
            if action.kind == "choose":
                chosen = f"{action.card}/{action.option}"
                opt = next(o for o in self.st.ruleset.cards[str(action.card)].options
                           if o.id == action.option)
                ui.say(f"You chose: {opt.label}")
                if opt.text:
                    ui.say(opt.text.strip())
            elif action.kind == "act":
                chosen = action.action
                ui.say(f"Action: {self.st.ruleset.actions[action.action or ''].name}")
            else:
                ui.say(f"The {self.st.game.scenario.turn_word} ends.")
            ui.say("What changed:")
            if action.kind == "end_turn" and self.st.turn != before_turn:
                entries = [e for e in entries if e.turn == before_turn]
            ui.changes(self.st, entries, chosen, opt.text.strip() if action.kind == "choose" else "")
            print(file=ui.out)
        ui.result(self.st, history_baseline(self.st))
        if self.autosave:
            self._autosave()
        if self.after_end is not None:
            self.after_end(self.st)
        return 0

    def _autosave(self) -> None:
        try:
            save_game(self.st, autosave_path(), label="autosave")
        except OSError as exc:
            self.ui.say(f"(could not autosave: {exc.strerror})")

    def prompt(self, choices: list[Any]) -> Action | str | None:
        ui = self.ui
        numbered = choices if self.st.pending.kind == "event" else choices[:-1]
        while True:
            try:
                raw = self.read("> ").strip()
            except EOFError:
                ui.say("Input ended; the game is autosaved. Bye.")
                return None
            if not raw:
                continue
            word, _, rest = raw.partition(" ")
            word = word.lower()
            if word.isdigit():
                n = int(word)
                if self.st.pending.kind == "diplomacy" and n == 0:
                    return Action.end_turn()
                if 1 <= n <= len(numbered):
                    c = numbered[n - 1]
                    if not c.legal:
                        ui.say(f"Option {n} is unavailable: {c.why_not}")
                        continue
                    return c.action  # type: ignore[no-any-return]
                top = len(numbered)
                extra = " or 0 to end the month" if self.st.pending.kind == "diplomacy" else ""
                ui.say(f"Type a number from 1 to {top}{extra}.")
                continue
            if word in ("q", "quit", "exit"):
                if self.autosave:
                    self._autosave()
                ui.say("Goodbye. The game is autosaved; continue it with "
                       f"'asean-chair play --text --load {autosave_path()}'.")
                return None
            if word in ("h", "help", "?"):
                ui.say(HELP)
                continue
            if word in ("s", "save"):
                target = Path(rest) if rest else saves_dir() / (
                    f"{self.st.game.scenario.id}-turn{self.st.turn}-seed{self.st.game.seed}.json")
                try:
                    save_game(self.st, target)
                    ui.say(f"Saved to {target}. Load it with: asean-chair play --text --load "
                           f"{target}")
                except OSError as exc:
                    ui.say(f"Could not save to {target}: {exc.strerror}")
                continue
            if word in ("u", "undo"):
                try:
                    undone = self.st.undo()
                except IllegalAction as exc:
                    ui.say(f"Cannot undo: {exc.reason}.")
                    continue
                ui.say(f"Taken back: {describe_action(self.st, undone)}.")
                self.shown_turn = 0
                return "redraw"
            if word in ("l", "log"):
                self.show_log()
                continue
            if word in ("g", "glossary"):
                for g in self.st.ruleset.glossary.values():
                    ui.say(f"{g.term}: {g.text}")
                if not self.st.ruleset.glossary:
                    ui.say("This pack has no glossary.")
                continue
            if word in ("b", "briefing"):
                self.briefing()
                continue
            ui.say("Type a number, or h for help.")

    def show_log(self) -> None:
        rs = self.st.ruleset
        entries = [e for e in (self.st.log or []) if e.turn == self.st.turn]
        for e in entries:
            where = f"  ({e.cause.where})" if e.cause.where else ""
            if e.target is None:
                self.ui.say(f"{e.text}{where}", indent=4)
            else:
                self.ui.say(f"{rs.label(e.target)} {e.before} -> {e.after} "
                            f"[{e.cause.label}]{where}", indent=4)


def _find_pack_for(record: dict[str, Any]) -> Ruleset:
    from ..paths import rules_dir
    from ..rules import load_packs
    from ..rules.loader import _index_packs

    main_id = record["packs"][-1]["id"] if record.get("packs") else None
    index = _index_packs([Path("rules"), rules_dir()])
    if main_id not in index:
        raise UserError(f"the save needs the pack '{main_id}'; give its folder with --pack")
    return load_packs([index[main_id]])  # type: ignore[no-any-return]


def run_text(args: argparse.Namespace) -> int:
    out = sys.stdout
    ui = TextUI(out)
    if args.load:
        from ..engine.saves import read_record

        try:
            record = read_record(args.load)
            ruleset = load_rules(args.pack) if args.pack else _find_pack_for(record)
            loaded = load_game(args.load, ruleset)
        except SaveError as exc:
            raise UserError(str(exc)) from None
        state = loaded.state
        if loaded.note:
            ui.say(loaded.note)
        ui.say(f"Loaded {args.load}: turn {state.turn}.")
    elif getattr(args, "code", None):
        from ..classroom.codes import CodeError
        from ..classroom.session import start_session

        ruleset = load_rules(args.pack, getattr(args, "lang", None))
        try:
            state = start_session(ruleset, args.code).new_state()
        except CodeError as exc:
            raise UserError(str(exc)) from None
    else:
        ruleset = load_rules(args.pack, getattr(args, "lang", None))
        seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
        try:
            game = Game(ruleset, args.scenario, seed, preset=getattr(args, "preset", None),
                        difficulty=getattr(args, "difficulty", None))
        except KeyError as exc:
            raise UserError(str(exc.args[0])) from None
        state = game.new_state()
    transcript = Transcript(Path(args.transcript), state.game) if args.transcript else None
    try:
        if args.auto:
            return _run_auto(state, args, ui, transcript)
        tg = TextGame(state, ui, input, transcript)
        if getattr(args, "code", None):
            tg.after_end = _classroom_result(args, ui)
        if not args.load:
            tg.briefing()
            ui.say(f"Seed {state.game.seed} (to play this same year again: --seed "
                   f"{state.game.seed}).")
        return tg.run()
    finally:
        if transcript:
            transcript.close()


def _classroom_result(args: argparse.Namespace, ui: TextUI) -> Callable[[GameState], None]:
    from ..classroom.session import save_result

    team = args.team
    if not team:
        try:
            team = input("Your team's name (for the result file): ").strip()
        except EOFError:
            team = ""
        team = team or "Team"
    ui.say(f"Classroom session {args.code}, team {team}.")

    def save(state: GameState) -> None:
        path = save_result(state, args.code, team, Path(args.result) if args.result else None)
        ui.say(f"Your result is saved in {path}. Give this file to your teacher.")

    return save


def _run_auto(state: GameState, args: argparse.Namespace, ui: TextUI,
              transcript: Transcript | None) -> int:
    try:
        bot: Bot = make_bot(args.auto, state.game.seed, tuple(state.ruleset.actors))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.quiet:
        while not state.is_over:
            state.apply(bot.choose(state))
            if transcript:
                transcript.decision(state)
        ui.result(state, history_baseline(state) if args.auto != "history" else None)
        return 0
    answers: list[str] = []

    def read(_: str) -> str:
        if not answers:
            action = bot.choose(game.st)
            answers.append(_answer_for(game.st, action))
        text = answers.pop()
        ui.say(f"> {text}", indent=0)
        return text

    game = TextGame(state, ui, read, transcript, autosave=False)
    game.briefing()
    ui.say(f"Seed {state.game.seed}; {bot.name} is playing.")
    return game.run()


def _answer_for(st: GameState, action: Action) -> str:
    if action.kind == "end_turn":
        return "0"
    choices = st.choices()
    for i, c in enumerate(choices, 1):
        if c.action == action:
            return str(i)
    raise AssertionError(f"bot chose an action not offered: {action}")
