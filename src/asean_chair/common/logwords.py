"""The engine's own words, in the reader's language.

The engine writes its log and its reasons in English (a save keeps them
so): the cause of a change ("China income", "rivalry: warmer ties with
China", "The visit (later)"), the messages it adds ("This will come back:
'The visit' in 3 months.") and why a choice is not allowed ("cooling down:
available again in 2 months"). The terminal game and the printed debriefs
say them in the player's language with these functions; English stays as
the engine wrote it, word for word.
"""

from __future__ import annotations

import re
from typing import Any

from ..engine import Cause, LogEntry
from ..engine.core import Reason
from ..phrases import phrase
from ..rules.ruleset import Ruleset
from ..turns import turn_name, unit_count

__all__ = ["cause_label", "log_text", "reason_text"]

#: The messages the engine writes, each with its phrase in ``log.*``.
_MESSAGES = (
    (re.compile(r"^This will come back: '(?P<card>.+)' in (?P<n>\d+) [^.]+\.$"),
     "log.come_back"),
    (re.compile(r"^(?P<name>.+) for (?P<n>\d+) [^.]+\.$"), "log.modifier"),
    (re.compile(r"^(?P<name>.+) has ended\.$"), "log.ended"),
)
_LATER = " (later)"


def cause_label(cause: Cause, ruleset: Ruleset, language: str = "en") -> str:
    """What made a change, in a few words: ``China income`` -> ``ចំណូល ...``."""
    if language == "en":
        return cause.label
    kind = cause.kind
    if kind == "income":
        return phrase("cause.income_of", language, capital=ruleset.scenario().capital.name)
    if kind == "spill":
        actor = ruleset.actors.get(cause.id)
        if actor is not None:
            return phrase("cause.spill_of", language, actor=actor.name)
    if kind == "schedule" and cause.label.endswith(_LATER):
        return phrase("cause.later", language, what=cause.label.removesuffix(_LATER))
    if kind == "teacher":
        return phrase("cause.teacher", language)
    if kind == "draw":
        return phrase("cause.draw", language)
    if kind == "turn":
        return phrase("cause.turn", language, unit=ruleset.scenario().clock.unit)
    return cause.label


def log_text(entry: LogEntry, ruleset: Ruleset, language: str = "en") -> str:
    """A message of the log (not a value change) in ``language``."""
    text = entry.text
    if language == "en":
        return text
    for prefix, key, name in (("You chose: ", "log.you_chose", "option"),
                              ("Action: ", "log.action", "action")):
        if text.startswith(prefix):
            return phrase(key, language, **{name: text[len(prefix):]})
    if entry.cause.kind == "teacher":
        card = ruleset.cards.get(entry.cause.id)
        title = card.title if card is not None else entry.cause.id
        return phrase("log.teacher_inject" if "brought" in text else "log.teacher_skip",
                      language, card=title)
    for pattern, key in _MESSAGES:
        found = pattern.match(text)
        if found:
            fields: dict[str, Any] = found.groupdict()
            if "n" in fields:
                fields["count"] = unit_count(ruleset.scenario().clock, int(fields.pop("n")),
                                             language)
            return phrase(key, language, **fields)
    return text


def reason_text(why: str | None, ruleset: Ruleset, language: str = "en") -> str:
    """Why a choice is not allowed, in ``language`` (``""`` for no reason)."""
    if not why:
        return ""
    if language == "en" or not isinstance(why, Reason):
        return str(why)
    fields = dict(why.fields)
    clock = ruleset.scenario().clock
    for name in ("turn", "first", "last"):
        if name in fields:
            fields[name] = turn_name(clock, int(fields[name]), language)
    if "n" in fields and "units" in fields:
        fields["count"] = unit_count(clock, int(fields["n"]), language)
    return phrase(f"why.{why.key}", language, **fields)
