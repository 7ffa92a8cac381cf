"""The server's pages over HTTP, as browsers use them: join, play, vote, the
teacher's pages, and what a shared network must not be able to do."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from asean_chair.server.app import ServerConfig, create_app
from asean_chair.server.lesson import Lesson
from asean_chair.server.security import Limits

from .conftest import csrf_of, next_number, offered

Make = Callable[..., Lesson]


@pytest.fixture
def served(lessons: Make) -> Iterator[Callable[..., tuple[Lesson, Callable[[], TestClient]]]]:
    """A lesson and a maker of browsers (each with its own cookies)."""
    clients: list[TestClient] = []

    def make(limits: Limits | None = None, **options: Any
             ) -> tuple[Lesson, Callable[[], TestClient]]:
        lesson = lessons(limits=limits or Limits(), **options)
        app = create_app(lesson, ServerConfig("http://testserver", limits or Limits()))

        def browser() -> TestClient:
            client = TestClient(app, follow_redirects=True)
            clients.append(client)
            return client

        return lesson, browser

    yield make
    for c in clients:
        c.close()


def join(client: TestClient, lesson: Lesson, name: str) -> str:
    page = client.get(f"/join?code={lesson.code}").text
    response = client.post("/join", data={"csrf": csrf_of(page), "code": lesson.code,
                                          "name": name})
    assert response.status_code == 200, response.text
    return response.text


def move(client: TestClient, page: str, action: str | None = None) -> str:
    moves = offered(page)
    response = client.post("/play", data={"csrf": csrf_of(page), "n": next_number(page),
                                          "action": action or moves[0]})
    assert response.status_code == 200
    return response.text


def teacher(client: TestClient, lesson: Lesson) -> None:
    page = client.get("/teacher").text
    response = client.post("/teacher/login", data={"csrf": csrf_of(page), "pin": lesson.row.pin,
                                                   "next": "/teacher"})
    assert response.status_code == 200 and "action='/teacher/lesson'" in response.text


# ------------------------------------------------------------------- teams


def test_a_team_joins_from_the_qr_code_and_plays_to_the_end(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = phone.get(f"/join?code={lesson.code}").text
    assert f"value='{lesson.code}'" in page  # the QR code's link fills the code in
    page = join(phone, lesson, "Mekong")
    assert "Mekong" in page and "Card 1 of" in page and "costs 1 capital" in page
    cookie = next(c for c in phone.cookies.jar if c.name == "ac_team")
    assert cookie.has_nonstandard_attr("HttpOnly") and len(cookie.value or "") >= 40
    for _ in range(30):
        if "See the debrief" in page:
            break
        page = move(phone, page)
    assert "See the debrief" in page and "score" in page.lower()
    team = lesson.team_list()[0]
    assert team.state.is_over
    debrief = phone.get("/play/debrief")
    assert debrief.status_code == 200 and "Mekong" in debrief.text


def test_a_reload_comes_back_to_the_game(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = move(phone, join(phone, lesson, "Mekong"))
    again = phone.get("/").text  # the address typed again, or the page reloaded
    assert next_number(again) == next_number(page) == 2


def test_a_form_sent_twice_moves_once(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = join(phone, lesson, "Mekong")
    data = {"csrf": csrf_of(page), "n": "1", "action": offered(page)[0]}
    first = phone.post("/play", data=data)
    second = phone.post("/play", data=data)  # a double click, or the other tab
    assert first.status_code == second.status_code == 200
    assert len(lesson.team_list()[0].state.history) == 1
    assert next_number(second.text) == 2


def test_a_stale_tab_is_shown_the_game_as_it_is(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = join(phone, lesson, "Mekong")
    tab_two = page  # the same page, open in a second tab
    page = move(phone, page)
    moves = offered(tab_two)
    response = phone.post("/play", data={"csrf": csrf_of(tab_two), "n": "1",
                                         "action": moves[-1]})
    assert len(lesson.team_list()[0].state.history) == 1
    assert next_number(response.text) == 2


def test_a_team_sees_and_changes_only_its_own_game(served: Any) -> None:
    lesson, browser = served()
    one, two, stranger = browser(), browser(), browser()
    join(one, lesson, "Mekong")
    page_two = join(two, lesson, "Tonle Sap")
    assert "Tonle Sap" in page_two and "Mekong" not in page_two
    # no cookie, or a forged one: no game at all
    stranger.cookies.set("ac_team", "forged-token-forged-token-forged-token-00")
    assert "/join" in str(stranger.get("/play").url)
    blind = stranger.post("/play", data={"csrf": "x", "n": "1", "action": "end_turn"})
    assert blind.status_code == 403
    assert all(len(t.state.history) == 0 for t in lesson.team_list())


def test_names_are_escaped_everywhere(served: Any) -> None:
    lesson, browser = served()
    phone, desk = browser(), browser()
    evil = "<script>x()</script>"
    page = join(phone, lesson, evil)
    assert evil not in page and "&lt;script&gt;x()&lt;/script&gt;" in page
    teacher(desk, lesson)
    for url in ("/teacher", "/board", "/teacher/live"):
        assert evil not in desk.get(url).text


def test_a_mistyped_or_foreign_code_is_explained(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = phone.get("/join").text
    typo = lesson.code[:-1] + ("0" if lesson.code[-1] != "0" else "1")
    response = phone.post("/join", data={"csrf": csrf_of(page), "code": typo, "name": "A"})
    assert response.status_code == 400 and "typo" in response.text
    from asean_chair.classroom.codes import make_code

    other = make_code(lesson.ruleset, None, "short", lesson.row.seed + 1)
    response = phone.post("/join", data={"csrf": csrf_of(page), "code": other, "name": "A"})
    assert "not the code of this lesson" in response.text
    assert lesson.team_list() == []


def test_a_team_on_a_new_device_rejoins_with_its_code(served: Any) -> None:
    lesson, browser = served()
    first, second = browser(), browser()
    page = move(first, join(first, lesson, "Mekong"))
    rejoin = lesson.team_list()[0].row.rejoin
    assert rejoin in page  # the team's own page shows it
    login = second.get("/join").text
    taken = second.post("/join", data={"csrf": csrf_of(login), "code": lesson.code,
                                       "name": "mekong"})
    assert taken.status_code == 409 and "action='/rejoin'" in taken.text
    wrong = second.post("/rejoin", data={"csrf": csrf_of(login), "name": "Mekong",
                                         "rejoin": "ZZZ-ZZZ"})
    assert wrong.status_code == 400
    right = second.post("/rejoin", data={"csrf": csrf_of(login), "name": "Mekong",
                                         "rejoin": rejoin})
    assert right.status_code == 200 and next_number(right.text) == 2


def test_undo_takes_back_the_last_decision(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = move(phone, join(phone, lesson, "Mekong"))
    response = phone.post("/play", data={"csrf": csrf_of(page), "n": next_number(page),
                                         "action": "undo"})
    assert "Taken back:" in response.text
    assert lesson.team_list()[0].state.history == []


def test_an_illegal_move_says_why(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = join(phone, lesson, "Mekong")
    response = phone.post("/play", data={"csrf": csrf_of(page), "n": "1",
                                         "action": "end_turn"})
    assert "That is not possible now:" in response.text


def test_live_pages_hear_of_changes_only(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = join(phone, lesson, "Mekong")
    key = re.search(r"data-live='/play/live' data-key='([^']+)'", page).group(1)  # type: ignore[union-attr]
    assert phone.get(f"/play/live?key={key}").status_code == 204
    move(phone, page)
    changed = phone.get(f"/play/live?key={key}")
    assert changed.status_code == 200 and changed.json()["key"] != key


# ---------------------------------------------------------------- security


def test_a_form_without_its_token_or_from_another_site_is_refused(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = phone.get("/join").text
    no_token = phone.post("/join", data={"code": lesson.code, "name": "A"})
    assert no_token.status_code == 403 and "expired" in no_token.text
    other_site = phone.post("/join", data={"csrf": csrf_of(page), "code": lesson.code,
                                           "name": "B"}, headers={"origin": "http://evil.test"})
    assert other_site.status_code == 403
    other_browser = browser()
    other_browser.get("/join")
    stolen = other_browser.post("/join", data={"csrf": csrf_of(page), "code": lesson.code,
                                               "name": "C"})
    assert stolen.status_code == 403  # a token belongs to the browser it was given to
    assert lesson.team_list() == []


def test_every_page_carries_protective_headers(served: Any) -> None:
    _, browser = served()
    response = browser().get("/join")
    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert "HttpOnly" in headers["set-cookie"] and "SameSite=Lax" in headers["set-cookie"]


def test_requests_are_bounded_in_size_and_rate(served: Any) -> None:
    lesson, browser = served(limits=Limits(rate=1, burst=6))
    phone = browser()
    page = phone.get("/join").text
    big = phone.post("/join", data={"csrf": csrf_of(page), "code": "x" * 20_000, "name": "A"})
    assert big.status_code == 413
    codes = [phone.get("/join").status_code for _ in range(8)]
    assert codes[:3] == [200] * 3 and codes[-1] == 429
    assert lesson.team_list() == []


def test_long_fields_and_odd_forms_are_refused(served: Any) -> None:
    lesson, browser = served()
    phone = browser()
    page = phone.get("/join").text
    long_name = phone.post("/join", data={"csrf": csrf_of(page), "code": lesson.code,
                                          "name": "n" * 500})
    assert long_name.status_code == 400
    not_a_form = phone.post("/join", content=b'{"name": "A"}',
                            headers={"content-type": "application/json"})
    assert not_a_form.status_code == 400
    assert lesson.team_list() == []


def test_the_teachers_pages_need_the_pin(served: Any) -> None:
    lesson, browser = served()
    desk = browser()
    assert "Type the PIN" in desk.get("/teacher").text
    assert desk.get("/teacher/debrief").status_code == 403
    assert desk.get("/teacher/live").status_code == 403
    page = desk.get("/teacher").text
    pause = desk.post("/teacher/lesson", data={"csrf": csrf_of(page), "do": "pause"})
    assert pause.status_code == 403 and lesson.status == "open"
    assert lesson.row.pin not in page


def test_wrong_pins_are_counted_and_then_refused(served: Any) -> None:
    lesson, browser = served(limits=Limits(pin_tries=3))
    desk = browser()
    page = desk.get("/teacher").text
    wrong = "000000" if lesson.row.pin != "000000" else "111111"
    for _ in range(3):
        response = desk.post("/teacher/login", data={"csrf": csrf_of(page), "pin": wrong})
        assert response.status_code == 403
    blocked = desk.post("/teacher/login", data={"csrf": csrf_of(page), "pin": lesson.row.pin})
    assert blocked.status_code == 429 and "Too many wrong PINs" in blocked.text


# ----------------------------------------------------------------- teacher


def test_the_dashboard_follows_the_teams_and_prints_the_debrief(served: Any) -> None:
    lesson, browser = served()
    one, two, desk = browser(), browser(), browser()
    move(one, join(one, lesson, "Mekong"))
    join(two, lesson, "Tonle Sap")
    teacher(desk, lesson)
    board = desk.get("/teacher").text
    assert "Mekong" in board and "Tonle Sap" in board
    team = lesson.team_list()[0]
    assert team.row.rejoin in board
    debrief = desk.get("/teacher/debrief")
    assert debrief.status_code == 200 and "Class debrief" in debrief.text
    assert "Mekong" in debrief.text  # Tonle Sap has not played: not in it yet
    one_team = desk.get(f"/teacher/team/{team.id}/debrief")
    assert one_team.status_code == 200 and "Mekong" in one_team.text


def test_the_teacher_pauses_resumes_and_ends_the_lesson(served: Any) -> None:
    lesson, browser = served()
    phone, desk = browser(), browser()
    page = join(phone, lesson, "Mekong")
    teacher(desk, lesson)
    csrf = csrf_of(desk.get("/teacher").text)
    desk.post("/teacher/lesson", data={"csrf": csrf, "do": "pause"})
    assert lesson.status == "paused"
    refused = move(phone, page)
    assert "paused the lesson" in refused and not lesson.team_list()[0].state.history
    desk.post("/teacher/lesson", data={"csrf": csrf, "do": "resume"})
    page = move(phone, phone.get("/play").text)
    unsure = desk.post("/teacher/lesson", data={"csrf": csrf, "do": "end"})
    assert unsure.status_code == 400 and lesson.status == "open"  # the box not ticked
    desk.post("/teacher/lesson", data={"csrf": csrf, "do": "end", "sure": "yes"})
    assert lesson.status == "ended"
    assert "The lesson has ended" in phone.get("/play").text


# ------------------------------------------------------------------ a vote


def test_a_class_votes_from_three_devices_and_the_teacher_applies(served: Any) -> None:
    lesson, browser = served(mode="vote", countdown=60)
    phones = [browser() for _ in range(3)]
    desk = browser()
    card = lesson.class_team.state.current_card  # type: ignore[union-attr]
    assert card is not None
    for phone, pick in zip(phones, (0, 0, 1), strict=True):
        page = phone.get(f"/join?code={lesson.code}").text
        vote_page = phone.post("/join", data={"csrf": csrf_of(page), "code": lesson.code}).text
        assert card.title in vote_page
        options = re.findall(r"name='option' value='([^']+)'", vote_page)
        voted = phone.post("/vote", data={"csrf": csrf_of(vote_page), "n": "0",
                                          "option": options[pick]})
        assert "(your vote)" in voted.text
    teacher(desk, lesson)
    board = desk.get("/board").text
    assert re.search(r"class='votes'>2<", board) and re.search(r"class='votes'>1<", board)
    assert "3 votes" in board
    desk.post("/teacher/class", data={"csrf": csrf_of(board), "do": "apply", "n": "1"})
    team = lesson.class_team
    assert team is not None
    assert str(team.state.history[0]) == f"choose:{card.id}/{card.options[0].id}"
    after = phones[2].get("/vote").text
    assert card.title not in after or "Vote now" not in after
    record = lesson.record(team)
    assert record["extra"]["votes"][0]["tallies"][card.options[0].id] == 2


def test_a_vote_page_without_joining_goes_to_join(served: Any) -> None:
    _, browser = served(mode="vote")
    phone = browser()
    assert "/join" in str(phone.get("/vote").url)
    refused = phone.post("/vote", data={"csrf": "x", "n": "0", "option": "a"})
    assert refused.status_code == 403


# ---------------------------------------------------------------- the rest


def test_the_qr_code_and_the_script_come_from_the_server(served: Any) -> None:
    _, browser = served()
    client = browser()
    svg = client.get("/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and "<path" in svg.text
    script = client.get("/static/live.js")
    assert script.status_code == 200 and "data-live" in script.text
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/other.js").status_code == 404
    assert "There is no such page" in client.get("/nowhere").text


def test_no_phrase_is_missing_on_any_page(served: Any) -> None:
    for mode in ("teams", "vote"):
        lesson, browser = served(mode=mode, new=True)
        phone, desk = browser(), browser()
        pages = [phone.get("/join").text]
        if mode == "teams":
            page = join(phone, lesson, "Mekong")
            pages += [page, move(phone, page)]
        teacher(desk, lesson)
        pages += [desk.get(url).text for url in ("/teacher", "/board", "/board/live")]
        for page in pages:
            assert "server." not in re.sub(r"<[^>]+>", " ", page), page[:200]


def test_the_card_says_it_really_happened_but_not_which_choice_was_made(served: Any) -> None:
    lesson, browser = served()
    page = join(browser(), lesson, "Mekong")
    card = lesson.team_list()[0].state.current_card
    assert card is not None and card.historical_option  # a real card, with the real choice
    assert page.count("Really happened") == 1  # the card's label; no option gives it away


def test_a_page_reached_by_another_sites_name_is_refused(served: Any) -> None:
    """DNS rebinding: a web page points its own name at the teacher's computer;
    its requests carry that name, and get nothing."""
    _, browser = served()
    client = browser()
    assert client.get("/join", headers={"host": "evil.example:8000"}).status_code == 400
    for host in ("testserver", "192.168.1.20:8000", "localhost:8000", "[::1]:8000"):
        assert client.get("/join", headers={"host": host}).status_code == 200, host
