"""The game being played in the window, apart from any drawing.

A :class:`Session` holds the loaded rules and the game state, and is the
only place the window changes a game: through the engine's public API
(``apply``, ``undo``, ``replay``). It autosaves after every decision, so
*Continue* resumes exactly where the player was, and reloads the packs
from disk on F5, replaying the decisions so far.

A session also carries what a classroom adds to a game: the class vote's
tallies (saved in the record's ``extra["votes"]``) and a team's session
code and name (for its result file).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from .. import turns
from ..common.errors import PackNotFound
from ..common.logwords import reason_text
from ..common.packs import folders_for_record
from ..common.userdata import autosave_path, saves_dir
from ..engine import Action, Game, GameState, IllegalAction, LogEntry
from ..engine.saves import SaveError, load_game, read_record, save_game, save_record
from ..rules import RulesError, Ruleset
from ..rules.describe import option_moves
from ..rules.models import Option
from .i18n import language, t, tn
from .packs import load_rules
from .vote import Ballot, read_votes, vote_record

MINUS = "\u2212"  # a real minus sign reads better than a hyphen
#: The engine's English messages that the window says in its own language.
_ENGINE_MESSAGES = (
    (re.compile(r"^This will come back: '(?P<card>.+)' in (?P<n>\d+) [^.]+\.$"),
     "log.come_back"),
    (re.compile(r"^(?P<name>.+) for (?P<n>\d+) [^.]+\.$"), "log.modifier"),
    (re.compile(r"^(?P<name>.+) has ended\.$"), "log.ended"),
)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def signed(n: int) -> str:
    """``+12``, ``−3`` or ``0``."""
    if n > 0:
        return f"+{n}"
    if n < 0:
        return f"{MINUS}{-n}"
    return "0"


@dataclass(frozen=True)
class Team:
    """A team playing a classroom session: its code, its name, where its result goes."""

    code: str
    name: str
    result: Path | None = None

    def result_path(self) -> Path:
        """Where the team's result file is written (the saves folder unless given)."""
        from ..classroom.session import team_file_name

        return self.result or saves_dir() / team_file_name(self.name)


@dataclass(frozen=True)
class Change:
    """One value change of the log, ready to show: what moved, how much, and why."""

    entry: LogEntry
    label: str
    text: str
    cause_kind: str
    cause: str
    where: str


@dataclass(frozen=True)
class Outcome:
    """What one decision did, for the result panel: shown until the player dismisses it."""

    action: Action
    #: The log entries the decision wrote (its changes, knock-on effects and messages).
    entries: tuple[LogEntry, ...]
    #: The turn it was made in.
    turn: int


@dataclass(frozen=True)
class Touch:
    """A value an option will move, as marked on the meters while it is hovered."""

    target: str
    #: +1 up, -1 down, 0 it depends (chance or the state decides).
    sign: int
    #: Moved through another value (a rival's relation cools when one warms up).
    knock_on: bool = False


@dataclass(frozen=True)
class ChoiceRow:
    """A decision of the player beside what really happened."""

    month: str
    card: str
    yours: str
    history: str | None
    same: bool
    note: str


