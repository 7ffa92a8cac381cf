"""The player's settings, kept in ``settings.json`` in the data folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from ..common.userdata import data_home

#: Window sizes offered in the settings, smallest first.
WINDOW_SIZES: tuple[tuple[int, int], ...] = ((1024, 600), (1280, 720), (1600, 900),
                                              (1920, 1080), (2560, 1440), (3840, 2160))
#: Text sizes offered in the settings: (label, factor).
TEXT_SIZES: tuple[tuple[str, float], ...] = (("Small", 0.85), ("Normal", 1.0),
                                              ("Large", 1.2), ("Huge", 1.4))
#: Countdown lengths offered for a class vote, in seconds (0: no countdown).
VOTE_SECONDS: tuple[int, ...] = (0, 30, 60, 90, 120)
MIN_SIZE = (1024, 600)
#: The most a settings file may weigh: anything larger is not this game's.
SETTINGS_LIMIT = 64 * 1024
DEFAULT_SIZE = (1280, 720)


@dataclass
class Settings:
    """What the player chose in the settings screen.

    ``exact_numbers``: option hints show exact amounts (``+12``) rather
    than directions only (``+``). ``language``: the window's language
    (``en``, ``km``). ``vote_seconds``: the countdown per card in a class
    vote (0: none).
    """

    fullscreen: bool = False
    window_width: int = DEFAULT_SIZE[0]
    window_height: int = DEFAULT_SIZE[1]
    text_scale: float = 1.0
    high_contrast: bool = False
    exact_numbers: bool = True
    language: str = "en"
    vote_seconds: int = 0
    #: A modder's mode: the pack file and line of every change, hidden tracks shown.
    modder: bool = False

    @property
    def window_size(self) -> tuple[int, int]:
        """The windowed size, never below the smallest usable size."""
        return (max(self.window_width, MIN_SIZE[0]), max(self.window_height, MIN_SIZE[1]))

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Settings from JSON data; unknown or mistyped fields keep their defaults."""
        s = cls()
        if not isinstance(data, dict):
            return s
        for f in fields(cls):
            value = data.get(f.name)
            default = getattr(s, f.name)
            if isinstance(default, bool):
                if isinstance(value, bool):
                    setattr(s, f.name, value)
            elif isinstance(default, str):
                if isinstance(value, str) and value in _CHOICES.get(f.name, (value,)):
                    setattr(s, f.name, value)
            elif f.name == "vote_seconds":
                if value in VOTE_SECONDS and not isinstance(value, bool):
                    setattr(s, f.name, value)
            elif isinstance(default, int):
                ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value < 20000
                if ok:
                    setattr(s, f.name, value)
            elif isinstance(default, float) and isinstance(value, (int, float)) \
                    and not isinstance(value, bool):
                setattr(s, f.name, min(max(float(value), 0.5), 2.0))
        return s


def _language_codes() -> tuple[str, ...]:
    from .i18n import LANGUAGES

    return tuple(code for code, _ in LANGUAGES)


_CHOICES: dict[str, tuple[str, ...]] = {"language": _language_codes()}


def settings_path() -> Path:
    """Where the settings are saved."""
    return data_home() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults if there are none or they are unreadable."""
    from ..files import FileRefused, read_capped

    p = path or settings_path()
    if not p.exists():
        return Settings()
    try:
        return Settings.from_dict(json.loads(read_capped(p, SETTINGS_LIMIT).decode("utf-8")))
    except (FileRefused, OSError, ValueError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Save the settings; returns an error message, or ``None`` on success."""
    from ..engine.saves import write_atomic

    p = path or settings_path()
    try:
        write_atomic(p, json.dumps(asdict(settings), indent=1, sort_keys=True) + "\n")
    except OSError as exc:
        return f"could not save the settings: {exc.strerror}"
    return None
