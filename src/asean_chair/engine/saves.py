"""Saved games: JSON records of the packs, seed and actions, plus a snapshot.

A save is event-sourced: loading replays the recorded actions on the packs
and checks that the result matches the snapshot, so a save is never loaded
wrongly. A save made with packs that have changed since is

- accepted ("migrated") when replaying it gives exactly the recorded state
  (the change did not touch anything this game used, e.g. a typo fixed in a
  card's text), and
- refused with a message naming the pack and what differs otherwise.

Writes are atomic: a temporary file in the same folder, flushed and fsynced,
then renamed over the target, so a crash never leaves half a save; the
temporary files of a write that was killed are removed the next time a save
is written to that folder.

A save comes from anywhere (a student's USB stick, a mail), so reading one
is bounded (size, plain file, no pipe), its JSON is strict (no NaN, no
Infinity, no integer of hundreds of digits) and every field it holds is
checked for its type before anything uses it. What went wrong is a class of
:class:`SaveError`, so callers test the class, never the message.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeGuard

from ..files import FileRefused, clean_orphans, read_capped, write_atomic
from ..rules.ruleset import Ruleset
from .core import Action, IllegalAction
from .state import Game, GameState

SAVE_FORMAT = "asean-chair-save"
SAVE_VERSION = 1
#: Saves larger than this are refused unread.
MAX_SAVE_BYTES = 20 * 1024 * 1024
#: The most digits an integer in a save may have (a seed is far shorter).
MAX_INT_DIGITS = 100
#: The longest action text in a save (``choose card option`` is far shorter).
MAX_ACTION_CHARS = 400


class SaveError(Exception):
    """A save that cannot be loaded; the message says why, in players' words.

    Catch the subclasses to tell the cases apart:

    - :class:`SaveUnreadable`: no such file, no permission, not a plain file;
    - :class:`NotASave`: another kind of file (not UTF-8, not JSON, not ours, too large);
    - :class:`SaveDamaged`: ours, but cut short, edited or with a wrong field;
    - :class:`SaveTooNew`: written by a newer version of the game;
    - :class:`SaveMismatch`: made with other packs or a scenario not loaded;
    - :class:`PacksChanged`: the packs changed since, and the game changed with them.
    """


class SaveUnreadable(SaveError):
    """The file cannot be read: missing, no permission, a folder or a pipe."""


class NotASave(SaveError):
    """The file is something else than an ASEAN Chair save."""


class SaveDamaged(SaveError):
    """An ASEAN Chair save that was cut short, edited, or has a field of the wrong kind."""


class SaveTooNew(SaveError):
    """A save written by a newer version of the game."""


class SaveMismatch(SaveError):
    """A save made with other packs than the loaded ones (or a scenario they lack)."""


class PacksChanged(SaveError):
    """The packs were edited since the save, and replaying it gives another game."""


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


def save_record(state: GameState, label: str = "",
                extra: dict[str, Any] | None = None) -> dict[str, Any]:
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


def save_text(state: GameState, label: str = "", extra: dict[str, Any] | None = None) -> str:
    """The text of a save file, for writers that handle failure themselves
    (``common.outputs.write_output(path, save_text(state), keep=True)``)."""
    return json.dumps(save_record(state, label, extra), indent=1, sort_keys=True) + "\n"


def save_game(state: GameState, path: Path | str, label: str = "",
              extra: dict[str, Any] | None = None) -> Path:
    """Save ``state`` to ``path`` atomically; returns the path.

    Also removes the temporary files that saves killed half-way left in the
    folder. Raises ``OSError`` when the file cannot be written.
    """
    target = Path(path)
    text = save_text(state, label, extra)
    clean_orphans(target.parent)
    write_atomic(target, text)
    return target


class _BadNumber(ValueError):
    """A number in a save's JSON that no save holds."""


def _strict_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _BadNumber(f"a number of {len(text.lstrip('-'))} digits")
    return int(text)


def _strict_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(f"the number {text[:20]} is too large")
    return value


def _no_constant(text: str) -> Any:
    raise _BadNumber(f"'{text}' is not a number a save can hold")


