"""The lesson's database: SQLite in WAL mode, the one truth of a lesson.

Everything a lesson needs to come back after a restart, a crash or a
power cut is a row here: the lesson (packs, seed, preset, code, PIN,
status), its teams, every move of every team (numbered: a team's move
``n`` is stored once), the class vote's ballots and each device's vote.
Games are not stored: they are replayed from the moves.

Writes go through one thread with its own connection. Writes that arrive
together are committed together (one ``fsync`` for many students), and a
write is answered only once its transaction is on disk
(``synchronous=FULL``). Reads happen once, when the server starts
(:meth:`Store.load`); from then on the server keeps what it read in memory
and changes it only after a write has been committed.

>>> store = Store(Path("lesson.sqlite3"))            # doctest: +SKIP
>>> await store.write(lambda db: db.execute(...))    # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import json
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

#: The version of the tables below; a newer database is refused, an older one upgraded.
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lesson (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('teams', 'vote')),
    scenario TEXT NOT NULL,
    preset TEXT,
    difficulty TEXT,
    seed INTEGER NOT NULL,
    packs TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'en',
    pin TEXT NOT NULL,
    secret TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'ended')),
    countdown INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    ended_at REAL
);
CREATE TABLE IF NOT EXISTS team (
    id INTEGER PRIMARY KEY,
    lesson_id INTEGER NOT NULL REFERENCES lesson (id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    rejoin TEXT NOT NULL,
    is_class INTEGER NOT NULL DEFAULT 0,
    joined_at REAL NOT NULL,
    UNIQUE (lesson_id, name_key)
);
CREATE TABLE IF NOT EXISTS team_token (
    token_hash TEXT PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES team (id),
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS move (
    team_id INTEGER NOT NULL REFERENCES team (id),
    n INTEGER NOT NULL,
    action TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (team_id, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ballot (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES team (id),
    n INTEGER NOT NULL,
    card TEXT NOT NULL,
    turn INTEGER NOT NULL,
    seconds INTEGER NOT NULL DEFAULT 0,
    deadline REAL,
    paused_left REAL,
    closed INTEGER NOT NULL DEFAULT 0,
    chosen TEXT,
    tie_broken INTEGER NOT NULL DEFAULT 0,
    tallies TEXT,
    UNIQUE (team_id, n)
);
CREATE TABLE IF NOT EXISTS vote (
    ballot_id INTEGER NOT NULL REFERENCES ballot (id),
    device TEXT NOT NULL,
    option TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (ballot_id, device)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS teacher_session (
    token_hash TEXT PRIMARY KEY,
    lesson_id INTEGER NOT NULL REFERENCES lesson (id),
    created_at REAL NOT NULL
);
"""

T = TypeVar("T")


class StoreError(Exception):
    """The database cannot be used (not ours, too new, unreadable); the message says why."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode that waits on disk for every commit."""
    db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                         timeout=10)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")  # a committed move survives a power cut
    db.execute("PRAGMA foreign_keys=ON")
    return db


