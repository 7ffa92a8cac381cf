"""``asean-chair serve`` as a teacher runs it: a real server process on the
loopback address, its banner, Ctrl+C, a port in use, and a crash mid-lesson
that loses nothing."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import ROOT
from .conftest import TUTORIAL, load_tool

Cli = Callable[..., tuple[int, str, str]]


def test_the_command_says_what_it_takes() -> None:
    from asean_chair.cli.main import build_parser

    parser = build_parser()
    with pytest.raises(SystemExit) as done:
        parser.parse_args(["serve", "--help"])
    assert done.value.code == 0
    serve = next(a for a in parser._subparsers._group_actions  # type: ignore[union-attr]
                 if a.dest == "command").choices["serve"]
    out = serve.format_help()
    for option in ("--pack", "--preset", "--difficulty", "--host", "--port", "--mode",
                   "--countdown", "--db", "--new"):
        assert option in out


def test_bad_numbers_are_refused_in_one_line(cli: Cli) -> None:
    code, _, err = cli("serve", "--port", "70000")
    assert code == 1 and "--port must be from 0 to 65535" in err
    code, _, err = cli("serve", "--countdown", "-5")
    assert code == 1 and "--countdown" in err


@pytest.mark.slow  # a real server process, started twice
def test_the_banner_ctrl_c_and_the_same_lesson_again(tmp_path: Path) -> None:
    tool = load_tool()
    db = tmp_path / "lesson.sqlite3"
    served = tool.start_server(db, "--pack", str(TUTORIAL), "--preset", "short")
    banner = "\n".join(served.lines)
    port = served.url.rsplit(":", 1)[1]
    assert f"Listening on 127.0.0.1 port {port} only." in banner
    assert "Only this computer can reach it" in banner  # the loopback address: said so
    assert f"{served.url}/teacher" in banner and "▀" in banner  # the QR code, drawn
    assert served.stop() == 0  # Ctrl+C
    assert "The server has stopped" in "\n".join(served.lines)
    again = tool.start_server(db, "--pack", str(TUTORIAL))
    try:
        assert (again.code, again.pin) == (served.code, served.pin)
        assert "Carrying on the lesson begun" in "\n".join(again.lines)
    finally:
        again.stop()


def test_a_port_in_use_is_named(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "asean_chair", "serve", "--host", "127.0.0.1", "--port",
             str(port), "--db", str(tmp_path / "l.sqlite3"), "--pack", str(TUTORIAL)],
            check=False, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 1
    assert f"port {port} is in use" in run.stderr and "Traceback" not in run.stderr


def test_an_address_not_on_this_computer_is_refused(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "asean_chair", "serve", "--host", "no-such-host.invalid",
         "--port", "0", "--db", str(tmp_path / "l.sqlite3"), "--pack", str(TUTORIAL)],
        check=False, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 1 and "is not an address of this computer" in run.stderr


@pytest.mark.slow
def test_a_crash_mid_lesson_loses_nothing(tmp_path: Path) -> None:
    """Two teams play; the server is killed (as in a power cut) and started
    again; every team carries on from the move it had made, to the end."""
    tool = load_tool()
    db = tmp_path / "lesson.sqlite3"
    port = tool.free_port()  # the browsers keep the address: the server comes back on it
    served = tool.start_server(db, "--pack", str(TUTORIAL), "--preset", "short", port=port)
    teams = [tool.Browser(served.url) for _ in range(2)]
    pages = []
    for i, browser in enumerate(teams):
        page = browser.page("GET", f"/join?code={served.code}")
        pages.append(browser.page("POST", "/join", {"csrf": tool.csrf_of(page),
                                                    "code": served.code, "name": f"Team {i}"}))
    for i, browser in enumerate(teams):
        for _ in range(2 + i):
            page = pages[i]
            pages[i] = browser.page("POST", "/play", {
                "csrf": tool.csrf_of(page), "n": str(tool.number_of(page)),
                "action": tool.moves_of(page)[0]})
    numbers = [tool.number_of(p) for p in pages]
    assert numbers == [3, 4]
    served.stop(kill=True)  # no goodbye: a crash, a power cut
    again = tool.start_server(db, "--pack", str(TUTORIAL), port=port)
    try:
        for i, browser in enumerate(teams):
            browser.close()  # the old connection died with the server
            page = browser.page("GET", "/play")  # the same cookie, a reload
            assert tool.number_of(page) == numbers[i]
            # a form sent just before the crash and sent again: already made, nothing doubled
            browser.page("POST", "/play", {"csrf": tool.csrf_of(page), "n": str(numbers[i] - 1),
                                           "action": "end_turn"})
            for _ in range(40):
                if "/play/debrief" in page:
                    break
                page = browser.page("POST", "/play", {
                    "csrf": tool.csrf_of(page), "n": str(tool.number_of(page)),
                    "action": tool.moves_of(page)[0]})
            assert "/play/debrief" in page
    finally:
        again.stop()
    stored = tool.stored_moves(db)
    assert set(stored) == {"Team 0", "Team 1"} and all(n >= 5 for n in stored.values())
