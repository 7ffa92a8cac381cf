"""The board: the month, the calendar, tracks and relations, the card or
the diplomacy of this month, the queue of cards and the log.

- :mod:`.scene`: the screen itself: its layout, the card, input.
- :mod:`.vote`: a class vote on the card on screen.
- :mod:`.diplomacy`: the diplomacy of a turn.
- :mod:`.text`: the board's words (hints, status, queue, log).
- :mod:`.layout`: the sizes of the left column.
- :mod:`.paint`: everything that is drawn rather than a widget.
"""

from .scene import BoardScene

__all__ = ["BoardScene"]
