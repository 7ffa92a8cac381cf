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
from ..common.logwords import cause_label, log_text
from ..common.outputs import OutputError, write_output
from ..common.packs import load_rules
from ..common.userdata import autosave_path, saves_dir
from ..engine import Action, Game, GameState, IllegalAction, LogEntry
from ..engine.saves import SaveError, load_game, save_game, save_text
from .packs import rules_for_save
from .textui import TextUI, conditions, describe_action
from .transcript import Transcript


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
        st = self.st
        sc = st.game.scenario
        ui = self.ui
        ui.line(heavy=True)
        ui.say(sc.name.upper())
        ui.line(heavy=True)
        if st.game.briefing:
            ui.say(st.game.briefing.strip())
            print(file=ui.out)
        tracks = [t for t in st.ruleset.tracks.values() if ui.shown(st, t.id)]
        if tracks:
            ui.say(ui.w("look_after"))
            for t in tracks:
                ui.say(f"- {t.name}: {t.description}", indent=4, hang=2)
        defeats = [e for e in sc.endings if e.defeat and e.if_]
        if defeats:
            ui.say(ui.w("lose"))
            for e in defeats:
                # A condition on a hidden track keeps its secret: the title only.
                names = e.compiled("if").names if e.if_ is not None else frozenset()
                if all(ui.shown(st, n) for n in names):
                    line = ui.w("lose_when", title=e.title,
                                condition=conditions(st, e.if_ or False, ui.language))
                else:
                    line = e.title
                ui.say("- " + line, indent=4, hang=2)
        ui.say(ui.w("each_turn", unit=st.game.clock.unit, currency=sc.words.currencies,
                    actions=sc.words.actions.lower()))

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
                self.events_total = max(self.events_total,
                                        self.event_no + len(self.st.upcoming) - 1)
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
                ui.say(ui.w("not_possible", why=exc.reason))
                if pending.kind == "event":
                    self.event_no -= 1
                continue
            if self.transcript:
                self.transcript.decision(self.st)
            print(file=ui.out)
            self.report(action, entries, before_turn)
        ui.result(self.st, history_baseline(self.st.game))
        if self.autosave:
            self._autosave()
        ui.debrief(self.st, str(autosave_path()) if self.autosave else None)
        if self.after_end is not None:
            self.after_end(self.st)
        return 0

    def report(self, action: Action, entries: list[LogEntry], before_turn: int) -> None:
        """What a decision changed and why; at the end of a turn, also what
        the next turn brought as it began (income, payoffs, follow-ups)."""
        ui = self.ui
        st = self.st
        chosen = None
        chosen_text = ""
        if action.kind == "choose":
            chosen = f"{action.card}/{action.option}"
            opt = next(o for o in st.ruleset.cards[str(action.card)].options
                       if o.id == action.option)
            mark = ui.marker(st, str(action.card), opt.id)
            ui.say(ui.w("you_chose", label=opt.label) + (f"  {mark}" if mark else ""))
            if opt.text:
                chosen_text = opt.text.strip()
                ui.say(chosen_text)
        elif action.kind == "act":
            chosen = action.action
            ui.say(ui.w("action", name=st.ruleset.actions[action.action or ""].name))
        else:
            ui.say(ui.w("turn_ends", unit=st.game.clock.unit))
        ui.say(ui.w("changed"))
        ui.changes(st, [e for e in entries if e.turn == before_turn], chosen, chosen_text)
        later = [e for e in entries if e.turn != before_turn]
        if later and not st.is_over:
            print(file=ui.out)
            ui.say(ui.w("begins", turn=ui.when(st)))
            ui.changes(st, later)
        print(file=ui.out)

    def _autosave(self) -> None:
        try:
            save_game(self.st, autosave_path(), label="autosave")
        except OSError as exc:
            self.ui.say(self.ui.w("autosave_failed", why=exc.strerror))

    def prompt(self, choices: list[Any]) -> Action | str | None:
        ui = self.ui
        numbered = choices if self.st.pending.kind == "event" else choices[:-1]
        while True:
            try:
                raw = self.read("> ").strip()
            except EOFError:
                ui.say(ui.w("input_ended"))
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
                        ui.say(ui.w("option_unavailable", n=n, why=ui.why(self.st, c.why_not)))
                        continue
                    return c.action  # type: ignore[no-any-return]
                if self.st.pending.kind == "diplomacy":
                    ui.say(ui.w("type_number_or_end", top=len(numbered),
                                unit=self.st.game.clock.unit))
                else:
                    ui.say(ui.w("type_number", top=len(numbered)))
                continue
            if word in ("q", "quit", "exit"):
                if self.autosave:
                    self._autosave()
                ui.say(ui.w("goodbye", save=autosave_path()))
                return None
            if word in ("h", "help", "?"):
                ui.say(ui.w("help", unit=self.st.game.clock.unit))
                continue
            if word in ("s", "save"):
                target = Path(rest) if rest else saves_dir() / (
                    f"{self.st.game.scenario.id}-turn{self.st.turn}-seed{self.st.game.seed}.json")
                try:
                    written = write_output(target, save_text(self.st), what="the game",
                                           keep=True)
                    ui.say(ui.w("saved", path=written))
                except OutputError as exc:
                    ui.say(ui.w("not_saved", why=str(exc)))
                continue
            if word in ("u", "undo"):
                try:
                    undone = self.st.undo()
                except IllegalAction as exc:
                    ui.say(ui.w("cannot_undo", why=exc.reason))
                    continue
                ui.say(ui.w("taken_back", what=describe_action(ui, self.st, undone)))
                self.shown_turn = 0
                return "redraw"
            if word in ("l", "log"):
                self.show_log()
                continue
            if word in ("g", "glossary"):
                for g in self.st.ruleset.glossary.values():
                    ui.say(f"{g.term}: {g.text}")
                if not self.st.ruleset.glossary:
                    ui.say(ui.w("no_glossary"))
                continue
            if word in ("b", "briefing"):
                self.briefing()
                continue
            ui.say(ui.w("type_or_help"))

    def show_log(self) -> None:
        st = self.st
        ui = self.ui
        entries = [e for e in (st.log or []) if e.turn == st.turn]
        for e in entries:
            where = f"  ({e.cause.where})" if e.cause.where and ui.modder else ""
            if e.target is None:
                ui.say(f"{log_text(e, st.ruleset, ui.language)}{where}", indent=4)
            elif ui.shown(st, e.target) and not e.target.startswith("mod."):
                ui.say(f"{ui.label(st, e.target)} {e.before} -> {e.after} "
                       f"[{cause_label(e.cause, st.ruleset, ui.language)}]{where}", indent=4)


