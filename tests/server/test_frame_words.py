"""The server speaks the scenario's words: a harbour in weeks (the storm season
pack) shows no month, capital, country, relations or diplomacy on any page,
and never names its hidden track."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from asean_chair.server.app import ServerConfig, create_app
from asean_chair.server.lesson import Lesson

from ..test_pack_storm_season import frame_leaks, page_text
from .conftest import STORM, csrf_of, next_number, offered

Make = Callable[..., Lesson]


def sweep(pages: list[str]) -> None:
    leaks: dict[str, str] = {}
    for page in pages:
        leaks.update(frame_leaks(page_text(page)))
    assert not leaks, "the server shows frame words: " + "; ".join(leaks.values())


@pytest.mark.parametrize("preset", [None, "short"])
def test_a_team_plays_a_harbour_in_weeks(lessons: Make, preset: str | None) -> None:
    lesson = lessons(packs=[str(STORM)], preset=preset, seed=3)
    with TestClient(create_app(lesson, ServerConfig("http://testserver")),
                    follow_redirects=True) as phone, \
            TestClient(create_app(lesson, ServerConfig("http://testserver")),
                       follow_redirects=True) as desk:
        pages = [phone.get(f"/join?code={lesson.code}").text]
        page = phone.post("/join", data={"csrf": csrf_of(pages[0]), "code": lesson.code,
                                         "name": "Gulls"}).text
        seen_weeks = False
        for i in range(200):
            pages.append(page)
            seen_weeks = seen_weeks or "End the week" in page
            if "See the debrief" in page:
                break
            moves = offered(page)
            action = moves[i % len(moves)] if i % 5 else moves[-1]
            page = phone.post("/play", data={"csrf": csrf_of(page), "n": next_number(page),
                                             "action": action}).text
        assert "See the debrief" in page and seen_weeks
        assert any("favour" in p for p in pages) and any("Your harbour" in p for p in pages)
        login = desk.get("/teacher").text
        pages.append(desk.post("/teacher/login", data={"csrf": csrf_of(login),
                                                       "pin": lesson.row.pin}).text)
        pages += [desk.get(url).text for url in ("/board", "/teacher/live")]
    sweep(pages)


def test_a_class_votes_on_a_harbour_in_weeks(lessons: Make) -> None:
    lesson = lessons(packs=[str(STORM)], preset="short", seed=3, mode="vote", countdown=30)
    app = create_app(lesson, ServerConfig("http://testserver"))
    with TestClient(app, follow_redirects=True) as phone, \
            TestClient(app, follow_redirects=True) as desk:
        join = phone.get("/join").text
        pages: list[Any] = [join, phone.post("/join", data={"csrf": csrf_of(join),
                                                            "code": lesson.code}).text]
        login = desk.get("/teacher").text
        desk.post("/teacher/login", data={"csrf": csrf_of(login), "pin": lesson.row.pin})
        for _ in range(60):
            board = desk.get("/board").text
            pages += [board, phone.get("/vote").text]
            team = lesson.class_team
            assert team is not None
            if team.state.is_over:
                break
            n = str(team.version + 1)
            if team.state.pending.kind == "event":
                option = next(str(a.option) for a in team.state.legal_actions()
                              if a.kind == "choose")
                vote = phone.get("/vote").text
                phone.post("/vote", data={"csrf": csrf_of(vote), "n": str(team.version),
                                          "option": option})
                desk.post("/teacher/class", data={"csrf": csrf_of(board), "do": "apply", "n": n})
            else:
                desk.post("/teacher/class", data={"csrf": csrf_of(board), "do": "move", "n": n,
                                                  "action": "end_turn"})
        assert lesson.class_team is not None and lesson.class_team.state.is_over
    sweep(pages)


def test_the_sweep_sees_a_month_calendars_words(lessons: Make) -> None:
    """Not blind: the tutorial (months, capital, relations) shows its frame words."""
    lesson = lessons()
    with TestClient(create_app(lesson, ServerConfig("http://testserver")),
                    follow_redirects=True) as phone:
        join = phone.get("/join").text
        page = phone.post("/join", data={"csrf": csrf_of(join), "code": lesson.code,
                                         "name": "Gulls"}).text
    leaks = frame_leaks(page_text(page))
    assert {"month", "capital", "relations"} <= set(leaks)
