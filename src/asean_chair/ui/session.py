"""The game being played in the window, apart from any drawing.

A :class:`Session` holds the loaded rules and the game state, and is the
only place the window changes a game: through the engine's public API
(``apply``, ``undo``, ``replay``). It autosaves after every decision, so
*Continue* resumes exactly where the player was, and reloads the packs
from disk on F5, replaying the decisions so far.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from ..engine import Action, Game, GameState, IllegalAction, LogEntry
from ..engine.saves import SaveError, load_game, read_record, save_game
from ..paths import default_pack, rules_dir
from ..rules import RulesError, Ruleset
from ..rules.describe import option_moves
from ..rules.models import Option
from ..userdata import autosave_path, saves_dir

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MINUS = "\u2212"  # a real minus sign reads better than a hyphen


def load_rules(folders: list[Path]) -> Ruleset:
    """Load packs from folders; raises ``RulesError`` with every problem."""
    from ..rules import load_packs

    return cast(Ruleset, load_packs(folders))


def signed(n: int) -> str:
    """``+12``, ``−3`` or ``0``."""
    if n > 0:
        return f"+{n}"
    if n < 0:
        return f"{MINUS}{-n}"
    return "0"


@dataclass(frozen=True)
class PackChoice:
    """A pack folder the new-game screen offers, with its scenarios."""

    folder: Path
    name: str
    scenarios: tuple[tuple[str, str, str], ...]  # (id, name, description)
    error: str = ""


def pack_folders(extra: list[Path] | None = None) -> list[Path]:
    """The bundled pack folders (the default first) and any given with ``--pack``."""
    found: list[Path] = []
    for p in extra or []:
        if p not in found:
            found.append(Path(p))
    default = default_pack()
    if default not in found:
        found.append(default)
    root = rules_dir()
    if root.is_dir():
        for sub in sorted(root.iterdir()):
            if (sub / "pack.yaml").is_file() and sub not in found:
                found.append(sub)
    return found


def describe_packs(folders: list[Path]) -> list[PackChoice]:
    """Load each folder to list its scenarios; a broken pack is listed with its error."""
    out = []
    for folder in folders:
        try:
            rs = load_rules([folder])
        except RulesError as exc:
            errors = sum(p.severity == "error" for p in exc.problems)
            out.append(PackChoice(folder, folder.name, (), f"{errors} error(s) in the pack"))
            continue
        except OSError as exc:
            out.append(PackChoice(folder, folder.name, (), str(exc)))
            continue
        out.append(PackChoice(folder, rs.main_pack.name,
                              tuple((s.id, s.name, s.description)
                                    for s in rs.scenarios.values())))
    return out


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

    # ----------------------------------------------------------- starting

    @classmethod
    def new(cls, folders: list[Path], scenario: str | None = None, seed: int | None = None,
            exact: bool = True, autosave: bool = True) -> Session:
        """A new game. Raises ``RulesError`` (broken pack) or ``KeyError`` (no such scenario)."""
        ruleset = load_rules(folders)
        if seed is None:
            seed = secrets.randbelow(1_000_000)
        game = Game(ruleset, scenario, seed)
        s = cls(list(folders), ruleset, game.new_state(), exact=exact, autosave=autosave)
        s.save_autosave()
        return s

    @classmethod
    def load(cls, path: Path, folders: list[Path] | None = None, exact: bool = True,
             autosave: bool = True) -> Session:
        """A saved game. Raises ``SaveError`` or ``RulesError`` with a clear message."""
        record = read_record(path)
        if not folders:
            folders = folders_for(record)
        ruleset = load_rules(folders)
        loaded = load_game(path, ruleset)
        raw = record.get("extra")
        extra: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if isinstance(extra.get("exact_numbers"), bool):
            exact = extra["exact_numbers"]
        s = cls(list(folders), ruleset, loaded.state, exact=exact, autosave=autosave)
        s.status = loaded.note
        return s

    # ------------------------------------------------------------- saving

    def record_extra(self) -> dict[str, Any]:
        """What the window adds to a save: the pack folders and the hint setting."""
        return {"pack_dirs": [str(f) for f in self.folders], "exact_numbers": self.exact}

    def save_autosave(self) -> None:
        """Write the autosave (errors go to :attr:`status`, never raise)."""
        if not self.autosave:
            return
        try:
            save_game(self.state, autosave_path(), label="autosave", extra=self.record_extra())
        except OSError as exc:
            self.status = f"Could not autosave: {exc.strerror}"

    def save_as(self, path: Path | None = None, label: str = "") -> Path:
        """Save the game (by default into the saves folder); raises ``OSError``."""
        if path is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            sc = self.state.game.scenario.id
            path = saves_dir() / f"{sc}-turn{self.state.turn}-seed{self.state.game.seed}-{stamp}.json"
        return save_game(self.state, path, label=label, extra=self.record_extra())

    # ------------------------------------------------------------- playing

    def apply(self, action: Action) -> list[LogEntry]:
        """Apply a decision and autosave; raises ``IllegalAction`` and changes nothing."""
        entries = self.state.apply(action)
        self.last_entries = entries
        self.status = ""
        self.save_autosave()
        return entries

    def undo(self) -> str:
        """Take back the last decision; returns what was undone, in words."""
        try:
            action = self.state.undo()
        except IllegalAction as exc:
            return f"Nothing to undo: {exc.reason}."
        self.last_entries = []
        self.save_autosave()
        return f"Undone: {self.action_label(action)}."

    def reload(self) -> Session:
        """The same game on the packs as they are on disk now (F5).

        Raises ``RulesError`` if a pack is broken, ``IllegalAction`` if the
        decisions so far no longer fit the changed rules.
        """
        ruleset = load_rules(self.folders)
        st = self.state
        game = Game(ruleset, st.game.scenario.id, st.game.seed)
        state = game.replay(st.history)
        s = Session(self.folders, ruleset, state, self.exact, self.autosave)
        s.status = (f"Packs reloaded from disk; {len(st.history)} decision"
                    f"{'s' * (len(st.history) != 1)} replayed.")
        s.save_autosave()
        return s

    # ------------------------------------------------------------ reading

    @property
    def scenario(self) -> Any:
        """The scenario being played."""
        return self.state.game.scenario

    def month_name(self, month: int | None = None) -> str:
        """``March 2022``: the calendar month (default: the current one) and year."""
        m = self.state.month if month is None else month
        year = self.scenario.year
        return f"{MONTHS[m - 1]} {year}" if year else MONTHS[m - 1]

    def months(self) -> list[int]:
        """The calendar month of every turn of the scenario."""
        start = self.scenario.start_month
        return [(start - 1 + i) % 12 + 1 for i in range(self.scenario.turns)]

    def label(self, target: str, short: bool = False) -> str:
        """A readable name for a value (``rel.usa`` -> ``United States`` or ``US``)."""
        rs = self.ruleset
        if target == "capital":
            return "Capital" if short else str(self.scenario.capital.name)
        if short and target.startswith("rel."):
            actor = rs.actors.get(target[4:])
            if actor is not None and actor.short:
                return actor.short
        return rs.label(target)

    def shown(self, target: str) -> bool:
        """Whether players see this value (hidden tracks and flags are not shown)."""
        rs = self.ruleset
        if target in rs.tracks:
            return rs.tracks[target].visible
        return target.startswith("rel.") or target == "capital"

    def moves(self, model: Any) -> list[tuple[str, str, int]]:
        """What an option or action moves, for its hint line: (label, text, sign).

        With exact numbers: ``("China", "China +12", 1)``; with hints only:
        ``("China", "China +", 1)``; ``?`` when chance or the state decides.
        """
        out = []
        for target, total in option_moves(cast(Option, model)):
            if not self.shown(target) or target == "capital":
                continue
            label = self.label(target, short=True)
            if total is None:
                out.append((label, f"{label} ?", 0))
            elif self.exact:
                out.append((label, f"{label} {signed(total)}", (total > 0) - (total < 0)))
            else:
                sign = "+" if total > 0 else MINUS if total < 0 else "="
                out.append((label, f"{label} {sign}", (total > 0) - (total < 0)))
        return out

    def action_label(self, action: Action) -> str:
        """A decision in players' words."""
        rs = self.ruleset
        if action.kind == "choose":
            card = rs.cards.get(action.card or "")
            if card is not None:
                opt = next((o for o in card.options if o.id == action.option), None)
                if opt is not None:
                    return f"'{opt.label}' on '{card.title}'"
        if action.kind == "act":
            act = rs.actions.get(action.action or "")
            if act is not None:
                return act.name
        if action.kind == "end_turn":
            return "ending the month"
        return str(action)

    def cause_short(self, e: LogEntry) -> str:
        """The cause of a change in a few words (a card's title rather than card and option)."""
        if e.cause.kind == "option":
            card = self.ruleset.cards.get(e.cause.id.partition("/")[0])
            if card is not None:
                return card.title
        return e.cause.label

    def change(self, e: LogEntry) -> Change | None:
        """A log entry as a :class:`Change`, or ``None`` for values players do not see."""
        if e.target is None or not self.shown(e.target):
            return None
        label = self.label(e.target)
        text = f"{label} {signed(e.delta)} ({e.before} to {e.after})"
        kinds = {"option": "your choice", "action": "your diplomacy", "rule": "a standing rule",
                 "income": "monthly income", "spill": "rivalry (spill-over)",
                 "modifier": "a lasting effect", "schedule": "a delayed effect",
                 "ending": "the ending", "turn": "the new month"}
        return Change(e, label, text, kinds.get(e.cause.kind, e.cause.kind), self.cause_short(e),
                      e.cause.where)

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
        for t in targets:
            if t in rs.tracks:
                cur[t] = rs.tracks[t].start
            elif t.startswith("rel.") and t[4:] in rs.actors:
                cur[t] = rs.actors[t[4:]].relation.start
        out: dict[str, list[int]] = {t: [v] for t, v in cur.items()}
        turn = 1
        for e in self.state.log or []:
            while e.turn > turn:
                for t, values in out.items():
                    values.append(cur[t])
                turn += 1
            if e.target in cur:
                cur[e.target] = e.after
        for t, values in out.items():
            values.append(self.state.value(t))
        return out

    def choice_rows(self) -> list[ChoiceRow]:
        """Every card decision, beside Cambodia's real choice where the pack records it."""
        rs = self.ruleset
        months = self.months()
        rows = []
        for turn, card_id, option_id in self.state.choices_made:
            card = rs.cards.get(card_id)
            if card is None:
                continue
            labels = {o.id: o.label for o in card.options}
            hist = labels.get(card.historical_option or "") if card.historical_option else None
            month = MONTHS[months[min(turn, len(months)) - 1] - 1][:3]
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


