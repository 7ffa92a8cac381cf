"""The print-and-play deck: a pack's game on paper, for a class without computers.

``asean-chair print-deck -o deck.html`` writes one self-contained HTML page
(inline CSS and fonts, no scripts, nothing fetched) that prints on A4:

- a one-page rules summary generated from the scenario (how a turn goes,
  how to lose, the score, rounding and rivalry, the glossary),
- the board: every visible track and relation as a row of boxes, the
  currency and a calendar strip with the milestones,
- a record sheet: markers, counters, diplomacy uses, lasting effects and a
  score worksheet,
- every card the game (or the lesson, with ``--preset``) deals and every
  diplomacy action, each on one card face (:mod:`.cards`),
- where the pack has hidden tracks, a sheet for the game master only, as a
  page of its own (``deck-game-master.html``), so nothing hidden is in the
  players' file.

The modules: :mod:`.text` (the font's metrics, paragraphs, line counts),
:mod:`.cards` (card contents and faces), :mod:`.hidden` (what players may
not see), :mod:`.board` (the board and the sheets), :mod:`.summary` (the
rules summary). The HTML is ``html/templates/deck/``; every frame word comes
from ``assets/locale`` (``deck.``) and the scenario's calendar and words.

Nothing can run JavaScript to measure text, so the layout is planned here:
text is measured with the metrics of the bundled Noto Sans (embedded in the
page as a subset, so every browser lays it out alike).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ...html import Markup, khmer_words_whole, page_numbers, render
from ...rules.ruleset import Ruleset
from ..frame import frame_for
from .board import board_page, master_page, record_page
from .cards import CARD_SIZES, CARD_STYLES, FORMATS, CardFace, all_faces, fit_card, pack_pages
from .summary import RULES_STYLES, rules_pages
from .text import FONT_STACK, font_face, para, style_css

__all__ = ["CARD_SIZES", "FORMATS", "CardFace", "Deck", "board_page", "build_deck", "fit_card",
           "para", "print_deck", "record_page", "rules_pages"]


@dataclass(frozen=True)
class Deck:
    """A printed deck: the players' page, the game master's page (a pack with hidden
    tracks), and what they hold (for the command's message)."""

    page: str
    cards: int
    actions: int
    pages: int
    #: The game master's sheet, a page of its own (``None``: no hidden track).
    master: str | None = None


def _page(body: str, title: str, language: str) -> str:
    body = khmer_words_whole(page_numbers(body, language))
    title = page_numbers(title, language)
    # The embedded font holds only the characters the page uses.
    chars = "".join(sorted(set(html.unescape(body) + title + "0123456789")))
    styles = style_css(CARD_STYLES, ".card") + "\n" + style_css(RULES_STYLES, ".rules")
    return render("deck/page.html", page="deck", lang=language, title=title,
                  body=Markup(body), fonts=Markup(font_face(chars)),
                  font_stack=Markup(FONT_STACK), paragraph_styles=Markup(styles)) + "\n"


def build_deck(ruleset: Ruleset, scenario_id: str | None = None, preset: str | None = None,
               language: str | None = None) -> Deck:
    """The deck of a ruleset's scenario (or one of its lessons) as one printable,
    self-contained HTML page, its frame words in ``language``; a pack with hidden
    tracks also gets the game master's sheet, as a page of its own.

    Raises ``KeyError`` for an unknown scenario or preset.
    """
    scenario = ruleset.scenario_with(scenario_id, preset)
    chosen = next((p for p in scenario.presets if p.id == preset), None)
    frame = frame_for(ruleset, scenario, language)
    faces = all_faces(ruleset, scenario, chosen, frame)
    pages = rules_pages(ruleset, scenario, chosen, frame)
    pages.append(board_page(ruleset, scenario, chosen, frame))
    pages.append(record_page(ruleset, scenario, chosen, frame))
    sheets = pack_pages(faces)
    pages += [Markup(render("deck/cards.html", cards=sheet)) for sheet in sheets]
    body = "\n".join(pages)
    title = frame.t("deck.title", name=ruleset.main_pack.name)
    secret = master_page(ruleset, scenario, chosen, frame, faces)
    master = None
    if secret is not None:
        master = _page(str(secret), frame.t("deck.master.title", name=scenario.name),
                       frame.language)
    return Deck(_page(body, title, frame.language), sum(f.kind != "action" for f in faces),
                sum(f.kind == "action" for f in faces), body.count("<section class='page"),
                master)


def print_deck(ruleset: Ruleset, scenario_id: str | None = None, preset: str | None = None,
               language: str | None = None) -> str:
    """The players' deck as one printable page (see :func:`build_deck`).

    >>> page = print_deck(load_packs([Path("rules/tutorial")]))  # doctest: +SKIP
    >>> "@page" in page
    True
    """
    return build_deck(ruleset, scenario_id, preset, language).page