@dataclass
class Session:
    """A game in progress and the rule packs it is played with."""

    folders: list[Path]
    ruleset: Ruleset
    state: GameState
    exact: bool = True
    autosave: bool = True
    status: str = ""
    last_entries: list[LogEntry] = field(default_factory=list)
    #: The language the packs' texts were loaded in (``None``: as written).
    language: str | None = None
    #: A class votes on each card (``asean-chair play --classroom vote``).
    vote_mode: bool = False
    #: The class's votes so far, as saved in ``extra["votes"]``.
    votes: list[dict[str, Any]] = field(default_factory=list)
    #: The teacher revealed the exact effects (hints show numbers whatever the setting).
    reveal: bool = False
    #: A team playing a classroom session code.
    team: Team | None = None
    #: Where the team's result file was written, once the game is over.
    result_file: Path | None = None
    #: A class vote's tally and countdown on the card on screen.
    ballot: Ballot | None = None
    #: The last decision's result, shown until the player dismisses it.
    outcome: Outcome | None = None
    #: The order of the actions in this turn's panel (their numbers stay put).
    action_order: tuple[int, tuple[str, ...]] | None = None
    #: A modder's mode: pack files and lines, hidden tracks.
    modder: bool = False

    # ----------------------------------------------------------- starting

    @classmethod
    def new(cls, folders: list[Path], scenario: str | None = None, seed: int | None = None,
            exact: bool = True, autosave: bool = True, *, preset: str | None = None,
            difficulty: str | None = None, language: str | None = None,
            vote_mode: bool = False) -> Session:
        """A new game. Raises ``RulesError`` (broken pack) or ``KeyError`` (no such
        scenario, preset or difficulty)."""
        ruleset = load_rules(folders, language)
        if seed is None:
            seed = secrets.randbelow(1_000_000)
        sc = ruleset.scenario(scenario)
        if difficulty is not None and difficulty not in {d.id for d in sc.difficulties}:
            known = ", ".join(d.id for d in sc.difficulties) or "none"
            raise KeyError(f"scenario '{sc.id}' has no difficulty '{difficulty}' "
                           f"(difficulties: {known})")
        game = Game(ruleset, scenario, seed, preset=preset, difficulty=difficulty)
        s = cls(list(folders), ruleset, game.new_state(), exact=exact, autosave=autosave,
                language=language, vote_mode=vote_mode)
        s.save_autosave()
        return s

    @classmethod
    def from_code(cls, folders: list[Path], code: str, team: str, result: Path | None = None,
                  exact: bool = True, autosave: bool = True,
                  language: str | None = None) -> Session:
        """A team's game from a classroom session code.

        Raises ``CodeError`` (a mistyped code, or one made for other packs)
        or ``RulesError``. Each folder is tried in turn: the code names its pack.
        """
        from ..classroom.codes import CodeError
        from ..classroom.session import start_session

        first: CodeError | None = None
        for folder in folders:
            try:
                ruleset = load_rules([folder], language)
            except (RulesError, OSError):
                continue
            try:
                game = start_session(ruleset, code)
            except CodeError as exc:
                first = first or exc
                continue
            s = cls([folder], ruleset, game.new_state(), exact=exact, autosave=autosave,
                    language=language, team=Team(code.strip().upper(), team, result))
            s.save_autosave()
            return s
        raise first or CodeError(t("new_game.code_no_pack"))

    @classmethod
    def load(cls, path: Path, folders: list[Path] | None = None, exact: bool = True,
             autosave: bool = True, language: str | None = None) -> Session:
        """A saved game. Raises ``SaveError`` or ``RulesError`` with a clear message."""
        record = read_record(path)
        if not folders:
            try:
                folders = folders_for_record(record)
            except PackNotFound as exc:
                raise SaveError(str(exc)) from None
        ruleset = load_rules(folders, language)
        loaded = load_game(path, ruleset)
        raw = record.get("extra")
        extra: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if isinstance(extra.get("exact_numbers"), bool):
            exact = extra["exact_numbers"]
        s = cls(list(folders), ruleset, loaded.state, exact=exact, autosave=autosave,
                language=language, vote_mode=extra.get("mode") == "vote",
                votes=read_votes(extra.get("votes")))
        team = extra.get("classroom")
        if isinstance(team, dict) and isinstance(team.get("code"), str) \
                and isinstance(team.get("team"), str):
            result = team.get("result")
            s.team = Team(team["code"], team["team"],
                          Path(result) if isinstance(result, str) and result else None)
        s.status = loaded.note
        return s

    # ------------------------------------------------------------- saving

    def record_extra(self) -> dict[str, Any]:
        """What the window adds to a save: the pack folders, the hint setting,
        and a classroom's votes or team."""
        extra: dict[str, Any] = {"pack_dirs": [str(f) for f in self.folders],
                                 "exact_numbers": self.exact,
                                 "turn_name": self.turn_name()}
        if self.vote_mode:
            extra["mode"] = "vote"
        if self.votes or self.vote_mode:
            extra["votes"] = [dict(v) for v in self.votes]
        if self.team is not None:
            extra["classroom"] = {"code": self.team.code, "team": self.team.name}
            if self.team.result is not None:
                extra["classroom"]["result"] = str(self.team.result)
        return extra

    def save_autosave(self) -> None:
        """Write the autosave (errors go to :attr:`status`, never raise)."""
        if not self.autosave:
            return
        try:
            save_game(self.state, autosave_path(), label="autosave", extra=self.record_extra())
        except OSError as exc:
            self.status = t("status.autosave_failed", why=exc.strerror or exc)

    def save_as(self, path: Path | None = None, label: str = "") -> Path:
        """Save the game (by default into the saves folder); raises ``OSError``."""
        if path is None:
            path = saves_dir() / f"{self._file_stem()}.json"
        return save_game(self.state, path, label=label, extra=self.record_extra())

    def _file_stem(self) -> str:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        sc = self.state.game.scenario.id
        return f"{sc}-turn{self.state.turn}-seed{self.state.game.seed}-{stamp}"

    def save_debrief(self, path: Path | None = None) -> Path:
        """Write the printable debrief page (HTML) of the game so far, by default
        next to the saves; raises ``OutputError`` (one line: why)."""
        from ..reports.debrief import debrief_html
        from ..reports.story import tell

        record = save_record(self.state, "debrief", self.record_extra())
        story = tell(self.ruleset, record, language())
        from ..common.outputs import write_output

        target = path or saves_dir() / f"debrief-{self._file_stem()}.html"
        return write_output(target, debrief_html(story, record, language()),
                            what="the debrief page", create_folder=path is None)

    def save_team_result(self) -> Path | None:
        """A team's finished game: write its result file once; returns where
        (``None`` if this is no team's game or it is not over). Raises ``OSError``."""
        if self.team is None or not self.state.is_over:
            return None
        if self.result_file is None:
            from ..classroom.session import save_result

            self.result_file = save_result(self.state, self.team.code, self.team.name,
                                           self.team.result_path())
        return self.result_file

    # ------------------------------------------------------------- playing

    @property
    def exact_shown(self) -> bool:
        """Whether hints show exact numbers now (the setting, or the teacher's reveal)."""
        return self.exact or self.reveal

    def apply(self, action: Action, vote: tuple[dict[str, int], bool] | None = None,
              save: bool = True) -> list[LogEntry]:
        """Apply a decision and autosave; raises ``IllegalAction`` and changes nothing.

        ``vote`` is a class vote's (tallies, tie broken by the teacher), recorded
        with the decision. ``save=False`` leaves the autosave to the caller (the
        window writes it just after showing the decision's result).
        """
        st = self.state
        turn, month = st.turn, st.month
        entries = st.apply(action)
        if vote is not None and action.kind == "choose":
            self.votes.append(vote_record(turn, month, action.card or "", vote[0],
                                          action.option or "", vote[1]))
        self.last_entries = entries
        self.outcome = Outcome(action, tuple(entries), turn) \
            if action.kind in ("choose", "act") else None
        self.status = ""
        if save:
            self.save_autosave()
        return entries

    def undo(self) -> str:
        """Take back the last decision; returns what was undone, in words."""
        st = self.state
        try:
            action = st.undo()
        except IllegalAction as exc:
            return t("status.nothing_to_undo", why=exc.reason)
        if action.kind == "choose" and self.votes:
            last = self.votes[-1]
            if last["card"] == action.card and last["turn"] == st.turn:
                self.votes.pop()
        self.last_entries = []
        self.outcome = None
        self.save_autosave()
        return t("status.undone", what=self.action_label(action))

    def reload(self) -> Session:
        """The same game on the packs as they are on disk now (F5).

        Raises ``RulesError`` if a pack is broken, ``IllegalAction`` if the
        decisions so far no longer fit the changed rules.
        """
        ruleset = load_rules(self.folders, self.language, fresh=True)
        st = self.state
        game = Game(ruleset, st.game.scenario.id, st.game.seed, preset=st.game.preset,
                    difficulty=st.game.difficulty)
        state = game.replay(st.history)
        s = Session(self.folders, ruleset, state, self.exact, self.autosave,
                    language=self.language, vote_mode=self.vote_mode, votes=list(self.votes),
                    reveal=self.reveal, team=self.team, ballot=self.ballot, modder=self.modder)
        s.status = tn("status.reloaded", len(st.history))
        s.save_autosave()
        return s

    def relabel(self, language: str | None) -> Session:
        """The same game with the packs' texts in another language.

        Raises ``RulesError`` or ``IllegalAction`` like :meth:`reload`.
        """
        moved = Session(self.folders, self.ruleset, self.state, self.exact, self.autosave,
                        language=language, vote_mode=self.vote_mode, votes=self.votes,
                        reveal=self.reveal, team=self.team, result_file=self.result_file,
                        ballot=self.ballot, modder=self.modder)
        s = moved.reload()
        s.status = ""
        return s

    # ------------------------------------------------------------ reading

    @property
    def scenario(self) -> Any:
        """The scenario being played."""
        return self.state.game.scenario

    def turn_name(self, turn: int | None = None, *, year: bool = True) -> str:
        """``March 2022``: a turn's name (default: the current one's), with the year."""
        return turns.turn_name(self.scenario, self.state.turn if turn is None else turn,
                               language(), year=year)

    def turn_short(self, turn: int) -> str:
        """A turn's short name (``Mar``)."""
        return turns.turn_short(self.scenario, min(turn, self.scenario.turns), language())

    def months(self) -> list[int]:
        """The calendar month of every turn of the scenario."""
        return turns.turn_months(self.scenario)

    @property
    def first_turn(self) -> int:
        """The first turn this game plays (a preset may start later)."""
        return self.state.game.first_turn

    @property
    def last_turn(self) -> int:
        """The last turn this game plays."""
        return self.state.game.last_turn

    def milestones(self) -> dict[int, list[Any]]:
        """The scenario's milestones by the turn they fall in."""
        from ..rules import timing

        clock = self.state.game.clock
        out: dict[int, list[Any]] = {}
        for m in self.scenario.milestones:
            found = timing.refs([m.turn], clock) if m.turn is not None \
                else timing.months([m.month or 0], clock)
            for turn in found.turns:
                out.setdefault(turn, []).append(m)
        return out

    def label(self, target: str, short: bool = False) -> str:
        """A readable name for a value (``rel.usa`` -> ``United States`` or ``US``)."""
        rs = self.ruleset
        if target == "capital":
            return str(self.scenario.capital.name)
        if short and target.startswith("rel."):
            actor = rs.actors.get(target[4:])
            if actor is not None and actor.short:
                return actor.short
        return rs.label(target)

    def shown(self, target: str) -> bool:
        """Whether players see this value (hidden tracks and flags are not shown)."""
        rs = self.ruleset
        if target in rs.tracks:
            return rs.tracks[target].visible or self.modder
        return target.startswith("rel.") or target == "capital"

    def moves(self, model: Any) -> list[tuple[str, str, int]]:
        """What an option or action moves, for its hint line: (label, text, sign).

        With exact numbers: ``("North", "North +12", 1)``; with hints only:
        ``("North", "North +", 1)``; ``?`` when chance or the state decides.
        """
        out = []
        for target, total in option_moves(cast(Option, model)):
            if not self.shown(target) or target == "capital":
                continue
            label = self.label(target, short=True)
            if total is None:
                out.append((label, f"{label} ?", 0))
            elif self.exact_shown:
                out.append((label, f"{label} {signed(total)}", (total > 0) - (total < 0)))
            else:
                sign = "+" if total > 0 else MINUS if total < 0 else "="
                out.append((label, f"{label} {sign}", (total > 0) - (total < 0)))
        return out

    def touches(self, model: Any) -> list[Touch]:
        """The values an option or action moves (direct), and the rivals' relations its
        gains cool (knock-on), for marking the meters while it is hovered or focused."""
        rs = self.ruleset
        out: list[Touch] = []
        seen: set[str] = set()
        for target, total in option_moves(cast(Option, model)):
            if not self.shown(target) or target == "capital":
                continue
            sign = 0 if total is None else (total > 0) - (total < 0)
            out.append(Touch(target, sign))
            seen.add(target)
        for touch in list(out):
            actor = rs.actors.get(touch.target[4:]) if touch.target.startswith("rel.") else None
            if actor is None or touch.sign < 0:
                continue
            for rival, factor in actor.rivals.items():
                name = f"rel.{rival}"
                if factor > 0 and name not in seen and rival in rs.actors:
                    out.append(Touch(name, -1 if touch.sign > 0 else 0, knock_on=True))
                    seen.add(name)
        return out

    # ------------------------------------------------------- frame words

    def words(self) -> dict[str, str]:
        """The scenario's frame words for the window's phrases: ``{unit}``, ``{units}``,
        ``{currency}``, ``{currencies}``, ``{side}``, ``{relations}``, ``{actions}``."""
        sc = self.scenario
        clock = self.state.game.clock
        w = sc.words
        return {"unit": clock.unit, "units": clock.units, "Unit": _cap(clock.unit),
                "UNIT": clock.unit.upper(),
                "currency": w.currency, "currencies": w.currencies, "side": w.side,
                "relations": w.relations, "actions": w.actions,
                "capital_name": sc.capital.name}

    def amount(self, n: int) -> str:
        """``1 favour``, ``3 favours``: an amount of the scenario's currency."""
        w = self.scenario.words
        return t("board.amount", n=n, currency=w.currency if n == 1 else w.currencies)

    def unit_count(self, n: int) -> str:
        """``1 week``, ``3 weeks``: a number of turns in the calendar's words."""
        return turns.unit_count(self.state.game.clock, n, language())

    def action_label(self, action: Action) -> str:
        """A decision in players' words."""
        rs = self.ruleset
        if action.kind == "choose":
            card = rs.cards.get(action.card or "")
            if card is not None:
                opt = next((o for o in card.options if o.id == action.option), None)
                if opt is not None:
                    return t("action.choose", option=opt.label, card=card.title)
        if action.kind == "act":
            act = rs.actions.get(action.action or "")
            if act is not None:
                return act.name
        if action.kind == "end_turn":
            return t("action.end_turn", **self.words())
        if action.kind == "skip":
            return t("action.skip")
        if action.kind == "inject":
            card = rs.cards.get(action.card or "")
            return t("action.inject", card=card.title if card else action.card)
        return str(action)

    def why(self, why: str | None) -> str:
        """Why a choice is not allowed, in the window's language."""
        return reason_text(why, self.ruleset, language())

    def cause_short(self, e: LogEntry) -> str:
        """The cause of a change in a few words (a card's title rather than card and option)."""
        kind = e.cause.kind
        if kind == "option":
            card = self.ruleset.cards.get(e.cause.id.partition("/")[0])
            if card is not None:
                return card.title
        if kind == "income":
            return t("cause.income_of", capital=self.scenario.capital.name)
        if kind == "spill":
            actor = self.ruleset.actors.get(e.cause.id)
            if actor is not None:
                return t("cause.spill_of", actor=actor.name)
        if kind == "schedule":
            label = e.cause.label.removesuffix(" (later)")
            return t("cause.later", what=label)
        if kind == "turn":
            return t("cause.turn", **self.words())
        return e.cause.label

    def change(self, e: LogEntry) -> Change | None:
        """A log entry as a :class:`Change`, or ``None`` for values players do not see."""
        if e.target is None or not self.shown(e.target):
            return None
        label = self.label(e.target)
        text = t("change.line", label=label, delta=signed(e.delta), before=e.before,
                 after=e.after)
        kinds = ("option", "action", "rule", "income", "spill", "modifier", "schedule", "ending",
                 "turn", "teacher")
        kind = t(f"cause.{e.cause.kind}", **self.words()) if e.cause.kind in kinds \
            else e.cause.kind
        return Change(e, label, text, kind, self.cause_short(e), e.cause.where)

    def log_text(self, e: LogEntry) -> str:
        """A log message in the window's language (the engine writes English;
        the messages it repeats are put in other words here, the rest shown as written)."""
        text = e.text
        for prefix, key, field_name in (("You chose: ", "log.you_chose", "option"),
                                        ("Action: ", "log.action", "action")):
            if text.startswith(prefix):
                return t(key, **{field_name: text[len(prefix):]})
        if e.cause.kind == "teacher":
            card = self.ruleset.cards.get(e.cause.id)
            title = card.title if card is not None else e.cause.id
            return t("log.teacher_inject" if "brought" in text else "log.teacher_skip",
                     card=title)
        for pattern, key in _ENGINE_MESSAGES:
            found = pattern.match(text)
            if found:
                named = found.groupdict()
                if "n" in named:
                    named["count"] = self.unit_count(int(named.pop("n")))
                return t(key, **named)
        return text

    def changes_in(self, turn: int) -> list[Change]:
        """Every visible value change logged in ``turn``."""
        out = []
        for e in self.state.log or []:
            if e.turn == turn:
                c = self.change(e)
                if c is not None:
                    out.append(c)
        return out

    def messages_in(self, turn: int) -> list[LogEntry]:
        """The log's messages (not value changes) of ``turn``."""
        return [e for e in self.state.log or [] if e.turn == turn and e.target is None
                and e.cause.kind != "turn"]

    def chart_targets(self, relations: bool = False) -> list[str]:
        """The values the end-of-year chart draws: visible tracks, or relations."""
        rs = self.ruleset
        if relations:
            return [f"rel.{a}" for a in rs.actors]
        return [t.id for t in rs.tracks.values() if t.visible]

    def series(self, targets: list[str]) -> dict[str, list[int]]:
        """Each target's value at the start and at the end of every turn played."""
        rs = self.ruleset
        cur: dict[str, int] = {}
        for name in targets:
            if name in rs.tracks:
                cur[name] = rs.tracks[name].start
            elif name.startswith("rel.") and name[4:] in rs.actors:
                cur[name] = rs.actors[name[4:]].relation.start
        out: dict[str, list[int]] = {t: [v] for t, v in cur.items()}
        turn = 1
        for e in self.state.log or []:
            while e.turn > turn:
                for name, values in out.items():
                    values.append(cur[name])
                turn += 1
            if e.target in cur:
                cur[e.target] = e.after
        for name, values in out.items():
            values.append(self.state.value(name))
        return out

    def choice_rows(self) -> list[ChoiceRow]:
        """Every card decision, beside the real (historical) choice where the pack records it."""
        rs = self.ruleset
        rows = []
        for turn, card_id, option_id in self.state.choices_made:
            card = rs.cards.get(card_id)
            if card is None:
                continue
            labels = {o.id: o.label for o in card.options}
            hist = labels.get(card.historical_option or "") if card.historical_option else None
            month = self.turn_short(turn)
            rows.append(ChoiceRow(month, card.title, labels.get(option_id, option_id), hist,
                                  hist is not None and card.historical_option == option_id,
                                  card.history.strip()))
        return rows

    def actions_left(self) -> int:
        """Diplomacy actions still allowed this month."""
        n = 0
        for a in reversed(self.state.history):
            if a.kind != "act":
                break
            n += 1
        return max(int(self.scenario.actions_per_turn) - n, 0)