def run_text(args: argparse.Namespace) -> int:
    """Play in the terminal (a person, or a bot with ``--auto``); returns the exit code."""
    out = sys.stdout
    ui = TextUI(out, getattr(args, "lang", None) or "en", modder=getattr(args, "modder", False))
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
        ui.say(ui.w("loaded", path=args.load, turn=ui.when(state)))
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
            ui.say(ui.w("seed", seed=state.game.seed))
        return tg.run()
    finally:
        if transcript:
            transcript.close()


def _classroom_result(args: argparse.Namespace, ui: TextUI,
                      ask: bool = True) -> Callable[[GameState], None]:
    team = args.team
    if not team and ask:
        try:
            team = input(ui.w("team_name")).strip()
        except EOFError:
            team = ""
    team = team or "Team"
    ui.say(ui.w("session", code=args.code, team=team))

    def save(state: GameState) -> None:
        from ..classroom.session import keep_result

        kept = keep_result(state, args.code, team, Path(args.result) if args.result else None)
        for note in kept.notes:
            ui.say(note)
        ui.say(ui.w("result_saved", path=kept.path))

    return save


def _run_auto(state: GameState, args: argparse.Namespace, ui: TextUI,
              transcript: Transcript | None) -> int:
    try:
        bot: Bot = make_bot(args.auto, state.game.seed, tuple(state.ruleset.actors),
                            ruleset=state.ruleset)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    after_end = _classroom_result(args, ui, ask=False) if getattr(args, "code", None) else None
    if args.quiet:
        while not state.is_over:
            state.apply(bot.choose(state))
            if transcript:
                transcript.decision(state)
        ui.result(state, history_baseline(state.game) if args.auto != "history" else None)
        if after_end is not None:
            after_end(state)
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
    game.after_end = after_end
    game.briefing()
    ui.say(ui.w("bot_playing", seed=state.game.seed, bot=bot.name))
    return game.run()


def _answer_for(st: GameState, action: Action) -> str:
    if action.kind == "end_turn":
        return "0"
    choices = st.choices()
    for i, c in enumerate(choices, 1):
        if c.action == action:
            return str(i)
    raise AssertionError(f"bot chose an action not offered: {action}")
