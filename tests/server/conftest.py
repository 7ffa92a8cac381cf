"""Fixtures of the classroom server's tests: a lesson in a temporary database,
an event loop to drive it, and the application behind a test client."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

pytest.importorskip("starlette", reason="the classroom server's extra is not installed")

from asean_chair.server.lesson import Lesson
from asean_chair.server.run import ServeOptions, open_lesson
from asean_chair.server.security import Limits

from ..conftest import ROOT

TUTORIAL = ROOT / "rules" / "tutorial"
STORM = ROOT / "rules" / "examples" / "storm_season"
T = TypeVar("T")
Run = Callable[[Coroutine[Any, Any, T]], T]


@pytest.fixture
def run() -> Iterator[Callable[[Coroutine[Any, Any, Any]], Any]]:
    """Run a coroutine on one event loop kept for the whole test."""
    with asyncio.Runner() as runner:
        yield runner.run


@pytest.fixture
def lessons(tmp_path: Path) -> Iterator[Callable[..., Lesson]]:
    """Open a lesson (teams on the tutorial's short lesson unless told), closed at the end."""
    opened: list[Lesson] = []

    def make(db: Path | None = None, **options: Any) -> Lesson:
        options.setdefault("packs", [str(TUTORIAL)])
        options.setdefault("preset", "short")
        options.setdefault("seed", 7)
        options.setdefault("limits", Limits())
        lesson, _ = open_lesson(ServeOptions(db=db or tmp_path / "lesson.sqlite3", **options))
        opened.append(lesson)
        return lesson

    yield make
    for lesson in opened:
        lesson.store.close()


def csrf_of(page: str) -> str:
    """The form token in a page."""
    found = re.search(r"name='csrf' value='([^']+)'", page)
    assert found, "the page has no form"
    return found.group(1)


def next_number(page: str) -> int:
    """The move number the page's forms carry."""
    found = re.search(r"name='n' value='(\d+)'", page)
    assert found, "the page offers no move"
    return int(found.group(1))


def offered(page: str) -> list[str]:
    """The moves a page offers, in order (enabled buttons only, undo apart)."""
    moves = []
    for form in re.findall(r"<form method='post' action='/play'.*?</form>", page, re.DOTALL):
        action = re.search(r"name='action' value='([^']+)'", form)
        if action and action.group(1) != "undo" and not re.search(r"<button[^>]*disabled", form):
            moves.append(action.group(1))
    return moves


def load_tool() -> Any:
    """``tools/load_classroom.py`` as a module: it starts real servers and plays like browsers."""
    import importlib.util
    import sys

    name = "load_classroom"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
