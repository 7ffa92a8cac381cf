"""Benchmark of the game window (a script, not a timed test).

    python tools/bench_ui.py [--pack DIR] [--display]

Prints:
- launch to first interactive frame: from before the interpreter starts to
  the first frame shown with the event loop ready (a fresh process);
- frame render time at 1280x720 on the board (the usual frame, with the
  board's drawing cached);
- the frame after a decision: from the decision to the frame that shows its
  result (the result panel, the values lit up) on screen, over a whole
  game; and the frame after the result is dismissed (the next card);
- idle CPU over 10 s: the real event loop with no input, in a fresh process;
- peak memory (max RSS) over a session of two full games played through the
  board (every result, summary and debrief page), with a change of language
  and every text size, in a fresh process; and in a class vote (board,
  teacher's panel, a tie).

Targets: first frame <= 1.0 s, frame <= 8 ms, frame after a decision
<= 50 ms, idle CPU <= 2 % of a core, peak memory <= 150 MB. Without ``--display`` it runs off screen (SDL's
dummy driver); with ``--display`` it uses the real display ($DISPLAY).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def child_env(display: bool) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    if not display:
        env["SDL_VIDEODRIVER"] = "dummy"
        env["SDL_AUDIODRIVER"] = "dummy"
    return env


def make_args(pack: str | None, **extra: Any) -> Any:
    """The window's start-up options for ``pack`` (the bundled game when None)."""
    from asean_chair.ui.options import WindowOptions

    return WindowOptions(packs=(Path(pack),) if pack else (), **extra)


# --------------------------------------------------------------- children


def child_first_frame(t0: float, pack: str | None) -> None:
    from asean_chair.ui.app import App
    from asean_chair.ui.settings import Settings

    app = App(make_args(pack), size=(1280, 720), settings=Settings(), persist_settings=False)
    app.start()
    app.render()
    print(f"{time.time() - t0:.4f}")


def child_idle(seconds: float, pack: str | None) -> None:
    import pygame

    from asean_chair.ui.app import App
    from asean_chair.ui.settings import Settings

    app = App(make_args(pack), size=(1280, 720), settings=Settings(), persist_settings=False)
    app.start()
    app.new_game(app.pack_folders, None, 7)
    app.show_game()
    app.render()
    pygame.event.clear()
    pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    frames0 = app.loop.frames
    while app.running:
        app.step()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(f"{cpu / wall * 100:.3f} {wall:.2f} {app.loop.frames - frames0}")


def child_frames(pack: str | None) -> None:
    import pygame

    from asean_chair.engine import Action
    from asean_chair.ui.app import App
    from asean_chair.ui.settings import Settings

    app = App(make_args(pack), size=(1280, 720), settings=Settings(), persist_settings=False)
    app.start()
    app.new_game(app.pack_folders, None, 7)
    app.show_game()
    flips: list[tuple[float, float]] = []
    real_flip = pygame.display.flip

    def flip() -> None:
        flips.append((time.perf_counter(), time.process_time()))
        real_flip()

    pygame.display.flip = flip

    def frame() -> None:
        flips.clear()
        app.top.ui.update(1 / 30)
        app.render()

    for _ in range(20):
        frame()
    usual = []
    for _ in range(300):
        t = time.perf_counter()
        frame()
        usual.append((time.perf_counter() - t) * 1000)
    decided: list[float] = []
    dismissed: list[float] = []
    # The same in CPU time of the process: what the window itself spent, whatever
    # else the machine is running.
    decided_cpu: list[float] = []
    session = app.session
    st = session.state
    while not st.is_over:
        board = app.find("board")
        if app.top is not board:
            app.pop()
            frame()
            continue
        if st.pending.kind == "event":
            choice = next(c for c in board.choices if c.legal)
            t, c = time.perf_counter(), time.process_time()
            board.decide(choice.action)
            frame()
            decided.append((flips[0][0] - t) * 1000)
            decided_cpu.append((flips[0][1] - c) * 1000)
            if session.outcome is not None and app.top is board:
                t = time.perf_counter()
                board.dismiss()
                frame()
                dismissed.append((flips[0][0] - t) * 1000)
        else:
            board.decide(Action.end_turn())
            frame()

    def q(xs: list[float], p: float) -> float:
        return sorted(xs)[min(len(xs) - 1, int(len(xs) * p))]

    print(f"{statistics.median(usual):.3f} {q(usual, 0.95):.3f} "
          f"{statistics.median(decided):.3f} {q(decided, 0.95):.3f} "
          f"{statistics.median(dismissed):.3f} {q(dismissed, 0.95):.3f} {len(decided)} "
          f"{statistics.median(decided_cpu):.3f}")


