"""Positions in pack files, and the problems reported against them.

Kept apart from the YAML reader so the engine can carry a rule's file and
line in its log without importing YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, NamedTuple


class Mark(NamedTuple):
    """A 1-based line and column in a pack file.

    A named tuple (immutable, hashable): the YAML reader makes one for every
    key, value and item of every file, and a tuple is made several times
    faster than a frozen dataclass.
    """

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or suspicious) in a pack, at a position."""

    mark: Mark | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = str(self.mark) if self.mark else "(packs)"
        return f"{where}: {self.severity}: {self.message}"


class RulesError(Exception):
    """Packs that could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]) if errors else "no errors"
        super().__init__(f"{len(errors)} error(s) in the rule packs; first: {first}")


class MDict(dict[str, Any]):
    """A mapping read from YAML that remembers where each key and value were."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark | None = None) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}


class MList(list[Any]):
    """A sequence read from YAML that remembers where each item was."""

    __slots__ = ("item_marks", "mark")

    def __init__(self, mark: Mark | None = None) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []


def mark_at(root: Any, path: tuple[Any, ...], *, key: bool = False) -> Mark | None:
    """The deepest known position along ``path`` inside data read from YAML.

    With ``key=True`` the last step points at the key itself (for an
    unknown field) rather than its value.
    """
    best: Mark | None = getattr(root, "mark", None)
    node = root
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, MDict) and isinstance(step, str) and step in node:
            marks = node.key_marks if (key and last) else node.value_marks
            best = marks.get(step, best)
            node = node[step]
        elif isinstance(node, MList) and isinstance(step, int) and 0 <= step < len(node):
            if step < len(node.item_marks):
                best = node.item_marks[step]
            node = node[step]
        else:
            break
    return best


def value_mark(container: Any, key: str) -> Mark | None:
    """Where the value of ``key`` was written, if ``container`` came from YAML."""
    if isinstance(container, MDict):
        return container.value_marks.get(key, container.mark)
    return getattr(container, "mark", None)
