"""The classroom server in Khmer (``asean-chair serve --lang km``): every page a
team, a voting student, the projector and the teacher see is in Khmer, with
numbers in Khmer digits. What is typed stays as written: session codes,
rejoin codes, the PIN, web addresses (see docs/translating.md)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from asean_chair.html.render import WORD_JOINER
from asean_chair.server.app import ServerConfig, create_app
from asean_chair.server.lesson import Lesson

from .. import khmer_leaks
from .conftest import ROOT, csrf_of, next_number, offered

Make = Callable[..., Lesson]
PACK = ROOT / "rules" / "asean2022"
#: What a Khmer page may write in Western digits or letters: web addresses,
#: the scripts' and styles' numbers (not read), what is typed (``<code>``,
#: ``<kbd>``), and the options' letters (A, B, C...: what a class votes for).
_TYPED = re.compile(r"(?is)<(code|kbd)\b.*?</\1\s*>|<span class='letter'>\w</span>")
_KEPT = re.compile(r"\S*(?:://|@)\S*|\S*[A-Za-z]\S*|\b\d+\.\d+\.\d+\b")
#: The pack's id, beside its version on the debriefs.
PACK_ID = ("asean",)


def seen(page: str) -> str:
    """What a reader sees of a page, with what they type left out (and the
    word joiners that keep Khmer words whole)."""
    return khmer_leaks.visible_text(_TYPED.sub(" ", page)).replace(WORD_JOINER, "")


def check(pages: dict[str, str]) -> None:
    """No English a Khmer reader would see, and no number in Western digits."""
    problems = []
    for name, page in pages.items():
        text = seen(page)
        problems += [f"{name}: {leak}" for leak in khmer_leaks.leaks(text, ignore=PACK_ID)]
        problems += [f"{name}: Western digits: {line.strip()[:120]}"
                     for line in _KEPT.sub(" ", text).splitlines() if re.search("[0-9]", line)]
        if not re.search("[\u1780-\u17ff]", text):
            problems.append(f"{name}: no Khmer at all")
    assert not problems, "\n".join(problems[:40])


def app(lesson: Lesson) -> TestClient:
    address = "http://192.168.1.20:8000"
    return TestClient(create_app(lesson, ServerConfig(address)), base_url=address,
                      follow_redirects=True)


def teacher(client: TestClient, lesson: Lesson) -> str:
    login = client.get("/teacher").text
    return client.post("/teacher/login", data={"csrf": csrf_of(login),
                                               "pin": lesson.row.pin}).text


@pytest.mark.slow
def test_a_team_and_its_teacher_see_only_khmer(lessons: Make) -> None:
    lesson = lessons(packs=[str(PACK)], preset="short", seed=4, language="km")
    pages: dict[str, str] = {}
    with app(lesson) as phone, app(lesson) as desk:
        pages["join"] = join = phone.get(f"/join?code={lesson.code}").text
        pages["join: wrong code"] = phone.post("/join", data={
            "csrf": csrf_of(join), "code": "NOPE", "name": "ក្រុមក"}).text
        page = phone.post("/join", data={"csrf": csrf_of(join), "code": lesson.code,
                                         "name": "ក្រុមក"}).text
        assert "ក្រុមក" in seen(page) and lesson.team_list()
        pages["play"] = page
        other = app(lesson)
        taken = other.get("/join").text
        pages["join: name taken"] = other.post("/join", data={
            "csrf": csrf_of(taken), "code": lesson.code, "name": "ក្រុមក"}).text
        pages["login"] = desk.get("/teacher").text
        pages["dashboard (no PIN yet)"] = desk.post("/teacher/login", data={
            "csrf": csrf_of(pages["login"]), "pin": "x"}).text
        pages["dashboard"] = teacher(desk, lesson)
        pages["board"] = desk.get("/board").text
        for i in range(120):
            phase = lesson.team_list()[0].state.pending.kind
            pages.setdefault(f"play: {phase}", page)
            if i == 3:
                pages["log"] = phone.get("/play/log").text
                pages["dashboard: playing"] = desk.get("/teacher").text
                pages["dashboard: live"] = desk.get("/teacher/live").text
            if i == 5:  # a move taken back, and a paused lesson
                page = phone.post("/play", data={"csrf": csrf_of(page), "n": next_number(page),
                                                 "action": "undo"}).text
                pages["play: undone"] = page
                desk.post("/teacher/lesson", data={"csrf": csrf_of(pages["dashboard"]),
                                                   "do": "pause"})
                pages["play: paused"] = phone.get("/play").text
                pages["dashboard: paused"] = desk.get("/teacher").text
                desk.post("/teacher/lesson", data={"csrf": csrf_of(pages["dashboard"]),
                                                   "do": "resume"})
                page = phone.get("/play").text
            moves = offered(page)
            if not moves:
                break
            action = moves[i % len(moves)] if i % 4 else moves[-1]
            page = phone.post("/play", data={"csrf": csrf_of(page), "n": next_number(page),
                                             "action": action}).text
            pages.setdefault("play: result", page)
        assert lesson.team_list()[0].state.is_over, "the game did not end"
        pages["play: the end"] = page
        pages["debrief"] = phone.get("/play/debrief").text
        pages["board: teams"] = desk.get("/board").text
        pages["dashboard: finished"] = desk.get("/teacher").text
        pages["class debrief"] = desk.get("/teacher/debrief").text
        pages["teacher: a team's debrief"] = desk.get(
            f"/teacher/team/{lesson.team_list()[0].id}/debrief").text
        pages["no such page"] = phone.get("/nowhere").text
        desk.post("/teacher/lesson", data={"csrf": csrf_of(pages["dashboard"]), "do": "end",
                                           "sure": "yes"})
        pages["play: lesson ended"] = phone.get("/play").text
        pages["dashboard: ended"] = desk.get("/teacher").text
    assert {"play: event", "play: diplomacy"} <= set(pages)
    check(pages)
    # What is typed stays as typed: the rejoin code, the session code.
    team = lesson.team_list()[0]
    assert f"<code>{team.row.rejoin}</code>" in pages["play"]
    assert f"<code>{lesson.code}</code>" in pages["dashboard"]
    assert f"<code>{lesson.code}</code>" in pages["board"]


@pytest.mark.slow
def test_a_class_votes_in_khmer(lessons: Make) -> None:
    lesson = lessons(packs=[str(PACK)], preset="short", seed=2, language="km", mode="vote",
                     countdown=45)
    pages: dict[str, str] = {}
    with app(lesson) as phone, app(lesson) as desk, app(lesson) as projector:
        join = phone.get("/join").text
        pages["join"] = join
        pages["vote"] = phone.post("/join", data={"csrf": csrf_of(join),
                                                  "code": lesson.code}).text
        pages["projector"] = projector.get("/board").text
        board = teacher(desk, lesson)
        board = desk.get("/board").text
        for turn in range(80):
            team = lesson.class_team
            assert team is not None
            if team.state.is_over:
                break
            n = str(team.version + 1)
            if team.state.pending.kind == "event":
                option = next(str(a.option) for a in team.state.legal_actions()
                              if a.kind == "choose")
                vote = phone.get("/vote").text
                pages.setdefault("vote: open", vote)
                phone.post("/vote", data={"csrf": csrf_of(vote), "n": str(team.version),
                                          "option": option})
                pages.setdefault("vote: voted", phone.get("/vote").text)
                pages.setdefault("projector: tallies", projector.get("/board").text)
                pages.setdefault("board: teacher's panel", desk.get("/board").text)
                pages.setdefault("board: live", desk.get("/board/live").text)
                if turn == 2:
                    for what in ("pause", "close"):
                        desk.post("/teacher/class", data={"csrf": csrf_of(board), "do": what})
                    pages["vote: closed"] = phone.get("/vote").text
                    pages["projector: closed"] = projector.get("/board").text
                    desk.post("/teacher/class", data={"csrf": csrf_of(board), "do": "reopen"})
                desk.post("/teacher/class", data={"csrf": csrf_of(board), "do": "apply", "n": n})
            else:
                pages.setdefault("vote: waiting", phone.get("/vote").text)
                pages.setdefault("projector: actions", projector.get("/board").text)
                pages.setdefault("board: actions", desk.get("/board").text)
                desk.post("/teacher/class", data={"csrf": csrf_of(board), "do": "move", "n": n,
                                                  "action": "end_turn"})
        assert lesson.class_team is not None and lesson.class_team.state.is_over
        pages["vote: the end"] = phone.get("/vote").text
        pages["projector: the end"] = projector.get("/board").text
        pages["dashboard"] = desk.get("/teacher").text
        pages["class debrief"] = desk.get("/teacher/debrief").text
    check(pages)


def test_khmer_words_break_only_at_their_boundaries(lessons: Make) -> None:
    """A browser breaks a line inside a compound it knows (សន្ធិ|សញ្ញា): the
    server keeps each marked word whole with word joiners, but leaves a long
    unmarked run free to break, and never touches a tag or what is typed."""
    lesson = lessons(packs=[str(PACK)], preset="short", seed=4, language="km")
    with app(lesson) as phone:
        page = phone.get(f"/join?code={lesson.code}").text
    words = re.findall("[\u1780-\u17ff\u2060]+", khmer_leaks.visible_text(page))
    assert any(WORD_JOINER in w for w in words)
    for word in words:  # every syllable of a short word joined to the next
        assert WORD_JOINER in word or len(re.findall("(?<!\u17d2)[\u1780-\u17b3]", word)) <= 1 \
            or len(re.findall("(?<!\u17d2)[\u1780-\u17b3]", word)) > 8, word
    assert WORD_JOINER not in "".join(re.findall(r"<[^>]*>", page))


@pytest.mark.parametrize("line", ["Join the vote", "ចូល 12 ក្រុម", "<p>ពិន្ទុ ៣ · seed</p>"])
def test_the_check_is_not_blind(line: str) -> None:
    with pytest.raises(AssertionError):
        check({"page": f"<html><body><p>ក្រុម</p>{line}</body></html>"})
