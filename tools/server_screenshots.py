"""Screenshots of the classroom server for the teacher guide, from a real Chromium.

    python tools/server_screenshots.py [-o docs/screenshots] [--chromium PATH]

Starts ``asean-chair serve`` on 127.0.0.1 (the bundled game's short lesson,
teams, then a class vote), drives the system's Chromium with Playwright as
students' phones, the projector and the teacher's laptop would, and writes
``server-*.png``. Playwright never downloads a browser here.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from load_classroom import start_server  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1280, "height": 720}
SEED = "4821"


def join(browser: Any, served: Any, name: str) -> Any:
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{served.url}/join?code={served.code}")
    page.fill("input[name=name]", name)
    page.click("button[type=submit]")
    page.wait_for_url("**/play")
    return page


def decide(page: Any, index: int = 0) -> None:
    buttons = page.locator("form.choice button:not([disabled]), form.end-turn button")
    before = page.input_value("input[name=n]")
    buttons.nth(min(index, buttons.count() - 1)).click()
    page.wait_for_function("n => document.querySelector('input[name=n]').value !== n",
                           arg=before)


def teams_lesson(browser: Any, out: Path, work: Path) -> None:
    served = start_server(work / "teams.sqlite3", "--preset", "short", "--seed", SEED)
    try:
        phone = browser.new_context(viewport=PHONE).new_page()
        phone.goto(f"{served.url}/join?code={served.code}")
        phone.fill("input[name=name]", "Mekong")
        phone.screenshot(path=str(out / "server-join-phone.png"))
        phone.click("button[type=submit]")
        phone.wait_for_url("**/play")
        phone.screenshot(path=str(out / "server-card-phone.png"))
        decide(phone, 1)
        phone.screenshot(path=str(out / "server-result-phone.png"))
        others = [join(browser, served, name) for name in ("Tonle Sap", "Angkor", "Kampot")]
        for i, page in enumerate(others):
            for _ in range(i + 1):
                decide(page, i)
        board = browser.new_context(viewport=SCREEN).new_page()
        board.goto(f"{served.url}/board")
        board.screenshot(path=str(out / "server-board-teams-1280x720.png"))
        desk = browser.new_context(viewport=SCREEN).new_page()
        desk.goto(f"{served.url}/teacher")
        desk.fill("input[name=pin]", served.pin)
        desk.click("button[type=submit]")
        desk.wait_for_selector("table.teams")
        desk.screenshot(path=str(out / "server-dashboard-1280x720.png"))
    finally:
        served.stop()


def vote_lesson(browser: Any, out: Path, work: Path) -> None:
    served = start_server(work / "vote.sqlite3", "--preset", "short", "--seed", SEED,
                          "--mode", "vote", "--countdown", "90")
    try:
        phones = []
        for pick in (0, 0, 1, 0, 2):
            page = browser.new_context(viewport=PHONE).new_page()
            page.goto(f"{served.url}/join?code={served.code}")
            page.click("button[type=submit]")
            page.wait_for_url("**/vote")
            page.locator(".vote-button").nth(pick).click()
            page.wait_for_selector(".vote-button.mine")
            phones.append(page)
        phones[0].screenshot(path=str(out / "server-vote-phone.png"))
        board = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        board.goto(f"{served.url}/teacher")
        board.fill("input[name=pin]", served.pin)
        board.click("button[type=submit]")
        board.goto(f"{served.url}/board")
        board.wait_for_selector("text=5 votes")
        board.screenshot(path=str(out / "server-vote-board-1280x900.png"))
    finally:
        served.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        try:
            teams_lesson(browser, out, Path(tmp))
            vote_lesson(browser, out, Path(tmp))
        finally:
            browser.close()
    for shot in sorted(out.glob("server-*.png")):
        print(shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