def open_database(path: Path) -> sqlite3.Connection:
    """Open (or create) the database at ``path`` and bring its tables up to date."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = connect(path)
        version = _version(db)
        if version > SCHEMA_VERSION:
            db.close()
            raise StoreError(f"{path} was written by a newer version of the game "
                             f"(database version {version}); update the game or choose "
                             "another file with --db")
        db.executescript(SCHEMA)
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                   (str(SCHEMA_VERSION),))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a lesson database ({exc}); choose another file "
                         "with --db") from None
    try:
        path.chmod(0o600)  # the PIN and the teams' rejoin codes are in it
    except OSError:
        pass
    return db


def _version(db: sqlite3.Connection) -> int:
    has_meta = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
                          ).fetchone()
    if not has_meta:
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise sqlite3.DatabaseError("it holds other tables")
        return 0
    row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else 0


# ----------------------------------------------------------------- rows


@dataclass
class LessonRow:
    """A lesson as stored."""

    id: int
    code: str
    mode: str
    scenario: str
    preset: str | None
    difficulty: str | None
    seed: int
    packs: list[str]
    content_hash: str
    language: str
    pin: str
    secret: str
    status: str
    countdown: int
    created_at: float
    ended_at: float | None


@dataclass
class TeamRow:
    """A team (or, in a class vote, the class) as stored, with its moves in order."""

    id: int
    name: str
    name_key: str
    rejoin: str
    is_class: bool
    joined_at: float
    moves: list[tuple[int, str, float]] = field(default_factory=list)  # (n, action, at)
    #: The hashes of the tokens of the devices the team plays on.
    tokens: set[str] = field(default_factory=set)


@dataclass
class BallotRow:
    """One card's class vote as stored, with each device's vote."""

    id: int
    team_id: int
    n: int
    card: str
    turn: int
    seconds: int
    deadline: float | None
    paused_left: float | None
    closed: bool
    chosen: str | None
    tie_broken: bool
    tallies: dict[str, int] | None
    votes: dict[str, str] = field(default_factory=dict)  # device -> option


@dataclass
class Snapshot:
    """Everything of the newest lesson, read when the server starts."""

    lesson: LessonRow | None
    teams: list[TeamRow]
    ballots: list[BallotRow]
    teacher_tokens: set[str]


def read_lesson(db: sqlite3.Connection) -> Snapshot:
    """The newest lesson with its teams, moves, ballots and votes."""
    row = db.execute("SELECT id, code, mode, scenario, preset, difficulty, seed, packs, "
                     "content_hash, language, pin, secret, status, countdown, created_at, "
                     "ended_at FROM lesson ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return Snapshot(None, [], [], set())
    lesson = LessonRow(id=row[0], code=row[1], mode=row[2], scenario=row[3], preset=row[4],
                       difficulty=row[5], seed=row[6], packs=json.loads(row[7]),
                       content_hash=row[8], language=row[9], pin=row[10], secret=row[11],
                       status=row[12], countdown=row[13], created_at=row[14], ended_at=row[15])
    teams: dict[int, TeamRow] = {}
    for t in db.execute("SELECT id, name, name_key, rejoin, is_class, joined_at "
                        "FROM team WHERE lesson_id=? ORDER BY id", (lesson.id,)):
        teams[t[0]] = TeamRow(t[0], t[1], t[2], t[3], bool(t[4]), t[5])
    for token_hash, team_id in db.execute(
            "SELECT k.token_hash, k.team_id FROM team_token k JOIN team t ON t.id=k.team_id "
            "WHERE t.lesson_id=?", (lesson.id,)):
        teams[team_id].tokens.add(token_hash)
    for team_id, n, action, at in db.execute(
            "SELECT m.team_id, m.n, m.action, m.at FROM move m JOIN team t ON t.id=m.team_id "
            "WHERE t.lesson_id=? ORDER BY m.team_id, m.n", (lesson.id,)):
        teams[team_id].moves.append((n, action, at))
    ballots: dict[int, BallotRow] = {}
    for b in db.execute("SELECT b.id, b.team_id, b.n, b.card, b.turn, b.seconds, b.deadline, "
                        "b.paused_left, b.closed, b.chosen, b.tie_broken, b.tallies FROM ballot b "
                        "JOIN team t ON t.id=b.team_id WHERE t.lesson_id=? ORDER BY b.id",
                        (lesson.id,)):
        tallies = json.loads(b[11]) if b[11] else None
        ballots[b[0]] = BallotRow(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], bool(b[8]),
                                  b[9], bool(b[10]), tallies)
    for ballot_id, device, option in db.execute(
            "SELECT v.ballot_id, v.device, v.option FROM vote v JOIN ballot b ON b.id=v.ballot_id "
            "JOIN team t ON t.id=b.team_id WHERE t.lesson_id=?", (lesson.id,)):
        ballots[ballot_id].votes[device] = option
    tokens = {r[0] for r in db.execute(
        "SELECT token_hash FROM teacher_session WHERE lesson_id=?", (lesson.id,))}
    return Snapshot(lesson, list(teams.values()), list(ballots.values()), tokens)


# --------------------------------------------------------------- writing


class Store:
    """The database of a lesson: read once at start, then written by one thread.

    :meth:`write` runs a function on the writer's connection inside a
    transaction and returns its result once the transaction is committed to
    disk. Writes queued while a commit is under way are committed together.
    Each write runs in its own savepoint, so one that fails (a move number
    already stored) changes nothing and does not undo the others.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        db = open_database(path)
        self.snapshot = read_lesson(db)
        db.close()
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="lesson-db-writer", daemon=True)
        self._ready = threading.Event()
        self._failed: BaseException | None = None
        #: Transactions committed, and writes in them (for the load test's figures).
        self.commits = 0
        self.writes = 0
        self._thread.start()
        self._ready.wait()
        if self._failed is not None:
            raise StoreError(f"cannot write {path}: {self._failed}")

    async def write(self, job: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``job`` in a transaction; return its result once committed.

        Raises what ``job`` raised (nothing of it is kept then).
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.put(_Job(job, loop, future))
        return await future  # type: ignore[no-any-return]

    def write_now(self, job: Callable[[sqlite3.Connection], T]) -> T:
        """Like :meth:`write`, from code that is not in the event loop (start-up, tests)."""
        done = threading.Event()
        box: dict[str, Any] = {}

        def run(db: sqlite3.Connection) -> T:
            return job(db)

        self._queue.put(_Job(run, None, None, done, box))
        done.wait()
        if "error" in box:
            raise box["error"]
        return box["result"]  # type: ignore[no-any-return]

    def close(self) -> None:
        """Finish the writes queued so far and close the database."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=30)

    # ------------------------------------------------------------ thread

    def _run(self) -> None:
        try:
            db = connect(self.path)
        except sqlite3.Error as exc:
            self._failed = exc
            self._ready.set()
            return
        self._ready.set()
        stop = False
        while not stop:
            first = self._queue.get()
            if first is None:
                break
            batch = [first]
            while True:  # everything queued meanwhile goes in the same commit
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stop = True
                    break
                batch.append(nxt)
            self._commit(db, batch)
        db.close()

    def _commit(self, db: sqlite3.Connection, batch: list[_Job]) -> None:
        outcomes: list[tuple[bool, Any]] = []
        try:
            db.execute("BEGIN IMMEDIATE")
            for i, job in enumerate(batch):
                db.execute(f"SAVEPOINT w{i}")
                try:
                    outcomes.append((True, job.run(db)))
                    db.execute(f"RELEASE w{i}")
                except Exception as exc:  # noqa: BLE001 - handed back to the caller
                    db.execute(f"ROLLBACK TO w{i}")
                    db.execute(f"RELEASE w{i}")
                    outcomes.append((False, exc))
            db.execute("COMMIT")
            self.commits += 1
            self.writes += len(batch)
        except sqlite3.Error as exc:  # the disk is full, the file vanished...
            if db.in_transaction:
                db.execute("ROLLBACK")
            outcomes = [(False, StoreError(f"the lesson could not be saved: {exc}"))] * len(batch)
        for job, (ok, value) in zip(batch, outcomes, strict=True):
            job.finish(ok, value)


@dataclass
class _Job:
    run: Callable[[sqlite3.Connection], Any]
    loop: asyncio.AbstractEventLoop | None
    future: asyncio.Future[Any] | None
    done: threading.Event | None = None
    box: dict[str, Any] | None = None

    def finish(self, ok: bool, value: Any) -> None:
        if self.box is not None and self.done is not None:
            self.box["result" if ok else "error"] = value
            self.done.set()
            return
        assert self.loop is not None and self.future is not None
        future = self.future

        def settle() -> None:
            if future.done():
                return
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

        try:
            self.loop.call_soon_threadsafe(settle)
        except RuntimeError:  # the loop closed (the server is stopping)
            pass