def child_session(pack: str | None) -> None:
    """Two full games through the board, every screen, a change of language and every
    text size; prints the peak memory (max RSS, MB)."""
    import resource

    from asean_chair.engine import Action
    from asean_chair.ui.app import App
    from asean_chair.ui.scenes.debrief import DebriefScene
    from asean_chair.ui.scenes.legend import LegendScene
    from asean_chair.ui.scenes.menu import MenuScene
    from asean_chair.ui.scenes.settings import SettingsScene
    from asean_chair.ui.settings import TEXT_SIZES, Settings

    app = App(make_args(pack), size=(1280, 720), settings=Settings(), persist_settings=False)
    app.start()

    def frame() -> None:
        app.top.ui.update(1 / 30)
        app.render()

    def play(seed: int) -> None:
        app.new_game(app.pack_folders, None, seed)
        app.show_game()
        frame()
        session = app.session
        st = session.state
        legend = menu = False
        while not st.is_over:
            board = app.find("board")
            if app.top is not board:
                app.pop()
                frame()
                continue
            if session.outcome is not None:
                board.dismiss()
            elif st.pending.kind == "event":
                legal = [c for c in board.choices if c.legal]
                board.decide(legal[st.turn % len(legal)].action)
            else:
                board.decide(Action.end_turn())
            frame()
            if not legend:
                legend = True
                app.push(LegendScene(app))
                frame()
            elif not menu and st.turn > 2:
                menu = True
                app.push(MenuScene(app))
                frame()
                app.push(SettingsScene(app))
                frame()
        if not isinstance(app.top, DebriefScene):
            app.show_game()
            frame()
        debrief = app.top
        if isinstance(debrief, DebriefScene):
            for _ in debrief.pages:
                debrief.turn_page(1)
                frame()

    play(7)
    app.settings.language = "km"            # a change of language mid-session
    app.apply_settings()
    frame()
    app.settings.language = "en"
    app.apply_settings()
    for _, scale in TEXT_SIZES:             # every text size
        app.settings.text_scale = scale
        app.apply_settings()
        frame()
    play(8)
    print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")


def child_vote(pack: str | None) -> None:
    """A class vote in a process of its own: large type, the tallies, a tie, the
    teacher's panel, a month played and the debrief of a lesson ended early."""
    import resource

    from asean_chair.bots import make_bot
    from asean_chair.ui.app import App
    from asean_chair.ui.scenes.debrief import DebriefScene
    from asean_chair.ui.settings import Settings

    app = App(make_args(pack, vote=True), size=(1280, 720),
              settings=Settings(vote_seconds=60), persist_settings=False)
    app.start()
    app.new_game(app.pack_folders, None, 7)
    app.show_game()
    app.render()
    board = app.top
    legal = [c.action.option for c in board.choices if c.legal]
    ballot = board.ballot()
    for option in legal[:2]:
        ballot.box.set(option, 9)
    board.apply_majority()          # a tie: the teacher picks
    app.render()
    app.pop()
    app.teacher_panel()
    app.render()
    app.pop()
    session = app.session
    bot = make_bot("history", 7)
    st = session.state
    while st.turn < 3 and not st.is_over:
        session.apply(bot.choose(st))
    app.show_game()
    app.render()
    app.push(DebriefScene(app))
    app.render()
    print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")


# ----------------------------------------------------------------- parent


def run_child(args: list[str], display: bool) -> str:
    run = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         env=child_env(display), timeout=300, check=False)
    if run.returncode != 0:
        raise SystemExit(f"benchmark step {args[0]} failed:\n{run.stderr}")
    return run.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", help="rule pack folder (default: the default pack)")
    parser.add_argument("--display", action="store_true", help="use the real display")
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    a = parser.parse_args()
    if a.child == "first":
        child_first_frame(a.t0, a.pack)
        return 0
    if a.child == "idle":
        child_idle(a.idle_seconds, a.pack)
        return 0
    if a.child == "frames":
        child_frames(a.pack)
        return 0
    if a.child == "vote":
        child_vote(a.pack)
        return 0
    if a.child == "session":
        child_session(a.pack)
        return 0
    extra = ["--pack", a.pack] if a.pack else []
    driver = "real display" if a.display else "off screen (SDL dummy driver)"
    print(f"ASEAN Chair window benchmark, {driver}, 1280x720")
    firsts = []
    for _ in range(3):
        t0 = time.time()
        firsts.append(float(run_child(["--child", "first", "--t0", repr(t0), *extra], a.display)))
    first = statistics.median(firsts)
    print(f"  launch to first interactive frame: {first:.2f} s "
          f"(median of 3: {', '.join(f'{x:.2f}' for x in firsts)})    target <= 1.0 s")
    med, p95, dmed, dp95, nmed, np95, n, dcpu = map(
        float, run_child(["--child", "frames", *extra], a.display).split())
    print(f"  frame render time:                 {med:.2f} ms median, {p95:.2f} ms p95"
          f"    target <= 8 ms")
    print(f"  frame after a decision:            {dmed:.1f} ms median, {dp95:.1f} ms p95 "
          f"({n:.0f} decisions; {dcpu:.1f} ms of CPU)    target <= 50 ms")
    print(f"  frame after the result (next card): {nmed:.1f} ms median, {np95:.1f} ms p95")
    cpu, wall, frames = run_child(["--child", "idle", "--idle-seconds", str(a.idle_seconds),
                                   *extra], a.display).split()
    print(f"  idle CPU over {float(wall):.0f} s:                {float(cpu):.2f} % of a core "
          f"({frames} frames drawn)    target <= 2 %")
    rss = float(run_child(["--child", "session", *extra], a.display))
    vote_rss = float(run_child(["--child", "vote", *extra], a.display))
    print(f"  peak memory (max RSS):             {rss:.0f} MB over two games, a change of "
          f"language and every text size; in a class vote {vote_rss:.0f} MB"
          f"    target <= 150 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
