"""``asean-chair replay FILE``: re-run a save or a transcript and verify it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..common.errors import UserError
from .output import Commands
from .packs import rules_for_save


def add_replay(sub: Commands) -> None:
    """The ``replay`` command."""
    p = sub.add_parser("replay", help="re-run a save or transcript and verify it")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--pack", action="append", metavar="DIR", help="rule pack folder(s)")
    p.set_defaults(func=run_replay)


def run_replay(args: argparse.Namespace) -> int:
    """Replay the file and say whether it reproduces what was saved."""
    from ..engine.saves import SaveError, check_record, parse_json, read_save_text, restore

    path = Path(args.file)
    try:
        text = read_save_text(path, what="save or transcript")
    except SaveError as exc:
        raise UserError(str(exc)) from None
    first = text.split("\n", 1)[0]
    try:
        head = parse_json(first, path.name, "transcript")
    except SaveError:
        head = None
    if isinstance(head, dict) and head.get("transcript") == 1:
        return _replay_transcript(path, text, head, args.pack)
    try:
        record = check_record(parse_json(text, path.name, "save"), path.name)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    ruleset = rules_for_save(record, args.pack)
    try:
        loaded = restore(record, ruleset, path.name)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    state = loaded.state
    if loaded.note:
        print(loaded.note)
    print(f"{path}: OK, {len(record['actions'])} decisions replay to the saved state "
          f"(turn {state.turn}{', game over' if state.is_over else ''}).")
    return 0


def _replay_transcript(path: Path, text: str, head: dict[str, Any], packs: list[str] | None) -> int:
    from ..engine import Action, Game, IllegalAction
    from ..engine.saves import SaveError, parse_json
    from .transcript import transcript_line

    lines = [ln for ln in text.split("\n")[1:] if ln.strip()]
    ruleset = rules_for_save(head, packs)
    if head.get("content_hash") != ruleset.content_hash:
        print(f"{path.name}: note: the packs have changed since the transcript was written")
    seed = head.get("seed")
    if type(seed) is not int or not isinstance(head.get("scenario"), str) or any(
            head.get(k) is not None and not isinstance(head.get(k), str)
            for k in ("preset", "difficulty")):
        raise UserError(f"{path.name}: the transcript's header is damaged")
    try:
        game = Game(ruleset, head["scenario"], head["seed"], preset=head.get("preset"),
                    difficulty=head.get("difficulty"))
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    state = game.new_state()
    for number, line in enumerate(lines, start=2):
        try:
            record = parse_json(line, f"{path.name}:{number}", "transcript")
            action = Action.parse(record["action"])
        except (SaveError, KeyError, TypeError, ValueError):
            raise UserError(f"{path.name}:{number}: the line is damaged") from None
        try:
            state.apply(action)
        except IllegalAction as exc:
            print(f"{path.name}:{number}: MISMATCH: {action} is not legal: {exc.reason}")
            return 1
        expected = transcript_line(state)
        if expected != record:
            diff = [k for k in sorted(set(expected) | set(record))
                    if expected.get(k) != record.get(k)]
            detail = diff[0] if diff else "?"
            if detail == "values":
                keys = sorted(k for k in set(expected["values"]) | set(record.get("values", {}))
                              if expected["values"].get(k) != record.get("values", {}).get(k))
                detail = "values of " + ", ".join(keys[:5])
            print(f"{path.name}:{number}: MISMATCH after {action}: {detail} differ")
            return 1
    print(f"{path}: OK, {len(lines)} decisions reproduce exactly"
          f"{' to the end of the game' if state.is_over else ''}.")
    return 0
