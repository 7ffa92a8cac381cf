"""The classroom server in a real browser: Chromium (the system's, driven by
Playwright) against a real server process on 127.0.0.1, as a class uses it.

Skipped only when no Chromium is installed (``apt-get install chromium``, or
``ASEAN_CHAIR_CHROMIUM=/path/to/chrome``); Playwright never downloads one.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import TUTORIAL, load_tool


def find_chromium() -> str | None:
    """The system's Chromium, if there is one."""
    wanted = os.environ.get("ASEAN_CHAIR_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = find_chromium()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install "
                       "chromium, or set ASEAN_CHAIR_CHROMIUM): the browser tests need a real "
                       "browser"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
#: How long a live page may take to show a change (it looks every 2 to 4 seconds).
LIVE_MS = 15_000


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tool() -> Any:
    return load_tool()


@pytest.fixture
def server(tmp_path: Path, tool: Any) -> Iterator[Any]:
    """A server on the tutorial's short lesson (teams), stopped at the end."""
    started: list[Any] = []

    def start(*args: str, port: int = 0) -> Any:
        served = tool.start_server(tmp_path / "lesson.sqlite3", "--pack", str(TUTORIAL),
                                   "--preset", "short", *args, port=port)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


def device(chromium: Any, viewport: dict[str, int] = PHONE) -> Any:
    return chromium.new_context(viewport=viewport).new_page()


def join_team(page: Any, served: Any, name: str) -> None:
    page.goto(f"{served.url}/join?code={served.code}")  # where the QR code leads
    assert page.input_value("input[name=code]") == served.code
    page.fill("input[name=name]", name)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/play$"))


def decide(page: Any) -> None:
    """Click the first move the page offers (an option, an action, or the end of the turn)."""
    before = page.input_value("input[name=n]")
    button = page.locator("form.choice button:not([disabled]), form.end-turn button").first
    button.click()
    page.wait_for_function(
        "n => !document.querySelector('input[name=n]') || "
        "document.querySelector('input[name=n]').value !== n", arg=before)


def play_to_the_end(page: Any, most: int = 40) -> None:
    for _ in range(most):
        if page.locator("text=See the debrief").count():
            return
        decide(page)
    raise AssertionError("the lesson did not end")


def teacher_login(page: Any, served: Any) -> None:
    page.goto(f"{served.url}/teacher")
    page.fill("input[name=pin]", served.pin)
    page.click("button[type=submit]")
    page.wait_for_selector("text=Pause the lesson")


def test_a_team_joins_and_plays_a_short_lesson_to_the_end(chromium: Any, server: Any) -> None:
    served = server()
    phone = device(chromium)
    join_team(phone, served, "Mekong <3")
    assert phone.locator(".team").inner_text() == "Mekong <3"
    assert phone.locator(".card-title").count() == 1
    play_to_the_end(phone)
    assert phone.locator(".ending .score").is_visible()
    phone.click("text=See the debrief")
    phone.wait_for_load_state()
    assert "Mekong <3" in phone.content() or "Mekong &lt;3" in phone.content()
    phone.goto(f"{served.url}/")  # the address typed again: back to the game, finished
    assert phone.locator("text=See the debrief").count() == 1


def test_a_double_click_makes_one_move(chromium: Any, server: Any, tool: Any) -> None:
    served = server()
    phone = device(chromium)
    join_team(phone, served, "Quick fingers")
    phone.locator("form.choice button:not([disabled])").first.dblclick()
    phone.wait_for_function("() => document.querySelector('input[name=n]').value === '2'")
    phone.reload()
    assert phone.input_value("input[name=n]") == "2"
    served.stop()
    assert tool.stored_moves(served.db) == {"Quick fingers": 1}


def test_three_browsers_vote_at_once_and_the_teacher_applies(chromium: Any,
                                                            server: Any) -> None:
    served = server("--mode", "vote", "--countdown", "90")
    board = device(chromium, LAPTOP)
    teacher_login(board, served)
    board.goto(f"{served.url}/board")
    phones = [device(chromium) for _ in range(3)]
    for phone in phones:
        phone.goto(f"{served.url}/join?code={served.code}")
        phone.click("button[type=submit]")
        phone.wait_for_url(re.compile(r"/vote$"))
    for phone, letter in zip(phones, "AAB", strict=True):
        phone.locator(".vote-button", has_text=re.compile(rf"^\s*{letter}\b")).click()
    for phone, letter in zip(phones, "AAB", strict=True):
        mine = phone.locator(".vote-button.mine")
        mine.wait_for()
        assert mine.inner_text().strip().startswith(letter)
    # the projector counts them without being reloaded
    board.wait_for_selector("text=3 votes", timeout=LIVE_MS)
    assert board.locator(".tallies li.leading .letter").inner_text() == "A"
    # a student changes their mind: still one vote per device
    phones[2].locator(".vote-button", has_text=re.compile(r"^\s*A\b")).click()
    board.wait_for_function("() => document.querySelector('.tallies li.leading .votes')"
                            ".textContent === '3'", timeout=LIVE_MS)
    assert "3 votes" in board.inner_text(".vote-state")
    board.click("text=Apply the majority")
    board.wait_for_selector("text=The teacher chooses what to do", timeout=LIVE_MS)
    # every phone follows by itself: the card is decided, the class waits
    for phone in phones:
        phone.wait_for_selector("text=Waiting for the next card", timeout=LIVE_MS)


def test_the_server_is_killed_mid_lesson_and_the_class_carries_on(chromium: Any, server: Any,
                                                                  tool: Any) -> None:
    port = tool.free_port()
    served = server(port=port)
    phone = device(chromium)
    join_team(phone, served, "Tonle Sap")
    decide(phone)
    decide(phone)
    number = phone.input_value("input[name=n]")
    served.stop(kill=True)  # a crash, a power cut: no goodbye
    phone.wait_for_selector("#offline:not([hidden])", timeout=LIVE_MS)
    again = server(port=port)
    assert again.code == served.code
    # the page finds the server again and reloads itself where the team was
    phone.wait_for_selector("#offline", state="hidden", timeout=LIVE_MS * 2)
    assert phone.input_value("input[name=n]") == number
    play_to_the_end(phone)


def test_the_dashboard_updates_as_teams_play(chromium: Any, server: Any) -> None:
    served = server()
    desk = device(chromium, LAPTOP)
    teacher_login(desk, served)
    assert desk.locator("text=No team has joined yet").count() == 1
    phones = [device(chromium) for _ in range(2)]
    for i, phone in enumerate(phones):
        join_team(phone, served, f"Team {i + 1}")
    desk.wait_for_selector("table.teams >> text=Team 2", timeout=LIVE_MS)
    decide(phones[0])
    decide(phones[0])
    row = desk.locator("table.teams tr", has_text="Team 1")
    row.locator("td.n >> text=/^2$/").wait_for(timeout=LIVE_MS)  # two decisions, live
    desk.click("text=Pause the lesson")
    phones[1].wait_for_selector("text=The teacher has paused the lesson", timeout=LIVE_MS)
    assert phones[1].locator("form.choice button").first.is_disabled()
    desk.click("text=Resume the lesson")
    with desk.context.expect_page() as opened:
        desk.click("text=The class debrief")
    debrief = opened.value
    debrief.wait_for_load_state()
    assert "Team 1" in debrief.content()
