"""The terminal game: ``asean-chair play --text``.

A complete, readable game in a terminal: the month, the tracks and
relations, each card with numbered options, their costs and why an option
is unavailable, what changed and why after each choice; save, undo, quit.
``--auto BOT`` lets a bot play; ``--transcript FILE`` writes one JSON line
per decision.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..bots import Bot, history_baseline, make_bot
from ..common.errors import UserError
from ..common.packs import load_rules
from ..common.userdata import autosave_path, saves_dir
from ..engine import Action, Game, GameState, IllegalAction
from ..engine.saves import SaveError, load_game, save_game
from .packs import rules_for_save
from .textui import TextUI, describe_action
from .transcript import Transcript

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


def run_text(args: argparse.Namespace) -> int:
    """Play in the terminal (a person, or a bot with ``--auto``); returns the exit code."""
    out = sys.stdout
    ui = TextUI(out)
    if args.load:
        from ..engine.saves import read_record

        try:
            record = read_record(args.load)
            ruleset = rules_for_save(record, args.pack)
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
