"""Play ASEAN Chair from a checkout, without installing it.

    python game/main.py            # the game window
    python game/main.py --help     # every command (validate, replay, play --text...)

It puts ``../src`` on the import path and runs the ``asean-chair`` command
line; with no arguments it opens the window.
"""

from __future__ import annotations

import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
if SRC.is_dir() and str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from asean_chair.cli.main import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["play"]))
