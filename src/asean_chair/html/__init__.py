"""HTML pages from Jinja2 templates: one base layout, one stylesheet, one set of helpers.

The debrief, the class debrief, the print-and-play deck and the balance
report are all rendered here, from ``templates/`` (shipped in the wheel).
Autoescaping is on for every template, so a card title, a team's name or a
pack's text can never become markup; what is already HTML (a chart's SVG,
embedded fonts) comes in as :class:`~markupsafe.Markup`.

>>> render("base.html", page="plain", title="<b>Hi</b>")[:60]   # doctest: +SKIP
"""

from __future__ import annotations

from markupsafe import Markup

from .render import environment, render

__all__ = ["Markup", "environment", "render"]
