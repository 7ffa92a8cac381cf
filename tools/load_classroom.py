"""Load test of the classroom server: a class of simulated students on 127.0.0.1.

    python tools/load_classroom.py [--students 40] [--pack DIR] [--preset short]
                                   [--think 2.0] [--seed 11] [--max-seconds 300]

Starts ``asean-chair serve`` on the loopback address with a fresh database,
then every student, at once and each on its own connection and cookies,
does what a browser does: opens the join page, joins with the session code
and a team name, and plays the whole lesson (the page, a move posted, the
page again), asking ``/play/live`` every few seconds as the page's script
does, with a random pause between decisions (``--think``: up to that many
seconds). A teacher's dashboard and a projector page poll as they would.

At the end the server is stopped and its database read: every move a
student was told was made must be there, once.

Prints the number of requests and moves, the response times (50th, 95th,
99th percentile, the slowest), errors and lost moves, and whether the
targets are met: p95 <= 200 ms, no error, no lost move (exit code 0, else 1).
The run is bounded: at most ``--students`` 200, and ``--max-seconds``
(students still playing then count as errors).
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 200.0
MAX_STUDENTS = 200
#: Seconds between two looks of a game page's script at /play/live (as live.js does).
LIVE_EVERY = 4.0


# --------------------------------------------------------------- the server


@dataclass
class Served:
    """A server process and what its banner said."""

    proc: subprocess.Popen[str]
    url: str
    code: str
    pin: str
    db: Path
    lines: list[str] = field(default_factory=list)

    def stop(self, kill: bool = False) -> int:
        """Stop it (Ctrl+C, or a kill as in a crash or a power cut); returns its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL if kill else signal.SIGINT)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(timeout=30)


def free_port() -> int:
    """A port nothing listens on now, on 127.0.0.1."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, *args: str, port: int = 0, timeout: float = 90.0) -> Served:
    """``asean-chair serve`` on 127.0.0.1 (``port``, or a free one), ready to take requests."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    env.setdefault("ASEAN_CHAIR_HOME", str(db.parent / "home"))
    cmd = [sys.executable, "-m", "asean_chair", "serve", "--host", "127.0.0.1", "--port",
           str(port), "--db", str(db), *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            encoding="utf-8", env=env, cwd=str(ROOT))
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Listening on"):
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(timeout) or proc.poll() is not None:
        proc.kill()
        raise RuntimeError("the server did not start:\n" + "\n".join(lines))
    text = "\n".join(lines)
    url = re.search(r"Students join at:\s+(http://\S+)/join", text)
    code = re.search(r"Session code:\s+(\S+)", text)
    pin = re.search(r"PIN (\d+)", text)
    if not (url and code and pin):
        proc.kill()
        raise RuntimeError("the server's banner is not as expected:\n" + text)
    served = Served(proc, url.group(1), code.group(1), pin.group(1), db, lines)
    wait_until_up(served.url)
    return served


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    """Wait until the server answers."""
    parts = urlsplit(url)
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            conn.request("GET", "/static/live.js")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


# ---------------------------------------------------------------- a browser


class Browser:
    """One device: its own connection (kept alive) and cookies; times every request."""

    def __init__(self, url: str, times: list[float] | None = None) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookies: dict[str, str] = {}
        self.times = times if times is not None else []
        self.retries = 0
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, form: dict[str, str] | None = None
                ) -> tuple[int, dict[str, str], str]:
        """One request; a connection the server closed while idle is opened again once
        (a form posted again is safe: moves carry their number)."""
        body = urlencode(form).encode() if form is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            start = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8")
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                self.retries += 1
                continue
            self.times.append(time.perf_counter() - start)
            for key, value in response.getheaders():
                if key.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        raise AssertionError("unreachable")

    def page(self, method: str, path: str, form: dict[str, str] | None = None) -> str:
        """A page, following the server's redirect as a browser does; raises on an error."""
        status, headers, text = self.request(method, path, form)
        if status == 303:
            status, headers, text = self.request("GET", headers["location"])
        if status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {status}: {text[:200]}")
        return text

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def csrf_of(page: str) -> str:
    found = re.search(r"name='csrf' value='([^']+)'", page)
    if not found:
        raise RuntimeError("a page without a form")
    return found.group(1)


