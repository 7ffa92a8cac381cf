"""Value types of the engine: actions, choices, causes, log entries, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Self

ActionKind = Literal["choose", "act", "end_turn", "skip", "inject"]
#: What the game waits for: a card decision, the diplomacy phase, or nothing.
Phase = Literal["event", "diplomacy", "over"]
#: What made a value change or a message appear.
CauseKind = Literal["option", "action", "rule", "income", "spill", "modifier", "schedule",
                    "ending", "card", "draw", "turn", "teacher"]


class IllegalAction(ValueError):
    """An action that is not allowed now; ``reason`` says why in players' words.

    The state is unchanged when this is raised.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True, order=True)
class Action:
    """Something a player does: choose a card's option, take a diplomacy
    action, or end the turn; or, for a teacher running a class, skip the
    current card or inject one. Compares by value; ``str()`` is its save form.

    >>> Action.parse("choose:flood/evacuate")
    Action(kind='choose', card='flood', option='evacuate', action=None)
    >>> str(Action.end_turn())
    'end_turn'
    """

    kind: ActionKind
    card: str | None = None
    option: str | None = None
    action: str | None = None

    @classmethod
    def choose(cls, card: str, option: str) -> Action:
        """Choose ``option`` on ``card``."""
        return cls("choose", card=card, option=option)

    @classmethod
    def act(cls, action: str) -> Action:
        """Take the diplomacy action ``action``."""
        return cls("act", action=action)

    @classmethod
    def end_turn(cls) -> Action:
        """Finish the action phase and end the turn."""
        return cls("end_turn")

    @classmethod
    def skip(cls) -> Action:
        """A teacher's action: set the current card aside without deciding it."""
        return cls("skip")

    @classmethod
    def inject(cls, card: str) -> Action:
        """A teacher's action: put ``card`` in front of the queue now."""
        return cls("inject", card=card)

    @classmethod
    def parse(cls, text: str) -> Action:
        """Read an action from its save form; raises ``ValueError`` if malformed."""
        kind, _, rest = text.partition(":")
        if kind == "end_turn" and not rest:
            return cls.end_turn()
        if kind == "skip" and not rest:
            return cls.skip()
        if kind == "inject" and rest:
            return cls.inject(rest)
        if kind == "act" and rest:
            return cls.act(rest)
        if kind == "choose":
            card, slash, option = rest.partition("/")
            if card and slash and option:
                return cls.choose(card, option)
        raise ValueError(f"not an action: {text!r}")

    def __str__(self) -> str:
        if self.kind == "choose":
            return f"choose:{self.card}/{self.option}"
        if self.kind == "act":
            return f"act:{self.action}"
        if self.kind == "inject":
            return f"inject:{self.card}"
        return str(self.kind)


@dataclass(frozen=True, slots=True)
class Odds:
    """One chance branch of an option, as players see it."""

    chance: float
    text: str


class Reason(str):
    """Why a choice is not allowed, in English, with what a front end needs
    to say it in another language: ``key`` (a phrase ``why.<key>`` of
    ``assets/locale``) and its ``fields``.

    It is a ``str``, equal to its English, wherever a reason is one.
    """

    key: str
    fields: dict[str, Any]

    def __new__(cls, text: str, key: str, **fields: Any) -> Self:
        made = super().__new__(cls, text)
        made.key = key
        made.fields = fields
        return made


@dataclass(frozen=True, slots=True)
class Choice:
    """An action as offered to the player: its label, cost, and whether (and
    why not) it can be taken now."""

    action: Action
    label: str
    cost: int = 0
    legal: bool = True
    why_not: str | None = None
    hint: str = ""
    odds: tuple[Odds, ...] = ()


@dataclass(frozen=True, slots=True)
class Cause:
    """Why a value changed: a card option, an action, a rule, income...

    ``where`` is the pack file and line of the rule that made the change.
    """

    kind: CauseKind
    id: str
    label: str
    where: str = ""

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of the game's log: a value change (``target`` set) or a message."""

    turn: int
    month: int
    cause: Cause
    target: str | None = None
    before: int = 0
    after: int = 0
    text: str = ""

    @property
    def delta(self) -> int:
        """How much the value moved."""
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class Result:
    """How a finished game ended."""

    ending: str
    title: str
    text: str
    defeat: bool
    score: float
    tier: str
    tier_name: str
    verdict: tuple[str, ...] = field(default=())

    @property
    def summary(self) -> str:
        """One paragraph: the ending, the tier and the verdict sentences."""
        return " ".join([self.text, *self.verdict]).strip()


@dataclass(frozen=True, slots=True)
class Pending:
    """What the game waits for.

    ``kind`` is ``"event"`` (a card decision: ``card`` names it), ``"diplomacy"``
    (take actions or end the turn), or ``"over"``.
    """

    kind: Phase
    card: str | None = None
