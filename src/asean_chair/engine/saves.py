"""Saved games: JSON records of the packs, seed and actions, plus a snapshot.

A save is event-sourced: loading replays the recorded actions on the packs
and checks that the result matches the snapshot, so a save is never loaded
wrongly. A save made with packs that have changed since is

- accepted ("migrated") when replaying it gives exactly the recorded state
  (the change did not touch anything this game used, e.g. a typo fixed in a
  card's text), and
- refused with a message naming the pack and what differs otherwise.

Writes are atomic: a temporary file in the same folder, flushed and fsynced,
then renamed over the target, so a crash never leaves half a save.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..rules.ruleset import Ruleset
from .core import Action, IllegalAction
from .state import Game, GameState

SAVE_FORMAT = "asean-chair-save"
SAVE_VERSION = 1
#: Saves larger than this are refused unread.
MAX_SAVE_BYTES = 20 * 1024 * 1024


class SaveError(Exception):
    """A save that cannot be loaded; the message says why, in players' words."""


@dataclass(frozen=True)
class LoadedSave:
    """A save read back: the state, and a note if the packs changed harmlessly."""

    state: GameState
    record: dict[str, Any]
    migrated: bool = False
    note: str = ""


def pack_records(ruleset: Ruleset) -> list[dict[str, str]]:
    """The ids, versions and content hashes of a ruleset's packs."""
    return [{"id": p.id, "version": p.version, "hash": p.digest} for p in ruleset.packs]


def save_record(state: GameState, label: str = "", extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON-able record of a game."""
    game = state.game
    record: dict[str, Any] = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "packs": pack_records(game.ruleset),
        "content_hash": game.ruleset.content_hash,
        "scenario": game.scenario.id,
        "preset": game.preset,
        "difficulty": game.difficulty,
        "seed": game.seed,
        "actions": [str(a) for a in state.history],
        "snapshot": state.snapshot(),
        "label": label,
        "turn": state.turn,
        "month": state.month,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if extra:
        record["extra"] = extra
    return record


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that it is either wholly old or wholly new."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private; give it the usual permissions instead.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable where the platform allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def save_game(state: GameState, path: Path | str, label: str = "",
              extra: dict[str, Any] | None = None) -> Path:
    """Save ``state`` to ``path`` atomically; returns the path."""
    target = Path(path)
    write_atomic(target, json.dumps(save_record(state, label, extra), indent=1, sort_keys=True)
                 + "\n")
    return target


def read_record(path: Path | str) -> dict[str, Any]:
    """Read and check the shape of a save file, without replaying it."""
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{name}: the file is too large to be a save ({size:,} bytes)")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{name}: no such save file") from None
    except OSError as exc:
        raise SaveError(f"{name}: cannot read the file ({exc.strerror})") from None
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"{name}: this is not a save file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise SaveError(f"{name}: the save is damaged or cut short (invalid JSON at line "
                        f"{exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise SaveError(f"{name}: this is not a save file (it nests too deeply)") from None
    return check_record(record, name)


def check_record(record: Any, name: str = "save") -> dict[str, Any]:
    """Check that ``record`` has the fields and types of a save."""
    if not isinstance(record, dict) or record.get("format") != SAVE_FORMAT:
        raise SaveError(f"{name}: this is not an ASEAN Chair save")
    version = record.get("version")
    if not isinstance(version, int) or version > SAVE_VERSION:
        raise SaveError(f"{name}: the save was written by a newer version of the game "
                        f"(save format {version}); update the game to load it")
    shape = {"packs": list, "scenario": str, "seed": int, "actions": list, "snapshot": dict,
             "content_hash": str}
    for key, kind in shape.items():
        if not isinstance(record.get(key), kind):
            raise SaveError(f"{name}: the save is damaged (field '{key}' is missing or wrong)")
    for p in record["packs"]:
        if not (isinstance(p, dict) and all(isinstance(p.get(k), str)
                                            for k in ("id", "version", "hash"))):
            raise SaveError(f"{name}: the save is damaged (its list of packs is wrong)")
    if not all(isinstance(a, str) for a in record["actions"]):
        raise SaveError(f"{name}: the save is damaged (its list of actions is wrong)")
    return record


def restore(record: dict[str, Any], ruleset: Ruleset, name: str = "save",
            explain: bool = True) -> LoadedSave:
    """Replay a checked save record on ``ruleset`` and verify it."""
    saved_ids = [p["id"] for p in record["packs"]]
    loaded_ids = [p.id for p in ruleset.packs]
    if saved_ids != loaded_ids:
        raise SaveError(f"{name}: the save was made with the packs {', '.join(saved_ids)}, "
                        f"but {', '.join(loaded_ids) or 'none'} are loaded; start the game "
                        "with the same packs")
    changed = [
        (p, info) for p, info in zip(record["packs"], ruleset.packs)
        if p["hash"] != info.digest or p["version"] != info.version
    ]
    if record["scenario"] not in ruleset.scenarios:
        raise SaveError(f"{name}: the scenario '{record['scenario']}' is not in the loaded packs")
    preset = record.get("preset")
    difficulty = record.get("difficulty")
    for key, value in (("preset", preset), ("difficulty", difficulty)):
        if value is not None and not isinstance(value, str):
            raise SaveError(f"{name}: the save is damaged (field '{key}' is wrong)")
    try:
        actions = [Action.parse(a) for a in record["actions"]]
    except ValueError as exc:
        raise SaveError(f"{name}: the save is damaged ({exc})") from None
    try:
        game = Game(ruleset, record["scenario"], record["seed"], preset=preset,
                    difficulty=difficulty, explain=explain)
    except KeyError as exc:
        raise SaveError(f"{name}: {exc.args[0]}") from None
    try:
        state = game.replay(actions)
    except IllegalAction as exc:
        if changed:
            raise SaveError(_changed_text(name, changed, f"its moves no longer fit ({exc.reason})")) from None
        raise SaveError(f"{name}: the save was edited or damaged: {exc.reason}") from None
    if state.snapshot() != record["snapshot"]:
        if changed:
            raise SaveError(_changed_text(name, changed, "replaying it gives a different game"))
        raise SaveError(f"{name}: the save was edited or damaged (its recorded state does not "
                        "match its moves)")
    if changed:
        note = _changed_text(name, changed, "the change does not affect this game, so it was "
                                            "loaded")
        return LoadedSave(state, record, migrated=True, note=note)
    return LoadedSave(state, record)


def _changed_text(name: str, changed: list[tuple[dict[str, str], Any]], why: str) -> str:
    parts = []
    for saved, info in changed:
        if saved["version"] != info.version:
            parts.append(f"pack '{info.id}' was {saved['version']} and is now {info.version}")
        else:
            parts.append(f"pack '{info.id}' {info.version} has been edited")
    return f"{name}: {'; '.join(parts)} since this save was made; {why}"


def load_game(path: Path | str, ruleset: Ruleset, explain: bool = True) -> LoadedSave:
    """Read, replay and verify a save. Raises :class:`SaveError` with a clear reason."""
    record = read_record(path)
    return restore(record, ruleset, Path(path).name, explain)