def number_of(page: str) -> int | None:
    found = re.search(r"name='n' value='(\d+)'", page)
    return int(found.group(1)) if found else None


def moves_of(page: str) -> list[str]:
    """The moves a game page offers (enabled buttons, undo apart)."""
    moves = []
    for form in re.findall(r"<form method='post' action='/play'.*?</form>", page, re.DOTALL):
        action = re.search(r"name='action' value='([^']+)'", form)
        if action and action.group(1) != "undo" and not re.search(r"<button[^>]*disabled", form):
            moves.append(action.group(1))
    return moves


# --------------------------------------------------------------- the class


@dataclass
class Student:
    """A simulated student and what became of the lesson for them."""

    index: int
    name: str
    moves_answered: int = 0
    finished: bool = False
    error: str = ""


def play(student: Student, served: Served, think: float, deadline: float,
         times: list[float], stop: threading.Event) -> int:
    """Join and play the lesson to its end; returns the connection retries."""
    rng = random.Random(student.index)
    browser = Browser(served.url, times)
    try:
        page = browser.page("GET", f"/join?code={served.code}")
        page = browser.page("POST", "/join", {"csrf": csrf_of(page), "code": served.code,
                                              "name": student.name})
        last_live = time.monotonic()
        for _ in range(500):
            if "/play/debrief" in page:
                student.finished = True
                return browser.retries
            if time.monotonic() > deadline or stop.is_set():
                student.error = "still playing when the time ran out"
                return browser.retries
            n, moves = number_of(page), moves_of(page)
            if n is None or not moves:
                raise RuntimeError("a game page offers no move")
            time.sleep(rng.uniform(0, think))
            if time.monotonic() - last_live > LIVE_EVERY:
                key = re.search(r"data-key='([^']*)'", page)
                status, _, _ = browser.request("GET", f"/play/live?key={key.group(1) if key else ''}")
                if status not in (200, 204):
                    raise RuntimeError(f"/play/live: HTTP {status}")
                last_live = time.monotonic()
            page = browser.page("POST", "/play", {"csrf": csrf_of(page), "n": str(n),
                                                  "action": rng.choice(moves)})
            if number_of(page) == n and "/play/debrief" not in page:
                raise RuntimeError(f"move {n} was not made: {re.sub('<[^>]+>', ' ', page)[:300]}")
            student.moves_answered += 1
        student.error = "the lesson did not end in 500 decisions"
    except (OSError, RuntimeError, KeyError) as exc:
        student.error = str(exc)
    finally:
        browser.close()
    return browser.retries


def watch(served: Served, times: list[float], stop: threading.Event) -> list[str]:
    """The teacher's dashboard and the projector, polling as their pages do."""
    errors: list[str] = []
    teacher = Browser(served.url, times)
    try:
        login = teacher.page("GET", "/teacher")
        teacher.page("POST", "/teacher/login", {"csrf": csrf_of(login), "pin": served.pin})
        keys = {"/teacher/live": "", "/board/live": ""}
        while not stop.wait(2.0):
            for path, key in list(keys.items()):
                status, headers, _ = teacher.request("GET", f"{path}?key={key}")
                if status not in (200, 204):
                    errors.append(f"{path}: HTTP {status}")
                keys[path] = headers.get("x-live-key", key)
    except (OSError, RuntimeError, KeyError) as exc:
        errors.append(f"the teacher's pages: {exc}")
    finally:
        teacher.close()
    return errors


@dataclass
class Figures:
    """What a load test measured."""

    students: int
    requests: int
    seconds: float
    moves_answered: int
    moves_stored: int
    lost: int
    errors: list[str]
    retries: int
    p50: float
    p95: float
    p99: float
    slowest: float
    #: CPU seconds the server used (``None`` where /proc cannot tell).
    server_cpu: float | None = None

    @property
    def ok(self) -> bool:
        """Whether the targets are met."""
        return self.p95 <= TARGET_P95_MS and not self.errors and not self.lost

    def report(self, what: str) -> str:
        """The figures, as printed."""
        verdict = "met" if self.ok else "NOT met"
        lines = [
            what,
            (f"requests: {self.requests} in {self.seconds:.1f} s "
             f"({self.requests / max(self.seconds, 1e-9):.0f} a second); "
             f"moves: {self.moves_answered} answered, {self.moves_stored} stored"),
            (f"response time: p50 {self.p50:.1f} ms, p95 {self.p95:.1f} ms, "
             f"p99 {self.p99:.1f} ms, slowest {self.slowest:.1f} ms"),
        ]
        if self.server_cpu is not None:
            lines.append(f"the server's CPU: {self.server_cpu:.1f} s in all, "
                         f"{self.server_cpu / max(self.requests, 1) * 1000:.1f} ms a request")
        lines += [
            (f"errors: {len(self.errors)}; lost moves: {self.lost}; "
             f"connections opened again: {self.retries}"),
        ]
        lines += [f"  error: {e}" for e in self.errors[:10]]
        lines.append(f"targets (p95 <= {TARGET_P95_MS:.0f} ms, no error, no lost move): {verdict}")
        return "\n".join(lines)


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank), in milliseconds."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[rank] * 1000


