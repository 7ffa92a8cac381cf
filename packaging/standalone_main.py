"""The standalone program's entry point (PyInstaller runs this file).

With no arguments it opens the game window, like ``python game/main.py``;
otherwise it is the ``asean-chair`` command line.
"""

from __future__ import annotations

import multiprocessing
import sys

from asean_chair.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `simulate --jobs` starts workers from this program
    sys.exit(main(sys.argv[1:] or ["play"]))
