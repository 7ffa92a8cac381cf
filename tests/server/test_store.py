"""The lesson's database: WAL on disk, writes committed before they are answered,
one failing write keeping the others, and files that are not ours refused."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from asean_chair.server.store import SCHEMA_VERSION, Store, StoreError


def test_the_database_is_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    store = Store(tmp_path / "l.sqlite3")
    try:
        mode = store.write_now(lambda db: db.execute("PRAGMA journal_mode").fetchone()[0])
        sync = store.write_now(lambda db: db.execute("PRAGMA synchronous").fetchone()[0])
    finally:
        store.close()
    assert (mode, sync) == ("wal", 2)  # 2: FULL, every commit waits for the disk


def test_writes_that_arrive_together_share_a_commit_and_fail_alone(tmp_path: Path) -> None:
    store = Store(tmp_path / "l.sqlite3")
    store.write_now(lambda db: db.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)"))

    def insert(n: int) -> object:
        return lambda db: db.execute("INSERT INTO t (n) VALUES (?)", (n,)).rowcount

    async def many() -> list[object]:
        jobs = [store.write(insert(n)) for n in (1, 2, 2, 3)]  # the second 2 collides
        return await asyncio.gather(*jobs, return_exceptions=True)

    before = store.commits
    done = asyncio.run(many())
    store.close()
    assert done[:2] == [1, 1] and done[3] == 1
    assert isinstance(done[2], sqlite3.IntegrityError)
    assert store.commits - before < 4  # some writes shared an fsync
    with sqlite3.connect(tmp_path / "l.sqlite3") as db:
        assert [n for (n,) in db.execute("SELECT n FROM t ORDER BY n")] == [1, 2, 3]


def test_a_file_that_is_not_a_lesson_database_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database at all, just words " * 40, encoding="utf-8")
    with pytest.raises(StoreError, match="not a lesson database"):
        Store(text)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not a lesson database"):
        Store(other)


def test_a_database_from_a_newer_game_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value=? WHERE key='schema'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(StoreError, match="newer version"):
        Store(path)


def test_the_database_is_private_to_the_teacher(tmp_path: Path) -> None:
    import os
    import stat

    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    path = tmp_path / "l.sqlite3"
    Store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
