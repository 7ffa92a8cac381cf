"""The web application: the students' pages, the projector, the teacher's dashboard.

Pages are plain HTML forms that work without JavaScript: a form posts,
the server answers with a redirect to the page (so a reload never posts
twice), and a small script (``static/live.js``) keeps live pages fresh and
disables a form's buttons once it is sent.

===========================  =================================================
``/join``                    join with the session code (and a team's name)
``/play``                    a team's game (``/play/log``; ``/play/debrief`` at the end)
``/vote``                    a student's vote on the class's card
``/board``                   the projector: joining, or the card and the tallies
``/teacher``                 the PIN, then the dashboard and the controls
``/teacher/debrief``         the class debrief, from the database, to print
``/qr.svg``                  the join address as a QR code
===========================  =================================================
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..html import Markup, khmer_words_whole, page_numbers, render
from .guard import Guard
from .lesson import Lesson, Refused, TeamGame
from .qr import qr_svg
from .security import (
    Attempts,
    Limits,
    RateLimiter,
    csrf_ok,
    csrf_token,
    new_token,
    same_code,
)
from .store import StoreError
from .views import WHOLE_LOG, dashboard_rows, game_view, log_lines, vote_view
from .words import Words

TEAM, DEVICE, TEACHER = "ac_team", "ac_device", "ac_teacher"
#: How long a device keeps its team, vote or teacher cookie (a school day).
COOKIE_AGE = 12 * 3600
STATIC = ("live.js",)
#: The bundled Khmer faces, for pages in Khmer: many school computers have no
#: Khmer font (``/static/khmer-400.ttf``: the browser fetches it only for Khmer letters).
FONTS = {"khmer-400.ttf": "NotoSansKhmer-Regular.ttf", "khmer-700.ttf": "NotoSansKhmer-Bold.ttf"}


@dataclass
class ServerConfig:
    """How the server is reached and what it accepts."""

    #: The address students type or scan, e.g. ``http://192.168.1.20:8000``.
    public_url: str
    limits: Limits = field(default_factory=Limits)
    #: Seconds between two polls of a live page.
    poll: float = 2.0


class Problem(Exception):
    """A request answered with an error page: ``status`` and ``server.<key>``."""

    def __init__(self, status: int, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.fields = fields


# ---------------------------------------------------------------- app


class Pages:
    """The handlers, over one lesson."""

    def __init__(self, lesson: Lesson, config: ServerConfig) -> None:
        self.lesson = lesson
        self.config = config
        self.words = Words(lesson.game, lesson.row.language)
        self.pins = Attempts(config.limits.pin_tries, config.limits.pin_tries_all,
                             config.limits.pin_window)
        self.rejoins = Attempts(config.limits.rejoin_tries, 10 * config.limits.rejoin_tries,
                                config.limits.pin_window)
        self.devices = RateLimiter(config.limits.devices_per_minute / 60,
                                   config.limits.devices_per_minute)
        self.boot = secrets.token_hex(4)
        self.reports = asyncio.Lock()
        sc = lesson.game.scenario
        preset = next((p for p in sc.presets if p.id == lesson.row.preset), None)
        #: The lesson in a few words: the scenario and its length.
        self.lesson_title = sc.name + (f" · {preset.name}" if preset else "")
        #: The cards a teacher may bring in, by title.
        self.cards = sorted(lesson.ruleset.cards.values(), key=lambda c: c.title.casefold())

    def warm_up(self) -> None:
        """Compile every page's template now, so the first students wait for none."""
        from ..html import environment

        env = environment()
        for name in ("base.html", "style.css", "server/style.css", "server/layout.html",
                     "server/macros.html"):
            env.get_template(name)
        for name in ("join", "play", "log", "vote", "board", "board_main", "teacher",
                     "teams_table", "login", "problem"):
            env.get_template(f"server/{name}.html")

    # ------------------------------------------------------------ helpers

    @property
    def join_url(self) -> str:
        """The address of the join page, with the session code filled in."""
        return f"{self.config.public_url}/join?code={quote(self.lesson.code)}"

    def page(self, request: Request, template: str, status: int = 200, **context: Any
             ) -> HTMLResponse:
        """A page of the server, with what every page needs."""
        lesson = self.lesson
        sid = str(request.scope.get("state", {}).get("sid", ""))
        context.setdefault("title", self.lesson_title)
        html = render(f"server/{template}", page="server", lang=self.words.language,
                      lesson_title=self.lesson_title,
                      t=self.words.t, tn=self.words.tn, w=self.words, lesson=lesson,
                      scenario=lesson.game.scenario, csrf=csrf_token(lesson.row.secret, sid),
                      teacher=self.is_teacher(request), poll=self.config.poll,
                      status=lesson.status, join_url=self.join_url,
                      public_url=self.config.public_url, **context)
        return HTMLResponse(self.shown(html), status_code=status)

    def shown(self, html: str) -> str:
        """A rendered page as a reader gets it: numbers in the language's
        digits, Khmer words whole at the end of a line."""
        return khmer_words_whole(page_numbers(html, self.words.language))

    def is_teacher(self, request: Request) -> bool:
        return self.lesson.is_teacher(request.cookies.get(TEACHER))

    def team_of(self, request: Request) -> TeamGame | None:
        team = self.lesson.team_by_token(request.cookies.get(TEAM))
        return team if team is not None and not team.row.is_class else None

    async def form(self, request: Request) -> dict[str, str]:
        """The posted form, checked: its size, its fields and its token.

        Raises :class:`Problem` when it is too large, malformed or from another site.
        """
        limits = self.config.limits
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":
            raise Problem(400, "problem.bad_form")
        origin = request.headers.get("origin")
        if origin and origin != "null" and origin.rstrip("/") != _own_origin(request):
            raise Problem(403, "problem.csrf")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > limits.max_body:
                raise Problem(413, "problem.too_large")
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                              max_num_fields=limits.max_fields)
        except (UnicodeDecodeError, ValueError):
            raise Problem(400, "problem.bad_form") from None
        fields: dict[str, str] = {}
        for key, value in pairs:
            if len(key) > 40 or len(value) > limits.max_field:
                raise Problem(400, "problem.bad_form")
            fields.setdefault(key, value)
        sid = request.scope.get("state", {}).get("sid")
        if not csrf_ok(self.lesson.row.secret, sid, fields.get("csrf")):
            raise Problem(403, "problem.csrf")
        return fields

    def require_teacher(self, request: Request) -> None:
        if not self.is_teacher(request):
            raise Problem(403, "problem.teacher_only")

    # -------------------------------------------------------------- pages

    async def home(self, request: Request) -> Response:
        if self.team_of(request) is not None:
            return RedirectResponse("/play", 303)
        if self.lesson.mode == "vote" and request.cookies.get(DEVICE):
            return RedirectResponse("/vote", 303)
        return RedirectResponse("/join", 303)

    async def join_page(self, request: Request) -> Response:
        if self.team_of(request) is not None:
            return RedirectResponse("/play", 303)
        code = request.query_params.get("code", "")[:40]
        return self.page(request, "join.html", code=code, name="", error="", taken="")

    async def join(self, request: Request) -> Response:
        fields = await self.form(request)
        lesson = self.lesson
        code, name = fields.get("code", "").strip(), fields.get("name", "")
        error = self.code_problem(code)
        if error:
            return self.page(request, "join.html", 400, code=code, name=name, error=error,
                             taken="")
        if lesson.mode == "vote":
            if lesson.status == "ended":
                return self.page(request, "join.html", 409, code=code, name="",
                                 error=self.words.t("refused.ended"), taken="")
            response = RedirectResponse("/vote", 303)
            if not request.cookies.get(DEVICE):
                if not self.devices.allow(_ip(request)):
                    raise Problem(429, "problem.too_many")
                response.set_cookie(DEVICE, new_token(), max_age=COOKIE_AGE, httponly=True,
                                    samesite="lax")
            return response
        try:
            _, token = await lesson.join(name)
        except Refused as exc:
            taken = name if exc.key == "name_taken" else ""
            return self.page(request, "join.html", 409 if taken else 400, code=code, name=name,
                             error=self.words.t(f"refused.{exc.key}", **exc.fields), taken=taken)
        response = RedirectResponse("/play", 303)
        response.set_cookie(TEAM, token, max_age=COOKIE_AGE, httponly=True, samesite="lax")
        return response

    def code_problem(self, typed: str) -> str:
        """Why a typed session code is not this lesson's (``""`` when it is)."""
        if same_code(typed, self.lesson.code):
            return ""
        from ..classroom.codes import CodeError, read_code

        try:
            read_code(typed, self.lesson.ruleset)
        except CodeError as exc:
            if self.words.language == "en":  # the reason is in English only
                return self.words.t("refused.bad_code", why=str(exc))
        return self.words.t("refused.other_code")

    async def rejoin(self, request: Request) -> Response:
        fields = await self.form(request)
        ip = _ip(request)
        name = fields.get("name", "")
        if self.rejoins.blocked(ip):
            raise Problem(429, "problem.too_many")
        try:
            _, token = await self.lesson.rejoin(name, fields.get("rejoin", ""))
        except Refused as exc:
            self.rejoins.failed(ip)
            return self.page(request, "join.html", 400, code=self.lesson.code, name=name,
                             error=self.words.t(f"refused.{exc.key}"), taken=name)
        response = RedirectResponse("/play", 303)
        response.set_cookie(TEAM, token, max_age=COOKIE_AGE, httponly=True, samesite="lax")
        return response

    async def play_page(self, request: Request) -> Response:
        team = self.team_of(request)
        if team is None:
            return RedirectResponse("/join", 303)
        view = game_view(self.words, self.lesson, team)
        team.flash = None
        return self.page(request, "play.html", team=team, view=view,
                         live_key=self.team_key(team))

    def team_key(self, team: TeamGame) -> str:
        return f"{self.boot}.{team.version}.{self.lesson.status}"

    async def play(self, request: Request) -> Response:
        team = self.team_of(request)
        if team is None:
            raise Problem(403, "problem.no_team")
        fields = await self.form(request)
        n = _number(fields.get("n"))
        action = fields.get("action", "")
        if n is None or not action:
            raise Problem(400, "problem.bad_form")
        try:
            await self.lesson.move(team, n, action)
        except Refused as exc:
            team.flash = (exc.key, exc.fields)
        return RedirectResponse("/play", 303)

    async def play_live(self, request: Request) -> Response:
        team = self.team_of(request)
        if team is None:
            return _live("gone")
        return _live(self.team_key(team), request)

    async def log_page(self, request: Request) -> Response:
        team = self.team_of(request)
        if team is None:
            return RedirectResponse("/join", 303)
        lines = log_lines(self.words, team.state, team.state.log or [], WHOLE_LOG)
        return self.page(request, "log.html", team=team, lines=lines)

    async def team_debrief(self, request: Request) -> Response:
        team = self.team_of(request)
        if team is None:
            return RedirectResponse("/join", 303)
        return await self.debrief_of(team)

    async def debrief_of(self, team: TeamGame) -> Response:
        from ..reports.debrief import debrief_page

        if not team.effective:
            raise Problem(404, "problem.nothing_played")
        record = self.lesson.record(team)  # the game as it is now, taken in the loop
        page = await self.off_loop(debrief_page, record, self.lesson.ruleset, team.name,
                                   self.words.language)
        return HTMLResponse(page)

    async def off_loop(self, fn: Callable[..., str], *args: Any) -> str:
        """A report, made in a worker thread (one at a time: its charts share
        matplotlib), so students' pages do not wait for it."""
        async with self.reports:
            return await asyncio.to_thread(fn, *args)

    # ------------------------------------------------------------- voting

    async def vote_page(self, request: Request) -> Response:
        lesson = self.lesson
        if lesson.mode != "vote":
            return RedirectResponse("/play", 303)
        device = request.cookies.get(DEVICE)
        if not device:
            return RedirectResponse(f"/join?code={quote(lesson.code)}", 303)
        return self.page(request, "vote.html", vote=vote_view(self.words, lesson, device),
                         game=self.class_view(), live_key=self.vote_key(device))

    def class_view(self) -> Any:
        team = self.lesson.class_team
        return game_view(self.words, self.lesson, team) if team is not None else None

    def vote_key(self, device: str | None) -> str:
        lesson = self.lesson
        team = lesson.class_team
        ballot = lesson.current_ballot()
        is_open = ballot.open(time.time()) if ballot else False
        return (f"{self.boot}.{team.version if team else 0}.{lesson.status}.{int(is_open)}."
                f"{ballot.row.deadline if ballot else ''}.{lesson.my_vote(device) or ''}")

    async def vote(self, request: Request) -> Response:
        device = request.cookies.get(DEVICE)
        if not device or len(device) > 200:
            raise Problem(403, "problem.no_device")
        fields = await self.form(request)
        n = _number(fields.get("n"))
        option = fields.get("option", "")
        if n is None:
            raise Problem(400, "problem.bad_form")
        try:
            await self.lesson.vote(device, n, option)
        except Refused as exc:
            return self.page(request, "vote.html", 409,
                             vote=vote_view(self.words, self.lesson, device),
                             game=self.class_view(), live_key=self.vote_key(device),
                             error=self.words.t(f"refused.{exc.key}", **exc.fields))
        return RedirectResponse("/vote", 303)

    async def vote_live(self, request: Request) -> Response:
        return _live(self.vote_key(request.cookies.get(DEVICE)), request)

    # -------------------------------------------------------------- board

    async def board(self, request: Request) -> Response:
        return self.page(request, "board.html", **self.board_context(request))

    def board_context(self, request: Request) -> dict[str, Any]:
        lesson = self.lesson
        return {"vote": vote_view(self.words, lesson) if lesson.mode == "vote" else None,
                "game": self.class_view() if lesson.mode == "vote" else None,
                "teams": dashboard_rows(self.words, lesson), "qr": Markup(qr_svg(self.join_url)),
                "live_key": self.board_key(), "count": lesson.count(),
                "cards": self.cards if self.is_teacher(request) else []}

    def board_key(self) -> str:
        lesson = self.lesson
        ballot = lesson.current_ballot()
        is_open = ballot.open(time.time()) if ballot else False
        return f"{self.boot}.{lesson.changes}.{int(is_open)}"

    async def board_live(self, request: Request) -> Response:
        key = self.board_key()
        if request.query_params.get("key") == key:
            return Response(status_code=204)
        html = render("server/board_main.html", page="server", t=self.words.t,
                      tn=self.words.tn, w=self.words, lesson=self.lesson,
                      csrf=csrf_token(self.lesson.row.secret,
                                      str(request.scope.get("state", {}).get("sid", ""))),
                      teacher=self.is_teacher(request), status=self.lesson.status,
                      join_url=self.join_url, public_url=self.config.public_url,
                      scenario=self.lesson.game.scenario, poll=self.config.poll,
                      **self.board_context(request))
        return HTMLResponse(self.shown(html), headers={"x-live-key": key})

    async def qr(self, request: Request) -> Response:
        return Response(qr_svg(self.join_url), media_type="image/svg+xml")

    # ------------------------------------------------------------ teacher

    async def teacher_page(self, request: Request) -> Response:
        if not self.is_teacher(request):
            return self.page(request, "login.html", error="")
        return self.page(request, "teacher.html", teams=dashboard_rows(self.words, self.lesson),
                         live_key=self.board_key())

    async def teacher_live(self, request: Request) -> Response:
        self.require_teacher(request)
        key = self.board_key()
        if request.query_params.get("key") == key:
            return Response(status_code=204)
        html = render("server/teams_table.html", page="server", t=self.words.t,
                      tn=self.words.tn, teams=dashboard_rows(self.words, self.lesson),
                      lesson=self.lesson)
        return HTMLResponse(self.shown(html), headers={"x-live-key": key})

    async def login(self, request: Request) -> Response:
        fields = await self.form(request)
        ip = _ip(request)
        if self.pins.blocked(ip):
            return self.page(request, "login.html", 429,
                             error=self.words.t("problem.too_many_pins"))
        if not same_code(fields.get("pin", ""), self.lesson.row.pin):
            self.pins.failed(ip)
            return self.page(request, "login.html", 403, error=self.words.t("problem.wrong_pin"))
        token = await self.lesson.teacher_login()
        response = RedirectResponse(_back(fields.get("next", "")), 303)
        response.set_cookie(TEACHER, token, max_age=COOKIE_AGE, httponly=True, samesite="lax")
        return response

    async def lesson_control(self, request: Request) -> Response:
        self.require_teacher(request)
        fields = await self.form(request)
        what = fields.get("do", "")
        if what == "pause":
            await self.lesson.set_status("paused")
        elif what == "resume":
            await self.lesson.set_status("open")
        elif what == "end":
            if fields.get("sure") != "yes":
                raise Problem(400, "problem.bad_form")
            await self.lesson.set_status("ended")
        else:
            raise Problem(400, "problem.bad_form")
        return RedirectResponse(_back(fields.get("next", "")), 303)

    async def class_control(self, request: Request) -> Response:
        """The teacher's hand on the class game: apply the vote, break a tie, the
        countdown, diplomacy, the end of the turn, undo, skip."""
        self.require_teacher(request)
        fields = await self.form(request)
        lesson = self.lesson
        team = lesson.class_team
        if team is None:
            raise Problem(404, "problem.not_vote")
        what = fields.get("do", "")
        n = _number(fields.get("n"))
        try:
            if what == "apply":
                await lesson.apply_vote(n or 0)
            elif what == "tie":
                await lesson.apply_vote(n or 0, fields.get("pick", ""))
            elif what == "move":
                await lesson.move(team, n or 0, fields.get("action", ""))
            elif what == "undo":
                await lesson.move(team, n or 0, "undo")
            elif what in ("pause", "resume", "restart", "close", "reopen"):
                await lesson.countdown(what)
            elif what == "length":
                await lesson.countdown("length", _number(fields.get("seconds")) or 0)
            else:
                raise Problem(400, "problem.bad_form")
        except Refused as exc:
            team.flash = (exc.key, exc.fields)
        return RedirectResponse("/board", 303)

    async def class_debrief(self, request: Request) -> Response:
        self.require_teacher(request)
        from ..classroom.results import TeamResult
        from ..reports.compare import class_debrief_html

        lesson = self.lesson
        results = [TeamResult(t.name, lesson.code, lesson.record(t))
                   for t in lesson.team_list() if t.effective]
        if not results:
            raise Problem(404, "problem.nothing_played")
        return HTMLResponse(await self.off_loop(class_debrief_html, results, lesson.ruleset, [],
                                                (), self.words.language))

    async def teacher_team_debrief(self, request: Request) -> Response:
        self.require_teacher(request)
        team = self.lesson.teams.get(int(request.path_params["team"]))
        if team is None:
            raise Problem(404, "problem.not_found")
        return await self.debrief_of(team)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name in FONTS:
            from ..reports.fonts import font_file

            path = font_file(FONTS[name])
            if path is None:
                raise Problem(404, "problem.not_found")
            return Response(await asyncio.to_thread(path.read_bytes), media_type="font/ttf",
                            headers={"cache-control": "max-age=86400"})
        if name not in STATIC:
            raise Problem(404, "problem.not_found")
        text = resources.files("asean_chair.server").joinpath("static", name).read_text("utf-8")
        return Response(text, media_type="text/javascript",
                        headers={"cache-control": "max-age=3600"})

    # ------------------------------------------------------------ errors

    def problem_page(self, request: Request, exc: Problem) -> Response:
        return self.page(request, "problem.html", exc.status,
                         message=self.words.t(exc.key, **exc.fields))


