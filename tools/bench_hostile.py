"""How fast hostile files are refused: prints one figure per attack.

    python tools/bench_hostile.py

Each attack is a small pack written to a temporary folder and validated in
this process; the figure is the best of five runs. Speed is measured here,
not asserted in tests (a loaded machine would make such a test flaky).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PACK = "id: hostile\nname: Hostile\nversion: '1'\nformat: 1\n"


def attacks() -> dict[str, str]:
    """File text of each attack, by name."""
    bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        bomb.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    return {
        "billion laughs (10^9 values by alias)": "\n".join(bomb) + "\n",
        "200,000 nested brackets": "x: " + "[" * 200_000 + "]" * 200_000 + "\n",
        "a 5,000-digit number": "tracks:\n  - {id: t, name: T, start: " + "9" * 5000 + "}\n",
        "4 MB of one string": "cards: '" + "x" * (4 * 1024 * 1024 - 20) + "'\n",
    }


def main() -> None:
    from asean_chair.rules import RulesError, load_packs

    for name, text in attacks().items():
        best = float("inf")
        for _ in range(5):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp) / "hostile"
                folder.mkdir()
                (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
                (folder / "attack.yaml").write_text(text, encoding="utf-8")
                started = time.perf_counter()
                try:
                    load_packs([folder])
                except RulesError:
                    pass
                best = min(best, time.perf_counter() - started)
        print(f"{name:<40} refused in {best * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
