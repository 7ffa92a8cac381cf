"""Shared fixtures: the tutorial ruleset, tiny packs written on the fly, and
a way to run the command line in-process."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from asean_chair.cli.main import main
from asean_chair.rules import load_packs

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "rules" / "tutorial"


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's saves and settings out of the real user folder."""
    monkeypatch.setenv("ASEAN_CHAIR_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def tutorial() -> Any:
    """The tutorial pack, loaded once."""
    return load_packs([TUTORIAL])


#: A minimal valid pack: two tracks, two rival actors, one flag and counter,
#: a three-month scenario and two cards. Tests copy and change it.
MINI: dict[str, dict[str, Any]] = {
    "pack.yaml": {"id": "mini", "name": "Mini", "version": "1.0.0", "format": 1},
    "world.yaml": {
        "tracks": [
            {"id": "autonomy", "name": "Autonomy", "start": 50},
            {"id": "economy", "name": "Economy", "start": 50, "baseline": 40},
        ],
        "actors": [
            {"id": "east", "name": "East", "relation": {"start": 0}, "rivals": {"west": 0.5}},
            {"id": "west", "name": "West", "relation": {"start": 0}},
        ],
        "flags": [{"id": "done", "name": "Done"}],
        "counters": [{"id": "votes", "name": "Votes"}],
        "actions": [{"id": "speech", "name": "Speech", "cost": 1,
                     "effects": [{"add": {"autonomy": 1}}]}],
    },
    "cards.yaml": {
        "cards": [
            {"id": "first", "title": "First", "text": "The first card.",
             "when": {"month": 1},
             "options": [
                 {"id": "a", "label": "A", "effects": [{"add": {"autonomy": 5}}]},
                 {"id": "b", "label": "B", "effects": [{"add": {"autonomy": -5}}]},
             ]},
        ]
    },
    "scenario.yaml": {
        "scenarios": [{
            "id": "main", "name": "Main", "turns": 3, "start_month": 1, "draws": 0,
            "capital": {"start": 2, "income": 1, "max": 5},
            "endings": [
                {"id": "lost", "title": "Lost", "text": "Autonomy is gone.",
                 "if": "autonomy <= 0", "defeat": True},
                {"id": "done", "title": "Done", "text": "The year is over."},
            ],
            "score": "autonomy + economy",
            "tiers": [
                {"id": "top", "name": "Top", "min_score": 110},
                {"id": "low", "name": "Low", "min_score": -1000},
            ],
        }]
    },
}


def write_pack(folder: Path, files: dict[str, Any]) -> Path:
    """Write a pack: each value is YAML data, or a string written as it is."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, (bytes, bytearray)):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
def mini() -> dict[str, Any]:
    """A deep copy of the minimal pack's data, to change in a test."""
    return copy.deepcopy(MINI)


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """``make_pack(files, name="mini")`` writes a pack folder and returns it."""

    def make(files: dict[str, Any], name: str = "mini") -> Path:
        return write_pack(tmp_path / name, files)

    return make


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str, str]]:
    """Run ``asean-chair ARGS`` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            lines = iter(stdin.splitlines())

            def fake_input(prompt: str = "") -> str:
                try:
                    return next(lines)
                except StopIteration:
                    raise EOFError from None

            monkeypatch.setattr("builtins.input", fake_input)
        old = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            code = main(list(args))
        finally:
            os.chdir(old)
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
