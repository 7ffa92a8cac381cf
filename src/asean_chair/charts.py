"""Charts as inline SVG, drawn with matplotlib, for the HTML reports.

The SVG goes straight into the page, so reports open offline and print
sharp. Output is stable: the same data gives the same file.

Every text a chart draws (a title, a label, a team's or a pack's name)
goes through :func:`chart_text` first: matplotlib reads ``$...$`` as
mathematics, so a team called "$ave the day" would be set in italics with
its dollar sign gone.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

#: Colours for lines and bars when a pack gives none (colour-blind safe).
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
           "#000000", "#999999", "#7f3c8d", "#11a579", "#3969ac", "#e73f74", "#80ba5a")


def chart_text(text: object) -> str:
    """``text`` as matplotlib should draw it: every character as written.

    >>> print(chart_text("Team $1"))
    Team \\$1
    """
    return str(text).replace("$", r"\$")


def svg_chart(draw: Callable[[Any], None], width: float = 6.0, height: float = 3.2) -> str:
    """Call ``draw(axes)`` on a new figure and return the figure as an ``<svg>`` element."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "asean-chair"
    matplotlib.rcParams["svg.fonttype"] = "none"
    fig, ax = plt.subplots(figsize=(width, height))
    try:
        draw(ax)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None,
                                                 "Format": None, "Type": None})
    finally:
        plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]
