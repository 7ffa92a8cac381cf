"""Build the offline kit: ASEAN Chair and every package it needs, for school
computers with no internet and no administrator rights.

    python tools/build_offline_kit.py                 # Windows, macOS and Linux; Python 3.11-3.13
    python tools/build_offline_kit.py --here          # only this computer's system and Python
    python tools/build_offline_kit.py --python 3.12 --system windows -o kit

Run it once on a computer with internet (it downloads the packages with
pip). It writes a folder (and a .zip of it) to copy to a USB stick::

    asean-chair-kit/
      wheels/                   the game and every package it needs, as wheels
      install-windows.bat       double-click: installs for this user, no internet, no admin
      install-macos.command     double-click (macOS)
      install-linux.sh          run: sh install-linux.sh
      README.txt                what to do, and what to do without Python

The install scripts make a private Python environment in the user's own
folder (``asean-chair`` in the home folder) with ``pip install --no-index``,
so they never reach the internet and need no administrator, then put a
"play" launcher beside the kit and on the desktop where there is one. They
need Python 3.11 or newer on the computer; without it, use the standalone
build (``tools/build_standalone.py``), which needs nothing at all.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: pip's platform tags for each system, in groups downloaded one at a time:
#: pip takes one wheel per package for a group, so each processor (Apple
#: silicon and Intel Macs) gets its own. A macOS tag also accepts older
#: macOS versions and universal2 wheels.
SYSTEMS = {
    "windows": [["win_amd64"]],
    "macos": [["macosx_11_0_arm64"], ["macosx_12_0_x86_64"]],
    "linux": [["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64",
               "manylinux_2_5_x86_64", "manylinux1_x86_64"]],
}
PYTHONS = ("3.11", "3.12", "3.13")

INSTALL_WINDOWS = r"""@echo off
rem Install ASEAN Chair for this user, from the kit's own files: no internet, no admin.
setlocal
set KIT=%~dp0
set HOME_DIR=%LOCALAPPDATA%\asean-chair-game
where py >nul 2>nul && (set PY=py -3) || (set PY=python)
%PY% -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>nul
if errorlevel 1 (
  echo Python 3.11 or newer is not installed on this computer.
  echo Use the standalone build instead: see README.txt.
  pause
  exit /b 1
)
echo Installing ASEAN Chair into %HOME_DIR% ...
%PY% -m venv "%HOME_DIR%" || goto failed
"%HOME_DIR%\Scripts\python.exe" -m pip install --no-index --find-links "%KIT%wheels" --disable-pip-version-check --quiet asean-chair || goto failed
> "%KIT%play.bat" echo @"%HOME_DIR%\Scripts\asean-chair.exe" %%*
if exist "%USERPROFILE%\Desktop" copy /y "%KIT%play.bat" "%USERPROFILE%\Desktop\ASEAN Chair.bat" >nul
echo Done. Double-click "ASEAN Chair" on the desktop (or play.bat here) to play.
pause
exit /b 0
:failed
echo The installation did not finish; see the message above.
pause
exit /b 1
"""

INSTALL_UNIX = r"""#!/bin/sh
# Install ASEAN Chair for this user, from the kit's own files: no internet, no admin.
set -e
KIT=$(cd "$(dirname "$0")" && pwd)
HOME_DIR="${ASEAN_CHAIR_INSTALL:-$HOME/.local/share/asean-chair-game}"
PY=""
for candidate in python3.13 python3.12 python3.11 python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 && \
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY="$candidate"; break
  fi
done
if [ -z "$PY" ]; then
  echo "Python 3.11 or newer is not installed on this computer."
  echo "Use the standalone build instead: see README.txt."
  exit 1
fi
echo "Installing ASEAN Chair into $HOME_DIR ..."
"$PY" -m venv "$HOME_DIR"
PIP_NO_INDEX=1 "$HOME_DIR/bin/python" -m pip install --no-index --find-links "$KIT/wheels" \
  --disable-pip-version-check --quiet asean-chair
printf '#!/bin/sh\nexec "%s/bin/asean-chair" "$@"\n' "$HOME_DIR" > "$KIT/play.sh"
chmod +x "$KIT/play.sh"
if [ -d "$HOME/Desktop" ]; then
  cp "$KIT/play.sh" "$HOME/Desktop/ASEAN Chair.command" 2>/dev/null || true
fi
echo "Done. Run $KIT/play.sh (or 'ASEAN Chair' on the desktop) to play."
"""

README = """ASEAN Chair: offline kit
========================

This folder installs the game on a computer with no internet and without
administrator rights. Copy the whole folder (for example from a USB stick).

