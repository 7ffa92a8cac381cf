"""Transcripts: one JSON line per decision with the state after it.

``asean-chair play --transcript FILE`` writes one; ``asean-chair replay
FILE`` plays it again and says where it no longer matches. The lines are
byte-stable, so a transcript is a golden test of the rules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..common.outputs import OutputError, why_not_written
from ..engine import Game, GameState


class Transcript:
    """One JSON line per decision with the state after it (byte-stable)."""

    def __init__(self, path: Path, game: Game) -> None:
        self.path = path
        try:
            self.file = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {why_not_written(exc)}") from None
        header = {
            "transcript": 1,
            "packs": [{"id": p.id, "version": p.version, "hash": p.digest}
                      for p in game.ruleset.packs],
            "content_hash": game.ruleset.content_hash,
            "scenario": game.scenario.id,
            "preset": game.preset,
            "difficulty": game.difficulty,
            "seed": game.seed,
        }
        self.write(header)

    def write(self, record: dict[str, Any]) -> None:
        try:
            self.file.write(json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n")
            self.file.flush()
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {why_not_written(exc)}") from None

    def decision(self, st: GameState) -> None:
        self.write(transcript_line(st))

    def close(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass  # the failed write was reported already


def transcript_line(st: GameState) -> dict[str, Any]:
    """The transcript record of the state after its last decision."""
    record: dict[str, Any] = {
        "n": len(st.history),
        "action": str(st.history[-1]),
        "turn": st.turn,
        "month": st.month,
        "values": {k: int(v) for k, v in sorted(st.v.items())},
        "pending": str(st.pending.card or st.pending.kind),
    }
    if st.result is not None:
        record["result"] = {"ending": st.result.ending, "score": st.result.score,
                            "tier": st.result.tier}
    return record
