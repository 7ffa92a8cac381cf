"""Run the modding guide's commands and show what they print, in the guide.

docs/modding-guide.md is a session a modder can follow: every console block
(lines starting with `$ `) is run, top to bottom, in one fresh folder, and
the output under each command is what it printed. Between the blocks,
HTML comments (invisible on the page) say what the modder does by hand:

    <!-- guide: file my_mod/cards.yaml -->        the next yaml block is that file
    <!-- guide: append my_mod/cards.yaml -->      the next yaml block is added to it
    <!-- guide: replace my_mod/cards.yaml: efects => effects -->   an edit
    <!-- guide: watch my_mod/cards.yaml: rel.china => rel.chna -->
                 the next block runs `validate --watch`, makes the edit once the
                 first check is printed, and stops after the second
    <!-- guide: skip -->                          the next block is shown, not run

An output ending in a line `...` is compared up to there. Clock times
(`[23:27:58]`) are left as the guide has them.

    python tools/guide.py           # run the guide and rewrite its outputs
    python tools/guide.py --check   # only say where they differ (exit 1)

tests/test_docs.py runs the check.
"""

from __future__ import annotations

import difflib
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "modding-guide.md"
DIRECTIVE = re.compile(r"^<!-- guide: (\w+)(?: (.*?))? -->$")
EDIT = re.compile(r"^(\S+): (.*) => (.*)$")
CLOCK = re.compile(r"\[\d\d:\d\d:\d\d\]")
SUMMARY = re.compile(r"^\S+: \d+ errors?, \d+ warnings?")


class GuideError(Exception):
    """A step of the guide could not be done (a file or an edit is missing)."""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["ASEAN_CHAIR_HOME"] = str(home)
    env["COLUMNS"] = "80"
    env["PYTHONUNBUFFERED"] = "1"  # what a terminal shows, in the order it shows it
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONPATH", None)
    return env


def _edit(folder: Path, spec: str) -> None:
    found = EDIT.match(spec)
    if found is None:
        raise GuideError(f"an edit is 'FILE: OLD => NEW', not {spec!r}")
    path, old, new = folder / found.group(1), found.group(2), found.group(3)
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise GuideError(f"{found.group(1)} has no {old!r} to change")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _run(command: str, folder: Path, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600,
                          check=False)
    return done.returncode, done.stdout


def _watch(command: str, folder: Path, env: dict[str, str], edit: str) -> str:
    """Run a watching command, make ``edit`` after its first check, stop it
    after the second; what it printed."""
    proc = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=folder, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stdout], daemon=True).start()
    out: list[str] = []
    checks = 0
    deadline = time.monotonic() + 60
    try:
        while checks < 2 and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            out.append(line)
            if SUMMARY.match(line):
                checks += 1
                if checks == 1:
                    time.sleep(1.1)  # a modification time the watcher can tell apart
                    _edit(folder, edit)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    if checks < 2:
        raise GuideError(f"'{command}' did not check twice within a minute")
    return "".join(out)


def _compare(expected: list[str], actual: list[str]) -> tuple[bool, list[str]]:
    """Whether the output matches the guide's; and the lines to show."""
    def plain(lines: list[str]) -> list[str]:
        return [CLOCK.sub("[..:..:..]", ln.rstrip()) for ln in lines]

    if expected and expected[-1] == "...":
        shown = actual[: len(expected) - 1]
        same = plain(shown) == plain(expected[:-1])
        return same, (expected[:-1] if same else shown) + ["..."]
    same = plain(actual) == plain(expected)
    return same, expected if same else actual


def run(guide: Path, folder: Path) -> tuple[str, list[str]]:
    """Follow the guide in ``folder``; its text with what the commands printed,
    and a description of every difference."""
    env = _env(folder / ".home")
    (folder / ".home").mkdir(parents=True, exist_ok=True)
    lines = guide.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    differences: list[str] = []
    pending: tuple[str, str] | None = None  # a directive waiting for its block
    status = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = DIRECTIVE.match(line)
        if directive:
            pending = (directive.group(1), directive.group(2) or "")
            if pending[0] == "replace":
                _edit(folder, pending[1])
                pending = None
            out.append(line)
            i += 1
            continue
        if not line.startswith("```"):
            out.append(line)
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        body = lines[i + 1:end]
        kind = pending[0] if pending else ""
        if kind in ("file", "append") and line.startswith("```yaml"):
            assert pending is not None
            path = folder / pending[1]
            path.parent.mkdir(parents=True, exist_ok=True)
            text = "\n".join(body) + "\n"
            if kind == "append":
                text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text
            path.write_text(text, encoding="utf-8")
            pending = None
        elif body and body[0].startswith("$ ") and kind != "skip":
            new_body: list[str] = []
            k = 0
            while k < len(body):
                command = body[k][2:]
                k += 1
                expected: list[str] = []
                while k < len(body) and not body[k].startswith("$ "):
                    expected.append(body[k])
                    k += 1
                if command == "echo $?":
                    printed = f"{status}\n"
                elif kind == "watch":
                    assert pending is not None
                    printed = _watch(command, folder, env, pending[1])
                else:
                    status, printed = _run(command, folder, env)
                actual = printed.rstrip("\n").split("\n") if printed.strip() else []
                same, shown = _compare(expected, actual)
                if not same:
                    diff = difflib.unified_diff(expected, shown, "guide", "printed", lineterm="")
                    differences.append(f"$ {command}\n" + "\n".join(diff))
                new_body += [f"$ {command}", *shown]
            body = new_body
            pending = None
        elif kind == "skip":
            pending = None
        out += [line, *body, lines[end]]
        i = end + 1
    return "\n".join(out) + "\n", differences


def check(guide: Path = GUIDE, folder: Path | None = None) -> list[str]:
    """Every difference between the guide's outputs and a fresh run."""
    with tempfile.TemporaryDirectory() as tmp:
        return run(guide, folder or Path(tmp))[1]


def main(argv: list[str]) -> int:
    only_check = "--check" in argv
    with tempfile.TemporaryDirectory() as tmp:
        try:
            text, differences = run(GUIDE, Path(tmp))
        except GuideError as exc:
            print(f"guide.py: {exc}", file=sys.stderr)
            return 2
    for d in differences:
        print(d, end="\n\n")
    if only_check:
        return 1 if differences else 0
    if differences:
        GUIDE.write_text(text, encoding="utf-8")
        print(f"rewrote {GUIDE.relative_to(ROOT)}: {len(differences)} output(s) changed")
    else:
        print("the guide's outputs are what its commands print")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
