"""Starting the classroom server: the lesson from the database (or a new one),
the address students join at, the teacher's PIN, and uvicorn.

``asean-chair serve`` calls :func:`serve`. Run it again after a crash, a
restart or a power cut and it carries on the lesson the database holds;
``--new`` starts another.
"""

from __future__ import annotations

import socket
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from ..common.errors import UserError
from ..common.userdata import data_home
from ..phrases import digits, phrase
from ..rules.ruleset import Ruleset
from .app import ServerConfig, create_app
from .guard import is_loopback
from .lesson import Lesson
from .qr import qr_terminal
from .security import Limits, new_pin, new_token
from .store import LessonRow, Store, StoreError


@dataclass
class ServeOptions:
    """What the teacher asked for on the command line."""

    packs: list[str] | None = None
    scenario: str | None = None
    preset: str | None = None
    difficulty: str | None = None
    seed: int | None = None
    mode: str = "teams"
    countdown: int = 0
    host: str | None = None
    port: int = 8000
    db: Path | None = None
    new: bool = False
    language: str = "en"
    limits: Limits = field(default_factory=Limits)


def default_db() -> Path:
    """Where a lesson is kept unless ``--db`` says otherwise."""
    return data_home() / "classroom" / "lesson.sqlite3"


def lan_address() -> str:
    """This computer's address on the local network (no packet is sent), or the loopback."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 9))  # any address off this computer: picks the route
        address = str(probe.getsockname()[0])
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    return address


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host`` only, or a clear error."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise UserError(f"'{host}' is not an address of this computer; give --host an "
                        "address such as 192.168.1.20 (or 127.0.0.1)") from None
    family, kind, proto, _, address = infos[0]
    # With its protocol named, asyncio sets TCP_NODELAY on each connection: without it a
    # response's headers and body wait ~40 ms for the browser's delayed acknowledgement.
    sock = socket.socket(family, kind, proto or socket.IPPROTO_TCP)
    try:
        if sys.platform != "win32":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48, 10048):  # in use (Linux, macOS, Windows)
            raise UserError(f"port {port} is in use on {host} (is the server running "
                            "already?); choose another with --port") from None
        raise UserError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def _load(packs: list[str] | None, language: str) -> Ruleset:
    from ..common.packs import load_rules

    return load_rules(packs, language if language != "en" else None)


def new_lesson(store: Store, options: ServeOptions) -> LessonRow:
    """Plan a lesson (its session code fixes the packs, preset, difficulty and seed) and store
    it."""
    from ..classroom.codes import CodeError
    from ..classroom.session import plan_session
    from ..paths import default_pack

    folders = [str(Path(p).resolve()) for p in options.packs] if options.packs else \
        [str(default_pack())]
    ruleset = _load(folders, options.language)
    try:
        plan = plan_session(ruleset, options.scenario, options.preset, options.difficulty,
                            options.seed)
    except (CodeError, KeyError) as exc:
        raise UserError(str(exc.args[0])) from None
    import json

    now = time.time()
    values = (plan.code, options.mode, plan.scenario.id, options.preset, options.difficulty,
              plan.seed, json.dumps(folders), ruleset.content_hash, options.language, new_pin(),
              new_token(), "open", max(0, min(options.countdown, 600)), now)

    def write(db: Any) -> int:
        db.execute("UPDATE lesson SET status='ended', ended_at=? WHERE status != 'ended'", (now,))
        cur = db.execute("INSERT INTO lesson (code, mode, scenario, preset, difficulty, seed, "
                         "packs, content_hash, language, pin, secret, status, countdown, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        return int(cur.lastrowid or 0)

    lesson_id = store.write_now(write)
    return LessonRow(lesson_id, plan.code, options.mode, plan.scenario.id, options.preset,
                     options.difficulty, plan.seed, folders, ruleset.content_hash,
                     options.language, values[9], values[10], "open", values[12], now, None)


def open_lesson(options: ServeOptions) -> tuple[Lesson, bool]:
    """The lesson to serve: the one the database holds (unless it ended or ``--new``),
    else a new one. Returns it and whether it carries on an earlier one."""
    path = options.db or default_db()
    try:
        store = Store(path)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    found = store.snapshot.lesson
    resumed = found is not None and found.status != "ended" and not options.new
    if resumed:
        assert found is not None
        row = found
        ruleset = _load(row.packs, row.language)
        if ruleset.content_hash != row.content_hash:
            store.close()
            raise UserError(f"the rule packs changed since lesson {row.code} began, so its games "
                            "cannot be replayed; put the packs back as they were, or start a "
                            "new lesson with --new")
    else:
        row = new_lesson(store, options)
        store.close()
        store = Store(path)  # read back as a restart would
        ruleset = _load(row.packs, row.language)
    class_name = phrase("server.class_team", row.language)
    return Lesson(store, ruleset, row, options.limits, class_name=class_name), resumed


def banner(lesson: Lesson, resumed: bool, host: str, port: int, public: str, db: Path,
           encoding: str | None) -> str:
    """What the teacher's terminal shows: the lesson, the addresses, the QR code, the PIN."""
    lang = lesson.row.language

    def t(key: str, **fields: Any) -> str:
        return phrase(f"server.terminal.{key}", lang, **fields)

    sc = lesson.game.scenario
    preset = next((p for p in sc.presets if p.id == lesson.row.preset), None)
    name = sc.name + (f" · {preset.name}" if preset else "")
    mode = phrase(f"server.dash.mode_{lesson.mode}", lang)
    lines = [t("head", app=phrase("app.name", lang)), "",
             t("lesson", name=name, mode=mode, seed=lesson.row.seed)]
    if resumed:
        teams = sum(not team.row.is_class for team in lesson.team_list())
        when = datetime.fromtimestamp(lesson.row.created_at).strftime("%Y-%m-%d %H:%M")
        lines.append(t("resumed", when=digits(when, lang), teams=teams))
    join = f"{public}/join?code={lesson.code}"
    lines += ["", t("code", code=lesson.code), t("students", url=f"{public}/join")]
    drawn = qr_terminal(join, encoding)
    if drawn:
        lines += [t("scan"), drawn.rstrip("\n")]
    lines += [t("board", url=f"{public}/board"),
              t("teacher", url=f"{public}/teacher", pin=str(lesson.row.pin)), ""]
    if host in ("0.0.0.0", "::"):
        lines.append(t("listening_all", port=str(port)))
    else:
        lines.append(t("listening", host=host, port=str(port)))
    if is_loopback(host):
        lines.append(t("loopback"))
    lines.append(t("saved", path=db))
    return "\n".join(lines)


def serve(options: ServeOptions, out: IO[str] | None = None) -> int:
    """Run the classroom server until Ctrl+C; returns the exit code."""
    import uvicorn

    out = out or sys.stdout
    db = options.db or default_db()
    lesson, resumed = open_lesson(options)
    try:
        host = options.host or lan_address()
        sock = listen(host, options.port)
        port = int(sock.getsockname()[1])
        shown = lan_address() if host in ("0.0.0.0", "::") else host
        if ":" in shown:
            shown = f"[{shown}]"
        public = f"http://{shown}:{port}"
        app = create_app(lesson, ServerConfig(public, options.limits))
        print(banner(lesson, resumed, host, port, public, db, getattr(out, "encoding", None)),
              file=out, flush=True)
        config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                lifespan="off", timeout_keep_alive=5, limit_concurrency=400,
                                h11_max_incomplete_event_size=16 * 1024)
        try:
            uvicorn.Server(config).run(sockets=[sock])
        except KeyboardInterrupt:  # Ctrl+C: uvicorn has stopped cleanly and passes it on
            pass
    finally:
        lesson.store.close()
    print(phrase("server.terminal.stopped", lesson.row.language, path=db), file=out, flush=True)
    return 0
