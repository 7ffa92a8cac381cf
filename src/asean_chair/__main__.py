"""``python -m asean_chair``: the same as the ``asean-chair`` command."""

from .cli.main import entry

entry()
