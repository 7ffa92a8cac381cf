"""Where the packaged rule packs and assets are.

An installed wheel carries them inside the package (``asean_chair/_data``);
a checkout or an editable install finds the same folders at the top of the
repository.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _data_dir(name: str) -> Path:
    packaged = Path(str(resources.files("asean_chair"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    return checkout


def rules_dir() -> Path:
    """The folder holding the bundled rule packs (``asean2022``, ``tutorial``)."""
    return _data_dir("rules")


def assets_dir() -> Path:
    """The folder holding fonts, icons and themes."""
    return _data_dir("assets")


def default_pack() -> Path:
    """The pack ``play`` uses when none is given: the 2022 game, else the tutorial."""
    main = rules_dir() / "asean2022"
    return main if (main / "pack.yaml").is_file() else rules_dir() / "tutorial"
