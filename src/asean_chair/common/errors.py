"""The mistakes a player, teacher or modder can make, as exceptions.

The command line prints each in one line and exits with code 1; the window
shows it on its error screen. Neither prints a traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake of the user's, reported in one message with exit code 1."""


class PackNotFound(UserError):
    """A save or result names a rule pack that is not on this computer."""

    def __init__(self, pack_id: str | None) -> None:
        super().__init__(f"the save needs the pack '{pack_id}', which was not found")
        #: The id of the pack the save was made with.
        self.pack_id = pack_id
