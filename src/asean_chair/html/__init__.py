"""HTML pages from Jinja2 templates: one base layout, one stylesheet, one set of helpers.

The debrief, the class debrief, the print-and-play deck and the balance
report are all rendered here, from ``templates/`` (shipped in the wheel).
Autoescaping is on for every template, so a card title, a team's name or a
pack's text can never become markup; what is already HTML (a chart's SVG,
embedded fonts) comes in as :class:`~markupsafe.Markup`.

>>> "<title>&lt;b&gt;Hi&lt;/b&gt;</title>" in render("base.html", page="debrief",
...                                                  title="<b>Hi</b>")
True
"""

from __future__ import annotations

from markupsafe import Markup

from .render import environment, khmer_words_whole, page_numbers, render

__all__ = ["Markup", "environment", "khmer_words_whole", "page_numbers", "render"]