Windows:  double-click install-windows.bat, then "ASEAN Chair" on the desktop.
macOS:    double-click install-macos.command (if macOS refuses: right-click,
          Open), then "ASEAN Chair" on the desktop.
Linux:    sh install-linux.sh, then ./play.sh

Each script installs the game into your own user folder; nothing is
downloaded and nothing needs an administrator. It needs Python 3.11 or newer
({pythons}) on the computer. If the computer has no Python, use the
standalone build (a folder that runs on its own: asean-chair-standalone-*.zip).

Play in the terminal: play --text (play.bat --text on Windows).
Print the cards for a class without computers: play print-deck -o deck.html

Built {date} for {systems}; {count} packages.
"""


def run(cmd: list[str], **kw: object) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def requirements() -> list[str]:
    """The project's own dependencies, from pyproject.toml."""
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(meta["project"]["dependencies"])


def verify(wheels: Path, systems: list[str], pythons: list[str], here: bool) -> None:
    """Prove the kit complete for every system and Python it is for: pip resolves the
    game from the kit's wheels alone (``--no-index``), for each target in turn."""
    import tempfile

    # (--ignore-requires-python: some pips check it against the Python running
    # this script, not the target's; the cpXY tags of the wheels decide anyway.)
    pip = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--no-index",
           "--find-links", str(wheels), "--only-binary=:all:", "--ignore-requires-python"]
    if here:
        with tempfile.TemporaryDirectory() as target:
            run([*pip, "--target", target, "asean-chair"])
        return
    for system in systems:
        for group in SYSTEMS[system]:
            for py in pythons:
                with tempfile.TemporaryDirectory() as target:
                    run([*pip, "--target", target, "--python-version", py,
                         "--implementation", "cp", *[f"--platform={t}" for t in group],
                         "asean-chair"])


def build(out: Path, systems: list[str], pythons: list[str], here: bool) -> Path:
    """Write the kit folder and its zip; returns the folder."""
    start = time.monotonic()
    if out.exists():
        shutil.rmtree(out)
    wheels = out / "wheels"
    wheels.mkdir(parents=True)
    pip = [sys.executable, "-m", "pip"]
    # The game itself, as one wheel (rules and assets inside).
    run([*pip, "wheel", "--no-deps", "--wheel-dir", str(wheels), str(ROOT)])
    deps = requirements()
    if here:
        run([*pip, "download", "--only-binary=:all:", "--dest", str(wheels), *deps])
        systems = [platform.system().lower().replace("darwin", "macos")]
        pythons = [f"{sys.version_info.major}.{sys.version_info.minor}"]
    else:
        for system in systems:
            for group in SYSTEMS[system]:
                for py in pythons:
                    tags = [f"--platform={tag}" for tag in group]
                    run([*pip, "download", "--only-binary=:all:", "--dest", str(wheels),
                         "--python-version", py, "--implementation", "cp", *tags, *deps])
    verify(wheels, systems, pythons, here)
    (out / "install-windows.bat").write_text(INSTALL_WINDOWS.replace("\n", "\r\n"),
                                             encoding="utf-8", newline="")
    for name in ("install-macos.command", "install-linux.sh"):
        path = out / name
        path.write_text(INSTALL_UNIX, encoding="utf-8", newline="\n")
        path.chmod(0o755)
    count = len(list(wheels.glob("*.whl")))
    (out / "README.txt").write_text(
        README.format(pythons=", ".join(pythons), date=time.strftime("%Y-%m-%d"),
                      systems=", ".join(systems), count=count), encoding="utf-8")
    archive = out.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(out.rglob("*")):
            info = zipfile.ZipInfo.from_file(path, path.relative_to(out.parent))
            if path.is_file():
                if path.suffix in (".sh", ".command"):
                    info.external_attr = 0o755 << 16
                zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    size = sum(p.stat().st_size for p in wheels.glob("*.whl"))
    print(f"wrote {out} ({count} wheels, {size / 1e6:.0f} MB) and {archive} "
          f"({archive.stat().st_size / 1e6:.0f} MB) in {time.monotonic() - start:.0f} s")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", default=str(ROOT / "dist" / "asean-chair-kit"),
                        metavar="DIR")
    parser.add_argument("--system", action="append", choices=sorted(SYSTEMS),
                        help="a system to include (default: all three)")
    parser.add_argument("--python", action="append", metavar="X.Y",
                        help=f"a Python version to include (default: {', '.join(PYTHONS)})")
    parser.add_argument("--here", action="store_true",
                        help="only this computer's system and Python (quick, for a test)")
    args = parser.parse_args(argv)
    build(Path(args.output), args.system or sorted(SYSTEMS), args.python or list(PYTHONS),
          args.here)
    return 0


if __name__ == "__main__":
    sys.exit(main())
