"""A lesson as the server runs it: the teams' games, the class vote, the teacher's controls.

Every change is written to the database first (:class:`~.store.Store`)
and made in memory only once it is on disk, so what a browser is told has
happened has been saved. A team's game is replayed from its moves when the
server starts; after that the replayed state is kept in memory.

A move carries its number: the team's ``n``-th move is stored once. A form
posted twice (a double click, two tabs, a retry after a dropped connection)
asks for a number already taken and changes nothing. Undo is a move too
(``undo``), so the record of what a team did is never rewritten.

In a class vote the class plays one game: the teacher applies what the
class voted (or breaks a tie), takes the diplomacy actions and ends the
turn. Each card has a ballot; each device has one vote on it, which it may
change until the voting closes (the teacher closes it, or the countdown
runs out).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..classroom.vote import Majority, majority
from ..engine import Action, Game, GameState, IllegalAction, LogEntry
from ..engine.saves import save_record
from ..rules.ruleset import Ruleset
from .ballot import Ballot
from .security import Limits, clean_name, name_key, new_rejoin_code, new_token, token_hash
from .store import BallotRow, LessonRow, Store, TeamRow

UNDO = "undo"
#: A lesson's states.
Status = Literal["open", "paused", "ended"]


class Refused(Exception):
    """What a player or the teacher asked cannot be done; ``key`` names the
    message (``server.refused.<key>``) and ``fields`` fill it in."""

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


@dataclass
class Outcome:
    """What became of a posted move: ``done``, or ``already`` (its number was taken)."""

    kind: Literal["done", "already"]
    entries: list[LogEntry] = field(default_factory=list)


@dataclass
class TeamGame:
    """A team and its game, replayed from its moves."""

    row: TeamRow
    state: GameState
    #: Moves stored (undos included): the next move is number ``version + 1``.
    version: int
    #: The decision that made the state as it is, and what it changed (the result panel).
    last_action: Action | None = None
    last: list[LogEntry] = field(default_factory=list)
    #: Numbers of the moves in force (an undone move and its undo are not).
    effective: list[int] = field(default_factory=list)
    last_at: float = 0.0
    #: A note for the team's next page (a move refused, a move taken back).
    flash: tuple[str, dict[str, Any]] | None = None

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def name(self) -> str:
        return self.row.name


def effective_moves(moves: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """The moves in force: each ``undo`` takes back the move before it.

    >>> effective_moves([(1, "end_turn"), (2, "act:x"), (3, "undo"), (4, "act:y")])
    [(1, 'end_turn'), (4, 'act:y')]
    """
    kept: list[tuple[int, str]] = []
    for n, action in moves:
        if action == UNDO:
            if kept:
                kept.pop()
        else:
            kept.append((n, action))
    return kept


def replay_team(game: Game, row: TeamRow) -> TeamGame:
    """A team's game from its stored moves (the last one applied apart, for the result panel)."""
    kept = effective_moves((n, a) for n, a, _ in row.moves)
    actions = [Action.parse(a) for _, a in kept]
    undone = bool(row.moves) and row.moves[-1][1] == UNDO
    state = game.replay(actions if undone else actions[:-1])
    last: list[LogEntry] = []
    if actions and not undone:  # after an undo the result panel is empty, as it was
        last = state.apply(actions[-1])
    return TeamGame(row, state, len(row.moves), actions[-1] if actions else None, last,
                    [n for n, _ in kept], row.moves[-1][2] if row.moves else row.joined_at)


