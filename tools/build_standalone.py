"""Build the standalone ASEAN Chair: one folder that runs without Python,
without installing anything and without internet.

    python tools/build_standalone.py            # dist/asean-chair/ and a zip of it

It makes a private build environment (build/standalone-venv) with the game
and PyInstaller, runs ``packaging/asean-chair.spec``, then checks the result
the way a school computer would: ``asean-chair play --text --auto random``
and ``asean-chair print-deck`` with no Python packages on the path. Build on
each system for that system (PyInstaller does not cross-build); the CI
workflow ``.github/workflows/standalone.yml`` builds Windows and macOS.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
DIST = ROOT / "dist"


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, text=True, **kw)  # type: ignore[call-overload]


def _python(env_dir: Path) -> Path:
    return env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def build(clean: bool = False) -> Path:
    """Build the standalone folder; returns the program's path."""
    start = time.monotonic()
    env_dir = BUILD / "standalone-venv"
    if clean and env_dir.exists():
        shutil.rmtree(env_dir)
    if not env_dir.exists():
        venv.create(env_dir, with_pip=True)
    py = str(_python(env_dir))
    run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT),
         "pyinstaller>=6"])
    run([py, "-m", "PyInstaller", "--noconfirm", "--distpath", str(DIST),
         "--workpath", str(BUILD / "pyinstaller"), str(ROOT / "packaging" / "asean-chair.spec")])
    folder = DIST / "asean-chair"
    program = folder / ("asean-chair.exe" if os.name == "nt" else "asean-chair")
    system = {"Darwin": "macos"}.get(platform.system(), platform.system().lower())
    archive = shutil.make_archive(str(DIST / f"asean-chair-standalone-{system}-"
                                           f"{platform.machine().lower()}"),
                                  "zip", DIST, "asean-chair")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"built {folder} ({size / 1e6:.0f} MB; {Path(archive).name} "
          f"{Path(archive).stat().st_size / 1e6:.0f} MB) in {time.monotonic() - start:.0f} s")
    return program


def check(program: Path) -> None:
    """Run the standalone program as a school computer would: no Python packages on the
    path, a fresh home folder, a folder outside the checkout."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PATH": os.defpath if os.name != "nt" else os.environ.get("PATH", ""),
               "HOME": tmp, "ASEAN_CHAIR_HOME": str(Path(tmp) / "home"),
               "SYSTEMROOT": os.environ.get("SYSTEMROOT", ""), "PYTHONNOUSERSITE": "1"}
        out = run([str(program), "play", "--text", "--auto", "random", "--seed", "1",
                   "--quiet"], cwd=tmp, env=env, capture_output=True)
        assert "points" in out.stdout or "score" in out.stdout.lower(), out.stdout[-400:]
        run([str(program), "print-deck", "-o", "deck.html"], cwd=tmp, env=env,
            capture_output=True)
        assert (Path(tmp) / "deck.html").stat().st_size > 10_000
    print("checked: play --text --auto random and print-deck run on their own")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="a fresh build environment")
    parser.add_argument("--no-check", action="store_true", help="build only")
    args = parser.parse_args(argv)
    program = build(args.clean)
    if not args.no_check:
        check(program)
    return 0


if __name__ == "__main__":
    sys.exit(main())
