"""Where a player's saves, autosaves and settings live.

``ASEAN_CHAIR_HOME`` overrides the folder (tests and classrooms use it);
otherwise the platform's per-user data folder is used.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_home() -> Path:
    """The folder for this player's saves and settings (created on demand)."""
    override = os.environ.get("ASEAN_CHAIR_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home())) / "asean-chair"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "asean-chair"
    else:
        data_home = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
        base = data_home / "asean-chair"
    return base


def saves_dir() -> Path:
    """The folder of saved games."""
    return data_home() / "saves"


def autosave_path() -> Path:
    """The autosave file that 'Continue' resumes."""
    return saves_dir() / "autosave.json"