def server_cpu(pid: int) -> float | None:
    """CPU seconds (user and system) a process has used, read from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def stored_moves(db: Path) -> dict[str, int]:
    """Moves in the database, per team."""
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT t.name, count(m.n) FROM team t LEFT JOIN move m "
                           "ON m.team_id = t.id GROUP BY t.id").fetchall()
    return {str(name): int(n) for name, n in rows}


def run_load(students: int = 40, packs: list[str] | None = None, preset: str | None = "short",
             think: float = 2.0, seed: int = 11, max_seconds: float = 300.0,
             workdir: Path | None = None) -> Figures:
    """Run the load test and return its figures."""
    students = max(1, min(students, MAX_STUDENTS))
    with tempfile.TemporaryDirectory() as tmp:
        db = (workdir or Path(tmp)) / "load.sqlite3"
        args = [arg for p in packs or [] for arg in ("--pack", p)]
        args += ["--preset", preset] if preset else []
        # Every simulated student comes from 127.0.0.1: lift the per-address rate
        # limit that a classroom of separate devices never meets.
        args += ["--seed", str(seed), "--rate", "100000"]
        served = start_server(db, *args)
        times: list[float] = []
        stop = threading.Event()
        class_ = [Student(i, f"Team {i + 1}") for i in range(students)]
        retries = [0] * students
        deadline = time.monotonic() + max_seconds
        started = time.perf_counter()
        watcher_errors: list[str] = []
        watcher = threading.Thread(target=lambda: watcher_errors.extend(
            watch(served, times, stop)), daemon=True)
        watcher.start()

        def one(i: int) -> None:
            retries[i] = play(class_[i], served, think, deadline, times, stop)

        threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(students)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()) + 30)
        seconds = time.perf_counter() - started
        stop.set()
        watcher.join(10)
        cpu = server_cpu(served.proc.pid)
        code = served.stop()
        stored = stored_moves(db)
        errors = [f"{s.name}: {s.error}" for s in class_ if s.error]
        errors += [f"{s.name}: did not finish" for s in class_ if not s.finished and not s.error]
        errors += watcher_errors
        if code not in (0, -signal.SIGINT):
            errors.append(f"the server stopped with exit code {code}")
        lost = sum(max(0, s.moves_answered - stored.get(s.name, 0)) for s in class_)
        return Figures(students, len(times), seconds, sum(s.moves_answered for s in class_),
                       sum(stored.values()), lost, errors, sum(retries),
                       percentile(times, 50), percentile(times, 95), percentile(times, 99),
                       max(times, default=0.0) * 1000, cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--pack", action="append", metavar="DIR")
    parser.add_argument("--preset", default="short", help="the lesson (default: short)")
    parser.add_argument("--think", type=float, default=2.0,
                        help="each decision waits a random 0..THINK seconds (default 2: a "
                             "class many times quicker than a real one)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    args = parser.parse_args(argv)
    students = max(1, min(args.students, MAX_STUDENTS))
    pack = ", ".join(args.pack) if args.pack else "the bundled game"
    print(f"{students} students at once on 127.0.0.1: {pack}, preset {args.preset or 'none'}, "
          f"seed {args.seed}, 0-{args.think:g} s to think before each decision", flush=True)
    figures = run_load(students, args.pack, args.preset or None, args.think, args.seed,
                       args.max_seconds)
    print(figures.report(f"{figures.students} students played the whole lesson"
                         if not figures.errors else f"{figures.students} students"))
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