class Lesson:
    """One lesson: its game, its teams (or the class), its ballots, its status.

    Every ``async`` method that changes something writes it to the store
    first; the methods of one team run one at a time (a lock per team).
    """

    def __init__(self, store: Store, ruleset: Ruleset, row: LessonRow,
                 limits: Limits | None = None, class_name: str = "The class") -> None:
        self.store = store
        self.ruleset = ruleset
        self.row = row
        self.limits = limits or Limits()
        self.game = Game(ruleset, row.scenario, row.seed, preset=row.preset,
                         difficulty=row.difficulty)
        self.teams: dict[int, TeamGame] = {}
        self.by_token: dict[str, int] = {}
        self.teacher_tokens: set[str] = set(store.snapshot.teacher_tokens)
        self.ballots: dict[int, Ballot] = {}  # class game position -> ballot
        self._locks: dict[int, asyncio.Lock] = {}
        self._joining: set[str] = set()  # names being written
        #: Bumped on every change, so live pages know when to refresh.
        self.changes = 0
        snap = store.snapshot
        for team in snap.teams:
            self._add(replay_team(self.game, team))
        for b in snap.ballots:
            self.ballots[b.n] = Ballot(b)
        if row.mode == "vote" and self.class_team is None:
            self._create_class_team(class_name)
        self._ensure_ballot_now()

    # ------------------------------------------------------------ reading

    @property
    def mode(self) -> str:
        return self.row.mode

    @property
    def status(self) -> str:
        return self.row.status

    @property
    def code(self) -> str:
        return self.row.code

    @property
    def class_team(self) -> TeamGame | None:
        """The class's game in a class vote."""
        return next((t for t in self.teams.values() if t.row.is_class), None)

    def team_list(self) -> list[TeamGame]:
        """The teams in the order they joined (the class in a class vote)."""
        return list(self.teams.values())

    def team_by_token(self, token: str | None) -> TeamGame | None:
        """The team whose device holds ``token``."""
        if not token or len(token) > 200:
            return None
        team_id = self.by_token.get(token_hash(token))
        return self.teams.get(team_id) if team_id is not None else None

    def is_teacher(self, token: str | None) -> bool:
        """Whether ``token`` was given for the right PIN."""
        return bool(token) and len(token or "") <= 200 and \
            token_hash(token or "") in self.teacher_tokens

    def record(self, team: TeamGame) -> dict[str, Any]:
        """The team's game as a result record (what ``classroom compare`` reads)."""
        extra: dict[str, Any] = {"classroom": {"code": self.code, "team": team.name},
                                 "mode": f"server-{self.mode}"}
        if team.row.is_class:
            extra["votes"] = self.vote_records(team)
        record = save_record(team.state, label=f"{team.name} — result", extra=extra)
        # A round trip through JSON, as a result file would be read.
        return json.loads(json.dumps(record))  # type: ignore[no-any-return]

    def vote_records(self, team: TeamGame) -> list[dict[str, Any]]:
        """The votes that decided the class's cards, as a save's ``extra["votes"]``."""
        out = []
        for n in team.effective:
            ballot = self.ballots.get(n - 1)
            row = ballot.row if ballot else None
            if row is None or row.chosen is None or row.tallies is None:
                continue
            turn = row.turn
            out.append({"turn": turn, "month": self.game.clock.month(turn), "card": row.card,
                        "tallies": dict(row.tallies), "chosen": row.chosen,
                        "tie_broken": row.tie_broken})
        return out

    # -------------------------------------------------------- teams join

    async def join(self, typed_name: str) -> tuple[TeamGame, str]:
        """A new team; returns it and the token its device keeps."""
        name = clean_name(typed_name)
        if name is None:
            raise Refused("bad_name")
        if self.status == "ended":
            raise Refused("ended")
        if self.mode != "teams":
            raise Refused("not_teams")
        key = name_key(name)
        # The name is held while it is written, so teams joining at once share a commit.
        if key in self._joining or any(t.row.name_key == key for t in self.teams.values()):
            raise Refused("name_taken", name=name)
        if len(self.teams) + len(self._joining) >= self.limits.max_teams:
            raise Refused("full", n=self.limits.max_teams)
        self._joining.add(key)
        try:
            token = new_token()
            row = await self.store.write(self._insert_team(name, key, token, False))
        finally:
            self._joining.discard(key)
        team = replay_team(self.game, row)
        self._add(team)
        self.changes += 1
        return team, token

    async def rejoin(self, typed_name: str, typed_code: str) -> tuple[TeamGame, str]:
        """A team on a new device: its name and rejoin code give the device a token."""
        from .security import same_code

        name = clean_name(typed_name) or ""
        team = next((t for t in self.teams.values()
                     if not t.row.is_class and t.row.name_key == name_key(name)), None)
        if team is None or not same_code(typed_code, team.row.rejoin):
            raise Refused("bad_rejoin")
        token = new_token()
        digest = token_hash(token)
        now = time.time()

        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT INTO team_token (token_hash, team_id, created_at) VALUES (?, ?, ?)",
                       (digest, team.id, now))

        await self.store.write(write)
        team.row.tokens.add(digest)
        self.by_token[digest] = team.id
        return team, token

    def _insert_team(self, name: str, key: str, token: str | None,
                     is_class: bool) -> Callable[[sqlite3.Connection], TeamRow]:
        now = time.time()
        rejoin = new_rejoin_code()
        digest = token_hash(token) if token else None
        lesson_id = self.row.id

        def write(db: sqlite3.Connection) -> TeamRow:
            cur = db.execute("INSERT INTO team (lesson_id, name, name_key, rejoin, is_class, "
                             "joined_at) VALUES (?, ?, ?, ?, ?, ?)",
                             (lesson_id, name, key, rejoin, int(is_class), now))
            team_id = int(cur.lastrowid or 0)
            tokens = set()
            if digest:
                db.execute("INSERT INTO team_token (token_hash, team_id, created_at) "
                           "VALUES (?, ?, ?)", (digest, team_id, now))
                tokens.add(digest)
            return TeamRow(team_id, name, key, rejoin, is_class, now, tokens=tokens)

        return write

    def _create_class_team(self, name: str) -> None:
        row = self.store.write_now(self._insert_team(name, name_key(name), None, True))
        self._add(replay_team(self.game, row))

    def _add(self, team: TeamGame) -> None:
        self.teams[team.id] = team
        for digest in team.row.tokens:
            self.by_token[digest] = team.id

    def _lock(self, team: TeamGame) -> asyncio.Lock:
        return self._locks.setdefault(team.id, asyncio.Lock())

    # -------------------------------------------------------------- moves

    async def move(self, team: TeamGame, n: int, action_text: str,
                   ballot: tuple[dict[str, int], bool] | None = None) -> Outcome:
        """Apply the team's move number ``n`` (``action_text``, or ``undo``); stored first.

        A number already taken changes nothing (``already``). Raises
        :class:`Refused` when the lesson is paused or over, or the move is
        not possible now (``fields["why"]`` says why in the engine's words).
        """
        async with self._lock(team):
            if n <= team.version:
                return Outcome("already")
            if n != team.version + 1:
                raise Refused("stale")
            if self.status != "open":
                raise Refused(self.status)
            state = team.state.clone()
            if action_text == UNDO:
                if not team.effective:
                    raise Refused("nothing_to_undo")
                try:
                    undone = state.undo()
                except IllegalAction as exc:
                    raise Refused("not_possible", why=exc.reason) from None
                entries: list[LogEntry] = []
                last_action = state.history[-1] if state.history else None
            else:
                try:
                    action = Action.parse(action_text)
                except ValueError:
                    raise Refused("bad_move") from None
                # Setting a card aside with options open, or bringing one in, is the
                # teacher's, in a class vote; a team sets aside only a card it cannot decide.
                teacher_only = action.kind == "inject" or (
                    action.kind == "skip" and any(c.legal for c in team.state.choices()))
                if teacher_only and not team.row.is_class:
                    raise Refused("bad_move")
                try:
                    entries = state.apply(action)
                except IllegalAction as exc:
                    raise Refused("not_possible", why=exc.reason) from None
                last_action = action
            now = time.time()
            vote_row = self._vote_result(team, last_action if action_text != UNDO else None,
                                         ballot)
            await self.store.write(self._insert_move(team.id, n, action_text, now, vote_row))
            team.state = state
            team.version = n
            team.last_at = now
            team.row.moves.append((n, action_text, now))
            if action_text == UNDO:
                team.effective.pop()
                team.last_action = last_action
                team.last = []
                team.flash = ("undone", {"what": str(undone)})
            else:
                team.effective.append(n)
                team.last_action = last_action
                team.last = entries
            if vote_row is not None:
                b = self.ballots[vote_row[0]].row
                b.chosen, b.tallies, b.tie_broken, b.closed = (
                    vote_row[1], vote_row[2], vote_row[3], True)
        self.changes += 1
        if team.row.is_class:
            await self.ensure_ballot()
        return Outcome("done", entries)

    def _vote_result(self, team: TeamGame, action: Action | None,
                     ballot: tuple[dict[str, int], bool] | None
                     ) -> tuple[int, str, dict[str, int], bool] | None:
        """(ballot position, option chosen, tallies, tie broken) when a vote decides a card."""
        if ballot is None or action is None or action.kind != "choose" or not team.row.is_class:
            return None
        b = self.ballots.get(team.version)
        if b is None or b.row.card != action.card:
            return None
        return (team.version, str(action.option), ballot[0], ballot[1])

    def _insert_move(self, team_id: int, n: int, action: str, now: float,
                     vote_row: tuple[int, str, dict[str, int], bool] | None
                     ) -> Callable[[sqlite3.Connection], None]:
        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT INTO move (team_id, n, action, at) VALUES (?, ?, ?, ?)",
                       (team_id, n, action, now))
            if vote_row is not None:
                db.execute("UPDATE ballot SET chosen=?, tallies=?, tie_broken=?, closed=1 "
                           "WHERE team_id=? AND n=?",
                           (vote_row[1], json.dumps(vote_row[2]), int(vote_row[3]), team_id,
                            vote_row[0]))

        return write

    # ------------------------------------------------------- class vote

    def current_ballot(self) -> Ballot | None:
        """The ballot of the card the class is deciding now, if any."""
        team = self.class_team
        if team is None or team.state.pending.kind != "event":
            return None
        b = self.ballots.get(team.version)
        return b if b is not None and b.row.card == team.state.pending.card else None

    def _new_ballot(self) -> Callable[[sqlite3.Connection], BallotRow] | None:
        team = self.class_team
        if team is None or team.state.pending.kind != "event" or self.status == "ended":
            return None
        card = str(team.state.pending.card)
        n = team.version
        turn = team.state.turn
        if n in self.ballots and self.ballots[n].row.card == card:
            return None
        seconds = self.row.countdown
        now = time.time()
        paused = float(seconds) if self.status == "paused" and seconds else None
        deadline = now + seconds if seconds and paused is None else None
        team_id = team.id

        def write(db: sqlite3.Connection) -> BallotRow:
            db.execute("DELETE FROM vote WHERE ballot_id IN "
                       "(SELECT id FROM ballot WHERE team_id=? AND n=?)", (team_id, n))
            db.execute("DELETE FROM ballot WHERE team_id=? AND n=?", (team_id, n))
            cur = db.execute("INSERT INTO ballot (team_id, n, card, turn, seconds, deadline, "
                             "paused_left) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (team_id, n, card, turn, seconds, deadline, paused))
            return BallotRow(int(cur.lastrowid or 0), team_id, n, card, turn, seconds, deadline,
                             paused, False, None, False, None)

        return write

    def _ensure_ballot_now(self) -> None:
        job = self._new_ballot()
        if job is not None:
            row = self.store.write_now(job)
            self.ballots[row.n] = Ballot(row)

    async def ensure_ballot(self) -> None:
        """Open a ballot on the card the class is deciding, if it has none yet."""
        job = self._new_ballot()
        if job is not None:
            row = await self.store.write(job)
            self.ballots[row.n] = Ballot(row)
            self.changes += 1

    async def vote(self, device: str, ballot_n: int, option: str) -> None:
        """Record (or change) a device's vote on the card at position ``ballot_n``."""
        ballot = self.current_ballot()
        team = self.class_team
        if ballot is None or team is None or ballot.row.n != ballot_n:
            raise Refused("vote_moved_on")
        if self.status != "open":
            raise Refused(self.status)
        if not ballot.open(time.time()):
            raise Refused("vote_closed")
        legal = {str(a.option) for a in team.state.legal_actions() if a.kind == "choose"}
        if option not in legal:
            raise Refused("bad_vote")
        digest = token_hash(device)
        if ballot.row.votes.get(digest) == option:
            return
        now = time.time()
        ballot_id = ballot.row.id

        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT INTO vote (ballot_id, device, option, at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (ballot_id, device) DO UPDATE SET option=excluded.option, "
                       "at=excluded.at", (ballot_id, digest, option, now))

        await self.store.write(write)
        ballot.row.votes[digest] = option
        self.changes += 1

    def my_vote(self, device: str | None) -> str | None:
        """The option this device voted for on the current card."""
        ballot = self.current_ballot()
        if ballot is None or not device:
            return None
        return ballot.row.votes.get(token_hash(device))

    def count(self) -> tuple[dict[str, int], Majority] | None:
        """The current card's tallies and what they decide."""
        team, ballot = self.class_team, self.current_ballot()
        card = team.state.current_card if team else None
        if team is None or ballot is None or card is None:
            return None
        tallies = ballot.tallies(o.id for o in card.options)
        legal = [str(a.option) for a in team.state.legal_actions() if a.kind == "choose"]
        return tallies, majority(tallies, legal)

    async def apply_vote(self, n: int, pick: str | None = None) -> Outcome:
        """Apply the majority (or, in a tie, the teacher's ``pick`` among the tied options)."""
        team, counted = self.class_team, self.count()
        if team is not None and n <= team.version:
            return Outcome("already")  # the teacher's double click: applied once
        if team is None or counted is None:
            raise Refused("vote_moved_on")
        tallies, result = counted
        card = team.state.current_card
        assert card is not None
        if pick is None:
            if result.winner is None:
                raise Refused("tie" if result.tied else "no_votes")
            option, broken = result.winner, False
        else:
            if pick not in result.tied:
                raise Refused("not_tied")
            option, broken = pick, True
        return await self.move(team, n, str(Action.choose(card.id, option)), (tallies, broken))

    async def countdown(self, what: str, seconds: int | None = None) -> None:
        """The teacher's countdown controls: ``pause``, ``resume``, ``restart``,
        ``close``, ``reopen``, or ``length`` (``seconds``: 0 for none)."""
        ballot = self.current_ballot()
        now = time.time()
        if what == "length":
            value = max(0, min(int(seconds or 0), 600))
            lesson_id = self.row.id

            def write_length(db: sqlite3.Connection) -> None:
                db.execute("UPDATE lesson SET countdown=? WHERE id=?", (value, lesson_id))

            await self.store.write(write_length)
            self.row.countdown = value
            if ballot is None:
                self.changes += 1
                return
            what = "restart"
        if ballot is None:
            raise Refused("vote_moved_on")
        r = ballot.row
        seconds_now = self.row.countdown if what == "restart" else r.seconds
        deadline, paused, closed = r.deadline, r.paused_left, r.closed
        if what == "pause" and r.seconds and paused is None:
            paused, deadline = ballot.left(now), None
        elif what == "resume" and r.seconds and paused is not None:
            deadline, paused = now + paused, None
        elif what == "restart":
            deadline, paused, closed = (now + seconds_now if seconds_now else None), None, False
        elif what == "close":
            closed = True
        elif what == "reopen":
            closed = False
            if r.seconds and (ballot.left(now) or 0) <= 0:
                deadline, paused = now + r.seconds, None
        else:
            return
        ballot_id = r.id

        def write(db: sqlite3.Connection) -> None:
            db.execute("UPDATE ballot SET seconds=?, deadline=?, paused_left=?, closed=? "
                       "WHERE id=?", (seconds_now, deadline, paused, int(closed), ballot_id))

        await self.store.write(write)
        r.seconds, r.deadline, r.paused_left, r.closed = seconds_now, deadline, paused, closed
        self.changes += 1

    # ------------------------------------------------------------ teacher

    async def set_status(self, status: Status) -> None:
        """Pause, resume or end the lesson (an ended lesson stays ended)."""
        if self.status == "ended" or status == self.status:
            return
        now = time.time()
        lesson_id = self.row.id
        ended = now if status == "ended" else None
        ballot = self.current_ballot()

        def write(db: sqlite3.Connection) -> None:
            db.execute("UPDATE lesson SET status=?, ended_at=? WHERE id=?",
                       (status, ended, lesson_id))

        await self.store.write(write)
        self.row.status, self.row.ended_at = status, ended
        self.changes += 1
        if ballot is not None and ballot.row.seconds:  # the countdown waits with the class
            if status == "paused":
                await self.countdown("pause")
            elif status == "open":
                await self.countdown("resume")

    async def teacher_login(self) -> str:
        """A token for the teacher's browser (the PIN was right)."""
        token = new_token()
        digest = token_hash(token)
        lesson_id = self.row.id
        now = time.time()

        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT INTO teacher_session (token_hash, lesson_id, created_at) "
                       "VALUES (?, ?, ?)", (digest, lesson_id, now))

        await self.store.write(write)
        self.teacher_tokens.add(digest)
        return token