def folders_for(record: dict[str, Any]) -> list[Path]:
    """The pack folders a save was made with: recorded by the window, else by pack id."""
    extra = record.get("extra")
    if isinstance(extra, dict):
        dirs = extra.get("pack_dirs")
        if isinstance(dirs, list) and dirs and all(isinstance(d, str) for d in dirs):
            paths = [Path(d) for d in dirs]
            if all((p / "pack.yaml").is_file() for p in paths):
                return paths
    packs = record.get("packs") or []
    main_id = packs[-1].get("id") if packs and isinstance(packs[-1], dict) else None
    for folder in pack_folders():
        if folder.name == main_id:
            return [folder]
    for folder in pack_folders():
        try:
            if load_rules([folder]).main_pack.id == main_id:
                return [folder]
        except (RulesError, OSError):
            continue
    raise SaveError(f"the save needs the pack '{main_id}', which was not found")


def list_saves() -> list[tuple[Path, str]]:
    """Saved games in the saves folder, newest first, with a one-line description."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    found = []
    for p in folder.glob("*.json"):
        try:
            mtime = p.stat().st_mtime
        except OSError:
            continue
        try:
            rec = read_record(p)
            month = rec.get("month")
            what = f"turn {rec.get('turn')}"
            if isinstance(month, int) and 1 <= month <= 12:
                what = f"{MONTHS[month - 1]}, {what}"
            packs = rec.get("packs") or [{}]
            pack = packs[-1].get("id", "?") if isinstance(packs[-1], dict) else "?"
            done = " (finished)" if rec.get("snapshot", {}).get("phase") == "over" else ""
            desc = f"{p.stem}: {pack}, {what}{done}"
        except SaveError:
            desc = f"{p.stem}: damaged or not a save"
        found.append((mtime, p, desc))
    found.sort(key=lambda t: -t[0])
    return [(p, d) for _, p, d in found]
