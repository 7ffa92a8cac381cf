"""The words of the server's pages: the scenario's frame words and the game's phrases.

Turn names come from the scenario's calendar (:mod:`asean_chair.turns`),
the currency, the player's side and the panels' titles from the scenario's
``words``, and every other phrase from ``assets/locale/<lang>.yaml`` under
``server.`` (a key a translation lacks is shown in English). Every phrase
may use ``{unit}``, ``{units}``, ``{currency}``, ``{currencies}``,
``{side}``, ``{relations}``, ``{actions}`` and ``{capital}``: they are
filled from the scenario.

>>> words = Words(game)                              # doctest: +SKIP
>>> words.t("end_turn")                              # doctest: +SKIP
'End the week'
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from .. import turns
from ..engine import Action, Game
from ..phrases import counted, digits, phrase
from ..rules.history import reality

MINUS = "\u2212"


def signed(n: int) -> str:
    """``+3``, ``−2`` (a real minus sign), ``0``."""
    return f"+{n}" if n > 0 else f"{MINUS}{-n}" if n < 0 else "0"


class Words:
    """The words of one lesson's pages in one language."""

    def __init__(self, game: Game, language: str = "en") -> None:
        self.game = game
        self.language = language or "en"
        sc = game.scenario
        w = sc.words
        clock = game.clock
        self.frame: dict[str, Any] = {
            "unit": clock.unit, "units": clock.units, "currency": w.currency,
            "currencies": w.currencies, "side": w.side, "relations": w.relations,
            "actions": w.actions, "capital": sc.capital.name,
        }

    def t(self, key: str, **fields: Any) -> str:
        """The phrase ``server.<key>``, with the frame words and ``fields`` filled in.

        A field given as :class:`~markupsafe.Markup` (:meth:`typed`) is put in
        as it is, and the phrase comes back as markup, its words escaped.
        """
        marked = {k: v for k, v in fields.items() if isinstance(v, Markup)}
        if not marked:
            return phrase(f"server.{key}", self.language, **{**self.frame, **fields})
        holders = {k: f"\0{i}\0" for i, k in enumerate(marked)}
        text = str(escape(phrase(f"server.{key}", self.language,
                                 **{**self.frame, **fields, **holders})))
        for k, holder in holders.items():
            text = text.replace(holder, str(marked[k]))
        return Markup(text)

    @staticmethod
    def typed(text: str) -> Markup:
        """Something a reader types (a session code, a rejoin code): kept as
        written, its digits Western in every language."""
        return Markup("<code>{}</code>").format(text)

    @property
    def numerals(self) -> str:
        """The language's ten digits, for the page's script (the countdown)."""
        return digits("0123456789", self.language)

    def tn(self, key: str, n: int, **fields: Any) -> str:
        """The phrase ``server.<key>.one`` or ``.other`` for a count ``n``."""
        return counted(f"server.{key}", n, self.language, **{**self.frame, **fields})

    def money(self, n: int) -> str:
        """An amount of the scenario's currency: ``1 favour``, ``3 favours``."""
        w = self.game.scenario.words
        return self.t("money", n=n, word=w.currency if n == 1 else w.currencies)

    def turn(self, turn: int, *, year: bool = True) -> str:
        """A turn's name (``May 2022``, ``Week 3``)."""
        return turns.turn_name(self.game.clock, turn, self.language, year=year)

    def turn_short(self, turn: int) -> str:
        """A turn's short name (``May``, ``W3``)."""
        return turns.turn_short(self.game.clock, turn, self.language)

    def units(self, n: int) -> str:
        """A number of turns: ``1 week``, ``3 months``."""
        return turns.unit_count(self.game.clock, n, self.language)

    def label(self, target: str) -> str:
        """A value's name: a track, a relation (the actor's name), the currency."""
        if target == "capital":
            return str(self.game.scenario.capital.name)
        return self.game.ruleset.label(target)

    def reality(self, card: str, option: str | None = None) -> tuple[str, str, str] | None:
        """(``real`` or ``invented``, its label, its explanation) for a card or a
        choice, or ``None`` when the pack does not tell history from invention."""
        found = reality(self.game.ruleset, card, option)
        if found is None:
            return None
        return (found, phrase(f"reality.{found}", self.language),
                phrase(f"reality.{found}_tip", self.language))

    def action(self, action: Action | str | None) -> str:
        """A decision in players' words (for "taken back: ...")."""
        if action is None:
            return ""
        if isinstance(action, str):
            text = action
            try:
                action = Action.parse(text)
            except ValueError:
                return text
        rs = self.game.ruleset
        if action.kind == "choose" and action.card in rs.cards:
            card = rs.cards[str(action.card)]
            label = next((o.label for o in card.options if o.id == action.option), action.option)
            return self.t("did.choose", option=label, card=card.title)
        if action.kind == "act" and action.action in rs.actions:
            return self.t("did.act", action=rs.actions[str(action.action)].name)
        if action.kind == "skip":
            return self.t("did.skip")
        return self.t("did.end_turn")
