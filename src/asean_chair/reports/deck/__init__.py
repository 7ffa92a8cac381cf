"""The print-and-play deck: a pack's game on paper, for a class without computers.

``asean-chair print-deck -o deck.html`` writes one self-contained HTML page
(inline CSS and fonts, no scripts, nothing fetched) that prints on A4:

- a one-page rules summary generated from the scenario (how a month goes,
  how to lose, the score, the glossary),
- the board: every visible track and relation as a row of boxes, political
  capital and a calendar strip with the milestones,
- a record sheet: markers, counters, lasting effects and a score worksheet,
- every card and diplomacy action as a 63 x 88 mm card, nine to a page.

The modules: :mod:`.text` (the font's metrics, paragraphs, line counts),
:mod:`.cards` (card contents and fitting them), :mod:`.board` (the board
and record sheet), :mod:`.summary` (the rules summary). The HTML is
``html/templates/deck/``.

Nothing can run JavaScript to measure text, so the layout is planned here:
text is measured with the metrics of the bundled Noto Sans (embedded in the
page as a subset, so every browser lays it out alike), a card whose text is
long gets a smaller font (never under 7 pt), and a card that still does not
fit goes on on a second card marked "(continued)".
"""

from __future__ import annotations

import html

from ...html import Markup, render
from ...rules.ruleset import Ruleset
from .board import board_page, record_page
from .cards import CARD_SIZES, CARD_STYLES, CardFace, all_faces, fit_card
from .summary import RULES_STYLES, rules_pages
from .text import FONT_STACK, font_face, para, style_css

__all__ = ["CARD_SIZES", "CardFace", "board_page", "fit_card", "para", "print_deck",
           "record_page", "rules_pages"]


def print_deck(ruleset: Ruleset, scenario_id: str | None = None, preset: str | None = None,
               language: str | None = None) -> str:
    """The whole deck of a ruleset's scenario as one printable, self-contained HTML page.

    >>> page = print_deck(load_packs([Path("rules/tutorial")]))  # doctest: +SKIP
    >>> "@page" in page
    True

    Raises ``KeyError`` for an unknown scenario or preset.
    """
    scenario = ruleset.scenario_with(scenario_id, preset)
    chosen = next((p for p in scenario.presets if p.id == preset), None)
    faces = all_faces(ruleset, scenario)
    pages = rules_pages(ruleset, scenario, chosen)
    pages.append(board_page(ruleset, scenario, chosen))
    pages.append(record_page(ruleset, scenario))
    pages += [Markup(render("deck/cards.html", cards=faces[i:i + 9]))
              for i in range(0, len(faces), 9)]
    body = "\n".join(pages)
    title = f"{ruleset.main_pack.name}: print-and-play deck"
    # The embedded font holds only the characters the page uses.
    chars = "".join(sorted(set(html.unescape(body) + title + "0123456789")))
    styles = style_css(CARD_STYLES, ".card") + "\n" + style_css(RULES_STYLES, ".rules")
    return render("deck/page.html", page="deck", title=title, body=Markup(body),
                  fonts=Markup(font_face(chars)), font_stack=Markup(FONT_STACK),
                  paragraph_styles=Markup(styles)) + "\n"