def parse_json(text: str, name: str, what: str = "save") -> Any:
    """Parse the JSON of a save, a result or a transcript line, strictly.

    Refuses NaN, Infinity, numbers too large to be finite and integers of more
    than :data:`MAX_INT_DIGITS` digits (Python would refuse past 4,300 with a
    ``ValueError`` of its own). Raises :class:`SaveDamaged` naming ``name``;
    ``what`` is the kind of file in the message ("save", "transcript").
    """
    try:
        return json.loads(text, parse_int=_strict_int, parse_float=_strict_float,
                          parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise SaveDamaged(f"{name}: the {what} is damaged or cut short (invalid JSON at line "
                          f"{exc.lineno}, column {exc.colno})") from None
    except _BadNumber as exc:
        raise SaveDamaged(f"{name}: the {what} is damaged ({exc})") from None
    except (RecursionError, ValueError):
        raise SaveDamaged(f"{name}: the {what} is damaged (it nests too deeply or holds a "
                          f"value no {what} holds)") from None


def read_save_text(path: Path | str, limit: int = MAX_SAVE_BYTES, what: str = "save") -> str:
    """The text of a save, result or transcript file, read within ``limit`` bytes.

    A UTF-8 byte order mark (added by some editors) is dropped. Raises
    :class:`SaveUnreadable` or :class:`NotASave`, naming the file; ``what``
    is the kind of file in messages ("save", "transcript").
    """
    p = Path(path)
    name = p.name
    if not p.exists() and not p.is_symlink():
        raise SaveUnreadable(f"{name}: no such {what} file")
    try:
        raw = read_capped(p, limit)
    except FileRefused as exc:
        if exc.kind == "too_large":
            raise NotASave(f"{name}: the file is too large to be a {what} ({exc.size:,} "
                           "bytes)") from None
        raise SaveUnreadable(f"{name}: {exc.reason}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotASave(f"{name}: this is not a {what} file (not UTF-8 text)") from None


def read_record(path: Path | str) -> dict[str, Any]:
    """Read and check the shape of a save file, without replaying it.

    Raises a :class:`SaveError` subclass naming the file.
    """
    name = Path(path).name
    text = read_save_text(path)
    if not text.lstrip().startswith("{"):
        raise NotASave(f"{name}: this is not an ASEAN Chair save")
    return check_record(parse_json(text, name), name)


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


def check_record(record: Any, name: str = "save") -> dict[str, Any]:
    """Check that ``record`` has the fields and types of a save.

    Raises :class:`NotASave`, :class:`SaveTooNew` or :class:`SaveDamaged`.
    """
    if not isinstance(record, dict) or record.get("format") != SAVE_FORMAT:
        raise NotASave(f"{name}: this is not an ASEAN Chair save")
    version = record.get("version")
    if not _is_int(version) or version < 1:
        raise SaveDamaged(f"{name}: the save is damaged (its format version "
                          f"{json.dumps(version)[:20]} is not a version number)")
    if version > SAVE_VERSION:
        raise SaveTooNew(f"{name}: the save was written by a newer version of the game "
                         f"(save format {version}); update the game to load it")

    def damaged(what: str) -> SaveDamaged:
        return SaveDamaged(f"{name}: the save is damaged ({what})")

    shape: dict[str, tuple[type, ...]] = {
        "packs": (list,), "scenario": (str,), "actions": (list,), "snapshot": (dict,),
        "content_hash": (str,)}
    for key, kinds in shape.items():
        if not isinstance(record.get(key), kinds):
            raise damaged(f"field '{key}' is missing or wrong")
    if not _is_int(record.get("seed")):
        raise damaged("field 'seed' is missing or not a whole number")
    if not record["packs"] or not all(
            isinstance(p, dict)
            and all(isinstance(p.get(k), str) for k in ("id", "version", "hash"))
            for p in record["packs"]):
        raise damaged("its list of packs is wrong")
    if not all(isinstance(a, str) and len(a) <= MAX_ACTION_CHARS for a in record["actions"]):
        raise damaged("its list of actions is wrong")
    for key in ("preset", "difficulty"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise damaged(f"field '{key}' is wrong")
    for key in ("label", "saved_at"):
        if key in record and not isinstance(record[key], str):
            raise damaged(f"field '{key}' is wrong")
    for key in ("turn", "month"):
        if key in record and not _is_int(record[key]):
            raise damaged(f"field '{key}' is not a whole number")
    values = record["snapshot"].get("values")
    if not isinstance(values, dict) or not all(
            isinstance(k, str) and _is_number(v) for k, v in values.items()):
        raise damaged("the values in its snapshot are not all numbers")
    if not isinstance(record["snapshot"].get("phase"), str):
        raise damaged("its snapshot has no phase")
    if "extra" in record:
        _check_extra(record["extra"], damaged)
    return record


def _check_extra(extra: Any, damaged: Any) -> None:
    """The front ends' part of a save (``extra``): known fields have their types.

    ``classroom`` (a team's session), ``votes`` (a class vote's tallies),
    ``pack_dirs``, ``exact_numbers`` and ``mode``; other fields are left to
    newer versions of the game.
    """
    if not isinstance(extra, dict):
        raise damaged("field 'extra' is not a mapping")
    team = extra.get("classroom")
    if team is not None and not (
            isinstance(team, dict)
            and all(isinstance(team.get(k), str) for k in ("code", "team"))
            and isinstance(team.get("result", ""), str)):
        raise damaged("its classroom session and team are wrong")
    votes = extra.get("votes")
    if votes is not None and not (isinstance(votes, list) and all(map(_is_vote, votes))):
        raise damaged("its record of the class's votes is wrong")
    dirs = extra.get("pack_dirs")
    if dirs is not None and not (isinstance(dirs, list) and all(isinstance(d, str) for d in dirs)):
        raise damaged("its list of pack folders is wrong")
    if "exact_numbers" in extra and not isinstance(extra["exact_numbers"], bool):
        raise damaged("field 'exact_numbers' is not true or false")
    if "mode" in extra and not isinstance(extra["mode"], str):
        raise damaged("field 'mode' is wrong")


def _is_vote(vote: Any) -> bool:
    if not isinstance(vote, dict):
        return False
    tallies = vote.get("tallies")
    return (_is_int(vote.get("turn")) and _is_int(vote.get("month"))
            and isinstance(vote.get("card"), str) and isinstance(vote.get("chosen"), str)
            and isinstance(vote.get("tie_broken", False), bool)
            and isinstance(tallies, dict)
            and all(isinstance(k, str) and _is_int(v) and v >= 0 for k, v in tallies.items()))


def restore(record: dict[str, Any], ruleset: Ruleset, name: str = "save",
            explain: bool = True) -> LoadedSave:
    """Replay a checked save record on ``ruleset`` and verify it."""
    saved_ids = [p["id"] for p in record["packs"]]
    loaded_ids = [p.id for p in ruleset.packs]
    if saved_ids != loaded_ids:
        raise SaveMismatch(f"{name}: the save was made with the packs {', '.join(saved_ids)}, "
                           f"but {', '.join(loaded_ids) or 'none'} are loaded; start the "
                           "game with the same packs")
    changed = [
        (p, info) for p, info in zip(record["packs"], ruleset.packs, strict=True)
        if p["hash"] != info.digest or p["version"] != info.version
    ]
    if record["scenario"] not in ruleset.scenarios:
        raise SaveMismatch(f"{name}: the scenario '{record['scenario']}' is not in the loaded "
                           "packs")
    preset = record.get("preset")
    difficulty = record.get("difficulty")
    for key, value in (("preset", preset), ("difficulty", difficulty)):
        if value is not None and not isinstance(value, str):
            raise SaveDamaged(f"{name}: the save is damaged (field '{key}' is wrong)")
    try:
        actions = [Action.parse(a) for a in record["actions"]]
    except ValueError as exc:
        raise SaveDamaged(f"{name}: the save is damaged ({exc})") from None
    try:
        game = Game(ruleset, record["scenario"], record["seed"], preset=preset,
                    difficulty=difficulty, explain=explain)
    except KeyError as exc:  # a preset or difficulty the packs lack
        raise SaveMismatch(f"{name}: {exc.args[0]}") from None
    try:
        state = game.replay(actions)
    except IllegalAction as exc:
        if changed:
            raise PacksChanged(_changed_text(name, changed,
                                             f"its moves no longer fit ({exc.reason})")) from None
        raise SaveDamaged(f"{name}: the save was edited or damaged: {exc.reason}") from None
    if state.snapshot() != record["snapshot"]:
        if changed:
            raise PacksChanged(_changed_text(name, changed, "replaying it gives a different game"))
        raise SaveDamaged(f"{name}: the save was edited or damaged (its recorded state does "
                          "not match its moves)")
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


__all__ = [
    "MAX_SAVE_BYTES", "SAVE_FORMAT", "SAVE_VERSION", "LoadedSave", "NotASave", "PacksChanged",
    "SaveDamaged", "SaveError", "SaveMismatch", "SaveTooNew", "SaveUnreadable", "check_record",
    "load_game", "pack_records", "parse_json", "read_record", "read_save_text", "restore",
    "save_game", "save_record", "save_text", "write_atomic",
]