def _live(key: str, request: Request | None = None) -> Response:
    if request is not None and request.query_params.get("key") == key:
        return Response(status_code=204)
    return Response(json.dumps({"key": key}), media_type="application/json",
                    headers={"x-live-key": key})


def _number(text: str | None) -> int | None:
    if text is None or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def _ip(request: Request) -> str:
    return request.client.host if request.client else "?"


def _back(path: str) -> str:
    """Only a path of this server (never another site) to go back to."""
    return path if path in ("/teacher", "/board") else "/teacher"


def _own_origin(request: Request) -> str:
    host = request.headers.get("host", "")
    return f"{request.url.scheme}://{host}"


def create_app(lesson: Lesson, config: ServerConfig) -> Starlette:
    """The ASGI application of a lesson."""
    pages = Pages(lesson, config)
    pages.warm_up()

    def handle(fn: Callable[[Request], Awaitable[Response]]
               ) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            try:
                return await fn(request)
            except Problem as exc:
                return pages.problem_page(request, exc)
            except StoreError:
                return pages.problem_page(request, Problem(503, "problem.not_saved"))

        return run

    routes = [
        Route("/", handle(pages.home)),
        Route("/join", handle(pages.join_page), methods=["GET"]),
        Route("/join", handle(pages.join), methods=["POST"]),
        Route("/rejoin", handle(pages.rejoin), methods=["POST"]),
        Route("/play", handle(pages.play_page), methods=["GET"]),
        Route("/play", handle(pages.play), methods=["POST"]),
        Route("/play/live", handle(pages.play_live)),
        Route("/play/log", handle(pages.log_page)),
        Route("/play/debrief", handle(pages.team_debrief)),
        Route("/vote", handle(pages.vote_page), methods=["GET"]),
        Route("/vote", handle(pages.vote), methods=["POST"]),
        Route("/vote/live", handle(pages.vote_live)),
        Route("/board", handle(pages.board)),
        Route("/board/live", handle(pages.board_live)),
        Route("/qr.svg", handle(pages.qr)),
        Route("/teacher", handle(pages.teacher_page), methods=["GET"]),
        Route("/teacher/login", handle(pages.login), methods=["POST"]),
        Route("/teacher/live", handle(pages.teacher_live)),
        Route("/teacher/lesson", handle(pages.lesson_control), methods=["POST"]),
        Route("/teacher/class", handle(pages.class_control), methods=["POST"]),
        Route("/teacher/debrief", handle(pages.class_debrief)),
        Route("/teacher/team/{team:int}/debrief", handle(pages.teacher_team_debrief)),
        Route("/static/{name}", handle(pages.static)),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return pages.problem_page(request, Problem(404, "problem.not_found"))

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("Method not allowed", status_code=405)

    async def crashed(request: Request, exc: Exception) -> Response:
        return PlainTextResponse(pages.words.t("problem.crashed"), status_code=500)

    public_host = urlsplit(config.public_url).hostname or ""
    app = Starlette(routes=routes, middleware=[Middleware(Guard, limits=config.limits,
                                                          public_host=public_host,
                                                          language=pages.words.language)],
                    exception_handlers={404: not_found, 405: not_allowed, 500: crashed})
    app.state.pages = pages
    return app
