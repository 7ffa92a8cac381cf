"""What every printout says around a pack's own text: the lesson played, turn
names, value names, the real/made-up labels, and the language notice.

The words come from ``assets/locale/<lang>.yaml`` (keys ``print.``,
``report.``, ``class.``, ``deck.``, ``reality.``) and from the scenario's
calendar and ``words``; never from a string here, so a pack about a harbour
in weeks prints as naturally as the 2022 game in months.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..html.helpers import count_translator, translator
from ..rules.history import reality, uses_history
from ..rules.models import Scenario
from ..rules.ruleset import Ruleset
from ..turns import turn_name, unit_count


@dataclass(frozen=True)
class Frame:
    """The frame words of one printout: its language and the scenario's words."""

    ruleset: Ruleset
    scenario: Scenario
    language: str = "en"

    @property
    def t(self) -> Callable[..., str]:
        """``t(key, **fields)``: a frame phrase in the printout's language."""
        return translator(self.language)

    @property
    def tn(self) -> Callable[..., str]:
        """``tn(key, n, **fields)``: a counted frame phrase."""
        return count_translator(self.language)

    def turn(self, turn: int, year: bool = False) -> str:
        """A turn's name (``May``, ``Week 3``; with ``year``, ``May 2022``)."""
        return turn_name(self.scenario.clock, turn, self.language, year=year)

    def turns(self, n: int) -> str:
        """A number of turns in the calendar's words (``8 months``, ``1 week``)."""
        return unit_count(self.scenario.clock, n, self.language)

    def label(self, name: str) -> str:
        """What players call a value: a track, a relation, or the currency."""
        if name == "capital":
            return self.scenario.capital.name
        return self.ruleset.label(name)

    def currency(self, n: float | None = None) -> str:
        """What options cost, in the scenario's words: ``favour``/``favours``; a
        scenario that declares no currency word says its capital's name
        (``political capital``), never a neutral "points" beside it."""
        words = self.scenario.words
        if "currency" in words.model_fields_set or "currencies" in words.model_fields_set:
            return words.currency if n == 1 else words.currencies
        return self.scenario.capital.name.lower()

    def visible(self, name: str) -> bool:
        """Whether players may see a value (hidden tracks never reach a printout)."""
        track = self.ruleset.tracks.get(name)
        if track is not None:
            return track.visible
        kind, _, rest = name.partition(".")
        return (kind == "rel" and rest in self.ruleset.actors) or name == "capital"

    @property
    def has_history(self) -> bool:
        """Whether any card of the packs really happened (else the printouts speak of
        the players' own decisions only, and label nothing as real or made up)."""
        rs = self.ruleset
        key = ("frame", "has_history")
        if key not in rs.cache:
            rs.cache[key] = uses_history(rs.cards.values()) and any(
                reality(rs, card) == "real" for card in rs.cards.values())
        return bool(rs.cache[key])

    def reality(self, card: str, option: str | None = None) -> str | None:
        """``real``, ``invented`` or ``None`` (a pack with no history to tell)."""
        if not self.has_history:
            return None
        found = reality(self.ruleset, card, option)
        return str(found) if found is not None else None

    def reality_label(self, card: str) -> str:
        """``Really happened`` / ``Made up for this game``, or ``""``."""
        found = self.reality(card)
        return self.t(f"reality.{found}") if found else ""

    def lesson(self, game: Any) -> str:
        """The lesson played, in one line: the preset (or the full game), the
        turns it spans, the difficulty."""
        sc = self.scenario
        preset = next((p for p in sc.presets if p.id == game.preset), None)
        difficulty = next((d for d in sc.difficulties if d.id == game.difficulty), None)
        parts = [preset.name if preset else self.t("print.full_game")]
        first, last = game.first_turn, game.last_turn
        span = self.t("print.span", first=self.turn(first, year=True),
                      last=self.turn(last, year=True), count=self.turns(last - first + 1))
        parts.append(span)
        parts.append(self.t("print.difficulty", name=difficulty.name if difficulty
                            else self.t("print.normal")))
        return " · ".join(parts)


def frame_for(ruleset: Ruleset, scenario: Scenario, language: str | None) -> Frame:
    """The frame of a printout in ``language`` (English by default)."""
    return Frame(ruleset, scenario, language or "en")


def language_notice(ruleset: Ruleset, language: str | None) -> str | None:
    """One line for the teacher when the printout cannot be all in ``language``:
    a pack without that translation, or a language the game's frame lacks."""
    if not language or language == "en":
        return None
    from ..phrases import locale_dir

    missing = [p for p in ruleset.packs
               if not (Path(p.folder) / "locale" / f"{language}.yaml").is_file()]
    frame = (locale_dir() / f"{language}.yaml").is_file()
    if not frame:
        return (f"note: the game has no '{language}' words (assets/locale/{language}.yaml); "
                "the page is printed in English")
    if missing:
        names = ", ".join(p.id for p in missing)
        return (f"note: {names} has no '{language}' translation; its cards and texts are "
                f"printed in English, the page's own words in '{language}'")
    return None


__all__ = ["Frame", "frame_for", "language_notice"]
